using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Jingzhun.Web.Platform.Backup;

/// <summary>
/// A claim on the configured database held while a server runs (shared) or a restore replaces it (exclusive), so that a
/// restore refuses to run under a running server and a server refuses to start during a restore. The operating system
/// or PostgreSQL drops the claim when its process ends, kill -9 included: nothing stale is left to clean up.
/// <list type="bullet">
/// <item>SQLite: a lock on the file <c>&lt;database&gt;.server-lock</c> beside the database, shared by the servers (a file
/// opened for reading, others may open it too) and exclusive for a restore (opened with no sharing): flock on Linux, the
/// share mode on Windows. SQLite's own locks cannot tell: an idle server holds none.</item>
/// <item>PostgreSQL: a session advisory lock of the database (key <see cref="AdvisoryKey"/>), shared by the server
/// instances, exclusive for a restore; held on a connection of its own, outside the pool.</item>
/// </list>
/// </summary>
public sealed class DatabaseClaim : IAsyncDisposable, IDisposable
{
    /// <summary>"jingzhun" in ASCII: the advisory lock key (advisory keys are per database).</summary>
    public const long AdvisoryKey = 0x6A696E677A68756E;

    private readonly FileStream? _file;
    private readonly NpgsqlConnection? _connection;

    private DatabaseClaim(FileStream? file, NpgsqlConnection? connection) => (_file, _connection) = (file, connection);

    /// <summary>False for the empty claim on a PostgreSQL database that did not exist yet (or an in-memory SQLite one).</summary>
    public bool Held => _file is not null || _connection is not null;

    /// <summary>The lock file of a SQLite database.</summary>
    public static string LockFileOf(string sqliteConnectionString) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(sqliteConnectionString).DataSource) + ".server-lock";

    /// <summary>
    /// Takes the claim, or returns null when someone else holds it: a server (for a restore) or a restore (for a server or
    /// another restore). A PostgreSQL database that does not exist yet cannot be in use: an empty claim.
    /// </summary>
    public static async Task<DatabaseClaim?> TryTakeAsync(DatabaseProvider provider, string connectionString, bool exclusive, CancellationToken ct)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var b = new SqliteConnectionStringBuilder(connectionString);
            if (b.Mode == SqliteOpenMode.Memory || b.DataSource is "" or ":memory:") return new DatabaseClaim(null, null);
            var path = LockFileOf(connectionString);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                // .NET takes flock(LOCK_EX) for FileShare.None and flock(LOCK_SH) for a file opened only for reading.
                return new DatabaseClaim(exclusive
                    ? new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)
                    : new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite), null);
            }
            catch (IOException)
            {
                return null;
            }
        }
        // The advisory lock lives on the primary (a standby of a multi-host string takes none).
        var pg = new NpgsqlConnectionStringBuilder(ReadReplicas.PrimaryOf(connectionString)) { Pooling = false };
        var connection = new NpgsqlConnection(pg.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (NpgsqlException e) when (ReadReplicas.IsMissingDatabase(e))
        {
            await connection.DisposeAsync();
            return new DatabaseClaim(null, null);
        }
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = exclusive ? "SELECT pg_try_advisory_lock(@k)" : "SELECT pg_try_advisory_lock_shared(@k)";
            cmd.Parameters.AddWithValue("k", AdvisoryKey);
            if ((bool)(await cmd.ExecuteScalarAsync(ct))!) return new DatabaseClaim(null, connection);
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Where the configured database is, as the messages name it.</summary>
    public static string Describe(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite) return "SQLite 数据库文件 " + Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL 数据库 {b.Database}（{b.Host}）";
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the file or the session releases the lock.
        if (_file is not null) await _file.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
    }

    public void Dispose()
    {
        _file?.Dispose();
        _connection?.Dispose();
    }
}

/// <summary>
/// The running server's shared claim, held until the host is disposed. Taken before the database is migrated (a restore
/// in progress refuses the start) and again after it, for a PostgreSQL database the migration has just created.
/// </summary>
public sealed class ServerDatabaseClaim(BackupSettings settings) : IAsyncDisposable, IDisposable
{
    private DatabaseClaim? _claim;

    public async Task TakeAsync(CancellationToken ct)
    {
        if (_claim is { Held: true }) return;
        _claim = await DatabaseClaim.TryTakeAsync(settings.Provider, settings.ConnectionString, exclusive: false, ct)
            ?? throw new StartupRefusedException(
                $"{DatabaseClaim.Describe(settings.Provider, settings.ConnectionString)} 正在从备份恢复，本服务不启动。请等恢复完成后再启动。");
    }

    public async ValueTask DisposeAsync()
    {
        if (_claim is not null) await _claim.DisposeAsync();
        _claim = null;
    }

    public void Dispose()
    {
        _claim?.Dispose();
        _claim = null;
    }
}
