using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MonitoringPolicy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "monitoring_policies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProvinceCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Threshold = table.Column<long>(type: "INTEGER", nullable: false),
                    NearBand = table.Column<long>(type: "INTEGER", precision: 5, scale: 4, nullable: false),
                    IncomeDropTrigger = table.Column<long>(type: "INTEGER", precision: 5, scale: 4, nullable: false),
                    OutOfPocketTrigger = table.Column<long>(type: "INTEGER", nullable: false),
                    DecisionDays = table.Column<int>(type: "INTEGER", nullable: false),
                    PublicityDays = table.Column<int>(type: "INTEGER", nullable: false),
                    EliminationMinMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    EliminationMinMeasures = table.Column<int>(type: "INTEGER", nullable: false),
                    EliminationStableYears = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_monitoring_policies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_monitoring_policies_ProvinceCode_Year",
                table: "monitoring_policies",
                columns: new[] { "ProvinceCode", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "monitoring_policies");
        }
    }
}
