using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecordsSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "CadreLeavesOn",
                table: "pairings",
                type: "TEXT",
                nullable: true);

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

            // Open pairings of cadres whose 帮扶期 already has an end: their households are 未结对 after it.
            migrationBuilder.Sql("UPDATE pairings SET \"CadreLeavesOn\" = (SELECT c.\"ActiveTo\" FROM cadres c WHERE c.\"Id\" = pairings.\"CadreId\") WHERE \"EndedOn\" IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CadreLeavesOn",
                table: "pairings");

            migrationBuilder.DropColumn(
                name: "RecallNote",
                table: "cadres");

            migrationBuilder.DropColumn(
                name: "RecallReason",
                table: "cadres");

            migrationBuilder.DropColumn(
                name: "RecalledOn",
                table: "cadres");
        }
    }
}
