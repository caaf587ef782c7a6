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
/// bulk writer): SQLite through one prepared INSERT and one prepared UPDATE reused for every row, PostgreSQL through binary
/// COPY for new rows and one UPDATE per batch over unnest()ed arrays. Verdicts are derived data and were never audited row by row.
/// </summary>
internal static class AssessmentWriter
{
    private const string Table = "household_assessments";

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
                        $"INSERT INTO {Table} (\"HouseholdId\", \"VillageCode\", \"Dimension\", \"Verdict\", \"Reason\", \"AssessedAt\") VALUES ($k, $v, $d, $x, $r, $t)");
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
            // New verdicts by binary COPY (inside the connection's transaction).
            await using var copy = await conn.BeginBinaryImportAsync(
                $"COPY {Table} (\"HouseholdId\", \"VillageCode\", \"Dimension\", \"Verdict\", \"Reason\", \"AssessedAt\") FROM STDIN (FORMAT BINARY)", ct);
            foreach (var r in added)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(r.HouseholdId, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(r.VillageCode, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync((int)r.Dimension, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync((int)r.Verdict, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(r.Reason, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
            }
            await copy.CompleteAsync(ct);
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
