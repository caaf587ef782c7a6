using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProvinceScaleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_households_VillageCode",
                table: "households");

            migrationBuilder.CreateIndex(
                name: "IX_households_dashboard",
                table: "households",
                columns: new[] { "VillageCode", "Status", "Size", "Attribute", "MainCause", "Class321", "LatestIncomeYear", "LatestPerCapitaIncome" });

            migrationBuilder.CreateIndex(
                name: "IX_households_village_number",
                table: "households",
                columns: new[] { "VillageCode", "HouseholdNumber" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_households_dashboard",
                table: "households");

            migrationBuilder.DropIndex(
                name: "IX_households_village_number",
                table: "households");

            migrationBuilder.CreateIndex(
                name: "IX_households_VillageCode",
                table: "households",
                column: "VillageCode");
        }
    }
}
