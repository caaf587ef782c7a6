using System.ComponentModel;
using System.Diagnostics;
using Jingzhun.Web.Platform.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Jingzhun.Web.Platform.Backup;

/// <summary>
/// The database part of a backup. SQLite: <c>VACUUM INTO</c>, a consistent copy taken in one read transaction while
/// the server keeps writing (WAL); restored through SQLite's online backup API. PostgreSQL: <c>pg_dump -Fc</c> (one
/// snapshot, writers are not blocked) and <c>pg_restore</c>, run as processes with the connection string's parts.
/// </summary>
public static class BackupDatabase
{
    public const string SqliteFile = "database.sqlite";
    public const string PostgresFile = "database.pgdump";

    public static string FileNameFor(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? PostgresFile : SqliteFile;

    public static async Task DumpAsync(BackupSettings s, string file, CancellationToken ct)
    {
        if (s.Provider == DatabaseProvider.Sqlite)
        {
            var source = new SqliteConnectionStringBuilder(s.ConnectionString);
            if (!File.Exists(Path.GetFullPath(source.DataSource)))
                throw new BackupException($"找不到 SQLite 数据库文件 {Path.GetFullPath(source.DataSource)}");
            await using var c = new SqliteConnection(new SqliteConnectionStringBuilder(s.ConnectionString) { Pooling = false }.ToString());
            await c.OpenAsync(ct);
            await using var cmd = c.CreateCommand();
            // One read transaction: the copy is the database as of its start; writers go on meanwhile (WAL).
            cmd.CommandText = "VACUUM INTO $file";
            cmd.Parameters.AddWithValue("$file", file);
            cmd.CommandTimeout = 0;
            await cmd.ExecuteNonQueryAsync(ct);
            return;
        }
        var b = new NpgsqlConnectionStringBuilder(s.ConnectionString);
        await RunToolAsync(s, "pg_dump", [.. ConnectionArguments(b), "--format=custom", "--no-owner", "--file=" + file, "--dbname=" + b.Database], b, ct);
    }

    /// <summary>Households in the target database (0 when it or its tables do not exist yet).</summary>
    public static async Task<long> CountHouseholdsAsync(BackupSettings s, CancellationToken ct)
    {
        if (s.Provider == DatabaseProvider.Sqlite)
        {
            var path = Path.GetFullPath(new SqliteConnectionStringBuilder(s.ConnectionString).DataSource);
            if (!File.Exists(path)) return 0;
            await using var c = new SqliteConnection(new SqliteConnectionStringBuilder(s.ConnectionString) { Pooling = false }.ToString());
            await c.OpenAsync(ct);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'households'";
            if (Convert.ToInt64(await cmd.ExecuteScalarAsync(ct)) == 0) return 0;
            cmd.CommandText = "SELECT count(*) FROM households";
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
        }
        var b = new NpgsqlConnectionStringBuilder(s.ConnectionString) { Pooling = false };
        if (!await PostgresDatabaseExistsAsync(b, ct)) return 0;
        await using var pg = new NpgsqlConnection(b.ConnectionString);
        await pg.OpenAsync(ct);
        await using var q = pg.CreateCommand();
        q.CommandText = "SELECT to_regclass('public.households') IS NOT NULL";
        if (!(bool)(await q.ExecuteScalarAsync(ct))!) return 0;
        q.CommandText = "SELECT count(*) FROM households";
        return Convert.ToInt64(await q.ExecuteScalarAsync(ct));
    }

    /// <summary>Replaces the target database with the backup's copy (the caller has checked it may).</summary>
    public static async Task LoadAsync(BackupSettings s, string file, CancellationToken ct)
    {
        if (s.Provider == DatabaseProvider.Sqlite)
        {
            var target = new SqliteConnectionStringBuilder(s.ConnectionString) { Pooling = false };
            var dir = Path.GetDirectoryName(Path.GetFullPath(target.DataSource));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await using var destination = new SqliteConnection(target.ToString());
            await source.OpenAsync(ct);
            await destination.OpenAsync(ct);
            // The online backup API writes every page of the destination in one step (its WAL included).
            source.BackupDatabase(destination);
            await using var cmd = destination.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL;";
            await cmd.ExecuteNonQueryAsync(ct);
            return;
        }
        var b = new NpgsqlConnectionStringBuilder(s.ConnectionString) { Pooling = false };
        if (!await PostgresDatabaseExistsAsync(b, ct))
        {
            await using var m = new NpgsqlConnection(Maintenance(b));
            await m.OpenAsync(ct);
            await using var create = m.CreateCommand();
            create.CommandText = $"CREATE DATABASE {Quote(b.Database!)}";
            await create.ExecuteNonQueryAsync(ct);
        }
        else
        {
            // Empty the existing database (a started instance has its schema, its accounts and regions).
            await using var pg = new NpgsqlConnection(b.ConnectionString);
            await pg.OpenAsync(ct);
            await using var drop = pg.CreateCommand();
            drop.CommandText = "DROP SCHEMA public CASCADE; CREATE SCHEMA public;";
            await drop.ExecuteNonQueryAsync(ct);
        }
        await RunToolAsync(s, "pg_restore",
            [.. ConnectionArguments(b), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname=" + b.Database, file], b, ct);
    }

    private static async Task<bool> PostgresDatabaseExistsAsync(NpgsqlConnectionStringBuilder b, CancellationToken ct)
    {
        await using var m = new NpgsqlConnection(Maintenance(b));
        await m.OpenAsync(ct);
        await using var cmd = m.CreateCommand();
        cmd.CommandText = "SELECT 1 FROM pg_database WHERE datname = @n";
        cmd.Parameters.AddWithValue("n", b.Database ?? "");
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    private static string Maintenance(NpgsqlConnectionStringBuilder b) =>
        new NpgsqlConnectionStringBuilder(b.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private static List<string> ConnectionArguments(NpgsqlConnectionStringBuilder b)
    {
        if (string.IsNullOrEmpty(b.Database)) throw new BackupException("PostgreSQL 连接字符串中缺少 Database");
        var args = new List<string> { "--no-password" };
        // Npgsql's "h1:5432,h2:5433" is libpq's --host=h1,h2 --port=5432,5433 (and PGTARGETSESSIONATTRS picks the primary).
        var hosts = (b.Host ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(h => h.LastIndexOf(':') is var i and > 0 && int.TryParse(h[(i + 1)..], out var port) ? (Host: h[..i], Port: port) : (Host: h, b.Port))
            .ToList();
        if (hosts.Count > 0)
        {
            args.Add("--host=" + string.Join(',', hosts.Select(h => h.Host)));
            args.Add("--port=" + string.Join(',', hosts.Select(h => h.Port)));
        }
        if (!string.IsNullOrEmpty(b.Username)) args.Add("--username=" + b.Username);
        return args;
    }

    private static async Task RunToolAsync(BackupSettings s, string tool, IEnumerable<string> args, NpgsqlConnectionStringBuilder b, CancellationToken ct)
    {
        var exe = string.IsNullOrEmpty(s.PgBinPath) ? tool : Path.Combine(s.PgBinPath, tool);
        var start = new ProcessStartInfo(exe) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        // The password travels in the child's environment, never on its command line (visible to every user in ps).
        if (!string.IsNullOrEmpty(b.Password)) start.Environment["PGPASSWORD"] = b.Password;
        if (b.Host?.Contains(',') == true) start.Environment["PGTARGETSESSIONATTRS"] = "read-write";
        if (b.SslMode is not Npgsql.SslMode.Disable and not Npgsql.SslMode.Prefer) start.Environment["PGSSLMODE"] = b.SslMode.ToString().ToLowerInvariant() switch
        {
            "verifyca" => "verify-ca",
            "verifyfull" => "verify-full",
            var m => m,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new BackupException($"无法启动 {tool}");
        }
        catch (Win32Exception e)
        {
            throw new BackupException($"找不到 {tool}：请安装 PostgreSQL 客户端工具（主版本不低于服务器）并加入 PATH，或用 Backup:PgBinPath 指定其目录", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(ct);
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            var error = (await stderr).Trim();
            await stdout;
            if (process.ExitCode != 0)
                throw new BackupException($"{tool} 执行失败（退出码 {process.ExitCode}）：{error}");
        }
    }
}
