using System.ComponentModel.DataAnnotations;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Partners.Consumption;

/// <summary>供应主体类型: who supplies a recognised product.</summary>
public enum SupplierKind
{
    [Display(Name = "企业")] Company = 1,
    [Display(Name = "农民专业合作社")] Cooperative = 2,
    [Display(Name = "家庭农场")] FamilyFarm = 3,
    [Display(Name = "个体工商户")] Individual = 4,
    [Display(Name = "其他")] Other = 9,
}

/// <summary>产品类别 of a recognised 帮扶产品.</summary>
public enum ProductCategory
{
    [Display(Name = "粮油")] GrainOil = 1,
    [Display(Name = "畜禽肉蛋")] MeatEggs = 2,
    [Display(Name = "果蔬")] FruitVeg = 3,
    [Display(Name = "茶叶")] Tea = 4,
    [Display(Name = "水产")] Aquatic = 5,
    [Display(Name = "食用菌")] Fungi = 6,
    [Display(Name = "中药材")] Herbs = 7,
    [Display(Name = "加工食品")] ProcessedFood = 8,
    [Display(Name = "手工艺品")] Handicraft = 9,
    [Display(Name = "其他")] Other = 99,
}

/// <summary>购买方类型 of a sale: 东西部协作 and 定点帮扶 are the partners' share.</summary>
public enum BuyerType
{
    [Display(Name = "机关事业单位预留份额")] PublicReserved = 1,
    [Display(Name = "东西部协作")] EastWest = 2,
    [Display(Name = "定点帮扶")] Pairing = 3,
    [Display(Name = "社会企业")] Enterprise = 4,
    [Display(Name = "电商平台")] Ecommerce = 5,
    [Display(Name = "其他")] Other = 9,
}

/// <summary>销售渠道 of a sale.</summary>
public enum SaleChannel
{
    [Display(Name = "线下直采")] Direct = 1,
    [Display(Name = "832平台")] Platform832 = 2,
    [Display(Name = "电商平台")] Ecommerce = 3,
    [Display(Name = "展销会")] Fair = 4,
    [Display(Name = "以购代捐")] PurchaseForDonation = 5,
    [Display(Name = "其他")] Other = 9,
}

/// <summary>The facts of a recognised product as typed.</summary>
public sealed record ProductFacts(string SupplierName, SupplierKind SupplierKind, string ProductName, ProductCategory Category,
    string CertificateNumber, DateOnly ValidFrom, DateOnly ValidTo, bool OnPlatform832);

/// <summary>
/// 帮扶产品认定: a product of a supplier recognised by the county (扶贫/帮扶产品认定证书), with its validity, its 832 platform
/// listing and the households and villages that supply it (联农带农). It belongs to the place of its supplier: the county, or
/// the township or village when the supplier is local there (<see cref="RegionCode"/>); its sales follow it.
/// </summary>
[RegionScoped("RegionCode")]
public sealed class ConsumptionProduct : Platform.Auditing.IAudited, IVersioned
{
    private ConsumptionProduct() { }

    public long Id { get; private set; }
    public string CountyCode { get; private set; } = "";
    /// <summary>The supplier's place: the county's code, or a township's or village's of it.</summary>
    [CodePointOrder] public string RegionCode { get; private set; } = "";
    public string SupplierName { get; private set; } = "";
    public SupplierKind SupplierKind { get; private set; }
    public string ProductName { get; private set; } = "";
    public ProductCategory Category { get; private set; }
    /// <summary>扶贫/帮扶产品认定证书号 (unique).</summary>
    public string CertificateNumber { get; private set; } = "";
    public DateOnly ValidFrom { get; private set; }
    public DateOnly ValidTo { get; private set; }
    /// <summary>已在 832 平台（脱贫地区农副产品网络销售平台）上架.</summary>
    public bool OnPlatform832 { get; private set; }
    public List<ProductHousehold> Households { get; private set; } = [];
    public List<ProductVillage> Villages { get; private set; } = [];
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public static ConsumptionProduct Recognise(string regionCode, ProductFacts f, IEnumerable<long> households, IEnumerable<string> villages, DateTime now, string by)
    {
        var p = new ConsumptionProduct { RegionCode = regionCode, CountyCode = regionCode[..6], Version = 1, CreatedAt = now, CreatedBy = by };
        p.Apply(f, now, by);
        p.Link(households, villages);
        return p;
    }

    public void Edit(ProductFacts f, IEnumerable<long> households, IEnumerable<string> villages, DateTime now, string by)
    {
        Apply(f, now, by);
        Link(households, villages);
        Version++;
    }

    /// <summary>Whether a sale on <paramref name="day"/> falls within the certificate's validity.</summary>
    public bool ValidOn(DateOnly day) => day >= ValidFrom && day <= ValidTo;

    private void Link(IEnumerable<long> households, IEnumerable<string> villages)
    {
        var h = households.Distinct().ToHashSet();
        Households.RemoveAll(x => !h.Contains(x.HouseholdId));
        foreach (var id in h.Where(id => Households.All(x => x.HouseholdId != id))) Households.Add(new ProductHousehold(id));
        var v = villages.Distinct().ToHashSet();
        Villages.RemoveAll(x => !v.Contains(x.VillageCode));
        foreach (var code in v.Where(c => Villages.All(x => x.VillageCode != c))) Villages.Add(new ProductVillage(code));
    }

    private void Apply(ProductFacts f, DateTime now, string by)
    {
        SupplierName = f.SupplierName.Trim();
        SupplierKind = f.SupplierKind;
        ProductName = f.ProductName.Trim();
        Category = f.Category;
        CertificateNumber = f.CertificateNumber.Trim();
        ValidFrom = f.ValidFrom;
        ValidTo = f.ValidTo;
        OnPlatform832 = f.OnPlatform832;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() =>
        new(Id.ToString(), null, RegionCode, $"帮扶产品 {ProductName}（{SupplierName}，证书 {CertificateNumber}，带动 {Households.Count} 户）");
}

/// <summary>A household that supplies a product (联农带农).</summary>
[PartOf(typeof(ConsumptionProduct))]
[Platform.Auditing.NotAudited("part of the audited product: linking a household changes the product (its version and audit entry)")]
public sealed class ProductHousehold
{
    private ProductHousehold() { }
    public ProductHousehold(long householdId) => HouseholdId = householdId;
    public long Id { get; private set; }
    public long ProductId { get; private set; }
    public long HouseholdId { get; private set; }
}

/// <summary>A village that supplies a product (村集体 or the village's growers as a whole).</summary>
[PartOf(typeof(ConsumptionProduct))]
[Platform.Auditing.NotAudited("part of the audited product: linking a village changes the product (its version and audit entry)")]
public sealed class ProductVillage
{
    private ProductVillage() { }
    public ProductVillage(string villageCode) => VillageCode = villageCode;
    public long Id { get; private set; }
    public long ProductId { get; private set; }
    public string VillageCode { get; private set; } = "";
}

/// <summary>The facts of a sale as typed.</summary>
public sealed record SaleFacts(BuyerType BuyerType, string BuyerName, decimal Amount, DateOnly SoldOn, SaleChannel Channel, long? PartnershipId);

/// <summary>
/// 消费帮扶销售记录: a purchase of a recognised product (buyer type and name, amount in yuan, date, channel). Scoped by its
/// product's place. <see cref="PartnershipId"/> names the 东西部协作/定点帮扶 partnership the purchase counts for (owned by the
/// cooperation module; no foreign key).
/// </summary>
[RegionScoped("RegionCode")]
public sealed class ConsumptionSale : Platform.Auditing.IAudited
{
    private ConsumptionSale() { }

    public long Id { get; private set; }
    public long ProductId { get; private set; }
    public string CountyCode { get; private set; } = "";
    [CodePointOrder] public string RegionCode { get; private set; } = "";
    public BuyerType BuyerType { get; private set; }
    public string BuyerName { get; private set; } = "";
    public decimal Amount { get; private set; }
    public DateOnly SoldOn { get; private set; }
    public SaleChannel Channel { get; private set; }
    public long? PartnershipId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public static ConsumptionSale Record(ConsumptionProduct product, SaleFacts f, DateTime now, string by) => new()
    {
        ProductId = product.Id, CountyCode = product.CountyCode, RegionCode = product.RegionCode, BuyerType = f.BuyerType, BuyerName = f.BuyerName.Trim(),
        Amount = Math.Round(f.Amount, 2, MidpointRounding.AwayFromZero), SoldOn = f.SoldOn, Channel = f.Channel, PartnershipId = f.PartnershipId,
        CreatedAt = now, CreatedBy = by,
    };

    public Platform.Auditing.AuditFacts DescribeForAudit() =>
        new(Id.ToString(), null, RegionCode, $"消费帮扶销售 {BuyerName} {Amount:0.00}元（{SoldOn:yyyy-MM-dd}）");
}

public sealed class ConsumptionProductConfiguration : IEntityTypeConfiguration<ConsumptionProduct>
{
    public void Configure(EntityTypeBuilder<ConsumptionProduct> b)
    {
        b.ToTable("consumption_products");
        b.Property(p => p.CountyCode).HasMaxLength(6);
        b.Property(p => p.RegionCode).HasMaxLength(12);
        b.Property(p => p.SupplierName).HasMaxLength(100);
        b.Property(p => p.ProductName).HasMaxLength(100);
        b.Property(p => p.CertificateNumber).HasMaxLength(50);
        b.Property(p => p.CreatedBy).HasMaxLength(64);
        b.Property(p => p.UpdatedBy).HasMaxLength(64);
        b.HasIndex(p => p.CertificateNumber).IsUnique();
        b.HasIndex(p => p.RegionCode);
        b.HasMany(p => p.Households).WithOne().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Villages).WithOne().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ProductHouseholdConfiguration : IEntityTypeConfiguration<ProductHousehold>
{
    public void Configure(EntityTypeBuilder<ProductHousehold> b)
    {
        b.ToTable("consumption_product_households");
        b.HasIndex(x => new { x.ProductId, x.HouseholdId }).IsUnique();
        b.HasIndex(x => x.HouseholdId);
    }
}

public sealed class ProductVillageConfiguration : IEntityTypeConfiguration<ProductVillage>
{
    public void Configure(EntityTypeBuilder<ProductVillage> b)
    {
        b.ToTable("consumption_product_villages");
        b.Property(x => x.VillageCode).HasMaxLength(12);
        b.HasIndex(x => new { x.ProductId, x.VillageCode }).IsUnique();
    }
}

public sealed class ConsumptionSaleConfiguration : IEntityTypeConfiguration<ConsumptionSale>
{
    public void Configure(EntityTypeBuilder<ConsumptionSale> b)
    {
        b.ToTable("consumption_sales");
        b.Property(s => s.CountyCode).HasMaxLength(6);
        b.Property(s => s.RegionCode).HasMaxLength(12);
        b.Property(s => s.BuyerName).HasMaxLength(100);
        b.Property(s => s.CreatedBy).HasMaxLength(64);
        b.HasOne<ConsumptionProduct>().WithMany().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.RegionCode, s.SoldOn });
        b.HasIndex(s => new { s.ProductId, s.SoldOn });
        b.HasIndex(s => s.PartnershipId);
    }
}

/// <summary>The tables this part owns, as sets of the one context.</summary>
public static class ConsumptionData
{
    extension(AppDbContext db)
    {
        public DbSet<ConsumptionProduct> ConsumptionProducts => db.Set<ConsumptionProduct>();
        public DbSet<ConsumptionSale> ConsumptionSales => db.Set<ConsumptionSale>();
        public DbSet<ConsumptionTargetPolicy> ConsumptionTargetPolicies => db.Set<ConsumptionTargetPolicy>();
    }
}
