using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// 资产核查 through HTTP: a batch lists exactly the region's assets that are not 已处置; findings are recorded line by
/// line, a problem opens its 整改 and the ledger follows (闲置 and 损毁 set the asset's status, 缺失 is written into its
/// history); the 整改 is verified by someone other than who recorded it; the batch closes only when every line is
/// checked; the export holds the findings. Another township's batch is a 404 to the township; bad input is a 400.
/// </summary>
public abstract class AssetChecksApiTests(TestApp app) : ApiTests(app)
{
    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Today => Day(ChinaToday);

    private async Task<long> AssetAsync(HttpClient c, string village, string name) =>
        (await Ok(await c.PostAsJsonAsync("/api/v1/assets", new
        {
            name, @class = "PublicWelfare", villageCode = village, quantity = 1, unit = "座", value = 50_000m, owner = "VillageCollective",
            custodian = "村委会", registeredOn = "2020-01-01",
        }), HttpStatusCode.Created))["asset"]!["id"]!.GetValue<long>();

    private static object Campaign(string region, string? name = null) => new
    {
        name = name ?? "资产核查" + region, year = ChinaToday.Year, regionCode = region, startOn = Today, dueOn = Day(ChinaToday.AddDays(30)),
    };

    /// <summary>Every asset of the region the reader sees that is not 已处置, through the ledger's own list.</summary>
    private static async Task<HashSet<long>> UndisposedAsync(HttpClient c, string region)
    {
        var ids = new HashSet<long>();
        for (var page = 1; ; page++)
        {
            var result = await GetAsync(c, $"/api/v1/assets?region={region}&pageSize=200&page={page}");
            var items = result["items"]!.AsArray();
            foreach (var a in items.Where(a => a!["status"]!.GetValue<string>() != "Disposed")) ids.Add(a!["id"]!.GetValue<long>());
            if (items.Count < 200) return ids;
        }
    }

    private static JsonNode LineOf(JsonNode view, long assetId) => view["lines"]!.AsArray().Single(l => l!["assetId"]!.GetValue<long>() == assetId)!;

    private static JsonObject Finding(JsonNode line, string finding, string? note = null, bool withFix = true) => new()
    {
        ["version"] = line["version"]!.GetValue<int>(), ["finding"] = finding, ["checkedOn"] = Today, ["note"] = note,
        ["responsiblePerson"] = withFix ? "张三" : null, ["responsibleUnit"] = withFix ? "土桥镇农业服务中心" : null,
        ["deadline"] = withFix ? Day(ChinaToday.AddDays(15)) : null,
    };

    private static Task<HttpResponseMessage> RecordAsync(HttpClient c, JsonNode line, JsonObject body) =>
        c.PostAsJsonAsync($"/api/v1/asset-checks/lines/{line["id"]}/finding", body);

    private static async Task<JsonNode> AssetOf(HttpClient c, long id) => await GetAsync(c, $"/api/v1/assets/{id}");

    [DbFact]
    public async Task A_batch_lists_the_townships_undisposed_assets_problems_open_rectifications_and_the_ledger_follows()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var county = await As("tl_admin");
        var exists = await AssetAsync(tuqiao, places.HomeVillage, "村级光伏电站" + NewName());
        var damaged = await AssetAsync(tuqiao, places.HomeVillage, "冷库" + NewName());
        var missing = await AssetAsync(tuqiao, places.SecondVillage, "农机" + NewName());
        var idle = await AssetAsync(tuqiao, places.SecondVillage, "加工厂房" + NewName());
        // A disposed asset and another township's are not listed.
        var disposed = await AssetAsync(tuqiao, places.SecondVillage, "旧水池" + NewName());
        await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/assets/{disposed}/disposal", new { version = 1, reason = "损毁无修复价值" }));
        await Ok(await county.PostAsJsonAsync($"/api/v1/assets/{disposed}/disposal/decision", new { version = 2, approve = true }));
        var elsewhere = await AssetAsync(county, places.OtherTownshipVillage, "外镇产业路" + NewName());

        var expected = await UndisposedAsync(tuqiao, Township);
        var made = await Ok(await tuqiao.PostAsJsonAsync("/api/v1/asset-checks", Campaign(Township, "2026年土桥镇资产核查" + NewName())), HttpStatusCode.Created);
        var id = made["check"]!["id"]!.GetValue<long>();
        var listed = made["lines"]!.AsArray().Select(l => l!["assetId"]!.GetValue<long>()).ToHashSet();
        Assert.Equal(expected, listed);
        Assert.Equal(listed.Count, made["lines"]!.AsArray().Count);
        Assert.Superset(new HashSet<long> { exists, damaged, missing, idle }, listed);
        Assert.DoesNotContain(disposed, listed);
        Assert.DoesNotContain(elsewhere, listed);
        Assert.Equal((listed.Count, 0, "Open"), (made["check"]!["lines"]!.GetValue<int>(), made["check"]!["checked"]!.GetValue<int>(),
            made["check"]!["status"]!.GetValue<string>()));

        // Closed only when every line is checked.
        var early = await Problem(await tuqiao.PostAsJsonAsync($"/api/v1/asset-checks/{id}/close", new { version = 1 }), HttpStatusCode.Conflict);
        Assert.Contains($"尚有{listed.Count}项资产未核查", early["title"]!.GetValue<string>());

        // A problem needs what was found, who rectifies it and by when.
        Assert.Contains("写明", await FieldError(await RecordAsync(tuqiao, LineOf(made, damaged), Finding(LineOf(made, damaged), "Damaged")), "note"));
        Assert.Contains("整改责任人", await FieldError(await RecordAsync(tuqiao, LineOf(made, damaged),
            Finding(LineOf(made, damaged), "Damaged", "冷库压缩机损坏", withFix: false)), "responsiblePerson"));
        var lateFix = Finding(LineOf(made, damaged), "Damaged", "冷库压缩机损坏");
        lateFix["deadline"] = Day(ChinaToday.AddDays(-1));
        Assert.Contains("整改时限", await FieldError(await RecordAsync(tuqiao, LineOf(made, damaged), lateFix), "deadline"));

        var view = await Ok(await RecordAsync(tuqiao, LineOf(made, exists), Finding(LineOf(made, exists), "Exists", "设施完好", withFix: false)));
        view = await Ok(await RecordAsync(tuqiao, LineOf(view, damaged), Finding(LineOf(view, damaged), "Damaged", "冷库压缩机损坏")));
        view = await Ok(await RecordAsync(tuqiao, LineOf(view, missing), Finding(LineOf(view, missing), "Missing", "农机去向不明")));
        view = await Ok(await RecordAsync(tuqiao, LineOf(view, idle), Finding(LineOf(view, idle), "Idle", "经营主体退出")));
        Assert.Equal(HttpStatusCode.Conflict, (await RecordAsync(tuqiao, LineOf(view, exists), Finding(LineOf(view, exists), "Idle", "再登记"))).StatusCode);

        // Each problem has its 整改; the existing asset has none.
        var fixes = view["rectifications"]!.AsArray();
        Assert.Equal(new[] { damaged, missing, idle }.Order(), fixes.Select(r => r!["assetId"]!.GetValue<long>()).Order());
        Assert.All(fixes, r => Assert.Equal("Pending", r!["status"]!.GetValue<string>()));
        Assert.Null(LineOf(view, exists)["rectificationId"]?.GetValue<long?>());
        var fix = fixes.Single(r => r!["assetId"]!.GetValue<long>() == damaged)!;
        Assert.Equal(("冷库压缩机损坏", "张三", "土桥镇农业服务中心"), (fix["problem"]!.GetValue<string>(), fix["responsiblePerson"]!.GetValue<string>(),
            fix["responsibleUnit"]!.GetValue<string>()));
        Assert.Equal((4, 3), (view["check"]!["checked"]!.GetValue<int>(), view["check"]!["problems"]!.GetValue<int>()));

        // The ledger follows: 损毁 and 闲置 are the assets' status, with the check in their history; 缺失 is in the history.
        var damagedAsset = await AssetOf(tuqiao, damaged);
        Assert.Equal("Damaged", damagedAsset["asset"]!["status"]!.GetValue<string>());
        Assert.Contains("资产核查", damagedAsset["history"]!.AsArray()[^1]!["note"]!.GetValue<string>());
        Assert.Contains("冷库压缩机损坏", damagedAsset["history"]!.AsArray()[^1]!["note"]!.GetValue<string>());
        Assert.Equal("Idle", (await AssetOf(tuqiao, idle))["asset"]!["status"]!.GetValue<string>());
        var missingAsset = await AssetOf(tuqiao, missing);
        Assert.Equal("Operating", missingAsset["asset"]!["status"]!.GetValue<string>());
        Assert.Contains("资产缺失，农机去向不明", missingAsset["history"]!.AsArray()[^1]!["note"]!.GetValue<string>());
        Assert.Equal("Operating", (await AssetOf(tuqiao, exists))["asset"]!["status"]!.GetValue<string>());

        // 整改 then 核实 by someone else: the township that recorded it may not verify it; a village officer verifies nothing.
        var fixId = fix["id"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.Conflict, (await county.PostAsJsonAsync($"/api/v1/asset-checks/rectifications/{fixId}/verify",
            new { version = 1, passed = true })).StatusCode);
        Assert.Contains("整改情况", await FieldError(await tuqiao.PostAsJsonAsync($"/api/v1/asset-checks/rectifications/{fixId}/done",
            new { version = 1, rectifiedOn = Today }), "measure"));
        var done = await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/asset-checks/rectifications/{fixId}/done",
            new { version = 1, measure = "已更换压缩机，恢复使用", rectifiedOn = Today }));
        var doneFix = done["rectifications"]!.AsArray().Single(r => r!["id"]!.GetValue<long>() == fixId)!;
        Assert.Equal(("Done", "tuqiao"), (doneFix["status"]!.GetValue<string>(), doneFix["rectifiedBy"]!.GetValue<string>()));
        Assert.False(doneFix["canVerify"]!.GetValue<bool>());
        Assert.Contains("不同的人", doneFix["dutyNote"]!.GetValue<string>());
        var self = await Problem(await tuqiao.PostAsJsonAsync($"/api/v1/asset-checks/rectifications/{fixId}/verify", new { version = 2, passed = true }),
            HttpStatusCode.Forbidden);
        Assert.Contains("不同的人", self["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await As("village")).PostAsJsonAsync($"/api/v1/asset-checks/rectifications/{fixId}/verify",
            new { version = 2, passed = true })).StatusCode);
        Assert.Contains("核实通过或退回", await FieldError(await county.PostAsJsonAsync($"/api/v1/asset-checks/rectifications/{fixId}/verify",
            new { version = 2 }), "passed"));
        var verified = await Ok(await county.PostAsJsonAsync($"/api/v1/asset-checks/rectifications/{fixId}/verify", new { version = 2, passed = true }));
        Assert.Equal(("Verified", "tl_admin"), (verified["rectifications"]!.AsArray().Single(r => r!["id"]!.GetValue<long>() == fixId)!["status"]!.GetValue<string>(),
            verified["rectifications"]!.AsArray().Single(r => r!["id"]!.GetValue<long>() == fixId)!["verifiedBy"]!.GetValue<string>()));

        // A returned 整改 goes back to 待整改 with its reason.
        var missingFix = fixes.Single(r => r!["assetId"]!.GetValue<long>() == missing)!["id"]!.GetValue<long>();
        await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/asset-checks/rectifications/{missingFix}/done", new { version = 1, measure = "已找到", rectifiedOn = Today }));
        Assert.Contains("原因", await FieldError(await county.PostAsJsonAsync($"/api/v1/asset-checks/rectifications/{missingFix}/verify",
            new { version = 2, passed = false }), "note"));
        var returned = await Ok(await county.PostAsJsonAsync($"/api/v1/asset-checks/rectifications/{missingFix}/verify",
            new { version = 2, passed = false, note = "未见实物" }));
        var back = returned["rectifications"]!.AsArray().Single(r => r!["id"]!.GetValue<long>() == missingFix)!;
        Assert.Equal(("Pending", "未见实物"), (back["status"]!.GetValue<string>(), back["returnReason"]!.GetValue<string>()));

        // Every other line checked: the batch closes, and takes no more findings.
        foreach (var line in returned["lines"]!.AsArray().Where(l => l!["finding"] is null).ToList())
            returned = await Ok(await RecordAsync(tuqiao, line!, Finding(line!, "Exists", withFix: false)));
        var closed = await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/asset-checks/{id}/close", new { version = 1 }));
        Assert.Equal(("Closed", listed.Count, listed.Count), (closed["check"]!["status"]!.GetValue<string>(), closed["check"]!["checked"]!.GetValue<int>(),
            closed["check"]!["lines"]!.GetValue<int>()));
        Assert.Equal(HttpStatusCode.Conflict, (await tuqiao.PostAsJsonAsync($"/api/v1/asset-checks/{id}/close", new { version = 2 })).StatusCode);

        // The list shows the progress: problems found, 整改 done and verified.
        var row = (await GetAsync(tuqiao, $"/api/v1/asset-checks?region={Township}&status=Closed&pageSize=200"))["items"]!.AsArray()
            .Single(c => c!["id"]!.GetValue<long>() == id)!;
        Assert.Equal((3, 1, 1), (row["problems"]!.GetValue<int>(), row["rectified"]!.GetValue<int>(), row["verified"]!.GetValue<int>()));

        // The export lists the findings with their 整改.
        var export = await tuqiao.GetAsync($"/api/v1/asset-checks/{id}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using (var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync()))
        {
            var rows = stream.Query(useHeaderRow: true, startCell: "A2").Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(listed.Count, rows.Count);
            var cold = rows.Single(r => Convert.ToInt64(r["资产编号"], CultureInfo.InvariantCulture) == damaged);
            Assert.Equal(("损毁", "已核实", "已更换压缩机，恢复使用"), (cold["核查结果"]?.ToString(), cold["整改状态"]?.ToString(), cold["整改情况"]?.ToString()));
        }

        // The asset's page lists what the checks found; every write is audited.
        Assert.Contains("冷库压缩机损坏", await (await SignInAsync("tuqiao")).GetStringAsync($"/projects/assets/{damaged}"));
        var audit = (await GetAsync(await As("admin"), $"/api/v1/audit?entityType=AssetRectification&pageSize=50&q={Uri.EscapeDataString($"资产整改 {fixId} ")}"))["items"]!.AsArray();
        Assert.Equal(3, audit.Count);
    }

    [DbFact]
    public async Task A_township_gets_nothing_of_another_townships_batch_and_bad_input_is_a_400()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var tuqiao = await As("tuqiao");
        var asset = await AssetAsync(county, places.OtherTownshipVillage, "外镇冷库" + NewName());
        var second = await AssetAsync(county, places.OtherTownshipVillage, "外镇水池" + NewName());
        var name = "外镇核查" + NewName();
        var theirs = await Ok(await county.PostAsJsonAsync("/api/v1/asset-checks", Campaign(places.OtherTownship, name)), HttpStatusCode.Created);
        var id = theirs["check"]!["id"]!.GetValue<long>();
        var line = LineOf(theirs, asset);
        var found = await Ok(await RecordAsync(county, line, Finding(line, "Damaged", "外镇冷库损坏")));
        var fixId = found["rectifications"]!.AsArray().Single(r => r!["assetId"]!.GetValue<long>() == asset)!["id"]!.GetValue<long>();

        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.GetAsync($"/api/v1/asset-checks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.GetAsync($"/api/v1/asset-checks/{id}/export")).StatusCode);
        static IEnumerable<long> Ids(JsonNode page) => page["items"]!.AsArray().Select(c => c!["id"]!.GetValue<long>());
        Assert.DoesNotContain(id, Ids(await GetAsync(tuqiao, "/api/v1/asset-checks?pageSize=200")));
        Assert.Equal(0, (await GetAsync(tuqiao, $"/api/v1/asset-checks?region={places.OtherTownship}"))["total"]!.GetValue<int>());
        Assert.Contains(id, Ids(await GetAsync(county, $"/api/v1/asset-checks?region={places.OtherTownship}&pageSize=200")));
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync($"/api/v1/asset-checks/{id}/close", new { version = 1 })).StatusCode);
        var other = LineOf(found, asset);
        Assert.Equal(HttpStatusCode.NotFound, (await RecordAsync(tuqiao, other, Finding(other, "Exists", withFix: false))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync($"/api/v1/asset-checks/rectifications/{fixId}/done",
            new { version = 1, measure = "x", rectifiedOn = Today })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync($"/api/v1/asset-checks/rectifications/{fixId}/verify",
            new { version = 1, passed = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignInAsync("tuqiao")).GetAsync($"/projects/assets/checks/{id}")).StatusCode);
        // The township checks only its own township: not another, not the county above it.
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync("/api/v1/asset-checks", Campaign(places.OtherTownship))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync("/api/v1/asset-checks", Campaign(County))).StatusCode);
        // A village officer sees batches and makes none.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await As("village")).PostAsJsonAsync("/api/v1/asset-checks", Campaign(Township))).StatusCode);

        // Bad input is a 400 with the field named: unknown enums, wrong types, empty bodies, out-of-range years and dates.
        Assert.Equal(HttpStatusCode.BadRequest, (await county.GetAsync("/api/v1/asset-checks?status=Nope")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.GetAsync("/api/v1/asset-checks?year=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.PostAsync("/api/v1/asset-checks", new StringContent("", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.PostAsync($"/api/v1/asset-checks/lines/{line["id"]}/finding",
            new StringContent("", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.PostAsJsonAsync("/api/v1/asset-checks", new { name = "x", year = "今年", regionCode = Township })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.PostAsJsonAsync($"/api/v1/asset-checks/lines/{line["id"]}/finding",
            new { version = 2, finding = "Stolen", checkedOn = Today })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.PostAsJsonAsync($"/api/v1/asset-checks/rectifications/{fixId}/verify",
            new { version = "x", passed = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.PostAsJsonAsync($"/api/v1/asset-checks/rectifications/{fixId}/verify",
            new { version = 1, passed = "yes" })).StatusCode);
        JsonObject Make(Action<JsonObject> change)
        {
            var b = new JsonObject
            {
                ["name"] = "核查" + NewName(), ["year"] = ChinaToday.Year, ["regionCode"] = Township, ["startOn"] = Today, ["dueOn"] = Day(ChinaToday.AddDays(10)),
            };
            change(b);
            return b;
        }
        Assert.Contains("名称", await FieldError(await county.PostAsJsonAsync("/api/v1/asset-checks", Make(b => b["name"] = " ")), "name"));
        Assert.Contains("不能超过100个字", await FieldError(await county.PostAsJsonAsync("/api/v1/asset-checks", Make(b => b["name"] = new string('核', 101))), "name"));
        Assert.Contains("年", await FieldError(await county.PostAsJsonAsync("/api/v1/asset-checks", Make(b => b["year"] = 1999)), "year"));
        Assert.Contains("区县或乡镇", await FieldError(await county.PostAsJsonAsync("/api/v1/asset-checks", Make(b => b["regionCode"] = places.HomeVillage)), "regionCode"));
        Assert.Contains("区县或乡镇", await FieldError(await county.PostAsJsonAsync("/api/v1/asset-checks", Make(b => b["regionCode"] = "abc")), "regionCode"));
        Assert.Contains("区划", await FieldError(await county.PostAsJsonAsync("/api/v1/asset-checks", Make(b => b.Remove("regionCode"))), "regionCode"));
        Assert.Contains("开始日期", await FieldError(await county.PostAsJsonAsync("/api/v1/asset-checks", Make(b => b.Remove("startOn"))), "startOn"));
        Assert.Contains("截止日期", await FieldError(await county.PostAsJsonAsync("/api/v1/asset-checks",
            Make(b => b["dueOn"] = Day(ChinaToday.AddDays(-1)))), "dueOn"));
        var next = LineOf(found, asset);
        var unchecked_ = LineOf(found, second);
        {
            Assert.Contains("finding", await FieldError(await RecordAsync(county, unchecked_, new JsonObject
            {
                ["version"] = unchecked_["version"]!.GetValue<int>(), ["checkedOn"] = Today,
            }), "finding"));
            var future = Finding(unchecked_, "Exists", withFix: false);
            future["checkedOn"] = Day(ChinaToday.AddDays(1));
            Assert.Contains("不能晚于今天", await FieldError(await RecordAsync(county, unchecked_, future), "checkedOn"));
            Assert.Contains("不能超过500个字", await FieldError(await RecordAsync(county, unchecked_, Finding(unchecked_, "Missing", new string('丢', 501))), "note"));
        }
        Assert.Equal(HttpStatusCode.Conflict, (await RecordAsync(county, next, Finding(next, "Exists", withFix: false))).StatusCode);
        Assert.Contains("不能晚于今天", await FieldError(await county.PostAsJsonAsync($"/api/v1/asset-checks/rectifications/{fixId}/done",
            new { version = 1, measure = "已修复", rectifiedOn = Day(ChinaToday.AddDays(1)) }), "rectifiedOn"));
    }

    private static async Task<string> PhotoAsync(HttpClient c, string name) =>
        (await Ok(await c.PostAsync("/api/v1/files", new MultipartFormDataContent { { new ByteArrayContent(TinyPng()), "file", name } }),
            HttpStatusCode.Created))["id"]!.GetValue<string>();

    private static JsonNode FixOf(JsonNode view, long assetId) =>
        view["rectifications"]!.AsArray().Single(r => r!["assetId"]!.GetValue<long>() == assetId)!;

    /// <summary>A batch of the township whose findings may be dated back to <paramref name="startOn"/>.</summary>
    private async Task<JsonNode> CampaignAsync(HttpClient c, string region, DateOnly? startOn = null) =>
        await Ok(await c.PostAsJsonAsync("/api/v1/asset-checks", new
        {
            name = "资产核查" + NewName(), year = ChinaToday.Year, regionCode = region, startOn = Day(startOn ?? ChinaToday), dueOn = Day(ChinaToday.AddDays(30)),
        }), HttpStatusCode.Created);

    [DbFact]
    public async Task A_finding_keeps_its_photos_checked_to_exist_at_most_nine()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var asset = await AssetAsync(tuqiao, places.HomeVillage, "灌溉水池" + NewName());
        var made = await CampaignAsync(tuqiao, Township);
        var line = LineOf(made, asset);
        var body = Finding(line, "Damaged", "池壁开裂漏水");

        body["photoIds"] = new JsonArray("no-such-photo");
        Assert.Contains("核查照片不存在", await FieldError(await RecordAsync(tuqiao, line, body), "photoIds"));
        body["photoIds"] = new JsonArray([.. Enumerable.Range(0, 10).Select(i => (JsonNode)JsonValue.Create($"p{i}")!)]);
        Assert.Contains("最多9张", await FieldError(await RecordAsync(tuqiao, line, body), "photoIds"));
        body["photoIds"] = "一张照片";
        Assert.Equal(HttpStatusCode.BadRequest, (await RecordAsync(tuqiao, line, body)).StatusCode);

        var first = await PhotoAsync(tuqiao, "池壁.png");
        var second = await PhotoAsync(tuqiao, "漏水.png");
        body["photoIds"] = new JsonArray(first, second, first);
        var view = await Ok(await RecordAsync(tuqiao, line, body));
        var photos = LineOf(view, asset)["photos"]!.AsArray();
        Assert.Equal([$"/api/v1/files/{first}", $"/api/v1/files/{second}"], photos.Select(p => p!["url"]!.GetValue<string>()));
        Assert.Equal("池壁.png", photos[0]!["fileName"]!.GetValue<string>());
        // Read back with the batch, and shown on its page.
        Assert.Equal(2, LineOf(await GetAsync(tuqiao, $"/api/v1/asset-checks/{made["check"]!["id"]}"), asset)["photos"]!.AsArray().Count);
        var page = await (await SignInAsync("tuqiao")).GetStringAsync($"/projects/assets/checks/{made["check"]!["id"]}?show=problems");
        Assert.Contains($"/api/v1/files/{first}", page);
        // A finding without photos has none.
        var other = made["lines"]!.AsArray().First(l => l!["assetId"]!.GetValue<long>() != asset)!;
        var plain = await Ok(await RecordAsync(tuqiao, other, Finding(other, "Exists", withFix: false)));
        Assert.Empty(LineOf(plain, other["assetId"]!.GetValue<long>())["photos"]!.AsArray());
    }

    [DbFact]
    public async Task A_verified_rectification_of_an_idle_or_damaged_asset_restores_it_unless_it_was_disposed_or_changed_since()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var county = await As("tl_admin");
        var damaged = await AssetAsync(tuqiao, places.HomeVillage, "冷库" + NewName());
        var idle = await AssetAsync(tuqiao, places.HomeVillage, "厂房" + NewName());
        var changed = await AssetAsync(tuqiao, places.SecondVillage, "大棚" + NewName());
        var disposed = await AssetAsync(tuqiao, places.SecondVillage, "水窖" + NewName());
        var missing = await AssetAsync(tuqiao, places.SecondVillage, "农机" + NewName());
        var view = await CampaignAsync(tuqiao, Township);
        view = await Ok(await RecordAsync(tuqiao, LineOf(view, damaged), Finding(LineOf(view, damaged), "Damaged", "压缩机损坏")));
        view = await Ok(await RecordAsync(tuqiao, LineOf(view, idle), Finding(LineOf(view, idle), "Idle", "经营主体退出")));
        view = await Ok(await RecordAsync(tuqiao, LineOf(view, changed), Finding(LineOf(view, changed), "Idle", "无人经营")));
        view = await Ok(await RecordAsync(tuqiao, LineOf(view, disposed), Finding(LineOf(view, disposed), "Damaged", "水窖垮塌")));
        view = await Ok(await RecordAsync(tuqiao, LineOf(view, missing), Finding(LineOf(view, missing), "Missing", "农机去向不明")));

        // After the finding, the township itself decides the 大棚 is 低效; the 水窖 is disposed.
        var greenhouse = await AssetOf(tuqiao, changed);
        await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/assets/{changed}/update",
            new { version = greenhouse["asset"]!["version"]!.GetValue<int>(), status = "Inefficient", note = "改种后产出低" }));
        var cistern = await AssetOf(tuqiao, disposed);
        await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/assets/{disposed}/disposal", new { version = cistern["asset"]!["version"]!.GetValue<int>(), reason = "垮塌无修复价值" }));
        await Ok(await county.PostAsJsonAsync($"/api/v1/assets/{disposed}/disposal/decision",
            new { version = (await AssetOf(county, disposed))["asset"]!["version"]!.GetValue<int>(), approve = true }));

        async Task<JsonNode> RectifyAndVerifyAsync(long assetId)
        {
            var fix = FixOf(view, assetId);
            var id = fix["id"]!.GetValue<long>();
            await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/asset-checks/rectifications/{id}/done", new { version = 1, measure = "已整改到位", rectifiedOn = Today }));
            return FixOf(await Ok(await county.PostAsJsonAsync($"/api/v1/asset-checks/rectifications/{id}/verify", new { version = 2, passed = true })), assetId);
        }

        var auditor = await As("admin");
        async Task<int> AuditedAsync(long asset) => (await GetAsync(auditor,
            $"/api/v1/audit?entityType=ProjectAsset&pageSize=50&q={Uri.EscapeDataString($"资产 {asset} ")}"))["items"]!.AsArray().Count;
        var auditedBefore = await AuditedAsync(damaged);

        // 损毁 and 闲置, untouched since the finding: back to 正常运营 through the asset's history, by the verifier, audited.
        foreach (var restored in new[] { damaged, idle })
        {
            var fix = await RectifyAndVerifyAsync(restored);
            Assert.Equal(("Verified", "资产状态已恢复为正常运营"), (fix["status"]!.GetValue<string>(), fix["assetOutcome"]!.GetValue<string>()));
            var asset = await AssetOf(tuqiao, restored);
            Assert.Equal("Operating", asset["asset"]!["status"]!.GetValue<string>());
            var last = asset["history"]!.AsArray()[^1]!;
            Assert.StartsWith("资产核查整改已核实：", last["note"]!.GetValue<string>());
            Assert.Contains("已整改到位", last["note"]!.GetValue<string>());
            Assert.Equal("tl_admin", last["by"]!.GetValue<string>());
        }
        Assert.Equal(auditedBefore + 1, await AuditedAsync(damaged));

        // Changed by someone after the finding: left as it is, and said so.
        var left = await RectifyAndVerifyAsync(changed);
        Assert.Contains("改为低效，未变更", left["assetOutcome"]!.GetValue<string>());
        Assert.Equal("Inefficient", (await AssetOf(tuqiao, changed))["asset"]!["status"]!.GetValue<string>());
        var gone = await RectifyAndVerifyAsync(disposed);
        Assert.Equal("资产已处置，状态未变更", gone["assetOutcome"]!.GetValue<string>());
        Assert.Equal("Disposed", (await AssetOf(tuqiao, disposed))["asset"]!["status"]!.GetValue<string>());
        // 资产缺失 never changed the status: its verification changes nothing.
        var history = (await AssetOf(tuqiao, missing))["history"]!.AsArray().Count;
        var found = await RectifyAndVerifyAsync(missing);
        Assert.Null(found["assetOutcome"]?.GetValue<string>());
        var missingAsset = await AssetOf(tuqiao, missing);
        Assert.Equal(("Operating", history), (missingAsset["asset"]!["status"]!.GetValue<string>(), missingAsset["history"]!.AsArray().Count));
    }

    [DbFact]
    public async Task The_rectification_list_spans_batches_in_scope_marks_the_overdue_pages_and_exports()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var county = await As("tl_admin");
        var late = await AssetAsync(tuqiao, places.HomeVillage, "晒场" + NewName());
        var onTime = await AssetAsync(tuqiao, places.SecondVillage, "仓库" + NewName());
        // Two batches: one begun a month ago with a 整改 past its deadline, one of today.
        var old = await CampaignAsync(tuqiao, Township, ChinaToday.AddDays(-30));
        var overdue = Finding(LineOf(old, late), "Damaged", "晒场地面破损");
        overdue["checkedOn"] = Day(ChinaToday.AddDays(-20));
        overdue["deadline"] = Day(ChinaToday.AddDays(-5));
        old = await Ok(await RecordAsync(tuqiao, LineOf(old, late), overdue));
        var lateFix = FixOf(old, late)["id"]!.GetValue<long>();
        var recent = await CampaignAsync(tuqiao, Township);
        recent = await Ok(await RecordAsync(tuqiao, LineOf(recent, onTime), Finding(LineOf(recent, onTime), "Idle", "仓库空置")));
        var onTimeFix = FixOf(recent, onTime)["id"]!.GetValue<long>();
        // Another township's 整改: never the township's.
        var theirs = await AssetAsync(county, places.OtherTownshipVillage, "外镇冷库" + NewName());
        var foreign = await CampaignAsync(county, places.OtherTownship);
        foreign = await Ok(await RecordAsync(county, LineOf(foreign, theirs), Finding(LineOf(foreign, theirs), "Damaged", "外镇冷库损坏")));
        var foreignFix = FixOf(foreign, theirs)["id"]!.GetValue<long>();

        static IEnumerable<long> Ids(JsonNode page) => page["items"]!.AsArray().Select(r => r!["id"]!.GetValue<long>());
        var all = await GetAsync(tuqiao, "/api/v1/asset-checks/rectifications?pageSize=200");
        Assert.Superset(new HashSet<long> { lateFix, onTimeFix }, Ids(all).ToHashSet());
        var row = all["items"]!.AsArray().Single(r => r!["id"]!.GetValue<long>() == lateFix)!;
        Assert.Equal((late, old["check"]!["id"]!.GetValue<long>(), old["check"]!["name"]!.GetValue<string>(), "Damaged", "晒场地面破损", "张三", "土桥镇农业服务中心",
                Day(ChinaToday.AddDays(-5)), "Pending", true, places.HomeVillage),
            (row["assetId"]!.GetValue<long>(), row["checkId"]!.GetValue<long>(), row["checkName"]!.GetValue<string>(), row["finding"]!.GetValue<string>(),
                row["problem"]!.GetValue<string>(), row["responsiblePerson"]!.GetValue<string>(), row["responsibleUnit"]!.GetValue<string>(),
                row["deadline"]!.GetValue<string>(), row["status"]!.GetValue<string>(), row["overdue"]!.GetValue<bool>(), row["regionCode"]!.GetValue<string>()));
        Assert.StartsWith("晒场", row["assetName"]!.GetValue<string>());
        Assert.NotEmpty(row["regionPath"]!.GetValue<string>());
        Assert.False(all["items"]!.AsArray().Single(r => r!["id"]!.GetValue<long>() == onTimeFix)!["overdue"]!.GetValue<bool>());

        // Filters: overdue only, a status, a village; paging.
        var overdueIds = Ids(await GetAsync(tuqiao, "/api/v1/asset-checks/rectifications?overdue=true&pageSize=200")).ToList();
        Assert.Contains(lateFix, overdueIds);
        Assert.DoesNotContain(onTimeFix, overdueIds);
        Assert.DoesNotContain(lateFix, Ids(await GetAsync(tuqiao, "/api/v1/asset-checks/rectifications?status=Verified&pageSize=200")));
        var village = Ids(await GetAsync(tuqiao, $"/api/v1/asset-checks/rectifications?region={places.SecondVillage}&pageSize=200")).ToList();
        Assert.Contains(onTimeFix, village);
        Assert.DoesNotContain(lateFix, village);
        var first = await GetAsync(tuqiao, "/api/v1/asset-checks/rectifications?pageSize=1&page=2");
        Assert.Equal((2, 1, 1), (first["page"]!.GetValue<int>(), first["pageSize"]!.GetValue<int>(), first["items"]!.AsArray().Count));
        // Overdue means not verified: once verified it leaves the overdue list.
        await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/asset-checks/rectifications/{lateFix}/done", new { version = 1, measure = "已硬化修补", rectifiedOn = Today }));
        Assert.Contains(lateFix, Ids(await GetAsync(tuqiao, "/api/v1/asset-checks/rectifications?overdue=true&pageSize=200")));
        await Ok(await county.PostAsJsonAsync($"/api/v1/asset-checks/rectifications/{lateFix}/verify", new { version = 2, passed = true }));
        Assert.DoesNotContain(lateFix, Ids(await GetAsync(tuqiao, "/api/v1/asset-checks/rectifications?overdue=true&pageSize=200")));

        // Scope: nothing of another township, with or without filters, in the list, the export and the page.
        Assert.Contains(foreignFix, Ids(await GetAsync(county, "/api/v1/asset-checks/rectifications?pageSize=200")));
        Assert.DoesNotContain(foreignFix, Ids(all));
        foreach (var url in new[] { $"?region={places.OtherTownship}", $"?region={places.OtherTownshipVillage}", "?overdue=true", "?status=Pending" })
        {
            var r = await tuqiao.GetAsync("/api/v1/asset-checks/rectifications" + url + "&pageSize=200");
            Assert.DoesNotContain("外镇冷库", await r.Content.ReadAsStringAsync());
            var export = await tuqiao.GetAsync("/api/v1/asset-checks/rectifications/export" + url);
            using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
            if (export.StatusCode == HttpStatusCode.OK)
                Assert.DoesNotContain(stream.Query(useHeaderRow: true, startCell: "A2").Cast<IDictionary<string, object>>(),
                    x => Convert.ToInt64(x.TryGetValue("整改编号", out var v) ? v : 0, CultureInfo.InvariantCulture) == foreignFix);
        }
        var pages = await SignInAsync("tuqiao");
        var html = await pages.GetStringAsync("/projects/assets/checks/rectifications");
        Assert.Contains("晒场地面破损", html);
        Assert.DoesNotContain("外镇冷库损坏", html);
        Assert.Contains("/projects/assets/checks/rectifications", await pages.GetStringAsync("/projects/assets/checks"));
        Assert.Contains("没有符合条件的整改事项", await pages.GetStringAsync("/projects/assets/checks/rectifications?status=Verified&overdue=true"));

        // The export lists the township's items with their batch, deadline and overdue mark.
        var file = await tuqiao.GetAsync("/api/v1/asset-checks/rectifications/export?overdue=false");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        using (var stream = new MemoryStream(await file.Content.ReadAsByteArrayAsync()))
        {
            var rows = stream.Query(useHeaderRow: true, startCell: "A2").Cast<IDictionary<string, object>>().ToList();
            var x = rows.Single(r => Convert.ToInt64(r["整改编号"], CultureInfo.InvariantCulture) == onTimeFix);
            Assert.Equal(("闲置", "仓库空置", "待整改", recent["check"]!["name"]!.GetValue<string>()),
                (x["核查结果"]?.ToString(), x["发现的问题"]?.ToString(), x["整改状态"]?.ToString(), x["核查批次"]?.ToString()));
        }

        // Bad filters are a 400 naming the field, never a 500.
        foreach (var bad in new[] { "status=Nope", "status=9", "overdue=maybe", "page=abc", "region=abc" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await tuqiao.GetAsync("/api/v1/asset-checks/rectifications?" + bad)).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await tuqiao.GetAsync("/api/v1/asset-checks/rectifications/export?" + bad)).StatusCode);
        }
        Assert.Contains("status", (await Problem(await tuqiao.GetAsync("/api/v1/asset-checks/rectifications?status=9"), HttpStatusCode.BadRequest))["errors"]!.ToJsonString());
        var badPage = await pages.GetAsync("/projects/assets/checks/rectifications?status=Nope");
        Assert.Equal(HttpStatusCode.OK, badPage.StatusCode);
        Assert.Contains("g-alert g-error", await badPage.Content.ReadAsStringAsync());
    }

    [DbFact]
    public async Task Who_may_verify_is_judged_for_the_whole_batch_at_once_not_one_query_per_rectification()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var county = places.OtherCountyVillage[..6];
        var township = places.OtherCountyVillage[..9];
        // The other county lets its villages combine 整改 and 核实 (a village of at most 5000 households: all of the test's).
        await SetDutiesAsync(admin, county, 5000);
        try
        {
            var assets = new List<long>();
            for (var i = 0; i < 4; i++) assets.Add(await AssetAsync(admin, places.OtherCountyVillage, "外县资产" + NewName()));
            async Task<long> BatchAsync(IEnumerable<long> withProblems)
            {
                var view = await CampaignAsync(admin, township);
                foreach (var a in withProblems)
                {
                    view = await Ok(await RecordAsync(admin, LineOf(view, a), Finding(LineOf(view, a), "Damaged", "损坏" + a)));
                    await Ok(await admin.PostAsJsonAsync($"/api/v1/asset-checks/rectifications/{FixOf(view, a)["id"]}/done",
                        new { version = 1, measure = "已修复", rectifiedOn = Today }));
                }
                return view["check"]!["id"]!.GetValue<long>();
            }
            var one = await BatchAsync(assets.Take(1));
            var four = await BatchAsync(assets);
            var (oneView, oneQueries) = await CountingHouseholdQueriesAsync(() => GetAsync(admin, $"/api/v1/asset-checks/{one}"));
            var (fourView, fourQueries) = await CountingHouseholdQueriesAsync(() => GetAsync(admin, $"/api/v1/asset-checks/{four}"));
            // The village is small by the county's rule: the one who recorded the 整改 may verify it, every item of the page alike.
            Assert.Equal(4, fourView["rectifications"]!.AsArray().Count);
            Assert.All(fourView["rectifications"]!.AsArray().Concat(oneView["rectifications"]!.AsArray()),
                r => Assert.Equal((true, (string?)null), (r!["canVerify"]!.GetValue<bool>(), r["dutyNote"]?.GetValue<string>())));
            // The villages' sizes are read as often for four items as for one.
            Assert.True(fourQueries >= 1);
            Assert.Equal(oneQueries, fourQueries);
        }
        finally
        {
            await SetDutiesAsync(admin, county, 0);
        }
    }

    private static async Task SetDutiesAsync(HttpClient admin, string county, int maxHouseholds)
    {
        var year = ChinaToday.Year;
        var rows = (await GetAsync(admin, "/api/v1/guarantees/duty-policies")).AsArray();
        var row = rows.FirstOrDefault(r => r!["countyCode"]!.GetValue<string>() == county && r["year"]!.GetValue<int>() == year);
        var version = row?["version"]!.GetValue<int>();
        await Ok(await admin.PutAsJsonAsync($"/api/v1/guarantees/duty-policies/{county}/{year}{(version is { } v ? $"?version={v}" : "")}",
            new { combinedDutiesMaxHouseholds = maxHouseholds, photoEvidenceDimensions = "" }));
    }

    /// <summary>
    /// How many commands of this app's database read the households table (the villages' sizes) while <paramref name="act"/>
    /// runs. The diagnostic events are the whole process's: other test apps run beside this one (other collections), so a
    /// command counts only when it goes to this app's database (its file, or its PostgreSQL database).
    /// </summary>
    private async Task<(T, int)> CountingHouseholdQueriesAsync<T>(Func<Task<T>> act)
    {
        string database;
        using (var scope = App.Services.CreateScope())
        {
            var connection = Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetDbConnection(
                scope.ServiceProvider.GetRequiredService<Jingzhun.Web.Platform.Data.AppDbContext>().Database);
            database = DatabaseOf(connection);
        }
        using var counter = new CommandCounter(e => e.Command.Connection is { } c && DatabaseOf(c) == database
                                                    && e.Command.CommandText.Contains("households", StringComparison.OrdinalIgnoreCase));
        var result = await act();
        return (result, counter.Count);
    }

    /// <summary>
    /// This app's database: SQLite's file; PostgreSQL's database name (its random suffix is this app's; with a primary and a
    /// standby the connection's DataSource names the host list before it opens and one host after).
    /// </summary>
    private static string DatabaseOf(System.Data.Common.DbConnection c) =>
        c is Microsoft.Data.Sqlite.SqliteConnection ? c.DataSource : c.Database;

    /// <summary>Counts the EF Core commands whose text matches, from the framework's diagnostic events.</summary>
    private sealed class CommandCounter : IObserver<System.Diagnostics.DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly Func<Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData, bool> _matches;
        private readonly IDisposable _all;
        private readonly List<IDisposable> _subscriptions = [];
        private int _count;

        public CommandCounter(Func<Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData, bool> matches)
        {
            _matches = matches;
            _all = System.Diagnostics.DiagnosticListener.AllListeners.Subscribe(this);
        }

        public int Count => Volatile.Read(ref _count);

        public void OnNext(System.Diagnostics.DiagnosticListener value)
        {
            if (value.Name == Microsoft.EntityFrameworkCore.DbLoggerCategory.Name)
                lock (_subscriptions) _subscriptions.Add(value.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuting.Name
                && value.Value is Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData e && _matches(e))
                Interlocked.Increment(ref _count);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }

        public void Dispose()
        {
            _all.Dispose();
            lock (_subscriptions) _subscriptions.ForEach(s => s.Dispose());
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteAssetChecksApiTests(SqliteApp app) : AssetChecksApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAssetChecksApiTests(PostgresApp app) : AssetChecksApiTests(app);
