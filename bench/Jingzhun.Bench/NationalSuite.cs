using System.Diagnostics;
using System.Globalization;

namespace Jingzhun.Bench;

public static partial class Suites
{
    // ---------------------------------------------------------------- national sample (issue 18)

    /// <summary>
    /// The country on PostgreSQL: <c>generate national-sample --people N</c> over the whole country's 620,573 villages
    /// (<c>../shared/data/regions/villages.csv.gz</c>), the whole country's division codes loaded (<c>regions import</c>), the
    /// CSV imported against <c>\copy</c> of the same file, the database's size, the figures built at the first start, both
    /// sweeps over the country, then the searches, lists and dashboards against /healthz. Not part of <c>all</c> (about an
    /// hour for 10 M people on 2 cores). The database is <c>jingzhun_national</c> unless --pg-database names another.
    /// </summary>
    public static async Task NationalAsync(Bench b0, int people, string? villagesFile, bool reuse)
    {
        var b = b0.WithDatabase(b0.PostgresDatabase == "jingzhun_bench" ? "jingzhun_national" : b0.PostgresDatabase);
        var regionsDir = villagesFile is { } v ? Path.GetDirectoryName(Path.GetFullPath(v))!
            : Path.GetFullPath(Path.Combine(b.Root, "..", "shared", "data", "regions"));
        var villages = villagesFile ?? Path.Combine(regionsDir, "villages.csv.gz");
        var streets = Path.Combine(regionsDir, "streets.csv.gz");
        foreach (var f in new[] { villages, streets })
            if (!File.Exists(f)) throw new FileNotFoundException($"the whole country's division codes are needed: {f}", f);
        var label = people >= 1_000_000 && people % 1_000_000 == 0 ? $"{people / 1_000_000} M" : people.ToString("N0", CultureInfo.InvariantCulture);

        // The CSV (kept: generating it is not what is measured).
        var csv = Path.Combine(b.Work, $"national-{people}-{b.Seed}.csv");
        if (!File.Exists(csv))
        {
            Bench.Log($"generating the national sample ({label} people) into {csv}");
            var tmp = csv + ".tmp";
            var g = await b.WebCliOnAsync("Sqlite", Path.Combine(b.Work, "national-generate.db"), "generate", "national-sample", "--people", people.ToString(CultureInfo.InvariantCulture),
                "--villages", villages, "--out", tmp, "--seed", b.Seed.ToString(CultureInfo.InvariantCulture));
            File.Move(tmp, csv, overwrite: true);
            var line = g.Output.Split('\n').LastOrDefault(l => l.Trim() != "") ?? "";
            Bench.Log(line);
            b0.Add(new Figure("national", $"Generate the national sample ({label} people, CSV)", "generate national-sample", [g.Seconds], "s",
                "once", g.Seconds, Target: "(informative)", Note: $"peak {g.PeakMiB:0} MiB; {line.Trim()}"));
        }
        var rows = File.ReadLines(csv).LongCount() - 1;
        var columns = Sample.Split(File.ReadLines(csv).First().TrimStart('\uFEFF')).Count;
        var csvGiB = new FileInfo(csv).Length / (1024.0 * 1024 * 1024);

        // --reuse: the database imported by an earlier run (its marker says how long that took); only what follows the
        // import is measured again, the figures from an empty table.
        var loaded = Path.Combine(b.Work, $"{Path.GetFileNameWithoutExtension(csv)}.pg-{b.PostgresDatabase}.loaded");
        if (reuse && File.Exists(loaded))
        {
            Bench.Log($"reusing {b.PostgresDatabase}: {await File.ReadAllTextAsync(loaded)}");
            await Psql(b, b.PostgresDatabase, "TRUNCATE region_figures");
        }
        else await ImportNationalAsync(b0, b, csv, villages, streets, rows, columns, csvGiB, loaded);
        var households = long.Parse(await PgScalarAsync(b, "select count(*) from households"), CultureInfo.InvariantCulture);

        // The first start builds the figures (the app's own log line); after an import, beside the sweeps it queued.
        var env = new Dictionary<string, string> { ["Logging__LogLevel__Jingzhun.Web.Modules.Dashboards"] = "Information" };
        await using var app = await AppServer.StartAsync(b, "Postgres", env: env);
        var sw = Stopwatch.StartNew();
        while (!app.Output.Contains("驾驶舱汇总数据已建立", StringComparison.Ordinal) && !app.Output.Contains("驾驶舱汇总数据检查未完成", StringComparison.Ordinal)
               && sw.Elapsed < TimeSpan.FromMinutes(60)) await Task.Delay(1000);
        var built = System.Text.RegularExpressions.Regex.Match(app.Output, @"驾驶舱汇总数据已建立，用时 ([\d.]+) 秒");
        if (built.Success)
        {
            var seconds = double.Parse(built.Groups[1].Value, CultureInfo.InvariantCulture);
            b0.Add(new Figure("national", "Figures built for the country (first start on a database without them)", "app start", [seconds], "s", "once",
                seconds, Target: "(informative)", Note: $"{households:N0} households; server peak {app.PeakMiB:0} MiB" +
                (reuse ? "" : "; beside the sweeps the import queued")));
        }
        else Bench.Log("the figures were not built at the start: " + string.Join(" | ", app.Output.Split('\n').Where(l => l.Contains("驾驶舱", StringComparison.Ordinal)).Take(3)));
        await WaitForJobsAsync(b);
        if (!reuse)
            foreach (var line in (await PgScalarAsync(b, "select \"Kind\" || ': ' || count(*) || ' jobs, ' || round(sum(extract(epoch from \"FinishedAt\" - \"StartedAt\")))::text || ' s' from jobs group by \"Kind\"")).Split('\n'))
                Bench.Log("sweeps the import queued (first runs, one per province): " + line);
        await SweepsAndReadsAsync(b0, b, app, csv, households);
    }

    private static async Task ImportNationalAsync(Bench b0, Bench b, string csv, string villages, string streets, long rows, int columns, double csvGiB, string loaded)
    {
        // An empty database with the whole country's division codes (migrated by the verb).
        await RecreatePgAsync(b);
        var regions = await b.WebCliAsync("Postgres", "regions", "import", villages, streets);
        Bench.Log($"regions loaded in {regions.Seconds:0.0} s: {regions.Output.Split('\n').LastOrDefault(l => l.Trim() != "")}");

        // The floor: psql \copy of the same file into one plain table.
        await Psql(b, b.PostgresDatabase, $"CREATE TABLE floor ({string.Join(", ", Enumerable.Range(1, columns).Select(c => $"c{c} text"))})");
        var floor = await Bench.TimeAsync(() => Psql(b, b.PostgresDatabase, $"\\copy floor FROM '{csv}' WITH (FORMAT csv, HEADER true)"));
        await Psql(b, b.PostgresDatabase, "DROP TABLE floor", "CHECKPOINT");
        Bench.Log($"COPY floor {floor:0.0} s");

        // One file per province, as each province imports its own (a file holds at most 3,000,000 rows).
        var parts = await SplitByProvinceAsync(b, csv);
        var importCmd = $"Database__Provider=Postgres dotnet run -c Release --project src/Jingzhun.Web -- import national-split/<pp>.csv --region <pp> (each of {parts.Count} provinces in turn)";
        double importSeconds = 0, importCpu = 0, importPeak = 0;
        foreach (var (province, file) in parts)
        {
            var import = await b.WebCliAsync("Postgres", "import", file, "--region", province);
            importSeconds += import.Seconds;
            importCpu += import.CpuSeconds;
            importPeak = Math.Max(importPeak, import.PeakMiB);
            Bench.Log($"  {province}: {import.Seconds:0.0} s — {import.Output.Split('\n').LastOrDefault(l => l.Trim() != "")?.Trim()}");
        }
        b0.Add(new Figure("national", $"Import the national sample ({rows:N0} rows, {csvGiB:0.0} GiB CSV, {parts.Count} province files) into empty PostgreSQL", importCmd,
            [importSeconds], "s", "once", importSeconds, "psql `\\copy` of the whole file into one plain table", floor, "≤ 3× floor",
            importSeconds <= 3 * floor, $"{rows / importSeconds:N0} rows/s; peak {importPeak:0} MiB per file; {importCpu:0} s CPU"));
        await Psql(b, b.PostgresDatabase, "VACUUM ANALYZE");
        var size = await PgScalarAsync(b, "select pg_database_size(current_database())");
        var registry = await PgScalarAsync(b, "select pg_total_relation_size('households') + pg_total_relation_size('members')");
        b0.Add(new Figure("national", "Database size after the import (PostgreSQL, with its indexes)", "select pg_database_size(current_database())",
            [double.Parse(size, CultureInfo.InvariantCulture) / (1024.0 * 1024 * 1024)], "GiB", "once",
            double.Parse(size, CultureInfo.InvariantCulture) / (1024.0 * 1024 * 1024), Target: "(informative)",
            Note: $"households + members with their indexes {double.Parse(registry, CultureInfo.InvariantCulture) / (1024.0 * 1024 * 1024):0.0} GiB"));
        await File.WriteAllTextAsync(loaded, $"imported {DateTime.UtcNow:O}: {importSeconds:0} s, \\copy floor {floor:0} s, {size} bytes");
    }

    private static async Task SweepsAndReadsAsync(Bench b0, Bench b, AppServer app, string csv, long households)
    {
        foreach (var (name, path) in new[] { ("两不愁三保障 sweep (guarantees)", "/api/v1/guarantees/sweeps"), ("Monitoring risk sweep", "/api/v1/monitoring/sweeps") })
        {
            var (s, message) = await app.SweepAsync(path, "");
            Bench.Log($"{name}, the country: {s:0.0} s — {message}");
            b0.Add(new Figure("national", $"{name}, the whole country ({households:N0} households)", $"POST {path} {{\"region\":\"\"}} (job start→finish)",
                [s], "s", "once", s, Target: "(informative)", Note: $"{households / s:N0} households/s. {message}"));
        }
        await WaitForJobsAsync(b);

        var sample = Sample.Read(csv, every: 49_999);
        var counties = sample.Counties.Distinct().ToList();
        var provinces = sample.Counties.Select(c => c[..2]).Distinct().ToList();
        var cities = sample.Counties.Select(c => c[..4]).Distinct().ToList();
        var baseline = await LatencyAsync(app, b.Requests, _ => "/healthz");
        (string Name, Func<int, string> Path, double Target)[] cases =
        [
            ("Search by household number, the country", i => $"/api/v1/households?q={sample.HouseholdNumbers[i % sample.HouseholdNumbers.Count]}", 50),
            ("Search by ID number, the country", i => $"/api/v1/households?q={sample.IdNumbers[i % sample.IdNumbers.Count]}", 50),
            ("Search by name, the country", i => $"/api/v1/households?q={Uri.EscapeDataString(sample.Names[i % sample.Names.Count])}", 50),
            ("Search by the surname 王 alone, the country", _ => $"/api/v1/households?q={Uri.EscapeDataString("王")}", 50),
            ("Household list of a village", i => $"/api/v1/households?region={sample.Villages[i % sample.Villages.Count]}", 50),
            ("County list, first page", i => $"/api/v1/households?region={counties[i % counties.Count]}", 50),
            ("Dashboard, the country", _ => "/api/v1/dashboard", 50),
            ("Dashboard, a province", i => $"/api/v1/dashboard?region={provinces[i % provinces.Count]}", 50),
            ("Dashboard, a city", i => $"/api/v1/dashboard?region={cities[i % cities.Count]}", 50),
            ("Dashboard, a county", i => $"/api/v1/dashboard?region={counties[i % counties.Count]}", 50),
        ];
        foreach (var (name, path, target) in cases)
            await LatencyFigureAsync(b0, app, name + " (PostgreSQL, national sample)", path, target, baseline, suite: "national");

        var size = await PgScalarAsync(b, "select pg_database_size(current_database())");
        b0.Add(new Figure("national", "Database size after the sweeps and the figures", "select pg_database_size(current_database())",
            [double.Parse(size, CultureInfo.InvariantCulture) / (1024.0 * 1024 * 1024)], "GiB", "once",
            double.Parse(size, CultureInfo.InvariantCulture) / (1024.0 * 1024 * 1024), Target: "(informative)"));
        foreach (var (what, peak) in b.PeakMiB) b0.Track("national: " + what, peak);
        b0.Track("national: server", app.PeakMiB);
    }

    /// <summary>The national CSV split by province (the 户编号's first two digits), kept beside it; not timed.</summary>
    private static async Task<List<(string Province, string File)>> SplitByProvinceAsync(Bench b, string csv)
    {
        var dir = Path.Combine(b.Work, "national-split");
        var marker = Path.Combine(dir, Path.GetFileName(csv) + ".done");
        if (!File.Exists(marker))
        {
            Bench.Log("splitting the national CSV by province");
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            Directory.CreateDirectory(dir);
            using var reader = new StreamReader(csv, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var header = reader.ReadLine()!;
            var number = Sample.Split(header).FindIndex(h => h.Trim() == "户编号");
            var writers = new Dictionary<string, StreamWriter>();
            try
            {
                for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
                {
                    var province = Sample.Split(line)[number].Trim('"')[..2];
                    if (!writers.TryGetValue(province, out var w))
                    {
                        w = new StreamWriter(Path.Combine(dir, province + ".csv"), false, new System.Text.UTF8Encoding(true), 1 << 16);
                        await w.WriteLineAsync(header);
                        writers[province] = w;
                    }
                    await w.WriteLineAsync(line);
                }
            }
            finally
            {
                foreach (var w in writers.Values) await w.DisposeAsync();
            }
            await File.WriteAllTextAsync(marker, DateTime.UtcNow.ToString("O"));
        }
        return Directory.GetFiles(dir, "*.csv").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileNameWithoutExtension(f), f)).ToList();
    }

    /// <summary>Until no job is queued or running (the sweeps an import queues, a county recount).</summary>
    private static async Task WaitForJobsAsync(Bench b)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromMinutes(60))
        {
            var open = await PgScalarAsync(b, "select count(*) from jobs where \"Status\" in (1, 2)");
            if (open == "0") return;
            Bench.Log($"waiting for {open} job(s) to finish ({sw.Elapsed.TotalSeconds:0} s)");
            await Task.Delay(5000);
        }
    }

    private static async Task<string> PgScalarAsync(Bench b, string sql)
    {
        var cs = b.Postgres!.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var r = await Child.RunAsync("psql", ["-qtA", "-h", cs.GetValueOrDefault("host", "localhost"), "-U", cs.GetValueOrDefault("username", "postgres"),
            "-d", b.PostgresDatabase, "-c", sql], env: new Dictionary<string, string> { ["PGPASSWORD"] = cs.GetValueOrDefault("password", "") });
        return r.Output.Trim();
    }
}
