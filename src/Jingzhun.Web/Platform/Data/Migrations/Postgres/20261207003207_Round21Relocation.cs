using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Round21Relocation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "relocation_policies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LargeSitePeople = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_relocation_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "settlement_sites",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CommunityCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    BuiltYear = table.Column<int>(type: "integer", nullable: true),
                    HasSchool = table.Column<bool>(type: "boolean", nullable: false),
                    HasClinic = table.Column<bool>(type: "boolean", nullable: false),
                    HasServiceCentre = table.Column<bool>(type: "boolean", nullable: false),
                    HasWorkshop = table.Column<bool>(type: "boolean", nullable: false),
                    Management = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_settlement_sites", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "relocated_households",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    HouseholdId = table.Column<long>(type: "bigint", nullable: false),
                    SiteId = table.Column<long>(type: "bigint", nullable: false),
                    VillageCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    OriginVillageCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    RelocatedYear = table.Column<int>(type: "integer", nullable: true),
                    PropertyCertificateIssued = table.Column<bool>(type: "boolean", nullable: false),
                    HukouMoved = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_relocated_households", x => x.Id);
                    table.ForeignKey(
                        name: "FK_relocated_households_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_relocated_households_settlement_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "settlement_sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "relocation_supports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RelocatedHouseholdId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AddedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_relocation_supports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_relocation_supports_relocated_households_RelocatedHousehold~",
                        column: x => x.RelocatedHouseholdId,
                        principalTable: "relocated_households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_relocated_households_HouseholdId",
                table: "relocated_households",
                column: "HouseholdId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_relocated_households_SiteId_HouseholdId",
                table: "relocated_households",
                columns: new[] { "SiteId", "HouseholdId" });

            migrationBuilder.CreateIndex(
                name: "IX_relocated_households_VillageCode",
                table: "relocated_households",
                column: "VillageCode");

            migrationBuilder.CreateIndex(
                name: "IX_relocation_policies_ProvinceCode_Year",
                table: "relocation_policies",
                columns: new[] { "ProvinceCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_relocation_supports_RelocatedHouseholdId_Year",
                table: "relocation_supports",
                columns: new[] { "RelocatedHouseholdId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_settlement_sites_CommunityCode_Id",
                table: "settlement_sites",
                columns: new[] { "CommunityCode", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_settlement_sites_CountyCode_Name",
                table: "settlement_sites",
                columns: new[] { "CountyCode", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "relocation_policies");

            migrationBuilder.DropTable(
                name: "relocation_supports");

            migrationBuilder.DropTable(
                name: "relocated_households");

            migrationBuilder.DropTable(
                name: "settlement_sites");
        }
    }
}
