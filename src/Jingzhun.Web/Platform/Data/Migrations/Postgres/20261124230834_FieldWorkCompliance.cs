using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FieldWorkCompliance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "emergency_flags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    HouseholdId = table.Column<long>(type: "bigint", nullable: false),
                    VillageCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    FlaggedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_flags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_emergency_flags_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "review_meetings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TownshipCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Attendees = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "visit_policies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    FestivalDaysBefore = table.Column<int>(type: "integer", nullable: false),
                    FestivalDaysAfter = table.Column<int>(type: "integer", nullable: false),
                    EmergencyDays = table.Column<int>(type: "integer", nullable: false),
                    PairingGraceDays = table.Column<int>(type: "integer", nullable: false),
                    GpsThresholdMetres = table.Column<int>(type: "integer", nullable: false),
                    LateEntryDays = table.Column<int>(type: "integer", nullable: false),
                    MaxVisitsPerDay = table.Column<int>(type: "integer", nullable: false),
                    TownshipSwitchMinutes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visit_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "work_logs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CadreId = table.Column<long>(type: "bigint", nullable: true),
                    WorkTeamId = table.Column<long>(type: "bigint", nullable: true),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ProjectName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_work_logs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_work_logs_cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_work_logs_work_teams_WorkTeamId",
                        column: x => x.WorkTeamId,
                        principalTable: "work_teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "review_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReviewMeetingId = table.Column<long>(type: "bigint", nullable: false),
                    ProblemId = table.Column<long>(type: "bigint", nullable: true),
                    RiskLeadId = table.Column<long>(type: "bigint", nullable: true),
                    Subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Decision = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ActedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ResolvedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_review_items_review_meetings_ReviewMeetingId",
                        column: x => x.ReviewMeetingId,
                        principalTable: "review_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "work_log_households",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkLogId = table.Column<long>(type: "bigint", nullable: false),
                    HouseholdId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_work_log_households", x => x.Id);
                    table.ForeignKey(
                        name: "FK_work_log_households_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_work_log_households_work_logs_WorkLogId",
                        column: x => x.WorkLogId,
                        principalTable: "work_logs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "work_log_photos",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkLogId = table.Column<long>(type: "bigint", nullable: false),
                    StoredFileId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_work_log_photos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_work_log_photos_stored_files_StoredFileId",
                        column: x => x.StoredFileId,
                        principalTable: "stored_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_work_log_photos_work_logs_WorkLogId",
                        column: x => x.WorkLogId,
                        principalTable: "work_logs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_emergency_flags_HouseholdId",
                table: "emergency_flags",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_emergency_flags_VillageCode_FlaggedOn",
                table: "emergency_flags",
                columns: new[] { "VillageCode", "FlaggedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_review_items_ReviewMeetingId",
                table: "review_items",
                column: "ReviewMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_review_meetings_TownshipCode_HeldOn",
                table: "review_meetings",
                columns: new[] { "TownshipCode", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_visit_policies_CountyCode_Year",
                table: "visit_policies",
                columns: new[] { "CountyCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_work_log_households_HouseholdId",
                table: "work_log_households",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_work_log_households_WorkLogId",
                table: "work_log_households",
                column: "WorkLogId");

            migrationBuilder.CreateIndex(
                name: "IX_work_log_photos_StoredFileId",
                table: "work_log_photos",
                column: "StoredFileId");

            migrationBuilder.CreateIndex(
                name: "IX_work_log_photos_WorkLogId",
                table: "work_log_photos",
                column: "WorkLogId");

            migrationBuilder.CreateIndex(
                name: "IX_work_logs_CadreId",
                table: "work_logs",
                column: "CadreId");

            migrationBuilder.CreateIndex(
                name: "IX_work_logs_RegionCode_Date",
                table: "work_logs",
                columns: new[] { "RegionCode", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_work_logs_WorkTeamId",
                table: "work_logs",
                column: "WorkTeamId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "emergency_flags");

            migrationBuilder.DropTable(
                name: "review_items");

            migrationBuilder.DropTable(
                name: "visit_policies");

            migrationBuilder.DropTable(
                name: "work_log_households");

            migrationBuilder.DropTable(
                name: "work_log_photos");

            migrationBuilder.DropTable(
                name: "review_meetings");

            migrationBuilder.DropTable(
                name: "work_logs");
        }
    }
}
