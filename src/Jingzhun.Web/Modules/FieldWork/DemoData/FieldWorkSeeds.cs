using Jingzhun.Web.Modules.Registry.DemoData;
using Jingzhun.Web.Platform;

namespace Jingzhun.Web.Modules.FieldWork.DemoData;

/// <summary>The demo county's cadres, pairings and teams, then a year of visits, logs and 月研判 (each once).</summary>
internal sealed class FieldWorkDemoSeed(FieldWorkDemo pairings, ComplianceDemo activity, Platform.Data.AppDbContext db,
    ILogger<FieldWorkDemoSeed> log, TimeProvider clock) : IStartupSeed
{
    public int Order => 500;
    public bool DemoOnly => true;

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var p = await pairings.SeedAsync(DemoSeeder.County, DemoSeeder.Seed, ct);
        if (p.Cadres > 0)
            log.LogInformation("驻村帮扶：帮扶干部 {Cadres} 名，结对记录 {Pairings} 条，驻村工作队 {Teams} 支，用时 {Seconds:F1} 秒",
                p.Cadres, p.Pairings, p.Teams, clock.GetElapsedTime(started).TotalSeconds);
        started = clock.GetTimestamp();
        db.SuppressAudit = true;
        var a = await activity.SeedAsync(DemoSeeder.County, DemoSeeder.Seed, ct);
        db.SuppressAudit = false;
        if (a.Visits > 0)
            log.LogInformation("走访记录：{Visits} 次、工作日志 {Logs} 条、月研判会议 {Meetings} 次（研判问题 {Items} 个，解决 {Resolved} 个），用时 {Seconds:F1} 秒",
                a.Visits, a.Logs, a.Meetings, a.Items, a.Resolved, clock.GetElapsedTime(started).TotalSeconds);
        return null;
    }
}
