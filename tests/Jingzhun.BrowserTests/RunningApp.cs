using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jingzhun.BrowserTests;

/// <summary>Debian's Chromium for Playwright, and the screenshots kept as test artefacts.</summary>
internal static class Artifacts
{
    public const string Chromium = "/usr/bin/chromium";
    public const string NoChromium = Chromium + " is not installed (apt-get install chromium; .ci/run does it)";

    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Chromium, Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });

    public static async Task<string> ScreenshotAsync(IPage page, string name)
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
public sealed class RunningApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private RunningApp(Process process, string dir, string url) { _process = process; _dir = dir; Url = url; }

    public string Url { get; }

    /// <summary>The app's temp folder (database, keys, files, backups), deleted when the app stops.</summary>
    public string Folder => _dir;

    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Jingzhun.slnx"))) return d.FullName;
        throw new InvalidOperationException("Jingzhun.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <param name="settings">Extra configuration (keys as in appsettings, "Auth:MaxFailedAttempts"), passed as environment variables.</param>
    /// <param name="httpUrl">The plain-HTTP address the app answers /healthz on (a free loopback port unless given).</param>
    public static async Task<RunningApp> StartAsync(ITestOutputHelper? output, IReadOnlyDictionary<string, string>? settings = null, string? httpUrl = null)
    {
        var project = Path.Combine(RepoRoot, "src", "Jingzhun.Web");
        // The same configuration as this test build (bin/Debug or bin/Release).
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;
        var dll = Path.Combine(project, "bin", configuration, "net10.0", "Jingzhun.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("build the app first", dll);
        var dir = Path.Combine(Path.GetTempPath(), "jingzhun-browser-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var url = httpUrl ?? $"http://127.0.0.1:{FreePort()}";
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = project, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(url);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Database__Provider"] = "Sqlite";
        info.Environment["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(dir, "jingzhun.db")}";
        info.Environment["Protection__KeysPath"] = Path.Combine(dir, "keys");
        info.Environment["Demo__Seed"] = "true";
        info.Environment["Jobs__NightlyAt"] = "off"; // no sweep of the whole database in the middle of a test
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // Uploads, imports and backups in the temp folder too, not in the source tree's data/ folder.
        info.Environment["Files__Path"] = Path.Combine(dir, "files");
        info.Environment["Backup__Path"] = Path.Combine(dir, "backups");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
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
        output?.WriteLine($"app at {url} ({dll})");
        return app;
    }

    internal static int FreePort()
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
