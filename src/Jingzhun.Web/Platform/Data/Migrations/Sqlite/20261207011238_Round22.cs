using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Round22 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_relocation_supports_RelocatedHouseholdId_Year",
                table: "relocation_supports");

            migrationBuilder.DropIndex(
                name: "IX_members_household",
                table: "members");

            migrationBuilder.CreateIndex(
                name: "IX_relocation_supports_RelocatedHouseholdId_Year_Kind_Amount",
                table: "relocation_supports",
                columns: new[] { "RelocatedHouseholdId", "Year", "Kind", "Amount" });

            migrationBuilder.CreateIndex(
                name: "IX_members_household",
                table: "members",
                columns: new[] { "HouseholdId", "Status", "LaborSkill", "WorkStatus" });

            migrationBuilder.CreateIndex(
                name: "IX_households_relocated",
                table: "households",
                column: "VillageCode",
                filter: "\"IsRelocated\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_relocation_supports_RelocatedHouseholdId_Year_Kind_Amount",
                table: "relocation_supports");

            migrationBuilder.DropIndex(
                name: "IX_members_household",
                table: "members");

            migrationBuilder.DropIndex(
                name: "IX_households_relocated",
                table: "households");

            migrationBuilder.CreateIndex(
                name: "IX_relocation_supports_RelocatedHouseholdId_Year",
                table: "relocation_supports",
                columns: new[] { "RelocatedHouseholdId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_members_household",
                table: "members",
                columns: new[] { "HouseholdId", "Status" });
        }
    }
}
