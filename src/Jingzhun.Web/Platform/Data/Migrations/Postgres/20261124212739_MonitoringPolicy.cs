using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Threshold = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    NearBand = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: false),
                    IncomeDropTrigger = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: false),
                    OutOfPocketTrigger = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    DecisionDays = table.Column<int>(type: "integer", nullable: false),
                    PublicityDays = table.Column<int>(type: "integer", nullable: false),
                    EliminationMinMonths = table.Column<int>(type: "integer", nullable: false),
                    EliminationMinMeasures = table.Column<int>(type: "integer", nullable: false),
                    EliminationStableYears = table.Column<int>(type: "integer", nullable: false)
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
