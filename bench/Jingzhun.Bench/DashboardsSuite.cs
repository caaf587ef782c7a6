using System.Diagnostics;

namespace Jingzhun.Bench;

/// <summary>
/// The dashboards from the per-village figures (issue 18): on a copy of the province database, the first start builds
/// the figures once (timed from the app's own log line); then the country, province, city and county dashboards are
/// timed (p95 ≤ 50 ms for the country and the province); then the app is started again and the first request for the
/// country's and the province's dashboard after the start is timed (≤ 1 s); a household's income saved (its village
/// counted again, the difference added up to the country) is timed against a read of the same household.
/// </summary>
public static class DashboardsSuite
{
    private const string BuiltLine = "驾驶舱汇总数据已建立";

    public static async Task RunAsync(Bench b)
    {
        await Suites.EnsureProvinceAsync(b);
        var db = Path.Combine(b.Work, "figures.db");
        if (!File.Exists(db))
        {
            Bench.Log("copying the province database for the figures (the copy gets the migration that adds them)");
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                if (File.Exists(b.SqliteDb + suffix)) File.Copy(b.SqliteDb + suffix, db + suffix, overwrite: true);
        }
        var env = new Dictionary<string, string> { ["Logging__LogLevel__Jingzhun.Web.Modules.Dashboards"] = "Information" };
        await using (var app = await AppServer.StartAsync(b, "Sqlite", db, env))
        {
            var sw = Stopwatch.StartNew();
            while (!app.Output.Contains(BuiltLine, StringComparison.Ordinal) && sw.Elapsed < TimeSpan.FromMinutes(15)) await Task.Delay(500);
            var built = System.Text.RegularExpressions.Regex.Match(app.Output, BuiltLine + @"，用时 ([\d.]+) 秒");
            var seconds = built.Success ? double.Parse(built.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : double.NaN;
            if (!double.IsNaN(seconds))
                b.Add(new Figure("dashboards", "Figures built for the province (first start after the upgrade, once)",
                    "app start on a database without figures", [seconds], "s", "once", seconds, Target: "(informative)",
                    Note: $"server peak {app.PeakMiB:0} MiB"));
            else Bench.Log("the figures were there already (a kept copy): no build to time");
            await Task.Delay(2000);

            var baseline = await Suites.LatencyAsync(app, b.Requests, _ => "/healthz");
            var counties = new List<string>();
            foreach (var city in new[] { "5001", "5002" })
                counties.AddRange((await app.GetJsonAsync($"/api/v1/regions/{city}/children")).EnumerateArray().Select(c => c.GetProperty("code").GetString()!));
            (string Name, Func<int, string> Path, double Target)[] cases =
            [
                ("Dashboard, the country", _ => "/api/v1/dashboard", 50),
                ("Dashboard, province", _ => "/api/v1/dashboard?region=50", 50),
                ("Dashboard, a city", i => $"/api/v1/dashboard?region={(i % 2 == 0 ? "5001" : "5002")}", 50),
                ("Dashboard, a county", i => $"/api/v1/dashboard?region={counties[i % counties.Count]}", 50),
            ];
            foreach (var (name, path, target) in cases)
                await Suites.LatencyFigureAsync(b, app, name, path, target, baseline, suite: "dashboards");

            // A write pays for the upkeep: a household's income saved, against reading the same household.
            var village = (await app.GetJsonAsync($"/api/v1/regions/{counties[0]}/children")).EnumerateArray().First().GetProperty("code").GetString()!;
            var households = (await app.GetJsonAsync($"/api/v1/households?region={village}&pageSize=1")).GetProperty("items").EnumerateArray().ToList();
            if (households.Count > 0)
            {
                var id = households[0].GetProperty("id").GetInt64();
                var read = new List<double>();
                var write = new List<double>();
                var current = await app.Http.GetAsync($"/api/v1/households/{id}/incomes/2024");
                int? version = current.IsSuccessStatusCode
                    ? System.Text.Json.JsonDocument.Parse(await current.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt32()
                    : null;
                for (var i = 0; i < Math.Min(b.Requests, 40); i++)
                {
                    read.Add(await app.TimeGetAsync($"/api/v1/households/{id}"));
                    var w = Stopwatch.StartNew();
                    var r = await app.Http.PutAsync($"/api/v1/households/{id}/incomes/2024",
                        System.Net.Http.Json.JsonContent.Create(new { wageIncome = 20000m + i, version }));
                    w.Stop();
                    var body = await r.Content.ReadAsStringAsync();
                    if (!r.IsSuccessStatusCode)
                    {
                        Bench.Log($"saving an income: {(int)r.StatusCode} {body} (no write figure)");
                        break;
                    }
                    version = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("version").GetInt32();
                    write.Add(w.Elapsed.TotalMilliseconds);
                }
                if (write.Count > 0)
                    b.Add(new Figure("dashboards", "Saving a household's income (the village's figures counted again, added up to the country)",
                        $"PUT /api/v1/households/{id}/incomes/2024", write, "ms", "median", Stats.Median(write), "GET the same household (median)",
                        Stats.Median(read.Take(write.Count).ToList()), Target: "(informative)",
                        Note: $"p95 {Stats.Percentile(write, 95):0.0} ms, n = {write.Count}"));
            }
        }

        // A start with the figures in place: the very first dashboards answer from them.
        await using (var again = await AppServer.StartAsync(b, "Sqlite", db, env))
        {
            var first = new List<double>
            {
                await again.TimeGetAsync("/api/v1/dashboard"),
                await again.TimeGetAsync("/api/v1/dashboard?region=50"),
            };
            b.Add(new Figure("dashboards", "First request after a start: the country's, then the province's dashboard",
                "app start, login, GET /api/v1/dashboard, GET /api/v1/dashboard?region=50", first, "ms", "max", first.Max(),
                Target: "≤ 1 s", Met: first.Max() <= 1000, Note: $"{first[0]:0} ms, {first[1]:0} ms"));
        }
    }
}
