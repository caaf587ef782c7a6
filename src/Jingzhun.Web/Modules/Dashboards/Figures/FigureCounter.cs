using Jingzhun.Web.Modules.FieldWork.Compliance;
using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Policies;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Dashboards.Figures;

/// <summary>A counted value of one figure group: households, people and an amount in fen.</summary>
public record struct Tally(long Households, long People, long AmountFen)
{
    public static Tally operator +(Tally a, Tally b) => new(a.Households + b.Households, a.People + b.People, a.AmountFen + b.AmountFen);
    public static Tally operator -(Tally a, Tally b) => new(a.Households - b.Households, a.People - b.People, a.AmountFen - b.AmountFen);
    public readonly bool IsZero => Households == 0 && People == 0 && AmountFen == 0;
}

/// <summary>The place of a tally: the region it belongs to, what it counts and which group.</summary>
public readonly record struct FigureCell(string Region, string Figure, string Key);

/// <summary>The income bands of the dashboard for one monitoring range: ≤ range, ≤ the near band's top, ≤ twice, above.</summary>
public readonly record struct IncomeBandLimits(decimal Threshold, decimal NearTop, decimal Twice)
{
    // Incomes are kept to the fen: "≤ the band's top" is "≤ the top cut down to the fen" (never rounded up past it).
    public static IncomeBandLimits Of(MonitoringPolicy p) =>
        new(p.Threshold, Math.Round(p.NearBandTop, 2, MidpointRounding.ToNegativeInfinity), p.Threshold * 2);
}

/// <summary>
/// Counts the village rows of every figure for the villages of a region from the registry, problems, cases and visits
/// (grouped queries by village: one village after a save, a whole province in a rebuild). Runs on an unscoped context.
/// </summary>
public sealed class FigureCounter(AppDbContext db, RegionDirectory regions, PolicyStore policies, ComplianceLoader visits, TimeProvider clock)
{
    public const string NationalPolicyCode = "00";

    private static long Fen(decimal yuan) => (long)decimal.Round(yuan * 100m);

    /// <summary>Every figure of the villages of <paramref name="code"/> (a village, or any region above; "" the country).</summary>
    public async Task<Dictionary<FigureCell, Tally>> CountAsync(string code, CancellationToken ct)
    {
        var cells = new Dictionary<FigureCell, Tally>();
        void Add(string village, string figure, string key, long h, long p = 0, long a = 0)
        {
            if (h == 0 && p == 0 && a == 0) return;
            var cell = new FigureCell(village, figure, key);
            cells[cell] = cells.GetValueOrDefault(cell) + new Tally(h, p, a);
        }

        var households = db.Households.AsNoTracking().InRegion(code);
        var groups = await households
            .GroupBy(h => new { h.VillageCode, h.Status, h.Attribute, h.MainCause, h.Class321 })
            .Select(g => new
            {
                g.Key.VillageCode, g.Key.Status, g.Key.Attribute, g.Key.MainCause, g.Key.Class321, H = g.Count(), P = g.Sum(h => h.Size),
                Income = g.Sum(h => h.LatestPerCapitaIncome) ?? 0m, WithIncome = g.Count(h => h.LatestPerCapitaIncome != null),
            }).ToListAsync(ct);
        foreach (var g in groups)
        {
            Add(g.VillageCode, FigureKinds.Status, g.Status.ToString(), g.H, g.P);
            if (g.Attribute is { } attribute) Add(g.VillageCode, FigureKinds.Attribute, attribute.ToString(), g.H, g.P);
            if (g.MainCause is { } cause) Add(g.VillageCode, FigureKinds.MainCause, cause.ToString(), g.H, g.P);
            if (g.Class321 is { } c321) Add(g.VillageCode, FigureKinds.Class321, c321.ToString(), g.H, g.P);
            Add(g.VillageCode, FigureKinds.Income, "", g.WithIncome, 0, Fen(g.Income));
        }

        await CountBandsAsync(code, households, Add, ct);

        var (low, high) = RegionCodes.VillageRange(code);
        var incomes = await db.Incomes.AsNoTracking()
            .Where(i => string.Compare(i.Household.VillageCode, low) >= 0 && string.Compare(i.Household.VillageCode, high) <= 0
                && i.Household.Status != HouseholdStatus.Ordinary)
            .GroupBy(i => new { i.Household.VillageCode, i.Year })
            .Select(g => new { g.Key.VillageCode, g.Key.Year, Net = g.Sum(i => i.NetIncome), People = g.Sum(i => i.HouseholdSize), H = g.Count() })
            .ToListAsync(ct);
        foreach (var i in incomes) Add(i.VillageCode, FigureKinds.IncomeYear, i.Year.ToString(), i.H, i.People, Fen(i.Net));

        var problems = await db.Problems.AsNoTracking().InRegion(code)
            .GroupBy(p => new { p.VillageCode, p.Status, p.Deadline })
            .Select(g => new { g.Key.VillageCode, g.Key.Status, g.Key.Deadline, N = g.Count() }).ToListAsync(ct);
        foreach (var p in problems)
        {
            Add(p.VillageCode, FigureKinds.Problems, "found", p.N);
            if (p.Status == ProblemStatus.Verified) Add(p.VillageCode, FigureKinds.Problems, "verified", p.N);
            if (p.Status is ProblemStatus.Assigned or ProblemStatus.InProgress && p.Deadline is { } d)
                Add(p.VillageCode, FigureKinds.OpenByDeadline, d.ToString("yyyy-MM-dd"), p.N);
        }

        var cases = await (from c in db.MonitoringCases.AsNoTracking().InRegion(code)
                           where MonitoringCase.IdentifiedStages.Contains(c.Stage)
                           join h in db.Households on c.HouseholdId equals h.Id
                           group h.Size by new { c.VillageCode, c.Stage, c.Kind } into g
                           select new { g.Key.VillageCode, g.Key.Stage, g.Key.Kind, N = g.Count(), P = g.Sum() }).ToListAsync(ct);
        foreach (var c in cases) Add(c.VillageCode, FigureKinds.Cases, $"{c.Stage}:{c.Kind}", c.N, c.P);

        var today = ChinaTime.Today(clock);
        foreach (var (village, cell) in await CountVisitsAsync(code, today.Year, today.Month, ct)) Add(village, FigureKinds.Visits, cell.Key, cell.H, cell.P);
        return cells;
    }

    /// <summary>
    /// 本月走访: paired households owing a monthly visit and having had it, by village, for one month (counted per county,
    /// each under its own visit policy).
    /// </summary>
    public async Task<List<(string Village, (string Key, long H, long P) Cell)>> CountVisitsAsync(string code, int year, int month, CancellationToken ct)
    {
        var list = new List<(string, (string, long, long))>();
        var key = FigureKinds.MonthKey(year, month);
        foreach (var place in regions.PartsOf(code, 6))
        {
            var due = await visits.LoadAsync(place, year, month, null, ct);
            foreach (var v in due.Households.Where(h => h.Monthly is not null).GroupBy(h => h.VillageCode))
                list.Add((v.Key, (key, v.Count(), v.Count(h => h.Monthly!.Met))));
        }
        return list;
    }

    private async Task CountBandsAsync(string code, IQueryable<Household> households, Action<string, string, string, long, long, long> add,
        CancellationToken ct)
    {
        var years = await households.Where(h => h.LatestIncomeYear != null).Select(h => h.LatestIncomeYear!.Value).Distinct().ToListAsync(ct);
        if (years.Count == 0) return;
        // Each province's own monitoring range; the national floor for the country's dashboard.
        var provinces = code.Length >= 2 ? [code[..2]] : regions.ChildrenOf("").Select(r => r.Code).ToList();
        foreach (var province in provinces)
        {
            var inProvince = code.Length >= 2 ? households : households.InRegion(province);
            foreach (var year in years)
            {
                await CountBandAsync(inProvince, year, FigureKinds.Band, await policies.InForceAsync<MonitoringPolicy>(province, year, ct), add, ct);
                await CountBandAsync(inProvince, year, FigureKinds.NationalBand,
                    await policies.InForceAsync<MonitoringPolicy>(NationalPolicyCode, year, ct), add, ct);
            }
        }
    }

    private static async Task CountBandAsync(IQueryable<Household> households, int year, string figure, MonitoringPolicy policy,
        Action<string, string, string, long, long, long> add, CancellationToken ct)
    {
        var (t, band, twice) = IncomeBandLimits.Of(policy);
        var counts = await households.Where(h => h.LatestIncomeYear == year)
            .GroupBy(h => h.VillageCode)
            .Select(g => new
            {
                g.Key,
                B1 = g.Count(h => h.LatestPerCapitaIncome <= t),
                B2 = g.Count(h => h.LatestPerCapitaIncome > t && h.LatestPerCapitaIncome <= band),
                B3 = g.Count(h => h.LatestPerCapitaIncome > band && h.LatestPerCapitaIncome <= twice),
                B4 = g.Count(h => h.LatestPerCapitaIncome > twice),
            }).ToListAsync(ct);
        foreach (var c in counts)
        {
            add(c.Key, figure, FigureKinds.BandKey(year, 1), c.B1, 0, 0);
            add(c.Key, figure, FigureKinds.BandKey(year, 2), c.B2, 0, 0);
            add(c.Key, figure, FigureKinds.BandKey(year, 3), c.B3, 0, 0);
            add(c.Key, figure, FigureKinds.BandKey(year, 4), c.B4, 0, 0);
        }
    }
}
