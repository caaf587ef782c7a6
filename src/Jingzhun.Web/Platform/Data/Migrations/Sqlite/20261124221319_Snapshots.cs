using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Households = table.Column<int>(type: "INTEGER", nullable: false),
                    People = table.Column<int>(type: "INTEGER", nullable: false),
                    ExitedHouseholds = table.Column<int>(type: "INTEGER", nullable: false),
                    NotExitedHouseholds = table.Column<int>(type: "INTEGER", nullable: false),
                    MonitoredHouseholds = table.Column<int>(type: "INTEGER", nullable: false),
                    OrdinaryHouseholds = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_snapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_snapshot_rows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SnapshotId = table.Column<long>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    HouseholdNumber = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    HeadName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Attribute = table.Column<int>(type: "INTEGER", nullable: true),
                    Size = table.Column<int>(type: "INTEGER", nullable: false),
                    IncomeYear = table.Column<int>(type: "INTEGER", nullable: true),
                    PerCapitaIncome = table.Column<long>(type: "INTEGER", nullable: true),
                    MainCause = table.Column<int>(type: "INTEGER", nullable: true),
                    Class321 = table.Column<int>(type: "INTEGER", nullable: true)
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
