using Jingzhun.Web.Modules.Registry;
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jingzhun.IntegrationTests.Infrastructure;
using Jingzhun.Web.Platform.Backup;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Protection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// One Jingzhun "machine" for the backup tests: its own database, its own key folder (no configured lookup key: the
/// lookup key is the generated file, as in production) and its own backup folder. Not shared: each test builds the
/// machines it needs, and a restored machine starts only after the restore, as an operator would start the server.
/// </summary>
public sealed class BackupApp : TestApp
{
    public const string Passphrase = "整套备份口令-correct horse 2026";

    private readonly string _provider;
    private readonly string _connectionString;
    private readonly string? _skip;

    public BackupApp(string provider, string root)
    {
        _provider = provider;
        Root = root;
        Directory.CreateDirectory(root);
        if (provider == "Sqlite")
        {
            _connectionString = $"Data Source={Path.Combine(root, "jingzhun.db")}";
            return;
        }
        var configured = Environment.GetEnvironmentVariable(PostgresApp.EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(configured)) { _skip = PostgresApp.NoPostgres; _connectionString = ""; return; }
        var b = new NpgsqlConnectionStringBuilder(configured);
        var name = $"{(string.IsNullOrEmpty(b.Database) ? "jingzhun_test" : b.Database)}_bk_{Guid.NewGuid():N}";
        b.Database = name.Length > 63 ? name[..63] : name;
        _connectionString = b.ConnectionString;
        _skip = ToolsMissing() ?? Probe();
    }

    /// <summary>The same machine after a restart: same database, same folders (this instance then keeps them on dispose).</summary>
    public BackupApp Restart()
    {
        _handedOver = true;
        return new BackupApp(this);
    }

    private BackupApp(BackupApp previous)
    {
        (_provider, Root, _connectionString, _skip) = (previous._provider, previous.Root, previous._connectionString, previous._skip);
        ConfiguredPassphrase = previous.ConfiguredPassphrase;
    }

    private bool _handedOver;

    public string Root { get; }
    public string KeysPath => Path.Combine(Root, "keys");
    public string BackupPath => Path.Combine(Root, "backups");
    public string? ConfiguredPassphrase { get; init; } = Passphrase;

    public override string? SkipReason => _skip;

    private static string? ToolsMissing()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator);
        var missing = new[] { "pg_dump", "pg_restore" }.Where(t => !path.Any(d => File.Exists(Path.Combine(d, t)))).ToList();
        return missing.Count == 0 ? null : $"skipped: {string.Join(" and ", missing)} not on PATH (install the PostgreSQL client tools)";
    }

    private string? Probe()
    {
        try
        {
            using var c = new NpgsqlConnection(Maintenance());
            c.Open();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            return PostgresApp.NoPostgres;
        }
    }

    private string Maintenance() =>
        new NpgsqlConnectionStringBuilder(_connectionString) { Database = "postgres", Timeout = 5, Pooling = false }.ConnectionString;

    private Dictionary<string, string?> Settings()
    {
        var s = new Dictionary<string, string?>
        {
            ["Database:Provider"] = _provider,
            [$"ConnectionStrings:{_provider}"] = _connectionString,
            ["Protection:KeysPath"] = KeysPath,
            ["Protection:LookupKey"] = "",
            ["Backup:Path"] = BackupPath,
            ["Backup:KeepDays"] = "14",
        };
        if (ConfiguredPassphrase is not null) s["Backup:Passphrase"] = ConfiguredPassphrase;
        return s;
    }

    protected override IEnumerable<KeyValuePair<string, string>> DatabaseSettings() =>
        Settings().Where(kv => kv.Key.StartsWith("Database", StringComparison.Ordinal) || kv.Key.StartsWith("Connection", StringComparison.Ordinal))
            .Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Later settings win: this machine's own keys and no configured lookup key.
        foreach (var (k, v) in Settings()) builder.UseSetting(k, v);
    }

    /// <summary>The settings the backup and restore commands read, without starting this machine's server.</summary>
    public BackupSettings CommandSettings() => BackupSettings.From(new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build());

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_handedOver) return;
        if (_provider == "Postgres" && _skip is null)
        {
            NpgsqlConnection.ClearAllPools();
            using var c = new NpgsqlConnection(Maintenance());
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(_connectionString).Database}\" WITH (FORCE)";
            cmd.ExecuteNonQuery();
        }
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// Backups that restore (issue 19): a backup taken while households are being registered, restored on another
/// machine whose only key material is the restored key ring, gives back every household committed before the backup
/// with its ID number readable and searchable; a wrong passphrase is refused; the page and the schedule.
/// </summary>
public abstract partial class BackupTests : ApiTests, IDisposable
{
    private readonly string _provider;
    private readonly BackupApp _source;
    private readonly List<BackupApp> _others = [];

    protected BackupTests(string provider) : this(provider, NewRoot()) { }

    private BackupTests(string provider, string root) : base(new BackupApp(provider, Path.Combine(root, "a"))) =>
        (_provider, _source) = (provider, (BackupApp)App);

    private static string NewRoot() => Path.Combine(Path.GetTempPath(), "jingzhun-backup-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Another machine: fresh database, fresh empty key folder.</summary>
    private BackupApp Machine(string name, string? passphrase = BackupApp.Passphrase)
    {
        var m = new BackupApp(_provider, Path.Combine(Path.GetDirectoryName(_source.Root)!, name)) { ConfiguredPassphrase = passphrase };
        _others.Add(m);
        return m;
    }

    public void Dispose()
    {
        foreach (var m in _others) m.Dispose();
        _source.Dispose();
        try { Directory.Delete(Path.GetDirectoryName(_source.Root)!, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    private static async Task<(int Exit, string Out, string Error)> CommandAsync(string verb, BackupSettings settings, IServiceProvider? services,
        params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await BackupCommands.RunAsync(verb, args, settings, services, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private static string PassphraseFile(string folder, string passphrase)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "passphrase-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(file, passphrase + "\n");
        return file;
    }

    [DbFact]
    public async Task A_backup_taken_while_households_are_registered_restores_on_another_machine_with_every_id_number_readable()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        for (var i = 0; i < 5; i++) await RegisterAsync(admin, places.HomeVillage);

        // Writers keep registering households through the API during the backup.
        var committed = new ConcurrentQueue<Registered>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            var client = await As("admin");
            while (!stop.IsCancellationRequested)
                committed.Enqueue(await RegisterAsync(client, w == 0 ? places.HomeVillage : places.SecondVillage));
        })).ToList();
        while (committed.Count < 6) await Task.Delay(20);

        var before = committed.ToArray(); // every one of these answered 201 before the backup was asked for
        var backup = await Ok(await admin.PostAsync("/api/v1/admin/backups", null), HttpStatusCode.Created);
        var countAtReturn = committed.Count;
        while (committed.Count < countAtReturn + 3) await Task.Delay(20);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.True(backup["keyRingIncluded"]!.GetValue<bool>());
        var folder = Path.Combine(_source.BackupPath, backup["name"]!.GetValue<string>());
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json")))!;
        Assert.Equal(_provider, manifest["provider"]!.GetValue<string>());
        Assert.Equal(2, manifest["files"]!.AsArray().Count);

        // The key ring never leaves in clear: neither the lookup key nor any Data Protection key text is in the backup.
        var lookupKey = (await File.ReadAllTextAsync(Path.Combine(_source.KeysPath, "lookup.key"))).Trim();
        var keyXml = Directory.GetFiles(_source.KeysPath, "*.xml");
        Assert.NotEmpty(keyXml);
        var masterKey = KeyValue().Match(await File.ReadAllTextAsync(keyXml[0])).Groups[1].Value;
        Assert.NotEmpty(masterKey);
        foreach (var f in Directory.GetFiles(folder))
        {
            var text = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(f));
            Assert.DoesNotContain(lookupKey, text);
            Assert.DoesNotContain(masterKey, text);
        }

        // The backup is audited.
        var audit = await GetAsync(admin, "/api/v1/audit?entityType=Backup");
        Assert.Contains(audit["items"]!.AsArray(), e => e!["entityId"]!.GetValue<string>() == backup["name"]!.GetValue<string>()
                                                         && e["action"]!.GetValue<string>() == "Create");

        // The source machine is gone with its keys: the restored key ring is the only key material there is.
        var backupCopy = Path.Combine(Path.GetDirectoryName(_source.Root)!, "offsite", "backup");
        CopyFolder(folder, backupCopy);
        var sourcePhones = await PhonesAsync(_source, before.Select(r => r.Id));
        _source.Dispose();

        var restored = Machine("b");
        var passphrase = PassphraseFile(Path.Combine(Path.GetDirectoryName(_source.Root)!, "offsite"), BackupApp.Passphrase);
        var (exit, output, error) = await CommandAsync("restore", restored.CommandSettings(), null, backupCopy, "--passphrase-file", passphrase);
        Assert.True(exit == 0, output + error);
        Assert.Contains("数据库已恢复", output);
        Assert.Contains("密钥环已恢复", output);

        var restoredAdmin = await restored.LoginAsync("admin");
        foreach (var h in before)
        {
            // Search by ID number (the keyed hash) finds the household ...
            var found = await GetAsync(restoredAdmin, "/api/v1/households?q=" + h.HeadId);
            var item = Assert.Single(found["items"]!.AsArray())!;
            Assert.Equal(h.Id, item["id"]!.GetValue<long>());
            // ... and the encrypted ID number decrypts to the same number.
            var detail = await GetAsync(restoredAdmin, $"/api/v1/households/{h.Id}");
            Assert.Equal(h.Number, detail["householdNumber"]!.GetValue<string>());
            var head = Assert.Single(detail["members"]!.AsArray())!;
            var reveal = await Ok(await restoredAdmin.PostAsync($"/api/v1/members/{head["id"]!.GetValue<long>()}/reveal-id", null));
            Assert.Equal(h.HeadId, reveal["idNumber"]!.GetValue<string>());
        }
        Assert.Equal(sourcePhones, await PhonesAsync(restored, before.Select(r => r.Id)));

        // Households written during the backup are either wholly there or not at all.
        foreach (var h in committed.Except(before))
        {
            var r = await restoredAdmin.GetAsync($"/api/v1/households/{h.Id}");
            if (r.StatusCode == HttpStatusCode.NotFound) continue;
            var detail = await Ok(r);
            Assert.Equal(h.Number, detail["householdNumber"]!.GetValue<string>());
            Assert.Single(detail["members"]!.AsArray());
        }
    }

    /// <summary>Decrypted phones of the households, through the machine's own PersonalDataProtector.</summary>
    private static async Task<List<string?>> PhonesAsync(BackupApp machine, IEnumerable<long> ids)
    {
        using var scope = machine.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<PersonalDataProtector>();
        var list = ids.ToList();
        var rows = await db.Households.IgnoreQueryFilters().Where(h => list.Contains(h.Id)).OrderBy(h => h.Id)
            .Select(h => h.PhoneProtected).ToListAsync();
        Assert.Equal(list.Count, rows.Count);
        return rows.Select(protector.RevealPhone).ToList();
    }

    [DbFact]
    public async Task A_wrong_passphrase_is_refused_in_Chinese_and_nothing_is_restored()
    {
        var places = await PlacesAsync();
        await RegisterAsync(await As("admin"), places.HomeVillage);
        var settings = _source.CommandSettings();
        var folder = Path.Combine(_source.Root, "cli-backup");
        var right = PassphraseFile(_source.Root, BackupApp.Passphrase);

        // The command refuses a backup without a passphrase unless told to leave the key ring out.
        var (exit, _, error) = await CommandAsync("backup", settings with { Configuration = new ConfigurationBuilder().Build() }, null, folder);
        Assert.Equal(1, exit);
        Assert.Contains("口令", error);
        Assert.False(Directory.Exists(folder));

        (exit, var output, error) = await CommandAsync("backup", settings, _source.Services, folder, "--passphrase-file", right);
        Assert.True(exit == 0, output + error);
        Assert.Contains("备份完成", output);

        var target = Machine("b", passphrase: null);
        var wrong = PassphraseFile(_source.Root, "not the passphrase at all");
        (exit, output, error) = await CommandAsync("restore", target.CommandSettings(), null, folder, "--passphrase-file", wrong);
        Assert.Equal(1, exit);
        Assert.Contains("备份口令不正确", error);
        Assert.Equal(0, await BackupDatabase.CountHouseholdsAsync(target.CommandSettings(), CancellationToken.None));
        Assert.False(Directory.Exists(target.KeysPath) && Directory.EnumerateFileSystemEntries(target.KeysPath).Any());

        // A changed file is refused before anything is written, whatever the passphrase.
        var db = Path.Combine(folder, _provider == "Sqlite" ? BackupDatabase.SqliteFile : BackupDatabase.PostgresFile);
        await File.AppendAllTextAsync(db, "x");
        (exit, _, error) = await CommandAsync("restore", target.CommandSettings(), null, folder, "--passphrase-file", right);
        Assert.Equal(1, exit);
        Assert.Contains("校验失败", error);
    }

    [DbFact]
    public async Task Restoring_needs_the_server_stopped_whatever_the_flags_and_force_over_a_database_with_households()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var kept = await RegisterAsync(admin, places.HomeVillage);
        var backup = await Ok(await admin.PostAsync("/api/v1/admin/backups", null), HttpStatusCode.Created);
        var folder = Path.Combine(_source.BackupPath, backup["name"]!.GetValue<string>());
        var passphrase = PassphraseFile(_source.Root, BackupApp.Passphrase);

        // The target's server runs, with households of its own: refused, --force or not, and nothing is touched.
        var target = Machine("b");
        var targetAdmin = await target.LoginAsync("admin");
        var own = await RegisterAsync(targetAdmin, places.HomeVillage);
        var settings = target.CommandSettings();
        foreach (var flags in new[] { new[] { "--passphrase-file", passphrase }, ["--passphrase-file", passphrase, "--force"] })
        {
            var (refused, _, message) = await CommandAsync("restore", settings, null, [folder, .. flags]);
            Assert.Equal(1, refused);
            Assert.Contains("服务正在运行", message);
            Assert.Contains("请先停止服务", message);
            Assert.Contains("--force 不能跳过", message);
        }
        Assert.Equal([own.Id], await ListIdsAsync(targetAdmin, "q=" + own.HeadId));
        Assert.DoesNotContain(Directory.GetParent(target.KeysPath)!.GetDirectories(), d => d.Name.StartsWith("keys.before-restore-", StringComparison.Ordinal));

        // Stopped, its households still need --force.
        var again = target.Restart();
        _others.Add(again);
        target.Dispose();
        var (exit, _, error) = await CommandAsync("restore", again.CommandSettings(), null, folder, "--passphrase-file", passphrase);
        Assert.Equal(1, exit);
        Assert.Contains("--force", error);
        Assert.DoesNotContain("服务正在运行", error);
        Assert.Equal(1, await BackupDatabase.CountHouseholdsAsync(settings, CancellationToken.None));

        (exit, var output, error) = await CommandAsync("restore", again.CommandSettings(), null, folder, "--passphrase-file", passphrase, "--force");
        Assert.True(exit == 0, output + error);
        var restoredAdmin = await again.LoginAsync("admin");
        Assert.Equal([kept.Id], await ListIdsAsync(restoredAdmin, "q=" + kept.HeadId));
        Assert.Empty(await ListIdsAsync(restoredAdmin, "q=" + own.HeadId));
        Assert.Contains(Directory.GetParent(again.KeysPath)!.GetDirectories(), d => d.Name.StartsWith("keys.before-restore-", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task A_server_does_not_start_while_a_restore_holds_its_database_and_starts_after()
    {
        var first = Machine("b");
        await first.LoginAsync("admin");   // the database exists, as on a machine that ran before
        var target = first.Restart();
        _others.Add(target);
        first.Dispose();
        var settings = target.CommandSettings();
        await using (var restoring = await DatabaseClaim.TryTakeAsync(settings.Provider, settings.ConnectionString, exclusive: true, CancellationToken.None))
        {
            Assert.NotNull(restoring);
            var refusal = await Assert.ThrowsAsync<Jingzhun.Web.Platform.Auth.StartupRefusedException>(() =>
                new ServerDatabaseClaim(settings).TakeAsync(CancellationToken.None));
            Assert.Contains("正在从备份恢复", refusal.Message);
            Assert.Contains("本服务不启动", refusal.Message);
            Assert.ThrowsAny<Exception>(() => target.CreateClient());
            // A second restore is refused as well.
            Assert.Null(await DatabaseClaim.TryTakeAsync(settings.Provider, settings.ConnectionString, exclusive: true, CancellationToken.None));
        }

        var after = target.Restart();
        _others.Add(after);
        var admin = await after.LoginAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/households?pageSize=1")).StatusCode);
    }

    [DbFact]
    public async Task The_backups_page_is_the_system_administrators_and_backs_up_now()
    {
        var page = await SignInAsync(_source, "admin");
        var html = await GetTextAsync(page, "/admin/backups");
        Assert.Contains("还没有备份", html);
        Assert.Contains("未开启", html);
        Assert.DoesNotContain("no-keyring", html);

        var r = await page.PostAsync("/admin/backups", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Antiforgery().Match(html).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        html = await GetTextAsync(page, "/admin/backups");
        Assert.Contains("备份完成", html);
        Assert.Contains("已包含（加密）", html);
        Assert.DoesNotContain("还没有备份", html);
        Assert.Contains("href=\"/admin/backups\"", html);

        // Without the antiforgery token nothing happens.
        r = await page.PostAsync("/admin/backups", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);

        // A county administrator has no backup permission.
        var county = await As("tl_admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostAsync("/api/v1/admin/backups", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await county.GetAsync("/api/v1/admin/backups")).StatusCode);

        // Without a passphrase the page says loudly that the key ring is not backed up, and backs up the database only.
        var bare = Machine("b", passphrase: null);
        var barePage = await SignInAsync(bare, "admin");
        html = await GetTextAsync(barePage, "/admin/backups");
        Assert.Contains("不备份密钥环", html);
        var bareAdmin = await bare.LoginAsync("admin");
        var made = await Ok(await bareAdmin.PostAsync("/api/v1/admin/backups", null), HttpStatusCode.Created);
        Assert.False(made["keyRingIncluded"]!.GetValue<bool>());
    }

    [DbFact]
    public async Task The_daily_run_backs_up_and_deletes_backups_older_than_the_retention_keeping_the_newest()
    {
        var admin = await As("admin");
        // Two old backups (30 and 20 days) and one within the retention (3 days), made as the schedule would.
        var names = new List<string>();
        foreach (var days in new[] { 30, 20, 3 })
        {
            var made = await Ok(await admin.PostAsync("/api/v1/admin/backups", null), HttpStatusCode.Created);
            var folder = Path.Combine(_source.BackupPath, made["name"]!.GetValue<string>());
            var file = Path.Combine(folder, BackupManifest.FileName);
            var m = JsonSerializer.Deserialize<JsonObject>(await File.ReadAllTextAsync(file))!;
            m["createdAt"] = DateTime.UtcNow.AddDays(-days).ToString("O");
            await File.WriteAllTextAsync(file, m.ToJsonString());
            var renamed = Path.Combine(_source.BackupPath, $"old-{days}");
            Directory.Move(folder, renamed);
            names.Add($"old-{days}");
        }

        await _source.Services.GetRequiredService<BackupScheduler>().RunOnceAsync(CancellationToken.None);

        var list = await GetAsync(admin, "/api/v1/admin/backups");
        var left = list["backups"]!.AsArray().Select(b => b!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(2, left.Count);
        Assert.Contains("old-3", left);
        Assert.DoesNotContain("old-30", left);
        Assert.DoesNotContain("old-20", left);
        var audit = await GetAsync(admin, "/api/v1/audit?entityType=Backup&action=Delete");
        Assert.Equal(["old-20", "old-30"], audit["items"]!.AsArray().Select(e => e!["entityId"]!.GetValue<string>()).Order().ToList());
    }

    private static async Task<HttpClient> SignInAsync(TestApp app, string user)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/login");
        var r = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = user, ["Password"] = Jingzhun.Web.Modules.Registry.DemoData.DemoSeeder.DemoPassword,
            ["__RequestVerificationToken"] = Antiforgery().Match(form).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        return client;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("<value>([^<]+)</value>")]
    private static partial Regex KeyValue();
}

public sealed class SqliteBackupTests() : BackupTests("Sqlite");

public sealed class PostgresBackupTests() : BackupTests("Postgres"), IRunsOnPostgres;
