using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Jingzhun.IntegrationTests.Infrastructure;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// Issue 14, "Web performance as a phone on 4G sees it": answers compressed (Brotli, else gzip), the scripts and styles a
/// page links carry their version and are kept by the browser for a year, other static files are revalidated, the chart
/// library is sent only with pages that draw charts, and there is a favicon.
/// </summary>
public abstract partial class WebDeliveryTests(TestApp app) : ApiTests(app)
{
    // Scripts, styles and icons the page links, and the chart library the dashboard fetches after loading (data-echarts).
    [GeneratedRegex("\\s(?:src|href|data-echarts)=\"(/(?:lib|js|css|favicon)[^\"]*)\"")]
    private static partial Regex LinkedFile();

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (encoding is not null) request.Headers.AcceptEncoding.ParseAdd(encoding);
        return await client.SendAsync(request);
    }

    [DbFact]
    public async Task The_dashboard_and_its_files_travel_compressed_and_versioned_files_are_kept_for_a_year()
    {
        var page = await SignInAsync("tl_admin");
        var home = await GetAsync(page, "/", "gzip, deflate, br");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("br", home.Content.Headers.ContentEncoding.Single());
        // The page itself stays private: compressed, but never stored.
        Assert.True(home.Headers.CacheControl?.NoStore, $"Cache-Control {home.Headers.CacheControl}");

        var html = await (await GetAsync(page, "/", null)).Content.ReadAsStringAsync();
        var files = LinkedFile().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().ToList();
        Assert.Contains(files, f => f.StartsWith("/lib/echarts/", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("/lib/htmx/", StringComparison.Ordinal));
        foreach (var file in files)
        {
            Assert.Matches("\\?v=[A-Za-z0-9_-]+$", file);
            var br = await GetAsync(page, file, "br");
            Assert.Equal(HttpStatusCode.OK, br.StatusCode);
            var cache = br.Headers.CacheControl!;
            Assert.True(cache.Public && cache.MaxAge == TimeSpan.FromDays(365), $"{file}: Cache-Control {cache}");
            Assert.Contains(cache.Extensions, e => e.Name == "immutable");
            if (file.EndsWith(".svg", StringComparison.Ordinal) || file.Contains(".svg?", StringComparison.Ordinal)) continue;
            Assert.Equal("br", br.Content.Headers.ContentEncoding.Single());
            var raw = await (await GetAsync(page, file, null)).Content.ReadAsByteArrayAsync();
            var compressed = await br.Content.ReadAsByteArrayAsync();
            Assert.True(compressed.Length * 2 < raw.Length, $"{file}: {compressed.Length} bytes compressed of {raw.Length}");
        }
        // A client without Brotli gets gzip.
        var gzip = await GetAsync(page, files.First(f => f.StartsWith("/lib/echarts/", StringComparison.Ordinal)), "gzip");
        Assert.Equal("gzip", gzip.Content.Headers.ContentEncoding.Single());
    }

    [DbFact]
    public async Task Unversioned_static_files_are_revalidated_and_there_is_a_favicon()
    {
        using var anon = App.Anonymous();
        var css = await anon.GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.True(css.Headers.CacheControl?.NoCache, $"Cache-Control {css.Headers.CacheControl}");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/css/site.css");
        again.Headers.IfNoneMatch.Add(css.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await anon.SendAsync(again)).StatusCode);

        var ico = await anon.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, ico.StatusCode);
        Assert.Equal("image/x-icon", ico.Content.Headers.ContentType?.MediaType);
        var login = await anon.GetStringAsync("/login");
        Assert.Matches("<link rel=\"icon\" href=\"/favicon.svg\\?v=", login);
    }

    [DbFact]
    public async Task Only_pages_that_draw_charts_load_the_chart_library()
    {
        var page = await SignInAsync("tl_admin");
        Assert.Contains("/lib/echarts/", await page.GetStringAsync("/"));
        Assert.Contains("/lib/echarts/", await page.GetStringAsync("/monitoring/stats"));
        foreach (var path in new[] { "/households", "/problems", "/monitoring", "/fieldwork/visits", "/reports" })
            Assert.DoesNotContain("/lib/echarts/", await page.GetStringAsync(path));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteWebDeliveryTests(SqliteApp app) : WebDeliveryTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresWebDeliveryTests(PostgresApp app) : WebDeliveryTests(app);
