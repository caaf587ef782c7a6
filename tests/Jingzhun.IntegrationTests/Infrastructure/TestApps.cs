using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Jingzhun.IntegrationTests.Infrastructure;

/// <summary>
/// One running Jingzhun (in memory, through WebApplicationFactory) on a fresh database of its own.
/// Shared by the tests of a collection: each test creates its own households with unique people, so tests
/// never depend on one another's data.
/// </summary>
public abstract class TestApp : WebApplicationFactory<Program>
{
    /// <summary>Base64 of a fixed 32-byte key: the ID-number lookup hash is reproducible across runs.</summary>
    public const string LookupKey = "amluZ3podW4taW50ZWdyYXRpb24tdGVzdHMtbG9va3U=";

    private readonly string _keys = Path.Combine(Path.GetTempPath(), "jingzhun-tests-" + Guid.NewGuid().ToString("N"), "keys");
    private readonly ConcurrentDictionary<string, string> _tokens = new();
    private int _counter;

    /// <summary>Why the tests of this app cannot run here (null when they can).</summary>
    public virtual string? SkipReason => null;

    protected abstract IEnumerable<KeyValuePair<string, string>> DatabaseSettings();

    /// <summary>The host environment ("Development" is what the README's run command uses).</summary>
    protected virtual string EnvironmentName => "Testing";

    /// <summary>Whether the demo county is seeded (as at the README's first start); tests create their own data otherwise.</summary>
    protected virtual bool DemoSeed => false;

    /// <summary>More settings for this app (set before its first request: the host is built then).</summary>
    public Dictionary<string, string> ExtraSettings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Demo:Seed", DemoSeed ? "true" : "false");
        // The nightly sweeps would run over every test's households at 02:00 Beijing time: tests start jobs themselves.
        builder.UseSetting("Jobs:NightlyAt", "off");
        builder.UseSetting("Protection:KeysPath", _keys);
        builder.UseSetting("Protection:LookupKey", LookupKey);
        // Every test signs in from the same address: the per-address sign-in limit is tested on an app of its own.
        builder.UseSetting("Auth:LoginRequestsPerAddress", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        foreach (var (k, v) in DatabaseSettings()) builder.UseSetting(k, v);
        foreach (var (k, v) in ExtraSettings) builder.UseSetting(k, v);
    }

    /// <summary>A number unique within this app (and so within its database).</summary>
    public int Next() => Interlocked.Increment(ref _counter);

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client carrying the bearer token of <paramref name="user"/> (demo password unless given).</summary>
    public async Task<HttpClient> LoginAsync(string user, string password = Jingzhun.Web.Modules.Registry.DemoData.DemoSeeder.DemoPassword)
    {
        var key = user + "\n" + password;
        if (!_tokens.TryGetValue(key, out var token))
        {
            using var anon = Anonymous();
            var r = await anon.PostAsJsonAsync("/api/v1/auth/login", new { username = user, password });
            var body = await r.Content.ReadAsStringAsync();
            if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"login {user}: {(int)r.StatusCode} {body}");
            token = JsonNode.Parse(body)!["accessToken"]!.GetValue<string>();
            _tokens[key] = token;
        }
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(Path.GetDirectoryName(_keys)!, recursive: true); } catch (IOException) { }
    }
}

/// <summary>SQLite: a new database file per app.</summary>
public class SqliteApp : TestApp
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"jingzhun-test-{Guid.NewGuid():N}.db");

    protected override IEnumerable<KeyValuePair<string, string>> DatabaseSettings() =>
    [
        new("Database:Provider", "Sqlite"),
        new("ConnectionStrings:Sqlite", $"Data Source={_file}"),
    ];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
            try { File.Delete(f); } catch (IOException) { }
    }
}

/// <summary>
/// PostgreSQL: the server named by JINGZHUN_TEST_PG; a new database (random name suffix) per app, dropped at the
/// end. Without the variable, or when the server does not answer, the tests report themselves skipped.
/// </summary>
public class PostgresApp : TestApp
{
    public const string EnvironmentVariable = "JINGZHUN_TEST_PG";
    public const string NoPostgres = "skipped: no PostgreSQL";

    private readonly Lazy<string?> _skip;
    private readonly string? _connectionString;

    /// <summary>Why no PostgreSQL test can run here (no JINGZHUN_TEST_PG, or its server does not answer); null when they can.</summary>
    public static readonly Lazy<string?> Unavailable = new(() => new PostgresApp().SkipReason);

    public PostgresApp() : this(null) { }

    /// <param name="hosts">Replaces the configured hosts (a test of a standby that does not answer).</param>
    protected PostgresApp(Func<string, string>? hosts)
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var b = new NpgsqlConnectionStringBuilder(configured);
            if (hosts is not null) b.Host = hosts(b.Host ?? "localhost");
            var name = $"{(string.IsNullOrEmpty(b.Database) ? "jingzhun_test" : b.Database)}_{Guid.NewGuid():N}";
            b.Database = name.Length > 63 ? name[..63] : name;
            _connectionString = b.ConnectionString;
        }
        _skip = new Lazy<string?>(Probe);
    }

    public override string? SkipReason => _skip.Value;

    private string? Probe()
    {
        if (_connectionString is null) return NoPostgres;
        try
        {
            using var c = new NpgsqlConnection(Maintenance());
            c.Open();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            return NoPostgres;
        }
    }

    /// <summary>The server's maintenance database; with a primary and a standby named (hosts "a,b"), on the primary.</summary>
    private string Maintenance()
    {
        var b = new NpgsqlConnectionStringBuilder(_connectionString) { Database = "postgres", Timeout = 5, Pooling = false };
        if (b.Host?.Contains(',') == true) b.TargetSessionAttributes = "primary";
        return b.ConnectionString;
    }

    /// <summary>
    /// Creates this app's database before the app starts (the app creates it otherwise): with several hosts of which one
    /// does not answer, Npgsql reports the missing database with that host's error, which the migration does not take
    /// for "no database yet".
    /// </summary>
    protected void CreateDatabaseFirst()
    {
        if (SkipReason is not null) return;
        using var c = new NpgsqlConnection(Maintenance());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"CREATE DATABASE \"{new NpgsqlConnectionStringBuilder(_connectionString).Database}\"";
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// With a standby, every reader waits for the standby to replay anyone's write (Database:ReadYourWrites=Everyone), so
    /// that no test depends on how fast replication is; the replica tests set the default (the writer only).
    /// </summary>
    protected virtual string ReadYourWrites => "Everyone";

    protected override IEnumerable<KeyValuePair<string, string>> DatabaseSettings() =>
    [
        new("Database:Provider", "Postgres"),
        new("ConnectionStrings:Postgres", _connectionString ?? ""),
        new("Database:ReadYourWrites", ReadYourWrites),
    ];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_connectionString is null || !_skip.IsValueCreated || _skip.Value is not null) return;
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(_connectionString).Database;
        using var c = new NpgsqlConnection(Maintenance());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        cmd.ExecuteNonQuery();
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteApp>
{
    public const string Name = "SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApp>
{
    public const string Name = "PostgreSQL";
}
