using System.Diagnostics;
using System.Globalization;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.ImportRegions;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Partners.Relocation;

/// <summary>
/// <c>generate-relocation &lt;region&gt;</c>: the province-scale profile of 易地搬迁后续扶持 (benchmarks). For every county of the
/// region with households and no site yet: households are marked 易地扶贫搬迁 (those the registry already marks, then others
/// drawn at random) until about <c>--people-percent</c> of the people are relocated, spread over sites of about
/// <c>--site-people</c> people on average with a long tail (a few 大型安置点), each household tied to its site with the demo's
/// follow-up record. Deterministic for a seed. The Chongqing profile with the defaults: ≈250,000 people over ≈1,000 sites.
/// </summary>
internal sealed class GenerateRelocationVerb(AppDbContext db, RegionDirectory regions, ImportRegionsHandler shipped, TimeProvider clock) : ICommandLineVerb
{
    public string Usage => "generate-relocation <region> [--people-percent 13] [--site-people 250] [--seed 20260101]";

    private static readonly SiteKind[] Kinds = [SiteKind.Town, SiteKind.MarketTown, SiteKind.MarketTown, SiteKind.CentralVillage, SiteKind.Scattered];

    public async Task<int?> RunAsync(string[] args, IServiceProvider root, CancellationToken ct)
    {
        if (args is not ["generate-relocation", var region, .. var rest]) return null;
        string? Opt(string name) => rest.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Opt(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var (percent, sitePeople, seed) = (Int("--people-percent", 13), Int("--site-people", 250), Int("--seed", 20260101));
        await DatabaseSetup.MigrateAsync(db, ct);
        await shipped.LoadShippedAsync(ct);
        regions.Reload();
        var counties = regions.Descendants(region).Where(r => r.Level == RegionLevel.County).ToList();
        if (counties.Count == 0)
        {
            Console.Error.WriteLine($"“{region}”下没有区县");
            return 1;
        }
        var watch = Stopwatch.StartNew();
        db.SuppressAudit = true;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = clock.GetUtcNow().UtcDateTime;
        var year = Platform.Localization.ChinaTime.Today(clock).Year;
        var (sites, households, people) = (0, 0, 0);
        foreach (var county in counties)
        {
            if (await db.SettlementSites.AnyAsync(s => s.CountyCode == county.Code, ct)) continue;
            var all = await db.Households.AsNoTracking().Where(h => h.CountyCode == county.Code).OrderBy(h => h.Id)
                .Select(h => new { h.Id, h.VillageCode, h.Size, h.IsRelocated }).ToListAsync(ct);
            if (all.Count == 0) continue;
            var rng = new Random(seed + int.Parse(county.Code, CultureInfo.InvariantCulture));
            var target = all.Sum(h => h.Size) * percent / 100;
            var chosen = all.Where(h => h.IsRelocated).ToList();
            var count = chosen.Sum(h => h.Size);
            foreach (var h in all.Where(h => !h.IsRelocated).OrderBy(_ => rng.Next()))
            {
                if (count >= target) break;
                chosen.Add(h);
                count += h.Size;
            }
            // Sites in villages of the county, sizes falling off with rank (a few large ones, many small).
            var villages = all.Select(h => h.VillageCode).Distinct().Order(StringComparer.Ordinal).ToList();
            var n = Math.Max(1, (int)Math.Round(count / (double)sitePeople));
            var weights = Enumerable.Range(0, n).Select(i => 1 / Math.Pow(i + 1, 0.9)).ToArray();
            var cumulative = weights.Select((_, i) => weights.Take(i + 1).Sum() / weights.Sum()).ToArray();
            var made = new List<SettlementSite>();
            for (var i = 0; i < n; i++)
            {
                var community = villages[rng.Next(villages.Count)];
                var kind = Kinds[i % Kinds.Length];
                made.Add(SettlementSite.Register(community, new SiteFacts($"{regions.NameOf(community[..9])}安置点{i + 1}", kind, 2016 + rng.Next(4),
                    kind != SiteKind.Scattered && rng.NextDouble() < 0.5, kind != SiteKind.Scattered, kind is SiteKind.Town or SiteKind.MarketTown,
                    rng.NextDouble() < 0.3, "安置社区居委会"), now, "基准数据"));
            }
            db.SettlementSites.AddRange(made);
            await db.SaveChangesAsync(ct);
            var bySite = chosen.GroupBy(_ => Array.BinarySearch(cumulative, rng.NextDouble()) is var k && k < 0 ? Math.Min(~k, n - 1) : k).ToList();
            foreach (var group in bySite)
            {
                var site = made[group.Key];
                var ids = group.Select(h => h.Id).ToArray();
                foreach (var chunk in ids.Chunk(500))
                    await db.Households.Where(h => chunk.Contains(h.Id)).ExecuteUpdateAsync(s => s.SetProperty(h => h.IsRelocated, true)
                        .SetProperty(h => h.SettlementSite, site.Name).SetProperty(h => h.RelocationKeysReceived, true), ct);
                foreach (var batch in group.Chunk(2000))
                {
                    db.RelocatedHouseholds.AddRange(batch.Select(h => RelocationDemoSeed.FollowUp(h.Id, h.VillageCode, site.Id, rng, year, now)));
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear();
                }
            }
            (sites, households, people) = (sites + n, households + chosen.Count, people + count);
            Console.WriteLine($"{county.Name}：安置点 {n} 个，搬迁户 {chosen.Count:N0} 户 {count:N0} 人；累计 {people:N0} 人，{watch.Elapsed.TotalSeconds:0} 秒");
        }
        Console.WriteLine($"已生成 {regions.NameOf(region)} 安置点 {sites:N0} 个、搬迁户 {households:N0} 户 {people:N0} 人，用时 {watch.Elapsed.TotalSeconds:0.0} 秒");
        return 0;
    }
}
