using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jingzhun.IntegrationTests.Infrastructure;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// The pickers that replace typed ids and codes (/api/v1/pickers/{kind}): names found within the user's region only,
/// namesakes told apart, every cadre reachable by paging; and the teams page's 结束驻村 and 轮换, after which the
/// village takes a new team from the page.
/// </summary>
public abstract class PickerAndTeamTests(TestApp app) : ApiTests(app)
{
    private static async Task<List<JsonNode>> ItemsAsync(HttpClient c, string url) =>
        (await GetAsync(c, url))["items"]!.AsArray().Select(i => i!).ToList();

    private async Task<long> CadreAsync(HttpClient admin, string name, string unit, string village, string? phone = null) =>
        (await Ok(await admin.PostAsJsonAsync("/api/v1/cadres", new { name, unit, phone, regionCode = village, activeFrom = "2020-01-01" }),
            HttpStatusCode.Created))["id"]!.GetValue<long>();

    [DbFact]
    public async Task The_cadre_picker_finds_names_in_the_users_region_tells_namesakes_apart_and_pages_through_every_cadre()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var name = NewName();
        var home = await CadreAsync(admin, name, "区农业农村委", places.HomeVillage, "13800002222");
        var second = await CadreAsync(admin, name, "区农业农村委", places.SecondVillage, "13900003333");
        await CadreAsync(admin, name, "区农业农村委", places.OtherTownshipVillage, "13700004444");

        // The township sees its two namesakes, each told apart by village and masked phone; the other township's is not there.
        var township = await As("tuqiao");
        var found = await ItemsAsync(township, $"/api/v1/pickers/cadres?q={Uri.EscapeDataString(name)}");
        Assert.Equal([home, second], found.Select(i => long.Parse(i["value"]!.GetValue<string>())).Order());
        var details = found.Select(i => i["detail"]!.GetValue<string>()).ToList();
        Assert.All(found, i => Assert.Equal(name, i["text"]!.GetValue<string>()));
        Assert.Contains(details, d => d.Contains("138****2222", StringComparison.Ordinal));
        Assert.Contains(details, d => d.Contains("139****3333", StringComparison.Ordinal));
        Assert.NotEqual(details[0], details[1]);
        // Within a village: only that village's township (a 第一书记 may come from any village of the township).
        Assert.Equal(2, (await ItemsAsync(township, $"/api/v1/pickers/cadres?q={Uri.EscapeDataString(name)}&region={places.HomeVillage}")).Count);

        // The picker's own request (htmx) gets the list as buttons carrying the value and the distinguishing label.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/pickers/cadres?q={Uri.EscapeDataString(name)}");
        request.Headers.Add("HX-Request", "true");
        var html = await (await township.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains($"data-pick=\"{home}\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-pick=\"{second}\"", html, StringComparison.Ordinal);

        // Every active cadre of the county can be reached: the picker's total is the cadre list's, page 2 follows page 1.
        var county = await As("tl_admin");
        var all = await GetAsync(county, "/api/v1/cadres?activeOnly=true&pageSize=1");
        var first = await GetAsync(county, "/api/v1/pickers/cadres");
        Assert.Equal(all["total"]!.GetValue<int>(), first["total"]!.GetValue<int>());
        if (first["total"]!.GetValue<int>() > 20)
        {
            var next = await ItemsAsync(county, "/api/v1/pickers/cadres?page=2");
            Assert.Empty(next.Select(i => i["value"]!.GetValue<string>()).Intersect(first["items"]!.AsArray().Select(i => i!["value"]!.GetValue<string>())));
        }

        await Problem(await township.GetAsync("/api/v1/pickers/nothing"), HttpStatusCode.NotFound);
        Assert.Equal("区划代码无效", await FieldError(await township.GetAsync("/api/v1/pickers/cadres?region=12x"), "region"));
    }

    [DbFact]
    public async Task The_household_picker_finds_a_household_by_the_heads_name_or_number_in_scope_only()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var h = await RegisterAsync(admin, places.SecondVillage);
        var township = await As("tuqiao");
        var byName = await ItemsAsync(township, $"/api/v1/pickers/households?q={Uri.EscapeDataString(h.HeadName)}");
        Assert.Equal(h.Id.ToString(), Assert.Single(byName)["value"]!.GetValue<string>());
        Assert.Contains($"户编号 {h.Number}", byName[0]["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(await ItemsAsync(township, $"/api/v1/pickers/households?q={h.Number}"));
        // The village account of the first village does not find the second village's household.
        Assert.Empty(await ItemsAsync(await As("village"), $"/api/v1/pickers/households?q={Uri.EscapeDataString(h.HeadName)}"));
    }

    [DbFact]
    public async Task A_team_in_post_is_rotated_and_ended_on_its_page_and_the_village_then_takes_a_new_team_from_the_list_page()
    {
        var admin = await As("admin");
        var villages = (await GetAsync(admin, $"/api/v1/regions/{Township}/children")).AsArray().Select(x => x!["code"]!.GetValue<string>()).ToList();
        // A village no other test gives a team in post.
        var village = villages[Math.Min(2, villages.Count - 1)];
        var county = await As("tl_admin");
        var leader = await CadreAsync(admin, "书记" + NewName(), "区委组织部", village);
        var successor = await CadreAsync(admin, "书记" + NewName(), "区财政局", village);
        var member = await CadreAsync(admin, "队员" + NewName(), "区财政局", village);
        var name = "工作队" + NewName();
        var team = await Ok(await county.PostAsJsonAsync("/api/v1/work-teams",
            new { villageCode = village, name, firstSecretaryId = leader, startedOn = "2024-01-01" }), HttpStatusCode.Created);
        var id = team["id"]!.GetValue<long>();

        // 轮换 on the team's page, with its own form's token and the version it shows.
        var page = await SignInAsync("tl_admin");
        var html = await GetTextAsync(page, $"/fieldwork/teams/{id}");
        var successorName = "工作队" + NewName();
        var posted = await page.PostAsync($"/fieldwork/teams/{id}?handler=Rotate", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", AntiforgeryToken(html, "handler=Rotate")), new("Version", team["version"]!.ToString()),
            new("Name", successorName), new("FirstSecretaryId", successor.ToString()), new("MemberIds", member.ToString()), new("StartedOn", "2025-03-01"),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var teams = (await GetAsync(county, $"/api/v1/work-teams?region={village}")).AsArray().ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!);
        Assert.Equal("2025-02-28", teams[name]["endedOn"]!.GetValue<string>());
        var next = teams[successorName];
        Assert.Null(next["endedOn"]);
        Assert.Equal("2025-03-01", next["startedOn"]!.GetValue<string>());
        Assert.Equal(successor, next["firstSecretary"]!["cadreId"]!.GetValue<long>());
        Assert.Equal([member], next["members"]!.AsArray().Select(m => m!["cadreId"]!.GetValue<long>()));
        // An ended team has nothing to rotate; a successor cannot start before the team it follows.
        Assert.Contains("已结束驻村", await FieldError(await county.PostAsJsonAsync($"/api/v1/work-teams/{id}/rotate",
            new { name = "再轮换", firstSecretaryId = successor, startedOn = "2025-06-01", version = teams[name]["version"]!.GetValue<int>() }), "startedOn"));
        var nextId = next["id"]!.GetValue<long>();
        Assert.Contains("须晚于", await FieldError(await county.PostAsJsonAsync($"/api/v1/work-teams/{nextId}/rotate",
            new { name = "再轮换", firstSecretaryId = leader, startedOn = "2025-03-01", version = next["version"]!.GetValue<int>() }), "startedOn"));

        // 结束驻村 on the successor's page; then the list page's form creates the village's new team.
        html = await GetTextAsync(page, $"/fieldwork/teams/{nextId}");
        posted = await page.PostAsync($"/fieldwork/teams/{nextId}?handler=End", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", AntiforgeryToken(html, "handler=End")), new("Version", next["version"]!.ToString()), new("EndedOn", "2025-12-31"),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        html = await GetTextAsync(page, "/fieldwork/teams");
        var third = "工作队" + NewName();
        posted = await page.PostAsync("/fieldwork/teams", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", AntiforgeryToken(html, "新建工作队")), new("VillageCode", village), new("Name", third),
            new("FirstSecretaryId", leader.ToString()), new("StartedOn", "2026-01-01"),
        ]));
        Assert.Contains($"已新建驻村工作队 {third}", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        teams = (await GetAsync(county, $"/api/v1/work-teams?region={village}")).AsArray().ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!);
        Assert.Equal("2025-12-31", teams[successorName]["endedOn"]!.GetValue<string>());
        Assert.Null(teams[third]["endedOn"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqlitePickerAndTeamTests(SqliteApp app) : PickerAndTeamTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresPickerAndTeamTests(PostgresApp app) : PickerAndTeamTests(app);
