using System.Globalization;
using Jingzhun.Web.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Jingzhun.Web.Modules.DataMatching.MatchRosters;

/// <summary>
/// Writes new 疑点 without EF change tracking, inside the context's transaction (one is opened when there is none): SQLite through one
/// prepared INSERT reused for every row, PostgreSQL through binary COPY. The columns and their conversions (money as fen on SQLite,
/// enums as numbers) come from the EF model, as in the registry's bulk writer. A province's roster raises 10^5 疑点: through EF, with
/// an audit entry each, their saving was most of the match; the batch gets one audit entry for them instead (<see cref="RosterMatcher"/>).
/// </summary>
internal static class DoubtWriter
{
    public static async Task WriteAsync(AppDbContext db, IReadOnlyList<Doubt> doubts, CancellationToken ct)
    {
        if (doubts.Count == 0) return;
        var type = db.Model.FindEntityType(typeof(Doubt))!;
        var columns = type.GetProperties().Where(p => !p.IsPrimaryKey()).ToList();
        var getters = columns.Select(c => c.GetGetter()).ToArray();
        var converters = columns.Select(c => c.GetTypeMapping().Converter).ToArray();
        object? Value(int i, Doubt d)
        {
            var v = getters[i].GetClrValue(d);
            if (v is null) return null;
            if (converters[i] is { } converter) return converter.ConvertToProvider(v);
            return v is Enum e ? Convert.ToInt32(e, CultureInfo.InvariantCulture) : v;
        }
        var sql = $"\"{type.GetTableName()}\" ({string.Join(", ", columns.Select(c => $"\"{c.GetColumnName()}\""))})";
        await db.Database.OpenConnectionAsync(ct);
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var tx = db.Database.CurrentTransaction!.GetDbTransaction();
            if (db.Database.IsNpgsql())
            {
                // "character varying(12)" → "character varying", "numeric(14,2)" → "numeric": COPY needs the type, not its facets.
                var types = columns.Select(c => c.GetColumnType().Split('(')[0].Trim()).ToArray();
                var conn = (NpgsqlConnection)db.Database.GetDbConnection();
                await using var copy = await conn.BeginBinaryImportAsync($"COPY {sql} FROM STDIN (FORMAT BINARY)", ct);
                foreach (var d in doubts)
                {
                    await copy.StartRowAsync(ct);
                    for (var i = 0; i < columns.Count; i++)
                    {
                        var v = Value(i, d);
                        if (v is null) await copy.WriteNullAsync(ct);
                        else await copy.WriteAsync(v, types[i], ct);
                    }
                }
                await copy.CompleteAsync(ct);
            }
            else
            {
                await using var cmd = (SqliteCommand)db.Database.GetDbConnection().CreateCommand();
                cmd.Transaction = (SqliteTransaction)tx;
                cmd.CommandText = $"INSERT INTO {sql} VALUES ({string.Join(", ", columns.Select((_, i) => "$" + (i + 1)))})";
                for (var i = 0; i < columns.Count; i++) cmd.Parameters.Add(new SqliteParameter("$" + (i + 1), null));
                cmd.Prepare();
                foreach (var d in doubts)
                {
                    ct.ThrowIfCancellationRequested();
                    for (var i = 0; i < columns.Count; i++) cmd.Parameters[i].Value = Value(i, d) ?? DBNull.Value;
                    cmd.ExecuteNonQuery(); // SQLite runs in-process: the async form only adds a task per row
                }
            }
            if (own is not null) await own.CommitAsync(ct);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }
}
