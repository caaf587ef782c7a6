using System.Diagnostics;
using System.Globalization;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.ImportRegions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry.Transfer;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry.DemoData;

/// <summary>The options of <c>generate &lt;profile&gt;</c>: which population, which seed, as of which day.</summary>
public sealed record GenerateRequest(string Profile, int Seed, int? People, string? VillagesFile, DateOnly AsOf);

/// <summary>
/// <c>generate tongliang|chongqing|national-sample --out FILE.csv [--seed S] [--people N] [--villages FILE] [--as-of DATE]</c>:
/// a synthetic registry in the import file format (one row per member, the last income year), for demos, imports and
/// benchmarks; with <c>--load</c> (instead of <c>--out</c>) the same rows are imported into the configured database.
/// Villages: tongliang and chongqing from the shipped region codes; national-sample from a villages file
/// (<c>--villages shared/data/regions/villages.csv.gz</c>) or else every village in the region table.
/// </summary>
public sealed class GenerateRegistry(AppDbContext db)
{
    public const string Usage =
        "generate <tongliang|chongqing|national-sample> (--out <file.csv> | --load) [--seed S] [--people N] [--villages villages.csv[.gz]] [--as-of yyyy-MM-dd]";

    public static readonly string[] Profiles = ["tongliang", "chongqing", "national-sample"];

    public async Task<PopulationProfile> ProfileAsync(GenerateRequest r, CancellationToken ct)
    {
        var year = r.AsOf.Year - 1;
        switch (r.Profile)
        {
            case "tongliang":
                return PopulationGenerator.Tongliang(ShippedVillages(DemoSeeder.County), year, r.AsOf);
            case "chongqing":
                return PopulationGenerator.Chongqing(ShippedVillages("50"), year, r.AsOf);
            case "national-sample":
                if (r.People is not > 0) throw new InvalidDataException("national-sample 须指定 --people 人数");
                var villages = r.VillagesFile is { } file ? FileVillages(file)
                    : await db.Regions.AsNoTracking().Where(x => x.Level == RegionLevel.Village).OrderBy(x => x.Code).Select(x => x.Code).ToListAsync(ct);
                return PopulationGenerator.NationalSample(villages, r.People.Value, year, r.AsOf);
            default:
                throw new InvalidDataException($"未知的数据规模 {r.Profile}：可选 {string.Join("、", Profiles)}");
        }
    }

    private static string RegionOf(string profile) => profile switch { "tongliang" => DemoSeeder.County, "chongqing" => "50", _ => "" };

    /// <summary>The villages shipped with the product (Chongqing and Bazhong) under a region code, in code order.</summary>
    public static IReadOnlyList<string> ShippedVillages(string region)
    {
        const string file = "villages-chongqing-bazhong.csv.gz";
        using var stream = typeof(ImportRegionsHandler).Assembly.GetManifestResourceStream($"regions/{file}")
            ?? throw new InvalidOperationException($"缺少内置区划文件 {file}");
        return RegionCsvReader.Read(stream, file).Select(v => v.Code).Where(c => c.StartsWith(region, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    }

    private static List<string> FileVillages(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"找不到文件：{path}", path);
        using var stream = File.OpenRead(path);
        return RegionCsvReader.Read(stream, path).Where(v => v.Level == RegionLevel.Village).Select(v => v.Code).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The rows of one generated household in the registry file: its members with the last year's income.</summary>
    public static IEnumerable<RegistryRow> Rows(GeneratedHousehold g)
    {
        var number = HouseholdNumbers.Format(g.VillageCode, g.SequenceInVillage);
        var (year, income) = g.Incomes[^1];
        return g.Members.Select(m => new RegistryRow(number, g.VillageCode, g.Facts, m, IncomeYear: year, Income: income));
    }

    /// <summary>Writes the profile's file; returns households and rows written.</summary>
    public static (int Households, long Rows) Write(PopulationProfile profile, int seed, Stream output)
    {
        using var writer = new RegistryCsvWriter(output, leaveOpen: true);
        var households = 0;
        long rows = 0;
        foreach (var g in PopulationGenerator.Generate(profile, seed))
        {
            households++;
            writer.WriteGenerated(g);
            rows += g.Members.Count;
        }
        writer.Flush();
        return (households, rows);
    }

    /// <summary>The CLI verb (after <c>generate</c>).</summary>
    public static async Task RunAsync(IServiceProvider sp, string[] args, CancellationToken ct)
    {
        string? Opt(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int? Int(string name) => Opt(name) is { } v
            ? int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new InvalidDataException($"{name} 应为整数：{v}")
            : null;
        var outFile = Opt("--out");
        var load = args.Contains("--load");
        if (args.Length == 0 || (outFile is null) == !load) throw new InvalidDataException("用法：" + Usage);
        var asOf = Opt("--as-of") is { } d
            ? DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : throw new InvalidDataException($"--as-of 日期无效：{d}")
            : Platform.Localization.ChinaTime.Today(sp.GetRequiredService<TimeProvider>());
        var request = new GenerateRequest(args[0], Int("--seed") ?? DemoSeeder.Seed, Int("--people"), Opt("--villages"), asOf);
        if (load || (request.VillagesFile is null && request.Profile == "national-sample"))
        {
            await DatabaseSetup.MigrateAsync(sp.GetRequiredService<AppDbContext>(), ct);
            await sp.GetRequiredService<ImportRegionsHandler>().LoadShippedAsync(ct);
        }
        var profile = await sp.GetRequiredService<GenerateRegistry>().ProfileAsync(request, ct);
        var sw = Stopwatch.StartNew();
        var path = outFile ?? Path.Combine(Path.GetTempPath(), $"jingzhun-generate-{Guid.NewGuid():N}.csv");
        try
        {
            (int Households, long Rows) written;
            await using (var file = File.Create(path)) written = Write(profile, request.Seed, file);
            Console.WriteLine($"已生成 {profile.Name}：{profile.VillageCodes.Count:N0} 个村，{written.Households:N0} 户，{written.Rows:N0} 人（种子 {request.Seed}，" +
                $"截至 {asOf:yyyy-MM-dd}，收入年度 {profile.LastIncomeYear}），用时 {sw.Elapsed.TotalSeconds:F1} 秒 → {outFile ?? "导入数据库"}");
            // --load: the generated rows go through the import itself (validation, all or nothing, upsert), as a file would.
            if (load)
                Environment.ExitCode = await TransferCommands.ImportAsync(sp, path, ["--region", RegionOf(request.Profile)], Console.Out, ct);
        }
        finally
        {
            if (outFile is null) File.Delete(path);
        }
    }
}
