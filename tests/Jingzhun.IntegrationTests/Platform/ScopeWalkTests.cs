using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jingzhun.IntegrationTests.Infrastructure;
using Jingzhun.Web.Modules.Registry;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// Scope by construction, checked from outside: records are made in another township (and, for the village user and
/// the pairing cadre, elsewhere in their own township and village); then every GET operation of the OpenAPI document
/// and every page is asked for them — with no filter, and with every filter pointed at them — as the township, village
/// and cadre users. Not one answer may carry any of those records' unique texts.
/// </summary>
public abstract partial class ScopeWalkTests(TestApp app) : ApiTests(app)
{

    private sealed record Foreign(string[] Markers, Dictionary<string, string> Values, long[] Ids);

    /// <summary>Records of <paramref name="village"/> (in <paramref name="township"/>), each carrying a unique text.</summary>
    private async Task<Foreign> MakeRecordsAsync(string township, string village, string maker = "tl_admin")
    {
        var admin = await As(maker);
        var household = await RegisterAsync(admin, village);
        var member = NewName();
        await Ok(await admin.PostAsJsonAsync($"/api/v1/households/{household.Id}/members",
            new { member = Person(member, NewIdNumber(gender: Gender.Female), "Spouse") }), HttpStatusCode.Created);
        var problemText = "外镇问题" + NewName();
        var problem = await Ok(await admin.PostAsJsonAsync("/api/v1/problems",
            new { householdId = household.Id, dimension = "Housing", source = "Visit", severity = "Normal", description = problemText }), HttpStatusCode.Created);
        var leadText = "外镇线索" + NewName();
        var lead = await Ok(await admin.PostAsJsonAsync("/api/v1/monitoring/leads",
            new { householdId = household.Id, source = "CadreCheck", detail = leadText }), HttpStatusCode.Created);
        var cadreUser = $"scw{App.Next()}";
        await Ok(await (await As("admin")).PostAsJsonAsync("/api/v1/users",
            new { userName = cadreUser, displayName = "外镇干部", role = "Cadre", regionCode = village, password = "Jingzhun2026" }), HttpStatusCode.Created);
        var cadreName = NewName();
        var cadre = await Ok(await admin.PostAsJsonAsync("/api/v1/cadres", new
        {
            name = cadreName, unit = "外镇农业服务中心", phone = "13800003333", regionCode = village, activeFrom = "2020-01-01", userName = cadreUser,
        }), HttpStatusCode.Created);
        var cadreId = cadre["id"]!.GetValue<long>();
        await Ok(await admin.PostAsJsonAsync("/api/v1/pairings/bulk", new { householdIds = new[] { household.Id }, cadreId, startedOn = "2020-01-01" }));
        var cadreClient = await App.LoginAsync(cadreUser);
        var notes = "外镇走访" + NewName();
        var visit = await Ok(await cadreClient.PostAsJsonAsync("/api/v1/visits", new JsonObject
        {
            ["clientId"] = Guid.NewGuid().ToString(), ["householdId"] = household.Id, ["visitedAt"] = DateTime.UtcNow.AddHours(-2).ToString("O"),
            ["kind"] = "Monthly", ["latitude"] = 29.81, ["longitude"] = 106.05, ["accuracy"] = 15.0, ["notes"] = notes,
            ["photoIds"] = new JsonArray(), ["findings"] = new JsonArray(),
        }), HttpStatusCode.Created);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var reason = "外镇危难" + NewName();
        await Ok(await admin.PostAsJsonAsync("/api/v1/fieldwork/emergencies", new { householdId = household.Id, flaggedOn = today, reason }),
            HttpStatusCode.Created);
        var logText = "外镇日志" + NewName();
        await Ok(await cadreClient.PostAsJsonAsync("/api/v1/fieldwork/logs", new { date = today, text = logText, householdIds = new[] { household.Id } }),
            HttpStatusCode.Created);
        var attendees = "外镇研判" + NewName();
        await Ok(await admin.PostAsJsonAsync("/api/v1/fieldwork/meetings", new
        {
            townshipCode = township, heldOn = today, attendees,
            items = new object[] { new { problemId = problem["id"]!.GetValue<long>(), decision = "纳入危房改造", actedBy = "镇建设环保办", resolved = false } },
        }), HttpStatusCode.Created);
        // A job (就业帮扶) with a unique employer: its list, the member's view and the 务工结束 form.
        var headId = (await GetAsync(admin, $"/api/v1/households/{household.Id}"))["members"]![0]!["id"]!.GetValue<long>();
        var employer = "外镇就业单位" + NewName();
        var work = await Ok(await admin.PostAsJsonAsync("/api/v1/employment/jobs", new
        {
            memberId = headId, place = "InCounty", employer, months = 1, monthlyWage = 3000m, channel = "Own",
            startedOn = new DateOnly(DateTime.UtcNow.AddHours(8).Year, 1, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }), HttpStatusCode.Created);
        // A project (衔接项目库) bringing the household along, and an asset given to the household (资产台账).
        var projectName = "外镇项目" + NewName();
        var project = await Ok(await admin.PostAsJsonAsync("/api/v1/projects", new
        {
            name = projectName, year = DateTime.UtcNow.AddHours(8).Year, villageCodes = new[] { village }, category = "Industry", subType = "种植基地",
            implementingUnit = "外镇合作社", plannedStart = "2026-03-01", plannedEnd = "2026-10-31", targetHouseholds = 1, targetJobs = 0,
            targetIncomePerHousehold = 0, budget = new[] { new { source = "CentralBridging", amount = 10_000m } },
            beneficiaries = new[] { new { householdId = household.Id, benefit = "Dividends" } },
        }), HttpStatusCode.Created);
        var assetName = "外镇资产" + NewName();
        var asset = await Ok(await admin.PostAsJsonAsync("/api/v1/assets", new
        {
            name = assetName, @class = "Household", villageCode = village, quantity = 1, unit = "头", value = 8000m, owner = "Households",
            householdId = household.Id, custodian = "外镇管护员", registeredOn = "2020-01-01",
        }), HttpStatusCode.Created);
        var projectId = project["project"]!["id"]!.GetValue<long>();
        // A 资产核查 batch of the township with a 损毁 finding of that asset and its 整改.
        var checkName = "外镇核查" + NewName();
        var check = await Ok(await admin.PostAsJsonAsync("/api/v1/asset-checks", new
        {
            name = checkName, year = DateTime.UtcNow.AddHours(8).Year, regionCode = township, startOn = today, dueOn = today,
        }), HttpStatusCode.Created);
        var line = check["lines"]!.AsArray().Single(l => l!["assetId"]!.GetValue<long>() == asset["asset"]!["id"]!.GetValue<long>())!;
        var checkProblem = "外镇损毁" + NewName();
        var checkFinding = await Ok(await admin.PostAsJsonAsync($"/api/v1/asset-checks/lines/{line["id"]}/finding", new
        {
            version = line["version"]!.GetValue<int>(), finding = "Damaged", checkedOn = today, note = checkProblem, responsiblePerson = "外镇责任人",
            responsibleUnit = "外镇农业服务中心", deadline = today,
        }));
        // The village's collective economic organisation with an income, and an industry base of the township built by the project.
        // (One organisation per village: a later walk over the same village finds the first one's.)
        var collective = (await GetAsync(admin, $"/api/v1/collective/villages/{village}"))["organization"] as JsonObject
            ?? (await Ok(await admin.PostAsJsonAsync("/api/v1/collective/organizations",
                new { villageCode = village, name = "外镇集体" + NewName(), establishedOn = "2019-05-01", members = 300 }), HttpStatusCode.Created))["organization"]!;
        var (organizationId, collectiveName) = (collective["id"]!.GetValue<long>(), collective["name"]!.GetValue<string>());
        await Ok(await admin.PostAsJsonAsync($"/api/v1/collective/organizations/{organizationId}/incomes",
            new { year = DateTime.UtcNow.AddHours(8).Year, source = "Rent", amount = 5000m, note = collectiveName }));
        var baseName = "外镇基地" + NewName();
        var industryBase = await Ok(await admin.PostAsJsonAsync("/api/v1/industry/bases", new
        {
            regionCode = township, name = baseName, product = "蔬菜", areaMu = 100m, villageCodes = new[] { village }, households = 10, poorHouseholds = 2,
            operators = baseName + "合作社", linkMethod = "Orders", projectIds = new[] { projectId },
        }), HttpStatusCode.Created);
        // A settlement site (易地搬迁安置点) standing in the village.
        var siteName = "外镇安置点" + NewName();
        var site = await Ok(await admin.PostAsJsonAsync("/api/v1/partners/relocation/sites",
            new { communityCode = village, name = siteName, kind = "CentralVillage", management = siteName + "居委会" }), HttpStatusCode.Created);
        // 消费帮扶: a product of the village supplied by the household, and a sale of it.
        var productName = "外镇产品" + NewName();
        var buyerName = "外镇购买方" + NewName();
        var product = await Ok(await admin.PostAsJsonAsync("/api/v1/partners/consumption/products", new
        {
            regionCode = village, supplierName = productName + "合作社", supplierKind = "Cooperative", productName, category = "Tea",
            certificateNumber = "FPW" + Guid.NewGuid().ToString("N")[..12], validFrom = "2025-01-01", validTo = "2029-12-31", householdIds = new[] { household.Id },
        }), HttpStatusCode.Created);
        var productId = product["product"]!["id"]!.GetValue<long>();
        var sale = await Ok(await admin.PostAsJsonAsync("/api/v1/partners/consumption/sales", new
        {
            productId, buyerType = "Pairing", buyerName, amount = 321.09m, soldOn = today, channel = "Direct",
        }), HttpStatusCode.Created);
        // A 东西部协作 partnership of the village's county (county business: never shown below the county or to another county).
        var partnerName = "外镇协作方" + NewName();
        var partnership = await Ok(await admin.PostAsJsonAsync("/api/v1/partners/cooperation/partnerships", new
        {
            countyCode = village[..6], kind = "EastWest", partnerName, partnerRegionCode = "370783", sinceYear = 2021, contactUnit = "区乡村振兴局",
        }), HttpStatusCode.Created);
        // 大数据比对: a 车管 roster of the county naming the household's head, whose 疑点 belongs to the village.
        var period = "外镇期别" + NewName();
        var vehicle = "外镇车辆" + NewName();
        var roster = new MultipartFormDataContent
        {
            { new StringContent("Vehicle"), "kind" }, { new StringContent(period), "period" }, { new StringContent(village[..6]), "region" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"身份证号码,车辆价值,车辆类型\n{household.HeadId},90000,{vehicle}\n")), "file", "roster.csv" },
        };
        var batch = await Ok(await admin.PostAsync("/api/v1/matching/batches", roster), HttpStatusCode.Accepted);
        await WaitForJobAsync(admin, batch["jobId"]!.GetValue<long>());
        var doubt = (await GetAsync(admin, $"/api/v1/matching/doubts?householdId={household.Id}"))["items"]![0]!;
        Assert.Contains(vehicle, doubt["detail"]!.GetValue<string>());
        // 回头看: a campaign of the township, drawn (its sampled household is the village's).
        var campaignName = "外镇回头看" + NewName();
        var campaign = await Ok(await admin.PostAsJsonAsync("/api/v1/sampling/campaigns", new
        {
            region = township, name = campaignName, purpose = "ExitTruth", frame = "All", design = "Simple", margin = 0.2m, seed = 7,
        }), HttpStatusCode.Created);
        var campaignId = campaign["campaign"]!["id"]!.GetValue<long>();
        await Ok(await admin.PostAsync($"/api/v1/sampling/campaigns/{campaignId}/draw", null));
        long[] ids = [batch["id"]!.GetValue<long>(), doubt["id"]!.GetValue<long>(), campaignId, household.Id, problem["id"]!.GetValue<long>(), lead["id"]!.GetValue<long>(), cadreId, visit["visitId"]!.GetValue<long>(),
            work["jobs"]![0]!["id"]!.GetValue<long>(), projectId, asset["asset"]!["id"]!.GetValue<long>(), check["check"]!["id"]!.GetValue<long>(),
            line["id"]!.GetValue<long>(), checkFinding["rectifications"]![0]!["id"]!.GetValue<long>(), organizationId, industryBase["id"]!.GetValue<long>(),
            site["site"]!["id"]!.GetValue<long>(), productId, sale["id"]!.GetValue<long>(), partnership["partnership"]!["id"]!.GetValue<long>()];
        return new Foreign(
            [household.HeadName, household.Number, member, problemText, leadText, cadreName, notes, reason, logText, attendees, employer, projectName, assetName,
                checkName, checkProblem, collectiveName, baseName, siteName, productName, buyerName, partnerName, period, vehicle,
                // A campaign of the walker's own township rightly shows with the walker's own sampled households.
                .. (township == Township ? Array.Empty<string>() : [campaignName])],
            new(StringComparer.OrdinalIgnoreCase)
            {
                ["region"] = village, ["regionCode"] = village, ["village"] = village, ["villageCode"] = village, ["township"] = township,
                ["townshipCode"] = township, ["householdId"] = household.Id.ToString(CultureInfo.InvariantCulture),
                ["cadreId"] = cadreId.ToString(CultureInfo.InvariantCulture), ["q"] = household.HeadName,
                ["householdNumber"] = household.Number, ["projectId"] = projectId.ToString(CultureInfo.InvariantCulture),
                ["productId"] = productId.ToString(CultureInfo.InvariantCulture),
            },
            ids);
    }

    /// <summary>Every GET path of the OpenAPI document and every page route, filled in with <paramref name="f"/>'s ids and codes.</summary>
    private async Task<List<string>> UrlsAsync(Foreign f)
    {
        var urls = new List<string>();
        var doc = JsonNode.Parse(await App.Anonymous().GetStringAsync("/openapi/v1.json"))!;
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            if (item!["get"] is not { } get) continue;
            var query = (get["parameters"]?.AsArray() ?? []).Concat(item["parameters"]?.AsArray() ?? [])
                .Where(p => p!["in"]!.GetValue<string>() == "query").Select(p => p!["name"]!.GetValue<string>()).ToList();
            foreach (var filled in Fill(path, f))
            {
                urls.Add(filled);
                var pairs = query.Where(f.Values.ContainsKey).Select(q => $"{q}={Uri.EscapeDataString(f.Values[q])}").ToList();
                if (pairs.Count > 0) urls.Add(filled + "?" + string.Join("&", pairs));
                // Each filter alone as well: a handler that honours one filter may forget another.
                if (pairs.Count > 1) urls.AddRange(pairs.Select(p => filled + "?" + p));
            }
        }
        var pages = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Distinct().ToList();
        foreach (var page in pages.Where(p => !p.StartsWith("/error", StringComparison.Ordinal) && !p.Contains("logout", StringComparison.OrdinalIgnoreCase)))
            foreach (var filled in Fill(page, f))
            {
                urls.Add(filled);
                urls.AddRange(f.Values.Select(kv => $"{filled}?{kv.Key}={Uri.EscapeDataString(kv.Value)}"));
            }
        return urls;
    }

    /// <summary>The path with each {parameter} replaced by every foreign id (or code for code parameters).</summary>
    private static IEnumerable<string> Fill(string template, Foreign f)
    {
        var match = Regex.Match(template, @"\{(\w+)(:[^}]*)?\??\}");
        if (!match.Success) { yield return template; yield break; }
        var name = match.Groups[1].Value;
        IEnumerable<string> values = name.Contains("code", StringComparison.OrdinalIgnoreCase) || name is "region" or "county" or "province"
            ? [f.Values["village"], f.Values["township"]]
            : f.Ids.Select(i => i.ToString(CultureInfo.InvariantCulture));
        foreach (var v in values)
            foreach (var rest in Fill(template[..match.Index] + v + template[(match.Index + match.Length)..], f))
                yield return rest;
    }


    /// <summary>Walks every URL as <paramref name="user"/> (bearer for the API, cookie for pages); returns the leaks.</summary>
    private async Task<List<string>> WalkAsync(string user, Foreign f)
    {
        var api = await As(user);
        var pages = await SignInAsync(user);
        var leaks = new List<string>();
        foreach (var url in await UrlsAsync(f))
        {
            var client = url.StartsWith("/api/", StringComparison.Ordinal) ? api : pages;
            using var r = await client.GetAsync(url);
            if ((int)r.StatusCode >= 500) { leaks.Add($"{user} GET {url} → {(int)r.StatusCode}"); continue; }
            var body = await r.Content.ReadAsStringAsync();
            // A page echoes its own search box: a text the request itself carries is no leak.
            var asked = Uri.UnescapeDataString(url);
            foreach (var marker in f.Markers.Where(m => body.Contains(m, StringComparison.Ordinal) && !asked.Contains(m, StringComparison.Ordinal)))
                leaks.Add($"{user} GET {url} → {(int)r.StatusCode} shows “{marker}”");
        }
        return leaks;
    }

    [DbFact]
    public async Task No_list_detail_or_page_shows_a_township_user_anything_of_another_township()
    {
        var places = await PlacesAsync();
        var foreign = await MakeRecordsAsync(places.OtherTownship, places.OtherTownshipVillage);
        var leaks = await WalkAsync("tuqiao", foreign);
        Assert.True(leaks.Count == 0, $"{leaks.Count} answers out of scope:\n" + string.Join("\n", leaks.Take(60)));
    }

    [DbFact]
    public async Task No_list_detail_or_page_shows_a_village_user_anything_of_another_village_or_township()
    {
        var places = await PlacesAsync();
        var foreign = await MakeRecordsAsync(Township, places.SecondVillage);
        var leaks = await WalkAsync("village", foreign);
        Assert.True(leaks.Count == 0, $"{leaks.Count} answers out of scope:\n" + string.Join("\n", leaks.Take(60)));
    }

    [DbFact]
    public async Task No_list_detail_or_page_shows_the_county_admin_or_auditor_anything_of_another_county()
    {
        var places = await PlacesAsync();
        var foreign = await MakeRecordsAsync(places.OtherCountyVillage[..9], places.OtherCountyVillage, maker: "admin");
        var leaks = (await WalkAsync("tl_admin", foreign)).Concat(await WalkAsync("auditor", foreign)).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} answers out of scope:\n" + string.Join("\n", leaks.Take(60)));
    }

    [DbFact]
    public async Task A_page_filtered_by_a_household_outside_the_scope_answers_404_not_an_empty_list()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var theirs = await RegisterAsync(admin, places.OtherTownshipVillage);
        var ours = await RegisterAsync(admin, places.HomeVillage);
        var pages = await SignInAsync("tuqiao");
        foreach (var page in new[] { "/problems", "/fieldwork/visits", "/monitoring/leads", "/monitoring" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await pages.GetAsync($"{page}?householdId={theirs.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync($"{page}?householdId={ours.Id}")).StatusCode);
        }
    }

    [DbFact]
    public async Task A_pairing_cadre_sees_nothing_of_the_village_households_not_paired_with_them()
    {
        var places = await PlacesAsync();
        // The cadre has households of their own in the village; records of another household of the same village,
        // paired with another cadre, must not show.
        await PairWithDemoCadreAsync((await RegisterAsync(await As("tl_admin"), places.HomeVillage)).Id);
        var foreign = await MakeRecordsAsync(Township, places.HomeVillage);
        var leaks = await WalkAsync("cadre", foreign);
        Assert.True(leaks.Count == 0, $"{leaks.Count} answers out of scope:\n" + string.Join("\n", leaks.Take(60)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteScopeWalkTests(SqliteApp app) : ScopeWalkTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresScopeWalkTests(PostgresApp app) : ScopeWalkTests(app);
