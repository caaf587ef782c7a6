using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.DemoData;

/// <summary>Visits in bulk (DESIGN.md "bulk paths"): PostgreSQL binary COPY; SQLite one prepared statement in one transaction.</summary>
public static class VisitBulkInsert
{
    private const string Columns = """
        "ClientId", "HouseholdId", "VillageCode", "CadreId", "VisitedAt", "EnteredAt", "Kind", "Latitude", "Longitude", "Accuracy", "Notes", "UpdateState", "CreatedBy"
        """;

    public static async Task RunAsync(AppDbContext db, IReadOnlyList<Visit> visits, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        if (conn is Npgsql.NpgsqlConnection pg)
        {
            await using var copy = await pg.BeginBinaryImportAsync($"COPY visits ({Columns}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var v in visits)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(v.ClientId, ct);
                await copy.WriteAsync(v.HouseholdId, ct);
                await copy.WriteAsync(v.VillageCode, ct);
                await copy.WriteAsync(v.CadreId, ct);
                await copy.WriteAsync(v.VisitedAt, NpgsqlTypes.NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(v.EnteredAt, NpgsqlTypes.NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync((int)v.Kind, ct);
                await Nullable(copy, v.Latitude, ct);
                await Nullable(copy, v.Longitude, ct);
                await Nullable(copy, v.Accuracy, ct);
                if (v.Notes is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync(v.Notes, ct);
                await copy.WriteAsync((int)v.UpdateState, ct);
                await copy.WriteAsync(v.CreatedBy, ct);
            }
            await copy.CompleteAsync(ct);
            return;
        }
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO visits ({Columns}) VALUES (@c, @h, @vc, @cd, @va, @ea, @k, @la, @lo, @ac, @n, @us, @by)";
        var ps = new[] { "@c", "@h", "@vc", "@cd", "@va", "@ea", "@k", "@la", "@lo", "@ac", "@n", "@us", "@by" }.Select(name =>
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            cmd.Parameters.Add(p);
            return p;
        }).ToArray();
        foreach (var v in visits)
        {
            // EF's SQLite text form of a UTC time (the context reads it back as UTC).
            object?[] values = [v.ClientId, v.HouseholdId, v.VillageCode, v.CadreId, v.VisitedAt.ToString("yyyy-MM-dd HH:mm:ss"),
                v.EnteredAt.ToString("yyyy-MM-dd HH:mm:ss"), (int)v.Kind, v.Latitude, v.Longitude, v.Accuracy, v.Notes, (int)v.UpdateState, v.CreatedBy];
            for (var i = 0; i < ps.Length; i++) ps[i].Value = values[i] ?? DBNull.Value;
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static async Task Nullable(Npgsql.NpgsqlBinaryImporter copy, double? value, CancellationToken ct)
    {
        if (value is { } x) await copy.WriteAsync(x, NpgsqlTypes.NpgsqlDbType.Double, ct);
        else await copy.WriteNullAsync(ct);
    }
}
