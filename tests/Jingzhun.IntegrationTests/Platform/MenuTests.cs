using System.Text.RegularExpressions;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// Menus fit the role: every link of each demo role's menu opens a page (no 404, no error), a pairing cadre lands on
/// 待办 and is offered neither 新建户 nor 批量导入, and cannot open them.
/// </summary>
public abstract partial class MenuTests(TestApp app) : ApiTests(app)
{
    [GeneratedRegex("<nav[^>]*>(.*?)</nav>", RegexOptions.Singleline)]
    private static partial Regex Nav();

    [GeneratedRegex("href=\"(/[^\"#]*)\"")]
    private static partial Regex Href();

    public static TheoryData<string> Users => new() { "admin", "tl_admin", "tuqiao", "village", "cadre", "auditor" };

    [DbTheory]
    [MemberData(nameof(Users))]
    public async Task Every_link_of_the_menu_opens_a_page(string user)
    {
        var places = await PlacesAsync();
        if (user == "cadre") await PairWithDemoCadreAsync((await RegisterAsAdminAsync(places.HomeVillage)).Id);
        var c = await SignInAsync(user);
        var home = await c.GetAsync("/");
        if (home.StatusCode == HttpStatusCode.Redirect) home = await c.GetAsync(home.Headers.Location!); // a cadre lands on 待办
        var html = await home.Content.ReadAsStringAsync();
        var nav = Nav().Match(html);
        Assert.True(nav.Success, $"{user}: no menu on {home.StatusCode} {home.Headers.Location}");
        var links = Href().Matches(nav.Groups[1].Value).Select(m => m.Groups[1].Value).Distinct().Where(l => l != "/logout").ToList();
        Assert.NotEmpty(links);
        var broken = new List<string>();
        foreach (var link in links)
        {
            var r = await c.GetAsync(link);
            if (r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found) r = await c.GetAsync(r.Headers.Location!);
            if (!r.IsSuccessStatusCode) broken.Add($"{link} → {(int)r.StatusCode}");
        }
        Assert.True(broken.Count == 0, $"{user}: " + string.Join("; ", broken));
    }

    [DbFact]
    public async Task A_pairing_cadre_lands_on_the_to_do_list_and_is_offered_neither_new_households_nor_the_import()
    {
        var places = await PlacesAsync();
        await PairWithDemoCadreAsync((await RegisterAsAdminAsync(places.HomeVillage)).Id);
        var cadre = await SignInAsync("cadre");
        var home = await cadre.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/fieldwork/todo", home.Headers.Location!.OriginalString);
        var list = await cadre.GetStringAsync("/households");
        Assert.DoesNotContain("href=\"/households/new\"", list);
        Assert.DoesNotContain("href=\"/households/import\"", list);
        foreach (var page in new[] { "/households/new", "/households/import" })
        {
            var r = await cadre.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.StartsWith("/denied", r.Headers.Location!.PathAndQuery.Length > 0 && r.Headers.Location.IsAbsoluteUri ? r.Headers.Location.PathAndQuery : r.Headers.Location.OriginalString);
        }
        var api = await As("cadre");
        await Problem(await api.PostAsJsonAsync("/api/v1/households", new { villageCode = places.HomeVillage, household = Facts(), head = Person(NewName(), NewIdNumber()) }),
            HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteMenuTests(SqliteApp app) : MenuTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresMenuTests(PostgresApp app) : MenuTests(app);
