using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Round18 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClientId",
                table: "employment_records",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_employment_records_MemberId_ClientId",
                table: "employment_records",
                columns: new[] { "MemberId", "ClientId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_employment_records_MemberId_ClientId",
                table: "employment_records");

            migrationBuilder.DropColumn(
                name: "ClientId",
                table: "employment_records");
        }
    }
}
