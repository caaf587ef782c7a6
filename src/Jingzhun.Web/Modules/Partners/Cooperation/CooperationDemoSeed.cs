using Jingzhun.Web.Modules.Registry.DemoData;
using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Partners.Cooperation;

/// <summary>
/// Demo data for 铜梁区: a 东西部协作 partnership with 山东省潍坊市寿光市 (a demo pairing, not the official one) and a 定点帮扶
/// central unit, each with this year's agreement, targets and deliveries — some indicators complete, some not. Runs once
/// (nothing is seeded when the county has a partnership); the same every time.
/// </summary>
internal sealed class CooperationDemoSeed(AppDbContext db, TimeProvider clock) : IStartupSeed
{
    private const string Actor = "演示数据";
    public int Order => 470;
    public bool DemoOnly => true;

    private sealed record Demo(PartnershipFacts Facts, string Title, (CooperationIndicator I, decimal Target)[] Targets,
        (CooperationIndicator I, decimal Amount, int DaysAgo, string Note)[] Deliveries);

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        const string county = DemoSeeder.County;
        if (await db.Partnerships.AnyAsync(p => p.CountyCode == county, ct)) return null;
        var today = ChinaTime.Today(clock);
        var year = today.Year;
        var now = clock.GetUtcNow().UtcDateTime;
        Demo[] demos =
        [
            new(new(PartnershipKind.EastWest, "山东省潍坊市寿光市", "370783", 2021, "铜梁区乡村振兴局（东西部协作办）", PartnershipStatus.Active),
                $"寿光市—铜梁区{year}年东西部协作协议",
                [(CooperationIndicator.FiscalAid, 3000m), (CooperationIndicator.SocialAid, 500m), (CooperationIndicator.LabourInPartnerProvince, 50m),
                 (CooperationIndicator.LabourAtHome, 300m), (CooperationIndicator.ConsumptionPurchase, 1500m), (CooperationIndicator.ConsumptionSales, 2500m),
                 (CooperationIndicator.SecondedCadres, 3m), (CooperationIndicator.SecondedTechnicians, 30m), (CooperationIndicator.Enterprises, 4m),
                 (CooperationIndicator.EnterpriseInvestment, 20000m), (CooperationIndicator.PairedSchools, 5m), (CooperationIndicator.PairedHospitals, 3m)],
                [(CooperationIndicator.FiscalAid, 1800m, 250, "鲁财援〔当年〕第一批 财政援助资金"), (CooperationIndicator.FiscalAid, 1200m, 120, "鲁财援〔当年〕第二批 财政援助资金"),
                 (CooperationIndicator.SocialAid, 320m, 90, "寿光市慈善总会等社会帮扶资金"), (CooperationIndicator.LabourInPartnerProvince, 36m, 60, "寿光蔬菜产业园定向招聘"),
                 (CooperationIndicator.LabourAtHome, 180m, 60, "鲁渝协作帮扶车间就近吸纳"), (CooperationIndicator.ConsumptionPurchase, 1620m, 30, "寿光机关食堂、商超采购铜梁农特产品"),
                 (CooperationIndicator.ConsumptionSales, 1730m, 30, "寿光农产品物流园帮助销售"), (CooperationIndicator.SecondedCadres, 3m, 300, "选派3名挂职干部（区乡村振兴局、两个镇）"),
                 (CooperationIndicator.SecondedTechnicians, 22m, 200, "教师12名、医生8名、农技人员2名"), (CooperationIndicator.Enterprises, 2m, 150, "蔬菜种苗、食品加工企业各1家落地"),
                 (CooperationIndicator.EnterpriseInvestment, 8600m, 150, "引进企业实际到位投资"), (CooperationIndicator.PairedSchools, 5m, 240, "寿光市5所中小学与铜梁区学校结对"),
                 (CooperationIndicator.PairedHospitals, 2m, 240, "寿光市人民医院等2家医院结对帮扶")]),
            new(new(PartnershipKind.CentralUnit, "中国农业发展银行", null, 2021, "铜梁区乡村振兴局", PartnershipStatus.Active),
                $"{year}年定点帮扶责任书",
                [(CooperationIndicator.FiscalAid, 1200m), (CooperationIndicator.SocialAid, 800m), (CooperationIndicator.ConsumptionPurchase, 300m),
                 (CooperationIndicator.ConsumptionSales, 500m), (CooperationIndicator.SecondedCadres, 2m), (CooperationIndicator.SecondedTechnicians, 5m)],
                [(CooperationIndicator.FiscalAid, 1200m, 200, "直接投入帮扶资金"), (CooperationIndicator.SocialAid, 450m, 100, "引进帮扶资金"),
                 (CooperationIndicator.ConsumptionPurchase, 310m, 45, "本系统食堂采购"), (CooperationIndicator.ConsumptionSales, 260m, 45, "线上平台帮助销售"),
                 (CooperationIndicator.SecondedCadres, 2m, 320, "选派挂职副区长1名、驻村第一书记1名")]),
        ];
        db.SuppressAudit = true;
        foreach (var demo in demos)
        {
            var p = Partnership.Register(county, demo.Facts, now, Actor);
            db.Partnerships.Add(p);
            await db.SaveChangesAsync(ct);
            var a = CooperationAgreement.Sign(p, year, demo.Title, new DateOnly(year, 1, 1).AddDays(Math.Min(40, today.DayOfYear - 1)), now, Actor);
            a.SetTargets(demo.Targets.ToDictionary(t => t.I, t => t.Target), now, Actor);
            db.CooperationAgreements.Add(a);
            await db.SaveChangesAsync(ct);
            foreach (var d in demo.Deliveries)
            {
                var on = today.AddDays(-d.DaysAgo);
                if (on.Year != year) on = new DateOnly(year, 1, 1);
                db.CooperationDeliveries.Add(CooperationDelivery.Record(a, d.I, d.Amount, on, d.Note, [], now, Actor));
            }
            await db.SaveChangesAsync(ct);
        }
        db.SuppressAudit = false;
        return $"东西部协作与定点帮扶：铜梁区 2 个结对关系及{year}年协议、到位情况";
    }
}
