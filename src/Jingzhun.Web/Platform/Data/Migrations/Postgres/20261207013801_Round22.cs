using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Round22 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_relocation_supports_RelocatedHouseholdId_Year",
                table: "relocation_supports");

            migrationBuilder.DropIndex(
                name: "IX_members_household",
                table: "members");

            migrationBuilder.CreateTable(
                name: "consumption_products",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false, collation: "C"),
                    SupplierName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SupplierKind = table.Column<int>(type: "integer", nullable: false),
                    ProductName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Category = table.Column<int>(type: "integer", nullable: false),
                    CertificateNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: false),
                    OnPlatform832 = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consumption_products", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "consumption_target_policies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SalesTargetWan = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consumption_target_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "partnerships",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    PartnerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PartnerRegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    SinceYear = table.Column<int>(type: "integer", nullable: false),
                    ContactUnit = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_partnerships", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "consumption_product_households",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProductId = table.Column<long>(type: "bigint", nullable: false),
                    HouseholdId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consumption_product_households", x => x.Id);
                    table.ForeignKey(
                        name: "FK_consumption_product_households_consumption_products_Product~",
                        column: x => x.ProductId,
                        principalTable: "consumption_products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "consumption_product_villages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProductId = table.Column<long>(type: "bigint", nullable: false),
                    VillageCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consumption_product_villages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_consumption_product_villages_consumption_products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "consumption_products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "consumption_sales",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProductId = table.Column<long>(type: "bigint", nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false, collation: "C"),
                    BuyerType = table.Column<int>(type: "integer", nullable: false),
                    BuyerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    SoldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    PartnershipId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consumption_sales", x => x.Id);
                    table.ForeignKey(
                        name: "FK_consumption_sales_consumption_products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "consumption_products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cooperation_agreements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PartnershipId = table.Column<long>(type: "bigint", nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cooperation_agreements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cooperation_agreements_partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cooperation_deliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AgreementId = table.Column<long>(type: "bigint", nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Indicator = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    DeliveredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProjectIds = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cooperation_deliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cooperation_deliveries_cooperation_agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "cooperation_agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cooperation_targets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AgreementId = table.Column<long>(type: "bigint", nullable: false),
                    Indicator = table.Column<int>(type: "integer", nullable: false),
                    Target = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cooperation_targets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cooperation_targets_cooperation_agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "cooperation_agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_relocation_supports_RelocatedHouseholdId_Year_Kind_Amount",
                table: "relocation_supports",
                columns: new[] { "RelocatedHouseholdId", "Year", "Kind", "Amount" });

            migrationBuilder.CreateIndex(
                name: "IX_members_household",
                table: "members",
                columns: new[] { "HouseholdId", "Status", "LaborSkill", "WorkStatus" });

            migrationBuilder.CreateIndex(
                name: "IX_households_relocated",
                table: "households",
                column: "VillageCode",
                filter: "\"IsRelocated\"");

            migrationBuilder.CreateIndex(
                name: "IX_consumption_product_households_HouseholdId",
                table: "consumption_product_households",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_consumption_product_households_ProductId_HouseholdId",
                table: "consumption_product_households",
                columns: new[] { "ProductId", "HouseholdId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_consumption_product_villages_ProductId_VillageCode",
                table: "consumption_product_villages",
                columns: new[] { "ProductId", "VillageCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_consumption_products_CertificateNumber",
                table: "consumption_products",
                column: "CertificateNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_consumption_products_RegionCode",
                table: "consumption_products",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_consumption_sales_PartnershipId",
                table: "consumption_sales",
                column: "PartnershipId");

            migrationBuilder.CreateIndex(
                name: "IX_consumption_sales_ProductId_SoldOn",
                table: "consumption_sales",
                columns: new[] { "ProductId", "SoldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_consumption_sales_RegionCode_SoldOn",
                table: "consumption_sales",
                columns: new[] { "RegionCode", "SoldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_consumption_target_policies_CountyCode_Year",
                table: "consumption_target_policies",
                columns: new[] { "CountyCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cooperation_agreements_CountyCode_Year",
                table: "cooperation_agreements",
                columns: new[] { "CountyCode", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_cooperation_agreements_PartnershipId_Year",
                table: "cooperation_agreements",
                columns: new[] { "PartnershipId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cooperation_deliveries_AgreementId_Indicator",
                table: "cooperation_deliveries",
                columns: new[] { "AgreementId", "Indicator" });

            migrationBuilder.CreateIndex(
                name: "IX_cooperation_deliveries_CountyCode",
                table: "cooperation_deliveries",
                column: "CountyCode");

            migrationBuilder.CreateIndex(
                name: "IX_cooperation_targets_AgreementId_Indicator",
                table: "cooperation_targets",
                columns: new[] { "AgreementId", "Indicator" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_partnerships_CountyCode_Kind",
                table: "partnerships",
                columns: new[] { "CountyCode", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "consumption_product_households");

            migrationBuilder.DropTable(
                name: "consumption_product_villages");

            migrationBuilder.DropTable(
                name: "consumption_sales");

            migrationBuilder.DropTable(
                name: "consumption_target_policies");

            migrationBuilder.DropTable(
                name: "cooperation_deliveries");

            migrationBuilder.DropTable(
                name: "cooperation_targets");

            migrationBuilder.DropTable(
                name: "consumption_products");

            migrationBuilder.DropTable(
                name: "cooperation_agreements");

            migrationBuilder.DropTable(
                name: "partnerships");

            migrationBuilder.DropIndex(
                name: "IX_relocation_supports_RelocatedHouseholdId_Year_Kind_Amount",
                table: "relocation_supports");

            migrationBuilder.DropIndex(
                name: "IX_members_household",
                table: "members");

            migrationBuilder.DropIndex(
                name: "IX_households_relocated",
                table: "households");

            migrationBuilder.CreateIndex(
                name: "IX_relocation_supports_RelocatedHouseholdId_Year",
                table: "relocation_supports",
                columns: new[] { "RelocatedHouseholdId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_members_household",
                table: "members",
                columns: new[] { "HouseholdId", "Status" });
        }
    }
}
