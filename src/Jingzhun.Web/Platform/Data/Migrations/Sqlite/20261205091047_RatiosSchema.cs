using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Sqlite
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

            migrationBuilder.AddColumn<long>(
                name: "MicroloanMaxAmount",
                table: "monitoring_policies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5000000L);

            migrationBuilder.AddColumn<int>(
                name: "MicroloanMaxYears",
                table: "monitoring_policies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<long>(
                name: "OutOfPocketTriggerExited",
                table: "monitoring_policies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 500000L);
            // The single line of 10,000 yuan becomes the line for other households: 20,000 (DOMAIN.md §6).
            migrationBuilder.Sql("UPDATE monitoring_policies SET \"OutOfPocketTriggerOther\" = 2000000 WHERE \"OutOfPocketTriggerOther\" = 1000000");
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
