using System.Globalization;
using System.Runtime.InteropServices;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Projects.Collective;

/// <summary>Which villages a drill-down lists: all, with or without an organisation, or one band.</summary>
public enum CollectiveFilter
{
    [System.ComponentModel.DataAnnotations.Display(Name = "全部村")] All = 0,
    [System.ComponentModel.DataAnnotations.Display(Name = "已建集体经济组织的村")] Organized = 1,
    [System.ComponentModel.DataAnnotations.Display(Name = "未登记集体经济组织的村")] Unorganized = 2,
    [System.ComponentModel.DataAnnotations.Display(Name = "空壳村")] Shell = 3,
    [System.ComponentModel.DataAnnotations.Display(Name = "经营性收入10万元以下的村")] Low = 4,
    [System.ComponentModel.DataAnnotations.Display(Name = "经营性收入10万至100万元的村")] Middle = 5,
    [System.ComponentModel.DataAnnotations.Display(Name = "经营性收入100万元及以上的村")] High = 6,
    [System.ComponentModel.DataAnnotations.Display(Name = "经营性收入10万元以上的村")] AtLeastMiddle = 7,
}

/// <summary>A village's 村集体经济 of a year: its 经营性收入 (资产收益 included), all income, and its band.</summary>
public sealed record CollectiveVillageRow(string VillageCode, string VillageName, string RegionPath, long? OrganizationId, string? OrganizationName,
    decimal Operating, decimal Total, decimal AssetIncome, CollectiveBand Band);

/// <summary>A count of villages with the list (drill-down) that yields it.</summary>
public sealed record CollectiveFigure(string Key, string Label, int Villages, string Link);

/// <summary>
/// The 村集体经济 figures of a region and year: villages, with and without an organisation, by band of 经营性收入
/// (空壳村, under 10万, 10万–100万, 100万 and more; ≥ 10万 as the seeds count it), and the income summed. Each figure
/// links to its village list.
/// </summary>
public sealed record CollectiveSummaryView(string Region, string RegionName, int Year, decimal? MiddleFrom, decimal? HighFrom,
    CollectiveFigure Villages, CollectiveFigure Organized, CollectiveFigure Unorganized, IReadOnlyList<CollectiveFigure> ByBand,
    CollectiveFigure AtLeastMiddle, decimal Operating, decimal Total, decimal AssetIncome);

public sealed record CollectiveSummaryQuery(string? Region, int? Year);

public sealed record CollectiveVillagesQuery(string? Region, int? Year, CollectiveFilter? Filter);

public sealed record CollectiveVillagesView(string Region, string RegionName, int Year, CollectiveFilter Filter, IReadOnlyList<CollectiveVillageRow> Items);

/// <summary>
/// The public read of the 村集体经济 (for the dashboard and the village exit): the figures of a region and year, the
/// village lists behind them, one village's income. A collective's 资产收益 is read from the paid distribution plans of
/// its village's 扶贫项目资产 (their 分配给村集体 share), never typed twice.
/// </summary>
public sealed class CollectiveEconomyQuery(AppDbContext db, RegionDirectory regions, PolicyStore policies, CurrentUser user, TimeProvider clock)
{
    public const int FirstYear = 2015;

    /// <summary>The year asked for, or the latest year with a collective income in the region (else last year).</summary>
    public async Task<Outcome<int>> YearAsync(string code, int? year, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        if (year is { } y) return y < FirstYear || y > today.Year ? Failure.Invalid("year", $"年度应在 {FirstYear} 至 {today.Year} 年之间") : y;
        var latest = await db.CollectiveIncomes().AsNoTracking().InRegion(code).Where(i => i.Year <= today.Year).MaxAsync(i => (int?)i.Year, ct);
        return latest ?? today.Year - 1;
    }

    public async Task<Outcome<CollectiveSummaryView>> SummaryAsync(string? region, int? year, CancellationToken ct)
    {
        var asked = regions.Asked(region, user);
        if (!asked.Succeeded) return asked.Failure!;
        var code = asked.Value!;
        var y = await YearAsync(code, year, ct);
        if (!y.Succeeded) return y.Failure!;
        // One pass over the villages counts every figure (a province has ≈11,000 villages, the country ≈500,000).
        var counts = new int[Enum.GetValues<CollectiveFilter>().Max(f => (int)f) + 1];
        decimal operating = 0, total = 0, assetIncome = 0;
        foreach (var f in await FiguresAsync(code, y.Value, ct))
        {
            counts[(int)CollectiveFilter.All]++;
            counts[(int)(f.OrganizationId is null ? CollectiveFilter.Unorganized : CollectiveFilter.Organized)]++;
            counts[(int)FilterOf(f.Band)]++;
            if (f.Band is CollectiveBand.Middle or CollectiveBand.High) counts[(int)CollectiveFilter.AtLeastMiddle]++;
            operating += f.Operating;
            total += f.Total;
            assetIncome += f.AssetIncome;
        }
        var policy = code.Length >= 6 ? await policies.InForceAsync<CollectiveBandPolicy>(code[..6], y.Value, ct) : null;
        CollectiveFigure Figure(CollectiveFilter f) => new(f.ToString(), Labels.Of(f), counts[(int)f], Link(code, y.Value, f));
        return new CollectiveSummaryView(code, regions.NameOf(code), y.Value, policy?.MiddleFrom, policy?.HighFrom, Figure(CollectiveFilter.All),
            Figure(CollectiveFilter.Organized), Figure(CollectiveFilter.Unorganized),
            [Figure(CollectiveFilter.Shell), Figure(CollectiveFilter.Low), Figure(CollectiveFilter.Middle), Figure(CollectiveFilter.High)],
            Figure(CollectiveFilter.AtLeastMiddle), operating, total, assetIncome);
    }

    private static CollectiveFilter FilterOf(CollectiveBand b) => b switch
    {
        CollectiveBand.Shell => CollectiveFilter.Shell,
        CollectiveBand.Low => CollectiveFilter.Low,
        CollectiveBand.Middle => CollectiveFilter.Middle,
        _ => CollectiveFilter.High,
    };

    /// <summary>The villages behind a figure (the same rule counts and lists them).</summary>
    public async Task<Outcome<CollectiveVillagesView>> VillagesAsync(CollectiveVillagesQuery q, CancellationToken ct)
    {
        var asked = regions.Asked(q.Region, user);
        if (!asked.Succeeded) return asked.Failure!;
        var code = asked.Value!;
        var filter = q.Filter ?? CollectiveFilter.All;
        if (!Enum.IsDefined(filter)) return Failure.Invalid("filter", "筛选条件无效");
        var y = await YearAsync(code, q.Year, ct);
        if (!y.Succeeded) return y.Failure!;
        return new CollectiveVillagesView(code, regions.NameOf(code), y.Value, filter, await RowsAsync(code, y.Value, filter, ct));
    }

    /// <summary>One village's 村集体经济 of a year (null when the village is not the reader's or not a village).</summary>
    public async Task<CollectiveVillageRow?> VillageIncomeAsync(string villageCode, int year, CancellationToken ct) =>
        regions.Find(villageCode) is { Level: RegionLevel.Village } && user.CanSee(villageCode)
            ? (await RowsAsync(villageCode, year, CollectiveFilter.All, ct)).SingleOrDefault() : null;

    public static bool Matches(CollectiveVillageRow r, CollectiveFilter f) => Matches(r.OrganizationId is not null, r.Band, f);

    private static bool Matches(bool organized, CollectiveBand band, CollectiveFilter f) => f switch
    {
        CollectiveFilter.Organized => organized,
        CollectiveFilter.Unorganized => !organized,
        CollectiveFilter.Shell => band == CollectiveBand.Shell,
        CollectiveFilter.Low => band == CollectiveBand.Low,
        CollectiveFilter.Middle => band == CollectiveBand.Middle,
        CollectiveFilter.High => band == CollectiveBand.High,
        CollectiveFilter.AtLeastMiddle => band is CollectiveBand.Middle or CollectiveBand.High,
        _ => true,
    };

    public static string Link(string code, int year, CollectiveFilter f) =>
        $"/projects/collective/villages?year={year.ToString(CultureInfo.InvariantCulture)}" + (code.Length > 0 ? "&region=" + code : "")
        + (f == CollectiveFilter.All ? "" : "&filter=" + f);

    /// <summary>The rows of the villages a filter keeps, with names and paths (made only for the villages listed).</summary>
    private async Task<List<CollectiveVillageRow>> RowsAsync(string code, int year, CollectiveFilter filter, CancellationToken ct)
    {
        var rows = new List<CollectiveVillageRow>();
        foreach (var f in await FiguresAsync(code, year, ct))
            if (Matches(f.OrganizationId is not null, f.Band, filter))
                rows.Add(new CollectiveVillageRow(f.Village.Code, f.Village.Name, regions.ShortPath(f.Village.Code), f.OrganizationId, f.OrganizationName,
                    f.Operating, f.Total, f.AssetIncome, f.Band));
        return rows;
    }

    private readonly record struct VillageFigures(Region Village, long? OrganizationId, string? OrganizationName, decimal Operating, decimal Total,
        decimal AssetIncome, CollectiveBand Band);

    private struct Sums
    {
        public decimal Operating;
        public decimal Total;
        public decimal Asset;
    }

    /// <summary>
    /// The villages of the region (from the region tree) with their year's income and band. The incomes are summed per
    /// village while they are read (SQLite keeps money as fen, so not in SQL), the band policies read once for all the
    /// region's counties.
    /// </summary>
    private async Task<List<VillageFigures>> FiguresAsync(string code, int year, CancellationToken ct)
    {
        var villages = VillagesUnder(code);
        var orgs = await db.CollectiveOrganizations().AsNoTracking().InRegion(code).Select(o => new { o.Id, o.RegionCode, o.Name })
            .ToDictionaryAsync(o => o.RegionCode, ct);
        var sums = new Dictionary<string, Sums>(StringComparer.Ordinal);
        await foreach (var i in db.CollectiveIncomes().AsNoTracking().InRegion(code).Where(i => i.Year == year)
                           .Select(i => new { i.RegionCode, i.Source, i.Amount }).AsAsyncEnumerable().WithCancellation(ct))
        {
            ref var s = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, i.RegionCode, out _);
            s.Total += i.Amount;
            if (CollectiveRules.IsOperating(i.Source)) s.Operating += i.Amount;
        }
        await foreach (var a in db.AssetIncomes.AsNoTracking().InRegion(code).Where(i => i.Year == year && i.Status == Assets.DistributionStatus.Paid)
                           .Select(i => new { i.RegionCode, i.ToCollective }).AsAsyncEnumerable().WithCancellation(ct))
        {
            ref var s = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, a.RegionCode, out _);
            s.Asset += a.ToCollective;
        }
        var bands = await policies.InForceWithinAsync<CollectiveBandPolicy>(code, year, ct);
        var figures = new List<VillageFigures>(villages.Count);
        string? county = null;
        CollectiveBandPolicy policy = null!;
        foreach (var v in villages)
        {
            // Villages come in code order, so a county's villages follow each other: its policy is looked up once.
            if (county is null || string.CompareOrdinal(county, 0, v.Code, 0, 6) != 0) policy = bands(county = v.Code[..6]);
            var s = sums.GetValueOrDefault(v.Code);
            var operating = s.Operating + s.Asset;
            var org = orgs.GetValueOrDefault(v.Code);
            figures.Add(new VillageFigures(v, org?.Id, org?.Name, operating, s.Total + s.Asset, s.Asset,
                CollectiveRules.BandOf(operating, policy.MiddleFrom, policy.HighFrom)));
        }
        return figures;
    }

    private List<Region> VillagesUnder(string code)
    {
        if (regions.Find(code) is { Level: RegionLevel.Village } village) return [village];
        var found = new List<Region>();
        var stack = new Stack<string>([code]);
        while (stack.Count > 0)
            foreach (var child in regions.ChildrenOf(stack.Pop()))
                if (child.Level == RegionLevel.Village) found.Add(child);
                else stack.Push(child.Code);
        found.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        return found;
    }
}

/// <summary>The tables of the 村集体经济 and 产业基地.</summary>
public static class CollectiveData
{
    public static DbSet<CollectiveOrganization> CollectiveOrganizations(this AppDbContext db) => db.Set<CollectiveOrganization>();
    public static DbSet<CollectiveIncome> CollectiveIncomes(this AppDbContext db) => db.Set<CollectiveIncome>();
    public static DbSet<CollectiveDistribution> CollectiveDistributions(this AppDbContext db) => db.Set<CollectiveDistribution>();
    public static DbSet<LeadingIndustry> LeadingIndustries(this AppDbContext db) => db.Set<LeadingIndustry>();
    public static DbSet<IndustryBase> IndustryBases(this AppDbContext db) => db.Set<IndustryBase>();
}
