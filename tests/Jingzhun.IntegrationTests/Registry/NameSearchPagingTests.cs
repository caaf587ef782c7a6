using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Jingzhun.IntegrationTests;

/// <summary>A name search's pages read by key (下一页 / 上一页 carry the row seen) and its count capped (“N+”).</summary>
public abstract partial class NameSearchPagingTests(TestApp app) : ApiTests(app)
{
    private static List<long> Ids(JsonNode page) => page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToList();

    /// <summary>
    /// The list two at a time: forward from page 1 by each page's last row (after=page.id), then back from the last page
    /// by each page's first row (before=page.id); both must give the whole list's order, each household once.
    /// </summary>
    private static async Task WalkAsync(HttpClient c, string query, IReadOnlyList<long> expected)
    {
        var all = await ListIdsAsync(c, query);
        Assert.Equal(expected.Order(), all.Order());
        var pages = new List<List<long>>();
        var anchor = "";
        for (var page = 1; pages.Sum(p => p.Count) < all.Count; page++)
        {
            var answer = await GetAsync(c, $"/api/v1/households?{query}&pageSize=2&page={page}{anchor}");
            Assert.Equal(page, answer["page"]!.GetValue<int>());
            Assert.Equal(all.Count, answer["total"]!.GetValue<int>());
            Assert.False(answer["capped"]!.GetValue<bool>());
            var ids = Ids(answer);
            Assert.NotEmpty(ids);
            pages.Add(ids);
            anchor = $"&after={page}.{ids[^1]}";
        }
        Assert.Equal(all, pages.SelectMany(p => p));
        for (var page = pages.Count - 1; page >= 1; page--)
        {
            var answer = await GetAsync(c, $"/api/v1/households?{query}&pageSize=2&page={page}&before={page + 1}.{pages[page][0]}");
            Assert.Equal(pages[page - 1], Ids(answer));
            Assert.Equal(all.Count, answer["total"]!.GetValue<int>());
        }
        // Two pages on from an anchor (the pager's numbered links) skip one page's rows from there.
        if (pages.Count >= 3)
            Assert.Equal(pages[2], Ids(await GetAsync(c, $"/api/v1/households?{query}&pageSize=2&page=3&after=1.{pages[0][^1]}")));
    }

    [DbFact]
    public async Task A_name_search_pages_by_key_from_the_row_seen_with_no_gaps_or_repeats_within_the_users_region()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var admin = await As("admin");
        var token = NewName();
        // Namesakes straddle the page ends (the order is the matched name, then the household); one household matches twice.
        var mine = new List<long>();
        foreach (var (suffix, i) in new[] { "甲", "甲", "甲", "乙", "乙", "丙", "丁" }.Select((s, i) => (s, i)))
            mine.Add((await RegisterAsync(tuqiao, i % 2 == 0 ? places.HomeVillage : places.SecondVillage, headName: token + suffix)).Id);
        await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/households/{mine[0]}/members",
            new { member = Person(token + "丙", NewIdNumber(gender: Jingzhun.Web.Modules.Registry.Gender.Female), "Spouse") }), HttpStatusCode.Created);
        var elsewhere = (await RegisterAsAdminAsync(places.OtherTownshipVillage, headName: token + "甲")).Id;
        var otherCounty = (await RegisterAsAdminAsync(places.OtherCountyVillage, headName: token + "乙")).Id;

        // The township's own households (read household by household), one county's (the county-and-name index) and
        // the province's (the name index).
        await WalkAsync(tuqiao, "q=" + token, mine);
        await WalkAsync(admin, $"q={token}&region={County}", [.. mine, elsewhere]);
        await WalkAsync(admin, "q=" + token, [.. mine, elsewhere, otherCounty]);
        await WalkAsync(admin, $"q={Uri.EscapeDataString(token + "甲")}", [mine[0], mine[1], mine[2], elsewhere]);

        // An anchor outside the user's region places nothing: the page is read from the start, still within the region.
        var page2 = Ids(await GetAsync(tuqiao, $"/api/v1/households?q={token}&pageSize=2&page=2&after=1.{otherCounty}"));
        Assert.Equal((await ListIdsAsync(tuqiao, "q=" + token)).Skip(2).Take(2), page2);
        var edge = Ids(await GetAsync(tuqiao, $"/api/v1/households?q={token}&pageSize=2&page=1&before=2.{elsewhere}"));
        Assert.All(edge, id => Assert.Contains(id, mine));
        // Malformed anchors are ignored.
        Assert.Equal(page2, Ids(await GetAsync(tuqiao, $"/api/v1/households?q={token}&pageSize=2&page=2&after=x.{mine[0]}")));
    }

    [DbFact]
    public async Task A_name_search_counts_no_further_than_its_cap_past_the_page_and_says_so()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var token = NewName();
        for (var i = 0; i < 23; i++)
            await RegisterAsync(tuqiao, i % 2 == 0 ? places.HomeVillage : places.SecondVillage, headName: token + (char)('一' + i));

        var order = await ListIdsAsync(tuqiao, "q=" + token);
        Assert.Equal(23, order.Count);
        // Below the cap (1,000) the count is exact.
        var exact = await GetAsync(tuqiao, $"/api/v1/households?q={token}");
        Assert.Equal(23, exact["total"]!.GetValue<int>());
        Assert.False(exact["capped"]!.GetValue<bool>());
        var html = await GetTextAsync(tuqiao, "/households?q=" + token);
        Assert.Contains("共 23 户", html);
        Assert.DoesNotContain("+ 页", html);
        // Any sort's pager reaches its pages (the page number is read from the query string, not Razor's route value "page").
        Assert.Contains("当前第 21–23 户", WebUtility.HtmlDecode(await GetTextAsync(tuqiao, $"/households?q={token}&sort=Number&page=2")));

        // With a cap of 5, the count stops 5 rows past the page's start (at least at the page's end) and says “N+”.
        using var capped = App.WithWebHostBuilder(b => b.UseSetting("Registry:NameSearchCountCap", "5"));
        using var client = capped.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await Ok(await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "tuqiao", password = "Jingzhun2026" }));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login["accessToken"]!.GetValue<string>());
        var first = await GetAsync(client, $"/api/v1/households?q={token}&pageSize=2");
        Assert.Equal(5, first["total"]!.GetValue<int>());
        Assert.True(first["capped"]!.GetValue<bool>());
        var last = await GetAsync(client, $"/api/v1/households?q={token}&pageSize=2&page=10&after=9.{order[17]}");
        Assert.Equal(23, last["total"]!.GetValue<int>());
        Assert.False(last["capped"]!.GetValue<bool>());

        // The page: “共 20+ 户”, a pager with 下一页 carrying the last row; the next page counts to the end, exactly.
        // (Razor writes “+” as &#x2B;: the pages are read decoded.)
        var page1 = WebUtility.HtmlDecode(await GetTextAsync(client, "/households?q=" + token));
        Assert.Contains("共 20+ 户", page1);
        Assert.Contains("共 1+ 页", page1);
        var next = Uri.UnescapeDataString(NextLink().Match(page1).Groups[1].Value);
        Assert.Equal($"/households?q={token}&page=2&after=1.{order[19]}", next);
        var page2 = WebUtility.HtmlDecode(await GetTextAsync(client, NextLink().Match(page1).Groups[1].Value));
        Assert.Contains("共 23 户", page2);
        Assert.Contains("当前第 21–23 户", page2);
        Assert.DoesNotContain(">下一页<", page2);
        // Back to the first page: no anchor is needed there.
        Assert.Equal($"/households?q={token}", Uri.UnescapeDataString(PreviousLink().Match(page2).Groups[1].Value));
    }

    [GeneratedRegex("<a href=\"([^\"]+)\"[^>]*>下一页</a>")]
    private static partial Regex NextLink();

    [GeneratedRegex("<a href=\"([^\"]+)\"[^>]*>上一页</a>")]
    private static partial Regex PreviousLink();
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteNameSearchPagingTests(SqliteApp app) : NameSearchPagingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresNameSearchPagingTests(PostgresApp app) : NameSearchPagingTests(app);
