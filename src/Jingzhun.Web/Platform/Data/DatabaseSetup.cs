using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Jingzhun.Web.Platform.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>SQLite file by default; PostgreSQL with Database:Provider=Postgres and ConnectionStrings:Postgres.</summary>
public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/jingzhun.db";

    public static DatabaseProvider ProviderOf(IConfiguration config) =>
        string.Equals(config["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration config)
    {
        if (ProviderOf(config) == DatabaseProvider.Postgres)
        {
            var cs = config.GetConnectionString("Postgres") ?? throw new InvalidOperationException("缺少 ConnectionStrings:Postgres 配置");
            // Several hosts: writes to the primary, reads (ReadDb) to a hot standby; see docs/operations.md.
            var everyone = string.Equals(config["Database:ReadYourWrites"], "Everyone", StringComparison.OrdinalIgnoreCase);
            if (ReadReplicas.IsMultiHost(cs))
            {
                services.AddSingleton(sp => ReadReplicas.From(cs, everyone, sp.GetService<ILoggerFactory>())!);
                services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, o) =>
                {
                    var replicas = sp.GetRequiredService<ReadReplicas>();
                    o.UseNpgsql(replicas.Primary).AddInterceptors(replicas.Marker);
                });
            }
            else services.AddDbContext<AppDbContext, PostgresAppDbContext>(o => o.UseNpgsql(cs));
        }
        else
        {
            var cs = config.GetConnectionString("Sqlite") ?? DefaultSqlite;
            EnsureDirectory(cs);
            // Collections of an Include are read by their own queries: in one query SQLite cannot flatten the scope
            // filter's join inside the LEFT JOIN of a collection, and loading one household with its members read every
            // member of the province (the income form's save: 2.9 s on the province, 1 ms split; issue 18 bench).
            services.AddDbContext<AppDbContext, SqliteAppDbContext>(o =>
                o.UseSqlite(cs, s => s.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)));
        }
        services.AddScoped<ReadDb>();
        return services;
    }

    private static void EnsureDirectory(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var dir = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
    }

    /// <summary>WAL lets readers proceed during writes; the pragma persists in the file. Then the one-off data conversions.</summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken ct)
    {
        // The migrations were squashed into one Initial per provider before any production database existed (docs/adr/0004,
        // twice: the second squash added the concurrency versions):
        // a database made by the old chain is a development copy, and saying so beats a "table already exists" error.
        var known = db.Database.GetMigrations().ToHashSet();
        var foreign = (await db.Database.GetAppliedMigrationsAsync(ct)).Where(m => !known.Contains(m)).ToList();
        if (foreign.Count > 0)
            throw new InvalidOperationException(
                $"数据库由旧版本的迁移创建（{string.Join("、", foreign)}），与当前版本不兼容：这是开发用数据库，请删除后重新启动（SQLite：data/jingzhun.db），或从备份恢复到新版本。");
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await Protection.IdNumberMaskUpgrade.RunAsync(db, ct);
    }
}

// Design-time factories for `dotnet ef migrations add` (one migrations set per provider).
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(DatabaseSetup.DefaultSqlite).Options,
            UnscopedRegion.Instance, SystemActor.Instance, TimeProvider.System);
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=jingzhun").Options,
            UnscopedRegion.Instance, SystemActor.Instance, TimeProvider.System);
}
