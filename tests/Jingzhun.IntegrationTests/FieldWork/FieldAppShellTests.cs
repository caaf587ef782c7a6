using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Jingzhun.IntegrationTests.Infrastructure;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// The field app (/m/) as a phone fetches it: an installable shell without sign-in, and an API that answers a missing
/// or stale token with 401 JSON (the app then shows its login screen), never with a redirect to the HTML login page.
/// </summary>
public abstract class FieldAppShellTests(TestApp app) : ApiTests(app)
{
    [DbFact]
    public async Task The_shell_manifest_and_service_worker_are_served_without_sign_in()
    {
        using var phone = App.Anonymous();

        var bare = await phone.GetAsync("/m");
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/m/", bare.Headers.Location!.OriginalString);

        var shell = await phone.GetAsync("/m/");
        Assert.Equal(HttpStatusCode.OK, shell.StatusCode);
        Assert.Equal("text/html", shell.Content.Headers.ContentType!.MediaType);
        Assert.True(shell.Headers.CacheControl!.NoCache, "the browser revalidates the shell (the service worker keeps the offline copy)");
        var html = await shell.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"manifest\" href=\"manifest.webmanifest\"", html, StringComparison.Ordinal);

        var manifest = await phone.GetAsync("/m/manifest.webmanifest");
        Assert.Equal("application/manifest+json", manifest.Content.Headers.ContentType!.MediaType);
        var m = JsonNode.Parse(await manifest.Content.ReadAsStringAsync())!;
        Assert.Equal("精准帮扶", m["name"]!.GetValue<string>());
        Assert.Equal("/m/", m["start_url"]!.GetValue<string>());
        Assert.Equal("standalone", m["display"]!.GetValue<string>());
        foreach (var icon in m["icons"]!.AsArray())
        {
            var png = await phone.GetAsync("/m/" + icon!["src"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, png.StatusCode);
            Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        }
        Assert.Contains(m["icons"]!.AsArray(), i => i!["sizes"]!.GetValue<string>() == "512x512");

        // Every file the service worker caches for offline use exists (a missing one would fail its install).
        var sw = await phone.GetAsync("/m/sw.js");
        Assert.Equal("text/javascript", sw.Content.Headers.ContentType!.MediaType);
        var script = await sw.Content.ReadAsStringAsync();
        var list = script[script.IndexOf("const SHELL = [", StringComparison.Ordinal)..];
        list = list[..list.IndexOf("];", StringComparison.Ordinal)];
        var files = System.Text.RegularExpressions.Regex.Matches(list, "'([^']+)'").Select(x => x.Groups[1].Value).ToList();
        Assert.Contains("js/app.js", files);
        foreach (var file in files)
            Assert.True((await phone.GetAsync("/m/" + file)).IsSuccessStatusCode, $"/m/{file} is served");
    }

    [DbFact]
    public async Task The_api_answers_a_missing_or_stale_token_with_401_not_a_login_redirect()
    {
        using var phone = App.Anonymous();
        var none = await phone.GetAsync("/api/v1/auth/me");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Null(none.Headers.Location);

        using var stale = App.Anonymous();
        stale.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "no-longer-valid");
        var r = await stale.GetAsync("/api/v1/auth/me");
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Null(r.Headers.Location);

        var wrong = await phone.PostAsync("/api/v1/auth/login",
            new StringContent("""{"username":"no-such-user","password":"wrong-password"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("用户名或密码错误", JsonNode.Parse(await wrong.Content.ReadAsStringAsync())!["title"]!.GetValue<string>());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteFieldAppShellTests(SqliteApp app) : FieldAppShellTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresFieldAppShellTests(PostgresApp app) : FieldAppShellTests(app);
