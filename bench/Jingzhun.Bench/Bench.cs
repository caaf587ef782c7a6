using System.Diagnostics;
using System.Globalization;

namespace Jingzhun.Bench;

/// <summary>One measured figure: the median of the runs, the baseline measured in the same run, the target.</summary>
public sealed record Figure(string Suite, string Name, string Command, IReadOnlyList<double> Runs, string Unit, string Statistic,
    double Value, string? Baseline = null, double? BaselineValue = null, string Target = "", bool? Met = null, string Note = "")
{
    public double? Ratio => BaselineValue is > 0 ? Value / BaselineValue : null;
}

/// <summary>Paths, options and the web app's configuration shared by the suites.</summary>
public sealed class Bench
{
    public required string Root { get; init; }
    public required string Work { get; init; }
    public int Runs { get; init; } = 3;
    public int Requests { get; init; } = 60;
    public int Seed { get; init; } = 20260101;
    public int Port { get; init; } = 5105;
    public string? Postgres { get; init; }
    /// <summary>The region the sweeps run over (default the province, 50).</summary>
    public string SweepRegion { get; init; } = "50";
    public List<Figure> Figures { get; } = [];
    public Dictionary<string, double> PeakMiB { get; } = [];

    /// <summary>The app build measured: this tree's Release build, or another's (<c>--web DIR</c>, e.g. a commit's for a before/after).</summary>
    public string WebDir { get; init; } = "";
    public string WebDll => Path.Combine(WebDir, "Jingzhun.Web.dll");
    public string ProvinceCsv => Path.Combine(Work, $"chongqing-{Seed}.csv");
    /// <summary>The province the read suites use (loaded once, kept).</summary>
    public string SqliteDb => Path.Combine(Work, "province.db");
    /// <summary>The database the import suite empties and fills on every run.</summary>
    public string ImportDb => Path.Combine(Work, "import.db");
    public string Keys => Path.Combine(Work, "keys");
    /// <summary>The PostgreSQL database the suites use (<c>--pg-database</c>: one's own beside another's run).</summary>
    public string PostgresDatabase { get; init; } = "jingzhun_bench";

    /// <summary>The same options on another PostgreSQL database (the national sample's own).</summary>
    public Bench WithDatabase(string database) => new()
    {
        Root = Root, Work = Work, WebDir = WebDir, Runs = Runs, Requests = Requests, Seed = Seed, Port = Port,
        SweepRegion = SweepRegion, Postgres = Postgres, PostgresDatabase = database,
    };

    public static Bench Create(string[] args)
    {
        var root = Environment.CurrentDirectory;
        while (!File.Exists(Path.Combine(root, "Jingzhun.slnx")))
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Run inside the Jingzhun repository.");
        string? Opt(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var work = Path.GetFullPath(Opt("--work") ?? Path.Combine(root, "bench/out"));
        Directory.CreateDirectory(work);
        return new Bench
        {
            Root = root, Work = work,
            WebDir = Path.GetFullPath(Opt("--web") ?? Path.Combine(root, "src/Jingzhun.Web/bin/Release/net10.0")),
            Runs = int.Parse(Opt("--runs") ?? "3", CultureInfo.InvariantCulture),
            Requests = int.Parse(Opt("--requests") ?? "60", CultureInfo.InvariantCulture),
            Seed = int.Parse(Opt("--seed") ?? "20260101", CultureInfo.InvariantCulture),
            Port = int.Parse(Opt("--port") ?? "5105", CultureInfo.InvariantCulture),
            SweepRegion = Opt("--sweep-region") ?? "50",
            PostgresDatabase = Opt("--pg-database") ?? "jingzhun_bench",
            Postgres = Opt("--pg") ?? Environment.GetEnvironmentVariable("JINGZHUN_BENCH_PG")
                ?? "Host=localhost;Username=postgres;Password=postgres",
        };
    }

    /// <summary>The environment the web app runs with: the province database, one key ring, no demo seeding.</summary>
    public Dictionary<string, string> AppEnv(string provider, string? sqliteDb = null) => new()
    {
        ["DOTNET_ENVIRONMENT"] = "Production", ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Database__Provider"] = provider,
        ["ConnectionStrings__Sqlite"] = $"Data Source={sqliteDb ?? SqliteDb}",
        ["ConnectionStrings__Postgres"] = $"{Postgres};Database={PostgresDatabase}",
        ["Protection__KeysPath"] = Keys,
        ["Demo__Seed"] = "false",
        ["Jobs__NightlyAt"] = "off", // nothing but the measured work
        ["Logging__LogLevel__Default"] = "Warning",
        // The matcher's own account of where its time went (members loaded, rows compared, 疑点 saved): the matching suite prints it.
        ["Logging__LogLevel__Jingzhun.Web.Modules.DataMatching"] = "Information",
        ["Urls"] = $"http://127.0.0.1:{Port}",
    };

    /// <summary>Runs a verb of the web app (<c>dotnet Jingzhun.Web.dll verb ...</c>) and times it.</summary>
    public Task<(double Seconds, double PeakMiB, string Output, double CpuSeconds)> WebCliAsync(string provider, params string[] args) =>
        WebCliOnAsync(provider, null, args);

    public async Task<(double Seconds, double PeakMiB, string Output, double CpuSeconds)> WebCliOnAsync(string provider, string? sqliteDb, params string[] args)
    {
        var r = await Child.RunAsync("dotnet", [WebDll, .. args], WebDir, AppEnv(provider, sqliteDb));
        Track($"cli {args[0]} ({provider})", r.PeakMiB);
        return r;
    }

    public void Track(string what, double peakMiB) => PeakMiB[what] = Math.Max(PeakMiB.GetValueOrDefault(what), peakMiB);

    public void Add(Figure f)
    {
        Figures.Add(f);
        Console.Error.WriteLine($"  {f.Name}: {Format(f.Value, f.Unit)}" + (f.BaselineValue is { } b ? $" (baseline {Format(b, f.Unit)})" : ""));
    }

    public static string Format(double v, string unit) => unit switch
    {
        "s" => v.ToString(v < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " s",
        "ms" => v.ToString(v < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms",
        _ => v.ToString("0.#", CultureInfo.InvariantCulture) + " " + unit,
    };

    public static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    public static async Task<double> TimeAsync(Func<Task> action)
    {
        var sw = Stopwatch.StartNew();
        await action();
        return sw.Elapsed.TotalSeconds;
    }
}
