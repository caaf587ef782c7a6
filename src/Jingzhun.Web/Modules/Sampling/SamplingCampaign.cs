using System.ComponentModel.DataAnnotations;
using Jingzhun.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Sampling;

/// <summary>核查目的 of a 回头看 campaign.</summary>
public enum SamplingPurpose
{
    [Display(Name = "识别准确性")] Identification = 1,
    [Display(Name = "退出真实性")] ExitTruth = 2,
    [Display(Name = "帮扶成效")] Assistance = 3,
    [Display(Name = "群众认可度")] Recognition = 4,
}

/// <summary>抽样框: which households of the region are drawn from.</summary>
public enum SamplingFrame
{
    [Display(Name = "脱贫户和监测户")] ExitedAndMonitored = 1,
    [Display(Name = "脱贫户")] Exited = 2,
    [Display(Name = "一般农户")] Ordinary = 3,
    [Display(Name = "全部农户")] All = 4,
}

/// <summary>抽样设计: simple random, or stratified by township or village with proportional allocation.</summary>
public enum SamplingDesign
{
    [Display(Name = "简单随机抽样")] Simple = 1,
    [Display(Name = "按乡镇分层抽样")] ByTownship = 2,
    [Display(Name = "按村分层抽样")] ByVillage = 3,
}

/// <summary>A sampled household's state: to visit, visited, or not reached (then replaced by a reserve); a reserve not (yet) used.</summary>
public enum SampleStatus
{
    [Display(Name = "待入户")] Pending = 1,
    [Display(Name = "已核查")] Visited = 2,
    [Display(Name = "无法联系")] Unreachable = 3,
    [Display(Name = "拒访")] Refused = 4,
    [Display(Name = "备选（未启用）")] Reserve = 5,
}

/// <summary>有保障 / 无保障 of a 两不愁三保障 item.</summary>
public enum Secured
{
    [Display(Name = "有保障")] Yes = 1,
    [Display(Name = "无保障")] No = 2,
}

/// <summary>
/// 回头看 抽样核查 campaign: a region (county or township), a purpose, a frame and a design with its sample size from a target
/// margin of error. The seed and the frame's size are recorded when the campaign is made, before the draw; the draw stores
/// the frame (its households' ids by stratum) and the sample, so the same seed and frame give the same households.
/// </summary>
[Platform.Data.RegionScoped("RegionCode")]
public sealed class SamplingCampaign : Platform.Auditing.IAudited, Platform.Data.IVersioned
{
    private SamplingCampaign() { }

    public long Id { get; private set; }
    public string RegionCode { get; private set; } = "";
    public string CountyCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int Year { get; private set; }
    public SamplingPurpose Purpose { get; private set; }
    public SamplingFrame Frame { get; private set; }
    public SamplingDesign Design { get; private set; }
    /// <summary>目标误差 e (e.g. 0.05).</summary>
    public decimal Margin { get; private set; }
    /// <summary>预期比例 p (0.5 when unknown: the largest sample).</summary>
    public decimal ExpectedRate { get; private set; }
    /// <summary>无应答预留 r (0 … 0.5): the sample is n/(1−r).</summary>
    public decimal NonResponse { get; private set; }
    /// <summary>备选户 drawn per stratum after its sample, to replace households not reached.</summary>
    public int ReservesPerStratum { get; private set; }
    public int Seed { get; private set; }
    /// <summary>抽样框户数 when the campaign was made; replaced by the frame stored at the draw.</summary>
    public int FrameSize { get; private set; }
    public int SampleSize { get; private set; }
    public DateTime? DrawnAt { get; private set; }
    public string? DrawnBy { get; private set; }
    public List<SamplingFrameUnit> Units { get; private set; } = [];
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public bool Drawn => DrawnAt is not null;

    public static SamplingCampaign Create(string region, string name, int year, SamplingPurpose purpose, SamplingFrame frame, SamplingDesign design,
        decimal margin, decimal expectedRate, decimal nonResponse, int reserves, int seed, int frameSize, int sampleSize, DateTime now, string by) => new()
    {
        RegionCode = region, CountyCode = region[..6], Name = name.Trim(), Year = year, Purpose = purpose, Frame = frame, Design = design, Margin = margin,
        ExpectedRate = expectedRate, NonResponse = nonResponse, ReservesPerStratum = reserves, Seed = seed, FrameSize = frameSize, SampleSize = sampleSize,
        Version = 1, CreatedAt = now, CreatedBy = by, UpdatedAt = now, UpdatedBy = by,
    };

    /// <summary>Fixes the frame (ids by stratum) and the sample size computed on it; the sample rows are added with it.</summary>
    public void Draw(IEnumerable<SamplingFrameUnit> units, int sampleSize, DateTime now, string by)
    {
        Units.AddRange(units);
        FrameSize = Units.Count;
        SampleSize = sampleSize;
        DrawnAt = now;
        DrawnBy = by;
        UpdatedAt = now;
        UpdatedBy = by;
        Version++;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), null, RegionCode,
        $"回头看抽样 {Name}（种子 {Seed}，抽样框 {FrameSize} 户，样本 {SampleSize} 户{(Drawn ? "，已抽样" : "")}）");
}

/// <summary>One household of a campaign's frame as fixed at the draw: its stratum and its type at that time.</summary>
[Platform.Data.PartOf(typeof(SamplingCampaign))]
[Platform.Auditing.NotAudited("part of the audited campaign: written once with the draw, which the campaign's audit entry records")]
public sealed class SamplingFrameUnit
{
    private SamplingFrameUnit() { }

    public SamplingFrameUnit(long householdId, string stratum, HouseholdStatus status)
    {
        HouseholdId = householdId; Stratum = stratum; Status = status;
    }

    public long Id { get; private set; }
    public long CampaignId { get; private set; }
    public long HouseholdId { get; private set; }
    public string Stratum { get; private set; } = "";
    public HouseholdStatus Status { get; private set; }
}

/// <summary>
/// A household drawn for a campaign (sample or reserve), in the order drawn, with its questionnaire once visited. It
/// belongs to the household's village: the village records the questionnaires of its own sampled households.
/// </summary>
[Platform.Data.VillageScoped]
public sealed class SampledHousehold : Platform.Auditing.IAudited, Platform.Data.IVersioned, Platform.Data.IHouseholdOwned
{
    private SampledHousehold() { }

    public long Id { get; private set; }
    public long CampaignId { get; private set; }
    public long HouseholdId { get; private set; }
    public string VillageCode { get; private set; } = "";
    public string Stratum { get; private set; } = "";
    /// <summary>抽中顺序 within the stratum (1 = first drawn); the reserves follow the sample.</summary>
    public int DrawOrder { get; private set; }
    /// <summary>The household's type at the draw (脱贫户, 监测户, 一般农户 …): the domain of 错退率 and 漏评率.</summary>
    public HouseholdStatus HouseholdStatus { get; private set; }
    public SampleStatus Status { get; private set; }
    /// <summary>The sampled household this reserve replaces, and the reserve that replaced this one.</summary>
    public long? ReplacesId { get; private set; }
    public long? ReplacedById { get; private set; }
    public string? NonResponseReason { get; private set; }
    // The questionnaire.
    public decimal? IncomePerCapita { get; private set; }
    public Secured? FoodClothing { get; private set; }
    public Secured? Education { get; private set; }
    public Secured? Medical { get; private set; }
    public Secured? Housing { get; private set; }
    public Secured? Water { get; private set; }
    public bool? AssistanceReceived { get; private set; }
    public string? AssistanceNote { get; private set; }
    public int? Satisfaction { get; private set; }
    /// <summary>“该户是否应当（继续）纳入建档/监测？”: for a 脱贫户 yes means 错退, for a 一般农户 yes means 漏评.</summary>
    public bool? ShouldBeRegistered { get; private set; }
    public DateOnly? VisitedOn { get; private set; }
    public string? VisitedBy { get; private set; }
    public string? Note { get; private set; }
    /// <summary>The monitoring risk lead the finding raised (one per sampled household, never a second).</summary>
    public long? LeadId { get; private set; }
    /// <summary>The 两不愁三保障 problems its findings filed (or joined), comma-separated ids: one per item, never a second.</summary>
    public string? ProblemIds { get; private set; }
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public static SampledHousehold Drawn(long campaignId, long householdId, string villageCode, string stratum, int order, HouseholdStatus type, bool reserve,
        DateTime now, string by) => new()
    {
        CampaignId = campaignId, HouseholdId = householdId, VillageCode = villageCode, Stratum = stratum, DrawOrder = order, HouseholdStatus = type,
        Status = reserve ? SampleStatus.Reserve : SampleStatus.Pending, Version = 1, CreatedAt = now, CreatedBy = by, UpdatedAt = now, UpdatedBy = by,
    };

    /// <summary>The saved questionnaire (as <see cref="Record"/> stores it); null before one is recorded.</summary>
    public SurveyAnswers? Answers() => Status != SampleStatus.Visited || FoodClothing is not { } fc || Education is not { } ed || Medical is not { } me
        || Housing is not { } ho || Water is not { } wa || AssistanceReceived is not { } ar || Satisfaction is not { } sa
        || ShouldBeRegistered is not { } sb || VisitedOn is not { } on
        ? null
        : new SurveyAnswers(IncomePerCapita, fc, ed, me, ho, wa, ar, AssistanceNote, sa, sb, on, VisitedBy ?? "", Note);

    public void Record(SurveyAnswers a, DateTime now, string by)
    {
        a = a.Normalized();
        IncomePerCapita = a.IncomePerCapita;
        FoodClothing = a.FoodClothing; Education = a.Education; Medical = a.Medical; Housing = a.Housing; Water = a.Water;
        AssistanceReceived = a.AssistanceReceived;
        AssistanceNote = a.AssistanceNote;
        Satisfaction = a.Satisfaction;
        ShouldBeRegistered = a.ShouldBeRegistered;
        VisitedOn = a.VisitedOn;
        VisitedBy = a.VisitedBy;
        Note = a.Note;
        Status = SampleStatus.Visited;
        Touch(now, by);
    }

    /// <summary>无法联系 or 拒访 with its reason; <paramref name="reserve"/> takes this household's place.</summary>
    public void NotReached(SampleStatus status, string reason, SampledHousehold? reserve, DateTime now, string by)
    {
        Status = status;
        NonResponseReason = reason.Trim();
        if (reserve is not null)
        {
            ReplacedById = reserve.Id;
            reserve.ReplacesId = Id;
            reserve.Status = SampleStatus.Pending;
            reserve.Touch(now, by);
        }
        Touch(now, by);
    }

    public void Raised(long leadId) => LeadId = leadId;

    public void Filed(IEnumerable<long> problemIds)
    {
        var ids = (ProblemIds?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? []).Concat(problemIds.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Distinct().ToList();
        ProblemIds = ids.Count == 0 ? null : string.Join(',', ids);
    }

    private void Touch(DateTime now, string by)
    {
        UpdatedAt = now;
        UpdatedBy = by;
        Version++;
    }

    /// <summary>两不愁三保障 items found 无保障.</summary>
    public IEnumerable<string> Unsecured()
    {
        if (FoodClothing == Secured.No) yield return "吃穿";
        if (Education == Secured.No) yield return "义务教育";
        if (Medical == Secured.No) yield return "基本医疗";
        if (Housing == Secured.No) yield return "住房安全";
        if (Water == Secured.No) yield return "饮水安全";
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), HouseholdId, VillageCode,
        $"回头看抽样户（抽样 {CampaignId}，{Stratum} 第 {DrawOrder} 位，{Platform.Localization.Labels.Of(Status)}" +
        (Status == SampleStatus.Visited ? $"，满意度 {Satisfaction}，应纳入 {(ShouldBeRegistered == true ? "是" : "否")}" : "") +
        (NonResponseReason is { } r ? $"，原因：{r}" : "") + "）");
}

/// <summary>The answers of one questionnaire.</summary>
public sealed record SurveyAnswers(decimal? IncomePerCapita, Secured FoodClothing, Secured Education, Secured Medical, Secured Housing, Secured Water,
    bool AssistanceReceived, string? AssistanceNote, int Satisfaction, bool ShouldBeRegistered, DateOnly VisitedOn, string VisitedBy, string? Note)
{
    private static string? Text(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();

    /// <summary>The answers as stored: texts trimmed, blank notes as none.</summary>
    public SurveyAnswers Normalized() => this with { AssistanceNote = Text(AssistanceNote), VisitedBy = VisitedBy.Trim(), Note = Text(Note) };
}

public sealed class SamplingCampaignConfiguration : IEntityTypeConfiguration<SamplingCampaign>
{
    public void Configure(EntityTypeBuilder<SamplingCampaign> builder)
    {
        builder.ToTable("sampling_campaigns");
        builder.Property(c => c.RegionCode).HasMaxLength(12);
        builder.Property(c => c.CountyCode).HasMaxLength(6);
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.Margin).HasPrecision(6, 4);
        builder.Property(c => c.ExpectedRate).HasPrecision(6, 4);
        builder.Property(c => c.NonResponse).HasPrecision(6, 4);
        builder.Property(c => c.DrawnBy).HasMaxLength(64);
        builder.Property(c => c.CreatedBy).HasMaxLength(64);
        builder.Property(c => c.UpdatedBy).HasMaxLength(64);
        builder.HasMany(c => c.Units).WithOne().HasForeignKey(u => u.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.RegionCode, c.Id });
    }
}

public sealed class SamplingFrameUnitConfiguration : IEntityTypeConfiguration<SamplingFrameUnit>
{
    public void Configure(EntityTypeBuilder<SamplingFrameUnit> builder)
    {
        builder.ToTable("sampling_frame_units");
        builder.Property(u => u.Stratum).HasMaxLength(12);
        builder.HasIndex(u => new { u.CampaignId, u.HouseholdId }).IsUnique();
    }
}

public sealed class SampledHouseholdConfiguration : IEntityTypeConfiguration<SampledHousehold>
{
    public void Configure(EntityTypeBuilder<SampledHousehold> builder)
    {
        builder.ToTable("sampled_households");
        builder.Property(s => s.VillageCode).HasMaxLength(12);
        builder.Property(s => s.Stratum).HasMaxLength(12);
        builder.Property(s => s.NonResponseReason).HasMaxLength(200);
        builder.Property(s => s.IncomePerCapita).HasPrecision(12, 2);
        builder.Property(s => s.AssistanceNote).HasMaxLength(200);
        builder.Property(s => s.VisitedBy).HasMaxLength(64);
        builder.Property(s => s.Note).HasMaxLength(500);
        builder.Property(s => s.ProblemIds).HasMaxLength(200);
        builder.Property(s => s.CreatedBy).HasMaxLength(64);
        builder.Property(s => s.UpdatedBy).HasMaxLength(64);
        builder.HasOne<SamplingCampaign>().WithMany().HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Household>().WithMany().HasForeignKey(s => s.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.CampaignId, s.HouseholdId }).IsUnique();
        builder.HasIndex(s => new { s.VillageCode, s.CampaignId });
    }
}

public static class SamplingData
{
    extension(Platform.Data.AppDbContext db)
    {
        public DbSet<SamplingCampaign> SamplingCampaigns => db.Set<SamplingCampaign>();
        public DbSet<SampledHousehold> SampledHouseholds => db.Set<SampledHousehold>();
    }
}
