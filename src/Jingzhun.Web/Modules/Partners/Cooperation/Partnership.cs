using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Modules.Partners.Cooperation;

/// <summary>The facts of a partnership as typed.</summary>
public sealed record PartnershipFacts(PartnershipKind Kind, string PartnerName, string? PartnerRegionCode, int SinceYear, string ContactUnit,
    PartnershipStatus Status);

/// <summary>
/// A partnership (结对关系): the helping side — for 东西部协作 an eastern city or county (its name and division code), for
/// 定点帮扶 a central unit (its name) — and the helped county, which owns it (its scope: county users and above only).
/// </summary>
[Platform.Data.RegionScoped(nameof(CountyCode))]
public sealed class Partnership : Platform.Auditing.IAudited, Platform.Data.IVersioned
{
    private Partnership() { }

    public long Id { get; private set; }
    public string CountyCode { get; private set; } = "";
    public PartnershipKind Kind { get; private set; }
    /// <summary>The helping side: 山东省潍坊市寿光市, 中国农业发展银行 ...</summary>
    public string PartnerName { get; private set; } = "";
    /// <summary>For 东西部协作: the partner's division code (4-digit city or 6-digit county); its first two digits are its province.</summary>
    public string? PartnerRegionCode { get; private set; }
    /// <summary>结对起始年度.</summary>
    public int SinceYear { get; private set; }
    /// <summary>The helped county's unit that keeps the partnership (联络单位), e.g. 区乡村振兴局.</summary>
    public string ContactUnit { get; private set; } = "";
    public PartnershipStatus Status { get; private set; }
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public static Partnership Register(string countyCode, PartnershipFacts f, DateTime now, string by)
    {
        var p = new Partnership { CountyCode = countyCode, Version = 1, CreatedAt = now, CreatedBy = by };
        p.Apply(f, now, by);
        return p;
    }

    public void Edit(PartnershipFacts f, DateTime now, string by)
    {
        Apply(f, now, by);
        Version++;
    }

    private void Apply(PartnershipFacts f, DateTime now, string by)
    {
        Kind = f.Kind;
        PartnerName = f.PartnerName.Trim();
        PartnerRegionCode = f.Kind == PartnershipKind.EastWest ? f.PartnerRegionCode?.Trim() : null;
        SinceYear = f.SinceYear;
        ContactUnit = f.ContactUnit.Trim();
        Status = f.Status;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), null, CountyCode, $"{Labels.Of(Kind)} {PartnerName}");
}

/// <summary>
/// The yearly agreement (协议) of a partnership: its targets per indicator (<see cref="AgreementTarget"/>, parts of it).
/// Deliveries are records of their own (<see cref="CooperationDelivery"/>).
/// </summary>
[Platform.Data.RegionScoped(nameof(CountyCode))]
public sealed class CooperationAgreement : Platform.Auditing.IAudited, Platform.Data.IVersioned
{
    private CooperationAgreement() { }

    public long Id { get; private set; }
    public long PartnershipId { get; private set; }
    public string CountyCode { get; private set; } = "";
    public int Year { get; private set; }
    /// <summary>协议名称或文号.</summary>
    public string Title { get; private set; } = "";
    public DateOnly? SignedOn { get; private set; }
    public List<AgreementTarget> Targets { get; private set; } = [];
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public static CooperationAgreement Sign(Partnership p, int year, string title, DateOnly? signedOn, DateTime now, string by) => new()
    {
        PartnershipId = p.Id, CountyCode = p.CountyCode, Year = year, Title = title.Trim(), SignedOn = signedOn,
        Version = 1, CreatedAt = now, CreatedBy = by, UpdatedAt = now, UpdatedBy = by,
    };

    /// <summary>Sets the year's targets: the indicators given get their target, the others none (not assessed).</summary>
    public void SetTargets(IReadOnlyDictionary<CooperationIndicator, decimal> targets, DateTime now, string by)
    {
        Targets.RemoveAll(t => !targets.ContainsKey(t.Indicator));
        foreach (var (indicator, value) in targets)
        {
            if (Targets.FirstOrDefault(t => t.Indicator == indicator) is { } t) t.Target = value;
            else Targets.Add(new AgreementTarget { Indicator = indicator, Target = value });
        }
        UpdatedAt = now;
        UpdatedBy = by;
        Version++;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() =>
        new(Id.ToString(), null, CountyCode, $"{Year}年协作协议 {Title}（目标：{string.Join("、", Targets.OrderBy(t => t.Indicator)
            .Select(t => $"{Labels.Of(t.Indicator)}{CooperationIndicators.Of(t.Indicator).Format(t.Target)}{CooperationIndicators.Of(t.Indicator).Unit}"))}）");
}

/// <summary>One indicator's target in an agreement.</summary>
[Platform.Data.PartOf(typeof(CooperationAgreement))]
[Platform.Auditing.NotAudited("part of the audited agreement: setting targets changes the agreement (its version), whose audit entry lists them")]
public sealed class AgreementTarget
{
    public long Id { get; set; }
    public long AgreementId { get; set; }
    public CooperationIndicator Indicator { get; set; }
    public decimal Target { get; set; }
}

/// <summary>
/// A delivery against an agreement's indicator: money received (万元, with its 文号 and the projects it funded), people
/// seconded, enterprises brought, schools or hospitals paired, purchases — dated, with a note; recorded once, audited.
/// </summary>
[Platform.Data.RegionScoped(nameof(CountyCode))]
public sealed class CooperationDelivery : Platform.Auditing.IAudited
{
    private CooperationDelivery() { }

    public long Id { get; private set; }
    public long AgreementId { get; private set; }
    public string CountyCode { get; private set; } = "";
    public CooperationIndicator Indicator { get; private set; }
    public decimal Amount { get; private set; }
    public DateOnly DeliveredOn { get; private set; }
    /// <summary>文号 or note (who was seconded where, which enterprise, which school).</summary>
    public string Note { get; private set; } = "";
    /// <summary>The projects the money funded: their ids, comma-separated (money indicators only).</summary>
    public string ProjectIds { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";

    public IReadOnlyList<long> Projects => ProjectIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();

    public static CooperationDelivery Record(CooperationAgreement a, CooperationIndicator indicator, decimal amount, DateOnly on, string note,
        IEnumerable<long> projectIds, DateTime now, string by) => new()
    {
        AgreementId = a.Id, CountyCode = a.CountyCode, Indicator = indicator, Amount = amount, DeliveredOn = on, Note = note.Trim(),
        ProjectIds = string.Join(',', projectIds), RecordedAt = now, RecordedBy = by,
    };

    public Platform.Auditing.AuditFacts DescribeForAudit() =>
        new(Id.ToString(), null, CountyCode, $"协作到位 {Labels.Of(Indicator)} {CooperationIndicators.Of(Indicator).Format(Amount)}{CooperationIndicators.Of(Indicator).Unit}（{DeliveredOn:yyyy-MM-dd}）");
}
