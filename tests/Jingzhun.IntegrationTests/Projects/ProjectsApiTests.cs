namespace Jingzhun.IntegrationTests;

/// <summary>
/// 衔接项目库 and 衔接资金 through HTTP: a project's stages by the roles that take them (no step skipped, proposer ≠
/// reviewer), allocation → assignment → payment → 支出进度 with the limits exact to the fen, scope, and bad input.
/// </summary>
public abstract class ProjectsApiTests(TestApp app) : ApiTests(app)
{
    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static JsonObject ProjectBody(string name, string[] villages, decimal budget, long[]? households = null, int? year = null,
        string source = "CentralBridging") => new()
    {
        ["name"] = name, ["year"] = year ?? ChinaToday.Year, ["villageCodes"] = new JsonArray([.. villages.Select(v => (JsonNode)v)]),
        ["category"] = "Industry", ["subType"] = "柑橘种植基地", ["implementingUnit"] = "村股份经济合作社",
        ["plannedStart"] = $"{year ?? ChinaToday.Year}-03-01", ["plannedEnd"] = $"{year ?? ChinaToday.Year}-10-31",
        ["targetHouseholds"] = 12, ["targetJobs"] = 5, ["targetIncomePerHousehold"] = 1500.50m,
        ["budget"] = new JsonArray(new JsonObject { ["source"] = source, ["amount"] = budget }),
        ["beneficiaries"] = new JsonArray([.. (households ?? []).Select(h => (JsonNode)new JsonObject { ["householdId"] = h, ["benefit"] = "Wages" })]),
    };

    private async Task<JsonNode> ProposeAsync(HttpClient c, string village, decimal budget = 500_000m, long[]? households = null, int? year = null) =>
        await Ok(await c.PostAsJsonAsync("/api/v1/projects", ProjectBody("测试项目" + NewName(), [village], budget, households, year)), HttpStatusCode.Created);

    private static Task<HttpResponseMessage> StepAsync(HttpClient c, long id, string step, int version, Action<JsonObject>? fields = null)
    {
        var body = new JsonObject { ["step"] = step, ["version"] = version };
        fields?.Invoke(body);
        return c.PostAsJsonAsync($"/api/v1/projects/{id}/steps", body);
    }

    private static async Task<JsonNode> DoAsync(HttpClient c, long id, string step, Action<JsonObject>? fields = null)
    {
        var version = (await GetAsync(c, $"/api/v1/projects/{id}"))["project"]!["version"]!.GetValue<int>();
        return await Ok(await StepAsync(c, id, step, version, fields));
    }

    private static async Task<int> VersionAsync(HttpClient c, long id) => (await GetAsync(c, $"/api/v1/projects/{id}"))["project"]!["version"]!.GetValue<int>();

    private static string Stage(JsonNode view) => view["project"]!["stage"]!.GetValue<string>();

    [DbFact]
    public async Task A_project_goes_from_proposal_to_acceptance_by_the_roles_of_each_step_and_skips_none()
    {
        var places = await PlacesAsync();
        var household = await RegisterAsAdminAsync(places.HomeVillage);
        var village = await As("village");
        var tuqiao = await As("tuqiao");
        var county = await As("tl_admin");

        var proposed = await ProposeAsync(village, places.HomeVillage, households: [household.Id]);
        var id = proposed["project"]!["id"]!.GetValue<long>();
        Assert.Equal("Proposed", Stage(proposed));
        Assert.Equal(household.HeadName, Assert.Single(proposed["beneficiaries"]!.AsArray())!["headName"]!.GetValue<string>());
        Assert.Equal(500_000m, proposed["project"]!["budget"]!.GetValue<decimal>());

        // No step is skipped: 开工 and 论证入库 before 审核 are refused with the stage named.
        var skip = await Problem(await StepAsync(county, id, "Start", 1), HttpStatusCode.Conflict);
        Assert.Contains("项目当前为“已申报”，不能执行“开工”", skip["title"]!.GetValue<string>());
        await Problem(await StepAsync(county, id, "Approve", 1), HttpStatusCode.Conflict);
        // The village proposes but does not review; the township reviews.
        await Problem(await StepAsync(village, id, "Review", 1), HttpStatusCode.Forbidden);
        Assert.Equal("Reviewed", Stage(await DoAsync(tuqiao, id, "Review")));
        // Only the county takes the project into the library and issues the plan.
        await Problem(await StepAsync(tuqiao, id, "Approve", await VersionAsync(tuqiao, id)), HttpStatusCode.Forbidden);
        Assert.Equal("Approved", Stage(await DoAsync(county, id, "Approve")));
        await Problem(await StepAsync(county, id, "Complete", await VersionAsync(county, id)), HttpStatusCode.Conflict);
        Assert.Equal("Planned", Stage(await DoAsync(county, id, "IssuePlan")));
        // A stale version is refused, naming who changed the project.
        await Problem(await StepAsync(tuqiao, id, "Start", 1), HttpStatusCode.Conflict);
        Assert.Equal("Started", Stage(await DoAsync(tuqiao, id, "Start")));
        Assert.Contains("0到100", await FieldError(await StepAsync(tuqiao, id, "Progress", await VersionAsync(tuqiao, id), b => b["progress"] = 101), "progress"));
        // 报进度 with a photo of the site: kept with the step in the history; an unknown photo or a photo on 审核-like steps is a 400.
        var photo = (await Ok(await tuqiao.PostAsync("/api/v1/files", new MultipartFormDataContent { { new ByteArrayContent(TinyPng()), "file", "施工现场.png" } }),
            HttpStatusCode.Created))["id"]!.GetValue<string>();
        Assert.Contains("现场照片不存在", await FieldError(await StepAsync(tuqiao, id, "Progress", await VersionAsync(tuqiao, id),
            b => { b["progress"] = 40; b["photoIds"] = new JsonArray("no-such-photo"); }), "photoIds"));
        var progressed = await DoAsync(tuqiao, id, "Progress", b => { b["progress"] = 40; b["photoIds"] = new JsonArray(photo); });
        Assert.Equal(40, progressed["project"]!["progress"]!.GetValue<int>());
        var step = progressed["history"]!.AsArray().Last()!;
        Assert.Equal("实施进度 40%", step["note"]!.GetValue<string>());
        Assert.Equal($"/api/v1/files/{photo}", Assert.Single(step["photos"]!.AsArray())!["url"]!.GetValue<string>());
        await Problem(await StepAsync(county, id, "Accept", await VersionAsync(county, id), b => b["result"] = "Passed"), HttpStatusCode.Conflict);
        var completed = await DoAsync(tuqiao, id, "Complete");
        Assert.Equal(100, completed["project"]!["progress"]!.GetValue<int>());
        await Problem(await StepAsync(tuqiao, id, "Accept", await VersionAsync(tuqiao, id), b => b["result"] = "Passed"), HttpStatusCode.Forbidden);
        Assert.Contains("验收结果", await FieldError(await StepAsync(county, id, "Accept", await VersionAsync(county, id)), "result"));
        var accepted = await DoAsync(county, id, "Accept", b => b["result"] = "Passed");
        Assert.Equal("Accepted", Stage(accepted));
        Assert.Equal(["HandOver"], accepted["nextSteps"]!.AsArray().Select(s => s!.GetValue<string>()));
        await Problem(await StepAsync(county, id, "Terminate", await VersionAsync(county, id), b => b["reason"] = "不再实施"), HttpStatusCode.Conflict);
        // 绩效评价 waits for 资产移交; 资产移交 names its recipient; the township does neither.
        await Problem(await StepAsync(county, id, "Evaluate", await VersionAsync(county, id), b => b["grade"] = "Good"), HttpStatusCode.Conflict);
        await Problem(await StepAsync(tuqiao, id, "HandOver", await VersionAsync(tuqiao, id), b => b["recipient"] = "VillageCollective"), HttpStatusCode.Forbidden);
        Assert.Contains("移交对象", await FieldError(await StepAsync(county, id, "HandOver", await VersionAsync(county, id)), "recipient"));
        await Problem(await StepAsync(county, id, "HandOver", await VersionAsync(county, id), b => b["recipient"] = "Nobody"), HttpStatusCode.BadRequest);
        Assert.Equal("HandedOver", Stage(await DoAsync(county, id, "HandOver", b => b["recipient"] = "VillageCollective")));
        Assert.Contains("绩效评价结果", await FieldError(await StepAsync(county, id, "Evaluate", await VersionAsync(county, id)), "grade"));
        var evaluated = await DoAsync(county, id, "Evaluate", b => b["grade"] = "Good");
        Assert.Equal("Evaluated", Stage(evaluated));
        Assert.Empty(evaluated["nextSteps"]!.AsArray());

        // The history names who took each step; the audit log has each change.
        var history = evaluated["history"]!.AsArray();
        Assert.Equal(["village", "tuqiao", "tl_admin", "tl_admin", "tuqiao", "tuqiao", "tuqiao", "tl_admin", "tl_admin", "tl_admin"],
            history.Select(h => h!["by"]!.GetValue<string>()));
        Assert.Contains("验收结果：合格", history[^3]!["note"]!.GetValue<string>());
        Assert.Equal("资产移交给：村集体经济组织；登记资产1项（500000.00元）", history[^2]!["note"]!.GetValue<string>());
        Assert.Equal("绩效评价：良", history[^1]!["note"]!.GetValue<string>());
        var name = proposed["project"]!["name"]!.GetValue<string>();
        var audit = (await GetAsync(await As("admin"), "/api/v1/audit?entityType=Project&pageSize=200&q=" + Uri.EscapeDataString(name)))["items"]!.AsArray();
        Assert.Equal(10, audit.Count);
        Assert.Equal(["tl_admin", "tuqiao", "village"], audit.Select(a => a!["userName"]!.GetValue<string>()).Distinct().Order());
    }

    [DbFact]
    public async Task Who_proposed_a_project_does_not_review_it_and_a_terminated_project_keeps_its_reason()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var p = await ProposeAsync(tuqiao, places.SecondVillage);
        var id = p["project"]!["id"]!.GetValue<long>();
        Assert.DoesNotContain("Review", p["nextSteps"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Contains("申报与审核须由不同的人办理", p["dutyNote"]!.GetValue<string>());
        var refused = await Problem(await StepAsync(tuqiao, id, "Review", 1), HttpStatusCode.Forbidden);
        Assert.Contains("申报与审核须由不同的人办理", refused["title"]!.GetValue<string>());

        var county = await As("tl_admin");
        Assert.Contains("终止原因", await FieldError(await StepAsync(county, id, "Terminate", 1), "reason"));
        var ended = await DoAsync(county, id, "Terminate", b => b["reason"] = "群众意愿变化");
        Assert.Equal("Terminated", Stage(ended));
        Assert.Equal("群众意愿变化", ended["terminationReason"]!.GetValue<string>());
    }

    [DbFact]
    public async Task A_township_sees_its_own_projects_only_and_another_townships_project_answers_404()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var mine = (await ProposeAsync(county, places.HomeVillage))["project"]!["id"]!.GetValue<long>();
        var second = (await ProposeAsync(county, places.SecondVillage))["project"]!["id"]!.GetValue<long>();
        var other = (await ProposeAsync(county, places.OtherTownshipVillage))["project"]!["id"]!.GetValue<long>();

        var tuqiao = await As("tuqiao");
        await Problem(await tuqiao.GetAsync($"/api/v1/projects/{other}"), HttpStatusCode.NotFound);
        await Problem(await StepAsync(tuqiao, other, "Review", 1), HttpStatusCode.NotFound);
        var listed = (await GetAsync(tuqiao, "/api/v1/projects?pageSize=200"))["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToList();
        Assert.Contains(mine, listed);
        Assert.Contains(second, listed);
        Assert.DoesNotContain(other, listed);
        // A township cannot propose a project for another township's village either.
        await Problem(await tuqiao.PostAsJsonAsync("/api/v1/projects", ProjectBody("越界项目测试", [places.OtherTownshipVillage], 1000m)), HttpStatusCode.NotFound);

        // The village sees the projects of its own village, not of the next one.
        var village = await As("village");
        await GetAsync(village, $"/api/v1/projects/{mine}");
        await Problem(await village.GetAsync($"/api/v1/projects/{second}"), HttpStatusCode.NotFound);
        // The export holds the same rows as the list.
        var export = await tuqiao.GetAsync("/api/v1/projects/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var ids = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, startCell: "A2").Cast<IDictionary<string, object>>()
            .Select(r => Convert.ToInt64(r["项目编号"], CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(mine, ids);
        Assert.DoesNotContain(other, ids);
    }

    [DbFact]
    public async Task Money_flows_from_allocation_to_projects_to_payments_and_no_limit_is_passed_by_a_fen()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var second = await AdminOtherThanAsync("admin");
        const int year = 2024;
        var village = places.OtherCountyVillage;

        var allocation = await Ok(await admin.PostAsJsonAsync("/api/v1/projects/allocations", new
        {
            year, source = "CentralBridging", level = "Central", documentNumber = "渝财农〔2024〕99号", amount = 1_000_000.00m,
            countyCode = places.OtherCounty, issuedOn = "2024-03-01",
        }), HttpStatusCode.Created);
        var allocationId = allocation["id"]!.GetValue<long>();

        async Task<long> PlannedAsync(decimal budget)
        {
            var id = (await ProposeAsync(admin, village, budget, year: year))["project"]!["id"]!.GetValue<long>();
            await DoAsync(second, id, "Review");
            await DoAsync(admin, id, "Approve");
            return id;
        }
        var a = await PlannedAsync(600_000m);
        var b = await PlannedAsync(500_000m);
        var assignB = new { allocationId, amount = 400_000.00m };
        await Ok(await admin.PostAsJsonAsync($"/api/v1/projects/{a}/assignments", new { allocationId, amount = 600_000.00m }));
        // Exactly what is left is accepted; one fen more is refused with the figures.
        await Ok(await admin.PostAsJsonAsync($"/api/v1/projects/{b}/assignments", assignB));
        var over = await FieldError(await admin.PostAsJsonAsync($"/api/v1/projects/{b}/assignments", new { allocationId, amount = 0.01m }), "amount");
        Assert.Contains("超过下达金额", over);
        Assert.Contains("尚可分配 0.00 元", over);
        var row = await GetAsync(admin, $"/api/v1/projects/allocations/{allocationId}");
        Assert.Equal(1_000_000m, row["assigned"]!.GetValue<decimal>());

        // A project's share of one source never passes its budget for that source.
        var allocation2 = (await Ok(await admin.PostAsJsonAsync("/api/v1/projects/allocations", new
        {
            year, source = "CentralBridging", level = "Central", documentNumber = "渝财农〔2024〕100号", amount = 500_000m,
            countyCode = places.OtherCounty, issuedOn = "2024-06-01",
        }), HttpStatusCode.Created))["id"]!.GetValue<long>();
        await Ok(await admin.PostAsJsonAsync($"/api/v1/projects/{b}/assignments", new { allocationId = allocation2, amount = 100_000m }));
        Assert.Contains("超过项目“中央财政衔接资金”预算",
            await FieldError(await admin.PostAsJsonAsync($"/api/v1/projects/{b}/assignments", new { allocationId = allocation2, amount = 0.01m }), "amount"));

        // Payments: not before the plan is issued; up to the budget exactly; one fen beyond is refused.
        var pay = new { allocationId, paidOn = "2024-06-30", amount = 250_000.00m, voucherNumber = "付2024-001", payee = "某建设公司" };
        await Problem(await admin.PostAsJsonAsync($"/api/v1/projects/{a}/payments", pay), HttpStatusCode.Conflict);
        await DoAsync(admin, a, "IssuePlan");
        await Ok(await admin.PostAsJsonAsync($"/api/v1/projects/{a}/payments", pay));
        await Ok(await admin.PostAsJsonAsync($"/api/v1/projects/{a}/payments", pay with { paidOn = "2024-07-01", amount = 350_000.00m, voucherNumber = "付2024-002" }));
        var beyond = await FieldError(await admin.PostAsJsonAsync($"/api/v1/projects/{a}/payments", pay with { amount = 0.01m, voucherNumber = "付2024-003" }), "amount");
        Assert.Contains("超过项目预算", beyond);
        var view = await GetAsync(admin, $"/api/v1/projects/{a}");
        Assert.Equal(600_000m, view["project"]!["paid"]!.GetValue<decimal>());
        Assert.Equal(2, view["payments"]!.AsArray().Count);

        // 支出进度 as of a day: paid ÷ allocated of the county, source and year, and the county's place in the ranking.
        async Task<JsonNode> SpendingAsync(string asOf) =>
            await GetAsync(admin, $"/api/v1/projects/spending?region={places.OtherCounty}&year={year}&asOf={asOf}");
        var before = await SpendingAsync("2024-05-31");
        Assert.Equal(1_000_000m, before["allocated"]!.GetValue<decimal>());
        Assert.Equal(0m, before["paid"]!.GetValue<decimal>());
        var june = await SpendingAsync("2024-06-30");
        Assert.Equal(1_500_000m, june["allocated"]!.GetValue<decimal>());
        Assert.Equal(250_000m, june["paid"]!.GetValue<decimal>());
        Assert.Equal(16.67, june["percent"]!.GetValue<double>());
        var july = await SpendingAsync("2024-07-01");
        Assert.Equal(40, july["percent"]!.GetValue<double>());
        var line = Assert.Single(july["lines"]!.AsArray());
        Assert.Equal("CentralBridging", line!["source"]!.GetValue<string>());
        var rank = Assert.Single(july["ranking"]!.AsArray());
        Assert.Equal(1, rank!["rank"]!.GetValue<int>());
        Assert.Equal(places.OtherCounty, rank["countyCode"]!.GetValue<string>());
        var export = await admin.GetAsync($"/api/v1/projects/spending/export?region={places.OtherCounty}&year={year}&asOf=2024-07-01");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);

        // The county's finance staff of another county see none of it.
        await Problem(await (await As("tl_admin")).GetAsync($"/api/v1/projects/allocations/{allocationId}"), HttpStatusCode.NotFound);
        await Problem(await (await As("tl_admin")).GetAsync($"/api/v1/projects/spending?region={places.OtherCounty}"), HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task Bad_input_is_a_400_naming_the_field_in_Chinese()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        async Task<string> Propose(Action<JsonObject> change, string field)
        {
            var body = ProjectBody("输入检查项目", [places.HomeVillage], 1000m);
            change(body);
            return await FieldError(await county.PostAsJsonAsync("/api/v1/projects", body), field);
        }
        Assert.Contains("项目名称", await Propose(b => b["name"] = "", "name"));
        Assert.Contains("村", await Propose(b => b["villageCodes"] = new JsonArray(), "villageCodes"));
        Assert.Contains("不是村级区划代码", await Propose(b => b["villageCodes"] = new JsonArray("500151101"), "villageCodes"));
        Assert.Contains("两位小数", await Propose(b => b["budget"] = new JsonArray(new JsonObject { ["source"] = "CityBridging", ["amount"] = 10.001m }), "budget[0].amount"));
        Assert.Contains("应大于0", await Propose(b => b["budget"] = new JsonArray(new JsonObject { ["source"] = "CityBridging", ["amount"] = 0 }), "budget[0].amount"));
        Assert.Contains("不能早于", await Propose(b => b["plannedEnd"] = $"{ChinaToday.Year}-01-01", "plannedEnd"));
        Assert.Contains("年度", await Propose(b => b["year"] = 2019, "year"));
        Assert.Contains("受益户", await Propose(b => b["beneficiaries"] = new JsonArray(new JsonObject { ["householdId"] = 999_999_999, ["benefit"] = "Wages" }), "beneficiaries"));
        await TextLimitAsync("name", 100, text => county.PostAsJsonAsync("/api/v1/projects", ProjectBody(text, [places.HomeVillage], 1000m)));
        // A value that cannot be read (an unknown category) is a 400 too, never a 500.
        var unreadable = ProjectBody("输入检查项目", [places.HomeVillage], 1000m);
        unreadable["category"] = "Casino";
        await Problem(await county.PostAsJsonAsync("/api/v1/projects", unreadable), HttpStatusCode.BadRequest);

        var allocation = new JsonObject
        {
            ["year"] = ChinaToday.Year, ["source"] = "CountyBridging", ["level"] = "County", ["documentNumber"] = "铜财农〔测试〕1号",
            ["amount"] = -5m, ["countyCode"] = County, ["issuedOn"] = ChinaToday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        Assert.Contains("下达金额", await FieldError(await county.PostAsJsonAsync("/api/v1/projects/allocations", allocation), "amount"));
        allocation["amount"] = 100m;
        allocation["countyCode"] = "500151101";
        Assert.Contains("区县", await FieldError(await county.PostAsJsonAsync("/api/v1/projects/allocations", allocation), "countyCode"));
        allocation["countyCode"] = County;
        allocation["issuedOn"] = ChinaToday.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Contains("不能晚于今天", await FieldError(await county.PostAsJsonAsync("/api/v1/projects/allocations", allocation), "issuedOn"));
        Assert.Contains("区划代码无效", await FieldError(await county.GetAsync("/api/v1/projects?region=abc"), "region"));
        // Township staff do not record money.
        allocation["issuedOn"] = ChinaToday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Problem(await (await As("tuqiao")).PostAsJsonAsync("/api/v1/projects/allocations", allocation), HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task A_plan_not_started_within_the_countys_days_is_warned()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var id = (await ProposeAsync(county, places.OtherTownshipVillage))["project"]!["id"]!.GetValue<long>();
        await DoAsync(await AdminOtherThanAsync("tl_admin"), id, "Review");
        await DoAsync(county, id, "Approve");
        await DoAsync(county, id, "IssuePlan");
        Assert.Null((await GetAsync(county, $"/api/v1/projects/{id}"))["project"]!["warning"]?.GetValue<string>());

        // The default gives 60 days: on day 60 no warning, on day 61 the project is listed as late.
        static async Task<List<long>> WarnedAsync(HttpClient c) =>
            (await GetAsync(c, "/api/v1/projects?warning=true&pageSize=200"))["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToList();
        Assert.DoesNotContain(id, await WarnedAsync(await LoginAsync(Later(60), "tl_admin")));
        var later = await LoginAsync(Later(61), "tl_admin");
        Assert.Contains(id, await WarnedAsync(later));
        Assert.Contains("未开工", (await GetAsync(later, $"/api/v1/projects/{id}"))["project"]!["warning"]!.GetValue<string>());
    }

    [DbFact]
    public async Task The_dashboard_figures_are_the_totals_of_their_lists_and_stay_in_the_users_scope()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var year = ChinaToday.Year;
        var before = await GetAsync(tuqiao, $"/api/v1/projects/summary?year={year}");
        await Ok(await tuqiao.PostAsJsonAsync("/api/v1/assets", new
        {
            name = "冷库" + NewName(), @class = "Operating", villageCode = places.SecondVillage, quantity = 1, unit = "座", value = 123_456.78m,
            owner = "VillageCollective", registeredOn = "2020-01-01",
        }), HttpStatusCode.Created);
        await Ok(await (await As("tl_admin")).PostAsJsonAsync("/api/v1/assets", new
        {
            name = "冷库" + NewName(), @class = "Operating", villageCode = places.OtherTownshipVillage, quantity = 1, unit = "座", value = 1m,
            owner = "VillageCollective", registeredOn = "2020-01-01",
        }), HttpStatusCode.Created);
        var a = await RegisterAsAdminAsync(places.SecondVillage);
        var b = await RegisterAsAdminAsync(places.SecondVillage);
        await ProposeAsync(tuqiao, places.SecondVillage, households: [a.Id, b.Id]);
        // Another township's project changes nothing here.
        await ProposeAsync(await As("tl_admin"), places.OtherTownshipVillage, households: [(await RegisterAsAdminAsync(places.OtherTownshipVillage)).Id]);

        var summary = await GetAsync(tuqiao, $"/api/v1/projects/summary?year={year}");
        Assert.Equal(year, summary["year"]!.GetValue<int>());
        // Without a year the dashboard reads the latest year of the library: this year's, now that it has a project.
        Assert.Equal(year, (await GetAsync(tuqiao, "/api/v1/projects/summary"))["year"]!.GetValue<int>());
        Assert.Equal(before["beneficiaryHouseholds"]!.GetValue<int>() + 2, summary["beneficiaryHouseholds"]!.GetValue<int>());
        Assert.Equal(before["projects"]!.GetValue<int>() + 1, summary["projects"]!.GetValue<int>());
        static int Proposed(JsonNode s) => s["byStage"]!.AsArray().Single(f => f!["key"]!.GetValue<string>() == "Proposed")!["projects"]!.GetValue<int>();
        Assert.Equal(Proposed(before) + 1, Proposed(summary));

        // Every figure is the total of the list it links to.
        async Task<int> Total(string link) => (await GetAsync(tuqiao, "/api/v1" + link + "&pageSize=1"))["total"]!.GetValue<int>();
        Assert.Equal(summary["projects"]!.GetValue<int>(), await Total(summary["projectsLink"]!.GetValue<string>()));
        Assert.Equal(summary["warned"]!.GetValue<int>(), await Total(summary["warnedLink"]!.GetValue<string>()));
        foreach (var f in summary["byStage"]!.AsArray())
            Assert.Equal(f!["projects"]!.GetValue<int>(), await Total(f["link"]!.GetValue<string>()));
        Assert.Equal("已申报", summary["byStage"]![0]!["label"]!.GetValue<string>());
        // The asset ledger's figures: this township's new asset counts with its value, the other township's does not; each
        // figure is the total of the ledger's list it opens.
        var assets = summary["assets"]!;
        Assert.Equal(before["assets"]!["assets"]!.GetValue<int>() + 1, assets["assets"]!.GetValue<int>());
        Assert.Equal(before["assets"]!["value"]!.GetValue<decimal>() + 123_456.78m, assets["value"]!.GetValue<decimal>());
        async Task<int> AssetTotal(string link) =>
            (await GetAsync(tuqiao, link.Replace("/projects/assets", "/api/v1/assets", StringComparison.Ordinal) + (link.Contains('?') ? "&" : "?") + "pageSize=1"))["total"]!.GetValue<int>();
        Assert.Equal(assets["assets"]!.GetValue<int>(), await AssetTotal(assets["link"]!.GetValue<string>()));
        foreach (var f in assets["byClass"]!.AsArray().Concat(assets["byStatus"]!.AsArray()))
            Assert.Equal(f!["assets"]!.GetValue<int>(), await AssetTotal(f["link"]!.GetValue<string>()));
        Assert.Equal(assets["assets"]!.GetValue<int>(), assets["byClass"]!.AsArray().Sum(f => f!["assets"]!.GetValue<int>()));
        Assert.Equal("经营性资产", assets["byClass"]![0]!["label"]!.GetValue<string>());
        // The money is the county's 支出进度 (money is issued to counties), for those who may see the funds.
        var spending = await GetAsync(tuqiao, $"/api/v1/projects/spending?year={year}");
        Assert.Equal(spending["allocated"]!.GetValue<decimal>(), summary["allocated"]!.GetValue<decimal>());
        Assert.Equal(spending["paid"]!.GetValue<decimal>(), summary["paid"]!.GetValue<decimal>());
        Assert.Equal($"/projects/spending?year={year}", summary["spendingLink"]!.GetValue<string>());
        var village = await GetAsync(await As("village"), $"/api/v1/projects/summary?year={year}");
        Assert.Null(village["allocated"]);
        Assert.Null(village["spendingLink"]);

        // Another township's region is not the township's to read; bad input is a 400 naming the field.
        await Problem(await tuqiao.GetAsync($"/api/v1/projects/summary?region={places.OtherTownship}"), HttpStatusCode.NotFound);
        Assert.Contains("区划代码无效", await FieldError(await tuqiao.GetAsync("/api/v1/projects/summary?region=abc"), "region"));
        Assert.Contains("2021", await FieldError(await tuqiao.GetAsync("/api/v1/projects/summary?year=2019"), "year"));
        await Problem(await tuqiao.GetAsync("/api/v1/projects/summary?year=abc"), HttpStatusCode.BadRequest);
        await Problem(await (await As("cadre")).GetAsync("/api/v1/projects/summary"), HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task A_project_that_failed_its_acceptance_is_not_handed_over_until_accepted_again()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var tuqiao = await As("tuqiao");
        var id = (await ProposeAsync(county, places.HomeVillage))["project"]!["id"]!.GetValue<long>();
        await DoAsync(tuqiao, id, "Review");
        await DoAsync(county, id, "Approve");
        await DoAsync(county, id, "IssuePlan");
        await DoAsync(tuqiao, id, "Start");
        await DoAsync(tuqiao, id, "Complete");
        Assert.Equal("Accepted", Stage(await DoAsync(county, id, "Accept", b => b["result"] = "Failed")));
        var refused = await Problem(await StepAsync(county, id, "HandOver", await VersionAsync(county, id), b => b["recipient"] = "VillageCollective"),
            HttpStatusCode.Conflict);
        Assert.Contains("验收不合格，不能移交资产", refused["title"]!.GetValue<string>());
        var failed = await GetAsync(county, $"/api/v1/projects/{id}");
        Assert.Equal("Accepted", Stage(failed));
        // Put right, it is accepted again (重新验收): the next steps offer 验收, not 资产移交; once it passes, 资产移交 follows.
        var next = failed["nextSteps"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.Contains("Accept", next);
        Assert.DoesNotContain("HandOver", next);
        var again = await DoAsync(county, id, "Accept", b => b["result"] = "PassedAfterFixes");
        Assert.Equal("Accepted", Stage(again));
        Assert.Contains("HandOver", again["nextSteps"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.DoesNotContain("Accept", again["nextSteps"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("HandedOver", Stage(await DoAsync(county, id, "HandOver", b => b["recipient"] = "VillageCollective")));
    }

    [DbFact]
    public async Task A_started_project_past_its_planned_completion_is_warned_until_adjusted()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var tuqiao = await As("tuqiao");
        // Planned to end on 31 October of this year (ProjectBody); started after that day.
        var id = (await ProposeAsync(county, places.HomeVillage))["project"]!["id"]!.GetValue<long>();
        await DoAsync(tuqiao, id, "Review");
        await DoAsync(county, id, "Approve");
        await DoAsync(county, id, "IssuePlan");
        await DoAsync(tuqiao, id, "Start");
        await DoAsync(tuqiao, id, "Progress", b => b["progress"] = 30);
        static async Task<List<long>> WarnedAsync(HttpClient c) =>
            (await GetAsync(c, "/api/v1/projects?warning=true&pageSize=200"))["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToList();
        var plannedEnd = new DateOnly(ChinaToday.Year, 10, 31);
        if (ChinaToday > plannedEnd)
        {
            Assert.Contains(id, await WarnedAsync(county));
            var warning = (await GetAsync(county, $"/api/v1/projects/{id}"))["project"]!["warning"]!.GetValue<string>();
            Assert.Equal($"已过计划完工日期（{plannedEnd:yyyy-MM-dd}）{ChinaToday.DayNumber - plannedEnd.DayNumber}天仍未竣工，实施进度30%", warning);
        }

        // 调整 moves the planned completion to ten days ahead. At 30% it is still behind its planned time (the default
        // allows 20 points) when more than half of it has passed; reporting 90% clears that.
        var end = ChinaToday.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await DoAsync(county, id, "Adjust", b => { b["reason"] = "雨季延误"; b["plannedEnd"] = end; });
        long planned = ChinaToday.AddDays(10).DayNumber - new DateOnly(ChinaToday.Year, 3, 1).DayNumber;
        long elapsed = ChinaToday.DayNumber - new DateOnly(ChinaToday.Year, 3, 1).DayNumber;
        if (elapsed > 0 && elapsed * 100 - 30 * planned > 20 * planned)
        {
            Assert.Contains(id, await WarnedAsync(county));
            Assert.Equal($"实施进度30%，按计划工期应达约{elapsed * 100 / planned}%，落后超过20个百分点",
                (await GetAsync(county, $"/api/v1/projects/{id}"))["project"]!["warning"]!.GetValue<string>());
        }
        await DoAsync(tuqiao, id, "Progress", b => b["progress"] = 90);
        Assert.DoesNotContain(id, await WarnedAsync(county));
        Assert.Null((await GetAsync(county, $"/api/v1/projects/{id}"))["project"]!["warning"]?.GetValue<string>());
        Assert.DoesNotContain(id, await WarnedAsync(await LoginAsync(Later(10), "tl_admin")));
        var later = await LoginAsync(Later(11), "tl_admin");
        Assert.Contains(id, await WarnedAsync(later));
        Assert.Contains($"（{end}）1天仍未竣工", (await GetAsync(later, $"/api/v1/projects/{id}"))["project"]!["warning"]!.GetValue<string>());
        // Completed, it is no longer behind.
        await DoAsync(tuqiao, id, "Complete");
        Assert.DoesNotContain(id, await WarnedAsync(later));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteProjectsApiTests(SqliteApp app) : ProjectsApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresProjectsApiTests(PostgresApp app) : ProjectsApiTests(app);
