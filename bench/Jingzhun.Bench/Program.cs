using Jingzhun.Bench;

// dotnet run -c Release --project bench/Jingzhun.Bench -- <suite[,suite...]|all> [--runs N] [--requests N] [--seed S] [--port P] [--pg CS] [--no-pg] [--write] [--web BIN_DIR] [--pg-database NAME]
// dotnet run -c Release --project bench/Jingzhun.Bench -- national [--people N (10000000)] [--villages villages.csv.gz] [--reuse (the database of an earlier run)] [--pg-database NAME (jingzhun_national)]
// dotnet run -c Release --project bench/Jingzhun.Bench -- phone [--runs N] [--port P] [--web BIN_DIR]   (the dashboard on a throttled phone)
if (args.Length > 0 && args[0] == "phone")
{
    var phone = Bench.Create(args);
    await PhoneSuite.RunAsync(phone, phone.WebDir);
    return 0;
}
string[] suites = ["import", "sweeps", "queries", "search", "projects", "employment", "relocation", "matching", "dashboards", "export", "wrk", "national"];
if (args.Length == 0 || (args[0] != "all" && !args[0].Split(',').All(suites.Contains)))
{
    Console.Error.WriteLine($"usage: dotnet run -c Release --project bench/Jingzhun.Bench -- <{string.Join('|', suites)}|all> " +
        "[--runs N] [--requests N] [--seed S] [--port P] [--pg CONNECTION] [--no-pg] [--write] [--web BIN_DIR (another build, e.g. a before)]");
    return 2;
}
var bench = Bench.Create(args);
string? Opt(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
// "all" leaves out the national sample (10 M people: about an hour on 2 cores).
var chosen = args[0] == "all" ? suites.Where(s => s != "national").ToArray() : args[0].Split(',');
foreach (var suite in chosen)
{
    Bench.Log($"suite {suite}");
    await (suite switch
    {
        "import" => Suites.ImportAsync(bench, postgres: !args.Contains("--no-pg")),
        "sweeps" => Suites.SweepsAsync(bench),
        "queries" => Suites.QueriesAsync(bench),
        "search" => Suites.SearchAsync(bench, postgres: !args.Contains("--no-pg")),
        "projects" => Suites.ProjectsAsync(bench),
        "employment" => Suites.EmploymentAsync(bench),
        "relocation" => Suites.RelocationAsync(bench),
        "matching" => Suites.MatchingAsync(bench),
        "dashboards" => DashboardsSuite.RunAsync(bench),
        "export" => Suites.ExportAsync(bench),
        "national" => Suites.NationalAsync(bench, int.Parse(Opt("--people") ?? "10000000", System.Globalization.CultureInfo.InvariantCulture), Opt("--villages"), args.Contains("--reuse")),
        _ => Suites.WrkAsync(bench),
    });
}

var machine = Report.Machine();
Console.WriteLine(machine);
Console.WriteLine();
Console.WriteLine(Report.Table(bench.Figures));
Console.WriteLine(Report.Memory(bench.PeakMiB));
if (args.Contains("--write"))
{
    var path = Path.Combine(bench.Root, "docs/benchmarks.md");
    var doc = File.Exists(path) ? await File.ReadAllTextAsync(path) : "# Benchmarks\n";
    foreach (var suite in chosen)
    {
        var figures = bench.Figures.Where(f => f.Suite == suite).ToList();
        if (figures.Count > 0) doc = Report.Upsert(doc, suite, machine + "\n\n" + Report.Table(figures));
    }
    doc = Report.Upsert(doc, "memory-" + string.Join('-', args[0] == "all" ? ["all"] : chosen), machine + "\n\n" + Report.Memory(bench.PeakMiB));
    await File.WriteAllTextAsync(path, doc);
    Bench.Log($"updated {path}");
}
return 0;
