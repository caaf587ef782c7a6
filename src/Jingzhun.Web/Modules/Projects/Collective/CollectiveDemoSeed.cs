using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.DemoData;
using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Projects.Collective;

/// <summary>
/// The demo county's 村集体经济 and 产业基地 (once, after the project library and its assets): most villages have a
/// 股份经济合作社 with yearly income by source since 2021 (a handful of 空壳村 living on 补助 alone, a few above 10万,
/// one above 100万; the 资产收益 is what the seeded asset distributions paid them), their yearly 收益分配; the county's
/// four leading industries (the seeds' 精品蔬菜、精品水果、精品养殖、精品花木) and ten bases built by its 产业发展 projects.
/// Deterministic: the same seed gives the same figures.
/// </summary>
internal sealed class CollectiveDemoSeed(AppDbContext db, RegionDirectory regions, TimeProvider clock, ILogger<CollectiveDemoSeed> log) : IStartupSeed
{
    public int Order => 460;
    public bool DemoOnly => true;

    private static readonly (string Name, string Product)[] Industries =
    [
        ("精品蔬菜", "莴笋、辣椒、食用菌"), ("精品水果", "柑橘、枇杷、果苗"), ("精品养殖", "生猪、观赏鱼"), ("精品花木", "三角梅、玫瑰、彩叶林"),
    ];

    /// <summary>The bases: name, industry (index), product, 亩, operator, how they bring households in.</summary>
    private static readonly (string Name, int Industry, string Product, int Mu, string Operator, FarmerLinkMethod Method)[] Bases =
    [
        ("精品蔬菜基地", 0, "莴笋、辣椒", 3200, "重庆铜梁区绿源蔬菜专业合作社", FarmerLinkMethod.Orders),
        ("食用菌基地", 0, "香菇、平菇", 450, "重庆菌旺农业开发有限公司", FarmerLinkMethod.Employment),
        ("西部果苗基地", 1, "柑橘果苗", 2600, "重庆铜梁区果苗产业协会", FarmerLinkMethod.LandTransfer),
        ("枇杷基地", 1, "枇杷", 1800, "铜梁区枇杷种植专业合作社", FarmerLinkMethod.Shares),
        ("晚熟柑橘基地", 1, "沃柑、春见", 2200, "重庆恒丰农业有限公司", FarmerLinkMethod.LandTransfer),
        ("生猪养殖基地", 2, "生猪", 300, "重庆铜梁区牧原养殖有限公司", FarmerLinkMethod.Shares),
        ("观赏鱼基地", 2, "锦鲤、金鱼", 900, "重庆龙乡观赏鱼专业合作社", FarmerLinkMethod.Services),
        ("三角梅基地", 3, "三角梅", 1500, "重庆铜梁区花木产业有限公司", FarmerLinkMethod.Employment),
        ("玫瑰花基地", 3, "食用玫瑰", 1200, "重庆玫瑰小镇农业开发有限公司", FarmerLinkMethod.Orders),
        ("彩叶林基地", 3, "彩叶苗木", 2800, "重庆铜梁区彩叶林专业合作社", FarmerLinkMethod.LandTransfer),
    ];

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        if (await db.CollectiveOrganizations().AnyAsync(ct) || !await db.Households.AnyAsync(h => h.CountyCode == DemoSeeder.County, ct)) return null;
        var townships = regions.ChildrenOf(DemoSeeder.County).Where(t => t.Level == RegionLevel.Township).ToList();
        var villages = townships.SelectMany(t => regions.ChildrenOf(t.Code)).Where(v => v.Level == RegionLevel.Village).ToList();
        if (villages.Count == 0) return null;
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var rng = new Random(DemoSeeder.Seed + 23);
        var paid = (await db.AssetIncomes.AsNoTracking().Where(i => i.Status == Assets.DistributionStatus.Paid && i.RegionCode.StartsWith(DemoSeeder.County))
                .Select(i => new { i.RegionCode, i.Year, i.ToCollective }).ToListAsync(ct))
            .GroupBy(i => (i.RegionCode, i.Year)).ToDictionary(g => g.Key, g => g.Sum(i => i.ToCollective));
        db.SuppressAudit = true;
        // Almost every village has an organisation; of those, a few earn nothing of their own (空壳村 without asset income).
        var orgs = new List<(CollectiveOrganization Org, int Tier)>();
        var top = villages[rng.Next(villages.Count)].Code;
        foreach (var v in villages)
        {
            if (rng.Next(100) < 3 && v.Code != top) continue;
            var place = v.Name.Replace("村民委员会", "", StringComparison.Ordinal).Replace("居民委员会", "", StringComparison.Ordinal);
            var established = new DateOnly(2018 + rng.Next(3), 1 + rng.Next(12), 1 + rng.Next(28));
            var roll = rng.Next(100);
            var tier = v.Code == top ? 3 : roll < 3 ? 0 : roll < 92 ? 1 : 2;
            orgs.Add((CollectiveOrganization.Register(v.Code, $"{place}股份经济合作社", null, established, 600 + rng.Next(2400),
                ChinaTime.ToUtc(established.ToDateTime(new TimeOnly(10, 0))), "tl_admin"), tier));
        }
        db.CollectiveOrganizations().AddRange(orgs.Select(o => o.Org));
        await db.SaveChangesAsync(ct);
        var incomes = 0;
        for (var year = 2021; year < today.Year; year++)
        foreach (var (org, tier) in orgs)
        {
            var at = ChinaTime.ToUtc(new DateOnly(year + 1, 1, 20).ToDateTime(new TimeOnly(10, 0)));
            // What the village earns of its own: nothing (空壳村), 2–9.5 万, 10–60 万, or 120–180 万 (the county's leading village).
            var own = tier switch
            {
                0 => 0m,
                1 => (20 + rng.Next(76)) * 1_000m,
                2 => (100 + rng.Next(500)) * 1_000m,
                _ => (1_200 + rng.Next(600)) * 1_000m,
            };
            var shares = tier == 0 ? [] : new (CollectiveIncomeSource Source, decimal Share)[]
            {
                (CollectiveIncomeSource.Operating, 0.4m), (CollectiveIncomeSource.Rent, 0.3m), (CollectiveIncomeSource.Services, 0.15m),
                (CollectiveIncomeSource.Shares, 0.15m),
            };
            var typed = 0m;
            foreach (var (source, share) in shares)
            {
                var amount = decimal.Round(own * share * (0.8m + rng.Next(40) / 100m), 0);
                if (amount <= 0) continue;
                db.CollectiveIncomes().Add(CollectiveIncome.Record(org, year, source, amount, "", at, "tuqiao"));
                typed += amount;
                incomes++;
            }
            // 村级组织运转经费 and 以奖代补: every village receives a subsidy, which is not operating income.
            var subsidy = (30 + rng.Next(30)) * 1_000m;
            db.CollectiveIncomes().Add(CollectiveIncome.Record(org, year, CollectiveIncomeSource.Subsidy, subsidy, "村级组织运转经费补助", at, "tuqiao"));
            incomes++;
            var total = typed + subsidy + paid.GetValueOrDefault((org.RegionCode, year));
            if (typed > 0)
            {
                var d = CollectiveDistribution.Record(org, year, at.AddDays(30), "tuqiao");
                var (members, welfare) = (decimal.Round(typed * 0.3m, 0), decimal.Round(typed * 0.2m, 0));
                var retained = Math.Max(0, decimal.Round(Math.Min(total - members - welfare, typed * 0.5m), 0));
                d.Set(members, 100 + rng.Next(400), welfare, retained, "按股分红到户，提取公益金和公积金", at.AddDays(30), "tuqiao");
                db.CollectiveDistributions().Add(d);
            }
        }
        await db.SaveChangesAsync(ct);

        var industries = Industries.Select(i => LeadingIndustry.Of(DemoSeeder.County, i.Name, i.Product, now, "tl_admin")).ToList();
        db.LeadingIndustries().AddRange(industries);
        await db.SaveChangesAsync(ct);
        var projects = await db.Projects.AsNoTracking().Where(p => p.CountyCode == DemoSeeder.County && p.Category == ProjectCategory.Industry)
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.RegionCode }).ToListAsync(ct);
        foreach (var b in Bases)
        {
            var township = townships[rng.Next(townships.Count)];
            var inTownship = regions.ChildrenOf(township.Code).Where(v => v.Level == RegionLevel.Village).ToList();
            if (inTownship.Count == 0) continue;
            var chosen = inTownship.OrderBy(_ => rng.Next()).Take(Math.Min(inTownship.Count, 2 + rng.Next(3))).Select(v => v.Code).OrderBy(c => c).ToList();
            var built = projects.Where(p => chosen.Any(v => p.RegionCode.StartsWith(v, StringComparison.Ordinal))).Take(3).Select(p => p.Id).ToList();
            var households = 80 + rng.Next(400);
            db.IndustryBases().Add(IndustryBase.Create(township.Code, industries[b.Industry].Id, township.Name + b.Name, b.Product,
                b.Mu + rng.Next(10) * 50m, chosen, households, households / 5 + rng.Next(households / 5), b.Operator, b.Method, built, now, "tl_admin"));
        }
        await db.SaveChangesAsync(ct);
        db.SuppressAudit = false;
        log.LogInformation("村集体经济：集体经济组织 {Orgs} 个，收入记录 {Incomes} 条；主导产业 {Industries} 个，产业基地 {Bases} 个", orgs.Count, incomes,
            industries.Count, Bases.Length);
        return null;
    }
}
