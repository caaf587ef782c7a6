using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Round17 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "work_tallies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VillageCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    People = table.Column<int>(type: "integer", nullable: false),
                    LabourForce = table.Column<int>(type: "integer", nullable: false),
                    Employed = table.Column<int>(type: "integer", nullable: false),
                    OutsideCounty = table.Column<int>(type: "integer", nullable: false),
                    OutsideProvince = table.Column<int>(type: "integer", nullable: false),
                    JoblessLabour = table.Column<int>(type: "integer", nullable: false),
                    JoblessAfterJob = table.Column<int>(type: "integer", nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_work_tallies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "work_target_policies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkforceTarget = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_work_target_policies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_work_tallies_CountyCode_Year_Month",
                table: "work_tallies",
                columns: new[] { "CountyCode", "Year", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_work_tallies_Year_Month_VillageCode",
                table: "work_tallies",
                columns: new[] { "Year", "Month", "VillageCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_work_target_policies_CountyCode_Year",
                table: "work_target_policies",
                columns: new[] { "CountyCode", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "work_tallies");

            migrationBuilder.DropTable(
                name: "work_target_policies");
        }
    }
}
