using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Round14Collective : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "collective_band_policies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MiddleFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    HighFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_collective_band_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "collective_organizations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    EstablishedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Members = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_collective_organizations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "leading_industries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Product = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leading_industries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "collective_distributions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    ToMembers = table.Column<long>(type: "INTEGER", nullable: false),
                    Households = table.Column<int>(type: "INTEGER", nullable: false),
                    ToWelfare = table.Column<long>(type: "INTEGER", nullable: false),
                    Retained = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_collective_distributions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_collective_distributions_collective_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "collective_organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "collective_incomes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_collective_incomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_collective_incomes_collective_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "collective_organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "industry_bases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    IndustryId = table.Column<long>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Product = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AreaMu = table.Column<long>(type: "INTEGER", nullable: false),
                    VillageCodes = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Households = table.Column<int>(type: "INTEGER", nullable: false),
                    PoorHouseholds = table.Column<int>(type: "INTEGER", nullable: false),
                    Operators = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LinkMethod = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_industry_bases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_industry_bases_leading_industries_IndustryId",
                        column: x => x.IndustryId,
                        principalTable: "leading_industries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "industry_base_projects",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IndustryBaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_industry_base_projects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_industry_base_projects_industry_bases_IndustryBaseId",
                        column: x => x.IndustryBaseId,
                        principalTable: "industry_bases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_industry_base_projects_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_collective_band_policies_CountyCode_Year",
                table: "collective_band_policies",
                columns: new[] { "CountyCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_collective_distributions_OrganizationId_Year",
                table: "collective_distributions",
                columns: new[] { "OrganizationId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_collective_distributions_RegionCode_Year",
                table: "collective_distributions",
                columns: new[] { "RegionCode", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_collective_incomes_OrganizationId_Year_Source",
                table: "collective_incomes",
                columns: new[] { "OrganizationId", "Year", "Source" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_collective_incomes_RegionCode_Year",
                table: "collective_incomes",
                columns: new[] { "RegionCode", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_collective_organizations_RegionCode",
                table: "collective_organizations",
                column: "RegionCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_industry_base_projects_IndustryBaseId_ProjectId",
                table: "industry_base_projects",
                columns: new[] { "IndustryBaseId", "ProjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_industry_base_projects_ProjectId",
                table: "industry_base_projects",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_industry_bases_IndustryId",
                table: "industry_bases",
                column: "IndustryId");

            migrationBuilder.CreateIndex(
                name: "IX_industry_bases_RegionCode",
                table: "industry_bases",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_leading_industries_CountyCode_Name",
                table: "leading_industries",
                columns: new[] { "CountyCode", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "collective_band_policies");

            migrationBuilder.DropTable(
                name: "collective_distributions");

            migrationBuilder.DropTable(
                name: "collective_incomes");

            migrationBuilder.DropTable(
                name: "industry_base_projects");

            migrationBuilder.DropTable(
                name: "collective_organizations");

            migrationBuilder.DropTable(
                name: "industry_bases");

            migrationBuilder.DropTable(
                name: "leading_industries");
        }
    }
}
