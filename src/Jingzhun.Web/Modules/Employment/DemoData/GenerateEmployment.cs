using System.Diagnostics;
using System.Globalization;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.ImportRegions;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Employment.DemoData;

/// <summary>
/// <c>generate-employment &lt;region&gt;</c>: the province-scale profile of 就业 and 小额信贷 (benchmarks): for every county of
/// the region that has households and no job record yet, a job record per working member for this year and the earlier
/// years asked for, and loans for a share of the 脱贫户 and 监测户, as the demo county's seed makes them (no sweep: the
/// benchmark times its own). Deterministic for a seed. The Chongqing profile with the defaults: ≈1.3 M job records and
/// ≈100,000 loans.
/// </summary>
internal sealed class GenerateEmploymentVerb(AppDbContext db, RegionDirectory regions, ImportRegionsHandler shipped, EmploymentDemo demo) : ICommandLineVerb
{
    public string Usage => "generate-employment <region> [--loan-percent 18] [--prior-years 1] [--seed 20260101]";

    public async Task<int?> RunAsync(string[] args, IServiceProvider root, CancellationToken ct)
    {
        if (args is not ["generate-employment", var region, .. var rest]) return null;
        string? Opt(string name) => rest.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Opt(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var profile = new EmploymentProfile(Int("--loan-percent", 18), Int("--prior-years", 1), Sweep: false);
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
        var clock = Stopwatch.StartNew();
        db.SuppressAudit = true;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var (jobs, loans) = (0, 0);
        foreach (var county in counties)
        {
            if (await db.EmploymentRecords.AnyAsync(e => e.CountyCode == county.Code, ct)
                || !await db.Households.AnyAsync(h => h.CountyCode == county.Code, ct)) continue;
            var (j, l, _) = await demo.SeedAsync(county.Code, seed + int.Parse(county.Code, CultureInfo.InvariantCulture), ct, profile);
            jobs += j;
            loans += l;
            Console.WriteLine($"{county.Name}：累计务工记录 {jobs:N0} 条，小额信贷 {loans:N0} 笔，{clock.Elapsed.TotalSeconds:0} 秒");
        }
        Console.WriteLine($"已生成 {regions.NameOf(region)} 务工记录 {jobs:N0} 条、小额信贷 {loans:N0} 笔，用时 {clock.Elapsed.TotalSeconds:0.0} 秒");
        return 0;
    }
}
