using Jingzhun.Web.Modules.Dashboards.Dashboard;
using Jingzhun.Web.Modules.Exit.Rules;
using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.SearchHouseholds;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Exit;

public sealed record HouseholdExitRow(long Id, string HouseholdNumber, string HeadName, string VillageCode, string RegionPath, HouseholdStatus Status,
    decimal? PerCapitaIncome, decimal PovertyLine, bool Meets, IReadOnlyList<Condition> Conditions, ExitStage? ProcedureStage, long? ProcedureId);

/// <summary>A village judged for a year; <see cref="PoorBasis"/> says where the year's 未脱贫 people come from.</summary>
public sealed record VillageExitRow(string Code, string Name, int Households, int PoorPeople, int? RuralPopulation, bool Meets,
    IReadOnlyList<Condition> Conditions, string PoorBasis);

public sealed record CountyEvaluationRequest([property: Text(6, "区县")] string County, int Year, int ExitedSampled, int WronglyExited, int NonPoorSampled, int MissedFound,
    int Surveyed, int Satisfied, int? PoorPeople = null, int? RuralPopulation = null);

public sealed record CountyEvaluation(string County, string CountyName, int Year, bool Passed, IReadOnlyList<Condition> Conditions, ExitStandard Standard);

public sealed record ExitStepRequest(ExitStage To, int Version, DateOnly? Date = null, int? Participants = null, DateOnly? StartDate = null,
    DateOnly? EndDate = null,
    // Both go into the procedure's JSON log (8,000 characters for all steps, CJK escaped): 500 each leaves room.
    [property: Text(500, "异议情况")] string? Objections = null,
    [property: Text(500, "理由")] string? Reason = null);

public sealed record ExitProcedureView(long Id, long HouseholdId, int Year, ExitStage Stage, int Version, IReadOnlyList<ExitStepLog> Steps);

/// <summary>A procedure with its household judged against the standard of the procedure's year.</summary>
public sealed record ExitProcedureDetail(ExitProcedureView Procedure, HouseholdExitRow Household, DateTime UpdatedAt, string UpdatedBy);

/// <summary>
/// 退出评估: who meets the household exit standard and why not; village incidence and checks; the county's 三率一度
/// calculator; and the household exit procedure. The standard of the year comes from the exit_standards table.
/// </summary>
public sealed class EvaluateExitHandler(AppDbContext db, RegionDirectory regions, DashboardHandler dashboard,
    Monitoring.SweepRisks.SweepRisksHandler procedurePolicy, PolicyStore policies, IYearEndRegistry yearEnd, CurrentUser user, TimeProvider clock)
{

    public Task<ExitStandard> StandardAsync(string code, int year, CancellationToken ct) => policies.InForceAsync<ExitStandard>(code, year, ct);

    /// <summary>
    /// Registered households (not 一般农户) of a region judged against the exit standard of a year; <paramref name="q"/>
    /// narrows to a 户主姓名 or 户编号 containing it.
    /// </summary>
    public async Task<Outcome<PageResult<HouseholdExitRow>>> HouseholdsAsync(string? region, int? year, bool? meets, int? page, CancellationToken ct,
        string? q = null)
    {
        var asked = regions.Asked(region, user);
        if (!asked.Succeeded) return asked.Failure!;
        var code = asked.Value!;
        var y = year ?? ChinaTime.Today(clock).Year - 1;
        var term = q?.Trim() ?? "";
        if (term.Length > 50) return Failure.Invalid("q", "查找内容不能超过50个字");
        var households = db.Households.AsNoTracking().InRegion(code).Where(h => h.Status != HouseholdStatus.Ordinary);
        if (term.Length > 0) households = households.Where(h => h.HeadName.Contains(term) || h.HouseholdNumber.Contains(term));
        var judged = (await JudgeAsync(households,
                code, y, ct))
            .Where(r => meets is null || r.Meets == meets).ToList();
        return judged.Page(Paging.Of(page, 50, 50, 50)).Select(r => r with { RegionPath = regions.ShortPath(r.VillageCode) });
    }

    private async Task<List<HouseholdExitRow>> JudgeAsync(IQueryable<Household> households, string code, int y, CancellationToken ct)
    {
        var standard = await StandardAsync(code, y, ct);
        var rows = await households
            .OrderBy(h => h.HouseholdNumber)
            .Select(h => new
            {
                h.Id, h.HouseholdNumber, h.HeadName, h.VillageCode, h.Status,
                Income = h.Incomes.Where(i => i.Year == y).Select(i => (decimal?)i.PerCapitaNetIncome).FirstOrDefault(),
            }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var verdicts = (await db.Assessments.AsNoTracking().Where(a => ids.Contains(a.HouseholdId))
            .Select(a => new { a.HouseholdId, a.Dimension, a.Verdict, a.Reason }).ToListAsync(ct)).ToLookup(a => a.HouseholdId);
        var procedures = (await db.HouseholdExits.AsNoTracking().Where(e => ids.Contains(e.HouseholdId) && e.Year == y)
            .Select(e => new { e.HouseholdId, e.Id, e.Stage }).ToListAsync(ct)).ToDictionary(e => e.HouseholdId);
        return rows.Select(r =>
        {
            var conditions = ExitRules.Household(y, r.Income, standard.PovertyLine,
                verdicts[r.Id].Select(v => (v.Dimension, v.Verdict, v.Reason)).ToList());
            procedures.TryGetValue(r.Id, out var p);
            return new HouseholdExitRow(r.Id, r.HouseholdNumber, r.HeadName, r.VillageCode, "", r.Status, r.Income, standard.PovertyLine,
                conditions.All(c => c.Met), conditions, p?.Stage, p?.Id);
        }).ToList();
    }

    /// <summary>Villages below a region: 贫困发生率 against 2% (3% in the west), plus problems cleared and basic services.</summary>
    public async Task<Outcome<IReadOnlyList<VillageExitRow>>> VillagesAsync(string? region, int? year, CancellationToken ct)
    {
        var asked = regions.Asked(region, user);
        if (!asked.Succeeded) return asked.Failure!;
        var code = asked.Value!;
        if (code.Length < 6) return Failure.Invalid("region", "请选择区县或乡镇，查看其下各村的退出评估");
        var y = year ?? ChinaTime.Today(clock).Year - 1;
        var standard = await StandardAsync(code, y, ct);
        var stats = await db.Households.AsNoTracking()
            .InRegion(code)
            .GroupBy(h => h.VillageCode)
            .Select(g => new
            {
                g.Key, H = g.Count(),
                Road = g.Count(h => h.HasHardenedRoad == true), Power = g.Count(h => h.HasElectricity == true),
                Broadband = g.Count(h => h.HasBroadband == true),
            }).ToListAsync(ct);
        // The poor of the year evaluated, not today's: from the year's freeze where one covers the village, else from the
        // registry's 识别年度 and 脱贫年度.
        var byYears = (await db.Households.AsNoTracking()
                .InRegion(code).Where(h => h.Status != HouseholdStatus.Ordinary)
                .GroupBy(h => new { h.VillageCode, h.Status, h.IdentifiedYear, h.ExitYear })
                .Select(g => new { g.Key.VillageCode, g.Key.Status, g.Key.IdentifiedYear, g.Key.ExitYear, People = g.Sum(h => h.Size) })
                .ToListAsync(ct))
            .Where(x => YearEndStatus.PoorAt(x.Status, x.IdentifiedYear, x.ExitYear, y))
            .GroupBy(x => x.VillageCode).ToDictionary(g => g.Key, g => g.Sum(x => x.People));
        var problems = (await db.Problems.AsNoTracking()
            .InRegion(code).Where(p => p.Status != ProblemStatus.Verified)
            .GroupBy(p => p.VillageCode).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct)).ToDictionary(p => p.Key, p => p.N);
        var villages = regions.ChildrenOf(code).SelectMany(c => c.Level == RegionLevel.Village ? [c] : regions.ChildrenOf(c.Code)).ToList();
        if (regions.Find(code)?.Level == RegionLevel.Village) villages = [regions.Find(code)!];
        var frozen = await yearEnd.FrozenAsync(code, villages.Select(v => v.Code).ToList(), y, ct);
        return Outcome<IReadOnlyList<VillageExitRow>>.From(villages.Select(v =>
        {
            var s = stats.FirstOrDefault(x => x.Key == v.Code);
            var h = s?.H ?? 0;
            var (poor, basis) = frozen.TryGetValue(v.Code, out var f)
                ? (YearEndStatus.PoorPeople(f.Households), f.Source)
                : (byYears.GetValueOrDefault(v.Code), $"按识别年度、脱贫年度推算至{y}年底");
            string Share(int n) => h == 0 ? "无建档户" : $"{n}/{h} 户";
            var open = problems.GetValueOrDefault(v.Code);
            List<Condition> conditions =
            [
                ExitRules.Village(poor, v.RuralPopulation, standard.IncidenceMaxPercent),
                new("两不愁三保障问题清零", open == 0, open == 0 ? "无未清零问题" : $"尚有{open}个问题未清零"),
                new("通硬化路", h == 0 || s!.Road == h, Share(s?.Road ?? 0)),
                new("通生活用电", h == 0 || s!.Power == h, Share(s?.Power ?? 0)),
                new("通宽带", h == 0 || s!.Broadband == h, Share(s?.Broadband ?? 0)),
            ];
            return new VillageExitRow(v.Code, v.Name, h, poor, v.RuralPopulation, conditions.All(c => c.Met), conditions, basis);
        }).ToList());
    }

    /// <summary>三率一度: incidence from the registry (or the evaluator's figures), the sampled rates as entered.</summary>
    public async Task<Outcome<CountyEvaluation>> CountyAsync(CountyEvaluationRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var code = r.County?.Trim() ?? "";
        if (code.Length != 6) return Failure.Invalid("county", "请选择区县");
        var asked = regions.Asked(code, user, "county");
        if (!asked.Succeeded) return asked.Failure!;
        if (new[] { r.ExitedSampled, r.WronglyExited, r.NonPoorSampled, r.MissedFound, r.Surveyed, r.Satisfied }.Any(n => n < 0))
            return Failure.Invalid("surveyed", "样本数不能为负数");
        if (r.WronglyExited > r.ExitedSampled) return Failure.Invalid("wronglyExited", "错退户数不能大于抽查的脱贫户数");
        if (r.MissedFound > r.NonPoorSampled) return Failure.Invalid("missedFound", "漏评户数不能大于抽查的非建档户数");
        if (r.Satisfied > r.Surveyed) return Failure.Invalid("satisfied", "认可人数不能大于受访人数");
        var standard = await StandardAsync(code, r.Year, ct);
        var d = (await dashboard.HandleAsync(code, ct)).Value!;
        var poor = r.PoorPeople ?? d.NotExitedPeople;
        var rural = r.RuralPopulation ?? d.RuralPopulation ?? 0;
        var conditions = ExitRules.County(new CountyEvaluationInput(poor, rural, r.ExitedSampled, r.WronglyExited, r.NonPoorSampled, r.MissedFound,
            r.Surveyed, r.Satisfied), standard);
        return new CountyEvaluation(code, regions.NameOf(code), r.Year, conditions.All(c => c.Met), conditions, standard);
    }

    public async Task<Outcome<ExitProcedureView>> StartAsync(long householdId, int year, CancellationToken ct)
    {
        if (!user.Has(Permissions.MonitoringWork)) return Failure.Forbidden("您的角色不能发起脱贫退出");
        var h = await db.Households.AsNoTracking().Where(x => x.Id == householdId).Select(x => new { x.Id, x.VillageCode, x.Status }).FirstOrDefaultAsync(ct);
        if (h is null || !user.CanSee(h.VillageCode)) return Failure.NotFound("该户");
        if (h.Status != HouseholdStatus.NotExited) return Failure.Conflict($"该户为“{Labels.Of(h.Status)}”，只有未脱贫户办理脱贫退出");
        var row = (await JudgeAsync(db.Households.AsNoTracking().Where(x => x.Id == householdId), h.VillageCode, year, ct)).Single();
        if (!row.Meets)
            return new Failure(FailureKind.Invalid, "尚未达到脱贫退出标准",
                new Dictionary<string, string[]> { ["conditions"] = row.Conditions.Where(c => !c.Met).Select(c => $"{c.Name}：{c.Detail}").ToArray() });
        if (await db.HouseholdExits.AnyAsync(e => e.HouseholdId == householdId && e.Year == year, ct))
            return Failure.Conflict($"该户{year}年的脱贫退出程序已经发起");
        var e = HouseholdExit.Start(h.Id, h.VillageCode, year, clock.GetUtcNow().UtcDateTime, user.UserName);
        db.HouseholdExits.Add(e);
        await db.SaveChangesAsync(ct);
        return View(e);
    }

    public async Task<Outcome<ExitProcedureView>> StepAsync(long id, ExitStepRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var e = await db.HouseholdExits.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null || !user.CanSee(e.VillageCode)) return Failure.NotFound("该退出程序");
        var county = e.Stage == ExitStage.CountyDecision;
        if (!user.Has(county ? Permissions.MonitoringDecide : Permissions.MonitoringWork))
            return Failure.Forbidden(county ? "县级审定须由区县登记" : "您的角色不能登记该步骤");
        if (e.Version != r.Version) return Failure.Conflict($"已被 {e.UpdatedBy} 于 {ChinaTime.Format(e.UpdatedAt)} 推进，请刷新后重试");
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        string summary;
        switch (e.Stage, r.To)
        {
            case (ExitStage.Appraisal, ExitStage.Publicity or ExitStage.Rejected):
                if (r.Date is not { } d || d > today) return Failure.Invalid("date", "请填写评议日期（不晚于今天）");
                if (r.Participants is not > 0) return Failure.Invalid("participants", "请填写参加评议人数");
                if (r.To == ExitStage.Rejected && string.IsNullOrWhiteSpace(r.Reason)) return Failure.Invalid("reason", "评议不同意的，请填写理由");
                summary = $"民主评议（{d:yyyy-MM-dd}，{r.Participants}人参加）：{(r.To == ExitStage.Publicity ? "同意退出" : $"不同意，{r.Reason!.Trim()}")}";
                break;
            case (ExitStage.Publicity, ExitStage.CountyDecision):
                if (r.StartDate is not { } s || r.EndDate is not { } end) return Failure.Invalid("endDate", "请填写公示起止日期");
                var days = end.DayNumber - s.DayNumber + 1;
                // The same publicity length as the monitoring procedure, from the province's policy table (≥ 5 days).
                var publicityDays = (await procedurePolicy.PolicyForAsync(e.VillageCode, today.Year, ct)).PublicityDays;
                if (days < publicityDays) return Failure.Invalid("endDate", $"村级公示不少于{publicityDays}天，本次仅{days}天");
                if (end > today) return Failure.Invalid("endDate", "公示尚未结束，结束后再登记");
                summary = $"村级公示 {s:yyyy-MM-dd} 至 {end:yyyy-MM-dd}（{days}天）" + (string.IsNullOrWhiteSpace(r.Objections) ? "，无异议" : $"，异议：{r.Objections.Trim()}");
                break;
            case (ExitStage.CountyDecision, ExitStage.Exited or ExitStage.Rejected):
                if (r.To == ExitStage.Rejected && string.IsNullOrWhiteSpace(r.Reason)) return Failure.Invalid("reason", "不同意退出的，请填写理由");
                summary = r.To == ExitStage.Exited ? $"县级审定：同意{e.Year}年脱贫退出，销号" : $"县级审定：不同意退出，{r.Reason!.Trim()}";
                if (r.To == ExitStage.Exited)
                {
                    var household = await db.Households.FirstAsync(h => h.Id == e.HouseholdId, ct);
                    household.MarkExited(e.Year, now, user.UserName);
                }
                break;
            default:
                return Failure.Conflict($"当前为“{Labels.Of(e.Stage)}”，不能改为“{Labels.Of(r.To)}”");
        }
        e.Move(r.To, summary, now, user.UserName);
        if (await db.SaveEditAsync("该退出程序", t => db.HouseholdExits.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, t), ct) is { } conflict)
            return conflict;
        return View(e);
    }

    /// <summary>One procedure (in the user's scope) with its household judged against the standard of its year.</summary>
    public async Task<Outcome<ExitProcedureDetail>> ProcedureAsync(long id, CancellationToken ct)
    {
        var e = await db.HouseholdExits.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null || !user.CanSee(e.VillageCode)) return Failure.NotFound("该退出程序");
        var row = (await JudgeAsync(db.Households.AsNoTracking().Where(x => x.Id == e.HouseholdId), e.VillageCode, e.Year, ct)).Single();
        return new ExitProcedureDetail(View(e), row with { RegionPath = regions.ShortPath(row.VillageCode) }, e.UpdatedAt, e.UpdatedBy);
    }

    private static ExitProcedureView View(HouseholdExit e) => new(e.Id, e.HouseholdId, e.Year, e.Stage, e.Version, e.Steps());

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/exit").WithTags("退出评估");
        g.MapGet("/households", async (string? region, int? year, bool? meets, int? page, string? q, EvaluateExitHandler h, CancellationToken ct) =>
                (await h.HouseholdsAsync(region, year, meets, page, ct, q)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryView)
            .WithName("ExitHouseholds").WithSummary("户脱贫退出评估：是否达到当年标准及原因（meets=false 只看未达标；q 按户主姓名或户编号查找）");
        g.MapGet("/villages", async (string? region, int? year, EvaluateExitHandler h, CancellationToken ct) =>
                (await h.VillagesAsync(region, year, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryView)
            .WithName("ExitVillages").WithSummary("村退出评估：贫困发生率（西部3%）及其他条件");
        g.MapPost("/county", async (CountyEvaluationRequest r, EvaluateExitHandler h, CancellationToken ct) => (await h.CountyAsync(r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryView)
            .WithName("ExitCounty").WithSummary("县退出“三率一度”计算（抽样数据由评估人员录入）");
        g.MapPost("/households/{id:long}/procedure", async (long id, int year, EvaluateExitHandler h, CancellationToken ct) =>
                (await h.StartAsync(id, year, ct)).ToHttp(v => TypedResults.Created($"/api/v1/exit/procedures/{v.Id}", v)))
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("StartHouseholdExit").WithSummary("发起户脱贫退出（须已达标准）");
        g.MapGet("/procedures/{id:long}", async (long id, EvaluateExitHandler h, CancellationToken ct) =>
                (await h.ProcedureAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryView)
            .WithName("ExitProcedure").WithSummary("户脱贫退出程序：步骤及该户当年是否达标");
        g.MapPost("/procedures/{id:long}/steps", async (long id, ExitStepRequest r, EvaluateExitHandler h, CancellationToken ct) =>
                (await h.StepAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("ExitStep").WithSummary("退出程序：民主评议 → 村级公示 → 县级审定");
    }
}
