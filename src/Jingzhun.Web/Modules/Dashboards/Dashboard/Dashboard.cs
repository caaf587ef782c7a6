using Jingzhun.Web.Modules.Dashboards.Figures;
using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Modules.Monitoring.SweepRisks;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Dashboards.Dashboard;

/// <summary>A count with its label and the list behind it (every number on the dashboard links to its list).</summary>
public sealed record Figure(string Key, string Label, int Households, int People, string Link);

public sealed record IncomeYear(int Year, decimal AveragePerCapita, int Households);

public sealed record IncomeBand(string Label, int Households, string Link);

public sealed record SubRegionFigures(string Code, string Name, RegionLevel Level, bool HasChildren, int Households, int People,
    int NotExitedPeople, decimal? AverageIncome, int Monitored, int OpenProblems, int OverdueProblems, double? ClearingRate,
    double? Incidence);

public sealed record Crumb(string Code, string Name);

public sealed record DashboardView(
    string RegionCode, string RegionName, IReadOnlyList<Crumb> Breadcrumb, DateTime AsOf,
    int Households, int People, IReadOnlyList<Figure> ByStatus, IReadOnlyList<Figure> ByAttribute, IReadOnlyList<Figure> ByMainCause,
    IReadOnlyList<Figure> By321,
    int? RuralPopulation, int NotExitedPeople, double? Incidence,
    IReadOnlyList<IncomeYear> IncomeByYear, int? GrowthBaseYear, int? GrowthEndYear, double? Growth, double? GrowthSince2020,
    decimal Threshold, int LatestIncomeYear, IReadOnlyList<IncomeBand> IncomeBands,
    int OpenProblems, int OverdueProblems, int FoundProblems, int VerifiedProblems, double? ClearingRate,
    int MonitoredHouseholds, int MonitoredPeople, IReadOnlyList<Figure> MonitoredByKind, int IdentifiedPeople, int EliminatedPeople,
    double? EliminationRatio,
    double? VisitCoverage,
    IReadOnlyList<SubRegionFigures> SubRegions,
    string? MonitoringRangeNotice = null);

/// <summary>
/// The figures of the command dashboard for one region, all counted live from the registry with grouped queries
/// (so a change is visible at once); the page and GET /api/v1/dashboard share this query. Each figure's link is the
/// list filter that yields the same count.
/// </summary>
public sealed class DashboardHandler(ReadDb read, RegionDirectory regions, SweepRisksHandler monitoringPolicies, FieldWork.Compliance.ComplianceLoader visits,
    CurrentUser user, TimeProvider clock, FigureState figures)
{
    private readonly AppDbContext db = read.Db;
    public async Task<Outcome<DashboardView>> HandleAsync(string? region, CancellationToken ct) => await HandleAsync(region, null, ct);

    /// <summary>The dashboard with the income growth from <paramref name="baseYear"/> (any year with data; the earliest when none).</summary>
    public async Task<Outcome<DashboardView>> HandleAsync(string? region, int? baseYear, CancellationToken ct)
    {
        var asked = regions.Asked(region, user);
        if (!asked.Succeeded) return asked.Failure!;
        var code = asked.Value!;
        var view = await figures.IsBuiltAsync(ct) ? await FromFiguresAsync(code, ct) : await ComputeLiveAsync(code, ct);
        if (baseYear is not { } y) return view;
        if (view.IncomeByYear.All(i => i.Year != y))
            return Failure.Invalid("baseYear", view.IncomeByYear.Count == 0 ? "基年：该地区暂无收入记录"
                : $"基年应为有收入记录的年度（{string.Join("、", view.IncomeByYear.Select(i => i.Year))}）");
        var growth = GrowthOf(view.IncomeByYear, y);
        return view with { GrowthBaseYear = growth?.BaseYear, GrowthEndYear = growth?.EndYear, Growth = Percent(growth?.Rate) };
    }

    private static IncomeGrowth? GrowthOf(IReadOnlyList<IncomeYear> byYear, int? baseYear) =>
        IncomeRule.GrowthFrom(byYear.Select(i => (i.Year, i.AveragePerCapita)).ToList(), baseYear);

    private static double? Percent(double? rate) => rate is { } r ? Math.Round(r * 100, 1) : null;

    /// <summary>
    /// The dashboard counted live from the registry, problems, cases and visits (grouped queries over the region's rows):
    /// the reference the per-village figures are checked against, and the answer while they are first being built.
    /// </summary>
    public async Task<DashboardView> ComputeLiveAsync(string code, CancellationToken ct)
    {
        var (low, high) = RegionCodes.VillageRange(code);
        var households = db.Households.AsNoTracking()
            .InRegion(code);

        var incomes = await db.Incomes.AsNoTracking()
            .Where(i => string.Compare(i.Household.VillageCode, low) >= 0 && string.Compare(i.Household.VillageCode, high) <= 0
                && i.Household.Status != HouseholdStatus.Ordinary)
            .GroupBy(i => i.Year)
            .Select(g => new { Year = g.Key, Net = g.Sum(i => i.NetIncome), People = g.Sum(i => i.HouseholdSize), H = g.Count() })
            .OrderBy(g => g.Year).ToListAsync(ct);
        // Registered households' per-capita net income: total net income ÷ total people, the way the statistics quote it.
        var byYear = incomes.Where(i => i.People > 0).Select(i => new IncomeYear(i.Year, Math.Round(i.Net / i.People, 2), i.H)).ToList();
        var lastYear = LastYear(byYear);
        var limits = IncomeBandLimits.Of(await monitoringPolicies.PolicyForAsync(code.Length >= 2 ? code : FigureCounter.NationalPolicyCode, lastYear, ct));
        var (t, band, twice) = limits;
        // Every household figure (by status, attribute, cause, 321 class, income band and sub-region) from one grouped pass
        // over the region's households (a province is 650,000 of them; one pass per figure took seconds).
        var children = regions.ChildrenOf(code);
        var len = children.Count > 0 ? children[0].Code.Length : Math.Max(code.Length, 2);
        var groups = await households
            .GroupBy(h => new { Key = h.VillageCode.Substring(0, len), h.Status, h.Attribute, h.MainCause, h.Class321 })
            .Select(g => new HouseholdGroup(g.Key.Key, g.Key.Status, g.Key.Attribute, g.Key.MainCause, g.Key.Class321, g.Count(), g.Sum(h => h.Size),
                g.Sum(h => h.LatestPerCapitaIncome) ?? 0m, g.Count(h => h.LatestPerCapitaIncome != null),
                g.Count(h => h.LatestIncomeYear == lastYear && h.LatestPerCapitaIncome <= t),
                g.Count(h => h.LatestIncomeYear == lastYear && h.LatestPerCapitaIncome > t && h.LatestPerCapitaIncome <= band),
                g.Count(h => h.LatestIncomeYear == lastYear && h.LatestPerCapitaIncome > band && h.LatestPerCapitaIncome <= twice),
                g.Count(h => h.LatestIncomeYear == lastYear && h.LatestPerCapitaIncome > twice)))
            .ToListAsync(ct);
        List<(TKey Key, long H, long P)> By<TKey>(Func<HouseholdGroup, TKey> key) =>
            groups.GroupBy(key).Select(g => (g.Key, (long)g.Sum(x => x.H), (long)g.Sum(x => x.P))).ToList();
        var registry = new RegistryCounts(By(g => g.Status), Known(By(g => g.Attribute)), Known(By(g => g.MainCause)), Known(By(g => g.Class321)),
            [groups.Sum(g => g.Band1), groups.Sum(g => g.Band2), groups.Sum(g => g.Band3), groups.Sum(g => g.Band4)]);

        var problems = db.Problems.AsNoTracking().InRegion(code);
        var today = ChinaTime.Today(clock);
        var found = await problems.CountAsync(ct);
        var verified = await problems.CountAsync(p => p.Status == ProblemStatus.Verified, ct);
        var overdue = await problems.CountAsync(p => p.Deadline < today && (p.Status == ProblemStatus.Assigned || p.Status == ProblemStatus.InProgress), ct);

        var cases = (await (from c in db.MonitoringCases.AsNoTracking().InRegion(code)
                            where MonitoringCase.IdentifiedStages.Contains(c.Stage)
                            join h in db.Households on c.HouseholdId equals h.Id
                            select new { c.Stage, c.Kind, h.Size }).ToListAsync(ct))
            .GroupBy(c => (c.Stage, c.Kind)).Select(g => new CaseCount(g.Key.Stage, g.Key.Kind, g.Count(), g.Sum(c => c.Size))).ToList();

        return await ComposeAsync(code, registry, byYear, limits, (found, verified, overdue), cases, await VisitCoverageAsync(code, today, ct),
            await SubRegionsAsync(code, children, groups, today, ct), ct);
    }

    private static List<(TKey Key, long H, long P)> Known<TKey>(List<(TKey? Key, long H, long P)> list) where TKey : struct, Enum =>
        list.Where(x => x.Key != null).Select(x => (x.Key!.Value, x.H, x.P)).ToList();

    private int LastYear(IReadOnlyList<IncomeYear> byYear) => byYear.Count == 0 ? ChinaTime.Today(clock).Year - 1 : byYear[^1].Year;

    /// <summary>The household figures of a region: by status, attribute, main cause, 321 class, and the four income bands.</summary>
    private sealed record RegistryCounts(List<(HouseholdStatus Key, long H, long P)> Status, List<(PovertyAttribute Key, long H, long P)> Attribute,
        List<(PovertyCause Key, long H, long P)> Causes, List<(Class321 Key, long H, long P)> Class321, long[] Bands);

    private sealed record CaseCount(CaseStage Stage, MonitoringKind? Kind, long Cases, long People);

    /// <summary>The dashboard from its counts, however they were obtained (live or from the per-village figures).</summary>
    private async Task<DashboardView> ComposeAsync(string code, RegistryCounts registry, List<IncomeYear> byYear, IncomeBandLimits limits,
        (long Found, long Verified, long Overdue) problems, List<CaseCount> cases, double? visitCoverage, IReadOnlyList<SubRegionFigures> subRegions,
        CancellationToken ct)
    {
        string L(string query) => $"/households?region={code}&{query}";
        // Growth from the earliest year with data to 2020 (a base year asked for is applied in HandleAsync), and since 2020:
        // none while 2020 is the latest year (a zero-year span, which once answered 500).
        var growth = GrowthOf(byYear, null);
        var sinceEnd = Percent(IncomeRule.Rate(byYear.Select(i => (i.Year, i.AveragePerCapita)).ToList(), IncomeRule.PeriodEnd,
            byYear.Count == 0 ? IncomeRule.PeriodEnd : byYear[^1].Year));
        var lastYear = LastYear(byYear);
        var (t, band, twice) = limits;
        var bands = new List<IncomeBand>
        {
            new($"≤{t:0}元（监测范围内）", (int)registry.Bands[0], L($"incomeYear={lastYear}&maxIncome={t}")),
            new($"{t:0}–{band:0}元（临界）", (int)registry.Bands[1], L($"incomeYear={lastYear}&minIncome={t + 0.01m}&maxIncome={band}")),
            new($"{band:0}–{twice:0}元", (int)registry.Bands[2], L($"incomeYear={lastYear}&minIncome={band + 0.01m}&maxIncome={twice}")),
            new($">{twice:0}元", (int)registry.Bands[3], L($"incomeYear={lastYear}&minIncome={twice + 0.01m}")),
        };
        var status = registry.Status;
        var total = (int)status.Sum(s => s.H);
        var people = (int)status.Sum(s => s.P);
        var notExitedPeople = (int)status.Where(s => s.Key == HouseholdStatus.NotExited).Sum(s => s.P);
        var rural = regions.RuralPopulationOf(code);
        var monitored = cases.Where(c => c.Stage != CaseStage.Eliminated).ToList();
        var identifiedPeople = (int)cases.Sum(c => c.People);
        var eliminatedPeople = (int)cases.Where(c => c.Stage == CaseStage.Eliminated).Sum(c => c.People);
        var (found, verified, overdue) = ((int)problems.Found, (int)problems.Verified, (int)problems.Overdue);
        Figure F<TKey>((TKey Key, long H, long P) s, string filter) where TKey : struct, Enum =>
            new(s.Key.ToString(), Labels.Of(s.Key), (int)s.H, (int)s.P, L($"{filter}={s.Key}"));

        return new DashboardView(code, regions.NameOf(code),
            [new Crumb("", "全国"), .. regions.PathOf(code).Select(r => new Crumb(r.Code, r.Name))],
            clock.GetUtcNow().UtcDateTime, total, people,
            status.Where(s => s.H > 0).OrderBy(s => s.Key).Select(s => F(s, "status")).ToList(),
            registry.Attribute.Where(s => s.H > 0).OrderBy(s => s.Key).Select(s => F(s, "attribute")).ToList(),
            registry.Causes.Where(s => s.H > 0).OrderByDescending(s => s.H).ThenBy(s => s.Key).Select(s => F(s, "mainCause")).ToList(),
            registry.Class321.Where(s => s.H > 0).OrderBy(s => s.Key).Select(s => F(s, "class321")).ToList(),
            rural, notExitedPeople, rural is > 0 ? Math.Round(100.0 * notExitedPeople / rural.Value, 2) : null,
            byYear, growth?.BaseYear, growth?.EndYear, Percent(growth?.Rate), sinceEnd, t, lastYear, bands,
            found - verified, overdue, found, verified, found == 0 ? null : Math.Round(100.0 * verified / found, 1),
            (int)monitored.Sum(c => c.Cases), (int)monitored.Sum(c => c.People),
            Enum.GetValues<MonitoringKind>().Select(k => new Figure(k.ToString(), Labels.Of(k), (int)monitored.Where(c => c.Kind == k).Sum(c => c.Cases),
                (int)monitored.Where(c => c.Kind == k).Sum(c => c.People), $"/monitoring?region={code}&kind={k}&phase=Monitored")).ToList(),
            identifiedPeople, eliminatedPeople, identifiedPeople == 0 ? null : Math.Round(100.0 * eliminatedPeople / identifiedPeople, 1),
            visitCoverage, subRegions,
            await MonitoringRangeNoticeAsync(code, ChinaTime.Today(clock).Year, ct));
    }

    /// <summary>
    /// 防止返贫监测范围 is set per province each year (DOMAIN.md §4): when the region's province (or, for the whole country,
    /// the national floor) has no row of the current year, the values carried forward are named and the year asked for.
    /// </summary>
    private async Task<string?> MonitoringRangeNoticeAsync(string code, int year, CancellationToken ct)
    {
        var province = code.Length >= 2 ? code[..2] : "";
        var inForce = await monitoringPolicies.PolicyForAsync(code, year, ct);
        return inForce.CarriedForwardNotice(province, year) is { } notice
            ? $"{(province == "" ? "全国" : regions.NameOf(province))}尚未设置 {year} 年防止返贫监测范围，{notice}（当前执行 {inForce.Threshold:0.##} 元）"
            : null;
    }

    /// <summary>本月走访覆盖率 (%): paired households owing this month's visit that have had it (null when none is paired).</summary>
    private async Task<double?> VisitCoverageAsync(string code, DateOnly today, CancellationToken ct)
    {
        var month = await visits.LoadAsync(code, today.Year, today.Month, null, ct);
        var owed = month.Households.Count(h => h.Monthly is not null);
        return owed == 0 ? null : Math.Round(100.0 * month.Households.Count(h => h.Monthly?.Met == true) / owed, 1);
    }

    private sealed record HouseholdGroup(string Key, HouseholdStatus Status, PovertyAttribute? Attribute, PovertyCause? MainCause,
        Class321? Class321, int H, int P, decimal IncomeSum, int IncomeCount, int Band1, int Band2, int Band3, int Band4);

    private async Task<IReadOnlyList<SubRegionFigures>> SubRegionsAsync(string code, IReadOnlyList<Region> children,
        List<HouseholdGroup> groups, DateOnly today, CancellationToken ct)
    {
        if (children.Count == 0) return [];
        var len = children[0].Code.Length;
        var hh = groups.GroupBy(g => g.Key).Select(g => new
        {
            g.Key, H = g.Sum(x => x.H), P = g.Sum(x => x.P),
            NotExited = g.Where(x => x.Status == HouseholdStatus.NotExited).Sum(x => x.P),
            Monitored = g.Where(x => x.Status == HouseholdStatus.Monitored).Sum(x => x.H),
            Income = g.Sum(x => x.IncomeCount) is > 0 and var n ? g.Sum(x => x.IncomeSum) / n : (decimal?)null,
        }).ToList();
        var pr = await db.Problems.AsNoTracking()
            .InRegion(code)
            .GroupBy(p => p.VillageCode.Substring(0, len))
            .Select(g => new
            {
                g.Key, Found = g.Count(), Verified = g.Count(p => p.Status == ProblemStatus.Verified),
                Overdue = g.Count(p => p.Deadline < today && (p.Status == ProblemStatus.Assigned || p.Status == ProblemStatus.InProgress)),
            }).ToListAsync(ct);
        return children.Select(c =>
        {
            var h = hh.FirstOrDefault(x => x.Key == c.Code);
            var p = pr.FirstOrDefault(x => x.Key == c.Code);
            return SubRegion(c, h?.H ?? 0, h?.P ?? 0, h?.NotExited ?? 0, h?.Income, h?.Monitored ?? 0, p?.Found ?? 0, p?.Verified ?? 0, p?.Overdue ?? 0);
        }).ToList();
    }

    private SubRegionFigures SubRegion(Region c, long households, long people, long notExited, decimal? income, long monitored, long found,
        long verified, long overdue)
    {
        var rural = regions.RuralPopulationOf(c.Code);
        return new SubRegionFigures(c.Code, c.Name, c.Level, regions.ChildrenOf(c.Code).Count > 0, (int)households, (int)people, (int)notExited,
            income is { } inc ? Math.Round(inc, 2) : null, (int)monitored, (int)(found - verified), (int)overdue,
            found > 0 ? Math.Round(100.0 * verified / found, 1) : null,
            rural is > 0 ? Math.Round(100.0 * notExited / rural.Value, 2) : null);
    }

    private static readonly string[] SubRegionKinds = [FigureKinds.Status, FigureKinds.Income, FigureKinds.Problems, FigureKinds.OpenByDeadline];

    /// <summary>
    /// The dashboard from the per-village figures: the region's own rows and its children's (a few hundred rows for the
    /// country), never the registry; overdue problems and this month's visits are read for today from their dated rows.
    /// </summary>
    private async Task<DashboardView> FromFiguresAsync(string code, CancellationToken ct)
    {
        var children = regions.ChildrenOf(code);
        var childCodes = children.Select(c => c.Code).ToList();
        var rows = await db.RegionFigures.AsNoTracking()
            .Where(f => f.RegionCode == code || (childCodes.Contains(f.RegionCode) && SubRegionKinds.Contains(f.Figure)))
            .ToListAsync(ct);
        var today = ChinaTime.Today(clock);
        var todayKey = today.ToString("yyyy-MM-dd");
        var byRegion = rows.ToLookup(r => r.RegionCode);
        var own = byRegion[code].ToLookup(r => r.Figure);
        List<(T Key, long H, long P)> Enums<T>(string figure) where T : struct, Enum =>
            own[figure].Select(r => (Enum.Parse<T>(r.Key), r.Households, r.People)).ToList();
        long Count(ILookup<string, RegionFigure> of, string figure, string key) => of[figure].Where(r => r.Key == key).Sum(r => r.Households);
        long Overdue(ILookup<string, RegionFigure> of) =>
            of[FigureKinds.OpenByDeadline].Where(r => string.CompareOrdinal(r.Key, todayKey) < 0).Sum(r => r.Households);

        var byYear = own[FigureKinds.IncomeYear].Where(r => r.People > 0).Select(r => new IncomeYear(int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture),
            Math.Round(r.AmountFen / 100m / r.People, 2), (int)r.Households)).OrderBy(i => i.Year).ToList();
        var lastYear = LastYear(byYear);
        var limits = IncomeBandLimits.Of(await monitoringPolicies.PolicyForAsync(code.Length >= 2 ? code : FigureCounter.NationalPolicyCode, lastYear, ct));
        var bandFigure = code.Length >= 2 ? FigureKinds.Band : FigureKinds.NationalBand;
        var registry = new RegistryCounts(Enums<HouseholdStatus>(FigureKinds.Status), Enums<PovertyAttribute>(FigureKinds.Attribute),
            Enums<PovertyCause>(FigureKinds.MainCause), Enums<Class321>(FigureKinds.Class321),
            [.. Enumerable.Range(1, 4).Select(b => Count(own, bandFigure, FigureKinds.BandKey(lastYear, b)))]);
        var cases = own[FigureKinds.Cases].Select(r => r.Key.Split(':')).Zip(own[FigureKinds.Cases])
            .Select(x => new CaseCount(Enum.Parse<CaseStage>(x.First[0]), x.First[1].Length == 0 ? null : Enum.Parse<MonitoringKind>(x.First[1]), x.Second.Households, x.Second.People))
            .ToList();
        double? coverage;
        if (await FigureUpkeep.VisitMonthBuiltAsync(db, today.Year, today.Month, ct))
        {
            var month = own[FigureKinds.Visits].FirstOrDefault(r => r.Key == FigureKinds.MonthKey(today.Year, today.Month));
            coverage = month is { Households: > 0 } m ? Math.Round(100.0 * m.People / m.Households, 1) : null;
        }
        else coverage = await VisitCoverageAsync(code, today, ct);

        var subRegions = children.Select(c =>
        {
            var of = byRegion[c.Code].ToLookup(r => r.Figure);
            var status = of[FigureKinds.Status].ToList();
            var income = of[FigureKinds.Income].FirstOrDefault();
            return SubRegion(c, status.Sum(r => r.Households), status.Sum(r => r.People),
                status.Where(r => r.Key == nameof(HouseholdStatus.NotExited)).Sum(r => r.People),
                income is { Households: > 0 } i ? i.AmountFen / 100m / i.Households : null,
                status.Where(r => r.Key == nameof(HouseholdStatus.Monitored)).Sum(r => r.Households),
                Count(of, FigureKinds.Problems, "found"), Count(of, FigureKinds.Problems, "verified"), Overdue(of));
        }).ToList();
        return await ComposeAsync(code, registry, byYear, limits,
            (Count(own, FigureKinds.Problems, "found"), Count(own, FigureKinds.Problems, "verified"), Overdue(own)), cases, coverage, subRegions, ct);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/dashboard", async (string? region, int? baseYear, DashboardHandler h, CancellationToken ct) =>
                (await h.HandleAsync(region, baseYear, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryView)
            .WithName("Dashboard").WithSummary("指挥驾驶舱数据（与首页同一查询；每个数字附带其明细清单链接）").WithTags("驾驶舱");
}
