using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Round12 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "OutOfPocketTrigger",
                table: "monitoring_policies",
                newName: "OutOfPocketTriggerOther");

            migrationBuilder.DropColumn(
                name: "EliminationStableYears",
                table: "monitoring_policies");

            migrationBuilder.AddColumn<long>(
                name: "OutOfPocketTriggerExited",
                table: "monitoring_policies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 500000L);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CadreLeavesOn",
                table: "pairings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EliminationStableMonths",
                table: "monitoring_policies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 6);

            migrationBuilder.AddColumn<long>(
                name: "MicroloanMaxAmount",
                table: "monitoring_policies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5000000L);

            migrationBuilder.AddColumn<int>(
                name: "MicroloanMaxYears",
                table: "monitoring_policies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<string>(
                name: "RecallNote",
                table: "cadres",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RecallReason",
                table: "cadres",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RecalledOn",
                table: "cadres",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "duty_policies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CombinedDutiesMaxHouseholds = table.Column<int>(type: "INTEGER", nullable: false),
                    PhotoEvidenceDimensions = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duty_policies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_duty_policies_CountyCode_Year",
                table: "duty_policies",
                columns: new[] { "CountyCode", "Year" },
                unique: true);

            // The single out-of-pocket line of 10,000 yuan becomes the line for other households: 20,000 (DOMAIN.md §6).
            migrationBuilder.Sql("UPDATE monitoring_policies SET \"OutOfPocketTriggerOther\" = 2000000 WHERE \"OutOfPocketTriggerOther\" = 1000000");
            // An open pairing ends when its cadre leaves (结对 in force: Pairing.CadreLeavesOn).
            migrationBuilder.Sql("UPDATE pairings SET \"CadreLeavesOn\" = (SELECT c.\"ActiveTo\" FROM cadres c WHERE c.\"Id\" = pairings.\"CadreId\") WHERE \"EndedOn\" IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "duty_policies");

            migrationBuilder.DropColumn(
                name: "CadreLeavesOn",
                table: "pairings");

            migrationBuilder.DropColumn(
                name: "EliminationStableMonths",
                table: "monitoring_policies");

            migrationBuilder.DropColumn(
                name: "MicroloanMaxAmount",
                table: "monitoring_policies");

            migrationBuilder.DropColumn(
                name: "MicroloanMaxYears",
                table: "monitoring_policies");

            migrationBuilder.DropColumn(
                name: "RecallNote",
                table: "cadres");

            migrationBuilder.DropColumn(
                name: "RecallReason",
                table: "cadres");

            migrationBuilder.DropColumn(
                name: "RecalledOn",
                table: "cadres");

            migrationBuilder.RenameColumn(
                name: "OutOfPocketTriggerOther",
                table: "monitoring_policies",
                newName: "OutOfPocketTrigger");

            migrationBuilder.DropColumn(
                name: "OutOfPocketTriggerExited",
                table: "monitoring_policies");

            migrationBuilder.AddColumn<int>(
                name: "EliminationStableYears",
                table: "monitoring_policies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 2);
        }
    }
}
