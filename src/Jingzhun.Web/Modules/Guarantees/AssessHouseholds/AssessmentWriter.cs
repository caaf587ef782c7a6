using System.Data.Common;
using Jingzhun.Web.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Jingzhun.Web.Modules.Guarantees.AssessHouseholds;

/// <summary>One verdict to store: a new row (<see cref="Id"/> 0) or a changed one.</summary>
public readonly record struct AssessmentWrite(long Id, long HouseholdId, string VillageCode, Dimension Dimension, Verdict Verdict, string Reason);

/// <summary>
/// Writes changed verdicts without EF change tracking, inside the context's current transaction (like the registry's
/// bulk writer): SQLite through one prepared statement per kind reused for every row, PostgreSQL through one statement
/// per batch over unnest()ed arrays. Verdicts are derived data and were never audited row by row.
/// A new verdict is an upsert on (household, dimension): a sweep, the household page's panel and a registry change may
/// judge the same household at once, each having read "no verdict yet"; the later write simply updates the row the
/// earlier one inserted (a plain INSERT failed on the unique index, and the page answered 500).
/// </summary>
internal static class AssessmentWriter
{
    private const string Table = "household_assessments";
    private const string Columns = "\"HouseholdId\", \"VillageCode\", \"Dimension\", \"Verdict\", \"Reason\", \"AssessedAt\"";

    // Same syntax on SQLite (3.24+) and PostgreSQL; the target is the unique index IX_household_assessments_HouseholdId_Dimension.
    private const string OnConflict = "ON CONFLICT (\"HouseholdId\", \"Dimension\") DO UPDATE SET \"VillageCode\" = excluded.\"VillageCode\", " +
        "\"Verdict\" = excluded.\"Verdict\", \"Reason\" = excluded.\"Reason\", \"AssessedAt\" = excluded.\"AssessedAt\"";

    public static Task WriteAsync(AppDbContext db, IReadOnlyList<AssessmentWrite> rows, DateTime at, CancellationToken ct)
    {
        if (rows.Count == 0) return Task.CompletedTask;
        var tx = db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("批量写入须在事务中进行");
        return db.Database.IsNpgsql()
            ? PostgresAsync((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)tx, rows, at, ct)
            : SqliteAsync((SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction)tx, rows, at, ct);
    }

    private static async Task SqliteAsync(SqliteConnection conn, SqliteTransaction tx, IReadOnlyList<AssessmentWrite> rows, DateTime at, CancellationToken ct)
    {
        SqliteCommand? insert = null, update = null;
        try
        {
            foreach (var r in rows)
            {
                ct.ThrowIfCancellationRequested();
                SqliteCommand cmd;
                if (r.Id == 0)
                {
                    cmd = insert ??= Prepare(conn, tx,
                        $"INSERT INTO {Table} ({Columns}) VALUES ($k, $v, $d, $x, $r, $t) {OnConflict}");
                    cmd.Parameters["$k"].Value = r.HouseholdId;
                    cmd.Parameters["$d"].Value = (int)r.Dimension;
                }
                else
                {
                    cmd = update ??= Prepare(conn, tx,
                        $"UPDATE {Table} SET \"VillageCode\" = $v, \"Verdict\" = $x, \"Reason\" = $r, \"AssessedAt\" = $t WHERE \"Id\" = $k");
                    cmd.Parameters["$k"].Value = r.Id;
                }
                cmd.Parameters["$v"].Value = r.VillageCode;
                cmd.Parameters["$x"].Value = (int)r.Verdict;
                cmd.Parameters["$r"].Value = r.Reason;
                cmd.Parameters["$t"].Value = at;
                cmd.ExecuteNonQuery(); // SQLite runs in-process: the async form only adds a task per row
            }
        }
        finally
        {
            if (insert is not null) await insert.DisposeAsync();
            if (update is not null) await update.DisposeAsync();
        }
    }

    private static SqliteCommand Prepare(SqliteConnection conn, SqliteTransaction tx, string sql)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var p in new[] { "$k", "$v", "$d", "$x", "$r", "$t" })
            if (sql.Contains(p, StringComparison.Ordinal)) cmd.Parameters.Add(new SqliteParameter(p, null));
        cmd.Prepare();
        return cmd;
    }

    private static async Task PostgresAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<AssessmentWrite> rows, DateTime at, CancellationToken ct)
    {
        var added = rows.Where(r => r.Id == 0).ToList();
        var changed = rows.Where(r => r.Id != 0).ToList();
        if (added.Count > 0)
        {
            await using var cmd = new NpgsqlCommand(
                $"INSERT INTO {Table} ({Columns}) SELECT u.k, u.v, u.d, u.x, u.r, @t FROM unnest(@k, @v, @d, @x, @r) AS u(k, v, d, x, r) {OnConflict}",
                conn, tx);
            cmd.Parameters.AddWithValue("k", added.Select(r => r.HouseholdId).ToArray());
            cmd.Parameters.AddWithValue("v", added.Select(r => r.VillageCode).ToArray());
            cmd.Parameters.AddWithValue("d", added.Select(r => (int)r.Dimension).ToArray());
            cmd.Parameters.AddWithValue("x", added.Select(r => (int)r.Verdict).ToArray());
            cmd.Parameters.AddWithValue("r", added.Select(r => r.Reason).ToArray());
            cmd.Parameters.AddWithValue("t", NpgsqlDbType.TimestampTz, at);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        if (changed.Count > 0)
        {
            await using var cmd = new NpgsqlCommand(
                $"UPDATE {Table} a SET \"VillageCode\" = u.v, \"Verdict\" = u.x, \"Reason\" = u.r, \"AssessedAt\" = @t " +
                "FROM unnest(@k, @v, @x, @r) AS u(k, v, x, r) WHERE a.\"Id\" = u.k", conn, tx);
            cmd.Parameters.AddWithValue("k", changed.Select(r => r.Id).ToArray());
            cmd.Parameters.AddWithValue("v", changed.Select(r => r.VillageCode).ToArray());
            cmd.Parameters.AddWithValue("x", changed.Select(r => (int)r.Verdict).ToArray());
            cmd.Parameters.AddWithValue("r", changed.Select(r => r.Reason).ToArray());
            cmd.Parameters.AddWithValue("t", NpgsqlDbType.TimestampTz, at);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}
