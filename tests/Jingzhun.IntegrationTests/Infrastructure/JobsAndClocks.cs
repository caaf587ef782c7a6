using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Jingzhun.IntegrationTests.Infrastructure;

/// <summary>The system clock moved forward (the same database seen by an app running on a later day).</summary>
public sealed class ShiftedClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}

public abstract partial class ApiTests : IAsyncLifetime
{
    private readonly List<WebApplicationFactory<Program>> _later = [];

    /// <summary>
    /// A second app on the same database whose clock runs <paramref name="days"/> days ahead. It is stopped when the test
    /// ends even if the test does not dispose it: left running, its job runner would take the next tests' queued jobs and
    /// run them on its later day (a 部门数据 match counted in the next year, say).
    /// </summary>
    protected WebApplicationFactory<Program> Later(int days)
    {
        var app = App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new ShiftedClock(TimeSpan.FromDays(days)))));
        _later.Add(app);
        return app;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        foreach (var app in _later) await app.DisposeAsync();
        _later.Clear();
    }

    /// <summary>A demo user signed in (bearer token) on <paramref name="app"/>, e.g. one from <see cref="Later"/>.</summary>
    protected static async Task<HttpClient> LoginAsync(WebApplicationFactory<Program> app, string user)
    {
        var c = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await Ok(await c.PostAsJsonAsync("/api/v1/auth/login",
            new { username = user, password = Jingzhun.Web.Modules.Registry.DemoData.DemoSeeder.DemoPassword }));
        c.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        return c;
    }

    /// <summary>Follows a background job (GET /api/v1/jobs/{id}) until it has ended; fails the test if it failed or never ends.</summary>
    protected static async Task<JsonNode> WaitForJobAsync(HttpClient c, long id, int seconds = 30)
    {
        for (var waited = 0; waited < seconds * 10; waited++)
        {
            var job = await GetAsync(c, $"/api/v1/jobs/{id}");
            var status = job["status"]!.GetValue<string>();
            Assert.NotEqual("Failed", status);
            if (status is not ("Queued" or "Running")) return job;
            await Task.Delay(100);
        }
        Assert.Fail($"job {id} did not finish in {seconds} s");
        return null!;
    }

    /// <summary>Starts a region sweep (POST <paramref name="path"/>), checks what the answer says, and waits for it to succeed.</summary>
    protected static async Task<JsonNode> SweepAndWaitAsync(HttpClient c, string path, string kind, string region)
    {
        var r = await c.PostAsJsonAsync(path, new { region });
        var queued = await Ok(r, HttpStatusCode.Accepted);
        var id = queued["id"]!.GetValue<long>();
        Assert.Equal($"/api/v1/jobs/{id}", r.Headers.Location?.OriginalString);
        Assert.Equal(kind, queued["kind"]!.GetValue<string>());
        Assert.Equal(region, queued["regionCode"]!.GetValue<string>());
        var job = await WaitForJobAsync(c, id);
        Assert.Equal("Succeeded", job["status"]!.GetValue<string>());
        return job;
    }
}
