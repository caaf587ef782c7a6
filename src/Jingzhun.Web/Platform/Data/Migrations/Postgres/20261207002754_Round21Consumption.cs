using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Round21Consumption : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "consumption_products");
        }
    }
}
