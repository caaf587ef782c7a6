using Jingzhun.Web.Modules.Guarantees.Duties;
using Jingzhun.Web.Modules.Projects.Rules;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Projects.ManageProjects;

/// <summary>The project list's filters (page, API and export share them).</summary>
public sealed record ProjectQuery(string? Region, int? Year, ProjectStage? Stage, ProjectCategory? Category, bool? Warning, string? Q,
    int? Page, int? PageSize);

public sealed record ProjectRow(long Id, string Name, int Year, string RegionCode, string RegionPath, ProjectCategory Category, string SubType,
    string ImplementingUnit, ProjectStage Stage, int Progress, decimal Budget, decimal Assigned, decimal Paid, string? Warning, int Version);

public sealed record BudgetLine(FundSource Source, decimal Amount);
public sealed record BeneficiaryLine(long HouseholdId, BenefitKind Benefit);

public sealed record BudgetView(FundSource Source, decimal Budget, decimal Assigned, decimal Paid);
public sealed record BeneficiaryView(long HouseholdId, string HouseholdNumber, string HeadName, string VillageName, BenefitKind Benefit);
public sealed record AssignmentView(long Id, long AllocationId, string DocumentNumber, FundSource Source, decimal Amount, DateTime At, string By);
public sealed record PaymentView(long Id, long AllocationId, string DocumentNumber, FundSource Source, DateOnly PaidOn, decimal Amount,
    string VoucherNumber, string Payee, string By);
public sealed record ProjectEventView(ProjectStage? From, ProjectStage To, string Note, DateTime At, string By,
    IReadOnlyList<Platform.Files.StoredFileView> Photos);

/// <summary>A project with its money, households and history; <c>NextSteps</c> are those the reader may take now.</summary>
public sealed record ProjectView(ProjectRow Project, IReadOnlyList<string> VillageNames, DateOnly PlannedStart, DateOnly PlannedEnd,
    int TargetHouseholds, int TargetJobs, decimal TargetIncomePerHousehold, string ProposedBy, DateTime ProposedAt, DateOnly? StartedOn,
    AcceptanceResult? AcceptanceResult, string? TerminationReason, IReadOnlyList<BudgetView> Budgets, IReadOnlyList<BeneficiaryView> Beneficiaries,
    IReadOnlyList<AssignmentView> Assignments, IReadOnlyList<PaymentView> Payments, IReadOnlyList<ProjectStep> NextSteps,
    IReadOnlyList<ProjectEventView> History, string? DutyNote, IReadOnlyList<ProjectAssetView> Assets);

/// <summary>An asset the project left (资产移交), as the project page lists it.</summary>
public sealed record ProjectAssetView(long Id, string Name, Assets.AssetClass Class, decimal Value, Assets.AssetStatus Status);

public sealed record ProposeProjectRequest(
    [property: Text(100, "项目名称", typeof(Project), nameof(Project.Name))] string Name,
    int Year, IReadOnlyList<string> VillageCodes, ProjectCategory Category,
    [property: Text(50, "项目子类", typeof(Project), nameof(Project.SubType))] string SubType,
    [property: Text(100, "实施单位", typeof(Project), nameof(Project.ImplementingUnit))] string ImplementingUnit,
    DateOnly PlannedStart, DateOnly PlannedEnd, int TargetHouseholds, int TargetJobs, decimal TargetIncomePerHousehold,
    IReadOnlyList<BudgetLine> Budget, IReadOnlyList<BeneficiaryLine>? Beneficiaries);

/// <summary>
/// The next step and its fields: progress (percent), accept (result), adjust (reason, new planned end), terminate (reason),
/// 资产移交 (recipient, and the assets it leaves: none listed makes one of the project's value), 绩效评价 (grade).
/// </summary>
public sealed record ProjectStepRequest(ProjectStep Step, int Version,
    [property: Text(500, "说明", typeof(ProjectEvent), nameof(ProjectEvent.Note))] string? Note = null,
    int? Progress = null, AcceptanceResult? Result = null, DateOnly? PlannedEnd = null,
    [property: Text(500, "原因", typeof(Project), nameof(Project.TerminationReason))] string? Reason = null,
    AssetRecipient? Recipient = null, PerformanceGrade? Grade = null, IReadOnlyList<Assets.AssetLine>? Assets = null,
    IReadOnlyList<string>? PhotoIds = null);

public sealed class ManageProjectsHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, SeparationOfDuties duties,
    PolicyStore policies, Assets.ManageAssetsHandler assets, Platform.Files.FileStore files, TimeProvider clock)
{
    /// <summary>The steps that show the site (开工, 报进度, 竣工) may carry photos, at most this many.</summary>
    public const int MaxStepPhotos = 9;
    public static bool TakesPhotos(ProjectStep step) => step is ProjectStep.Start or ProjectStep.Progress or ProjectStep.Complete;

    public const int MaxVillages = 20;
    public const int MaxBeneficiaries = 2000;

    public static readonly IReadOnlyDictionary<ProjectStep, string> PermissionOf = new Dictionary<ProjectStep, string>
    {
        [ProjectStep.Review] = Permissions.ProjectsReview,
        [ProjectStep.Approve] = Permissions.ProjectsApprove,
        [ProjectStep.IssuePlan] = Permissions.ProjectsApprove,
        [ProjectStep.Start] = Permissions.ProjectsImplement,
        [ProjectStep.Progress] = Permissions.ProjectsImplement,
        [ProjectStep.Complete] = Permissions.ProjectsImplement,
        [ProjectStep.Accept] = Permissions.ProjectsApprove,
        [ProjectStep.Adjust] = Permissions.ProjectsApprove,
        [ProjectStep.Terminate] = Permissions.ProjectsApprove,
        [ProjectStep.HandOver] = Permissions.ProjectsApprove,
        [ProjectStep.Evaluate] = Permissions.ProjectsApprove,
    };

    public const string SelfReviewMessage = "申报与审核须由不同的人办理：该项目由您申报，请由其他有审核职责的人员审核";
    public const string SelfAcceptMessage = "竣工与验收须由不同的人办理：该项目由您报竣工，请由其他有验收职责的人员验收";

    private DateOnly Today => ChinaTime.Today(clock);

    public Outcome<IQueryable<Project>> Filter(ProjectQuery q)
    {
        var query = db.Projects.AsNoTracking();
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        if (region.Value is { } code) query = query.InRegion(code);
        if (q.Year is { } y) query = query.Where(p => p.Year == y);
        if (q.Stage is { } s) query = query.Where(p => p.Stage == s);
        if (q.Category is { } c) query = query.Where(p => p.Category == c);
        if (!string.IsNullOrWhiteSpace(q.Q)) query = query.Where(p => p.Name.Contains(q.Q.Trim()));
        return Outcome<IQueryable<Project>>.From(query);
    }

    public async Task<Outcome<PageResult<ProjectRow>>> SearchAsync(ProjectQuery q, CancellationToken ct)
    {
        var filtered = Filter(q);
        if (!filtered.Succeeded) return filtered.Failure!;
        var query = filtered.Value!;
        if (q.Warning == true) query = await WarnedAsync(query, ct);
        var page = await query.OrderByDescending(p => p.Year).ThenByDescending(p => p.Id)
            .PageAsync(Paging.Of(q.Page, q.PageSize), rows => rows.ToListAsync(ct), ct);
        var rows = await RowsAsync(page.Items, ct);
        return new PageResult<ProjectRow>(rows, page.Page, page.PageSize, page.Total);
    }

    /// <summary>
    /// The projects late (<see cref="ProjectRules.Warning"/>): started and past their planned completion day, or behind their
    /// planned progress by more than their county's policy allows; planned and not started, or completed and not accepted,
    /// for longer than it allows.
    /// </summary>
    public async Task<IQueryable<Project>> WarnedAsync(IQueryable<Project> query, CancellationToken ct)
    {
        var today = Today;
        var counties = await query.Where(p => p.Stage == ProjectStage.Planned || p.Stage == ProjectStage.Completed || p.Stage == ProjectStage.Started)
            .Select(p => p.CountyCode).Distinct().ToListAsync(ct);
        var ids = await query.Where(p => p.Stage == ProjectStage.Started && p.PlannedEnd < today).Select(p => p.Id).ToListAsync(ct);
        // Started and within their planned time: behind is judged on each one's dates and progress (exact, in code).
        var running = await query.Where(p => p.Stage == ProjectStage.Started && p.PlannedEnd >= today && p.PlannedStart < today)
            .Select(p => new { p.Id, p.CountyCode, p.PlannedStart, p.PlannedEnd, p.Progress }).ToListAsync(ct);
        foreach (var county in counties)
        {
            var policy = await policies.InForceAsync<ProjectWarningPolicy>(county, Today.Year, ct);
            ids.AddRange(running.Where(p => p.CountyCode == county
                    && ProjectRules.Behind(p.PlannedStart, p.PlannedEnd, today, p.Progress, policy.BehindProgressPoints) is not null)
                .Select(p => p.Id));
            var notStartedBefore = ChinaTime.ToUtc(Today.AddDays(-policy.NotStartedDays).ToDateTime(TimeOnly.MinValue));
            var notAcceptedBefore = ChinaTime.ToUtc(Today.AddDays(-policy.NotAcceptedDays).ToDateTime(TimeOnly.MinValue));
            ids.AddRange(await query.Where(p => p.CountyCode == county
                    && ((p.Stage == ProjectStage.Planned && p.PlanIssuedAt < notStartedBefore)
                        || (p.Stage == ProjectStage.Completed && p.CompletedAt < notAcceptedBefore)))
                .Select(p => p.Id).ToListAsync(ct));
        }
        return query.Where(p => ids.Contains(p.Id));
    }

    /// <summary>Rows with their money (summed here: SQLite keeps money as fen) and their warning by the county's policy.</summary>
    private async Task<List<ProjectRow>> RowsAsync(IReadOnlyList<Project> projects, CancellationToken ct)
    {
        var ids = projects.Select(p => p.Id).ToList();
        var budgets = (await db.Projects.AsNoTracking().Where(p => ids.Contains(p.Id)).SelectMany(p => p.Budgets)
            .Select(b => new { b.ProjectId, b.Amount }).ToListAsync(ct)).ToLookup(b => b.ProjectId, b => b.Amount);
        var assigned = (await db.FundAssignments.AsNoTracking().Where(a => ids.Contains(a.ProjectId)).Select(a => new { a.ProjectId, a.Amount })
            .ToListAsync(ct)).ToLookup(a => a.ProjectId, a => a.Amount);
        var paid = (await db.FundPayments.AsNoTracking().Where(a => ids.Contains(a.ProjectId)).Select(a => new { a.ProjectId, a.Amount })
            .ToListAsync(ct)).ToLookup(a => a.ProjectId, a => a.Amount);
        var warnings = new Dictionary<string, ProjectWarningPolicy>();
        var rows = new List<ProjectRow>();
        foreach (var p in projects)
        {
            if (!warnings.TryGetValue(p.CountyCode, out var policy))
                warnings[p.CountyCode] = policy = await policies.InForceAsync<ProjectWarningPolicy>(p.CountyCode, Today.Year, ct);
            var warning = ProjectRules.Warning(p.Stage, Day(p.PlanIssuedAt), Day(p.CompletedAt), p.PlannedEnd, p.Progress, Today,
                policy.NotStartedDays, policy.NotAcceptedDays, p.PlannedStart, policy.BehindProgressPoints);
            rows.Add(new ProjectRow(p.Id, p.Name, p.Year, p.RegionCode, regions.ShortPath(p.RegionCode), p.Category, p.SubType, p.ImplementingUnit,
                p.Stage, p.Progress, budgets[p.Id].Sum(), assigned[p.Id].Sum(), paid[p.Id].Sum(), warning, p.Version));
        }
        return rows;
    }

    private static DateOnly? Day(DateTime? utc) => utc is { } t ? DateOnly.FromDateTime(ChinaTime.ToLocal(t)) : null;

    public async Task<Outcome<ProjectView>> GetAsync(long id, CancellationToken ct)
    {
        var p = await db.Projects.AsNoTracking().Include(x => x.Budgets).Include(x => x.Beneficiaries).Include(x => x.Events)
            .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return Failure.NotFound("该项目");
        var row = (await RowsAsync([p], ct))[0];
        var allocations = db.FundAllocations.AsNoTracking();
        var assignments = await (from a in db.FundAssignments.AsNoTracking().Where(a => a.ProjectId == id)
                                 join f in allocations on a.AllocationId equals f.Id
                                 orderby a.At
                                 select new AssignmentView(a.Id, a.AllocationId, f.DocumentNumber, f.Source, a.Amount, a.At, a.By)).ToListAsync(ct);
        var payments = await (from x in db.FundPayments.AsNoTracking().Where(x => x.ProjectId == id)
                              join f in allocations on x.AllocationId equals f.Id
                              orderby x.PaidOn, x.Id
                              select new PaymentView(x.Id, x.AllocationId, f.DocumentNumber, f.Source, x.PaidOn, x.Amount, x.VoucherNumber, x.Payee, x.By))
            .ToListAsync(ct);
        var budgets = p.Budgets.OrderBy(b => b.Source).Select(b => new BudgetView(b.Source, b.Amount,
            assignments.Where(a => a.Source == b.Source).Sum(a => a.Amount), payments.Where(a => a.Source == b.Source).Sum(a => a.Amount))).ToList();
        var householdIds = p.Beneficiaries.Select(b => b.HouseholdId).ToList();
        var households = await db.Households.AsNoTracking().Where(h => householdIds.Contains(h.Id))
            .Select(h => new { h.Id, h.HouseholdNumber, h.HeadName, h.VillageCode }).ToDictionaryAsync(h => h.Id, ct);
        // A household outside the reader's scope (a cadre's, say) is left out rather than named.
        var beneficiaries = p.Beneficiaries.Where(b => households.ContainsKey(b.HouseholdId)).Select(b =>
        {
            var h = households[b.HouseholdId];
            return new BeneficiaryView(h.Id, h.HouseholdNumber, h.HeadName, regions.NameOf(h.VillageCode), b.Benefit);
        }).OrderBy(b => b.VillageName).ThenBy(b => b.HouseholdNumber).ToList();
        var next = ProjectRules.Allowed.Keys.Where(s => p.CanApply(s) && user.Has(PermissionOf[s])).ToList();
        string? dutyNote = null;
        if (next.Contains(ProjectStep.Review) && await duties.RefusesAsync(p.Villages[0], p.ProposedBy, user.UserName, ct))
        {
            next.Remove(ProjectStep.Review);
            dutyNote = SelfReviewMessage;
        }
        if (next.Contains(ProjectStep.Accept) && await duties.RefusesAsync(p.Villages[0], p.CompletedBy, user.UserName, ct))
        {
            next.Remove(ProjectStep.Accept);
            dutyNote = SelfAcceptMessage;
        }
        var left = await db.ProjectAssets.AsNoTracking().Where(a => a.ProjectId == id).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Name, a.Class, a.Value, a.Status }).ToListAsync(ct);
        return new ProjectView(row, p.Villages.Select(v => regions.NameOf(v)).ToList(), p.PlannedStart, p.PlannedEnd, p.TargetHouseholds, p.TargetJobs,
            p.TargetIncomePerHousehold, p.ProposedBy, p.ProposedAt, p.StartedOn, p.AcceptanceResult, p.TerminationReason, budgets, beneficiaries,
            assignments, payments, next,
            await HistoryAsync(p.Events, ct), dutyNote,
            left.Select(a => new ProjectAssetView(a.Id, a.Name, a.Class, a.Value, a.Status)).ToList());
    }

    /// <summary>
    /// 公告公示: the households a project brings along, counted by village and by how they benefit; counts only (no name
    /// or number), so every beneficiary counts even where the reader's scope is a part of the project's villages.
    /// </summary>
    public async Task<IReadOnlyList<(string Village, BenefitKind Benefit, int Households)>> BeneficiaryCountsAsync(long id, CancellationToken ct)
    {
        var ids = await db.Projects.AsNoTracking().Where(p => p.Id == id).SelectMany(p => p.Beneficiaries)
            .Select(b => new { b.HouseholdId, b.Benefit }).ToListAsync(ct);
        var householdIds = ids.Select(b => b.HouseholdId).Distinct().ToList();
        var villages = await db.Households.AcrossScopes("公告公示 counts a project's beneficiaries by village; no personal data leaves the query")
            .AsNoTracking().Where(h => householdIds.Contains(h.Id)).Select(h => new { h.Id, h.VillageCode }).ToDictionaryAsync(h => h.Id, h => h.VillageCode, ct);
        return ids.Where(b => villages.ContainsKey(b.HouseholdId))
            .GroupBy(b => (Village: villages[b.HouseholdId], b.Benefit))
            .OrderBy(g => g.Key.Village).ThenBy(g => g.Key.Benefit)
            .Select(g => (regions.NameOf(g.Key.Village), g.Key.Benefit, g.Count())).ToList();
    }

    /// <summary>Money must be positive with at most two decimals (fen).</summary>
    public static Failure? CheckMoney(decimal amount, string field, string label) =>
        amount <= 0 ? Failure.Invalid(field, $"{label}应大于0")
        : decimal.Round(amount, 2) != amount ? Failure.Invalid(field, $"{label}最多保留两位小数（分）")
        : amount >= 1_000_000_000_000m ? Failure.Invalid(field, $"{label}过大")
        : null;

    /// <summary>The project's history in order, each step with its photos (looked up once for all of them).</summary>
    private async Task<List<ProjectEventView>> HistoryAsync(IReadOnlyList<ProjectEvent> events, CancellationToken ct)
    {
        var ids = events.SelectMany(e => e.Photos).Distinct().ToList();
        var stored = ids.Count == 0 ? [] : (await files.FindAsync(ids, ct)).ToDictionary(f => f.Id);
        return events.OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new ProjectEventView(e.From, e.To, e.Note, e.At, e.By, e.Photos.Where(stored.ContainsKey).Select(x => stored[x]).ToList())).ToList();
    }

    public async Task<Outcome<ProjectView>> ProposeAsync(ProposeProjectRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        if (!user.Has(Permissions.ProjectsPropose)) return Failure.Forbidden("您的角色不能申报项目");
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Trim().Length < 4) return Failure.Invalid("name", "请填写项目名称（至少4个字）");
        if (r.Year < 2021 || r.Year > Today.Year + 1) return Failure.Invalid("year", $"项目年度应在 2021 至 {Today.Year + 1} 年之间");
        var villages = (r.VillageCodes ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct().ToList();
        if (villages.Count == 0) return Failure.Invalid("villageCodes", "请选择项目所在的村（至少一个）");
        if (villages.Count > MaxVillages) return Failure.Invalid("villageCodes", $"一个项目最多涉及{MaxVillages}个村");
        foreach (var v in villages)
        {
            if (!RegionCodes.IsValid(v) || regions.Find(v) is not { Level: RegionLevel.Village })
                return Failure.Invalid("villageCodes", $"“{v}”不是村级区划代码");
            if (!user.CanSee(v)) return Failure.NotFound("该村");
        }
        if (villages.Any(v => v[..6] != villages[0][..6])) return Failure.Invalid("villageCodes", "项目涉及的村须在同一区县");
        if (!Enum.IsDefined(r.Category)) return Failure.Invalid("category", "请选择项目类别");
        if (string.IsNullOrWhiteSpace(r.SubType)) return Failure.Invalid("subType", "请填写项目子类，如：种植业基地、产业路");
        if (string.IsNullOrWhiteSpace(r.ImplementingUnit)) return Failure.Invalid("implementingUnit", "请填写实施单位");
        if (r.PlannedStart == default) return Failure.Invalid("plannedStart", "请填写计划开工日期");
        if (r.PlannedEnd < r.PlannedStart) return Failure.Invalid("plannedEnd", "计划完工日期不能早于计划开工日期");
        if (r.TargetHouseholds < 0) return Failure.Invalid("targetHouseholds", "带动户数不能为负数");
        if (r.TargetJobs < 0) return Failure.Invalid("targetJobs", "带动就业人数不能为负数");
        if (r.TargetIncomePerHousehold < 0 || decimal.Round(r.TargetIncomePerHousehold, 2) != r.TargetIncomePerHousehold)
            return Failure.Invalid("targetIncomePerHousehold", "户均增收应为不小于0的金额（最多两位小数）");
        var budget = r.Budget ?? [];
        if (budget.Count == 0) return Failure.Invalid("budget", "请填写项目预算（至少一个资金来源）");
        for (var i = 0; i < budget.Count; i++)
        {
            if (!Enum.IsDefined(budget[i].Source)) return Failure.Invalid($"budget[{i}].source", "请选择资金来源");
            if (CheckMoney(budget[i].Amount, $"budget[{i}].amount", "预算金额") is { } bad) return bad;
        }
        if (budget.Select(b => b.Source).Distinct().Count() != budget.Count) return Failure.Invalid("budget", "同一资金来源只能填写一行预算");
        var lines = (r.Beneficiaries ?? []).ToList();
        if (lines.Count > MaxBeneficiaries) return Failure.Invalid("beneficiaries", $"受益户一次最多{MaxBeneficiaries}户");
        if (lines.Any(b => !Enum.IsDefined(b.Benefit))) return Failure.Invalid("beneficiaries", "请选择受益方式");
        if (lines.Select(b => b.HouseholdId).Distinct().Count() != lines.Count) return Failure.Invalid("beneficiaries", "同一户只能列一次");
        var ids = lines.Select(b => b.HouseholdId).ToList();
        var found = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).Select(h => new { h.Id, h.VillageCode }).ToListAsync(ct);
        if (found.Count != ids.Count) return Failure.Invalid("beneficiaries", "受益户不存在或不在您的管辖范围内");
        if (found.FirstOrDefault(h => !villages.Contains(h.VillageCode)) is { } outside)
            return Failure.Invalid("beneficiaries", $"受益户须在项目所在的村：{regions.NameOf(outside.VillageCode)}不在项目范围内");
        var p = Project.Propose(r.Name, r.Year, villages, r.Category, r.SubType, r.ImplementingUnit, r.PlannedStart, r.PlannedEnd,
            r.TargetHouseholds, r.TargetJobs, r.TargetIncomePerHousehold, budget.Select(b => (b.Source, b.Amount)),
            lines.Select(b => (b.HouseholdId, b.Benefit)), clock.GetUtcNow().UtcDateTime, user.UserName);
        db.Projects.Add(p);
        await db.SaveChangesAsync(ct);
        return await GetAsync(p.Id, ct);
    }

    public async Task<Outcome<ProjectView>> StepAsync(long id, ProjectStepRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var p = await db.Projects.Include(x => x.Events).Include(x => x.Budgets).Include(x => x.Beneficiaries).AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return Failure.NotFound("该项目");
        if (!PermissionOf.TryGetValue(r.Step, out var permission)) return Failure.Invalid("step", "未知的操作");
        if (!user.Has(permission)) return Failure.Forbidden($"您的角色不能执行“{Labels.Of(r.Step)}”");
        if (Versions.Check(p, r.Version, "该项目") is { } stale) return stale;
        // A project that failed its acceptance leaves nothing fit to hand over: it is put right and accepted again.
        if (r.Step == ProjectStep.HandOver && p.Stage == ProjectStage.Accepted && p.AcceptanceResult == AcceptanceResult.Failed)
            return Failure.Conflict("该项目验收不合格，不能移交资产：请整改并重新组织验收");
        if (!p.CanApply(r.Step))
            return Failure.Conflict($"项目当前为“{Labels.Of(p.Stage)}”，不能执行“{Labels.Of(r.Step)}”：须按 申报→审核→论证入库→计划下达→开工→竣工→验收→资产移交→绩效评价 逐步办理");
        if (r.Step == ProjectStep.Review && await duties.RefusesAsync(p.Villages[0], p.ProposedBy, user.UserName, ct))
            return Failure.Forbidden(SelfReviewMessage);
        if (r.Step == ProjectStep.Accept && await duties.RefusesAsync(p.Villages[0], p.CompletedBy, user.UserName, ct))
            return Failure.Forbidden(SelfAcceptMessage);
        var note = r.Note?.Trim() is { Length: > 0 } n ? n : Labels.Of(r.Step);
        IReadOnlyList<Assets.ProjectAsset> left = [];
        switch (r.Step)
        {
            case ProjectStep.Progress:
                if (r.Progress is not { } pct || pct < 0 || pct > 100) return Failure.Invalid("progress", "请填写0到100之间的实施进度（%）");
                if (pct < p.Progress) return Failure.Invalid("progress", $"实施进度不能低于上次报告的{p.Progress}%");
                note = $"实施进度 {pct}%" + (r.Note is { Length: > 0 } ? "：" + r.Note.Trim() : "");
                break;
            case ProjectStep.Accept:
                if (r.Result is not { } result || !Enum.IsDefined(result)) return Failure.Invalid("result", "请选择验收结果");
                note = $"验收结果：{Labels.Of(result)}" + (r.Note is { Length: > 0 } ? "；" + r.Note.Trim() : "");
                break;
            case ProjectStep.HandOver:
                if (r.Recipient is not { } to || !Enum.IsDefined(to)) return Failure.Invalid("recipient", "请选择资产移交对象");
                var made = await assets.FromProjectAsync(p, to, r.Assets, ct);
                if (!made.Succeeded) return made.Failure!;
                left = made.Value!;
                note = $"资产移交给：{Labels.Of(to)}；登记资产{left.Count}项（{left.Sum(a => a.Value):0.00}元）" + (r.Note is { Length: > 0 } ? "；" + r.Note.Trim() : "");
                break;
            case ProjectStep.Evaluate:
                if (r.Grade is not { } grade || !Enum.IsDefined(grade)) return Failure.Invalid("grade", "请选择绩效评价结果");
                note = $"绩效评价：{Labels.Of(grade)}" + (r.Note is { Length: > 0 } ? "；" + r.Note.Trim() : "");
                break;
            case ProjectStep.Adjust or ProjectStep.Terminate:
                if (string.IsNullOrWhiteSpace(r.Reason)) return Failure.Invalid("reason", $"请填写{Labels.Of(r.Step)}原因");
                if (r.Step == ProjectStep.Adjust && r.PlannedEnd is { } end && end < p.PlannedStart)
                    return Failure.Invalid("plannedEnd", "计划完工日期不能早于计划开工日期");
                note = $"{Labels.Of(r.Step)}原因：{r.Reason.Trim()}" + (r.PlannedEnd is { } e2 && r.Step == ProjectStep.Adjust ? $"；计划完工调整为 {e2:yyyy-MM-dd}" : "");
                break;
        }
        var photos = r.PhotoIds?.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x.Trim()).Distinct().ToList() ?? [];
        if (photos.Count > 0 && !TakesPhotos(r.Step)) return Failure.Invalid("photoIds", "只有开工、报进度和竣工可以上传现场照片");
        if (photos.Count > MaxStepPhotos) return Failure.Invalid("photoIds", $"现场照片最多{MaxStepPhotos}张");
        if (photos.Count > 0 && (await files.FindAsync(photos, ct)).Count != photos.Count)
            return Failure.Invalid("photoIds", "现场照片不存在或无权使用，请重新上传");
        p.Apply(r.Step, note, clock.GetUtcNow().UtcDateTime, Today, user.UserName, r.Progress, r.Result,
            r.Step == ProjectStep.Adjust ? r.PlannedEnd : null, r.Reason?.Trim(), r.Recipient, r.Grade, photos);
        db.ProjectAssets.AddRange(left);
        if (await db.SaveEditAsync("该项目", t => db.Projects.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, t), ct) is { } conflict)
            return conflict;
        return await GetAsync(id, ct);
    }

    public async Task<Outcome<IResult>> ExportAsync(ProjectQuery q, CancellationToken ct)
    {
        var filtered = Filter(q);
        if (!filtered.Succeeded) return filtered.Failure!;
        var query = filtered.Value!;
        if (q.Warning == true) query = await WarnedAsync(query, ct);
        var projects = await query.OrderBy(p => p.Year).ThenBy(p => p.RegionCode).ThenBy(p => p.Id).Take(100_000).ToListAsync(ct);
        var rows = new List<IDictionary<string, object?>>();
        var byId = projects.ToDictionary(p => p.Id);
        foreach (var chunk in projects.Chunk(1000))
            foreach (var r in await RowsAsync(chunk, ct))
                rows.Add(new Dictionary<string, object?>
                {
                    // 所在村代码 and the planned dates make an export re-importable (Import: a project already in the library stays as it is).
                    ["项目编号"] = r.Id, ["项目名称"] = r.Name, ["年度"] = r.Year, ["所在村代码"] = string.Join("、", byId[r.Id].Villages), ["所在地区"] = r.RegionPath,
                    ["计划开工日期"] = byId[r.Id].PlannedStart.ToString("yyyy-MM-dd"), ["计划完工日期"] = byId[r.Id].PlannedEnd.ToString("yyyy-MM-dd"),
                    ["项目类别"] = Labels.Of(r.Category), ["项目子类"] = r.SubType, ["实施单位"] = r.ImplementingUnit,
                    ["项目阶段"] = Labels.Of(r.Stage), ["实施进度(%)"] = r.Progress, ["预算(元)"] = r.Budget, ["已分配资金(元)"] = r.Assigned,
                    ["已支付(元)"] = r.Paid, ["预警"] = r.Warning,
                });
        var name = $"衔接项目库_{regions.NameOf(q.Region ?? user.RegionCode ?? "")}_{Today:yyyyMMdd}.xlsx";
        return Outcome<IResult>.From(await ExcelFile.ResultAsync(rows, "项目库", name, ct));
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/projects").WithTags("衔接项目");
        g.MapGet("", async ([AsParameters] ProjectQuery q, ManageProjectsHandler h, CancellationToken ct) => (await h.SearchAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsView)
            .WithName("SearchProjects").WithSummary("项目库（筛选：region、year、stage、category、warning、q）");
        g.MapGet("/export", async ([AsParameters] ProjectQuery q, ManageProjectsHandler h, CancellationToken ct) => (await h.ExportAsync(q, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.ProjectsView)
            .ProducesFile().WithName("ExportProjects").WithSummary("导出项目库（Excel）");
        g.MapGet("/{id:long}", async (long id, ManageProjectsHandler h, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsView)
            .WithName("GetProject").WithSummary("项目详情：预算、资金、受益户与办理过程");
        g.MapPost("", async (ProposeProjectRequest r, ManageProjectsHandler h, CancellationToken ct) =>
                (await h.ProposeAsync(r, ct)).ToHttp(p => TypedResults.Created($"/api/v1/projects/{p.Project.Id}", p)))
            .RequireAuthorization(Permissions.ProjectsPropose)
            .WithName("ProposeProject").WithSummary("申报项目");
        g.MapPost("/{id:long}/steps", async (long id, ProjectStepRequest r, ManageProjectsHandler h, CancellationToken ct) =>
                (await h.StepAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsView)
            // Each step checks its own permission in the handler; a role with none of them is refused up front.
            .RequireAuthorization(p => p.RequireClaim(AppClaims.Permission, Permissions.ProjectsReview, Permissions.ProjectsApprove, Permissions.ProjectsImplement))
            .WithName("StepProject").WithSummary("推进项目：Review 审核 / Approve 论证入库 / IssuePlan 计划下达 / Start 开工 / Progress 报进度 / Complete 竣工 / Accept 验收 / HandOver 资产移交（recipient；assets：移交的资产，不填则按项目登记一项）/ Evaluate 绩效评价（grade）/ Adjust 调整 / Terminate 终止");
    }
}
