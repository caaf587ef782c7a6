using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Postgres
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

            migrationBuilder.AddColumn<int>(
                name: "MicroloanMaxYears",
                table: "monitoring_policies",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CadreLeavesOn",
                table: "pairings",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EliminationStableMonths",
                table: "monitoring_policies",
                type: "integer",
                nullable: false,
                defaultValue: 6);

            migrationBuilder.AddColumn<decimal>(
                name: "MicroloanMaxAmount",
                table: "monitoring_policies",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: false,
                defaultValue: 50000m);

            migrationBuilder.AddColumn<decimal>(
                name: "OutOfPocketTriggerExited",
                table: "monitoring_policies",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: false,
                defaultValue: 5000m);

            migrationBuilder.AddColumn<string>(
                name: "RecallNote",
                table: "cadres",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RecallReason",
                table: "cadres",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RecalledOn",
                table: "cadres",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "duty_policies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CombinedDutiesMaxHouseholds = table.Column<int>(type: "integer", nullable: false),
                    PhotoEvidenceDimensions = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false)
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
            migrationBuilder.Sql("UPDATE monitoring_policies SET \"OutOfPocketTriggerOther\" = 20000 WHERE \"OutOfPocketTriggerOther\" = 10000");
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
                name: "OutOfPocketTriggerExited",
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
                name: "MicroloanMaxYears",
                table: "monitoring_policies");

            migrationBuilder.AddColumn<int>(
                name: "EliminationStableYears",
                table: "monitoring_policies",
                type: "integer",
                nullable: false,
                defaultValue: 2);
        }
    }
}
