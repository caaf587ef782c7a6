using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Modules.Monitoring.SweepRisks;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.SearchHouseholds;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Monitoring.IdentifyHouseholds;

/// <summary>Groups of stages the statistics count: 认定中, 监测中 (incl. an elimination under way), 累计识别, 风险已消除.</summary>
public enum CasePhase { Procedure = 1, Monitored = 2, Identified = 3, Eliminated = 4 }

public sealed record CaseQuery(string? Region, CaseStage? Stage, MonitoringKind? Kind, bool? Overdue, bool? Active, long? HouseholdId,
    int? Page, int? PageSize, CasePhase? Phase = null);

public sealed record CaseRow(long Id, long HouseholdId, string HouseholdNumber, string HeadName, int Size, string VillageCode, string RegionPath,
    CaseStage Stage, MonitoringKind? ProposedKind, MonitoringKind? Kind, string RiskTypes, DateTime LeadAt, DateTime? DecidedAt,
    DateOnly? MonitoredSince, string? ResponsibleCadre, int DaysSinceLead, int OverdueDays, int Version);

public sealed record StepView(CaseStep Step, CaseStage From, CaseStage To, string Summary, string Fields, DateTime At, string By)
{
    /// <summary>承诺授权: where the signed scan is downloaded (within the uploader's region subtree).</summary>
    public string? ScanUrl => CaseStepRecord.ReadField(Fields, "ScanFileId") is { Length: > 0 } id ? $"/api/v1/files/{id}" : null;
}

public sealed record MeasureView(long Id, MeasureCategory Category, PovertyCause? RiskType, string Description, DateOnly StartDate,
    DateOnly? EndDate, decimal? Amount, MeasureStatus Status, string? Evidence, DateTime UpdatedAt, string UpdatedBy, int Version,
    string? SourceKind = null, long? SourceId = null)
{
    /// <summary>"小额信贷台账" for a measure another ledger keeps; null for one typed in the plan.</summary>
    public string? SourceLabel => MeasureSources.LabelOf(SourceKind);
    public string? SourceUrl => MeasureSources.PageOf(SourceKind, SourceId);
}

public sealed record LeadView(long Id, LeadSource Source, RiskReason? Reason, string Detail, LeadStatus Status, DateTime CreatedAt, string CreatedBy);

public sealed record CaseView(CaseRow Case, HouseholdStatus StatusBefore, string? NotIncludedReason, string? Plan, DateTime? EliminatedAt,
    IReadOnlyList<CaseStep> NextSteps, IReadOnlyList<StepView> Steps, IReadOnlyList<MeasureView> Measures, IReadOnlyList<LeadView> Leads,
    IReadOnlyList<string> Warnings, IReadOnlyList<Condition>? EliminationConditions, DateOnly Deadline)
{
    /// <summary>职责分离: the approvals the reader's role may record but not on this case, because they proposed what it approves.</summary>
    public IReadOnlyList<CaseStep> WithheldSteps { get; init; } = [];
}

public sealed record PlanRequest(
    [property: Text(50, "责任人", typeof(MonitoringCase), nameof(MonitoringCase.ResponsibleCadre))] string? ResponsibleCadre,
    [property: Text(2000, "帮扶计划", typeof(MonitoringCase), nameof(MonitoringCase.Plan))] string? Plan, int Version);

/// <summary>A measure's values; a change sends back the <see cref="Version"/> it read (a new measure ignores it).</summary>
public sealed record MeasureRequest(MeasureCategory Category, PovertyCause? RiskType,
    [property: Text(500, "措施描述", typeof(AssistanceMeasure), nameof(AssistanceMeasure.Description))] string Description,
    DateOnly StartDate, DateOnly? EndDate, decimal? Amount, MeasureStatus Status,
    [property: Text(1000, "佐证材料", typeof(AssistanceMeasure), nameof(AssistanceMeasure.Evidence))] string? Evidence, int Version = 0);

/// <summary>
/// 认定, 帮扶 and 风险消除 of monitoring objects. Each step is a form recorded by the right role from the right stage;
/// the decision checks the kind against the household, inclusion makes it a 监测户, elimination restores its status.
/// </summary>
public sealed class IdentifyHouseholdsHandler(AppDbContext db, SweepRisksHandler policies, RegionDirectory regions, CurrentUser user,
    Platform.Files.FileStore files, Guarantees.Duties.SeparationOfDuties duties, TimeProvider clock)
{
    /// <summary>职责分离: whether the reader proposed what this approval step approves (and the village may not combine roles).</summary>
    private async Task<bool> ProposedItAsync(MonitoringCase c, CaseStep step, CancellationToken ct)
    {
        foreach (var by in CaseSteps.Proposers(c, step))
            if (await duties.RefusesAsync(c.VillageCode, by, user.UserName, ct)) return true;
        return false;
    }

    private DateOnly Today => ChinaTime.Today(clock);

    public IQueryable<MonitoringCase> Filter(CaseQuery q, DateTime? overdueCutoff, out Failure? failure)
    {
        failure = null;
        var query = db.MonitoringCases.AsNoTracking();
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) { failure = region.Failure; return query; }
        if (region.Value is { } code) query = query.InRegion(code);
        if (q.Stage is { } s) query = query.Where(c => c.Stage == s);
        if (q.Kind is { } k) query = query.Where(c => c.Kind == k || (c.Kind == null && c.ProposedKind == k));
        if (q.HouseholdId is { } h) query = query.Where(c => c.HouseholdId == h);
        if (q.Active == true) query = query.Where(c => c.Stage != CaseStage.NotIncluded && c.Stage != CaseStage.Eliminated);
        query = q.Phase switch
        {
            CasePhase.Procedure => query.Where(c => MonitoringCase.ProcedureStages.Contains(c.Stage)),
            CasePhase.Monitored => query.Where(c => MonitoringCase.MonitoredStages.Contains(c.Stage)),
            CasePhase.Identified => query.Where(c => MonitoringCase.IdentifiedStages.Contains(c.Stage)),
            CasePhase.Eliminated => query.Where(c => c.Stage == CaseStage.Eliminated),
            _ => query,
        };
        if (q.Overdue == true && overdueCutoff is { } cutoff)
            query = query.Where(c => MonitoringCase.ProcedureStages.Contains(c.Stage) && c.LeadAt < cutoff);
        return query;
    }

    private IQueryable<CaseRow> Rows(IQueryable<MonitoringCase> query) =>
        from c in query
        join h in db.Households on c.HouseholdId equals h.Id
        select new CaseRow(c.Id, c.HouseholdId, h.HouseholdNumber, h.HeadName, h.Size, c.VillageCode, "", c.Stage, c.ProposedKind, c.Kind,
            c.RiskTypes, c.LeadAt, c.DecidedAt, c.MonitoredSince, c.ResponsibleCadre, 0, 0, c.Version);

    private async Task<CaseRow> FinishAsync(CaseRow r, CancellationToken ct)
    {
        var days = (await policies.PolicyForAsync(r.VillageCode, Today.Year, ct)).DecisionDays;
        var since = Today.DayNumber - DateOnly.FromDateTime(ChinaTime.ToLocal(r.LeadAt)).DayNumber;
        var overdue = MonitoringCase.ProcedureStages.Contains(r.Stage) && since > days ? since - days : 0;
        return r with { RegionPath = regions.ShortPath(r.VillageCode), DaysSinceLead = since, OverdueDays = overdue };
    }

    public async Task<Outcome<PageResult<CaseRow>>> SearchAsync(CaseQuery q, CancellationToken ct)
    {
        // 中农组发〔2021〕7号: the decision is due within N days of the first lead.
        var scope = q.Region?.Trim() is { Length: >= 2 } region ? region : user.RegionCode is { Length: >= 2 } mine ? mine : "00";
        var days = (await policies.PolicyForAsync(scope, Today.Year, ct)).DecisionDays;
        // Counted in Beijing calendar days like a case's overdueDays: the deadline day itself is not overdue.
        var cutoff = DateTime.SpecifyKind(Today.AddDays(-days).ToDateTime(TimeOnly.MinValue).AddHours(-8), DateTimeKind.Utc);
        var query = Filter(q, cutoff, out var failure);
        if (failure is not null) return failure;
        // In the procedure's order: 承诺授权 (stored as 14) sorts right after 入户核查.
        return await query.OrderBy(c => c.Stage == CaseStage.Consent ? (int)CaseStage.Visit : (int)c.Stage)
            .ThenBy(c => c.Stage == CaseStage.Consent ? 1 : 0).ThenBy(c => c.LeadAt).PageAsync(Paging.Of(q.Page, q.PageSize), async page =>
        {
            var items = new List<CaseRow>();
            foreach (var r in await Rows(page).ToListAsync(ct)) items.Add(await FinishAsync(r, ct));
            return items;
        }, ct);
    }

    /// <summary>受理: a lead becomes (or joins) the household's case, which starts at 入户核查.</summary>
    public async Task<Outcome<CaseRow>> OpenFromLeadAsync(long leadId, CancellationToken ct)
    {
        var lead = await db.RiskLeads.FirstOrDefaultAsync(l => l.Id == leadId, ct);
        if (lead is null) return Failure.NotFound("该风险线索");
        if (!lead.IsOpen) return Failure.Conflict($"该线索已{Labels.Of(lead.Status)}，不能再受理");
        var household = await db.Households.AsNoTracking().Where(h => h.Id == lead.HouseholdId).Select(h => new { h.Id, h.VillageCode, h.Status }).FirstAsync(ct);
        var existing = await db.MonitoringCases.FirstOrDefaultAsync(c => c.HouseholdId == lead.HouseholdId
            && c.Stage != CaseStage.NotIncluded && c.Stage != CaseStage.Eliminated, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (existing is null)
        {
            if (household.Status is not (HouseholdStatus.Exited or HouseholdStatus.Ordinary))
                return Failure.Conflict($"该户为“{Labels.Of(household.Status)}”，只有脱贫户和一般农户可以进入监测认定");
            existing = MonitoringCase.Open(household.Id, household.VillageCode, household.Status, lead.RaisedAt, now, user.UserName);
            db.MonitoringCases.Add(existing);
            await db.SaveChangesAsync(ct);
        }
        // Every open lead of the household joins the case: one procedure answers them all.
        foreach (var l in await db.RiskLeads.Where(l => l.HouseholdId == household.Id && l.Status == LeadStatus.Open).ToListAsync(ct))
            l.AttachTo(existing);
        await db.SaveChangesAsync(ct);
        return await FinishAsync(await Rows(db.MonitoringCases.AsNoTracking().Where(c => c.Id == existing.Id)).FirstAsync(ct), ct);
    }

    public async Task<Outcome<CaseView>> GetAsync(long id, CancellationToken ct)
    {
        var c = await db.MonitoringCases.AsNoTracking().AsSplitQuery().Include(x => x.Steps).Include(x => x.Measures)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Failure.NotFound("该监测对象");
        var row = await FinishAsync(await Rows(db.MonitoringCases.AsNoTracking().Where(x => x.Id == id)).FirstAsync(ct), ct);
        var leads = await db.RiskLeads.AsNoTracking().Where(l => l.CaseId == id || (l.HouseholdId == c.HouseholdId && l.Status == LeadStatus.Open))
            .OrderBy(l => l.CreatedAt).Select(l => new LeadView(l.Id, l.Source, l.Reason, l.Detail, l.Status, l.CreatedAt, l.CreatedBy)).ToListAsync(ct);
        var next = MonitoringCase.From.Where(f => f.Value == c.Stage && user.Has(CaseSteps.PermissionOf[f.Key])).Select(f => f.Key).ToList();
        var withheld = new List<CaseStep>();
        foreach (var step in next.ToList())
            if (await ProposedItAsync(c, step, ct)) { next.Remove(step); withheld.Add(step); }
        var policy = await policies.PolicyForAsync(c.VillageCode, Today.Year, ct);
        var conditions = c.IsMonitored ? await ConditionsAsync(c, policy, ct) : null;
        return new CaseView(row, c.StatusBefore, c.NotIncludedReason, c.Plan, c.EliminatedAt, next,
            c.Steps.OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => new StepView(s.Step, s.FromStage, s.ToStage, s.Summary, s.Fields, s.At, s.By)).ToList(),
            c.Measures.OrderBy(m => m.StartDate).Select(View).ToList(), leads, await WarningsAsync(c, ct), conditions,
            DateOnly.FromDateTime(ChinaTime.ToLocal(c.LeadAt)).AddDays(policy.DecisionDays)) { WithheldSteps = withheld };
    }

    private static MeasureView View(AssistanceMeasure m) =>
        new(m.Id, m.Category, m.RiskType, m.Description, m.StartDate, m.EndDate, m.Amount, m.Status, m.Evidence, m.UpdatedAt, m.UpdatedBy, m.Version,
            m.SourceKind, m.SourceId);

    private async Task<bool> HasWorkingMemberAsync(long householdId, CancellationToken ct) =>
        await db.Members.AnyAsync(m => m.HouseholdId == householdId && m.Status == MemberStatus.Active
            && m.LaborSkill != LaborSkill.Lost && m.LaborSkill != LaborSkill.None, ct);

    /// <summary>一户一策 gaps: a risk type without a measure; a household without labour without 综合保障.</summary>
    private async Task<IReadOnlyList<string>> WarningsAsync(MonitoringCase c, CancellationToken ct)
    {
        if (!c.IsMonitored || c.Stage == CaseStage.Eliminated) return [];
        var warnings = new List<string>();
        if (c.ResponsibleCadre is null) warnings.Add("尚未确定一对一监测责任人");
        foreach (var risk in c.RiskTypeList().Where(r => c.Measures.All(m => m.RiskType != r)))
            warnings.Add($"风险类型“{Labels.Of(risk)}”尚无对应帮扶措施");
        if (!await HasWorkingMemberAsync(c.HouseholdId, ct) && c.Measures.All(m => m.Category != MeasureCategory.SocialSecurity))
            warnings.Add("该户无劳动能力，应落实综合保障（低保、特困供养）措施");
        return warnings;
    }

    private async Task<IReadOnlyList<Condition>> ConditionsAsync(MonitoringCase c, MonitoringPolicy policy, CancellationToken ct)
    {
        var incomes = await db.Incomes.AsNoTracking().Where(i => i.HouseholdId == c.HouseholdId).OrderByDescending(i => i.Year)
            .Select(i => new { i.Year, i.PerCapitaNetIncome, i.AllowableOutOfPocket }).ToListAsync(ct);
        var openProblems = await db.Problems.CountAsync(p => p.HouseholdId == c.HouseholdId && p.Status != ProblemStatus.Verified, ct);
        var received = c.Measures.Count(m => m.Status != MeasureStatus.Planned);
        var largeCosts = incomes.FirstOrDefault() is { } last && policy.IsHighOutOfPocket(last.AllowableOutOfPocket, HouseholdStatus.Monitored);
        // Each income year is judged against its own year's range.
        var thresholds = new Dictionary<int, decimal>();
        foreach (var year in incomes.Select(i => i.Year).Take(3))
            thresholds[year] = (await policies.PolicyForAsync(c.VillageCode, year, ct)).Threshold;
        var input = new EliminationInput(c.MonitoredSince ?? Today, Today, received, incomes.Select(i => (i.Year, i.PerCapitaNetIncome)).ToList(),
            openProblems, largeCosts, await HasWorkingMemberAsync(c.HouseholdId, ct), thresholds);
        return EliminationRules.Check(input, policy);
    }

    public async Task<Outcome<CaseView>> RecordStepAsync(long id, StepRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var c = await db.MonitoringCases.Include(x => x.Steps).Include(x => x.Measures).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Failure.NotFound("该监测对象");
        if (!CaseSteps.PermissionOf.TryGetValue(r.Step, out var permission)) return Failure.Invalid("step", "未知的步骤");
        if (!user.Has(permission)) return Failure.Forbidden($"您的角色不能登记“{Labels.Of(r.Step)}”");
        if (await ProposedItAsync(c, r.Step, ct)) return Failure.Forbidden(CaseSteps.SelfApprovalMessage(r.Step));
        if (c.Version != r.Version)
            return Failure.Conflict($"该户的认定已被 {c.UpdatedBy} 于 {ChinaTime.Format(c.UpdatedAt)} 推进到“{Labels.Of(c.Stage)}”，请刷新后重试");
        if (!c.CanRecord(r.Step)) return Failure.Conflict($"当前为“{Labels.Of(c.Stage)}”，不能登记“{Labels.Of(r.Step)}”");
        var outcome = await ApplyAsync(c, r, clock.GetUtcNow().UtcDateTime, ct);
        if (outcome is not null) return outcome;
        if (await db.SaveEditAsync("该户的认定", t => db.MonitoringCases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, t), ct) is { } conflict)
            return conflict;
        return await GetAsync(id, ct);
    }

    /// <summary>Checks the step's form (<see cref="StepRules"/>, and the kind against the household), records it on the case.</summary>
    private async Task<Failure?> ApplyAsync(MonitoringCase c, StepRequest r, DateTime now, CancellationToken ct)
    {
        var by = user.UserName;
        var policy = await policies.PolicyForAsync(c.VillageCode, Today.Year, ct);
        // No step is dated before the lead, nor before the step it follows.
        var earliest = c.EarliestNext();
        switch (r.Step)
        {
            case CaseStep.Visit:
                if (StepRules.Visit(r.Date, r.Findings, Today, earliest) is { } visit) return visit;
                c.RecordVisit(r.Date!.Value, r.Findings!, now, by);
                break;
            case CaseStep.Consent:
                if (StepRules.Consent(r.Date, r.ScanFileId, Today, earliest) is { } consent) return consent;
                if ((await files.FindAsync([r.ScanFileId!.Trim()], ct)).FirstOrDefault() is not { } scan)
                    return Failure.Invalid("scanFileId", "扫描件不存在或无权使用，请重新上传");
                c.RecordConsent(r.Date!.Value, scan.Id, scan.FileName, now, by);
                break;
            case CaseStep.Comparison:
                c.RecordComparison(r.Findings, now, by);
                break;
            case CaseStep.Appraisal or CaseStep.EliminationAppraisal:
                var elimination = MonitoringCase.IsElimination(r.Step);
                if (StepRules.Appraisal(r.Date, r.Participants, r.Agreed, r.Kind, r.RiskTypes, r.Reason, elimination, Today, earliest) is { } appraisal)
                    return appraisal;
                // The same check as the county's decision, so a proposal that cannot be decided is corrected at the village.
                if (!elimination && r.Agreed == true && await CheckKindAsync(c, r.Kind!.Value, ct) is { } wrongKind) return Failure.Invalid("kind", wrongKind);
                c.RecordAppraisal(r.Step, r.Date!.Value, r.Participants!.Value, r.Agreed!.Value, r.Kind, r.RiskTypes, r.Reason, now, by);
                break;
            case CaseStep.Publicity or CaseStep.EliminationPublicity:
                if (StepRules.Publicity(r.StartDate, r.EndDate, r.Objections, r.ObjectionHandling, policy.PublicityDays, Today, earliest) is { } publicity)
                    return publicity;
                c.RecordPublicity(r.Step, r.StartDate!.Value, r.EndDate!.Value, r.Objections, r.ObjectionHandling, now, by);
                break;
            case CaseStep.TownshipReview or CaseStep.EliminationTownship:
                if (StepRules.Review(r.Agreed, r.Opinion) is { } review) return review;
                c.RecordReview(r.Step, r.Agreed!.Value, r.Opinion!, now, by);
                break;
            case CaseStep.CountyDecision:
                var kind = r.Kind ?? c.ProposedKind;
                var risks = r.RiskTypes is { Count: > 0 } given ? given : c.RiskTypeList();
                if (StepRules.Decision(r.Agreed, r.Reason, kind, risks) is { } decision) return decision;
                if (r.Agreed == false)
                {
                    c.DecideNotIncluded(r.Reason!, now, by);
                    break;
                }
                if (await CheckKindAsync(c, kind!.Value, ct) is { } error) return Failure.Invalid("kind", error);
                c.DecideIncluded(kind.Value, risks, Today, now, by);
                break;
            case CaseStep.StartElimination:
                var conditions = await ConditionsAsync(c, policy, ct);
                if (StepRules.StartElimination(conditions) is { } unmet) return unmet;
                c.StartElimination(conditions, now, by);
                break;
            case CaseStep.EliminationCounty:
                if (StepRules.Elimination(r.Agreed, r.Reason) is { } refusal) return refusal;
                c.DecideElimination(r.Agreed!.Value, r.Reason, now, by);
                break;
            default:
                return Failure.Invalid("step", "未知的步骤");
        }
        await ApplyToHouseholdAsync(c, r.Step, now, ct);
        return null;
    }

    /// <summary>
    /// What the case's new stage means outside it: a decision answers the household's leads; included, the household
    /// becomes a 监测户; eliminated, it is what it was before and is swept like every other.
    /// </summary>
    private async Task ApplyToHouseholdAsync(MonitoringCase c, CaseStep recorded, DateTime now, CancellationToken ct)
    {
        var included = recorded == CaseStep.CountyDecision && c.Stage == CaseStage.Monitoring;
        if (included || c.Stage == CaseStage.NotIncluded)
        {
            if (included) (await db.Households.FirstAsync(h => h.Id == c.HouseholdId, ct)).ChangeStatus(HouseholdStatus.Monitored, now, user.UserName);
            foreach (var l in await db.RiskLeads.Where(l => l.CaseId == c.Id || (l.HouseholdId == c.HouseholdId && l.Status == LeadStatus.Open)).ToListAsync(ct))
                l.Close(included);
        }
        if (c.Stage == CaseStage.Eliminated)
            (await db.Households.FirstAsync(h => h.Id == c.HouseholdId, ct)).ChangeStatus(c.StatusBefore, now, user.UserName);
    }

    /// <summary>The kind against the household's status before monitoring and its latest income (with that year's range).</summary>
    private async Task<string?> CheckKindAsync(MonitoringCase c, MonitoringKind kind, CancellationToken ct)
    {
        var income = await db.Incomes.AsNoTracking().Where(i => i.HouseholdId == c.HouseholdId).OrderByDescending(i => i.Year)
            .Select(i => new { i.Year, i.PerCapitaNetIncome }).FirstOrDefaultAsync(ct);
        var policy = await policies.PolicyForAsync(c.VillageCode, income?.Year ?? Today.Year, ct);
        return KindRules.Check(kind, c.StatusBefore, income?.PerCapitaNetIncome, policy);
    }

    public async Task<Outcome<CaseView>> SetPlanAsync(long id, PlanRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        if (!user.Has(Permissions.MonitoringWork)) return Failure.Forbidden("您的角色不能制定帮扶计划");
        var c = await db.MonitoringCases.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Failure.NotFound("该监测对象");
        if (Versions.Check(c, r.Version, "该户的帮扶计划") is { } stale) return stale;
        if (!c.IsMonitored || c.Stage == CaseStage.Eliminated) return Failure.Conflict("纳入监测后才能制定帮扶计划");
        c.SetPlan(r.ResponsibleCadre, r.Plan, clock.GetUtcNow().UtcDateTime, user.UserName);
        if (await db.SaveEditAsync("该户的帮扶计划", t => db.MonitoringCases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, t), ct) is { } conflict)
            return conflict;
        return await GetAsync(id, ct);
    }

    public async Task<Outcome<MeasureView>> SaveMeasureAsync(long caseId, long? measureId, MeasureRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        if (!user.Has(Permissions.MonitoringWork)) return Failure.Forbidden("您的角色不能登记帮扶措施");
        var c = await db.MonitoringCases.FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null) return Failure.NotFound("该监测对象");
        if (!c.IsMonitored || c.Stage == CaseStage.Eliminated) return Failure.Conflict("纳入监测后、风险消除前才能登记帮扶措施");
        if (!Enum.IsDefined(r.Category)) return Failure.Invalid("category", "请选择措施类别");
        if (r.RiskType is { } rt && !Enum.IsDefined(rt)) return Failure.Invalid("riskType", "风险类型无效");
        if (StepRules.Text(r.Description, 4) is not { } description) return Failure.Invalid("description", "请描述帮扶措施（至少4个字）");
        if (r.EndDate is { } end && end < r.StartDate) return Failure.Invalid("endDate", "结束日期不能早于开始日期");
        if (r.Amount is < 0 or > 10_000_000) return Failure.Invalid("amount", "金额应在0至1000万元之间");
        if (r.Category == MeasureCategory.Finance
            && MeasureRules.Microloan(r.Amount, r.StartDate, r.EndDate, await policies.PolicyForAsync(c.VillageCode, r.StartDate.Year, ct)) is { } loan)
            return Failure.Invalid(loan.Field, loan.Message);
        if (!Enum.IsDefined(r.Status)) return Failure.Invalid("status", "请选择措施状态");
        if (r.Status == MeasureStatus.Done && StepRules.Text(r.Evidence) is null) return Failure.Invalid("evidence", "已落实的措施请填写佐证（如发放记录、合同、照片说明）");
        var m = measureId is { } mid ? await db.AssistanceMeasures.FirstOrDefaultAsync(x => x.Id == mid && x.CaseId == caseId, ct) : null;
        if (measureId is not null && m is null) return Failure.NotFound("该帮扶措施");
        const string what = "该帮扶措施";
        if (m is not null && Versions.Check(m, r.Version, what) is { } stale) return stale;
        if (m?.SourceKind is not null) return Failure.Conflict($"该措施由{MeasureSources.LabelOf(m.SourceKind)}自动登记并随之更新，请在台账中修改");
        if (m is null) db.AssistanceMeasures.Add(m = new AssistanceMeasure { CaseId = caseId, HouseholdId = c.HouseholdId, VillageCode = c.VillageCode });
        m.Category = r.Category;
        m.RiskType = r.RiskType;
        m.Description = description;
        m.StartDate = r.StartDate;
        m.EndDate = r.EndDate;
        m.Amount = r.Amount;
        m.Status = r.Status;
        m.Evidence = StepRules.Text(r.Evidence);
        m.Stamp(clock.GetUtcNow().UtcDateTime, user.UserName);
        var id = m.Id;
        if (await db.SaveEditAsync(what, t => db.AssistanceMeasures.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, t), ct) is { } conflict)
            return conflict;
        return View(m);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/monitoring").WithTags("防返贫监测");
        g.MapGet("/cases", async ([AsParameters] CaseQuery q, IdentifyHouseholdsHandler h, CancellationToken ct) =>
                (await h.SearchAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringView).RequireHouseholdInScope()
            .WithName("SearchCases").WithSummary("监测对象与认定中的户（筛选 region、stage、kind、overdue=逾期未审定、active）");
        g.MapGet("/cases/{id:long}", async (long id, IdentifyHouseholdsHandler h, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringView)
            .WithName("GetCase").WithSummary("认定过程、帮扶措施、风险消除条件");
        g.MapPost("/leads/{id:long}/case", async (long id, IdentifyHouseholdsHandler h, CancellationToken ct) =>
                (await h.OpenFromLeadAsync(id, ct)).ToHttp(r => TypedResults.Created($"/api/v1/monitoring/cases/{r.Id}", r)))
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("OpenCase").WithSummary("受理风险线索，启动监测认定（入户核查）");
        g.MapPost("/cases/{id:long}/steps", async (long id, StepRequest r, IdentifyHouseholdsHandler h, CancellationToken ct) =>
                (await h.RecordStepAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringView)
            // Each step checks its own permission in the handler; a role with none of them is refused up front.
            .RequireAuthorization(p => p.RequireClaim(AppClaims.Permission, Permissions.MonitoringWork, Permissions.MonitoringReview, Permissions.MonitoringDecide))
            .WithName("RecordCaseStep").WithSummary("登记下一步：Visit 入户核查 / Consent 承诺授权（date、scanFileId）/ Comparison 信息比对 / Appraisal 民主评议 / Publicity 村级公示 / TownshipReview 乡镇审核 / CountyDecision 县级审定 / StartElimination 及风险消除各步");
        g.MapPut("/cases/{id:long}/plan", async (long id, PlanRequest r, IdentifyHouseholdsHandler h, CancellationToken ct) =>
                (await h.SetPlanAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("SetCasePlan").WithSummary("一户一策：一对一监测责任人与帮扶计划");
        g.MapPost("/cases/{id:long}/measures", async (long id, MeasureRequest r, IdentifyHouseholdsHandler h, CancellationToken ct) =>
                (await h.SaveMeasureAsync(id, null, r, ct)).ToHttp(m => TypedResults.Created($"/api/v1/monitoring/cases/{id}/measures/{m.Id}", m)))
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("AddMeasure").WithSummary("登记帮扶措施");
        g.MapPut("/cases/{id:long}/measures/{measureId:long}", async (long id, long measureId, MeasureRequest r, IdentifyHouseholdsHandler h, CancellationToken ct) =>
                (await h.SaveMeasureAsync(id, measureId, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("UpdateMeasure").WithSummary("修改帮扶措施");
    }
}
