using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "JoblessWeak",
                table: "work_tallies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "SourceId",
                table: "assistance_measures",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceKind",
                table: "assistance_measures",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "welfare_jobs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VillageCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    MonthlyPay = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    EstablishedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    HolderId = table.Column<long>(type: "bigint", nullable: true),
                    HolderHouseholdId = table.Column<long>(type: "bigint", nullable: true),
                    HeldSince = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_welfare_jobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_welfare_jobs_households_HolderHouseholdId",
                        column: x => x.HolderHouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_welfare_jobs_members_HolderId",
                        column: x => x.HolderId,
                        principalTable: "members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "welfare_job_payments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JobId = table.Column<long>(type: "bigint", nullable: false),
                    VillageCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    HouseholdId = table.Column<long>(type: "bigint", nullable: false),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    FromMonth = table.Column<int>(type: "integer", nullable: false),
                    ToMonth = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_welfare_job_payments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_welfare_job_payments_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_welfare_job_payments_members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_welfare_job_payments_welfare_jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "welfare_jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "welfare_job_tenures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JobId = table.Column<long>(type: "bigint", nullable: false),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    HouseholdId = table.Column<long>(type: "bigint", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_welfare_job_tenures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_welfare_job_tenures_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_welfare_job_tenures_members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_welfare_job_tenures_welfare_jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "welfare_jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_employment_records_CountyCode_StartedOn_Id",
                table: "employment_records",
                columns: new[] { "CountyCode", "StartedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_assistance_measures_CaseId_SourceKind_SourceId",
                table: "assistance_measures",
                columns: new[] { "CaseId", "SourceKind", "SourceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_welfare_job_payments_HouseholdId_Year",
                table: "welfare_job_payments",
                columns: new[] { "HouseholdId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_welfare_job_payments_JobId_Year_FromMonth",
                table: "welfare_job_payments",
                columns: new[] { "JobId", "Year", "FromMonth" });

            migrationBuilder.CreateIndex(
                name: "IX_welfare_job_payments_MemberId_Year",
                table: "welfare_job_payments",
                columns: new[] { "MemberId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_welfare_job_payments_VillageCode_Year",
                table: "welfare_job_payments",
                columns: new[] { "VillageCode", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_welfare_job_tenures_HouseholdId",
                table: "welfare_job_tenures",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_welfare_job_tenures_JobId_StartedOn",
                table: "welfare_job_tenures",
                columns: new[] { "JobId", "StartedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_welfare_job_tenures_MemberId",
                table: "welfare_job_tenures",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_welfare_jobs_HolderHouseholdId",
                table: "welfare_jobs",
                column: "HolderHouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_welfare_jobs_HolderId",
                table: "welfare_jobs",
                column: "HolderId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_welfare_jobs_VillageCode_Type",
                table: "welfare_jobs",
                columns: new[] { "VillageCode", "Type" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "welfare_job_payments");

            migrationBuilder.DropTable(
                name: "welfare_job_tenures");

            migrationBuilder.DropTable(
                name: "welfare_jobs");

            migrationBuilder.DropIndex(
                name: "IX_employment_records_CountyCode_StartedOn_Id",
                table: "employment_records");

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
