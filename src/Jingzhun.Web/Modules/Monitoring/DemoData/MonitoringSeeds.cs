using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.DemoData;
using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Monitoring.DemoData;

/// <summary>The demo county's monitoring history and the sweep's open leads (once).</summary>
internal sealed class MonitoringDemoSeed(AppDbContext db, MonitoringDemo demo, DemoSeeder seeder, ILogger<MonitoringDemoSeed> log) : IStartupSeed
{
    public int Order => 400;
    public bool DemoOnly => true;

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        if (await db.MonitoringCases.AnyAsync(ct) || !await db.Households.AnyAsync(h => h.CountyCode == DemoSeeder.County, ct)) return null;
        db.SuppressAudit = true;
        var m = await demo.SeedAsync(DemoSeeder.County, DemoSeeder.Seed, ct);
        if (await seeder.DemoVillageAsync(ct) is { } village)
        {
            var w = await demo.PutWorkInAsync(village, ct);
            log.LogInformation("演示村 {Village}：待交办问题 {Problems} 个，风险线索 {Leads} 条，认定中的监测对象 {Case}", village, w.Problems, w.Leads, w.CaseId);
        }
        db.SuppressAudit = false;
        log.LogInformation("防返贫监测：累计识别监测对象 {Identified} 户，其中风险已消除 {Eliminated} 户；系统预警新增风险线索 {Leads} 条",
            m.Identified, m.Eliminated, m.Leads);
        return null;
    }
}
