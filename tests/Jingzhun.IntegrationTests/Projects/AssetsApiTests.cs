using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// 扶贫项目资产台账 through HTTP: an accepted project hands over its assets (checked lines, or one of its own value);
/// a 经营性 asset's income is shared out exactly (to the fen), approved by someone other than who proposed it, and paid,
/// the dividends reaching each household's 财产性收入 of that year (and so its exit check); status, 管护 and disposal
/// with its approval; scope (another township's asset is a 404) and bad input (400).
/// </summary>
public abstract class AssetsApiTests(TestApp app) : ApiTests(app)
{
    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static int LastYear => ChinaToday.Year - 1;
    /// <summary>The year of the income a new asset earns (an asset handed over today earns from this year on).</summary>
    private static int ThisYear => ChinaToday.Year;
    private static string Today => ChinaToday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<int> VersionAsync(HttpClient c, long id) => (await GetAsync(c, $"/api/v1/projects/{id}"))["project"]!["version"]!.GetValue<int>();

    private static async Task<JsonNode> DoAsync(HttpClient c, long id, string step, Action<JsonObject>? fields = null)
    {
        var body = new JsonObject { ["step"] = step, ["version"] = await VersionAsync(c, id) };
        fields?.Invoke(body);
        return await Ok(await c.PostAsJsonAsync($"/api/v1/projects/{id}/steps", body));
    }

    private static async Task<HttpResponseMessage> HandOverAsync(HttpClient c, long id, JsonArray? assets, string recipient = "VillageCollective") =>
        await c.PostAsJsonAsync($"/api/v1/projects/{id}/steps", new JsonObject
        {
            ["step"] = "HandOver", ["version"] = await VersionAsync(c, id), ["recipient"] = recipient, ["assets"] = assets,
        });

    /// <summary>A project of the village with the households as 入股分红 beneficiaries, walked to 验收 by the roles of each step.</summary>
    private async Task<long> AcceptedProjectAsync(string village, params long[] households)
    {
        var body = new JsonObject
        {
            ["name"] = "光伏电站项目" + NewName(), ["year"] = ChinaToday.Year, ["villageCodes"] = new JsonArray(village), ["category"] = "Industry",
            ["subType"] = "村级光伏电站", ["implementingUnit"] = "村股份经济合作社", ["plannedStart"] = $"{ChinaToday.Year}-01-01",
            ["plannedEnd"] = $"{ChinaToday.Year}-12-31", ["targetHouseholds"] = households.Length, ["targetJobs"] = 0, ["targetIncomePerHousehold"] = 100,
            ["budget"] = new JsonArray(new JsonObject { ["source"] = "CentralBridging", ["amount"] = 300_000m }),
            ["beneficiaries"] = new JsonArray([.. households.Select(h => (JsonNode)new JsonObject { ["householdId"] = h, ["benefit"] = "Dividends" })]),
        };
        var village0 = await As("village");
        var id = (await Ok(await village0.PostAsJsonAsync("/api/v1/projects", body), HttpStatusCode.Created))["project"]!["id"]!.GetValue<long>();
        var tuqiao = await As("tuqiao");
        var county = await As("tl_admin");
        await DoAsync(tuqiao, id, "Review");
        await DoAsync(county, id, "Approve");
        await DoAsync(county, id, "IssuePlan");
        await DoAsync(tuqiao, id, "Start");
        await DoAsync(tuqiao, id, "Complete");
        await DoAsync(county, id, "Accept", b => b["result"] = "Passed");
        return id;
    }

    private static JsonObject Line(string name, string cls, decimal value, long? household = null, string? village = null) => new()
    {
        ["name"] = name, ["class"] = cls, ["quantity"] = 1, ["unit"] = "座", ["value"] = value, ["householdId"] = household,
        ["villageCode"] = village, ["custodian"] = "村委会 李四",
    };

    private static JsonObject Plan(int year, decimal amount, decimal collective, decimal jobs, params (long Household, decimal Amount)[] dividends) => new()
    {
        ["year"] = year, ["amount"] = amount, ["toCollective"] = collective, ["toJobs"] = jobs,
        ["dividends"] = new JsonArray([.. dividends.Select(d => (JsonNode)new JsonObject { ["householdId"] = d.Household, ["amount"] = d.Amount })]),
    };

    /// <summary>The household's row of the exit list for this year (judged on this year's income).</summary>
    private static async Task<JsonNode> ExitRowAsync(HttpClient c, string village, Registered h) =>
        (await GetAsync(c, $"/api/v1/exit/households?region={village}&year={ThisYear}&q={Uri.EscapeDataString(h.HeadName)}"))["items"]!.AsArray()
        .Single(i => i!["id"]!.GetValue<long>() == h.Id)!;

    private static bool IncomeMet(JsonNode row) =>
        row["conditions"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "收入")!["met"]!.GetValue<bool>();

    [DbFact]
    public async Task An_accepted_project_hands_over_its_assets_and_their_income_reaches_the_households_income_and_its_exit_check()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var tuqiao = await As("tuqiao");
        // A poor household 100 yuan below the 4,000 yuan line this year (one person), and one with no income recorded for that year.
        var poor = await RegisterAsync(county, places.HomeVillage, new JsonObject
        {
            ["status"] = "NotExited", ["attribute"] = "General", ["identifiedYear"] = 2019, ["identificationStandard"] = "National",
            ["mainCause"] = "Illness", ["class321"] = "Watch", ["address"] = "测试地址3号", ["phone"] = "13812345678",
            ["foodSecure"] = true, ["clothingSecure"] = true, ["housingGrade"] = "A", ["waterLitresPerPersonDay"] = 40,
            ["waterQualityPassed"] = true, ["waterPiped"] = true, ["waterCutoffDaysPerYear"] = 10,
        });
        await Ok(await county.PutAsJsonAsync($"/api/v1/households/{poor.Id}/incomes/{ThisYear}", new { wageIncome = 3900m, householdSize = 1 }));
        var unrecorded = await RegisterAsync(county, places.HomeVillage);
        Assert.False(IncomeMet(await ExitRowAsync(county, places.HomeVillage, poor)));
        var id = await AcceptedProjectAsync(places.HomeVillage, poor.Id, unrecorded.Id);

        // The lines are checked: a 到户类 asset goes to one of the project's households, in one of its villages.
        Assert.Contains("受益户", await FieldError(await HandOverAsync(county, id, [Line("能繁母牛", "Household", 8000m)]), "assets[0].householdId"));
        var stranger = await RegisterAsync(county, places.HomeVillage);
        Assert.Contains("受益户", await FieldError(await HandOverAsync(county, id, [Line("能繁母牛", "Household", 8000m, stranger.Id)]), "assets[0].householdId"));
        Assert.Contains("项目所在的村",
            await FieldError(await HandOverAsync(county, id, [Line("光伏电站", "Operating", 1m, village: places.SecondVillage)]), "assets[0].villageCode"));
        Assert.Contains("两位小数", await FieldError(await HandOverAsync(county, id, [Line("光伏电站", "Operating", 0.001m)]), "assets[0].value"));
        await Problem(await HandOverAsync(county, id, [Line("光伏电站", "Nope", 1m)]), HttpStatusCode.BadRequest);
        Assert.Equal("Accepted", (await GetAsync(county, $"/api/v1/projects/{id}"))["project"]!["stage"]!.GetValue<string>());
        Assert.Equal(0, (await GetAsync(county, $"/api/v1/assets?projectId={id}"))["total"]!.GetValue<int>());

        var handed = await Ok(await HandOverAsync(county, id, [Line("村级光伏电站", "Operating", 292_000m), Line("能繁母牛", "Household", 8000m, poor.Id)]));
        Assert.Equal("HandedOver", handed["project"]!["stage"]!.GetValue<string>());
        Assert.Contains("登记资产2项（300000.00元）", handed["history"]!.AsArray()[^1]!["note"]!.GetValue<string>());
        var left = handed["assets"]!.AsArray();
        Assert.Equal(["村级光伏电站", "能繁母牛"], left.Select(a => a!["name"]!.GetValue<string>()));
        var listed = (await GetAsync(tuqiao, $"/api/v1/assets?projectId={id}"))["items"]!.AsArray();
        Assert.Equal(2, listed.Count);
        var plant = listed.Single(a => a!["class"]!.GetValue<string>() == "Operating")!;
        var cow = listed.Single(a => a!["class"]!.GetValue<string>() == "Household")!;
        Assert.Equal(("VillageCollective", places.HomeVillage, "村委会 李四", "Operating"), (plant["owner"]!.GetValue<string>(),
            plant["regionCode"]!.GetValue<string>(), plant["custodian"]!.GetValue<string>(), plant["status"]!.GetValue<string>()));
        Assert.Equal(("Households", poor.Id), (cow["owner"]!.GetValue<string>(), cow["householdId"]!.GetValue<long>()));
        var plantId = plant["id"]!.GetValue<long>();

        // Only a 经营性 asset has an income; its plan shares out exactly the income, not a fen more or less.
        Assert.Equal(HttpStatusCode.Conflict, (await tuqiao.PostAsJsonAsync($"/api/v1/assets/{cow["id"]}/incomes", Plan(ThisYear, 100m, 100m, 0))).StatusCode);
        Assert.Contains("尚有 0.01 元未分配", await FieldError(await tuqiao.PostAsJsonAsync($"/api/v1/assets/{plantId}/incomes",
            Plan(ThisYear, 1000m, 600m, 200m, (poor.Id, 150m), (unrecorded.Id, 49.99m))), "dividends"));
        Assert.Contains("超过收益", await FieldError(await tuqiao.PostAsJsonAsync($"/api/v1/assets/{plantId}/incomes",
            Plan(ThisYear, 1000m, 600m, 200m, (poor.Id, 150m), (unrecorded.Id, 50.01m))), "dividends"));
        Assert.Contains("不在范围内", await FieldError(await county.PostAsJsonAsync($"/api/v1/assets/{plantId}/incomes",
            Plan(ThisYear, 1000m, 800m, 0m, (poor.Id, 150m), ((await RegisterAsync(county, places.SecondVillage)).Id, 50m))), "dividends"));
        var proposed = await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/assets/{plantId}/incomes",
            Plan(ThisYear, 1000m, 600m, 200m, (poor.Id, 150m), (unrecorded.Id, 50m))));
        var income = proposed["incomes"]!.AsArray().Single()!;
        Assert.Equal(("Proposed", 200m), (income["status"]!.GetValue<string>(), income["toHouseholds"]!.GetValue<decimal>()));
        var incomeId = income["id"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.Conflict, (await tuqiao.PostAsJsonAsync($"/api/v1/assets/{plantId}/incomes", Plan(ThisYear, 10m, 10m, 0))).StatusCode);

        // Paid only once approved; approved by the county, not by the township that proposed it.
        Assert.Equal(HttpStatusCode.Forbidden, (await tuqiao.PostAsJsonAsync($"/api/v1/assets/incomes/{incomeId}/approve", new { version = 1 })).StatusCode);
        var early = await Problem(await county.PostAsJsonAsync($"/api/v1/assets/incomes/{incomeId}/pay", new { version = 1, paidOn = Today }), HttpStatusCode.Conflict);
        Assert.Contains("尚未审批", early["title"]!.GetValue<string>());
        var approved = await Ok(await county.PostAsJsonAsync($"/api/v1/assets/incomes/{incomeId}/approve", new { version = 1 }));
        Assert.Equal("tl_admin", approved["incomes"]![0]!["approvedBy"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await tuqiao.PostAsJsonAsync($"/api/v1/assets/incomes/{incomeId}/pay", new { version = 2, paidOn = Today })).StatusCode);
        Assert.Contains("不能晚于今天", await FieldError(await county.PostAsJsonAsync($"/api/v1/assets/incomes/{incomeId}/pay",
            new { version = 2, paidOn = ChinaToday.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }), "paidOn"));
        var paid = await Ok(await county.PostAsJsonAsync($"/api/v1/assets/incomes/{incomeId}/pay", new { version = 2, paidOn = Today }));
        Assert.Equal((1, 1), (paid["inIncome"]!.GetValue<int>(), paid["pending"]!.GetValue<int>()));
        var dividends = paid["view"]!["incomes"]![0]!["dividends"]!.AsArray();
        Assert.True(dividends.Single(d => d!["householdId"]!.GetValue<long>() == poor.Id)!["inIncome"]!.GetValue<bool>());
        Assert.False(dividends.Single(d => d!["householdId"]!.GetValue<long>() == unrecorded.Id)!["inIncome"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Conflict, (await county.PostAsJsonAsync($"/api/v1/assets/incomes/{incomeId}/pay", new { version = 3, paidOn = Today })).StatusCode);

        // The dividend is in the household's 财产性收入 of that year; 4,050 per person is now above the line: the exit check passes.
        var lines = (await GetAsync(county, $"/api/v1/households/{poor.Id}/incomes/{ThisYear}"))["lines"]!;
        Assert.Equal((150m, 150m, 3900m), (lines["propertyIncome"]!.GetValue<decimal>(), lines["assetDividendIncome"]!.GetValue<decimal>(),
            lines["wageIncome"]!.GetValue<decimal>()));
        Assert.True(IncomeMet(await ExitRowAsync(county, places.HomeVillage, poor)));
        // The household with no record of that year has none made of the dividend alone.
        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync($"/api/v1/households/{unrecorded.Id}/incomes/{ThisYear}")).StatusCode);

        // Every write is audited under the asset's and the plan's Chinese names.
        var admin = await As("admin");
        var audit = (await GetAsync(admin, $"/api/v1/audit?entityType=AssetIncome&pageSize=50&q={Uri.EscapeDataString($"资产 {plantId} {ThisYear}年收益")}"))["items"]!.AsArray();
        Assert.Equal(3, audit.Count);
    }

    [DbFact]
    public async Task Status_care_and_disposal_are_recorded_and_the_disposal_is_approved_by_someone_else()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var tuqiao = await As("tuqiao");
        var asset = await Ok(await tuqiao.PostAsJsonAsync("/api/v1/assets", new
        {
            name = "冷库" + NewName(), @class = "Operating", villageCode = places.SecondVillage, quantity = 1, unit = "座", value = 120_000m,
            owner = "VillageCollective", custodian = "王五", registeredOn = "2019-06-30",
        }), HttpStatusCode.Created);
        var id = asset["asset"]!["id"]!.GetValue<long>();
        int Version(JsonNode v) => v["asset"]!["version"]!.GetValue<int>();

        Assert.Contains("写明情况", await FieldError(await tuqiao.PostAsJsonAsync($"/api/v1/assets/{id}/update", new { version = 1, status = "Idle" }), "note"));
        Assert.Contains("申请处置", await FieldError(await tuqiao.PostAsJsonAsync($"/api/v1/assets/{id}/update", new { version = 1, status = "Disposed" }), "status"));
        var idle = await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/assets/{id}/update", new { version = 1, status = "Idle", custodian = "赵六", note = "经营主体退出" }));
        Assert.Equal(("Idle", "赵六"), (idle["asset"]!["status"]!.GetValue<string>(), idle["asset"]!["custodian"]!.GetValue<string>()));
        Assert.Equal(["登记存量资产", "经营主体退出", "管护责任人：王五 → 赵六"], idle["history"]!.AsArray().Select(h => h!["note"]!.GetValue<string>()));
        await Problem(await tuqiao.PostAsJsonAsync($"/api/v1/assets/{id}/update", new { version = 1, status = "Operating" }), HttpStatusCode.Conflict);

        Assert.Contains("不能晚于今天", await FieldError(await tuqiao.PostAsJsonAsync($"/api/v1/assets/{id}/cares", new
        {
            version = Version(idle), kind = "Repair", on = ChinaToday.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), finding = "压缩机维修", cost = 800m,
        }), "on"));
        // A 管护 record keeps its photos: one uploaded first; an id that is not a stored file is a 400 naming photoIds.
        Assert.Contains("管护照片不存在", await FieldError(await tuqiao.PostAsJsonAsync($"/api/v1/assets/{id}/cares", new
        {
            version = Version(idle), kind = "Repair", on = Today, finding = "压缩机维修", cost = 800m, photoIds = new[] { "no-such-photo" },
        }), "photoIds"));
        var photo = (await Ok(await tuqiao.PostAsync("/api/v1/files", new MultipartFormDataContent { { new ByteArrayContent(TinyPng()), "file", "维修现场.png" } }),
            HttpStatusCode.Created))["id"]!.GetValue<string>();
        var cared = await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/assets/{id}/cares", new
        {
            version = Version(idle), kind = "Repair", on = Today, finding = "压缩机维修", cost = 800m, photoIds = new[] { photo },
        }));
        Assert.Equal(("Repair", 800m), (cared["cares"]![0]!["kind"]!.GetValue<string>(), cared["cares"]![0]!["cost"]!.GetValue<decimal>()));
        Assert.Equal($"/api/v1/files/{photo}", Assert.Single(cared["cares"]![0]!["photos"]!.AsArray())!["url"]!.GetValue<string>());

        // Whoever proposes an income plan does not approve it: the county proposes, another administrator approves.
        var planned = await Ok(await county.PostAsJsonAsync($"/api/v1/assets/{id}/incomes", Plan(LastYear, 500m, 500m, 0)));
        var plan = planned["incomes"]![0]!;
        Assert.False(planned["canApproveIncome"]!.GetValue<bool>());
        Assert.Contains("拟定与审批须由不同的人办理", planned["dutyNote"]!.GetValue<string>());
        var selfApproved = await Problem(await county.PostAsJsonAsync($"/api/v1/assets/incomes/{plan["id"]}/approve", new { version = 1 }), HttpStatusCode.Forbidden);
        Assert.Contains("不同的人", selfApproved["title"]!.GetValue<string>());
        var byOther = await Ok(await (await AdminOtherThanAsync("tl_admin")).PostAsJsonAsync($"/api/v1/assets/incomes/{plan["id"]}/approve", new { version = 1 }));
        Assert.Equal("Approved", byOther["incomes"]![0]!["status"]!.GetValue<string>());

        // The county asks for disposal: the same person may not approve it; another does. A disposed asset keeps its record, unchanged.
        var asked = await Ok(await county.PostAsJsonAsync($"/api/v1/assets/{id}/disposal", new { version = Version(cared), reason = "设备老化无修复价值" }));
        Assert.True(asked["asset"]!["disposalPending"]!.GetValue<bool>());
        Assert.False(asked["canDecideDisposal"]!.GetValue<bool>());
        Assert.Contains("处置申请与审批须由不同的人办理", asked["dutyNote"]!.GetValue<string>());
        var self = await Problem(await county.PostAsJsonAsync($"/api/v1/assets/{id}/disposal/decision", new { version = Version(asked), approve = true }),
            HttpStatusCode.Forbidden);
        Assert.Contains("不同的人", self["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden,
            (await tuqiao.PostAsJsonAsync($"/api/v1/assets/{id}/disposal/decision", new { version = Version(asked), approve = true })).StatusCode);
        var other = await AdminOtherThanAsync("tl_admin");
        Assert.Contains("同意或不同意", await FieldError(await other.PostAsJsonAsync($"/api/v1/assets/{id}/disposal/decision", new { version = Version(asked) }), "approve"));
        var disposed = await Ok(await other.PostAsJsonAsync($"/api/v1/assets/{id}/disposal/decision", new { version = Version(asked), approve = true, note = "同意报废" }));
        Assert.Equal("Disposed", disposed["asset"]!["status"]!.GetValue<string>());
        Assert.Contains("批准处置（设备老化无修复价值）：同意报废", disposed["history"]!.AsArray()[^1]!["note"]!.GetValue<string>());
        await Problem(await tuqiao.PostAsJsonAsync($"/api/v1/assets/{id}/cares", new { version = Version(disposed), kind = "Inspection", on = Today, finding = "x", cost = 0 }),
            HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Conflict, (await tuqiao.PostAsJsonAsync($"/api/v1/assets/{id}/incomes", Plan(LastYear, 10m, 10m, 0))).StatusCode);
    }

    [DbFact]
    public async Task A_township_gets_nothing_of_another_townships_assets_and_bad_input_is_a_400()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var theirs = await Ok(await county.PostAsJsonAsync("/api/v1/assets", new
        {
            name = "产业路" + NewName(), @class = "PublicWelfare", villageCode = places.OtherTownshipVillage, quantity = 2.5m, unit = "公里", value = 900_000m,
            owner = "VillageCollective", registeredOn = "2020-01-01",
        }), HttpStatusCode.Created);
        var id = theirs["asset"]!["id"]!.GetValue<long>();
        var name = theirs["asset"]!["name"]!.GetValue<string>();
        var tuqiao = await As("tuqiao");
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.GetAsync($"/api/v1/assets/{id}")).StatusCode);
        Assert.Equal(0, (await GetAsync(tuqiao, $"/api/v1/assets?q={Uri.EscapeDataString(name)}"))["total"]!.GetValue<int>());
        Assert.Equal(1, (await GetAsync(county, $"/api/v1/assets?q={Uri.EscapeDataString(name)}"))["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync($"/api/v1/assets/{id}/update", new { version = 1, custodian = "某人" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync($"/api/v1/assets/{id}/cares", new { version = 1, kind = "Inspection", on = Today, finding = "x", cost = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync($"/api/v1/assets/{id}/disposal", new { version = 1, reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync($"/api/v1/assets/{id}/incomes", Plan(LastYear, 10m, 10m, 0))).StatusCode);
        Assert.Equal(0, (await GetAsync(tuqiao, $"/api/v1/assets?region={places.OtherTownship}"))["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync("/api/v1/assets", new
        {
            name = "冷库", @class = "Operating", villageCode = places.OtherTownshipVillage, quantity = 1, unit = "座", value = 1m, owner = "VillageCollective",
            registeredOn = "2020-01-01",
        })).StatusCode);
        // An export holds only the reader's region.
        using (var all = new MemoryStream(await (await county.GetAsync($"/api/v1/assets/export?q={Uri.EscapeDataString(name)}")).Content.ReadAsByteArrayAsync()))
            Assert.Contains(all.Query(useHeaderRow: true, startCell: "A2").Cast<IDictionary<string, object>>(), row => row.Values.Any(v => v?.ToString() == name));
        var export = await tuqiao.GetAsync($"/api/v1/assets/export?q={Uri.EscapeDataString(name)}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using (var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync()))
            Assert.DoesNotContain(stream.Query(useHeaderRow: true, startCell: "A2").Cast<IDictionary<string, object>>(),
                row => row.Values.Any(v => v?.ToString() == name));
        // A village officer sees the ledger and does nothing to it.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await As("village")).PostAsJsonAsync("/api/v1/assets", new { })).StatusCode);

        // Bad input is a 400: unknown enums, wrong types, empty bodies, a 到户类 asset without its household, an owner that does not fit.
        Assert.Equal(HttpStatusCode.BadRequest, (await county.GetAsync("/api/v1/assets?class=Nope")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.GetAsync("/api/v1/assets?projectId=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.PostAsync("/api/v1/assets", new StringContent("", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.PostAsJsonAsync($"/api/v1/assets/{id}/update", new { version = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.PostAsJsonAsync($"/api/v1/assets/{id}/cares", new { version = 1, kind = "Polish", on = Today, finding = "x" })).StatusCode);
        JsonObject Register(Action<JsonObject> change)
        {
            var b = new JsonObject
            {
                ["name"] = "农机", ["class"] = "Household", ["villageCode"] = places.HomeVillage, ["quantity"] = 1, ["unit"] = "台", ["value"] = 5000m,
                ["owner"] = "Households", ["registeredOn"] = "2020-01-01",
            };
            change(b);
            return b;
        }
        Assert.Contains("受益户", await FieldError(await county.PostAsJsonAsync("/api/v1/assets", Register(_ => { })), "householdId"));
        Assert.Contains("归受益户所有", await FieldError(await county.PostAsJsonAsync("/api/v1/assets", Register(b => b["owner"] = "VillageCollective")), "owner"));
        Assert.Contains("村", await FieldError(await county.PostAsJsonAsync("/api/v1/assets", Register(b => b["villageCode"] = Township)), "villageCode"));
        Assert.Contains("数量", await FieldError(await county.PostAsJsonAsync("/api/v1/assets", Register(b => b["quantity"] = 0)), "quantity"));
        Assert.Contains("不能超过100个字", await FieldError(await county.PostAsJsonAsync("/api/v1/assets", Register(b => b["name"] = new string('资', 101))), "name"));
    }

    [DbFact]
    public async Task A_long_ledger_is_counted_to_1000_plus_past_the_page_and_exactly_when_it_is_short()
    {
        var places = await PlacesAsync();
        var marker = "封顶计数" + NewName();
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Jingzhun.Web.Platform.Data.AppDbContext>();
            db.AddRange(Enumerable.Range(1, 1005).Select(i => Jingzhun.Web.Modules.Projects.Assets.ProjectAsset.Register(null, $"{marker}-{i}",
                i <= 3 ? Jingzhun.Web.Modules.Projects.Assets.AssetClass.Operating : Jingzhun.Web.Modules.Projects.Assets.AssetClass.PublicWelfare,
                places.HomeVillage, 1, "座", 1_000m, Jingzhun.Web.Modules.Projects.AssetRecipient.VillageCollective, null, "", new DateOnly(2020, 1, 1),
                DateTime.UtcNow, "test", "测试数据")));
            await db.SaveChangesAsync();
        }
        var county = await As("tl_admin");
        var q = Uri.EscapeDataString(marker);
        // The first page: counted 1,000 rows past its start, then “1000+”.
        var first = await GetAsync(county, $"/api/v1/assets?q={q}&pageSize=20");
        Assert.Equal(1000, first["total"]!.GetValue<int>());
        Assert.True(first["capped"]!.GetValue<bool>());
        Assert.Equal(20, first["items"]!.AsArray().Count);
        Assert.Equal($"{marker}-1005", first["items"]![0]!["name"]!.GetValue<string>());
        // A page near the end: the rest is within 1,000 rows of its start, so the count is exact.
        var last = await GetAsync(county, $"/api/v1/assets?q={q}&pageSize=200&page=6");
        Assert.Equal(1005, last["total"]!.GetValue<int>());
        Assert.False(last["capped"]!.GetValue<bool>());
        Assert.Equal(5, last["items"]!.AsArray().Count);
        // A short list is counted exactly.
        var few = await GetAsync(county, $"/api/v1/assets?q={q}&class=Operating");
        Assert.Equal(3, few["total"]!.GetValue<int>());
        Assert.False(few["capped"]!.GetValue<bool>());
        // The page says so, and offers the next page.
        var html = WebUtility.HtmlDecode(await county.GetStringAsync($"/projects/assets?q={q}"));
        Assert.Contains("共 1,000+ 项资产", html);
        Assert.Contains("共 1000+ 项，50+ 页", html);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteAssetsApiTests(SqliteApp app) : AssetsApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAssetsApiTests(PostgresApp app) : AssetsApiTests(app);
