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
    /// <summary>发现日期, when the risk was found on an earlier day than the lead was recorded (a visit written up later).</summary>
    public DateOnly? FoundOn { get; private set; }

    public static RiskLead Raise(long householdId, string villageCode, LeadSource source, RiskReason? reason, string detail, DateTime now, string by,
        DateOnly? foundOn = null) =>
        new()
        {
            HouseholdId = householdId, VillageCode = villageCode, CountyCode = villageCode[..6], Source = source, Reason = reason,
            Detail = detail.Trim().Length > 500 ? detail.Trim()[..500] : detail.Trim(), Status = LeadStatus.Open, CreatedAt = now, CreatedBy = by,
            FoundOn = foundOn is { } d && d < DateOnly.FromDateTime(Platform.Localization.ChinaTime.ToLocal(now)) ? d : null,
        };

    /// <summary>When the risk was raised: the start (Beijing time) of the day it was found, or when it was recorded. The 认定期限 counts from it.</summary>
    public DateTime RaisedAt => FoundOn is { } d ? Platform.Localization.ChinaTime.ToUtc(d.ToDateTime(TimeOnly.MinValue)) : CreatedAt;

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
/// One household's passage through identification (风险预警 → 入户核查 → 承诺授权 → 信息比对 → 民主评议 → 村级公示 → 乡镇审核 →
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

    /// <summary>
    /// Step → the stage it is recorded in, the stage it leads to, and where a refusal leads (null: it cannot be
    /// refused). A refused identification ends 不纳入监测; a refused elimination returns to 监测帮扶中.
    /// </summary>
    public static readonly IReadOnlyDictionary<CaseStep, (CaseStage From, CaseStage To, CaseStage? Refused)> Transitions =
        new Dictionary<CaseStep, (CaseStage, CaseStage, CaseStage?)>
        {
            [CaseStep.Visit] = (CaseStage.Visit, CaseStage.Consent, null),
            [CaseStep.Consent] = (CaseStage.Consent, CaseStage.Comparison, null),
            [CaseStep.Comparison] = (CaseStage.Comparison, CaseStage.Appraisal, null),
            [CaseStep.Appraisal] = (CaseStage.Appraisal, CaseStage.Publicity, CaseStage.NotIncluded),
            [CaseStep.Publicity] = (CaseStage.Publicity, CaseStage.TownshipReview, null),
            [CaseStep.TownshipReview] = (CaseStage.TownshipReview, CaseStage.CountyDecision, CaseStage.NotIncluded),
            [CaseStep.CountyDecision] = (CaseStage.CountyDecision, CaseStage.Monitoring, CaseStage.NotIncluded),
            [CaseStep.StartElimination] = (CaseStage.Monitoring, CaseStage.EliminationAppraisal, null),
            [CaseStep.EliminationAppraisal] = (CaseStage.EliminationAppraisal, CaseStage.EliminationPublicity, CaseStage.Monitoring),
            [CaseStep.EliminationPublicity] = (CaseStage.EliminationPublicity, CaseStage.EliminationTownship, null),
            [CaseStep.EliminationTownship] = (CaseStage.EliminationTownship, CaseStage.EliminationCounty, CaseStage.Monitoring),
            [CaseStep.EliminationCounty] = (CaseStage.EliminationCounty, CaseStage.Eliminated, CaseStage.Monitoring),
        };

    /// <summary>Step → the stage it is recorded in.</summary>
    public static readonly IReadOnlyDictionary<CaseStep, CaseStage> From = Transitions.ToDictionary(t => t.Key, t => t.Value.From);

    /// <summary>The 风险消除 steps (a refusal keeps the household under monitoring instead of ending the case).</summary>
    public static bool IsElimination(CaseStep step) => step is CaseStep.EliminationAppraisal or CaseStep.EliminationPublicity
        or CaseStep.EliminationTownship or CaseStep.EliminationCounty;

    /// <summary>The identification procedure's stages in their order (认定中: the 15-day clock runs).</summary>
    public static readonly CaseStage[] ProcedureStages =
    [
        CaseStage.Visit, CaseStage.Consent, CaseStage.Comparison, CaseStage.Appraisal, CaseStage.Publicity, CaseStage.TownshipReview,
        CaseStage.CountyDecision,
    ];

    /// <summary>Identified and not closed: 监测帮扶中 and the 风险消除 stages before the decision.</summary>
    public static readonly CaseStage[] MonitoredStages =
    [
        CaseStage.Monitoring, CaseStage.EliminationAppraisal, CaseStage.EliminationPublicity, CaseStage.EliminationTownship,
        CaseStage.EliminationCounty,
    ];

    /// <summary>Ever identified (纳入监测): under monitoring or eliminated.</summary>
    public static readonly CaseStage[] IdentifiedStages = [.. MonitoredStages, CaseStage.Eliminated];

    public bool InProcedure => ProcedureStages.Contains(Stage);
    public bool IsActive => Stage is not (CaseStage.NotIncluded or CaseStage.Eliminated);
    public bool IsMonitored => IdentifiedStages.Contains(Stage);

    public IReadOnlyList<Registry.PovertyCause> RiskTypeList() =>
        RiskTypes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Registry.PovertyCause>).ToList();

    public static MonitoringCase Open(long householdId, string villageCode, HouseholdStatus statusBefore, DateTime leadAt, DateTime now, string by) =>
        new()
        {
            HouseholdId = householdId, VillageCode = villageCode, CountyCode = villageCode[..6], Stage = CaseStage.Visit,
            StatusBefore = statusBefore, LeadAt = leadAt, Version = 1, UpdatedAt = now, UpdatedBy = by,
        };

    /// <summary>The day the first lead was raised (Beijing time): no step is dated before it.</summary>
    public DateOnly LeadDay => DateOnly.FromDateTime(Platform.Localization.ChinaTime.ToLocal(LeadAt));

    /// <summary>
    /// The days of the steps recorded in the procedure under way (the identification, or the 风险消除 since it was
    /// last started): each step's form date (a publicity's end), 启动风险消除 on the day it was recorded.
    /// </summary>
    public IReadOnlyList<StepRules.StepDay> RecordedDays()
    {
        var steps = Steps.OrderBy(s => s.At).ThenBy(s => s.Id).ToList();
        var from = Math.Max(0, steps.FindLastIndex(s => s.Step == CaseStep.StartElimination));
        var days = new List<StepRules.StepDay>();
        foreach (var s in steps.Skip(from))
        {
            var day = s.Step == CaseStep.StartElimination ? DateOnly.FromDateTime(Platform.Localization.ChinaTime.ToLocal(s.At)) : s.FormDate();
            if (day is { } d) days.Add(new(s.Step, d));
        }
        return days;
    }

    /// <summary>The earliest day the next step may be dated (<see cref="StepRules.EarliestNext"/>).</summary>
    public StepRules.Earliest EarliestNext() => StepRules.EarliestNext(LeadDay, RecordedDays());

    public bool CanRecord(CaseStep step) => Transitions.TryGetValue(step, out var t) && t.From == Stage;

    /// <summary>
    /// Records a step and moves to <paramref name="next"/>, which must be where the step leads or, when it can be
    /// refused, where a refusal leads. The step methods below check nothing of their fields (<see cref="StepRules"/> did).
    /// </summary>
    public void Record(CaseStep step, CaseStage next, object fields, string summary, DateTime now, string by)
    {
        if (!CanRecord(step)) throw new InvalidOperationException($"当前为“{Platform.Localization.Labels.Of(Stage)}”，不能登记“{Platform.Localization.Labels.Of(step)}”");
        var t = Transitions[step];
        if (next != t.To && next != t.Refused)
            throw new InvalidOperationException($"“{Platform.Localization.Labels.Of(step)}”不能转到“{Platform.Localization.Labels.Of(next)}”");
        Steps.Add(new CaseStepRecord(step, Stage, next, JsonSerializer.Serialize(fields, fields.GetType()), summary, now, by));
        Stage = next;
        Version++;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    private void Record(CaseStep step, bool agreed, object fields, string summary, DateTime now, string by) =>
        Record(step, agreed ? Transitions[step].To : Transitions[step].Refused!.Value, fields, summary, now, by);

    /// <summary>入户核查 → 信息比对.</summary>
    public void RecordVisit(DateOnly date, string findings, DateTime now, string by)
    {
        var text = findings.Trim();
        Record(CaseStep.Visit, true, new { Date = (DateOnly?)date, Findings = text }, $"入户核查：{text}", now, by);
    }

    /// <summary>承诺授权 → 信息比对: the day the household signed, and the stored scan of what it signed.</summary>
    public void RecordConsent(DateOnly date, string scanFileId, string scanFileName, DateTime now, string by) =>
        Record(CaseStep.Consent, true, new { Date = (DateOnly?)date, ScanFileId = scanFileId, ScanFileName = scanFileName },
            $"承诺授权（{date:yyyy-MM-dd}）：户主签署承诺书和信息查询授权书，扫描件 {scanFileName}", now, by);

    /// <summary>信息比对 → 民主评议; no answer from the departments is recorded as such.</summary>
    public void RecordComparison(string? findings, DateTime now, string by)
    {
        var result = StepRules.ComparisonResult(findings);
        Record(CaseStep.Comparison, true, new { Findings = result }, $"信息比对：{result}", now, by);
    }

    /// <summary>
    /// 民主评议 (or the 风险消除 one): agreed → 公示, proposing the kind and risks of an identification; refused → the
    /// identification ends 不纳入监测 (an elimination returns to 监测帮扶中).
    /// </summary>
    public void RecordAppraisal(CaseStep step, DateOnly date, int participants, bool agreed, MonitoringKind? kind,
        IReadOnlyList<Registry.PovertyCause>? risks, string? reason, DateTime now, string by)
    {
        var elimination = IsElimination(step);
        if (agreed && !elimination) Propose(kind!.Value, risks!);
        var summary = $"民主评议（{date:yyyy-MM-dd}，{participants}人参加）：{(agreed ? "同意" : "不同意")}" +
            (agreed && !elimination ? $"，拟认定为{Platform.Localization.Labels.Of(ProposedKind)}" : "") + (agreed ? "" : $"，理由：{reason!.Trim()}");
        Record(step, agreed, new { Date = (DateOnly?)date, Participants = (int?)participants, Agreed = agreed, Kind = kind, RiskTypes = risks, Reason = reason },
            summary, now, by);
        if (!agreed && !elimination) Exclude(reason!.Trim(), now);
    }

    /// <summary>村级公示 (or the 风险消除 one) → 乡镇审核.</summary>
    public void RecordPublicity(CaseStep step, DateOnly start, DateOnly end, string? objections, string? handling, DateTime now, string by)
    {
        var summary = $"村级公示 {start:yyyy-MM-dd} 至 {end:yyyy-MM-dd}（{StepRules.PublicityDays(start, end)}天）" +
            (StepRules.Text(objections) is { } o ? $"，异议：{o}；处理：{handling!.Trim()}" : "，无异议");
        Record(step, true, new { StartDate = (DateOnly?)start, EndDate = (DateOnly?)end, Objections = objections, ObjectionHandling = handling },
            summary, now, by);
    }

    /// <summary>乡镇审核 (or the 风险消除 one): agreed → 县级审定; refused → 不纳入监测 (an elimination returns to 监测帮扶中).</summary>
    public void RecordReview(CaseStep step, bool agreed, string opinion, DateTime now, string by)
    {
        var text = opinion.Trim();
        Record(step, agreed, new { Agreed = agreed, Opinion = text }, $"乡镇审核：{(agreed ? "同意" : "不同意")}，{text}", now, by);
        if (!agreed && !IsElimination(step)) Exclude(text, now);
    }

    /// <summary>县级审定, included: the case becomes a 监测对象 of that kind and risks, monitored from <paramref name="today"/>.</summary>
    public void DecideIncluded(MonitoringKind kind, IReadOnlyList<Registry.PovertyCause> risks, DateOnly today, DateTime now, string by)
    {
        Include(kind, risks, today, now);
        Record(CaseStep.CountyDecision, true, new { Agreed = true, Kind = (MonitoringKind?)kind, RiskTypes = risks },
            $"县级审定：纳入监测，认定为{Platform.Localization.Labels.Of(kind)}，风险类型：{string.Join("、", risks.Select(x => Platform.Localization.Labels.Of(x)))}",
            now, by);
    }

    /// <summary>县级审定, not included: the case ends 不纳入监测.</summary>
    public void DecideNotIncluded(string reason, DateTime now, string by)
    {
        var text = reason.Trim();
        Record(CaseStep.CountyDecision, false, new { Agreed = false, Reason = text }, $"县级审定：不纳入监测，{text}", now, by);
        Exclude(text, now);
    }

    /// <summary>启动风险消除, with the conditions (all met) as they stood.</summary>
    public void StartElimination(IReadOnlyList<Condition> conditions, DateTime now, string by) =>
        Record(CaseStep.StartElimination, true, new { Conditions = conditions },
            "启动风险消除：" + string.Join("；", conditions.Select(x => $"{x.Name}：{x.Detail}")), now, by);

    /// <summary>风险消除县级审定: agreed → 风险已消除 (the record stays); refused → back to 监测帮扶中.</summary>
    public void DecideElimination(bool agreed, string? reason, DateTime now, string by)
    {
        Record(CaseStep.EliminationCounty, agreed, new { Agreed = agreed, Reason = reason },
            agreed ? "县级审定：同意风险消除" : $"县级审定：不同意风险消除，{reason!.Trim()}", now, by);
        if (agreed) MarkEliminated(now);
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

    private void Exclude(string reason, DateTime now)
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

    /// <summary>The step's own date from its form: a publicity's end, else its date; null for an undated step.</summary>
    public DateOnly? FormDate() => (ReadField("EndDate") ?? ReadField("Date")) is { } text && DateOnly.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var d)
        ? d : null;

    /// <summary>A text or date field of the step's form, null when absent.</summary>
    public string? ReadField(string name) => ReadField(Fields, name);

    public static string? ReadField(string fields, string name)
    {
        try
        {
            using var doc = JsonDocument.Parse(fields);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString() : null;
        }
        catch (JsonException) { return null; }
    }
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
    /// <summary>
    /// The record of another ledger this measure is (<see cref="MeasureSources"/>: a 小额信贷 loan and its id): that ledger
    /// adds and keeps it, so nothing is typed twice and the plan's form does not change it.
    /// </summary>
    public string? SourceKind { get; set; }
    public long? SourceId { get; set; }
    public int Version { get; set; } = 1;
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), HouseholdId, VillageCode, $"帮扶措施（{Platform.Localization.Labels.Of(Category)}）{Description}");
}

/// <summary>The ledgers whose records are measures of a monitoring plan: their name and the page of a record.</summary>
public static class MeasureSources
{
    /// <summary>A 小额信贷 loan (the employment module's ledger).</summary>
    public const string Microloan = "microloan";

    public static string? LabelOf(string? kind) => kind switch { Microloan => "小额信贷台账", null => null, _ => kind };

    public static string? PageOf(string? kind, long? id) => kind switch { Microloan when id is not null => $"/employment/loans/{id}", _ => null };
}
