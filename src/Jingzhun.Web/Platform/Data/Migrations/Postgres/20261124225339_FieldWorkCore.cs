using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FieldWorkCore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cadres",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Unit = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PhoneProtected = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    PhoneMasked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ActiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ActiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cadres", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "pairings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    HouseholdId = table.Column<long>(type: "bigint", nullable: false),
                    CadreId = table.Column<long>(type: "bigint", nullable: false),
                    VillageCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pairings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pairings_cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_pairings_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "visits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClientId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    HouseholdId = table.Column<long>(type: "bigint", nullable: false),
                    VillageCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CadreId = table.Column<long>(type: "bigint", nullable: false),
                    VisitedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EnteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Accuracy = table.Column<double>(type: "double precision", nullable: true),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    UpdateState = table.Column<int>(type: "integer", nullable: false),
                    HouseholdUpdateJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    UpdateBaseVersion = table.Column<int>(type: "integer", nullable: true),
                    ProblemIds = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LeadIds = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_visits_cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_visits_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "work_teams",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VillageCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FirstSecretaryId = table.Column<long>(type: "bigint", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_work_teams", x => x.Id);
                    table.ForeignKey(
                        name: "FK_work_teams_cadres_FirstSecretaryId",
                        column: x => x.FirstSecretaryId,
                        principalTable: "cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "visit_photos",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClientId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    VisitId = table.Column<long>(type: "bigint", nullable: true),
                    StoredFileId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TakenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExifLatitude = table.Column<double>(type: "double precision", nullable: true),
                    ExifLongitude = table.Column<double>(type: "double precision", nullable: true),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visit_photos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_visit_photos_stored_files_StoredFileId",
                        column: x => x.StoredFileId,
                        principalTable: "stored_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_visit_photos_visits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "visits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "work_team_members",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkTeamId = table.Column<long>(type: "bigint", nullable: false),
                    CadreId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_work_team_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_work_team_members_cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_work_team_members_work_teams_WorkTeamId",
                        column: x => x.WorkTeamId,
                        principalTable: "work_teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cadres_RegionCode",
                table: "cadres",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_cadres_UserId",
                table: "cadres",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pairings_CadreId_EndedOn",
                table: "pairings",
                columns: new[] { "CadreId", "EndedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_pairings_ChangedAt",
                table: "pairings",
                column: "ChangedAt");

            migrationBuilder.CreateIndex(
                name: "IX_pairings_VillageCode_EndedOn",
                table: "pairings",
                columns: new[] { "VillageCode", "EndedOn" });

            migrationBuilder.CreateIndex(
                name: "UX_pairings_one_active",
                table: "pairings",
                column: "HouseholdId",
                unique: true,
                filter: "\"EndedOn\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_visit_photos_ClientId",
                table: "visit_photos",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_visit_photos_Sha256",
                table: "visit_photos",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_visit_photos_StoredFileId",
                table: "visit_photos",
                column: "StoredFileId");

            migrationBuilder.CreateIndex(
                name: "IX_visit_photos_VisitId",
                table: "visit_photos",
                column: "VisitId");

            migrationBuilder.CreateIndex(
                name: "IX_visits_CadreId_VisitedAt",
                table: "visits",
                columns: new[] { "CadreId", "VisitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_visits_ClientId",
                table: "visits",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_visits_HouseholdId_VisitedAt",
                table: "visits",
                columns: new[] { "HouseholdId", "VisitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_visits_VillageCode_VisitedAt",
                table: "visits",
                columns: new[] { "VillageCode", "VisitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_work_team_members_CadreId",
                table: "work_team_members",
                column: "CadreId");

            migrationBuilder.CreateIndex(
                name: "IX_work_team_members_WorkTeamId_CadreId",
                table: "work_team_members",
                columns: new[] { "WorkTeamId", "CadreId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_work_teams_FirstSecretaryId",
                table: "work_teams",
                column: "FirstSecretaryId");

            migrationBuilder.CreateIndex(
                name: "IX_work_teams_VillageCode",
                table: "work_teams",
                column: "VillageCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pairings");

            migrationBuilder.DropTable(
                name: "visit_photos");

            migrationBuilder.DropTable(
                name: "work_team_members");

            migrationBuilder.DropTable(
                name: "visits");

            migrationBuilder.DropTable(
                name: "work_teams");

            migrationBuilder.DropTable(
                name: "cadres");
        }
    }
}
