using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Round19 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "JoblessIllness",
                table: "work_tallies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "JoblessWeak",
                table: "work_tallies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "SourceId",
                table: "assistance_measures",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceKind",
                table: "assistance_measures",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_assistance_measures_CaseId_SourceKind_SourceId",
                table: "assistance_measures",
                columns: new[] { "CaseId", "SourceKind", "SourceId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_assistance_measures_CaseId_SourceKind_SourceId",
                table: "assistance_measures");

            migrationBuilder.DropColumn(
                name: "JoblessIllness",
                table: "work_tallies");

            migrationBuilder.DropColumn(
                name: "JoblessWeak",
                table: "work_tallies");

            migrationBuilder.DropColumn(
                name: "SourceId",
                table: "assistance_measures");

            migrationBuilder.DropColumn(
                name: "SourceKind",
                table: "assistance_measures");
        }
    }
}
