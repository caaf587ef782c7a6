using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Jingzhun.IntegrationTests.Infrastructure;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jingzhun.IntegrationTests.Platform;

/// <summary>The app on the primary and the hot standby of JINGZHUN_TEST_PG, read-your-own-writes for the writer only (the default).</summary>
public sealed class ReplicaApp : PostgresApp
{
    protected override string ReadYourWrites => "User";
}

/// <summary>The app whose standby host is a closed port: every read falls back to the primary.</summary>
public sealed class LostStandbyApp : PostgresApp
{
    public LostStandbyApp() : base(hosts => hosts.Split(',')[0] + ",localhost:1") => CreateDatabaseFirst();

    protected override string ReadYourWrites => "User";
}

/// <summary>The standby named second in JINGZHUN_TEST_PG (<c>Host=primary,standby</c>, as .ci/run sets it).</summary>
internal static class Standby
{
    public const string Missing = "skipped: JINGZHUN_TEST_PG names no standby (Host=primary,standby; .ci/run starts one on port 5433)";

    private static NpgsqlConnectionStringBuilder? Configured =>
        Environment.GetEnvironmentVariable(PostgresApp.EnvironmentVariable) is { Length: > 0 } cs
        && new NpgsqlConnectionStringBuilder(cs) is { Host: { } host } b && host.Contains(',') ? b : null;

    public static bool Exists => Configured is not null;

    private static string On(int host)
    {
        var b = new NpgsqlConnectionStringBuilder(Configured!.ConnectionString) { Database = "postgres", Pooling = false, Timeout = 5 };
        b.Host = b.Host!.Split(',')[host];
        return b.ConnectionString;
    }

    private static async Task<object?> ScalarAsync(int host, string sql, string? lsn = null)
    {
        await using var c = new NpgsqlConnection(On(host));
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        if (lsn is not null) cmd.Parameters.Add(new NpgsqlParameter { Value = lsn });
        return await cmd.ExecuteScalarAsync();
    }

    /// <summary>Waits until the standby has replayed everything the primary has written so far.</summary>
    public static async Task CaughtUpAsync()
    {
        var lsn = (string)(await ScalarAsync(0, "select pg_current_wal_lsn()::text"))!;
        for (var i = 0; i < 300; i++)
        {
            if (await ScalarAsync(1, "select coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false)", lsn) is true) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("the standby did not replay the primary's WAL in 30 s");
    }

    public static Task PauseReplayAsync() => ScalarAsync(1, "select pg_wal_replay_pause()");

    public static Task ResumeReplayAsync() => ScalarAsync(1, "select pg_wal_replay_resume()");

    /// <summary>The Debian cluster ("15 standby") listening on the standby's port, when this process may stop it (root).</summary>
    public static string? Cluster()
    {
        if (Configured is null || Environment.UserName != "root" || !File.Exists("/usr/bin/pg_ctlcluster")) return null;
        var standby = Configured.Host!.Split(',')[1];
        var port = standby.Contains(':') ? standby[(standby.LastIndexOf(':') + 1)..] : Configured.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Run("pg_lsclusters", "--no-header").Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 2 && f[2] == port).Select(f => f[0] + " " + f[1]).FirstOrDefault();
    }

    public static string Run(string file, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return output;
    }

    public static async Task StartAsync(string cluster)
    {
        Run("pg_ctlcluster", cluster + " start");
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if (await ScalarAsync(1, "select pg_is_in_recovery()") is true) return;
            }
            catch (NpgsqlException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("the standby did not start again in 30 s");
    }
}

/// <summary>
/// Reads on the hot standby (issue 18): lists, reports and exports read a standby through <see cref="ReadDb"/>, writes go
/// to the primary, the writer reads their own write at once, the region scope holds on the standby, and a standby that
/// stops leaves the reads on the primary with no error. Run by .ci/run against its primary and standby.
/// </summary>
public sealed class ReadReplicaTests(ReplicaApp app) : ApiTests(app), IClassFixture<ReplicaApp>
{
    private static async Task<bool> InRecoveryAsync(AppDbContext db) =>
        await db.Database.SqlQueryRaw<bool>("select pg_is_in_recovery() as \"Value\"").SingleAsync();

    /// <summary>A scope as a request of a user of <paramref name="region"/> would have it (the region claim decides the filters).</summary>
    private IServiceScope ScopeOf(string region)
    {
        var scope = App.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(AppClaims.Region, region)], "test")),
        };
        return scope;
    }

    private static int Total(JsonNode list) => list["items"]!.AsArray().Count;

    /// <summary>
    /// Waits until the standby has everything so far and the read side is on it again: Npgsql keeps a host it could not
    /// use (stopped by another test, or without this app's database yet) off its list for a few seconds.
    /// </summary>
    private async Task ReadsOnStandbyAsync()
    {
        await Standby.CaughtUpAsync();
        for (var i = 0; i < 300; i++)
        {
            using var scope = App.Services.CreateScope();
            if (await InRecoveryAsync(scope.ServiceProvider.GetRequiredService<ReadDb>().Db)) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("the read side did not return to the standby in 30 s");
    }

    [DbFact]
    public async Task The_read_side_reads_the_standby_and_writes_go_to_the_primary()
    {
        Skip.IfNot(Standby.Exists, Standby.Missing);
        await ReadsOnStandbyAsync();
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var read = scope.ServiceProvider.GetRequiredService<ReadDb>().Db;
        Assert.NotSame(db, read);
        Assert.True(await InRecoveryAsync(read), "the read side is on the standby");
        Assert.False(await InRecoveryAsync(db), "the writes' context is on the primary");
        Assert.Equal(QueryTrackingBehavior.NoTracking, read.ChangeTracker.QueryTrackingBehavior);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => read.SaveChangesAsync());
        Assert.Contains("只读", e.Message);
    }

    [DbFact]
    public async Task The_writer_reads_their_own_write_at_once_while_the_standby_has_not_replayed_it()
    {
        Skip.IfNot(Standby.Exists, Standby.Missing);
        var places = await PlacesAsync();
        var writer = await As("tl_admin");
        var reader = await As("auditor");
        var page = await SignInAsync("tl_admin");
        // Whatever the reader's sign-in wrote, the standby has it after this: their reads are on the standby from here
        // (a read learns the position to wait for, the standby passes it, the next read forgets it).
        await GetAsync(reader, "/api/v1/households?pageSize=1");
        await Standby.CaughtUpAsync();
        await GetAsync(reader, "/api/v1/households?pageSize=1");
        await Standby.PauseReplayAsync();
        Registered h;
        try
        {
            h = await RegisterAsync(writer, places.SecondVillage);
            // The standby has not replayed the registration: the writer's next list and page read the primary.
            Assert.Equal(1, Total(await GetAsync(writer, "/api/v1/households?q=" + h.HeadName)));
            Assert.Contains(h.Number, await page.GetStringAsync("/households?q=" + h.Number));
            // Someone who did not write reads the standby, which has not got it yet: that is what the writer was spared.
            Assert.Equal(0, Total(await GetAsync(reader, "/api/v1/households?q=" + h.HeadName)));
        }
        finally
        {
            await Standby.ResumeReplayAsync();
        }
        await Standby.CaughtUpAsync();
        Assert.Equal(1, Total(await GetAsync(reader, "/api/v1/households?q=" + h.HeadName)));
        Assert.Equal(1, Total(await GetAsync(writer, "/api/v1/households?q=" + h.HeadName)));
    }

    [DbFact]
    public async Task A_township_user_reads_nothing_of_another_township_on_the_standby()
    {
        Skip.IfNot(Standby.Exists, Standby.Missing);
        var places = await PlacesAsync();
        var h = await RegisterAsync(await As("tl_admin"), places.OtherTownshipVillage);
        await ReadsOnStandbyAsync();
        foreach (var (region, expected) in new[] { (Township, 0), (places.OtherTownship, 1), (County, 1) })
        {
            using var scope = ScopeOf(region);
            var read = scope.ServiceProvider.GetRequiredService<ReadDb>().Db;
            Assert.True(await InRecoveryAsync(read));
            Assert.Equal(expected, await read.Households.CountAsync(x => x.Id == h.Id));
            Assert.Equal(expected == 0 ? 0 : 1, await read.Members.CountAsync(m => m.HouseholdId == h.Id));
        }
        Assert.Equal(0, Total(await GetAsync(await As("tuqiao"), "/api/v1/households?q=" + h.HeadName)));
        Assert.Equal(1, Total(await GetAsync(await As("auditor"), "/api/v1/households?q=" + h.HeadName)));
    }

    [DbFact]
    public async Task Reads_fall_back_to_the_primary_with_no_error_when_the_standby_stops()
    {
        Skip.IfNot(Standby.Exists, Standby.Missing);
        var cluster = Standby.Cluster();
        Skip.If(cluster is null, "skipped: stopping the standby needs root and its Debian cluster (pg_ctlcluster); LostStandbyTests covers a standby that does not answer");
        var places = await PlacesAsync();
        var h = await RegisterAsync(await As("tl_admin"), places.SecondVillage);
        var auditor = await As("auditor");
        var page = await SignInAsync("auditor");
        await ReadsOnStandbyAsync();
        // Connections to the standby are in the pool when it stops.
        for (var i = 0; i < 3; i++) Assert.Equal(1, Total(await GetAsync(auditor, "/api/v1/households?q=" + h.HeadName)));
        Standby.Run("pg_ctlcluster", cluster + " stop");
        try
        {
            Assert.Equal(1, Total(await GetAsync(auditor, "/api/v1/households?q=" + h.HeadName)));
            Assert.Contains(h.Number, await page.GetStringAsync("/households?q=" + h.Number));
            var report = await GetAsync(auditor, $"/api/v1/reports/households/data?region={places.SecondVillage}");
            Assert.True(report["tables"]![0]!["rows"]!.AsArray().Sum(r => r!["households"]!.GetValue<int>()) >= 1);
            var export = await auditor.GetAsync("/api/v1/households/export?q=" + h.HeadName);
            Assert.Equal(System.Net.HttpStatusCode.OK, export.StatusCode);
            using var scope = App.Services.CreateScope();
            Assert.False(await InRecoveryAsync(scope.ServiceProvider.GetRequiredService<ReadDb>().Db), "the read side is on the primary");
        }
        finally
        {
            await Standby.StartAsync(cluster!);
        }
    }
}

/// <summary>A standby host that does not answer (a closed port): lists, reports and exports read the primary, no error.</summary>
public sealed class LostStandbyTests(LostStandbyApp app) : ApiTests(app), IClassFixture<LostStandbyApp>
{
    [DbFact]
    public async Task Reads_go_to_the_primary_when_the_standby_does_not_answer()
    {
        var places = await PlacesAsync();
        var h = await RegisterAsync(await As("tl_admin"), places.SecondVillage);
        var auditor = await As("auditor");
        for (var i = 0; i < 2; i++)
        {
            var list = await GetAsync(auditor, "/api/v1/households?q=" + h.HeadName);
            Assert.Equal(h.Id, Assert.Single(list["items"]!.AsArray())!["id"]!.GetValue<long>());
        }
        Assert.Contains(h.Number, await (await SignInAsync("auditor")).GetStringAsync("/households?q=" + h.Number));
        var report = await GetAsync(auditor, $"/api/v1/reports/households/data?region={places.SecondVillage}");
        Assert.True(report["tables"]![0]!["rows"]!.AsArray().Sum(r => r!["households"]!.GetValue<int>()) >= 1);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await auditor.GetAsync("/api/v1/households/export?q=" + h.HeadName)).StatusCode);
        using var scope = App.Services.CreateScope();
        var read = scope.ServiceProvider.GetRequiredService<ReadDb>().Db;
        Assert.False(await read.Database.SqlQueryRaw<bool>("select pg_is_in_recovery() as \"Value\"").SingleAsync());
    }
}
