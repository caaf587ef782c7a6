using System.ComponentModel.DataAnnotations;
using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Modules.Projects.Collective;

/// <summary>
/// 村集体经济收入的来源. 资产收益 is never typed: it is the village collective's share (分配给村集体) of the paid
/// distribution plans of the village's 扶贫项目资产. 补助收入 and 其他收入 are not operating income (经营性收入).
/// </summary>
public enum CollectiveIncomeSource
{
    [Display(Name = "经营收入")] Operating = 1,
    [Display(Name = "资产收益")] AssetIncome = 2,
    [Display(Name = "土地流转/租金收入")] Rent = 3,
    [Display(Name = "服务收入")] Services = 4,
    [Display(Name = "入股分红收入")] Shares = 5,
    [Display(Name = "补助收入")] Subsidy = 6,
    [Display(Name = "其他收入")] Other = 7,
}

/// <summary>The band of a village's 经营性收入 in a year (thresholds from the county's 村集体经济收入分档 policy).</summary>
public enum CollectiveBand
{
    [Display(Name = "空壳村")] Shell = 1,
    [Display(Name = "10万元以下")] Low = 2,
    [Display(Name = "10万至100万元")] Middle = 3,
    [Display(Name = "100万元及以上")] High = 4,
}

/// <summary>联农带农方式: how an industry base's 龙头企业/合作社 bring households in.</summary>
public enum FarmerLinkMethod
{
    [Display(Name = "土地流转")] LandTransfer = 1,
    [Display(Name = "务工就业")] Employment = 2,
    [Display(Name = "入股分红")] Shares = 3,
    [Display(Name = "订单收购")] Orders = 4,
    [Display(Name = "生产托管服务")] Services = 5,
    [Display(Name = "其他")] Other = 6,
}

/// <summary>新型农村集体经济组织 of a village (one per village): its name, 统一社会信用代码, when it was set up, its members.</summary>
[Platform.Data.RegionScoped]
public sealed class CollectiveOrganization : Platform.Auditing.IAudited, Platform.Data.IVersioned
{
    private CollectiveOrganization() { }

    public long Id { get; private set; }
    public string CountyCode { get; private set; } = "";
    /// <summary>The village (12 digits).</summary>
    public string RegionCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? CreditCode { get; private set; }
    public DateOnly EstablishedOn { get; private set; }
    public int Members { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public int Version { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public static CollectiveOrganization Register(string village, string name, string? creditCode, DateOnly established, int members, DateTime now,
        string by) => new()
        {
            CountyCode = village[..6], RegionCode = village, Name = name.Trim(), CreditCode = creditCode, EstablishedOn = established,
            Members = members, CreatedAt = now, CreatedBy = by, Version = 1, UpdatedAt = now, UpdatedBy = by,
        };

    /// <summary>Corrects the organisation's facts (the village stays: one organisation per village).</summary>
    public void Edit(string name, string? creditCode, DateOnly established, int members, DateTime now, string by)
    {
        Name = name.Trim();
        CreditCode = creditCode;
        EstablishedOn = established;
        Members = members;
        Version++;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), null, RegionCode, $"集体经济组织 {Id} {Name}（成员 {Members} 人）");
}

/// <summary>A collective's income of one source in one year (recording the same source and year again replaces the amount).</summary>
[Platform.Data.RegionScoped]
public sealed class CollectiveIncome : Platform.Auditing.IAudited
{
    private CollectiveIncome() { }

    public long Id { get; private set; }
    public long OrganizationId { get; private set; }
    public string RegionCode { get; private set; } = "";
    public int Year { get; private set; }
    public CollectiveIncomeSource Source { get; private set; }
    public decimal Amount { get; private set; }
    public string Note { get; private set; } = "";
    public DateTime At { get; private set; }
    public string By { get; private set; } = "";

    public static CollectiveIncome Record(CollectiveOrganization o, int year, CollectiveIncomeSource source, decimal amount, string note, DateTime now,
        string by) => new()
        {
            OrganizationId = o.Id, RegionCode = o.RegionCode, Year = year, Source = source, Amount = amount, Note = note.Trim(), At = now, By = by,
        };

    public void Change(decimal amount, string note, DateTime now, string by)
    {
        Amount = amount;
        Note = note.Trim();
        At = now;
        By = by;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() =>
        new(Id.ToString(), null, RegionCode, $"集体经济组织 {OrganizationId} {Year}年{Labels.Of(Source)} {Amount:0.00} 元");
}

/// <summary>集体收益分配 of one year: to members (按股分红到户), to public welfare (公益事业), kept (留存/公积公益金).</summary>
[Platform.Data.RegionScoped]
public sealed class CollectiveDistribution : Platform.Auditing.IAudited
{
    private CollectiveDistribution() { }

    public long Id { get; private set; }
    public long OrganizationId { get; private set; }
    public string RegionCode { get; private set; } = "";
    public int Year { get; private set; }
    public decimal ToMembers { get; private set; }
    /// <summary>How many member households the share to members reached.</summary>
    public int Households { get; private set; }
    public decimal ToWelfare { get; private set; }
    public decimal Retained { get; private set; }
    public string Note { get; private set; } = "";
    public DateTime At { get; private set; }
    public string By { get; private set; } = "";

    public decimal Amount => ToMembers + ToWelfare + Retained;

    public static CollectiveDistribution Record(CollectiveOrganization o, int year, DateTime now, string by) =>
        new() { OrganizationId = o.Id, RegionCode = o.RegionCode, Year = year, At = now, By = by };

    public void Set(decimal toMembers, int households, decimal toWelfare, decimal retained, string note, DateTime now, string by)
    {
        ToMembers = toMembers;
        Households = households;
        ToWelfare = toWelfare;
        Retained = retained;
        Note = note.Trim();
        At = now;
        By = by;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() =>
        new(Id.ToString(), null, RegionCode, $"集体经济组织 {OrganizationId} {Year}年收益分配 {Amount:0.00} 元（分配到户 {ToMembers:0.00} 元）");
}

/// <summary>主导产业 of a county: e.g. 精品蔬菜 (product 莴笋、辣椒). The county's townships and villages read them (their bases grow them).</summary>
[Platform.Data.RegionScoped("CountyCode", ReadBelow = true)]
public sealed class LeadingIndustry : Platform.Auditing.IAudited
{
    private LeadingIndustry() { }

    public long Id { get; private set; }
    public string CountyCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Product { get; private set; } = "";
    public DateTime At { get; private set; }
    public string By { get; private set; } = "";

    public static LeadingIndustry Of(string county, string name, string product, DateTime now, string by) =>
        new() { CountyCode = county, Name = name.Trim(), Product = product.Trim(), At = now, By = by };

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), null, CountyCode, $"主导产业 {Id} {Name}（{Product}）");
}

/// <summary>
/// 产业基地: where a county's industry is grown (a township, or the county for one spanning townships), its villages,
/// product, area in 亩, the households it brings along (of them 脱贫户/监测户), the 龙头企业/合作社 that run it and how
/// they bring households in (联农带农), and the projects that built it.
/// </summary>
[Platform.Data.RegionScoped]
public sealed class IndustryBase : Platform.Auditing.IAudited, Platform.Data.IVersioned
{
    private IndustryBase() { }

    public long Id { get; private set; }
    public string CountyCode { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    public long? IndustryId { get; private set; }
    public string Name { get; private set; } = "";
    public string Product { get; private set; } = "";
    public decimal AreaMu { get; private set; }
    /// <summary>The villages, comma separated.</summary>
    public string VillageCodes { get; private set; } = "";
    public int Households { get; private set; }
    public int PoorHouseholds { get; private set; }
    public string Operators { get; private set; } = "";
    public FarmerLinkMethod LinkMethod { get; private set; }
    public DateTime At { get; private set; }
    public string By { get; private set; } = "";
    public int Version { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public List<IndustryBaseProject> Projects { get; private set; } = [];

    public IReadOnlyList<string> Villages => VillageCodes.Length == 0 ? [] : VillageCodes.Split(',');

    public static IndustryBase Create(string region, long? industryId, string name, string product, decimal areaMu, IEnumerable<string> villages,
        int households, int poorHouseholds, string operators, FarmerLinkMethod method, IEnumerable<long> projectIds, DateTime now, string by)
    {
        var b = new IndustryBase { CountyCode = region[..6], RegionCode = region, At = now, By = by, Version = 1, UpdatedAt = now, UpdatedBy = by };
        b.Set(industryId, name, product, areaMu, villages, households, poorHouseholds, operators, method, projectIds);
        return b;
    }

    /// <summary>Corrects the base (its place stays: the township, or the county for a base across townships).</summary>
    public void Edit(long? industryId, string name, string product, decimal areaMu, IEnumerable<string> villages, int households, int poorHouseholds,
        string operators, FarmerLinkMethod method, IEnumerable<long> projectIds, DateTime now, string by)
    {
        Set(industryId, name, product, areaMu, villages, households, poorHouseholds, operators, method, projectIds);
        Version++;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    private void Set(long? industryId, string name, string product, decimal areaMu, IEnumerable<string> villages, int households, int poorHouseholds,
        string operators, FarmerLinkMethod method, IEnumerable<long> projectIds)
    {
        IndustryId = industryId;
        Name = name.Trim();
        Product = product.Trim();
        AreaMu = areaMu;
        VillageCodes = string.Join(',', villages);
        Households = households;
        PoorHouseholds = poorHouseholds;
        Operators = operators.Trim();
        LinkMethod = method;
        var wanted = projectIds.ToHashSet();
        Projects.RemoveAll(p => !wanted.Contains(p.ProjectId));
        Projects.AddRange(wanted.Where(p => Projects.All(x => x.ProjectId != p)).Select(p => new IndustryBaseProject { ProjectId = p }));
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() =>
        new(Id.ToString(), null, RegionCode, $"产业基地 {Id} {Name}（{Product}，{AreaMu:0.##} 亩，带动 {Households} 户）");
}

/// <summary>A project that built (part of) an industry base.</summary>
[Platform.Data.PartOf(typeof(IndustryBase))]
[Platform.Auditing.NotAudited("part of the industry base, audited with it")]
public sealed class IndustryBaseProject
{
    public long Id { get; set; }
    public long IndustryBaseId { get; set; }
    public long ProjectId { get; set; }
}
