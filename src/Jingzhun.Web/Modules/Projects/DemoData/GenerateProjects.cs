using System.Diagnostics;
using System.Globalization;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.ImportRegions;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Projects.DemoData;

/// <summary>
/// <c>generate-projects &lt;region&gt;</c>: the province-scale profile of the project library (benchmarks): for every county
/// of the region that has households and no project yet, each year's projects, allocations, assignments, payments and the
/// assets of the handed-over ones, as the demo county's seed makes them. Deterministic for a seed.
/// </summary>
internal sealed class GenerateProjectsVerb(AppDbContext db, RegionDirectory regions, ImportRegionsHandler shipped, TimeProvider clock,
    ILogger<ProjectsDemoSeed> log) : ICommandLineVerb
{
    public string Usage => "generate-projects <region> [--per-year 10000] [--assets-per-project 6] [--from 2021] [--to 2025] [--seed 20260101]";

    public async Task<int?> RunAsync(string[] args, IServiceProvider root, CancellationToken ct)
    {
        if (args is not ["generate-projects", var region, .. var rest]) return null;
        string? Opt(string name) => rest.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Opt(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var perYear = Int("--per-year", 10_000);
        var perProject = Int("--assets-per-project", 6);
        var from = Int("--from", 2021);
        var to = Int("--to", 2025);
        var seed = Int("--seed", 20260101);
        await DatabaseSetup.MigrateAsync(db, ct);
        await shipped.LoadShippedAsync(ct);
        regions.Reload();
        var counties = regions.Descendants(region).Where(r => r.Level == RegionLevel.County).ToList();
        if (counties.Count == 0)
        {
            Console.Error.WriteLine($"“{region}”下没有区县");
            return 1;
        }
        var seeder = new ProjectsDemoSeed(db, regions, clock, log);
        var today = ChinaTime.Today(clock);
        var clockwatch = Stopwatch.StartNew();
        db.SuppressAudit = true;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var (projects, assets, paid) = (0, 0, 0m);
        var perCounty = Math.Max(1, perYear / counties.Count);
        foreach (var county in counties)
        {
            if (await db.Projects.AnyAsync(p => p.CountyCode == county.Code, ct)) continue;
            var households = (await db.Households.AsNoTracking().Where(h => h.CountyCode == county.Code).Select(h => new { h.Id, h.VillageCode })
                .ToListAsync(ct)).GroupBy(h => h.VillageCode).ToDictionary(g => g.Key, g => g.Select(h => h.Id).OrderBy(id => id).ToList());
            if (households.Count == 0) continue;
            var villages = regions.Descendants(county.Code).Where(v => v.Level == RegionLevel.Village).ToList();
            var rng = new Random(seed + int.Parse(county.Code, CultureInfo.InvariantCulture));
            for (var year = from; year <= Math.Min(to, today.Year); year++)
            {
                var (p, money, a) = await seeder.SeedYearAsync(county.Code, year, villages, households, perCounty, perProject, today, rng, ct,
                    scale: perCounty / 150m);
                projects += p;
                paid += money;
                assets += a;
                db.ChangeTracker.Clear();
            }
            Console.WriteLine($"{county.Name}：累计项目 {projects:N0} 个，资产 {assets:N0} 项，{clockwatch.Elapsed.TotalSeconds:0} 秒");
        }
        Console.WriteLine($"已生成 {regions.NameOf(region)} 衔接项目 {projects:N0} 个、项目资产 {assets:N0} 项，支付 {paid / 100_000_000m:0.00} 亿元，用时 {clockwatch.Elapsed.TotalSeconds:0.0} 秒");
        return 0;
    }
}
