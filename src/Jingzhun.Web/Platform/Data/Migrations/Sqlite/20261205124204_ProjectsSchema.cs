using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProjectsSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fund_allocations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fund_allocations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "project_warning_policies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NotStartedDays = table.Column<int>(type: "INTEGER", nullable: false),
                    NotAcceptedDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_project_warning_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "projects",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    VillageCodes = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Category = table.Column<int>(type: "INTEGER", nullable: false),
                    SubType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ImplementingUnit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PlannedStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PlannedEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TargetHouseholds = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetJobs = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetIncomePerHousehold = table.Column<long>(type: "INTEGER", nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    Progress = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProposedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PlanIssuedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcceptanceResult = table.Column<int>(type: "INTEGER", nullable: true),
                    TerminationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_projects", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fund_assignments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AllocationId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fund_assignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fund_assignments_fund_allocations_AllocationId",
                        column: x => x.AllocationId,
                        principalTable: "fund_allocations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_fund_assignments_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fund_payments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    AllocationId = table.Column<long>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    VoucherNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Payee = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fund_payments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fund_payments_fund_allocations_AllocationId",
                        column: x => x.AllocationId,
                        principalTable: "fund_allocations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_fund_payments_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "project_beneficiaries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    Benefit = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_project_beneficiaries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_project_beneficiaries_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_project_beneficiaries_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "project_budgets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_project_budgets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_project_budgets_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "project_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    From = table.Column<int>(type: "INTEGER", nullable: true),
                    To = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_project_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_project_events_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_fund_allocations_CountyCode_Year_Source",
                table: "fund_allocations",
                columns: new[] { "CountyCode", "Year", "Source" });

            migrationBuilder.CreateIndex(
                name: "IX_fund_assignments_AllocationId",
                table: "fund_assignments",
                column: "AllocationId");

            migrationBuilder.CreateIndex(
                name: "IX_fund_assignments_ProjectId",
                table: "fund_assignments",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_fund_payments_AllocationId_PaidOn",
                table: "fund_payments",
                columns: new[] { "AllocationId", "PaidOn" });

            migrationBuilder.CreateIndex(
                name: "IX_fund_payments_ProjectId_AllocationId",
                table: "fund_payments",
                columns: new[] { "ProjectId", "AllocationId" });

            migrationBuilder.CreateIndex(
                name: "IX_project_beneficiaries_HouseholdId",
                table: "project_beneficiaries",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_project_beneficiaries_ProjectId_HouseholdId",
                table: "project_beneficiaries",
                columns: new[] { "ProjectId", "HouseholdId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_project_budgets_ProjectId_Source",
                table: "project_budgets",
                columns: new[] { "ProjectId", "Source" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_project_events_ProjectId_At",
                table: "project_events",
                columns: new[] { "ProjectId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_project_warning_policies_CountyCode_Year",
                table: "project_warning_policies",
                columns: new[] { "CountyCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_projects_CountyCode_Year_Stage",
                table: "projects",
                columns: new[] { "CountyCode", "Year", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_projects_RegionCode_Year",
                table: "projects",
                columns: new[] { "RegionCode", "Year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fund_assignments");

            migrationBuilder.DropTable(
                name: "fund_payments");

            migrationBuilder.DropTable(
                name: "project_beneficiaries");

            migrationBuilder.DropTable(
                name: "project_budgets");

            migrationBuilder.DropTable(
                name: "project_events");

            migrationBuilder.DropTable(
                name: "project_warning_policies");

            migrationBuilder.DropTable(
                name: "fund_allocations");

            migrationBuilder.DropTable(
                name: "projects");
        }
    }
}
