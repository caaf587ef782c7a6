using System.Data.Common;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Regions.ImportRegions;

/// <summary>
/// Loads division rows into the region table: the rows shipped with the product (all provinces, cities and counties;
/// townships and villages of Chongqing and Bazhong) on first start, and any other area's files from the CLI.
/// Existing codes are updated (name), new ones inserted; one transaction, prepared statements.
/// </summary>
public sealed class ImportRegionsHandler(AppDbContext db, RegionDirectory directory, TimeProvider clock, ILogger<ImportRegionsHandler> log)
{
    public static readonly string[] ShippedFiles =
        ["provinces.csv.gz", "cities.csv.gz", "areas.csv.gz", "streets-chongqing-bazhong.csv.gz", "villages-chongqing-bazhong.csv.gz"];

    public async Task<int> LoadShippedAsync(CancellationToken ct)
    {
        if (await db.Regions.AnyAsync(ct)) return 0;
        var asm = typeof(ImportRegionsHandler).Assembly;
        var rows = ShippedFiles.SelectMany(f => RegionCsvReader.Read(
            asm.GetManifestResourceStream($"regions/{f}") ?? throw new InvalidOperationException($"缺少内置区划文件 {f}"), f));
        var n = await UpsertAsync(rows, ct);
        await MarkCountyFlagsAsync(ct);
        log.LogInformation("已载入内置区划 {Count} 条", n);
        return n;
    }

    /// <summary>CLI: villages and streets files of another area (the parents must already exist or be in the files).</summary>
    public async Task<int> ImportFilesAsync(IEnumerable<string> paths, CancellationToken ct)
    {
        var rows = new List<Region>();
        foreach (var path in paths)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"找不到文件：{path}", path);
            await using var stream = File.OpenRead(path);
            rows.AddRange(RegionCsvReader.Read(stream, path));
        }
        // Parents first, so that a township is known before its villages.
        rows.Sort((a, b) => a.Code.Length != b.Code.Length ? a.Code.Length.CompareTo(b.Code.Length) : string.CompareOrdinal(a.Code, b.Code));
        var known = (await db.Regions.Select(r => r.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (r.ParentCode is not null && !known.Contains(r.ParentCode))
                throw new InvalidDataException($"区划 {r.Code} {r.Name} 的上级 {r.ParentCode} 不存在：请同时导入其乡镇文件，或先导入上级区划");
            known.Add(r.Code);
        }
        return await UpsertAsync(rows, ct);
    }

    private async Task<int> UpsertAsync(IEnumerable<Region> rows, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO regions ("Code", "Name", "Level", "ParentCode", "IsNationalKeyCounty", "IsCityKeyCounty", "Version", "UpdatedAt", "UpdatedBy")
            VALUES (@code, @name, @level, @parent, FALSE, FALSE, 1, @now, '')
            ON CONFLICT ("Code") DO UPDATE SET "Name" = excluded."Name"
            """;
        // Typed parameters: PostgreSQL cannot prepare a statement whose parameters have neither type nor value.
        var code = Param(cmd, "@code", System.Data.DbType.String);
        var name = Param(cmd, "@name", System.Data.DbType.String);
        var level = Param(cmd, "@level", System.Data.DbType.Int32);
        var parent = Param(cmd, "@parent", System.Data.DbType.String);
        // A UTC time without a DbType: Npgsql infers timestamptz from its kind, SQLite writes EF's text form.
        var now = cmd.CreateParameter();
        now.ParameterName = "@now";
        now.Value = clock.GetUtcNow().UtcDateTime;
        cmd.Parameters.Add(now);
        await cmd.PrepareAsync(ct);
        var n = 0;
        foreach (var r in rows)
        {
            code.Value = r.Code;
            name.Value = r.Name;
            level.Value = (int)r.Level;
            parent.Value = (object?)r.ParentCode ?? DBNull.Value;
            await cmd.ExecuteNonQueryAsync(ct);
            n++;
        }
        await tx.CommitAsync(ct);
        directory.Invalidate();
        return n;
    }

    private static DbParameter Param(DbCommand cmd, string name, System.Data.DbType type)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.DbType = type;
        cmd.Parameters.Add(p);
        return p;
    }

    // 国家乡村振兴重点帮扶县 in Chongqing (国家乡村振兴局 2021): 城口、巫溪、酉阳、彭水. Other flags are set by the county admin.
    private async Task MarkCountyFlagsAsync(CancellationToken ct)
    {
        string[] national = ["500229", "500238", "500242", "500243"];
        await db.Regions.Where(r => national.Contains(r.Code))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.IsNationalKeyCounty, true).SetProperty(r => r.CountyClass, CountyClass.KeySupport), ct);
        directory.Invalidate();
    }
}
