using System.ComponentModel.DataAnnotations;
using Jingzhun.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Partners.Relocation;

/// <summary>安置方式: 集中安置 in a town, a market town (集镇) or a central village, or 分散安置 (插花).</summary>
public enum SiteKind
{
    [Display(Name = "城镇集中安置")] Town = 1,
    [Display(Name = "集镇集中安置")] MarketTown = 2,
    [Display(Name = "中心村集中安置")] CentralVillage = 3,
    [Display(Name = "分散安置")] Scattered = 4,
}

/// <summary>后续扶持 received by a relocated household: 到户产业发展资金 and the 生活 subsidies (水费, 电费, 取暖).</summary>
public enum SupportKind
{
    [Display(Name = "到户产业发展资金")] IndustryFund = 1,
    [Display(Name = "水费补贴")] WaterSubsidy = 2,
    [Display(Name = "电费补贴")] PowerSubsidy = 3,
    [Display(Name = "取暖补贴")] HeatingSubsidy = 4,
    [Display(Name = "其他生活补贴")] OtherLiving = 5,
}

/// <summary>The facts of a site as typed (名称, 安置方式, 建成年份, 配套设施, 社区管理).</summary>
public sealed record SiteFacts(string Name, SiteKind Kind, int? BuiltYear, bool HasSchool, bool HasClinic, bool HasServiceCentre, bool HasWorkshop,
    string? Management);

/// <summary>
/// 安置点: where relocated households were settled. It belongs to the community (a village-level code) it stands in, so a
/// township sees the sites of its township; its relocated households are <see cref="RelocatedHousehold"/> rows.
/// </summary>
[Platform.Data.VillageScoped("CommunityCode")]
public sealed class SettlementSite : Platform.Auditing.IAudited, Platform.Data.IVersioned
{
    private SettlementSite() { }

    public long Id { get; private set; }
    /// <summary>The community (社区 or village) the site stands in.</summary>
    public string CommunityCode { get; private set; } = "";
    public string CountyCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public SiteKind Kind { get; private set; }
    public int? BuiltYear { get; private set; }
    // 配套设施: school, clinic, community service centre, 帮扶车间
    public bool HasSchool { get; private set; }
    public bool HasClinic { get; private set; }
    public bool HasServiceCentre { get; private set; }
    public bool HasWorkshop { get; private set; }
    /// <summary>社区管理: who runs the settlement (社区居委会, 党支部, 物业 …).</summary>
    public string? Management { get; private set; }
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public static SettlementSite Register(string communityCode, SiteFacts f, DateTime now, string by)
    {
        var s = new SettlementSite { CommunityCode = communityCode, CountyCode = communityCode[..6], Version = 1, CreatedAt = now, CreatedBy = by };
        s.Apply(f, now, by);
        return s;
    }

    public void Edit(SiteFacts f, DateTime now, string by)
    {
        Apply(f, now, by);
        Version++;
    }

    private void Apply(SiteFacts f, DateTime now, string by)
    {
        Name = f.Name.Trim();
        Kind = f.Kind;
        BuiltYear = f.BuiltYear;
        HasSchool = f.HasSchool;
        HasClinic = f.HasClinic;
        HasServiceCentre = f.HasServiceCentre;
        HasWorkshop = f.HasWorkshop;
        Management = string.IsNullOrWhiteSpace(f.Management) ? null : f.Management.Trim();
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), null, CommunityCode, $"安置点 {Name}");
}

/// <summary>
/// 搬迁户后续扶持档案: a relocated household of the registry (易地扶贫搬迁户) tied to its site and its origin village, with
/// its 不动产权证 and 户籍 steps and the supports it received. It belongs to the household's registry village.
/// </summary>
[Platform.Data.VillageScoped]
public sealed class RelocatedHousehold : Platform.Auditing.IAudited, Platform.Data.IVersioned, Platform.Data.IHouseholdOwned
{
    private RelocatedHousehold() { }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public long SiteId { get; private set; }
    public string VillageCode { get; private set; } = "";
    public string CountyCode { get; private set; } = "";
    /// <summary>迁出村: where the household lived before; the registry village when it did not move its 户籍.</summary>
    public string OriginVillageCode { get; private set; } = "";
    public int? RelocatedYear { get; private set; }
    /// <summary>安置房 不动产权证 issued to the household.</summary>
    public bool PropertyCertificateIssued { get; private set; }
    /// <summary>户籍 moved to the settlement community.</summary>
    public bool HukouMoved { get; private set; }
    public List<RelocationSupport> Supports { get; private set; } = [];
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public static RelocatedHousehold Link(long householdId, string villageCode, long siteId, string originVillageCode, int? relocatedYear,
        DateTime now, string by) => new()
    {
        HouseholdId = householdId, VillageCode = villageCode, CountyCode = villageCode[..6], SiteId = siteId, OriginVillageCode = originVillageCode,
        RelocatedYear = relocatedYear, Version = 1, CreatedAt = now, CreatedBy = by, UpdatedAt = now, UpdatedBy = by,
    };

    public void Edit(long siteId, string originVillageCode, int? relocatedYear, bool propertyCertificateIssued, bool hukouMoved, DateTime now, string by)
    {
        SiteId = siteId;
        OriginVillageCode = originVillageCode;
        RelocatedYear = relocatedYear;
        PropertyCertificateIssued = propertyCertificateIssued;
        HukouMoved = hukouMoved;
        Touch(now, by);
    }

    public RelocationSupport Grant(SupportKind kind, int year, decimal amount, DateOnly? paidOn, string? note, DateTime now, string by)
    {
        var s = new RelocationSupport(kind, year, amount, paidOn, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), now, by);
        Supports.Add(s);
        Touch(now, by);
        return s;
    }

    public void Withdraw(RelocationSupport support, DateTime now, string by)
    {
        Supports.Remove(support);
        Touch(now, by);
    }

    private void Touch(DateTime now, string by)
    {
        UpdatedAt = now;
        UpdatedBy = by;
        Version++;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), HouseholdId, VillageCode,
        $"搬迁户后续扶持（安置点 {SiteId}；不动产权证{(PropertyCertificateIssued ? "已办" : "未办")}，户籍{(HukouMoved ? "已迁" : "未迁")}；扶持 {Supports.Count} 笔）");
}

/// <summary>One support a relocated household received: kind, year, amount (元), when paid.</summary>
[Platform.Data.PartOf(typeof(RelocatedHousehold))]
[Platform.Auditing.NotAudited("part of the audited 搬迁户后续扶持档案: adding or removing a support changes the record (its version and summary)")]
public sealed class RelocationSupport
{
    private RelocationSupport() { }

    public RelocationSupport(SupportKind kind, int year, decimal amount, DateOnly? paidOn, string? note, DateTime at, string by)
    {
        Kind = kind; Year = year; Amount = amount; PaidOn = paidOn; Note = note; AddedAt = at; AddedBy = by;
    }

    public long Id { get; private set; }
    public long RelocatedHouseholdId { get; private set; }
    public SupportKind Kind { get; private set; }
    public int Year { get; private set; }
    public decimal Amount { get; private set; }
    public DateOnly? PaidOn { get; private set; }
    public string? Note { get; private set; }
    public DateTime AddedAt { get; private set; }
    public string AddedBy { get; private set; } = "";
}

public sealed class SettlementSiteConfiguration : IEntityTypeConfiguration<SettlementSite>
{
    public void Configure(EntityTypeBuilder<SettlementSite> builder)
    {
        builder.ToTable("settlement_sites");
        builder.Property(s => s.CommunityCode).HasMaxLength(12);
        builder.Property(s => s.CountyCode).HasMaxLength(6);
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.Management).HasMaxLength(200);
        builder.Property(s => s.CreatedBy).HasMaxLength(64);
        builder.Property(s => s.UpdatedBy).HasMaxLength(64);
        builder.HasIndex(s => new { s.CommunityCode, s.Id });
        // A site's name is what the registry's 安置点 column says: one site of a name per county.
        builder.HasIndex(s => new { s.CountyCode, s.Name }).IsUnique();
    }
}

public sealed class RelocatedHouseholdConfiguration : IEntityTypeConfiguration<RelocatedHousehold>
{
    public void Configure(EntityTypeBuilder<RelocatedHousehold> builder)
    {
        builder.ToTable("relocated_households");
        builder.Property(r => r.VillageCode).HasMaxLength(12);
        builder.Property(r => r.CountyCode).HasMaxLength(6);
        builder.Property(r => r.OriginVillageCode).HasMaxLength(12);
        builder.Property(r => r.CreatedBy).HasMaxLength(64);
        builder.Property(r => r.UpdatedBy).HasMaxLength(64);
        builder.HasOne<Household>().WithMany().HasForeignKey(r => r.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SettlementSite>().WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Supports).WithOne().HasForeignKey(s => s.RelocatedHouseholdId).OnDelete(DeleteBehavior.Cascade);
        // One follow-up record per household.
        builder.HasIndex(r => r.HouseholdId).IsUnique();
        builder.HasIndex(r => new { r.SiteId, r.HouseholdId });
        builder.HasIndex(r => r.VillageCode);
    }
}

public sealed class RelocationSupportConfiguration : IEntityTypeConfiguration<RelocationSupport>
{
    public void Configure(EntityTypeBuilder<RelocationSupport> builder)
    {
        builder.ToTable("relocation_supports");
        builder.Property(s => s.Note).HasMaxLength(200);
        builder.Property(s => s.AddedBy).HasMaxLength(64);
        // Covers the figures' sums (kind and amount per year).
        builder.HasIndex(s => new { s.RelocatedHouseholdId, s.Year, s.Kind, s.Amount });
    }
}
