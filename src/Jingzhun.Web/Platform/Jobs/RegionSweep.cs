using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Platform.Jobs;

public sealed record SweepRegionRequest([property: Text(12, "地区", typeof(Job), nameof(Job.RegionCode))] string? Region);

/// <summary>
/// A job that works through every household of a region in batches of <see cref="BatchSize"/>, each batch committed on
/// its own (a cancelled sweep keeps the batches already done; sweeps are idempotent, so running one again is safe).
/// Progress is reported at most every <see cref="ReportEvery"/> (each report is a write and the cancel check).
/// </summary>
public abstract class RegionSweepJob(AppDbContext db) : IJobHandler
{
    protected AppDbContext Db => db;

    public const int BatchSize = 2000;
    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(1);

    public abstract string Kind { get; }

    /// <summary>
    /// Reads and judges one batch and returns its write, which returns how many things it found (problems opened,
    /// leads raised). The write of one batch is started after the previous one finished and may run on another context
    /// while the next batch is read and judged.
    /// </summary>
    protected abstract Task<Func<Task<int>>> ProcessAsync(IReadOnlyCollection<long> householdIds, CancellationToken ct);

    /// <summary>The ids of the region's households, in id order (the registry's, which Platform does not know).</summary>
    protected abstract Task<List<long>> HouseholdIdsAsync(string regionCode, CancellationToken ct);

    /// <summary>"已研判 {done} 户，新发现问题 {found} 个"</summary>
    protected abstract string Describe(int done, int found);

    public async Task<string> RunAsync(Job job, IJobProgress progress, CancellationToken ct)
    {
        // The per-save upkeep of the villages' figures is off during the sweep; its region is counted again once at the end.
        string done;
        using (Data.VillageChanges.Defer()) done = await SweepAsync(job, progress, ct); // its gathered villages: all in the region
        if (Data.VillageChanges.ListenerOf(db) is { } figures) await figures.RebuildAsync(job.RegionCode, ct);
        return done;
    }

    private async Task<string> SweepAsync(Job job, IJobProgress progress, CancellationToken ct)
    {
        var ids = await HouseholdIdsAsync(job.RegionCode, ct);
        var found = 0;
        var done = 0;
        await progress.ReportAsync(0, ids.Count, Describe(0, 0), ct);
        var sinceReport = System.Diagnostics.Stopwatch.StartNew();
        (Task<int> Task, int Size)? writing = null;
        try
        {
            foreach (var batch in ids.Chunk(BatchSize))
            {
                ct.ThrowIfCancellationRequested();
                var write = await ProcessAsync(batch, ct);
                db.ChangeTracker.Clear();
                if (writing is { } w)
                {
                    found += await w.Task;
                    done += w.Size;
                    writing = null;
                    if (sinceReport.Elapsed >= ReportEvery)
                    {
                        await progress.ReportAsync(done, ids.Count, Describe(done, found), ct);
                        sinceReport.Restart();
                    }
                }
                writing = (write(), batch.Length);
            }
            if (writing is { } last)
            {
                found += await last.Task;
                done += last.Size;
                writing = null;
            }
        }
        finally
        {
            // Never leave a write running on a context that is about to be disposed.
            if (writing is { } w) await w.Task.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
        await progress.ReportAsync(done, ids.Count, Describe(done, found), ct);
        return Describe(ids.Count, found);
    }

    /// <summary>
    /// Queues a sweep after a bulk change of the registry (an import), on the caller's context and inside its open
    /// transaction, so the job commits or rolls back with the change. The runner picks it up after the commit.
    /// </summary>
    public static async Task QueueAfterChangeAsync(AppDbContext db, string kind, string regionCode, string createdBy, TimeProvider clock, CancellationToken ct)
    {
        db.Jobs.Add(new Job { Kind = kind, RegionCode = regionCode, CreatedBy = createdBy, CreatedAt = clock.GetUtcNow().UtcDateTime, Message = "排队中（导入后重新研判）" });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>POST {path} {region}: queues the sweep for a region in the user's scope; 202 with the job's progress address.</summary>
    public static RouteHandlerBuilder MapStart(RouteGroupBuilder api, string path, string kind) =>
        api.MapPost(path, async (SweepRegionRequest r, Jobs jobs, CurrentUser user, CancellationToken ct) =>
        {
            if (TextLimits.Check(r) is { } tooLong) return tooLong.ToProblem();
            var region = string.IsNullOrWhiteSpace(r.Region) ? user.RegionCode ?? "" : r.Region.Trim();
            if (region != "" && !RegionCodes.IsValid(region)) return Failure.Invalid("region", "区划代码无效").ToProblem();
            if (!user.CanSee(region)) return Failure.NotFound("该地区").ToProblem();
            var job = await jobs.EnqueueAsync(kind, region, "{}", ct);
            return TypedResults.Accepted($"/api/v1/jobs/{job.Id}", Jobs.View(job));
        }).Produces<JobView>(StatusCodes.Status202Accepted);
}
