using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Jingzhun.Bench;

/// <summary>The web app started as a child process on the bench port, logged in as the national administrator.</summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly Child child;
    private readonly Bench bench;

    public HttpClient Http { get; }
    public string Token { get; private set; } = "";
    public string BaseUrl { get; }

    private AppServer(Bench bench, Child child)
    {
        this.bench = bench;
        this.child = child;
        BaseUrl = $"http://127.0.0.1:{bench.Port}";
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(10) };
    }

    public int Pid => child.Id;
    /// <summary>What the app has written to its console so far (warnings and above, and what a suite asks to log).</summary>
    public string Output => child.Output;
    public double PeakMiB => child.PeakMiB;

    public static async Task<AppServer> StartAsync(Bench bench, string provider, string? sqliteDb = null, IDictionary<string, string>? env = null)
    {
        Bench.Log($"starting the app ({provider}) on port {bench.Port}");
        using (var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) })
        {
            // Another process answering on the port would be measured instead of ours.
            var busy = false;
            try { await probe.GetAsync($"http://127.0.0.1:{bench.Port}/healthz"); busy = true; }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { busy = true; }
            if (busy) throw new InvalidOperationException($"Port {bench.Port} is already in use: stop that process or pass --port.");
        }
        var server = new AppServer(bench, new Child("dotnet", [bench.WebDll], bench.WebDir, WithExtra(bench.AppEnv(provider, sqliteDb), env)));
        var sw = Stopwatch.StartNew();
        while (true)
        {
            if (server.child.HasExited) throw new InvalidOperationException("The app exited:\n" + server.child.Output);
            if (sw.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("The app did not answer /healthz:\n" + server.child.Output);
            try
            {
                if ((await server.Http.GetAsync("/healthz")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) { }
            await Task.Delay(300);
        }
        await server.LoginAsync("admin", "Jingzhun2026");
        return server;
    }

    private static Dictionary<string, string> WithExtra(Dictionary<string, string> env, IDictionary<string, string>? extra)
    {
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) env[k] = v;
        return env;
    }

    private async Task LoginAsync(string user, string password)
    {
        Token = await TokenAsync(user, password);
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    private async Task<string> TokenAsync(string user, string password)
    {
        using var anonymous = new HttpClient { BaseAddress = Http.BaseAddress };
        var r = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = user, password });
        r.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>A client signed in as another user (bearer token of one login), for requests timed as that user.</summary>
    public async Task<HttpClient> SignInAsync(string user, string password)
    {
        var client = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = Http.Timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(user, password));
        return client;
    }

    /// <summary>GET a path; returns the elapsed milliseconds (the body read to its end), throws on a non-success status.</summary>
    public async Task<double> TimeGetAsync(string path, HttpClient? client = null)
    {
        var sw = Stopwatch.StartNew();
        using var r = await (client ?? Http).GetAsync(path, HttpCompletionOption.ResponseContentRead);
        var ms = sw.Elapsed.TotalMilliseconds;
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return ms;
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var r = await Http.GetAsync(path);
        var body = await r.Content.ReadAsStringAsync();
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path}: {(int)r.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>POST a JSON body as the administrator; returns the answer, throws on a non-success status.</summary>
    public async Task<JsonElement> PostJsonAsync(string path, object body)
    {
        using var r = await Http.PostAsJsonAsync(path, body);
        var text = await r.Content.ReadAsStringAsync();
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path}: {(int)r.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Queues a region sweep and waits for the job; returns the job's own running time in seconds.</summary>
    public async Task<(double Seconds, string Message)> SweepAsync(string path, string region) =>
        await JobAsync((await PostJsonAsync(path, new { region })).GetProperty("id").GetInt64());

    /// <summary>POST a multipart form (fields and one file) as the administrator; returns the answer, throws on a non-success status.</summary>
    public async Task<JsonElement> PostFileAsync(string path, string file, IReadOnlyDictionary<string, string> fields)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        await using var stream = File.OpenRead(file);
        form.Add(new StreamContent(stream, 1 << 16), "file", Path.GetFileName(file));
        using var r = await Http.PostAsync(path, form);
        var text = await r.Content.ReadAsStringAsync();
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path}: {(int)r.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Waits for a queued job; returns its own running time in seconds (start→finish as the job records them) and its message.</summary>
    public async Task<(double Seconds, string Message)> JobAsync(long id)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(500);
            var job = await GetJsonAsync($"/api/v1/jobs/{id}");
            var status = job.GetProperty("status").ToString();
            if (status is "Succeeded" or "3")
            {
                var started = job.GetProperty("startedAt").GetDateTime();
                var finished = job.GetProperty("finishedAt").GetDateTime();
                return ((finished - started).TotalSeconds, job.GetProperty("message").GetString() ?? "");
            }
            if (status is "Failed" or "Cancelled" or "4" or "5")
                throw new InvalidOperationException($"Job {id} {status}: {job}");
            if (sw.Elapsed > TimeSpan.FromMinutes(30)) throw new TimeoutException($"Job {id} still {status}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        bench.Track("server", child.PeakMiB);
        Http.Dispose();
        child.Dispose();
        await Task.CompletedTask;
    }
}
