using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jingzhun.IntegrationTests.Infrastructure;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// Optimistic concurrency of every editable record (issue 19): two people edit the same record from the same version;
/// the first save wins, the second answers 409 with "X已被 Y 于 T 修改…" naming the first editor and the time of their
/// save in Beijing time, and changes nothing. Edited one after the other, and at the same moment (exactly one wins).
/// The edit pages carry the version in a hidden field and show the same message over the kept input.
/// </summary>
public abstract partial class ConcurrencyTests(TestApp app) : ApiTests(app)
{
    [DbFact]
    public async Task Cadres()
    {
        var places = await PlacesAsync();
        var name = "干部" + NewName();
        var created = await Ok(await (await As("tl_admin")).PostAsJsonAsync("/api/v1/cadres",
            new { name, unit = "区农业农村委", regionCode = places.HomeVillage, activeFrom = "2024-01-01" }), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<long>();
        Assert.Equal(1, created["version"]!.GetValue<int>());
        await TwoEditorsAsync($"帮扶干部 {name}", "tl_admin", "admin",
            async c => (await GetAsync(c, $"/api/v1/cadres/{id}"))["version"]!.GetValue<int>(),
            (c, v, n) => c.PutAsJsonAsync($"/api/v1/cadres/{id}",
                new { name, unit = $"第{n}次修改", regionCode = places.HomeVillage, activeFrom = "2024-01-01", version = v }));
        // A request without the version read never overwrites.
        await Problem(await (await As("admin")).PutAsJsonAsync($"/api/v1/cadres/{id}",
            new { name, unit = "无版本", regionCode = places.HomeVillage, activeFrom = "2024-01-01" }), HttpStatusCode.Conflict);
        Assert.NotEqual("无版本", (await GetAsync(await As("admin"), $"/api/v1/cadres/{id}"))["unit"]!.GetValue<string>());
    }

    [DbFact]
    public async Task Work_teams()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        // A village of its own: one team in residence per village.
        var village = places.OtherTownshipVillage;
        var secretary = await Ok(await county.PostAsJsonAsync("/api/v1/cadres",
            new { name = "书记" + NewName(), unit = "区委组织部", regionCode = village, activeFrom = "2024-01-01" }), HttpStatusCode.Created);
        var secretaryId = secretary["id"]!.GetValue<long>();
        var name = "工作队" + NewName();
        var team = await Ok(await county.PostAsJsonAsync("/api/v1/work-teams",
            new { villageCode = village, name, firstSecretaryId = secretaryId, startedOn = "2024-01-01", endedOn = "2024-12-31" }), HttpStatusCode.Created);
        var id = team["id"]!.GetValue<long>();
        await TwoEditorsAsync($"驻村工作队 {name}", "tl_admin", "admin",
            async c => (await GetAsync(c, $"/api/v1/work-teams?region={village}")).AsArray()
                .Single(t => t!["id"]!.GetValue<long>() == id)!["version"]!.GetValue<int>(),
            (c, v, n) => c.PutAsJsonAsync($"/api/v1/work-teams/{id}",
                new { villageCode = village, name, firstSecretaryId = secretaryId, startedOn = $"2024-01-0{n}", endedOn = "2024-12-31", version = v }));
    }

    [DbFact]
    public async Task Users_by_their_concurrency_stamp()
    {
        var places = await PlacesAsync();
        var userName = "u" + Guid.NewGuid().ToString("N")[..10];
        var created = await Ok(await (await As("tl_admin")).PostAsJsonAsync("/api/v1/users", new
        {
            userName, displayName = "并发测试", role = "VillageOfficer", regionCode = places.HomeVillage, password = "Zq7#bnT4wLp9",
        }), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(created["concurrencyStamp"]!.GetValue<string>()));
        await TwoEditorsAsync($"用户 {userName}", "tl_admin", "admin",
            async c => (await GetAsync(c, $"/api/v1/users/{id}"))["concurrencyStamp"]!.GetValue<string>(),
            (c, stamp, n) => c.PutAsJsonAsync($"/api/v1/users/{id}",
                new { displayName = $"第{n}次修改", role = "VillageOfficer", regionCode = places.HomeVillage, locked = false, concurrencyStamp = stamp }));
    }

    [DbFact]
    public async Task Region_facts()
    {
        var places = await PlacesAsync();
        // Not a village the exit tests read (they expect no population there).
        var village = places.OtherTownshipVillage;
        var name = (await GetAsync(await As("admin"), $"/api/v1/regions/{village}"))["name"]!.GetValue<string>();
        await TwoEditorsAsync($"区划 {name}（{village}）的登记信息", "tl_admin", "admin",
            async c => (await GetAsync(c, $"/api/v1/regions/{village}"))["version"]!.GetValue<int>(),
            (c, v, n) => c.PutAsJsonAsync($"/api/v1/regions/{village}", new { ruralPopulation = 1000 + n, version = v }));
    }

    /// <summary>The four policy tables: a row of a place and year, read from the list; the national administrator twice.</summary>
    [DbTheory]
    [InlineData("/api/v1/guarantees/policies", "national", "两不愁三保障研判参数")]
    [InlineData("/api/v1/monitoring/policies", "national", "防返贫监测标准")]
    [InlineData("/api/v1/exit/standards", "national", "退出标准")]
    [InlineData("/api/v1/fieldwork/policies", County, "走访标准")]
    public async Task Policy_rows(string table, string place, string label)
    {
        var admin = await As("admin");
        var year = 2090 + App.Next() % 10;
        var key = place == "national" ? "" : place;
        // The values of a stored row (the visit standards have no seeded row: their defaults).
        var body = (await GetAsync(admin, table)).AsArray().FirstOrDefault()
            ?? JsonNode.Parse("""{"values":{"festivalDaysBefore":7,"festivalDaysAfter":7,"emergencyDays":3,"pairingGraceDays":10,"gpsThresholdMetres":1000,"lateEntryDays":3,"maxVisitsPerDay":12,"townshipSwitchMinutes":30}}""")!;
        var values = (body["values"] ?? body).AsObject().DeepClone().AsObject();
        foreach (var drop in new[] { "id", "provinceCode", "countyCode", "year", "updatedAt", "updatedBy", "version" }) values.Remove(drop);
        var what = $"{(key == "" ? "全国" : key)} {year}年起的{label}";

        // A new row needs no version; a second one without the version read is refused, naming who created it.
        var before = DateTime.UtcNow;
        await Ok(await admin.PutAsJsonAsync($"{table}/{place}/{year}", values));
        var after = DateTime.UtcNow;
        await StaleEditAsync(await admin.PutAsJsonAsync($"{table}/{place}/{year}", values), what, "admin", before, after);

        var login = table.Contains("fieldwork", StringComparison.Ordinal) ? "tl_admin" : "admin";
        await TwoEditorsAsync(what, login, "admin",
            async c =>
            {
                var row = (await GetAsync(c, table)).AsArray()
                    .Single(r => r!["year"]!.GetValue<int>() == year && (r["provinceCode"] ?? r["countyCode"])!.GetValue<string>() == key)!;
                return row["version"]!.GetValue<int>();
            },
            (c, v, n) => c.PutAsJsonAsync($"{table}/{place}/{year}?version={v}", values));
    }

    // --- pages --------------------------------------------------------------------------------------------------------

    [GeneratedRegex("name=\"(Version|ConcurrencyStamp)\" value=\"([^\"]*)\"")]
    private static partial Regex VersionField();

    [DbFact]
    public async Task The_cadre_page_keeps_the_version_read_and_shows_the_conflict_over_the_input()
    {
        var places = await PlacesAsync();
        var name = "干部" + NewName();
        var id = (await Ok(await (await As("tl_admin")).PostAsJsonAsync("/api/v1/cadres",
            new { name, unit = "区农业农村委", regionCode = places.HomeVillage, activeFrom = "2024-01-01" }), HttpStatusCode.Created))["id"]!.GetValue<long>();
        var page = await SignInAsync("tl_admin");
        var html = await GetTextAsync(page, $"/fieldwork/cadres/edit/{id}");
        Assert.Equal("1", VersionField().Match(html).Groups[2].Value);

        // Meanwhile someone else saves.
        var before = DateTime.UtcNow;
        await Ok(await (await As("admin")).PutAsJsonAsync($"/api/v1/cadres/{id}",
            new { name, unit = "镇人民政府", regionCode = places.HomeVillage, activeFrom = "2024-01-01", version = 1 }));
        var after = DateTime.UtcNow;

        var r = await page.PostAsync($"/fieldwork/cadres/edit/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(html), ["Version"] = VersionField().Match(html).Groups[2].Value,
            ["Name"] = name, ["Unit"] = "我填写的单位", ["RegionCode"] = places.HomeVillage, ["ActiveFrom"] = "2024-01-01",
        }));
        var shown = await r.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        AssertStaleMessage(System.Net.WebUtility.HtmlDecode(shown), $"帮扶干部 {name}", "admin", before, after);
        Assert.Contains("value=\"我填写的单位\"", shown);
        Assert.Equal("镇人民政府", (await GetAsync(await As("admin"), $"/api/v1/cadres/{id}"))["unit"]!.GetValue<string>());
    }

    [DbFact]
    public async Task The_user_page_keeps_the_stamp_read_and_shows_the_conflict_over_the_input()
    {
        var places = await PlacesAsync();
        var userName = "u" + Guid.NewGuid().ToString("N")[..10];
        var id = (await Ok(await (await As("admin")).PostAsJsonAsync("/api/v1/users", new
        {
            userName, displayName = "页面测试", role = "VillageOfficer", regionCode = places.HomeVillage, password = "Zq7#bnT4wLp9",
        }), HttpStatusCode.Created))["id"]!.GetValue<string>();
        var page = await SignInAsync("admin");
        var html = await GetTextAsync(page, $"/admin/users/{id}/edit");
        var stamp = VersionField().Match(html).Groups[2].Value;
        Assert.NotEmpty(stamp);

        var before = DateTime.UtcNow;
        await Ok(await (await As("tl_admin")).PutAsJsonAsync($"/api/v1/users/{id}",
            new { displayName = "县里改的", role = "VillageOfficer", regionCode = places.HomeVillage, locked = false, concurrencyStamp = stamp }));
        var after = DateTime.UtcNow;

        var r = await page.PostAsync($"/admin/users/{id}/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(html), ["ConcurrencyStamp"] = stamp,
            ["DisplayName"] = "我改的名字", ["Role"] = "VillageOfficer", ["RegionCode"] = places.HomeVillage,
        }));
        var shown = await r.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        AssertStaleMessage(System.Net.WebUtility.HtmlDecode(shown), $"用户 {userName}", "tl_admin", before, after);
        Assert.Contains("value=\"我改的名字\"", shown);
        Assert.Equal("县里改的", (await GetAsync(await As("admin"), $"/api/v1/users/{id}"))["displayName"]!.GetValue<string>());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteConcurrencyTests(SqliteApp app) : ConcurrencyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresConcurrencyTests(PostgresApp app) : ConcurrencyTests(app);
