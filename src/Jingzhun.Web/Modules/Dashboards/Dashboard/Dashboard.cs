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
    IReadOnlyList<IncomeYear> IncomeByYear, double? GrowthTo2020, double? GrowthSince2020,
    decimal Threshold, int LatestIncomeYear, IReadOnlyList<IncomeBand> IncomeBands,
    int OpenProblems, int OverdueProblems, int FoundProblems, int VerifiedProblems, double? ClearingRate,
    int MonitoredHouseholds, int MonitoredPeople, IReadOnlyList<Figure> MonitoredByKind, int IdentifiedPeople, int EliminatedPeople,
    double? EliminationRatio,
    double? VisitCoverage,
    IReadOnlyList<SubRegionFigures> SubRegions);

/// <summary>
/// The figures of the command dashboard for one region, all counted live from the registry with grouped queries
/// (so a change is visible at once); the page and GET /api/v1/dashboard share this query. Each figure's link is the
/// list filter that yields the same count.
/// </summary>
public sealed class DashboardHandler(AppDbContext db, RegionDirectory regions, SweepRisksHandler monitoringPolicies, FieldWork.Compliance.ComplianceLoader visits,
    CurrentUser user, TimeProvider clock)
{
    public async Task<Outcome<DashboardView>> HandleAsync(string? region, CancellationToken ct)
    {
        var code = string.IsNullOrWhiteSpace(region) ? user.RegionCode ?? "" : region.Trim();
        if (code != "" && (!RegionCodes.IsValid(code) || regions.Find(code) is null)) return Failure.Invalid("region", "区划代码无效");
        if (!user.CanSee(code)) return Failure.NotFound("该地区");
        var (low, high) = RegionCodes.VillageRange(code);
        var households = db.Households.AsNoTracking()
            .Where(h => string.Compare(h.VillageCode, low) >= 0 && string.Compare(h.VillageCode, high) <= 0);
        string L(string query) => $"/households?region={code}&{query}";

        var status = await households.GroupBy(h => h.Status).Select(g => new { g.Key, H = g.Count(), P = g.Sum(h => h.Size) }).ToListAsync(ct);
        var attribute = await households.Where(h => h.Attribute != null).GroupBy(h => h.Attribute)
            .Select(g => new { g.Key, H = g.Count(), P = g.Sum(h => h.Size) }).ToListAsync(ct);
        var causes = await households.Where(h => h.MainCause != null).GroupBy(h => h.MainCause)
            .Select(g => new { g.Key, H = g.Count(), P = g.Sum(h => h.Size) }).ToListAsync(ct);
        var c321 = await households.Where(h => h.Class321 != null).GroupBy(h => h.Class321)
            .Select(g => new { g.Key, H = g.Count(), P = g.Sum(h => h.Size) }).ToListAsync(ct);

        var incomes = await db.Incomes.AsNoTracking()
            .Where(i => string.Compare(i.Household.VillageCode, low) >= 0 && string.Compare(i.Household.VillageCode, high) <= 0
                && i.Household.Status != HouseholdStatus.Ordinary)
            .GroupBy(i => i.Year)
            .Select(g => new { Year = g.Key, Net = g.Sum(i => i.NetIncome), People = g.Sum(i => i.HouseholdSize), H = g.Count() })
            .OrderBy(g => g.Year).ToListAsync(ct);
        // Registered households' per-capita net income: total net income ÷ total people, the way the statistics quote it.
        var byYear = incomes.Where(i => i.People > 0).Select(i => new IncomeYear(i.Year, Math.Round(i.Net / i.People, 2), i.H)).ToList();
        double? Growth(int from, int to)
        {
            var a = byYear.FirstOrDefault(y => y.Year == from);
            var b = byYear.FirstOrDefault(y => y.Year == to);
            return a is null || b is null || a.AveragePerCapita <= 0 ? null : Math.Round(IncomeRule.AverageAnnualGrowth(a.AveragePerCapita, b.AveragePerCapita, to - from) * 100, 1);
        }
        var lastYear = byYear.Count == 0 ? ChinaTime.Today(clock).Year - 1 : byYear[^1].Year;
        var threshold = (await monitoringPolicies.PolicyForAsync(code.Length >= 2 ? code : "00", lastYear, ct));
        var t = threshold.Threshold;
        var band = Math.Round(t * (1 + threshold.NearBand), 2);
        var latest = households.Where(h => h.LatestIncomeYear == lastYear);
        var bands = new List<IncomeBand>
        {
            new($"≤{t:0}元（监测范围内）", await latest.CountAsync(h => h.LatestPerCapitaIncome <= t, ct), L($"incomeYear={lastYear}&maxIncome={t}")),
            new($"{t:0}–{band:0}元（临界）", await latest.CountAsync(h => h.LatestPerCapitaIncome > t && h.LatestPerCapitaIncome <= band, ct),
                L($"incomeYear={lastYear}&minIncome={t + 0.01m}&maxIncome={band}")),
            new($"{band:0}–{t * 2:0}元", await latest.CountAsync(h => h.LatestPerCapitaIncome > band && h.LatestPerCapitaIncome <= t * 2, ct),
                L($"incomeYear={lastYear}&minIncome={band + 0.01m}&maxIncome={t * 2}")),
            new($">{t * 2:0}元", await latest.CountAsync(h => h.LatestPerCapitaIncome > t * 2, ct), L($"incomeYear={lastYear}&minIncome={t * 2 + 0.01m}")),
        };

        var problems = db.Problems.AsNoTracking().Where(p => string.Compare(p.VillageCode, low) >= 0 && string.Compare(p.VillageCode, high) <= 0);
        var today = ChinaTime.Today(clock);
        var found = await problems.CountAsync(ct);
        var verified = await problems.CountAsync(p => p.Status == ProblemStatus.Verified, ct);
        var open = found - verified;
        var overdue = await problems.CountAsync(p => p.Deadline < today && (p.Status == ProblemStatus.Assigned || p.Status == ProblemStatus.InProgress), ct);

        var cases = await (from c in db.MonitoringCases.AsNoTracking()
                           where string.Compare(c.VillageCode, low) >= 0 && string.Compare(c.VillageCode, high) <= 0
                                 && c.Stage >= CaseStage.Monitoring && c.Stage != CaseStage.NotIncluded
                           join h in db.Households on c.HouseholdId equals h.Id
                           select new { c.Stage, c.Kind, h.Size }).ToListAsync(ct);
        var monitored = cases.Where(c => c.Stage != CaseStage.Eliminated).ToList();
        var identifiedPeople = cases.Sum(c => c.Size);
        var eliminatedPeople = cases.Where(c => c.Stage == CaseStage.Eliminated).Sum(c => c.Size);

        var total = status.Sum(s => s.H);
        var people = status.Sum(s => s.P);
        var notExitedPeople = status.Where(s => s.Key == HouseholdStatus.NotExited).Sum(s => s.P);
        var rural = RuralPopulationOf(code);

        return new DashboardView(code, regions.NameOf(code),
            [new Crumb("", "全国"), .. regions.PathOf(code).Select(r => new Crumb(r.Code, r.Name))],
            clock.GetUtcNow().UtcDateTime, total, people,
            status.OrderBy(s => s.Key).Select(s => new Figure(s.Key.ToString(), Labels.Of(s.Key), s.H, s.P, L($"status={s.Key}"))).ToList(),
            attribute.OrderBy(s => s.Key).Select(s => new Figure(s.Key!.Value.ToString(), Labels.Of(s.Key), s.H, s.P, L($"attribute={s.Key}"))).ToList(),
            causes.OrderByDescending(s => s.H).Select(s => new Figure(s.Key!.Value.ToString(), Labels.Of(s.Key), s.H, s.P, L($"mainCause={s.Key}"))).ToList(),
            c321.OrderBy(s => s.Key).Select(s => new Figure(s.Key!.Value.ToString(), Labels.Of(s.Key), s.H, s.P, L($"class321={s.Key}"))).ToList(),
            rural, notExitedPeople, rural is > 0 ? Math.Round(100.0 * notExitedPeople / rural.Value, 2) : null,
            byYear, Growth(2014, 2020), Growth(2020, lastYear), t, lastYear, bands,
            open, overdue, found, verified, found == 0 ? null : Math.Round(100.0 * verified / found, 1),
            monitored.Count, monitored.Sum(c => c.Size),
            Enum.GetValues<MonitoringKind>().Select(k => new Figure(k.ToString(), Labels.Of(k), monitored.Count(c => c.Kind == k),
                monitored.Where(c => c.Kind == k).Sum(c => c.Size), $"/monitoring?region={code}&kind={k}&phase=Monitored")).ToList(),
            identifiedPeople, eliminatedPeople, identifiedPeople == 0 ? null : Math.Round(100.0 * eliminatedPeople / identifiedPeople, 1),
            await VisitCoverageAsync(code, today, ct),
            await SubRegionsAsync(code, today, ct));
    }

    /// <summary>本月走访覆盖率 (%): paired households owing this month's visit that have had it (null when none is paired).</summary>
    private async Task<double?> VisitCoverageAsync(string code, DateOnly today, CancellationToken ct)
    {
        var month = await visits.LoadAsync(code, today.Year, today.Month, null, ct);
        var owed = month.Households.Count(h => h.Monthly is not null);
        return owed == 0 ? null : Math.Round(100.0 * month.Households.Count(h => h.Monthly?.Met == true) / owed, 1);
    }

    /// <summary>农村户籍人口 summed over the villages below a node (null when none is recorded).</summary>
    public int? RuralPopulationOf(string code)
    {
        var node = regions.Find(code);
        if (node?.Level == RegionLevel.Village) return node.RuralPopulation;
        int? sum = null;
        foreach (var child in regions.ChildrenOf(code))
            if (RuralPopulationOf(child.Code) is { } n) sum = (sum ?? 0) + n;
        return sum;
    }

    private async Task<IReadOnlyList<SubRegionFigures>> SubRegionsAsync(string code, DateOnly today, CancellationToken ct)
    {
        var children = regions.ChildrenOf(code);
        if (children.Count == 0) return [];
        var len = children[0].Code.Length;
        var (low, high) = RegionCodes.VillageRange(code);
        var hh = await db.Households.AsNoTracking()
            .Where(h => string.Compare(h.VillageCode, low) >= 0 && string.Compare(h.VillageCode, high) <= 0)
            .GroupBy(h => h.VillageCode.Substring(0, len))
            .Select(g => new
            {
                g.Key, H = g.Count(), P = g.Sum(h => h.Size),
                NotExited = g.Where(h => h.Status == HouseholdStatus.NotExited).Sum(h => h.Size),
                Monitored = g.Count(h => h.Status == HouseholdStatus.Monitored),
                Income = g.Average(h => h.LatestPerCapitaIncome),
            }).ToListAsync(ct);
        var pr = await db.Problems.AsNoTracking()
            .Where(p => string.Compare(p.VillageCode, low) >= 0 && string.Compare(p.VillageCode, high) <= 0)
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
            var rural = RuralPopulationOf(c.Code);
            return new SubRegionFigures(c.Code, c.Name, c.Level, regions.ChildrenOf(c.Code).Count > 0, h?.H ?? 0, h?.P ?? 0, h?.NotExited ?? 0,
                h?.Income is { } inc ? Math.Round(inc, 2) : null, h?.Monitored ?? 0, (p?.Found ?? 0) - (p?.Verified ?? 0), p?.Overdue ?? 0,
                p is { Found: > 0 } ? Math.Round(100.0 * p.Verified / p.Found, 1) : null,
                rural is > 0 ? Math.Round(100.0 * (h?.NotExited ?? 0) / rural.Value, 2) : null);
        }).ToList();
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/dashboard", async (string? region, DashboardHandler h, CancellationToken ct) => (await h.HandleAsync(region, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryView)
            .WithName("Dashboard").WithSummary("指挥驾驶舱数据（与首页同一查询；每个数字附带其明细清单链接）").WithTags("驾驶舱");
}
