using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Platform.Jobs;

/// <summary>A kind of job a module wants run over the whole database every night (a sweep, a tally), in this order.</summary>
public sealed record NightlyJob(string Kind, int Order);

public static class NightlyJobRegistration
{
    /// <summary>Queues a job of <paramref name="kind"/> over every region each night (<see cref="NightlyJobs"/>).</summary>
    public static IServiceCollection AddNightlyJob(this IServiceCollection services, string kind, int order) =>
        services.AddSingleton(new NightlyJob(kind, order));
}

/// <summary>
/// Every night at <c>Jobs:NightlyAt</c> (Beijing time "HH:mm", default 02:00; "off" = never) queues the modules' nightly
/// jobs over the whole database (region ""), as 系统（每晚）, one after another on the job runner; a kind already queued or
/// running is not queued twice. The sweeps are idempotent, so a night that finds yesterday's still running loses nothing.
/// </summary>
public sealed class NightlyJobs(IServiceScopeFactory scopes, IEnumerable<NightlyJob> jobs, JobRunner runner, IConfiguration config,
    TimeProvider clock, ILogger<NightlyJobs> log) : BackgroundService
{
    public const string Actor = "系统（每晚）";

    /// <summary>The configured time; null: off. A value that is not a time stops the start with the reason.</summary>
    public static TimeOnly? At(IConfiguration config)
    {
        var text = config["Jobs:NightlyAt"];
        if (text is null) return new TimeOnly(2, 0);
        if (text.Trim() is "" or "off") return null;
        return TimeOnly.TryParseExact(text.Trim(), ["H:mm", "HH:mm"], out var t) ? t
            : throw new InvalidOperationException($"Jobs:NightlyAt 的值“{text}”不是有效的时间，应为北京时间 HH:mm（如 02:00），或 off 表示不自动运行");
    }

    /// <summary>The next run strictly after <paramref name="nowUtc"/>, in UTC.</summary>
    public static DateTime NextRun(DateTime nowUtc, TimeOnly at) => ChinaTime.NextDaily(nowUtc, at);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (At(config) is not { } at || !jobs.Any()) return;
        log.LogInformation("每晚自动任务：北京时间 {At} 依次运行 {Kinds}", at.ToString("HH:mm"), string.Join("、", jobs.OrderBy(j => j.Order).Select(j => j.Kind)));
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            try
            {
                await Task.Delay(NextRun(now, at) - now, clock, stoppingToken);
                await QueueAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (DbUpdateException e)
            {
                log.LogError(e, "每晚自动任务未能排队，明晚再试");
            }
        }
    }

    /// <summary>Queues tonight's jobs; returns the kinds queued.</summary>
    public async Task<IReadOnlyList<string>> QueueAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var busy = await db.Jobs.AsNoTracking().Where(j => j.Status == JobStatus.Queued || j.Status == JobStatus.Running)
            .Select(j => j.Kind).Distinct().ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var queued = jobs.OrderBy(j => j.Order).Select(j => j.Kind).Distinct().Where(k => !busy.Contains(k)).ToList();
        foreach (var kind in queued)
            db.Jobs.Add(new Job { Kind = kind, RegionCode = "", CreatedBy = Actor, CreatedAt = now, Message = "排队中（每晚自动运行）" });
        await db.SaveChangesAsync(ct);
        runner.Wake();
        return queued;
    }
}
