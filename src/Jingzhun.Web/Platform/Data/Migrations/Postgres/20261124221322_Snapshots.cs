using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Snapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "registry_snapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Households = table.Column<int>(type: "integer", nullable: false),
                    People = table.Column<int>(type: "integer", nullable: false),
                    ExitedHouseholds = table.Column<int>(type: "integer", nullable: false),
                    NotExitedHouseholds = table.Column<int>(type: "integer", nullable: false),
                    MonitoredHouseholds = table.Column<int>(type: "integer", nullable: false),
                    OrdinaryHouseholds = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_snapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_snapshot_rows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SnapshotId = table.Column<long>(type: "bigint", nullable: false),
                    HouseholdId = table.Column<long>(type: "bigint", nullable: false),
                    HouseholdNumber = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    HeadName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    VillageCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Attribute = table.Column<int>(type: "integer", nullable: true),
                    Size = table.Column<int>(type: "integer", nullable: false),
                    IncomeYear = table.Column<int>(type: "integer", nullable: true),
                    PerCapitaIncome = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    MainCause = table.Column<int>(type: "integer", nullable: true),
                    Class321 = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_snapshot_rows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_registry_snapshot_rows_registry_snapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "registry_snapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_registry_snapshot_rows_SnapshotId_HouseholdId",
                table: "registry_snapshot_rows",
                columns: new[] { "SnapshotId", "HouseholdId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registry_snapshots_RegionCode_Year",
                table: "registry_snapshots",
                columns: new[] { "RegionCode", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registry_snapshot_rows");

            migrationBuilder.DropTable(
                name: "registry_snapshots");
        }
    }
}
