using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Round14 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BehindProgressPoints",
                table: "project_warning_policies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 20);

            migrationBuilder.AddColumn<string>(
                name: "PhotoIds",
                table: "project_events",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhotoIds",
                table: "asset_cares",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "asset_checks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    StartOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_asset_checks", x => x.Id);
                });

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
                name: "asset_check_lines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CheckId = table.Column<long>(type: "INTEGER", nullable: false),
                    AssetId = table.Column<long>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    AssetName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AssetClass = table.Column<int>(type: "INTEGER", nullable: false),
                    LedgerStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    Finding = table.Column<int>(type: "INTEGER", nullable: true),
                    CheckedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CheckedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CheckedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_asset_check_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_asset_check_lines_asset_checks_CheckId",
                        column: x => x.CheckId,
                        principalTable: "asset_checks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_asset_check_lines_project_assets_AssetId",
                        column: x => x.AssetId,
                        principalTable: "project_assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
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
                name: "asset_rectifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CheckId = table.Column<long>(type: "INTEGER", nullable: false),
                    LineId = table.Column<long>(type: "INTEGER", nullable: false),
                    AssetId = table.Column<long>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Finding = table.Column<int>(type: "INTEGER", nullable: false),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ResponsiblePerson = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ResponsibleUnit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RectifiedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RectifiedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    VerifiedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    VerifiedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_asset_rectifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_asset_rectifications_asset_check_lines_LineId",
                        column: x => x.LineId,
                        principalTable: "asset_check_lines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_asset_rectifications_asset_checks_CheckId",
                        column: x => x.CheckId,
                        principalTable: "asset_checks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_asset_rectifications_project_assets_AssetId",
                        column: x => x.AssetId,
                        principalTable: "project_assets",
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
                name: "IX_asset_check_lines_AssetId",
                table: "asset_check_lines",
                column: "AssetId");

            migrationBuilder.CreateIndex(
                name: "IX_asset_check_lines_CheckId_AssetId",
                table: "asset_check_lines",
                columns: new[] { "CheckId", "AssetId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_asset_check_lines_RegionCode",
                table: "asset_check_lines",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_asset_checks_RegionCode_Year",
                table: "asset_checks",
                columns: new[] { "RegionCode", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_asset_rectifications_AssetId",
                table: "asset_rectifications",
                column: "AssetId");

            migrationBuilder.CreateIndex(
                name: "IX_asset_rectifications_CheckId",
                table: "asset_rectifications",
                column: "CheckId");

            migrationBuilder.CreateIndex(
                name: "IX_asset_rectifications_LineId",
                table: "asset_rectifications",
                column: "LineId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_asset_rectifications_RegionCode_Status",
                table: "asset_rectifications",
                columns: new[] { "RegionCode", "Status" });

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
                name: "asset_rectifications");

            migrationBuilder.DropTable(
                name: "collective_band_policies");

            migrationBuilder.DropTable(
                name: "collective_distributions");

            migrationBuilder.DropTable(
                name: "collective_incomes");

            migrationBuilder.DropTable(
                name: "industry_base_projects");

            migrationBuilder.DropTable(
                name: "asset_check_lines");

            migrationBuilder.DropTable(
                name: "collective_organizations");

            migrationBuilder.DropTable(
                name: "industry_bases");

            migrationBuilder.DropTable(
                name: "asset_checks");

            migrationBuilder.DropTable(
                name: "leading_industries");

            migrationBuilder.DropColumn(
                name: "BehindProgressPoints",
                table: "project_warning_policies");

            migrationBuilder.DropColumn(
                name: "PhotoIds",
                table: "project_events");

            migrationBuilder.DropColumn(
                name: "PhotoIds",
                table: "asset_cares");
        }
    }
}
