namespace Jingzhun.IntegrationTests;

/// <summary>
/// 主导产业 are registered on the county; its townships and villages read them (on /projects/industry, through the API
/// and in the base form's choice) but never another county's, and never register one.
/// </summary>
public abstract class CollectiveIndustryApiTests(TestApp app) : ApiTests(app)
{
    private static List<string> Names(JsonNode view) => [.. view["industries"]!.AsArray().Select(i => i!["name"]!.GetValue<string>())];

    [DbFact]
    public async Task A_township_and_a_village_read_their_countys_leading_industries_and_nothing_of_another_county()
    {
        var places = await PlacesAsync();
        var ours = "精品蔬菜" + NewName();
        var theirs = "生态茶叶" + NewName();
        var ourId = (await Ok(await (await As("tl_admin")).PostAsJsonAsync("/api/v1/industry/industries",
            new { countyCode = County, name = ours, product = "莴笋、辣椒" }), HttpStatusCode.Created))["id"]!.GetValue<long>();
        var theirId = (await Ok(await (await As("admin")).PostAsJsonAsync("/api/v1/industry/industries",
            new { countyCode = places.OtherCounty, name = theirs, product = "绿茶" }), HttpStatusCode.Created))["id"]!.GetValue<long>();

        foreach (var user in new[] { "tuqiao", "village" })
        {
            var c = await As(user);
            var view = await GetAsync(c, "/api/v1/industry");
            Assert.Contains(ours, Names(view));
            Assert.DoesNotContain(theirs, Names(view));
            Assert.All(view["industries"]!.AsArray(), i => Assert.Equal(County, i!["countyCode"]!.GetValue<string>()));
            Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"/api/v1/industry?region={places.OtherCounty}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"/api/v1/industry?region={places.OtherTownship}")).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await c.GetAsync("/api/v1/industry?region=12x")).StatusCode);
            // Reading is not registering.
            Assert.Equal(HttpStatusCode.Forbidden, (await c.PostAsJsonAsync("/api/v1/industry/industries",
                new { countyCode = County, name = "x" + NewName(), product = "x" })).StatusCode);
            var page = await GetTextAsync(await SignInAsync(user), "/projects/industry");
            Assert.Contains(ours, page);
            Assert.DoesNotContain(theirs, page);
            Assert.DoesNotContain("登记主导产业", page);
        }

        // The township's base grows its county's industry, not another county's.
        var tuqiao = await As("tuqiao");
        var form = await GetTextAsync(await SignInAsync("tuqiao"), "/projects/industry/bases/new");
        Assert.Contains(ours, form);
        Assert.DoesNotContain(theirs, form);
        JsonObject Base(long industryId) => new()
        {
            ["regionCode"] = Township, ["industryId"] = industryId, ["name"] = "土桥基地" + NewName(), ["product"] = "莴笋", ["areaMu"] = 80m,
            ["villageCodes"] = new JsonArray(places.HomeVillage), ["households"] = 30, ["poorHouseholds"] = 4, ["operators"] = "土桥蔬菜专业合作社",
            ["linkMethod"] = "Employment", ["projectIds"] = new JsonArray(),
        };
        Assert.Contains("主导产业", await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/industry/bases", Base(theirId)), "industryId"));
        var made = await Ok(await tuqiao.PostAsJsonAsync("/api/v1/industry/bases", Base(ourId)), HttpStatusCode.Created);
        Assert.Equal(ours, made["industryName"]!.GetValue<string>());
        var listed = (await GetAsync(tuqiao, "/api/v1/industry"))["industries"]!.AsArray().Single(i => i!["id"]!.GetValue<long>() == ourId)!;
        Assert.Equal(1, listed["bases"]!.GetValue<int>());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCollectiveIndustryApiTests(SqliteApp app) : CollectiveIndustryApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCollectiveIndustryApiTests(PostgresApp app) : CollectiveIndustryApiTests(app);
