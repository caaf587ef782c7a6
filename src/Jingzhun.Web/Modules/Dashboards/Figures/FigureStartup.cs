using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Dashboards.Figures;

/// <summary>Whether the per-village figures hold the whole registry (until then a dashboard is counted live).</summary>
public sealed class FigureState
{
    private volatile bool _built;

    public bool Built => _built;

    public void MarkBuilt() => _built = true;

    public Task<bool> IsBuiltAsync(CancellationToken ct) => Task.FromResult(_built);
}

/// <summary>
/// At start: builds the figures once for a database that has a registry but none yet (the first start after the upgrade
/// that added them), so the dashboards never count a province live again; then, every few minutes, makes sure the
/// current month's visit figures have been counted for every village (a new month starts with none).
/// </summary>
public sealed class FigureStartup(IServiceScopeFactory scopes, FigureState state, TimeProvider clock, ILogger<FigureStartup> log) : BackgroundService
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = CheckEvery;
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The schema may not exist yet on the very first start, or the database is busy: try again soon.
                log.LogWarning(e, "驾驶舱汇总数据检查未完成，稍后重试");
                wait = TimeSpan.FromSeconds(5);
            }
            await Task.Delay(wait, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async Task CheckAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var upkeep = scope.ServiceProvider.GetRequiredService<FigureUpkeep>();
        await using var db = UnscopedContexts.Create(scope.ServiceProvider);
        if (!state.Built)
        {
            // A marker written after a whole build, not "the table has rows": the sweeps an import queued may have
            // counted one province before this check, and the others would then be missing until their own sweeps.
            if (!await FigureUpkeep.WholeBuiltAsync(db, ct))
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                if (await db.Households.AnyAsync(ct)) await upkeep.RebuildAsync("", ct);
                await upkeep.MarkWholeBuiltAsync(ct);
                log.LogInformation("驾驶舱汇总数据已建立，用时 {Seconds:0.0} 秒", watch.Elapsed.TotalSeconds);
            }
            state.MarkBuilt();
        }
        var today = ChinaTime.Today(clock);
        if (!await FigureUpkeep.VisitMonthBuiltAsync(db, today.Year, today.Month, ct)) await upkeep.BuildVisitMonthAsync(today.Year, today.Month, ct);
    }
}
