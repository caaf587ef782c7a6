using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RatiosSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "OutOfPocketTrigger",
                table: "monitoring_policies",
                newName: "OutOfPocketTriggerOther");

            migrationBuilder.AddColumn<decimal>(
                name: "MicroloanMaxAmount",
                table: "monitoring_policies",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: false,
                defaultValue: 50000m);

            migrationBuilder.AddColumn<int>(
                name: "MicroloanMaxYears",
                table: "monitoring_policies",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<decimal>(
                name: "OutOfPocketTriggerExited",
                table: "monitoring_policies",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: false,
                defaultValue: 5000m);
            // The single line of 10,000 yuan becomes the line for other households: 20,000 (DOMAIN.md §6).
            migrationBuilder.Sql("UPDATE monitoring_policies SET \"OutOfPocketTriggerOther\" = 20000 WHERE \"OutOfPocketTriggerOther\" = 10000");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MicroloanMaxAmount",
                table: "monitoring_policies");

            migrationBuilder.DropColumn(
                name: "MicroloanMaxYears",
                table: "monitoring_policies");

            migrationBuilder.DropColumn(
                name: "OutOfPocketTriggerExited",
                table: "monitoring_policies");

            migrationBuilder.RenameColumn(
                name: "OutOfPocketTriggerOther",
                table: "monitoring_policies",
                newName: "OutOfPocketTrigger");
        }
    }
}
