using System.Data.Common;
using Jingzhun.Web.Modules.FieldWork;
using Jingzhun.Web.Modules.FieldWork.Compliance;
using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jingzhun.Web.Modules.Dashboards.Figures;

public static class FiguresData
{
    extension(AppDbContext db)
    {
        public DbSet<RegionFigure> RegionFigures => db.Set<RegionFigure>();
    }
}

/// <summary>
/// Keeps <see cref="RegionFigure"/> current: after every committed save of a watched row the changed villages are counted
/// again and the difference from their stored rows is added to the village and to each region above it, in one
/// transaction (on PostgreSQL under a lock per village, so two saves in one village queue instead of losing a change).
/// Sweeps and imports rebuild their region the same way. Runs on its own unscoped context: a village user's save updates
/// the country's row.
/// </summary>
public sealed class FigureUpkeep(IServiceProvider services, RegionDirectory regions, TimeProvider clock, ILogger<FigureUpkeep> log)
    : IVillageChangeListener
{
    // PostgreSQL advisory lock keys: a rebuild holds the whole table, a village's upkeep shares it and holds its village.
    private const long TableLock = 0x4A5A_4649_4755_5245; // "JZFIGURE"

    private static readonly HashSet<Type> Watched =
    [
        typeof(Household), typeof(HouseholdIncome), typeof(Problem), typeof(MonitoringCase),
        typeof(Visit), typeof(Pairing), typeof(EmergencyFlag), typeof(RiskLead), typeof(MonitoringPolicy), typeof(VisitPolicy),
    ];

    /// <summary>More changed villages of one county than this, and the county is counted at once.</summary>
    public const int CountyAtOnce = 20;

    public bool Watches(Type entityType) => Watched.Contains(entityType);

    public async Task VillagesChangedAsync(IReadOnlyCollection<string> villages, IReadOnlyCollection<long> households, CancellationToken ct)
    {
        await using var db = Unscoped();
        var all = new SortedSet<string>(villages.Where(v => v.Length == 12), StringComparer.Ordinal);
        if (households.Count > 0)
        {
            var ids = households.ToList();
            all.UnionWith(await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).Select(h => h.VillageCode).ToListAsync(ct));
        }
        // A policy's region (its monitoring range decides the income bands, its visit calendar the visits owed) is counted
        // again whole, before the villages (which it then contains).
        var regionsChanged = villages.Where(v => v.Length < 12).Distinct().ToList();
        foreach (var region in regionsChanged.Where(r => !regionsChanged.Any(o => o.Length < r.Length && r.StartsWith(o, StringComparison.Ordinal))))
        {
            await TryApplyAsync(db, region, true, ct);
            all.RemoveWhere(v => v.StartsWith(region, StringComparison.Ordinal));
        }
        // Many villages of one county (a seed, a batch): the county is counted once instead of village by village.
        foreach (var county in all.GroupBy(v => v[..6]).Where(g => g.Count() > CountyAtOnce).Select(g => g.Key).ToList())
        {
            await TryApplyAsync(db, county, true, ct);
            all.RemoveWhere(v => v.StartsWith(county, StringComparison.Ordinal));
        }
        foreach (var village in all) await TryApplyAsync(db, village, false, ct);
    }

    private async Task TryApplyAsync(AppDbContext db, string code, bool rebuild, CancellationToken ct)
    {
        try
        {
            await ApplyAsync(db, code, rebuild, ct);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            // The change itself is committed; the figures heal at the next sweep or rebuild. Never fail the user's save.
            log.LogError(e, "驾驶舱汇总数据未能更新：{Region}", code);
        }
    }

    public async Task RebuildAsync(string regionCode, CancellationToken ct)
    {
        await using var db = Unscoped();
        await ApplyAsync(db, regionCode, true, ct);
    }

    /// <summary>The visit figures of one month counted for every village (at a month's start), marked on the country's row.</summary>
    public async Task BuildVisitMonthAsync(int year, int month, CancellationToken ct)
    {
        await using var db = Unscoped();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(db, "", ct);
        var key = FigureKinds.MonthKey(year, month);
        var counted = new Dictionary<FigureCell, Tally>();
        foreach (var (village, cell) in await Counter(db).CountVisitsAsync("", year, month, ct))
            counted[new FigureCell(village, FigureKinds.Visits, cell.Key)] = new Tally(cell.H, cell.P, 0);
        var stored = await db.RegionFigures.AsNoTracking()
            .Where(f => f.Figure == FigureKinds.Visits && f.Key == key && f.RegionCode.Length == 12).ToListAsync(ct);
        await WriteDeltasAsync(db, Deltas(counted, stored), ct);
        if (!await VisitMonthBuiltAsync(db, year, month, ct))
        {
            db.RegionFigures.Add(new RegionFigure { RegionCode = "", Figure = FigureKinds.VisitMonthBuilt, Key = key, Households = 1 });
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    public static Task<bool> VisitMonthBuiltAsync(AppDbContext db, int year, int month, CancellationToken ct)
    {
        var key = FigureKinds.MonthKey(year, month);
        return db.RegionFigures.AcrossScopes("a marker on the country's row, read by every dashboard; it holds no figure").AnyAsync(f => f.RegionCode == "" && f.Figure == FigureKinds.VisitMonthBuilt && f.Key == key, ct);
    }

    public static Task<bool> WholeBuiltAsync(AppDbContext db, CancellationToken ct) =>
        db.RegionFigures.AcrossScopes("a marker on the country's row, read at start; it holds no figure")
            .AnyAsync(f => f.RegionCode == "" && f.Figure == FigureKinds.WholeBuilt && f.Key == "", ct);

    /// <summary>Notes that the whole registry has been counted (after <see cref="RebuildAsync"/> of the country).</summary>
    public async Task MarkWholeBuiltAsync(CancellationToken ct)
    {
        await using var db = Unscoped();
        if (await WholeBuiltAsync(db, ct)) return;
        db.RegionFigures.Add(new RegionFigure { RegionCode = "", Figure = FigureKinds.WholeBuilt, Key = "", Households = 1 });
        await db.SaveChangesAsync(ct);
    }

    private AppDbContext Unscoped()
    {
        var db = UnscopedContexts.Create(services);
        db.SuppressAudit = true;
        return db;
    }

    private FigureCounter Counter(AppDbContext db) =>
        new(db, regions, new PolicyStore(db, services.GetRequiredService<CurrentUser>(), services, clock), new ComplianceLoader(db,
            new PolicyStore(db, services.GetRequiredService<CurrentUser>(), services, clock)), clock);

    /// <summary>Counts the villages of <paramref name="code"/> again and adds the differences to them and every region above.</summary>
    private async Task ApplyAsync(AppDbContext db, string code, bool rebuild, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(db, rebuild ? "" : code, ct);
        // The month figures of months gone by stay as they were; only the current month is counted.
        var today = ChinaTime.Today(clock);
        var month = FigureKinds.MonthKey(today.Year, today.Month);
        // Above a city, one city at a time: the deltas add up (each village's own, summed into its ancestors), and only
        // one city's cells are held at once (the country counted at once held 5.3 GiB for 10 million people).
        foreach (var part in regions.PartsOf(code, 4))
        {
            var counted = await Counter(db).CountAsync(part, ct);
            var (low, high) = RegionCodes.VillageRange(part);
            var stored = await db.RegionFigures.AsNoTracking()
                .Where(f => f.RegionCode.Length == 12 && string.Compare(f.RegionCode, low) >= 0 && string.Compare(f.RegionCode, high) <= 0
                    && (f.Figure != FigureKinds.Visits || f.Key == month))
                .ToListAsync(ct);
            await WriteDeltasAsync(db, Deltas(counted, stored), ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Counted minus stored for each village cell, added to the village and each of its ancestors.</summary>
    private static Dictionary<FigureCell, Tally> Deltas(Dictionary<FigureCell, Tally> counted, List<RegionFigure> stored)
    {
        var village = new Dictionary<FigureCell, Tally>(counted);
        foreach (var s in stored)
        {
            var cell = new FigureCell(s.RegionCode, s.Figure, s.Key);
            village[cell] = village.GetValueOrDefault(cell) - new Tally(s.Households, s.People, s.AmountFen);
        }
        var all = new Dictionary<FigureCell, Tally>();
        foreach (var (cell, delta) in village)
        {
            if (delta.IsZero) continue;
            foreach (var region in AncestorsAndSelf(cell.Region))
            {
                var c = cell with { Region = region };
                all[c] = all.GetValueOrDefault(c) + delta;
            }
        }
        return all.Where(d => !d.Value.IsZero).ToDictionary();
    }

    private static IEnumerable<string> AncestorsAndSelf(string village)
    {
        yield return village;
        yield return village[..9];
        yield return village[..6];
        yield return village[..4];
        yield return village[..2];
        yield return "";
    }

    private static async Task LockAsync(AppDbContext db, string village, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return; // SQLite: the transaction took the write lock at its start (BEGIN IMMEDIATE).
        if (village == "") await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({TableLock})", ct);
        else
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock_shared({TableLock})", ct);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext({0}))", [village], ct);
        }
    }

    private const string Columns = "\"RegionCode\", \"Figure\", \"Key\", \"Households\", \"People\", \"AmountFen\"";

    /// <summary>Adds each delta to its row (inserted at zero when new): commutative, so concurrent upkeeps of two villages add up.</summary>
    private static async Task WriteDeltasAsync(AppDbContext db, Dictionary<FigureCell, Tally> deltas, CancellationToken ct)
    {
        if (deltas.Count == 0) return;
        var conn = db.Database.GetDbConnection();
        var tx = db.Database.CurrentTransaction!.GetDbTransaction();
        const string update = """
            ON CONFLICT ("RegionCode", "Figure", "Key") DO UPDATE SET "Households" = region_figures."Households" + excluded."Households",
            "People" = region_figures."People" + excluded."People", "AmountFen" = region_figures."AmountFen" + excluded."AmountFen"
            """;
        if (conn is Npgsql.NpgsqlConnection)
        {
            foreach (var chunk in deltas.Chunk(20_000))
            {
                await using var cmd = conn.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = $"INSERT INTO region_figures ({Columns}) SELECT * FROM unnest(@r, @f, @k, @h, @p, @a) {update}";
                cmd.Parameters.Add(new Npgsql.NpgsqlParameter("r", chunk.Select(d => d.Key.Region).ToArray()));
                cmd.Parameters.Add(new Npgsql.NpgsqlParameter("f", chunk.Select(d => d.Key.Figure).ToArray()));
                cmd.Parameters.Add(new Npgsql.NpgsqlParameter("k", chunk.Select(d => d.Key.Key).ToArray()));
                cmd.Parameters.Add(new Npgsql.NpgsqlParameter("h", chunk.Select(d => d.Value.Households).ToArray()));
                cmd.Parameters.Add(new Npgsql.NpgsqlParameter("p", chunk.Select(d => d.Value.People).ToArray()));
                cmd.Parameters.Add(new Npgsql.NpgsqlParameter("a", chunk.Select(d => d.Value.AmountFen).ToArray()));
                await cmd.ExecuteNonQueryAsync(ct);
            }
            return;
        }
        await using var sqlite = conn.CreateCommand();
        sqlite.Transaction = tx;
        sqlite.CommandText = $"INSERT INTO region_figures ({Columns}) VALUES ($r, $f, $k, $h, $p, $a) {update}";
        var ps = new[] { "$r", "$f", "$k", "$h", "$p", "$a" }.Select(name =>
        {
            var p = sqlite.CreateParameter();
            p.ParameterName = name;
            sqlite.Parameters.Add(p);
            return p;
        }).ToArray();
        foreach (var (cell, d) in deltas)
        {
            ps[0].Value = cell.Region;
            ps[1].Value = cell.Figure;
            ps[2].Value = cell.Key;
            ps[3].Value = d.Households;
            ps[4].Value = d.People;
            ps[5].Value = d.AmountFen;
            await sqlite.ExecuteNonQueryAsync(ct);
        }
    }
}
