using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Jingzhun.Bench;

/// <summary>
/// The dashboard <c>/</c> as a phone on slow 4G sees it: the app with its demo county (Development, a fresh SQLite file
/// in bench/out/phone), Debian's Chromium signed in as the county administrator through the login page, then each run a
/// cold load (browser cache off) of <c>/</c> on a 360×740 screen with Chrome DevTools' "Slow 4G" network (562.5 ms
/// latency, 1.47 Mbit/s down, 675 kbit/s up) and the CPU slowed 4×, as Lighthouse's mobile profile does. Measured: bytes
/// on the wire (CDP <c>Network.loadingFinished.encodedDataLength</c>: headers and compressed bodies), first contentful
/// paint and the load event (the page's own <c>performance</c> entries), and the largest transfers.
/// </summary>
public static class PhoneSuite
{
    private const string Chromium = "/usr/bin/chromium";

    public sealed record Load(double TransferKiB, double FcpMs, double LoadMs, IReadOnlyList<(string Url, double KiB)> Largest);

    /// <param name="webDir">The app build to measure (default this tree's Release build), e.g. another commit's for a before/after.</param>
    public static async Task RunAsync(Bench bench, string? webDir = null, string user = "tl_admin", string path = "/")
    {
        webDir ??= bench.WebDir;
        var dir = Path.Combine(bench.Work, "phone");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        var env = bench.AppEnv("Sqlite", Path.Combine(dir, "demo.db"));
        env["DOTNET_ENVIRONMENT"] = env["ASPNETCORE_ENVIRONMENT"] = "Development";
        env["Demo__Seed"] = "true";
        env["Protection__KeysPath"] = Path.Combine(dir, "keys");
        env["Files__Path"] = Path.Combine(dir, "files");
        env["Backup__Path"] = Path.Combine(dir, "backups");
        var url = $"http://127.0.0.1:{bench.Port}";
        Bench.Log($"starting the app with the demo county on {url}");
        using var app = new Child("dotnet", [Path.Combine(webDir, "Jingzhun.Web.dll")], webDir, env);
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) })
        {
            var until = DateTime.UtcNow.AddMinutes(5);
            while (true)
            {
                if (app.HasExited) throw new InvalidOperationException("The app exited:\n" + app.Output);
                if (DateTime.UtcNow > until) throw new TimeoutException("The app did not answer /healthz:\n" + app.Output);
                try { if ((await http.GetAsync(url + "/healthz")).IsSuccessStatusCode) break; }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                await Task.Delay(500);
            }
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 }, DeviceScaleFactor = 3, IsMobile = true, HasTouch = true,
            Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        await page.GotoAsync(url + "/login");
        await page.Locator("main input[name=Username]").FillAsync(user);
        await page.Locator("main input[name=Password]").FillAsync("Jingzhun2026");
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        // One unthrottled load first: the server's first-request work (compilation, caches) is not what a phone waits for.
        await page.GotoAsync(url + path);

        var loads = new List<Load>();
        for (var i = 0; i < bench.Runs; i++)
        {
            loads.Add(await ColdLoadAsync(context, url + path));
            var l = loads[^1];
            Bench.Log($"  run {i + 1}: {l.TransferKiB:0} KiB, first contentful paint {l.FcpMs:0} ms, load {l.LoadMs:0} ms");
        }
        Console.WriteLine(Table(loads, path, user, bench.Runs));
    }

    private static async Task<Load> ColdLoadAsync(IBrowserContext context, string url)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.setCacheDisabled", new Dictionary<string, object> { ["cacheDisabled"] = true });
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 562.5, ["downloadThroughput"] = 1.6 * 1024 * 1024 * 0.9 / 8, ["uploadThroughput"] = 750 * 1024 * 0.9 / 8,
        });
        await cdp.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = 4 });
        var urls = new Dictionary<string, string>();
        var bytes = new Dictionary<string, double>();
        cdp.Event("Network.responseReceived").OnEvent += (_, e) =>
        {
            if (e is { } j) lock (urls) urls[j.GetProperty("requestId").GetString()!] = j.GetProperty("response").GetProperty("url").GetString()!;
        };
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            if (e is { } j) lock (urls) bytes[j.GetProperty("requestId").GetString()!] = j.GetProperty("encodedDataLength").GetDouble();
        };
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var timing = await page.EvaluateAsync<JsonElement>("""
            () => ({
              fcp: (performance.getEntriesByName('first-contentful-paint')[0] || { startTime: -1 }).startTime,
              load: performance.getEntriesByType('navigation')[0].loadEventEnd
            })
            """);
        await page.CloseAsync();
        lock (urls)
        {
            var largest = bytes.OrderByDescending(b => b.Value).Take(4)
                .Select(b => (Path.GetFileName(new Uri(urls.GetValueOrDefault(b.Key, url)).AbsolutePath) is { Length: > 0 } n ? n : "/", b.Value / 1024))
                .ToList();
            return new Load(bytes.Values.Sum() / 1024, timing.GetProperty("fcp").GetDouble(), timing.GetProperty("load").GetDouble(), largest);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    private static string Table(List<Load> loads, string path, string user, int runs)
    {
        static string N(double v) => v.ToString("0", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.AppendLine(Report.Machine());
        sb.AppendLine();
        sb.AppendLine($"`{path}` signed in as `{user}`, cold cache, 360×740 phone, Slow 4G (562.5 ms, 1.47 Mbit/s), CPU 4×; median of {runs} runs:");
        sb.AppendLine();
        sb.AppendLine("| figure | median | runs |");
        sb.AppendLine("|---|---|---|");
        sb.AppendLine($"| transferred (headers + compressed bodies) | {N(Median(loads.Select(l => l.TransferKiB)))} KiB | {string.Join(", ", loads.Select(l => N(l.TransferKiB)))} |");
        sb.AppendLine($"| first contentful paint | {N(Median(loads.Select(l => l.FcpMs)))} ms | {string.Join(", ", loads.Select(l => N(l.FcpMs)))} |");
        sb.AppendLine($"| load event | {N(Median(loads.Select(l => l.LoadMs)))} ms | {string.Join(", ", loads.Select(l => N(l.LoadMs)))} |");
        sb.AppendLine();
        sb.AppendLine("Largest transfers (last run): " + string.Join(", ", loads[^1].Largest.Select(x => $"{x.Url} {x.KiB:0} KiB")));
        return sb.ToString();
    }
}
