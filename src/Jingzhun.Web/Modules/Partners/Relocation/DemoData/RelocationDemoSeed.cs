using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.DemoData;
using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Partners.Relocation;

/// <summary>
/// The demo county's settlement sites: one per 安置点 name its relocated households carry, in the community where most of
/// them live, each household tied to its site with deterministic 不动产权证, 户籍 and supports.
/// </summary>
internal sealed class RelocationDemoSeed(AppDbContext db, TimeProvider clock) : IStartupSeed
{
    private const string Actor = "演示数据";
    public int Order => 470;
    public bool DemoOnly => true;

    private static readonly Dictionary<string, (SiteKind Kind, bool School, bool Clinic, bool Centre, bool Workshop, string Management)> Shapes = new()
    {
        ["城区安置小区"] = (SiteKind.Town, true, true, true, true, "安置社区居委会、党支部，物业服务企业"),
        ["场镇集中安置点"] = (SiteKind.MarketTown, true, true, true, false, "场镇社区居委会"),
        ["移民新村"] = (SiteKind.MarketTown, false, true, true, true, "新村社区居委会、党支部"),
        ["中心村聚居点"] = (SiteKind.CentralVillage, false, true, false, false, "村民委员会"),
        ["插花安置"] = (SiteKind.Scattered, false, false, false, false, "迁入村村民委员会"),
    };

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        const string county = DemoSeeder.County;
        if (await db.SettlementSites.AnyAsync(ct)) return null;
        var relocated = await db.Households.AsNoTracking().Where(h => h.CountyCode == county && h.IsRelocated && h.SettlementSite != null)
            .OrderBy(h => h.Id).Select(h => new { h.Id, h.VillageCode, Site = h.SettlementSite! }).ToListAsync(ct);
        if (relocated.Count == 0) return null;
        db.SuppressAudit = true;
        var rng = new Random(DemoSeeder.Seed + 30);
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var households = 0;
        foreach (var group in relocated.GroupBy(h => h.Site).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var shape = Shapes.TryGetValue(group.Key, out var known) ? known : (Kind: SiteKind.CentralVillage, School: false, Clinic: true, Centre: false, Workshop: false, Management: "村民委员会");
            var community = group.GroupBy(h => h.VillageCode).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            var site = SettlementSite.Register(community, new SiteFacts(group.Key, shape.Kind, 2017 + rng.Next(3), shape.School, shape.Clinic, shape.Centre,
                shape.Workshop, shape.Management), now, Actor);
            db.SettlementSites.Add(site);
            await db.SaveChangesAsync(ct);
            foreach (var h in group)
            {
                var r = FollowUp(h.Id, h.VillageCode, site.Id, rng, today.Year, now);
                db.RelocatedHouseholds.Add(r);
                households++;
            }
            await db.SaveChangesAsync(ct);
        }
        db.SuppressAudit = false;
        return $"易地搬迁安置点：{relocated.Select(h => h.Site).Distinct().Count()} 个，关联搬迁户 {households} 户";
    }

    /// <summary>
    /// A relocated household's record as the demo and the province profile make it: 80% with the 不动产权证, half with the
    /// 户籍 moved, 60% with 到户产业发展资金 this year or last, 70% each with this year's water and power subsidies.
    /// </summary>
    internal static RelocatedHousehold FollowUp(long householdId, string village, long siteId, Random rng, int year, DateTime now)
    {
        var r = RelocatedHousehold.Link(householdId, village, siteId, village, 2016 + rng.Next(4), now, Actor);
        r.Edit(siteId, village, r.RelocatedYear, rng.NextDouble() < 0.8, rng.NextDouble() < 0.5, now, Actor);
        if (rng.NextDouble() < 0.6)
            r.Grant(SupportKind.IndustryFund, year - rng.Next(2), 1000m * (2 + rng.Next(4)), null, "到户产业发展资金（种养殖）", now, Actor);
        if (rng.NextDouble() < 0.7)
            r.Grant(SupportKind.WaterSubsidy, year, 60m + 10m * rng.Next(6), new DateOnly(year, 1, 15), null, now, Actor);
        if (rng.NextDouble() < 0.7)
            r.Grant(SupportKind.PowerSubsidy, year, 80m + 10m * rng.Next(8), new DateOnly(year, 1, 15), null, now, Actor);
        return r;
    }
}
