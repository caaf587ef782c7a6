using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// 每晚自动任务: the night queues the modules' sweeps and the 务工监测 tally over the whole database as 系统（每晚）, in their
/// order, never a kind twice while it is queued or running, and each runs to the end.
/// </summary>
public abstract class NightlyJobsTests(TestApp app) : ApiTests(app)
{
    [DbFact]
    public async Task The_night_queues_every_sweep_and_the_tally_once_and_each_finishes()
    {
        var nightly = App.Services.GetRequiredService<NightlyJobs>();
        var queued = await nightly.QueueAsync(CancellationToken.None);
        Assert.Equal(["guarantees.sweep", "monitoring.sweep", "employment.sweep", "employment.tally"], queued);
        // The same night again (a restart, a slow night): nothing is queued twice.
        Assert.Empty(await nightly.QueueAsync(CancellationToken.None));

        List<long> ids;
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            ids = await db.Jobs.AsNoTracking().Where(j => j.CreatedBy == NightlyJobs.Actor).OrderByDescending(j => j.Id).Take(4)
                .Select(j => j.Id).ToListAsync();
        }
        var admin = await As("admin");
        foreach (var id in ids.Order())
        {
            var job = await WaitForJobAsync(admin, id, 180);
            Assert.Equal("Succeeded", job["status"]!.GetValue<string>());
            Assert.Equal("", job["regionCode"]!.GetValue<string>());
            Assert.Equal(NightlyJobs.Actor, job["createdBy"]!.GetValue<string>());
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteNightlyJobsTests(SqliteApp app) : NightlyJobsTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresNightlyJobsTests(PostgresApp app) : NightlyJobsTests(app);
