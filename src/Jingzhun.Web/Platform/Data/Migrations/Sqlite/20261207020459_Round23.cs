using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Round23 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sampling_campaigns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Purpose = table.Column<int>(type: "INTEGER", nullable: false),
                    Frame = table.Column<int>(type: "INTEGER", nullable: false),
                    Design = table.Column<int>(type: "INTEGER", nullable: false),
                    Margin = table.Column<long>(type: "INTEGER", precision: 6, scale: 4, nullable: false),
                    ExpectedRate = table.Column<long>(type: "INTEGER", precision: 6, scale: 4, nullable: false),
                    NonResponse = table.Column<long>(type: "INTEGER", precision: 6, scale: 4, nullable: false),
                    ReservesPerStratum = table.Column<int>(type: "INTEGER", nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    FrameSize = table.Column<int>(type: "INTEGER", nullable: false),
                    SampleSize = table.Column<int>(type: "INTEGER", nullable: false),
                    DrawnAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DrawnBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sampling_campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sampled_households",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Stratum = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    DrawOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ReplacesId = table.Column<long>(type: "INTEGER", nullable: true),
                    ReplacedById = table.Column<long>(type: "INTEGER", nullable: true),
                    NonResponseReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IncomePerCapita = table.Column<long>(type: "INTEGER", precision: 12, scale: 2, nullable: true),
                    FoodClothing = table.Column<int>(type: "INTEGER", nullable: true),
                    Education = table.Column<int>(type: "INTEGER", nullable: true),
                    Medical = table.Column<int>(type: "INTEGER", nullable: true),
                    Housing = table.Column<int>(type: "INTEGER", nullable: true),
                    Water = table.Column<int>(type: "INTEGER", nullable: true),
                    AssistanceReceived = table.Column<bool>(type: "INTEGER", nullable: true),
                    AssistanceNote = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Satisfaction = table.Column<int>(type: "INTEGER", nullable: true),
                    ShouldBeRegistered = table.Column<bool>(type: "INTEGER", nullable: true),
                    VisitedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    VisitedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    LeadId = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sampled_households", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sampled_households_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sampled_households_sampling_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "sampling_campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sampling_frame_units",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    Stratum = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sampling_frame_units", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sampling_frame_units_sampling_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "sampling_campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sampled_households_CampaignId_HouseholdId",
                table: "sampled_households",
                columns: new[] { "CampaignId", "HouseholdId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sampled_households_HouseholdId",
                table: "sampled_households",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_sampled_households_VillageCode_CampaignId",
                table: "sampled_households",
                columns: new[] { "VillageCode", "CampaignId" });

            migrationBuilder.CreateIndex(
                name: "IX_sampling_campaigns_RegionCode_Id",
                table: "sampling_campaigns",
                columns: new[] { "RegionCode", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_sampling_frame_units_CampaignId_HouseholdId",
                table: "sampling_frame_units",
                columns: new[] { "CampaignId", "HouseholdId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sampled_households");

            migrationBuilder.DropTable(
                name: "sampling_frame_units");

            migrationBuilder.DropTable(
                name: "sampling_campaigns");
        }
    }
}
