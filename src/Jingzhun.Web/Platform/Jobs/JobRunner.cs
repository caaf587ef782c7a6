using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Platform.Jobs;

/// <summary>Reports progress of a running job and tells it when to stop.</summary>
public interface IJobProgress
{
    Task ReportAsync(int done, int total, string? message, CancellationToken ct);
}

/// <summary>One kind of background job. Handlers run in their own scope with an unscoped (system) database context.</summary>
public interface IJobHandler
{
    string Kind { get; }
    Task<string> RunAsync(Job job, IJobProgress progress, CancellationToken ct);
}

/// <summary>
/// Runs queued jobs one at a time. A job found "running" at start-up was interrupted by a restart and is queued again
/// (job handlers are idempotent). Cancellation is a flag in the row, checked at each progress report.
/// </summary>
public sealed class JobRunner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<JobRunner> log) : BackgroundService
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Wake() => _signal.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RequeueInterruptedAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var ran = await RunNextAsync(stoppingToken);
            if (!ran) await _signal.WaitAsync(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task RequeueInterruptedAsync(CancellationToken ct)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Jobs.Where(j => j.Status == JobStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Queued).SetProperty(j => j.Message, "服务重启，任务重新排队"), ct);
        }
        catch (Exception e) when (e is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
        {
            // The schema may not exist yet on the very first start; the loop retries.
            log.LogDebug(e, "作业表暂不可用");
        }
    }

    public async Task<bool> RunNextAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Job? job;
        try
        {
            job = await db.Jobs.Where(j => j.Status == JobStatus.Queued).OrderBy(j => j.Id).FirstOrDefaultAsync(ct);
        }
        catch (Exception e) when (e is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
        {
            log.LogDebug(e, "作业表暂不可用");
            return false;
        }
        if (job is null) return false;
        var handler = scope.ServiceProvider.GetServices<IJobHandler>().FirstOrDefault(h => h.Kind == job.Kind);
        job.StartedAt = clock.GetUtcNow().UtcDateTime;
        if (handler is null || job.CancelRequested)
        {
            job.Status = handler is null ? JobStatus.Failed : JobStatus.Cancelled;
            job.Error = handler is null ? $"未知的任务类型 {job.Kind}" : null;
            job.FinishedAt = job.StartedAt;
            await db.SaveChangesAsync(ct);
            return true;
        }
        job.Status = JobStatus.Running;
        await db.SaveChangesAsync(ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var progress = new Progress(scopes, job.Id, cancel);
        try
        {
            var message = await handler.RunAsync(job, progress, cancel.Token);
            await FinishAsync(job.Id, JobStatus.Succeeded, message, null, ct);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await FinishAsync(job.Id, JobStatus.Cancelled, "已取消，本次任务未写入的部分已回滚", null, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "任务 {Id} ({Kind}) 失败", job.Id, job.Kind);
            await FinishAsync(job.Id, JobStatus.Failed, null, e.Message, ct);
        }
        return true;
    }

    private async Task FinishAsync(long id, JobStatus status, string? message, string? error, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Jobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, status).SetProperty(j => j.Message, message).SetProperty(j => j.Error, error)
            .SetProperty(j => j.FinishedAt, now), ct);
    }

    private sealed class Progress(IServiceScopeFactory scopes, long jobId, CancellationTokenSource cancel) : IJobProgress
    {
        public async Task ReportAsync(int done, int total, string? message, CancellationToken ct)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Jobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Done, done).SetProperty(j => j.Total, total).SetProperty(j => j.Message, message), ct);
            if (await db.Jobs.Where(j => j.Id == jobId).Select(j => j.CancelRequested).FirstAsync(ct)) await cancel.CancelAsync();
        }
    }
}

public sealed record JobView(long Id, string Kind, string RegionCode, JobStatus Status, string StatusLabel, int Total, int Done,
    int Percent, string? Message, string? Error, string CreatedBy, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt);

/// <summary>Queue, read and cancel jobs (a user sees the jobs of their own subtree).</summary>
public sealed class Jobs(AppDbContext db, JobRunner runner, JobLiveProgress live, Auth.CurrentUser user, TimeProvider clock)
{
    public async Task<Job> EnqueueAsync(string kind, string regionCode, string parameters, CancellationToken ct)
    {
        var job = new Job
        {
            Kind = kind, RegionCode = regionCode, Parameters = parameters, CreatedBy = user.UserName,
            CreatedAt = clock.GetUtcNow().UtcDateTime, Message = "排队中",
        };
        db.Jobs.Add(job);
        await db.SaveChangesAsync(ct);
        runner.Wake();
        return job;
    }

    private IQueryable<Job> Visible()
    {
        var scope = user.RegionCode ?? "~";
        return db.Jobs.AsNoTracking().Where(j => j.RegionCode.StartsWith(scope));
    }

    public async Task<JobView?> GetAsync(long id, CancellationToken ct)
    {
        if (await Visible().Where(j => j.Id == id).FirstOrDefaultAsync(ct) is not { } j) return null;
        if (j.Status == JobStatus.Running && live.Find(id) is { } p)
        {
            j.Done = p.Done;
            j.Total = p.Total;
            j.Message = p.Message;
        }
        return View(j);
    }

    /// <summary>The parameters of a visible job of the given kind (null when not found or not visible).</summary>
    public async Task<string?> ParametersAsync(long id, string kind, CancellationToken ct) =>
        await Visible().Where(j => j.Id == id && j.Kind == kind).Select(j => j.Parameters).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<JobView>> RecentAsync(string kind, int take, CancellationToken ct) =>
        (await Visible().Where(j => j.Kind == kind).OrderByDescending(j => j.Id).Take(take).ToListAsync(ct)).Select(View).ToList();

    public async Task<bool> CancelAsync(long id, CancellationToken ct) =>
        await Visible().AnyAsync(j => j.Id == id && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running), ct)
        && (live.RequestCancel(id) || await db.Jobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true), ct) > 0);

    public static JobView View(Job j) => new(j.Id, j.Kind, j.RegionCode, j.Status, Localization.Labels.Of(j.Status), j.Total, j.Done,
        j.Total == 0 ? (j.Status == JobStatus.Succeeded ? 100 : 0) : (int)(100L * j.Done / j.Total), j.Message, j.Error, j.CreatedBy,
        j.CreatedAt, j.StartedAt, j.FinishedAt);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/jobs").WithTags("后台任务").RequireAuthorization();
        g.MapGet("/{id:long}", async (long id, Jobs jobs, CancellationToken ct) =>
                await jobs.GetAsync(id, ct) is { } j ? Results.Ok(j) : Failure.NotFound("该任务").ToProblem())
            .Produces<JobView>().WithName("GetJob").WithSummary("任务进度");
        g.MapPost("/{id:long}/cancel", async (long id, Jobs jobs, CancellationToken ct) =>
                await jobs.CancelAsync(id, ct) ? Results.Accepted() : Failure.NotFound("可取消的任务").ToProblem())
            .RequireAuthorization(Auth.Permissions.RegistryEdit)   // a write: never for the read-only role
            .Produces(StatusCodes.Status202Accepted).WithName("CancelJob").WithSummary("取消任务");
    }
}
