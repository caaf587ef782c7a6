using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DutiesSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "duty_policies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CombinedDutiesMaxHouseholds = table.Column<int>(type: "INTEGER", nullable: false),
                    PhotoEvidenceDimensions = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duty_policies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_duty_policies_CountyCode_Year",
                table: "duty_policies",
                columns: new[] { "CountyCode", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "duty_policies");
        }
    }
}
