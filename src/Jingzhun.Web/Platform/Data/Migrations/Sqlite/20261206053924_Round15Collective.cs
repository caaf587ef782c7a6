using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Round15Collective : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "industry_bases",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "UpdatedBy",
                table: "industry_bases",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "industry_bases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "collective_organizations",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "UpdatedBy",
                table: "collective_organizations",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "collective_organizations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Records registered before edits existed: version 1 (a stored version is never 0), last changed when registered.
            migrationBuilder.Sql("UPDATE collective_organizations SET \"Version\" = 1, \"UpdatedAt\" = \"CreatedAt\", \"UpdatedBy\" = \"CreatedBy\" WHERE \"Version\" = 0;");
            migrationBuilder.Sql("UPDATE industry_bases SET \"Version\" = 1, \"UpdatedAt\" = \"At\", \"UpdatedBy\" = \"By\" WHERE \"Version\" = 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "industry_bases");

            migrationBuilder.DropColumn(
                name: "UpdatedBy",
                table: "industry_bases");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "industry_bases");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "collective_organizations");

            migrationBuilder.DropColumn(
                name: "UpdatedBy",
                table: "collective_organizations");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "collective_organizations");
        }
    }
}
