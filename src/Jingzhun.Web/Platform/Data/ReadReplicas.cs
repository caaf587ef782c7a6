using System.Collections.Concurrent;
using System.Data.Common;
using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Jingzhun.Web.Platform.Data;

/// <summary>
/// The read side: lists, reports and exports query <see cref="Db"/>. On SQLite, or on PostgreSQL with one host, it is the
/// request's own <see cref="AppDbContext"/> (nothing changes). With several hosts in ConnectionStrings:Postgres it is a
/// no-tracking context that prefers a hot standby, under the same region scope, that never saves; and a user who has just
/// written reads the primary until the standby has replayed that write (docs/operations.md, docs/adr/0006).
/// </summary>
public sealed class ReadDb(AppDbContext db, IServiceProvider services) : IDisposable
{
    private AppDbContext? _read;

    public AppDbContext Db => _read ??= services.GetService<ReadReplicas>() is { } replicas
        ? replicas.CreateReadContext(services.GetRequiredService<IRegionScope>(), services.GetRequiredService<IAuditActor>(),
            services.GetRequiredService<TimeProvider>())
        : db;

    public void Dispose()
    {
        if (_read is not null && !ReferenceEquals(_read, db)) _read.Dispose();
    }
}

/// <summary>
/// The hosts of a multi-host PostgreSQL connection string (<c>Host=h1:5432,h2:5432</c>): writes go to the primary
/// (<c>Target Session Attributes=primary</c>), reads to a standby while one answers (<c>prefer-standby</c>: Npgsql falls
/// back to the primary when none does).
/// </summary>
public sealed class ReadReplicas
{
    private readonly DbContextOptions<PostgresAppDbContext> _readOptions;

    private ReadReplicas(string primary, string read, bool everyone, ILoggerFactory? logs)
    {
        Primary = primary;
        Read = read;
        Positions = new WritePositions(everyone);
        Marker = new WriteMarker(Positions);
        _readOptions = new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql(read, o => o.ExecutionStrategy(d => new StandbyFallback(d)))
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .UseLoggerFactory(logs)
            .AddInterceptors(ReadRouting.Instance)
            .Options;
    }

    public string Primary { get; }
    public string Read { get; }
    internal WritePositions Positions { get; }

    /// <summary>Added to the primary's context: notes who wrote (read-your-own-writes).</summary>
    internal WriteMarker Marker { get; }

    /// <summary>One host: no standby to read, the read side is the primary's own context.</summary>
    public static bool IsMultiHost(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString).Host?.Contains(',') == true;

    /// <summary>The connection string that reaches the primary: with several hosts, the one that is not in recovery.</summary>
    public static string PrimaryOf(string connectionString) =>
        IsMultiHost(connectionString)
            ? new NpgsqlConnectionStringBuilder(connectionString) { TargetSessionAttributes = "primary" }.ConnectionString
            : connectionString;

    /// <summary>
    /// The server answered that the database does not exist: directly, or for each host of a multi-host connection string
    /// (which reports the hosts' errors together).
    /// </summary>
    public static bool IsMissingDatabase(Exception e) => e switch
    {
        PostgresException p => p.SqlState == PostgresErrorCodes.InvalidCatalogName,
        NpgsqlException { InnerException: AggregateException all } => all.InnerExceptions.Any(IsMissingDatabase),
        _ => false,
    };

    /// <summary>Null for a single host.</summary>
    /// <param name="everyone">
    /// Database:ReadYourWrites=Everyone: after anyone's write every reader waits for the standby to replay it (reads
    /// consistent for all, at the cost of a check per read while a write is pending); by default only the writer does.
    /// </param>
    public static ReadReplicas? From(string connectionString, bool everyone, ILoggerFactory? logs)
    {
        if (!IsMultiHost(connectionString)) return null;
        var read = new NpgsqlConnectionStringBuilder(connectionString) { TargetSessionAttributes = "prefer-standby" };
        return new ReadReplicas(PrimaryOf(connectionString), read.ConnectionString, everyone, logs);
    }

    internal AppDbContext CreateReadContext(IRegionScope scope, IAuditActor actor, TimeProvider clock) =>
        new PostgresAppDbContext(_readOptions, scope, actor, clock) { ReadRoute = new ReadRoute(this, actor) };

    /// <summary>
    /// The connection string for this user's reads: the standby's, unless the user (or background work) wrote something
    /// the standby has not replayed yet. Costs nothing without a pending write; one scalar query on the standby with one
    /// (and one on the primary for the first read after the write, to learn the position to wait for).
    /// </summary>
    internal async ValueTask<string> ChooseAsync(string? userId, bool async, CancellationToken ct)
    {
        var pending = Positions.PendingFor(userId);
        if (pending.Count == 0) return Read;
        try
        {
            string? now = null;
            foreach (var (_, mark) in pending)
                if (mark.Lsn is null)
                    mark.Lsn = now ??= (string?)await ScalarAsync(Primary, "select pg_current_wal_lsn()::text", null, async, ct);
            var target = pending.Select(p => p.Mark.Lsn!).MaxBy(WritePositions.Order);
            var replayed = (bool?)await ScalarAsync(Read,
                "select coalesce(not pg_is_in_recovery() or pg_last_wal_replay_lsn() >= $1::pg_lsn, false)", target, async, ct);
            if (replayed == true)
            {
                foreach (var (key, mark) in pending) Positions.Replayed(key, mark);
                return Read;
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // No answer about the standby: the primary has the write for sure.
        }
        return Primary;
    }

    private static async ValueTask<object?> ScalarAsync(string connectionString, string sql, string? lsn, bool async, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(connectionString);
        if (async) await c.OpenAsync(ct); else c.Open();
        await using var cmd = new NpgsqlCommand(sql, c);
        if (lsn is not null) cmd.Parameters.Add(new NpgsqlParameter { Value = lsn });
        return async ? await cmd.ExecuteScalarAsync(ct) : cmd.ExecuteScalar();
    }
}

/// <summary>
/// Who wrote something the standby may not have yet: by user id; background work (no user: imports, sweeps) and, in the
/// Everyone mode, every write under "*", which every reader waits for.
/// </summary>
internal sealed class WritePositions(bool everyone)
{
    private const string Everyone = "*";

    /// <summary>A WAL position ("16/B374D848") as a number, to compare two.</summary>
    public static ulong Order(string lsn)
    {
        var slash = lsn.IndexOf('/');
        return (Convert.ToUInt64(lsn[..slash], 16) << 32) | Convert.ToUInt64(lsn[(slash + 1)..], 16);
    }

    /// <summary>A write whose position (the primary's WAL LSN) is learnt at the writer's next read.</summary>
    internal sealed class Mark
    {
        public volatile string? Lsn;
    }

    private readonly ConcurrentDictionary<string, Mark> _marks = new();

    /// <summary>A new write replaces an older mark: its position, taken later, is past both.</summary>
    public void Wrote(string? userId) => _marks[everyone || userId is null ? Everyone : userId] = new Mark();

    /// <summary>The marks a reader waits for: everyone's, and their own.</summary>
    public IReadOnlyList<(string Key, Mark Mark)> PendingFor(string? userId)
    {
        if (_marks.IsEmpty) return [];
        var pending = new List<(string, Mark)>(2);
        if (_marks.TryGetValue(Everyone, out var all)) pending.Add((Everyone, all));
        if (!everyone && userId is not null && _marks.TryGetValue(userId, out var own)) pending.Add((userId, own));
        return pending;
    }

    /// <summary>Forgets a mark once the standby has replayed it, unless a newer write replaced it meanwhile.</summary>
    public void Replayed(string key, Mark mark) => _marks.TryRemove(new KeyValuePair<string, Mark>(key, mark));
}

/// <summary>Notes a write on the primary: saved changes and bulk statements (ExecuteUpdate/ExecuteDelete, raw SQL).</summary>
internal sealed class WriteMarker(WritePositions positions) : SaveChangesInterceptor, IDbCommandInterceptor
{
    private static void Note(DbContext? context, int rows, WritePositions positions)
    {
        if (rows > 0 && context is AppDbContext db) positions.Wrote(db.ActorId);
    }

    public override int SavedChanges(SaveChangesCompletedEventData e, int result)
    {
        Note(e.Context, result, positions);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData e, int result, CancellationToken ct = default)
    {
        Note(e.Context, result, positions);
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData e, int result)
    {
        Note(e.Context, result, positions);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData e, int result, CancellationToken ct = default)
    {
        Note(e.Context, result, positions);
        return ValueTask.FromResult(result);
    }
}

/// <summary>The read side's choice of host, made once per context when its connection first opens.</summary>
internal sealed class ReadRoute(ReadReplicas replicas, IAuditActor actor)
{
    private string? _chosen;

    public bool OnPrimary => ReferenceEquals(_chosen, replicas.Primary);

    public async ValueTask ApplyAsync(DbConnection connection, bool async, CancellationToken ct)
    {
        if (_chosen is not null) return;
        _chosen = await replicas.ChooseAsync(actor.UserId, async, ct);
        if (OnPrimary) connection.ConnectionString = _chosen;
    }
}

internal sealed class ReadRouting : DbConnectionInterceptor
{
    public static readonly ReadRouting Instance = new();

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData e, InterceptionResult result)
    {
        if (e.Context is AppDbContext { ReadRoute: { } route }) route.ApplyAsync(connection, async: false, default).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData e,
        InterceptionResult result, CancellationToken ct = default)
    {
        if (e.Context is AppDbContext { ReadRoute: { } route }) await route.ApplyAsync(connection, async: true, ct);
        return result;
    }
}

/// <summary>
/// A standby that was stopped leaves broken connections in the pool; the first query on one fails. The read side then
/// empties that pool and runs the query again at once, and Npgsql, finding the standby gone, opens on the primary. Only
/// the start of a query is retried: results still stream (a retrying strategy would buffer whole exports).
/// </summary>
internal sealed class StandbyFallback(ExecutionStrategyDependencies dependencies)
    : ExecutionStrategy(dependencies, maxRetryCount: 2, maxRetryDelay: TimeSpan.FromMilliseconds(100))
{
    public override bool RetriesOnFailure => false;

    protected override bool ShouldRetryOn(Exception exception)
    {
        var lost = exception is NpgsqlException { IsTransient: true } or PostgresException { SqlState: "57P01" or "57P02" or "57P03" }
            || exception is NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException };
        if (lost && Dependencies.CurrentContext.Context.Database.GetDbConnection() is NpgsqlConnection c) NpgsqlConnection.ClearPool(c);
        return lost;
    }

    protected override TimeSpan? GetNextDelay(Exception lastException) =>
        base.GetNextDelay(lastException) is null ? null : TimeSpan.FromMilliseconds(10);
}
