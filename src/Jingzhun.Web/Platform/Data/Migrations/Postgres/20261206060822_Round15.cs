using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Round15 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "industry_bases",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "UpdatedBy",
                table: "industry_bases",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "industry_bases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "collective_organizations",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "UpdatedBy",
                table: "collective_organizations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "collective_organizations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "AssetOutcome",
                table: "asset_rectifications",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhotoIds",
                table: "asset_check_lines",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "project_notice_policies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SupervisionPhone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_project_notice_policies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_project_notice_policies_CountyCode_Year",
                table: "project_notice_policies",
                columns: new[] { "CountyCode", "Year" },
                unique: true);

            // Records registered before edits existed: version 1 (a stored version is never 0), last changed when registered.
            migrationBuilder.Sql("UPDATE collective_organizations SET \"Version\" = 1, \"UpdatedAt\" = \"CreatedAt\", \"UpdatedBy\" = \"CreatedBy\" WHERE \"Version\" = 0;");
            migrationBuilder.Sql("UPDATE industry_bases SET \"Version\" = 1, \"UpdatedAt\" = \"At\", \"UpdatedBy\" = \"By\" WHERE \"Version\" = 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "project_notice_policies");

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

            migrationBuilder.DropColumn(
                name: "AssetOutcome",
                table: "asset_rectifications");

            migrationBuilder.DropColumn(
                name: "PhotoIds",
                table: "asset_check_lines");
        }
    }
}
