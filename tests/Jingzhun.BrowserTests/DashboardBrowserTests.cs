using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// The running app (its built DLL as a separate process on a free loopback port, demo data on a temp SQLite file)
/// driven by Debian's Chromium: sign in as the county administrator, drill down county → township → village on the
/// dashboard, back up by the breadcrumb, and keep a screenshot as an artefact.
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task The_dashboard_drills_down_twice_and_back_up()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed (apt-get install chromium; .ci/run does it)");
        await using var app = await RunningApp.StartAsync(output);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 }, Locale = "zh-CN" });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.SetDefaultTimeout(20_000);

        await page.GotoAsync(app.Url + "/login");
        // The header has a logout form too: fill the login page's own form.
        var login = page.Locator("main form").Filter(new LocatorFilterOptions { Has = page.Locator("input[name=Password]") });
        await login.Locator("input[name=Username]").FillAsync("tl_admin");
        await login.Locator("input[name=Password]").FillAsync("Jingzhun2026");
        await login.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));

        await page.GotoAsync(app.Url + "/");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("铜梁区 指挥驾驶舱");
        await Assertions.Expect(page.Locator(".d-cards")).ToBeVisibleAsync();
        var countyHouseholds = await page.Locator("[data-figure=households]").InnerTextAsync();
        Assert.NotEqual("0", countyHouseholds);

        // Sorting is client-side: sort by 户数 descending, then drill into the township at the top.
        await page.Locator("table.d-rank th", new PageLocatorOptions { HasText = "户数" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.d-rank th[aria-sort=descending]")).ToHaveTextAsync("户数");
        var township = page.Locator("table.d-rank tbody tr").First.Locator("a.d-drill");
        var townshipName = await township.InnerTextAsync();
        await township.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(townshipName + " 指挥驾驶舱");
        Assert.Contains("region=", page.Url, StringComparison.Ordinal);

        // Second level: a village (sorted by households too, so it has some to show).
        await page.Locator("table.d-rank th", new PageLocatorOptions { HasText = "户数" }).ClickAsync();
        var village = page.Locator("table.d-rank tbody tr").First.Locator("a.d-drill");
        var villageHref = await village.GetAttributeAsync("href");
        var villageName = await village.InnerTextAsync();
        var villageCode = villageHref!.Split("region=")[1];
        await page.GotoAsync(app.Url + "/?region=" + villageCode);   // a village row opens its household list; its dashboard by URL
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(villageName + " 指挥驾驶舱");
        await Assertions.Expect(page.Locator("nav.d-crumbs a")).ToHaveCountAsync(2);   // 铜梁区 › 镇 › (村)
        await page.WaitForTimeoutAsync(600);   // let the charts draw before the screenshot
        var shot = await ScreenshotAsync(page, "dashboard-village.png");

        // Back up by the breadcrumb: to the township, then the county.
        await page.Locator("nav.d-crumbs a", new PageLocatorOptions { HasText = townshipName }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(townshipName + " 指挥驾驶舱");
        await page.Locator("nav.d-crumbs a", new PageLocatorOptions { HasText = "铜梁区" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("铜梁区 指挥驾驶舱");
        await Assertions.Expect(page.Locator("[data-figure=households]")).ToHaveTextAsync(countyHouseholds);
        // No crumb above the user's own node (重庆市, 全国).
        await Assertions.Expect(page.Locator("nav.d-crumbs a")).ToHaveCountAsync(0);
        await page.WaitForTimeoutAsync(600);
        await ScreenshotAsync(page, "dashboard-county.png");

        Assert.True(errors.Count == 0, "page errors: " + string.Join("; ", errors));
        output.WriteLine($"screenshot: {shot}");
    }

    private static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(RunningApp.RepoRoot, "tests", "Jingzhun.BrowserTests", "artifacts");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        if (Environment.GetEnvironmentVariable("TEST_ARTIFACTS") is { Length: > 0 } artifacts)
        {
            Directory.CreateDirectory(artifacts);
            File.Copy(path, Path.Combine(artifacts, name), overwrite: true);
        }
        return path;
    }
}

/// <summary>The app's DLL run as a child process on a free loopback port with demo data on a temp SQLite file.</summary>
internal sealed class RunningApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private RunningApp(Process process, string dir, string url) { _process = process; _dir = dir; Url = url; }

    public string Url { get; }

    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Jingzhun.slnx"))) return d.FullName;
        throw new InvalidOperationException("Jingzhun.slnx not found above " + AppContext.BaseDirectory);
    }

    public static async Task<RunningApp> StartAsync(ITestOutputHelper output)
    {
        var project = Path.Combine(RepoRoot, "src", "Jingzhun.Web");
        // The same configuration as this test build (bin/Debug or bin/Release).
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;
        var dll = Path.Combine(project, "bin", configuration, "net10.0", "Jingzhun.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("build the app first", dll);
        var dir = Path.Combine(Path.GetTempPath(), "jingzhun-browser-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var url = $"http://127.0.0.1:{FreePort()}";
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = project, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(url);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Database__Provider"] = "Sqlite";
        info.Environment["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(dir, "jingzhun.db")}";
        info.Environment["Protection__KeysPath"] = Path.Combine(dir, "keys");
        info.Environment["Demo__Seed"] = "true";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info)!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new RunningApp(process, dir, url);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddMinutes(3);   // the demo seed takes ~15 s on a fast machine
        while (true)
        {
            if (process.HasExited)
            {
                await app.DisposeAsync();
                throw new InvalidOperationException($"the app exited ({process.ExitCode}):\n" + string.Join('\n', log));
            }
            try
            {
                if ((await http.GetAsync(url + "/healthz")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > until)
            {
                await app.DisposeAsync();
                throw new TimeoutException("the app did not answer /healthz:\n" + string.Join('\n', log));
            }
            await Task.Delay(500);
        }
        output.WriteLine($"app at {url} ({dll})");
        return app;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
