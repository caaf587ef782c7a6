using System.Text.Json;
using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Modules.Registry;

namespace Jingzhun.Web.Modules.Monitoring;

/// <summary>A reason to look at a household (风险线索); at most one open lead per household and reason.</summary>
[Platform.Data.VillageScoped]
public sealed class RiskLead : Platform.Auditing.IAudited, Platform.Data.IHouseholdOwned
{
    private RiskLead() { }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public string VillageCode { get; private set; } = "";
    public string CountyCode { get; private set; } = "";
    public LeadSource Source { get; private set; }
    /// <summary>For sweep leads, why; hand-recorded leads carry only the description.</summary>
    public RiskReason? Reason { get; private set; }
    public string Detail { get; private set; } = "";
    public LeadStatus Status { get; private set; }
    public long? CaseId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public static RiskLead Raise(long householdId, string villageCode, LeadSource source, RiskReason? reason, string detail, DateTime now, string by) =>
        new()
        {
            HouseholdId = householdId, VillageCode = villageCode, CountyCode = villageCode[..6], Source = source, Reason = reason,
            Detail = detail.Trim().Length > 500 ? detail.Trim()[..500] : detail.Trim(), Status = LeadStatus.Open, CreatedAt = now, CreatedBy = by,
        };

    public bool IsOpen => Status is LeadStatus.Open or LeadStatus.InProcedure;

    public void AttachTo(MonitoringCase c)
    {
        CaseId = c.Id == 0 ? null : c.Id;
        Status = LeadStatus.InProcedure;
    }

    public void Close(bool included) => Status = included ? LeadStatus.Included : LeadStatus.NotIncluded;

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), HouseholdId, VillageCode, $"风险线索 {Id}（{Platform.Localization.Labels.Of(Source)}）");
}

/// <summary>
/// One household's passage through identification (风险预警 → 入户核查 → 信息比对 → 民主评议 → 村级公示 → 乡镇审核 →
/// 县级审定), monitoring and assistance, and 风险消除. The record stays after elimination; a new lead opens a new case.
/// </summary>
[Platform.Data.VillageScoped]
public sealed class MonitoringCase : Platform.Auditing.IAudited, Platform.Data.IHouseholdOwned, Platform.Data.IVersioned
{
    private MonitoringCase() { }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public string VillageCode { get; private set; } = "";
    public string CountyCode { get; private set; } = "";
    public CaseStage Stage { get; private set; }
    /// <summary>户类型 when the lead came (脱贫户 or 一般农户): decides which kinds are possible, restored if not included.</summary>
    public HouseholdStatus StatusBefore { get; private set; }
    /// <summary>The first lead's time: the 15-day clock to the decision starts here.</summary>
    public DateTime LeadAt { get; private set; }
    public MonitoringKind? ProposedKind { get; private set; }
    public MonitoringKind? Kind { get; private set; }
    /// <summary>Risk types (致贫/返贫风险类型), comma-separated PovertyCause names.</summary>
    public string RiskTypes { get; private set; } = "";
    public DateTime? DecidedAt { get; private set; }
    public DateOnly? MonitoredSince { get; private set; }
    public string? NotIncludedReason { get; private set; }
    /// <summary>一对一监测责任人 and the plan (一户一策).</summary>
    public string? ResponsibleCadre { get; private set; }
    public string? Plan { get; private set; }
    public DateTime? EliminatedAt { get; private set; }
    public int Version { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public List<CaseStepRecord> Steps { get; private set; } = [];
    public List<AssistanceMeasure> Measures { get; private set; } = [];

    /// <summary>Step → the stage it is recorded in.</summary>
    public static readonly IReadOnlyDictionary<CaseStep, CaseStage> From = new Dictionary<CaseStep, CaseStage>
    {
        [CaseStep.Visit] = CaseStage.Visit,
        [CaseStep.Comparison] = CaseStage.Comparison,
        [CaseStep.Appraisal] = CaseStage.Appraisal,
        [CaseStep.Publicity] = CaseStage.Publicity,
        [CaseStep.TownshipReview] = CaseStage.TownshipReview,
        [CaseStep.CountyDecision] = CaseStage.CountyDecision,
        [CaseStep.StartElimination] = CaseStage.Monitoring,
        [CaseStep.EliminationAppraisal] = CaseStage.EliminationAppraisal,
        [CaseStep.EliminationPublicity] = CaseStage.EliminationPublicity,
        [CaseStep.EliminationTownship] = CaseStage.EliminationTownship,
        [CaseStep.EliminationCounty] = CaseStage.EliminationCounty,
    };

    public bool InProcedure => Stage <= CaseStage.CountyDecision;
    public bool IsActive => Stage is not (CaseStage.NotIncluded or CaseStage.Eliminated);
    public bool IsMonitored => Stage >= CaseStage.Monitoring && Stage != CaseStage.NotIncluded;

    public IReadOnlyList<Registry.PovertyCause> RiskTypeList() =>
        RiskTypes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Registry.PovertyCause>).ToList();

    public static MonitoringCase Open(long householdId, string villageCode, HouseholdStatus statusBefore, DateTime leadAt, DateTime now, string by) =>
        new()
        {
            HouseholdId = householdId, VillageCode = villageCode, CountyCode = villageCode[..6], Stage = CaseStage.Visit,
            StatusBefore = statusBefore, LeadAt = leadAt, Version = 1, UpdatedAt = now, UpdatedBy = by,
        };

    public bool CanRecord(CaseStep step) => From.TryGetValue(step, out var stage) && stage == Stage;

    /// <summary>Records a step and moves to <paramref name="next"/>; the handler validated the fields and chose the next stage.</summary>
    public void Record(CaseStep step, CaseStage next, object fields, string summary, DateTime now, string by)
    {
        if (!CanRecord(step)) throw new InvalidOperationException($"当前为“{Platform.Localization.Labels.Of(Stage)}”，不能登记“{Platform.Localization.Labels.Of(step)}”");
        Steps.Add(new CaseStepRecord(step, Stage, next, JsonSerializer.Serialize(fields, fields.GetType()), summary, now, by));
        Stage = next;
        Version++;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public void Propose(MonitoringKind kind, IEnumerable<Registry.PovertyCause> risks)
    {
        ProposedKind = kind;
        RiskTypes = string.Join(',', risks.Distinct().Order());
    }

    public void Include(MonitoringKind kind, IEnumerable<Registry.PovertyCause> risks, DateOnly since, DateTime now)
    {
        Kind = kind;
        RiskTypes = string.Join(',', risks.Distinct().Order());
        DecidedAt = now;
        MonitoredSince = since;
    }

    public void Exclude(string reason, DateTime now)
    {
        NotIncludedReason = reason;
        DecidedAt = now;
    }

    public void MarkEliminated(DateTime now) => EliminatedAt = now;

    public void SetPlan(string? cadre, string? plan, DateTime now, string by)
    {
        ResponsibleCadre = string.IsNullOrWhiteSpace(cadre) ? null : cadre.Trim();
        Plan = string.IsNullOrWhiteSpace(plan) ? null : plan.Trim();
        Version++;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), HouseholdId, VillageCode, $"监测认定 {Id}（{Platform.Localization.Labels.Of(Stage)}）");
}

/// <summary>One recorded step: who, when, from which stage to which, and the step's form (JSON).</summary>
[Platform.Data.PartOf(typeof(MonitoringCase))]
[Platform.Auditing.NotAudited("the case's own step history; each step changes the audited case")]
public sealed class CaseStepRecord
{
    private CaseStepRecord() { }

    public CaseStepRecord(CaseStep step, CaseStage from, CaseStage to, string fields, string summary, DateTime at, string by)
    {
        Step = step; FromStage = from; ToStage = to; Fields = fields; Summary = summary.Length > 500 ? summary[..500] : summary; At = at; By = by;
    }

    public long Id { get; private set; }
    public long CaseId { get; private set; }
    public CaseStep Step { get; private set; }
    public CaseStage FromStage { get; private set; }
    public CaseStage ToStage { get; private set; }
    public string Fields { get; private set; } = "{}";
    public string Summary { get; private set; } = "";
    public DateTime At { get; private set; }
    public string By { get; private set; } = "";
}

/// <summary>One assistance measure against one risk (一户一策). Its handler raises the version with every change.</summary>
[Platform.Data.VillageScoped]
public sealed class AssistanceMeasure : Platform.Auditing.IAudited, Platform.Data.IHouseholdOwned, Platform.Data.IStamped
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public long HouseholdId { get; set; }
    public string VillageCode { get; set; } = "";
    public MeasureCategory Category { get; set; }
    /// <summary>The risk type it answers (a PovertyCause), if any.</summary>
    public Registry.PovertyCause? RiskType { get; set; }
    public string Description { get; set; } = "";
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public decimal? Amount { get; set; }
    public MeasureStatus Status { get; set; }
    public string? Evidence { get; set; }
    public int Version { get; set; } = 1;
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), HouseholdId, VillageCode, $"帮扶措施（{Platform.Localization.Labels.Of(Category)}）{Description}");
}
