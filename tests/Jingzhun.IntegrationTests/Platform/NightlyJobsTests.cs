using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// 每晚自动任务: the night queues the modules' sweeps and the 务工监测 tally over the whole database as 系统（每晚）, in their
/// order, never a kind that is still queued or running, and each runs to the end.
/// </summary>
public abstract class NightlyJobsTests(TestApp app) : ApiTests(app)
{
    [DbFact]
    public async Task The_night_queues_the_sweeps_and_the_tally_in_order_never_a_kind_already_running_and_each_finishes()
    {
        var nightly = App.Services.GetRequiredService<NightlyJobs>();
        string[] sweeps = ["guarantees.sweep", "monitoring.sweep", "employment.sweep"];
        // The sweeps earlier tests queued (after imports) run first; one left running by a test of restarts stays busy.
        var busy = new List<string>();
        for (var waited = 0; waited < 240; waited++)
        {
            using var scope = App.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            busy = await db.Jobs.Where(j => (j.Status == JobStatus.Queued || j.Status == JobStatus.Running) && sweeps.Contains(j.Kind))
                .Select(j => j.Kind).Distinct().ToListAsync();
            if (busy.Count == 0) break;
            await Task.Delay(500);
        }
        // A tally still running from the night before (the runner only picks queued jobs, so it stays "running").
        long running;
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var job = new Job { Kind = "employment.tally", RegionCode = "", CreatedBy = "test", CreatedAt = DateTime.UtcNow, Status = JobStatus.Running };
            db.Jobs.Add(job);
            await db.SaveChangesAsync();
            running = job.Id;
        }
        try
        {
            var queued = await nightly.QueueAsync(CancellationToken.None);
            // In their order; the tally still running is not queued again.
            Assert.Equal(sweeps.Except(busy), queued);
            Assert.DoesNotContain("employment.tally", await nightly.QueueAsync(CancellationToken.None));

            List<long> ids;
            using (var scope = App.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                ids = await db.Jobs.AsNoTracking().Where(j => j.CreatedBy == NightlyJobs.Actor && j.Id > running).Select(j => j.Id).ToListAsync();
            }
            Assert.True(ids.Count >= queued.Count);
            var admin = await As("admin");
            foreach (var id in ids.Order())
            {
                var job = await WaitForJobAsync(admin, id, 180);
                Assert.Equal("Succeeded", job["status"]!.GetValue<string>());
                Assert.Equal("", job["regionCode"]!.GetValue<string>());
                Assert.Equal(NightlyJobs.Actor, job["createdBy"]!.GetValue<string>());
            }
        }
        finally
        {
            using var scope = App.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Jobs.Where(j => j.Id == running).ExecuteUpdateAsync(u => u.SetProperty(j => j.Status, JobStatus.Cancelled));
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteNightlyJobsTests(SqliteApp app) : NightlyJobsTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresNightlyJobsTests(PostgresApp app) : NightlyJobsTests(app);
