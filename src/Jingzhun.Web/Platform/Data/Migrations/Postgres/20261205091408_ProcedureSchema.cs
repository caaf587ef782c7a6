using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProcedureSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EliminationStableYears",
                table: "monitoring_policies");

            migrationBuilder.AddColumn<int>(
                name: "EliminationStableMonths",
                table: "monitoring_policies",
                type: "integer",
                nullable: false,
                defaultValue: 6);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EliminationStableMonths",
                table: "monitoring_policies");

            migrationBuilder.AddColumn<int>(
                name: "EliminationStableYears",
                table: "monitoring_policies",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }
    }
}
