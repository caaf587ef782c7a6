using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jingzhun.IntegrationTests.Infrastructure;
using Jingzhun.Web.Modules.Registry.Rules;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// 防止返贫动态监测和帮扶 through HTTP: the sweep's leads at the policy boundaries, hand-recorded leads, the identification
/// procedure step by step with its roles, the public notice without personal data, the kind checks, assistance,
/// 风险消除 (with a clock moved forward on the same database) and the overdue list.
/// </summary>
public abstract class MonitoringApiTests(TestApp app) : ApiTests(app)
{
    /// <summary>Today in Beijing time (the system's calendar day).</summary>
    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The year judged by the sweep in most tests (the latest income year); the one before it for drops.</summary>
    private static int LastYear => ChinaToday.Year - 1;

    // --- data ----------------------------------------------------------------------------------------------

    /// <summary>Facts of a household that passes 两不愁三保障 (no guarantee problem, so no GuaranteeProblem lead).</summary>
    private static JsonObject GoodFacts(string status = "Exited")
    {
        var f = Facts(status);
        f["foodSecure"] = true;
        f["clothingSecure"] = true;
        f["housingGrade"] = "A";
        return f;
    }

    private async Task<Registered> NewHouseholdAsync(HttpClient client, string village, string status = "Exited", Action<JsonObject>? head = null)
    {
        var name = NewName();
        var id = NewIdNumber();
        var person = Person(name, id);
        head?.Invoke(person);
        var r = await client.PostAsJsonAsync("/api/v1/households", new { villageCode = village, household = GoodFacts(status), head = person });
        var body = await Ok(r, HttpStatusCode.Created);
        return new Registered(body["id"]!.GetValue<long>(), body["householdNumber"]!.GetValue<string>(), name, id, village, body);
    }

    /// <summary>Saves one year's income of a one-person household: wage <paramref name="perCapita"/>.</summary>
    private static async Task SaveIncomeAsync(HttpClient c, long householdId, int year, decimal perCapita, decimal outOfPocket = 0m)
    {
        // An existing year is edited on the version read (optimistic concurrency).
        var current = await c.GetAsync($"/api/v1/households/{householdId}/incomes/{year}");
        int? version = current.IsSuccessStatusCode ? (await Ok(current))["version"]!.GetValue<int>() : null;
        var saved = await Ok(await c.PutAsJsonAsync($"/api/v1/households/{householdId}/incomes/{year}",
            new { wageIncome = perCapita, allowableOutOfPocket = outOfPocket, householdSize = 1, version }));
        Assert.Equal(perCapita, saved["perCapitaNetIncome"]!.GetValue<decimal>());
    }

    private static async Task<JsonArray> LeadsAsync(HttpClient c, long householdId) =>
        (await GetAsync(c, $"/api/v1/monitoring/leads?householdId={householdId}&pageSize=200"))["items"]!.AsArray();

    private static string Str(JsonNode? n, string key) => n![key]!.GetValue<string>();

    private static async Task<JsonNode> RecordLeadAsync(HttpClient c, long householdId, string source = "CadreCheck", string detail = "入户走访发现家庭收入明显下降") =>
        await Ok(await c.PostAsJsonAsync("/api/v1/monitoring/leads", new { householdId, source, detail }), HttpStatusCode.Created);

    private static async Task<JsonNode> OpenCaseAsync(HttpClient c, long leadId)
    {
        var r = await c.PostAsync($"/api/v1/monitoring/leads/{leadId}/case", null);
        var row = await Ok(r, HttpStatusCode.Created);
        Assert.Equal($"/api/v1/monitoring/cases/{row["id"]!.GetValue<long>()}", r.Headers.Location?.OriginalString);
        return row;
    }

    private static Task<HttpResponseMessage> StepAsync(HttpClient c, long caseId, string step, int version, Action<JsonObject>? fields = null)
    {
        var body = new JsonObject { ["step"] = step, ["version"] = version };
        fields?.Invoke(body);
        return c.PostAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/steps", body);
    }

    /// <summary>Records a step that must succeed; returns the case view.</summary>
    private static async Task<JsonNode> DoAsync(HttpClient c, long caseId, string step, int version, Action<JsonObject>? fields = null) =>
        await Ok(await StepAsync(c, caseId, step, version, fields));

    private static async Task<JsonNode> CaseAsync(HttpClient c, long caseId) => await GetAsync(c, $"/api/v1/monitoring/cases/{caseId}");

    private static int VersionOf(JsonNode view) => view["case"]!["version"]!.GetValue<int>();
    private static string StageOf(JsonNode view) => Str(view["case"], "stage");

    private static Action<JsonObject> VisitFields => b => { b["date"] = Day(ChinaToday); b["findings"] = "入户核实家庭成员患病，医疗支出大"; };
    private static Action<JsonObject> ComparisonFields => b => b["findings"] = "暂无";

    private static Action<JsonObject> AppraisalFields(string kind = "UnstableExited", string risk = "Illness") => b =>
    {
        b["date"] = Day(ChinaToday); b["participants"] = 12; b["agreed"] = true; b["kind"] = kind; b["riskTypes"] = new JsonArray(risk);
    };

    private static Action<JsonObject> PublicityFields(DateOnly today, int days = 6) => b =>
    {
        b["startDate"] = Day(today.AddDays(-days)); b["endDate"] = Day(today.AddDays(-1));
    };

    private static Action<JsonObject> Agree(string field, string text) => b => { b["agreed"] = true; b[field] = text; };

    /// <summary>
    /// Takes a case from its current stage up to (not including) <paramref name="until"/> as <paramref name="c"/>, who must hold
    /// every permission (county or system admin). The decision, if reached, includes with the proposed kind.
    /// </summary>
    private static async Task<JsonNode> WalkAsync(HttpClient c, long caseId, string until, string kind = "UnstableExited", DateOnly? today = null)
    {
        var day = today ?? ChinaToday;
        var view = await CaseAsync(c, caseId);
        var steps = new (string Stage, string Step, Action<JsonObject> Fields)[]
        {
            ("Visit", "Visit", VisitFields), ("Comparison", "Comparison", ComparisonFields), ("Appraisal", "Appraisal", AppraisalFields(kind)),
            ("Publicity", "Publicity", PublicityFields(day)), ("TownshipReview", "TownshipReview", Agree("opinion", "经审核符合条件")),
            ("CountyDecision", "CountyDecision", Agree("reason", "同意")),
        };
        // Resumes from the case's current stage.
        foreach (var (stage, step, fields) in steps.SkipWhile(s => s.Stage != StageOf(view)))
        {
            if (StageOf(view) == until) break;
            Assert.Equal(stage, StageOf(view));
            view = await DoAsync(c, caseId, step, VersionOf(view), fields);
        }
        Assert.Equal(until, StageOf(view));
        return view;
    }

    /// <summary>An exited household with an income of 5,000 this last year (a sweep lead), opened as a case.</summary>
    private async Task<(Registered Household, long CaseId)> CaseForAsync(HttpClient c, string village, Action<JsonObject>? head = null, string status = "Exited")
    {
        var h = await NewHouseholdAsync(c, village, status, head);
        await SaveIncomeAsync(c, h.Id, LastYear, 5000m);
        var lead = Assert.Single(await LeadsAsync(c, h.Id))!;
        var row = await OpenCaseAsync(c, lead["id"]!.GetValue<long>());
        return (h, row["id"]!.GetValue<long>());
    }

    private static async Task<JsonNode> StatsAsync(HttpClient c, string region) => await GetAsync(c, $"/api/v1/monitoring/stats?region={region}");

    private static int Int(JsonNode n, string key) => n[key]!.GetValue<int>();

    private static Task<JsonNode> SweepJobAsync(HttpClient c, string region) =>
        SweepAndWaitAsync(c, "/api/v1/monitoring/sweeps", "monitoring.sweep", region);

    /// <summary>All XML text of an xlsx download (sheets and shared strings).</summary>
    private static async Task<string> XlsxTextAsync(HttpClient c, string url)
    {
        var r = await c.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await r.Content.ReadAsByteArrayAsync()));
        var text = new System.Text.StringBuilder();
        foreach (var e in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(e.Open());
            text.Append(await reader.ReadToEndAsync());
        }
        return text.ToString();
    }

    /// <summary>A village of a township no other test uses: counted from the end of the other county's townships.</summary>
    private async Task<string> QuietVillageAsync(int fromEnd)
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var townships = (await GetAsync(admin, $"/api/v1/regions/{places.OtherCounty}/children")).AsArray()
            .Where(x => x!["hasChildren"]!.GetValue<bool>()).Select(x => x!["code"]!.GetValue<string>()).ToList();
        var township = townships[^(1 + fromEnd)];
        Assert.NotEqual(places.OtherCountyVillage[..9], township);
        return (await GetAsync(admin, $"/api/v1/regions/{township}/children")).AsArray()
            .Select(x => x!["code"]!.GetValue<string>()).First(c => c.Length == 12);
    }

    private static async Task<HttpClient> LoginAsync(WebApplicationFactory<Program> app, string user)
    {
        var c = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await Ok(await c.PostAsJsonAsync("/api/v1/auth/login",
            new { username = user, password = Jingzhun.Web.Modules.Registry.DemoData.DemoSeeder.DemoPassword }));
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        return c;
    }

    [DbFact]
    public async Task Texts_of_leads_steps_plans_and_measures_are_saved_up_to_their_limit_and_one_character_more_is_refused_naming_the_field()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var village = places.SecondVillage;
        await TextLimitAsync("detail", 500, async t =>
            await county.PostAsJsonAsync("/api/v1/monitoring/leads", new { householdId = (await NewHouseholdAsync(county, village)).Id, source = "CadreCheck", detail = t }));

        // A step's texts go into its JSON record (4,000 characters, CJK escaped): each limit still fits there.
        async Task<(long Id, int Version)> CaseAtAsync(string stage)
        {
            var (_, caseId) = await CaseForAsync(county, village);
            return (caseId, VersionOf(await WalkAsync(county, caseId, stage)));
        }
        var c = await CaseAtAsync("Visit");
        await TextLimitAsync("findings", 500, t => StepAsync(county, c.Id, "Visit", c.Version, b => { VisitFields(b); b["findings"] = t; }));
        c = await CaseAtAsync("Appraisal");
        await TextLimitAsync("reason", 500, t => StepAsync(county, c.Id, "Appraisal", c.Version,
            b => { b["date"] = Day(ChinaToday); b["participants"] = 9; b["agreed"] = false; b["reason"] = t; }));
        c = await CaseAtAsync("Publicity");
        await TextLimitAsync("objections", 300, t => StepAsync(county, c.Id, "Publicity", c.Version,
            b => { PublicityFields(ChinaToday)(b); b["objections"] = t; b["objectionHandling"] = "已入户解释并核实"; }));
        c = await CaseAtAsync("Publicity");
        await TextLimitAsync("objectionHandling", 300, t => StepAsync(county, c.Id, "Publicity", c.Version,
            b => { PublicityFields(ChinaToday)(b); b["objections"] = "群众反映收入登记偏低"; b["objectionHandling"] = t; }));
        c = await CaseAtAsync("TownshipReview");
        await TextLimitAsync("opinion", 500, t => StepAsync(county, c.Id, "TownshipReview", c.Version, Agree("opinion", t)));

        var (_, monitored) = await MonitoredAsync(county, village);
        async Task<int> VersionAsync() => VersionOf(await CaseAsync(county, monitored));
        await TextLimitAsync("responsibleCadre", 50, async t =>
            await county.PutAsJsonAsync($"/api/v1/monitoring/cases/{monitored}/plan", new { responsibleCadre = t, plan = "稳定务工收入", version = await VersionAsync() }));
        await TextLimitAsync("plan", 2000, async t =>
            await county.PutAsJsonAsync($"/api/v1/monitoring/cases/{monitored}/plan", new { responsibleCadre = "李帮扶", plan = t, version = await VersionAsync() }));
        JsonObject Measure(string field, string text)
        {
            var m = new JsonObject();
            DoneMeasure()(m);
            m[field] = text;
            return m;
        }
        await TextLimitAsync("description", 500, t => county.PostAsJsonAsync($"/api/v1/monitoring/cases/{monitored}/measures", Measure("description", t)));
        await TextLimitAsync("evidence", 1000, t => county.PostAsJsonAsync($"/api/v1/monitoring/cases/{monitored}/measures", Measure("evidence", t)));
    }

    // --- 1. the sweep ------------------------------------------------------------------------------------------

    [DbFact]
    public async Task An_income_below_the_threshold_raises_exactly_one_sweep_lead_with_the_numbers()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var h = await NewHouseholdAsync(tuqiao, places.HomeVillage);
        Assert.Empty(await LeadsAsync(tuqiao, h.Id));

        await SaveIncomeAsync(tuqiao, h.Id, LastYear, 5000m);
        var lead = Assert.Single(await LeadsAsync(tuqiao, h.Id))!;
        Assert.Equal("IncomeBelowThreshold", Str(lead, "reason"));
        Assert.Equal("SystemSweep", Str(lead, "source"));
        Assert.Equal("Open", Str(lead, "status"));
        Assert.Equal("系统监测预警", Str(lead, "createdBy"));
        Assert.Equal(h.HeadName, Str(lead, "headName"));
        Assert.Equal($"{LastYear}年人均纯收入5000元，不高于监测范围6000元", Str(lead, "detail"));

        // Saving again (same figures, then another change) judges again but raises no duplicate.
        await SaveIncomeAsync(tuqiao, h.Id, LastYear, 5000m);
        await SaveIncomeAsync(tuqiao, h.Id, LastYear, 4800m);
        Assert.Equal(lead["id"]!.GetValue<long>(), Assert.Single(await LeadsAsync(tuqiao, h.Id))!["id"]!.GetValue<long>());
    }

    [DbTheory]
    [InlineData("6000", "IncomeBelowThreshold", "不高于监测范围6000元")]
    [InlineData("5999.99", "IncomeBelowThreshold", "5999.99元")]
    [InlineData("6000.01", "IncomeNearThreshold", "6000.01元")]
    [InlineData("6600", "IncomeNearThreshold", "（6600元）")]
    [InlineData("6600.01", null, null)]
    public async Task The_threshold_and_the_band_are_inclusive(string income, string? reason, string? detail)
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var h = await NewHouseholdAsync(tuqiao, places.HomeVillage);
        await SaveIncomeAsync(tuqiao, h.Id, LastYear, decimal.Parse(income, CultureInfo.InvariantCulture));
        var leads = await LeadsAsync(tuqiao, h.Id);
        if (reason is null) { Assert.Empty(leads); return; }
        var lead = Assert.Single(leads)!;
        Assert.Equal(reason, Str(lead, "reason"));
        Assert.Contains(detail!, Str(lead, "detail"));
    }

    [DbFact]
    public async Task A_drop_of_exactly_the_trigger_raises_nothing_and_a_drop_beyond_it_raises_a_drop_lead()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");

        var exactly = await NewHouseholdAsync(tuqiao, places.HomeVillage);
        await SaveIncomeAsync(tuqiao, exactly.Id, LastYear - 1, 10000m);
        await SaveIncomeAsync(tuqiao, exactly.Id, LastYear, 7000m);   // −30.00%, above the band: no lead at all
        Assert.Empty(await LeadsAsync(tuqiao, exactly.Id));

        var beyond = await NewHouseholdAsync(tuqiao, places.HomeVillage);
        await SaveIncomeAsync(tuqiao, beyond.Id, LastYear - 1, 10000m);
        await SaveIncomeAsync(tuqiao, beyond.Id, LastYear, 6999m);    // −30.01%
        var lead = Assert.Single(await LeadsAsync(tuqiao, beyond.Id))!;
        Assert.Equal("IncomeDrop", Str(lead, "reason"));
        var detail = Str(lead, "detail");
        Assert.Contains($"{LastYear - 1}年10000元", detail);
        Assert.Contains($"{LastYear}年6999元", detail);
    }

    [DbFact]
    public async Task Out_of_pocket_spending_above_the_trigger_raises_a_lead_and_exactly_the_trigger_does_not()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var at = await NewHouseholdAsync(tuqiao, places.HomeVillage);
        await SaveIncomeAsync(tuqiao, at.Id, LastYear, 20000m, outOfPocket: 10000m);
        Assert.Empty(await LeadsAsync(tuqiao, at.Id));

        var above = await NewHouseholdAsync(tuqiao, places.HomeVillage);
        await SaveIncomeAsync(tuqiao, above.Id, LastYear, 20000m, outOfPocket: 10000.01m);
        var lead = Assert.Single(await LeadsAsync(tuqiao, above.Id))!;
        Assert.Equal("HighOutOfPocket", Str(lead, "reason"));
        Assert.Equal($"{LastYear}年合规自付支出10000.01元，超过10000元", Str(lead, "detail"));
    }

    [DbFact]
    public async Task An_open_guarantee_problem_raises_a_lead_for_an_exited_household_only()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        foreach (var (status, expected) in new[] { ("Exited", true), ("Ordinary", false) })
        {
            var facts = GoodFacts(status);
            facts["housingGrade"] = "D";
            var r = await tuqiao.PostAsJsonAsync("/api/v1/households",
                new { villageCode = places.HomeVillage, household = facts, head = Person(NewName(), NewIdNumber()) });
            var id = (await Ok(r, HttpStatusCode.Created))["id"]!.GetValue<long>();
            var leads = await LeadsAsync(tuqiao, id);
            if (!expected) { Assert.Empty(leads); continue; }
            var lead = Assert.Single(leads)!;
            Assert.Equal("GuaranteeProblem", Str(lead, "reason"));
            Assert.Equal("脱贫户有1个未清零的两不愁三保障问题", Str(lead, "detail"));
        }
    }

    [DbFact]
    public async Task The_sweep_job_over_a_village_is_refused_to_the_wrong_roles_and_is_idempotent()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var admin = await As("admin");
        var h = await NewHouseholdAsync(tuqiao, places.SecondVillage);
        await SaveIncomeAsync(tuqiao, h.Id, LastYear, 5000m);

        await Problem(await (await As("village")).PostAsJsonAsync("/api/v1/monitoring/sweeps", new { region = places.HomeVillage }), HttpStatusCode.Forbidden);
        await Problem(await (await As("auditor")).PostAsJsonAsync("/api/v1/monitoring/sweeps", new { region = places.SecondVillage }), HttpStatusCode.Forbidden);
        await Problem(await tuqiao.PostAsJsonAsync("/api/v1/monitoring/sweeps", new { region = places.OtherTownship }), HttpStatusCode.NotFound);
        await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/monitoring/sweeps", new { region = "12345" }), "region");

        var households = (await GetAsync(admin, $"/api/v1/households?pageSize=1&region={places.SecondVillage}"))["total"]!.GetValue<int>();
        var first = await SweepJobAsync(tuqiao, places.SecondVillage);
        Assert.Equal(households, Int(first, "total"));
        Assert.StartsWith($"已筛查 {households} 户，新增风险线索 ", Str(first, "message"));
        var second = await SweepJobAsync(tuqiao, places.SecondVillage);
        Assert.Equal($"已筛查 {households} 户，新增风险线索 0 条", Str(second, "message"));
        Assert.Single(await LeadsAsync(tuqiao, h.Id));
    }

    // --- 2. leads recorded by hand -----------------------------------------------------------------------------

    [DbFact]
    public async Task Leads_are_recorded_by_hand_by_the_field_roles_and_refused_otherwise()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var h = await NewHouseholdAsync(tuqiao, places.HomeVillage);
        await PairWithDemoCadreAsync(h.Id); // a pairing cadre reports for the households paired with them

        foreach (var (user, source) in new[] { ("village", "SelfReport"), ("cadre", "CadreCheck"), ("tuqiao", "DepartmentScreening") })
        {
            var lead = await RecordLeadAsync(await As(user), h.Id, source, $"{source}：家庭成员突发重病住院");
            Assert.Equal(source, Str(lead, "source"));
            Assert.Equal("Open", Str(lead, "status"));
            Assert.Equal(user, Str(lead, "createdBy"));
            Assert.Null(lead["reason"]);
            Assert.Equal(h.Number, Str(lead, "householdNumber"));
        }
        var leads = await LeadsAsync(tuqiao, h.Id);
        Assert.Equal(["CadreCheck", "DepartmentScreening", "SelfReport"], leads.Select(l => Str(l, "source")).Order());

        Assert.Contains("线索来源", await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/monitoring/leads",
            new { householdId = h.Id, source = "SystemSweep", detail = "冒充系统预警的线索" }), "source"));
        await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/monitoring/leads", new { householdId = h.Id, source = "CadreCheck", detail = "短" }), "detail");
        await Problem(await (await As("auditor")).PostAsJsonAsync("/api/v1/monitoring/leads",
            new { householdId = h.Id, source = "CadreCheck", detail = "审计员不能登记线索" }), HttpStatusCode.Forbidden);

        var far = await NewHouseholdAsync(await As("admin"), places.OtherTownshipVillage);
        await Problem(await tuqiao.PostAsJsonAsync("/api/v1/monitoring/leads",
            new { householdId = far.Id, source = "CadreCheck", detail = "其他乡镇的户不在管辖范围" }), HttpStatusCode.NotFound);
        Assert.Empty(await LeadsAsync(await As("admin"), far.Id));
        Assert.Equal(3, (await LeadsAsync(tuqiao, h.Id)).Count);
    }

    // --- 3. the whole identification procedure ----------------------------------------------------------------

    [DbFact]
    public async Task A_household_goes_from_a_sweep_lead_through_every_step_into_monitoring_with_a_plan_and_a_measure()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var village = await As("village");
        var county = await As("tl_admin");
        var before = await StatsAsync(tuqiao, places.HomeVillage);

        // A head with a serious illness and a disabled relative: the notice must say nothing about either.
        var h = await NewHouseholdAsync(village, places.HomeVillage, head: p => p["healthStatus"] = "SeriousIllness");
        var relative = Person(NewName(), NewIdNumber(), "Spouse");
        relative["healthStatus"] = "Disabled";
        relative["disabilityGrade"] = 2;
        await Ok(await village.PostAsJsonAsync($"/api/v1/households/{h.Id}/members", new { member = relative }), HttpStatusCode.Created);
        await SaveIncomeAsync(village, h.Id, LastYear, 5000m);
        var lead = Assert.Single(await LeadsAsync(village, h.Id))!;

        // 受理 by the village: the case starts at 入户核查, the lead is in procedure.
        var opened = await OpenCaseAsync(village, lead["id"]!.GetValue<long>());
        var caseId = opened["id"]!.GetValue<long>();
        Assert.Equal("Visit", Str(opened, "stage"));
        Assert.Equal(h.Id, opened["householdId"]!.GetValue<long>());
        var view = await CaseAsync(village, caseId);
        Assert.Equal(["Visit"], view["nextSteps"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(Day(ChinaToday.AddDays(15)), Str(view, "deadline"));
        Assert.Equal("InProcedure", Str(Assert.Single(view["leads"]!.AsArray()), "status"));
        Assert.Equal(caseId, Assert.Single(await LeadsAsync(village, h.Id))!["caseId"]!.GetValue<long>());

        await Problem(await StepAsync(village, caseId, "StartElimination", VersionOf(view)), HttpStatusCode.Conflict);
        view = await DoAsync(village, caseId, "Visit", VersionOf(view), VisitFields);
        Assert.Equal("Comparison", StageOf(view));
        Assert.Empty(view["nextSteps"]!.AsArray());   // 信息比对 is the township's
        view = await DoAsync(tuqiao, caseId, "Comparison", VersionOf(view), ComparisonFields);
        Assert.Equal("Appraisal", StageOf(view));
        Assert.Equal("信息比对：暂无", Str(view["steps"]!.AsArray()[1], "summary"));
        view = await DoAsync(village, caseId, "Appraisal", VersionOf(view), AppraisalFields());
        Assert.Equal("Publicity", StageOf(view));
        Assert.Equal("UnstableExited", Str(view["case"], "proposedKind"));
        Assert.Equal("Illness", Str(view["case"], "riskTypes"));

        // 公示名单: name, village and kind only.
        var detail = await GetAsync(tuqiao, $"/api/v1/households/{h.Id}");
        var phoneMasked = detail["household"]!["phone"]?.GetValue<string>();
        var forbidden = new List<string> { h.HeadId, IdNumberRule.Mask(h.HeadId), h.HeadId[..6] + "*", "13812345678", "健康", "残疾", "慢性病", "大病",
            "银行", "账号", "账户", "卡号", "电话", "手机", "身份证" };
        if (!string.IsNullOrEmpty(phoneMasked)) forbidden.Add(phoneMasked);
        foreach (var m in detail["members"]!.AsArray()) forbidden.Add(Str(m, "idNumberMasked"));

        var notice = await GetAsync(village, $"/api/v1/monitoring/public-notice?region={places.HomeVillage}");
        var line = Assert.Single(notice["lines"]!.AsArray(), l => Str(l, "headName") == h.HeadName)!;
        Assert.Equal("脱贫不稳定户", Str(line, "kind"));
        Assert.Equal("拟纳入监测", Str(line, "matter"));
        Assert.Equal(Str(opened, "regionPath"), Str(line, "village"));
        Assert.Equal(["headName", "kind", "matter", "size", "village"], line.AsObject().Select(p => p.Key).Order());
        var json = notice.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains(h.HeadName, json);
        foreach (var f in forbidden) Assert.DoesNotContain(f, json);
        var xlsx = await XlsxTextAsync(village, $"/api/v1/monitoring/public-notice/export?region={places.HomeVillage}");
        Assert.Contains(h.HeadName, xlsx);
        Assert.Contains("脱贫不稳定户", xlsx);
        foreach (var f in forbidden) Assert.DoesNotContain(f, xlsx);

        // 村级公示: at least 5 days, and finished.
        var fourDays = await StepAsync(village, caseId, "Publicity", VersionOf(view), PublicityFields(ChinaToday, days: 4));
        Assert.Contains("不少于5天", await FieldError(fourDays, "endDate"));
        var unfinished = await StepAsync(village, caseId, "Publicity", VersionOf(view),
            b => { b["startDate"] = Day(ChinaToday.AddDays(-6)); b["endDate"] = Day(ChinaToday.AddDays(1)); });
        Assert.Contains("尚未结束", await FieldError(unfinished, "endDate"));
        var objection = await StepAsync(village, caseId, "Publicity", VersionOf(view), b => { PublicityFields(ChinaToday)(b); b["objections"] = "有村民提出异议"; });
        await FieldError(objection, "objectionHandling");
        view = await DoAsync(village, caseId, "Publicity", VersionOf(view), PublicityFields(ChinaToday));
        Assert.Equal("TownshipReview", StageOf(view));
        Assert.DoesNotContain((await GetAsync(village, $"/api/v1/monitoring/public-notice?region={places.HomeVillage}"))["lines"]!.AsArray(),
            l => Str(l, "headName") == h.HeadName);

        view = await DoAsync(tuqiao, caseId, "TownshipReview", VersionOf(view), Agree("opinion", "经审核符合纳入条件"));
        Assert.Equal("CountyDecision", StageOf(view));
        view = await DoAsync(county, caseId, "CountyDecision", VersionOf(view), b => b["agreed"] = true);
        Assert.Equal("Monitoring", StageOf(view));
        Assert.Equal("UnstableExited", Str(view["case"], "kind"));
        Assert.Equal(Day(ChinaToday), Str(view["case"], "monitoredSince"));
        Assert.Equal(["Visit", "Comparison", "Appraisal", "Publicity", "TownshipReview", "CountyDecision"],
            view["steps"]!.AsArray().Select(s => Str(s, "step")));
        Assert.Equal(["village", "tuqiao", "village", "village", "tuqiao", "tl_admin"], view["steps"]!.AsArray().Select(s => Str(s, "by")));

        Assert.Equal("Monitored", Str((await GetAsync(tuqiao, $"/api/v1/households/{h.Id}"))["household"], "status"));
        Assert.All(await LeadsAsync(tuqiao, h.Id), l => Assert.Equal("Included", Str(l, "status")));
        var listed = Assert.Single((await GetAsync(tuqiao, $"/api/v1/monitoring/cases?householdId={h.Id}"))["items"]!.AsArray())!;
        Assert.Equal("Monitoring", Str(listed, "stage"));

        var after = await StatsAsync(tuqiao, places.HomeVillage);
        Assert.Equal(Int(before, "monitoredHouseholds") + 1, Int(after, "monitoredHouseholds"));
        Assert.Equal(Int(before, "monitoredPeople") + 2, Int(after, "monitoredPeople"));
        Assert.Equal(Int(before, "withoutMeasure") + 1, Int(after, "withoutMeasure"));
        int KindCount(JsonNode s) => s["byKind"]!.AsArray().Single(k => Str(k, "key") == "UnstableExited")!["households"]!.GetValue<int>();
        Assert.Equal(KindCount(before) + 1, KindCount(after));
        Assert.Contains(after["byRiskType"]!.AsArray(), r => Str(r, "key") == "Illness");

        // 一户一策 gaps: the risk without a measure and the missing responsible cadre.
        var warnings = view["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).ToList();
        Assert.Contains("风险类型“因病”尚无对应帮扶措施", warnings);
        Assert.Contains("尚未确定一对一监测责任人", warnings);
        Assert.Equal(2, warnings.Count);

        await Problem(await (await As("auditor")).PutAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/plan",
            new { responsibleCadre = "李帮扶", plan = "健康帮扶", version = VersionOf(view) }), HttpStatusCode.Forbidden);
        view = await Ok(await village.PutAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/plan",
            new { responsibleCadre = "李帮扶", plan = "落实大病保险报销和医疗救助，稳定务工收入", version = VersionOf(view) }));
        Assert.Equal("李帮扶", Str(view["case"], "responsibleCadre"));
        await FieldError(await village.PostAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/measures", new
        {
            category = "Health", riskType = "Illness", description = "医疗救助已发放", startDate = Day(ChinaToday), status = "Done",
        }), "evidence");
        Assert.Contains("5万元", await FieldError(await village.PostAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/measures", new
        {
            category = "Finance", riskType = "Illness", description = "脱贫人口小额信贷", startDate = Day(ChinaToday), amount = 60000, status = "Planned",
        }), "amount"));
        var measure = await Ok(await village.PostAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/measures", new
        {
            category = "Health", riskType = "Illness", description = "落实医疗救助和大病保险报销", startDate = Day(ChinaToday), amount = 3500.50m,
            status = "Done", evidence = "医疗救助发放记录一份",
        }), HttpStatusCode.Created);
        Assert.Equal("Done", Str(measure, "status"));
        Assert.Equal(3500.50m, measure["amount"]!.GetValue<decimal>());

        // A stale plan is refused; a measure is updated in place, and only under its own case.
        await Problem(await village.PutAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/plan",
            new { responsibleCadre = "王某", version = VersionOf(view) - 1 }), HttpStatusCode.Conflict);
        var measureId = measure["id"]!.GetValue<long>();
        var update = new
        {
            category = "Health", riskType = "Illness", description = "落实医疗救助和大病保险报销", startDate = Day(ChinaToday), amount = 4000m,
            status = "Done", evidence = "医疗救助发放记录两份", version = measure["version"]!.GetValue<int>(),
        };
        Assert.Equal(4000m, (await Ok(await village.PutAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/measures/{measureId}", update)))["amount"]!.GetValue<decimal>());
        var other = await MonitoredAsync(county, places.HomeVillage);
        await Problem(await village.PutAsJsonAsync($"/api/v1/monitoring/cases/{other.CaseId}/measures/{measureId}", update), HttpStatusCode.NotFound);

        view = await CaseAsync(tuqiao, caseId);
        Assert.Empty(view["warnings"]!.AsArray());
        Assert.Equal("Health", Str(Assert.Single(view["measures"]!.AsArray()), "category"));
        Assert.Equal(Int(before, "withoutMeasure"), Int(await StatsAsync(tuqiao, places.HomeVillage), "withoutMeasure"));
    }

    [DbFact]
    public async Task Two_editors_of_one_measure_the_second_is_told_who_saved_first_and_when()
    {
        var places = await PlacesAsync();
        var (_, caseId) = await MonitoredAsync(await As("tl_admin"), places.HomeVillage);
        var id = Assert.Single((await CaseAsync(await As("tl_admin"), caseId))["measures"]!.AsArray())!["id"]!.GetValue<long>();
        await TwoEditorsAsync("该帮扶措施", "village", "tl_admin",
            async c => (await CaseAsync(c, caseId))["measures"]!.AsArray().Single(m => m!["id"]!.GetValue<long>() == id)!["version"]!.GetValue<int>(),
            (c, v, n) =>
            {
                var body = new JsonObject();
                DoneMeasure()(body);
                body["evidence"] = $"劳动合同复印件（第{n}次修改）";
                body["version"] = v;
                return c.PutAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/measures/{id}", body);
            });
    }

    // --- 4. the decision checks the kind ----------------------------------------------------------------------

    [DbFact]
    public async Task The_decision_refuses_a_kind_that_does_not_fit_the_household_with_the_chinese_reason()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");

        // An ordinary household cannot be 脱贫不稳定户: refused already when the village proposes it, and again if the
        // county tries to decide it; 边缘易致贫户 fits.
        var (ordinary, ordinaryCase) = await CaseForAsync(county, places.HomeVillage, status: "Ordinary");
        var view = await WalkAsync(county, ordinaryCase, "Appraisal");
        Assert.Contains("脱贫不稳定户须为脱贫户",
            await FieldError(await StepAsync(county, ordinaryCase, "Appraisal", VersionOf(view), AppraisalFields("UnstableExited")), "kind"));
        view = await WalkAsync(county, ordinaryCase, "CountyDecision", kind: "EdgeProne");
        Assert.Equal("EdgeProne", Str(view["case"], "proposedKind"));
        var refused = await FieldError(await StepAsync(county, ordinaryCase, "CountyDecision", VersionOf(view),
            b => { b["agreed"] = true; b["kind"] = "UnstableExited"; }), "kind");
        Assert.Contains("脱贫不稳定户须为脱贫户", refused);
        Assert.Equal("CountyDecision", StageOf(await CaseAsync(county, ordinaryCase)));
        view = await DoAsync(county, ordinaryCase, "CountyDecision", VersionOf(view), b => { b["agreed"] = true; b["kind"] = "EdgeProne"; });
        Assert.Equal("EdgeProne", Str(view["case"], "kind"));
        Assert.Equal("Monitored", Str((await GetAsync(county, $"/api/v1/households/{ordinary.Id}"))["household"], "status"));

        // An exited household with income above the range: not 脱贫不稳定户, but 突发严重困难户 fits.
        var rich = await NewHouseholdAsync(county, places.HomeVillage);
        await SaveIncomeAsync(county, rich.Id, LastYear, 9000m, outOfPocket: 30000m);
        var lead = Assert.Single(await LeadsAsync(county, rich.Id))!;
        Assert.Equal("HighOutOfPocket", Str(lead, "reason"));
        var richCase = (await OpenCaseAsync(county, lead["id"]!.GetValue<long>()))["id"]!.GetValue<long>();
        view = await WalkAsync(county, richCase, "CountyDecision", kind: "SevereHardship");
        refused = await FieldError(await StepAsync(county, richCase, "CountyDecision", VersionOf(view),
            b => { b["agreed"] = true; b["kind"] = "UnstableExited"; }), "kind");
        Assert.Contains("人均纯收入9000元高于监测范围6000元", refused);
        Assert.Contains("突发严重困难户", refused);
        view = await DoAsync(county, richCase, "CountyDecision", VersionOf(view),
            b => { b["agreed"] = true; b["kind"] = "SevereHardship"; b["riskTypes"] = new JsonArray("Illness", "Accident"); });
        Assert.Equal("Monitoring", StageOf(view));
        Assert.Equal("SevereHardship", Str(view["case"], "kind"));
        Assert.Equal("Illness,Accident", Str(view["case"], "riskTypes"));
    }

    // --- 5. illegal orders, wrong roles, out of scope ---------------------------------------------------------

    [DbFact]
    public async Task Steps_out_of_order_stale_versions_and_wrong_roles_are_refused()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var village = await As("village");
        var auditor = await As("auditor");
        var (_, caseId) = await CaseForAsync(village, places.HomeVillage);

        var view = await CaseAsync(village, caseId);
        Assert.Contains("不能登记", (await Problem(await StepAsync(village, caseId, "Appraisal", VersionOf(view), AppraisalFields()), HttpStatusCode.Conflict))["title"]!.GetValue<string>());
        await Problem(await StepAsync(village, caseId, "Visit", VersionOf(view) - 1, VisitFields), HttpStatusCode.Conflict);
        await FieldError(await StepAsync(village, caseId, "Visit", VersionOf(view), b => { b["date"] = Day(ChinaToday); b["findings"] = ""; }), "findings");
        await FieldError(await StepAsync(village, caseId, "Visit", VersionOf(view), b => { b["date"] = Day(ChinaToday.AddDays(1)); b["findings"] = "入户核查情况"; }), "date");
        var stale = VersionOf(view);
        view = await DoAsync(village, caseId, "Visit", stale, VisitFields);
        Assert.Contains("刷新", (await Problem(await StepAsync(tuqiao, caseId, "Comparison", stale, ComparisonFields), HttpStatusCode.Conflict))["title"]!.GetValue<string>());

        foreach (var step in new[] { "Comparison", "TownshipReview", "CountyDecision", "EliminationTownship", "EliminationCounty" })
            await Problem(await StepAsync(village, caseId, step, VersionOf(view), Agree("opinion", "村里不能做")), HttpStatusCode.Forbidden);
        await PairWithDemoCadreAsync(view["case"]!["householdId"]!.GetValue<long>());
        await Problem(await StepAsync(await As("cadre"), caseId, "Comparison", VersionOf(view), ComparisonFields), HttpStatusCode.Forbidden);
        await Problem(await StepAsync(tuqiao, caseId, "CountyDecision", VersionOf(view), b => b["agreed"] = true), HttpStatusCode.Forbidden);
        await Problem(await StepAsync(tuqiao, caseId, "EliminationCounty", VersionOf(view), b => b["agreed"] = true), HttpStatusCode.Forbidden);
        foreach (var step in new[] { "Visit", "Comparison", "Appraisal", "Publicity", "TownshipReview", "CountyDecision", "StartElimination" })
            await Problem(await StepAsync(auditor, caseId, step, VersionOf(view), ComparisonFields), HttpStatusCode.Forbidden);
        Assert.Equal("Comparison", StageOf(await CaseAsync(auditor, caseId)));
        Assert.Empty((await CaseAsync(auditor, caseId))["nextSteps"]!.AsArray());

        // The auditor sees but changes nothing.
        var h2 = await NewHouseholdAsync(tuqiao, places.HomeVillage);
        await SaveIncomeAsync(tuqiao, h2.Id, LastYear, 5000m);
        var lead2 = Assert.Single(await LeadsAsync(auditor, h2.Id))!["id"]!.GetValue<long>();
        await Problem(await auditor.PostAsync($"/api/v1/monitoring/leads/{lead2}/case", null), HttpStatusCode.Forbidden);
        await Problem(await auditor.PostAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/measures", new
        {
            category = "Health", riskType = "Illness", description = "审计员登记的措施", startDate = Day(ChinaToday), status = "Planned",
        }), HttpStatusCode.Forbidden);
        await Problem(await auditor.PostAsJsonAsync("/api/v1/monitoring/sweeps", new { region = places.HomeVillage }), HttpStatusCode.Forbidden);
        // Measures and plans only once monitored.
        await Problem(await village.PostAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/measures", new
        {
            category = "Health", riskType = "Illness", description = "认定前登记的措施", startDate = Day(ChinaToday), status = "Planned",
        }), HttpStatusCode.Conflict);
        Assert.Equal("Comparison", StageOf(await CaseAsync(village, caseId)));
    }

    [DbFact]
    public async Task A_township_user_cannot_see_or_touch_another_townships_case()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var admin = await As("admin");
        var (far, farCase) = await CaseForAsync(admin, places.OtherTownshipVillage);
        var view = await WalkAsync(admin, farCase, "Publicity");
        var farLead = Assert.Single(await LeadsAsync(admin, far.Id))!["id"]!.GetValue<long>();

        await Problem(await tuqiao.GetAsync($"/api/v1/monitoring/cases/{farCase}"), HttpStatusCode.NotFound);
        await Problem(await StepAsync(tuqiao, farCase, "Publicity", VersionOf(view), PublicityFields(ChinaToday)), HttpStatusCode.NotFound);
        await Problem(await tuqiao.PutAsJsonAsync($"/api/v1/monitoring/cases/{farCase}/plan", new { responsibleCadre = "某人", version = VersionOf(view) }),
            HttpStatusCode.NotFound);
        await Problem(await tuqiao.PostAsync($"/api/v1/monitoring/leads/{farLead}/case", null), HttpStatusCode.NotFound);
        await Problem(await tuqiao.GetAsync($"/api/v1/monitoring/cases?householdId={far.Id}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await GetAsync(tuqiao, "/api/v1/monitoring/cases?pageSize=200&stage=Publicity"))["items"]!.AsArray(),
            c => c!["id"]!.GetValue<long>() == farCase);
        await Problem(await tuqiao.GetAsync($"/api/v1/monitoring/leads?householdId={far.Id}"), HttpStatusCode.NotFound);
        await Problem(await tuqiao.GetAsync($"/api/v1/monitoring/stats?region={places.OtherTownship}"), HttpStatusCode.NotFound);
        await Problem(await tuqiao.GetAsync($"/api/v1/monitoring/public-notice?region={places.OtherTownship}"), HttpStatusCode.NotFound);
        await Problem(await tuqiao.GetAsync($"/api/v1/monitoring/public-notice/export?region={places.OtherTownship}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await GetAsync(tuqiao, "/api/v1/monitoring/public-notice"))["lines"]!.AsArray(), l => Str(l, "headName") == far.HeadName);
        Assert.DoesNotContain(far.HeadName, await XlsxTextAsync(tuqiao, "/api/v1/monitoring/public-notice/export"));
        var mine = await StatsAsync(tuqiao, Township);
        Assert.DoesNotContain(mine["bySubRegion"]!.AsArray(), r => Str(r, "code") == places.OtherTownshipVillage);

        // A village officer sees only the village: a case in the township's second village is out of reach.
        var (_, neighbourCase) = await CaseForAsync(tuqiao, places.SecondVillage);
        var village = await As("village");
        await Problem(await village.GetAsync($"/api/v1/monitoring/cases/{neighbourCase}"), HttpStatusCode.NotFound);
        await Problem(await StepAsync(village, neighbourCase, "Visit", 1, VisitFields), HttpStatusCode.NotFound);
        Assert.Equal(neighbourCase, (await CaseAsync(tuqiao, neighbourCase))["case"]!["id"]!.GetValue<long>());

        // The county sees it: the notice of the county lists it, its stats count it.
        var county = await As("tl_admin");
        Assert.Contains((await GetAsync(county, $"/api/v1/monitoring/public-notice?region={County}"))["lines"]!.AsArray(), l => Str(l, "headName") == far.HeadName);
        Assert.True(Int(await StatsAsync(county, places.OtherTownship), "inProcedure") >= 1);
    }

    [DbFact]
    public async Task Only_exited_and_ordinary_households_enter_the_procedure()
    {
        var places = await PlacesAsync();
        var village = await As("village");
        // A 未脱贫户 (historical status) may not enter; 监测户 cannot even be registered (it comes only from the procedure).
        var notExited = Facts();
        notExited["status"] = "NotExited";
        notExited["attribute"] = "General";
        notExited["exitYear"] = null;
        var r = await village.PostAsJsonAsync("/api/v1/households",
            new { villageCode = places.HomeVillage, household = notExited, head = Person(NewName(), NewIdNumber()) });
        var id = (await Ok(r, HttpStatusCode.Created))["id"]!.GetValue<long>();
        var lead = await RecordLeadAsync(village, id);
        var refused = await Problem(await village.PostAsync($"/api/v1/monitoring/leads/{lead["id"]!.GetValue<long>()}/case", null), HttpStatusCode.Conflict);
        Assert.Contains("只有脱贫户和一般农户", refused["title"]!.GetValue<string>());
        Assert.Equal(0, (await GetAsync(village, $"/api/v1/monitoring/cases?householdId={id}"))["total"]!.GetValue<int>());
        Assert.Equal("Open", Str(Assert.Single(await LeadsAsync(village, id)), "status"));
    }

    // --- 6. not included ---------------------------------------------------------------------------------------

    [DbFact]
    public async Task A_disagreed_appraisal_closes_the_case_as_not_included_and_a_later_lead_opens_a_new_case()
    {
        var places = await PlacesAsync();
        var village = await As("village");
        var tuqiao = await As("tuqiao");
        var (h, caseId) = await CaseForAsync(village, places.HomeVillage);
        var view = await DoAsync(village, caseId, "Visit", 1, VisitFields);
        view = await DoAsync(tuqiao, caseId, "Comparison", VersionOf(view), ComparisonFields);

        await FieldError(await StepAsync(village, caseId, "Appraisal", VersionOf(view),
            b => { b["date"] = Day(ChinaToday); b["participants"] = 9; b["agreed"] = false; }), "reason");
        view = await DoAsync(village, caseId, "Appraisal", VersionOf(view),
            b => { b["date"] = Day(ChinaToday); b["participants"] = 9; b["agreed"] = false; b["reason"] = "家庭有稳定务工收入，收入登记有误"; });
        Assert.Equal("NotIncluded", StageOf(view));
        Assert.Equal("家庭有稳定务工收入，收入登记有误", Str(view, "notIncludedReason"));
        Assert.Empty(view["nextSteps"]!.AsArray());
        Assert.All(await LeadsAsync(village, h.Id), l => Assert.Equal("NotIncluded", Str(l, "status")));
        Assert.Equal("Exited", Str((await GetAsync(village, $"/api/v1/households/{h.Id}"))["household"], "status"));
        Assert.Equal(0, (await GetAsync(village, $"/api/v1/monitoring/cases?householdId={h.Id}&active=true"))["total"]!.GetValue<int>());
        await Problem(await StepAsync(village, caseId, "Visit", VersionOf(view), VisitFields), HttpStatusCode.Conflict);
        var closedLead = Assert.Single(await LeadsAsync(village, h.Id))!["id"]!.GetValue<long>();
        await Problem(await village.PostAsync($"/api/v1/monitoring/leads/{closedLead}/case", null), HttpStatusCode.Conflict);

        // Later the income is still low: the sweep raises a new lead, which opens a new case.
        await SaveIncomeAsync(village, h.Id, LastYear, 4500m);
        var leads = await LeadsAsync(village, h.Id);
        Assert.Equal(2, leads.Count);
        var fresh = Assert.Single(leads, l => Str(l, "status") == "Open")!;
        Assert.Equal("IncomeBelowThreshold", Str(fresh, "reason"));
        var second = await OpenCaseAsync(village, fresh["id"]!.GetValue<long>());
        Assert.NotEqual(caseId, second["id"]!.GetValue<long>());
        Assert.Equal("Visit", Str(second, "stage"));
        Assert.Equal(2, (await GetAsync(village, $"/api/v1/monitoring/cases?householdId={h.Id}"))["total"]!.GetValue<int>());
        Assert.Equal(1, (await GetAsync(village, $"/api/v1/monitoring/cases?householdId={h.Id}&active=true"))["total"]!.GetValue<int>());

        // A hand-recorded lead while the new case is open joins it.
        var extra = await RecordLeadAsync(village, h.Id, "SelfReport", "农户申请：务工收入中断");
        var joined = await OpenCaseAsync(village, extra["id"]!.GetValue<long>());
        Assert.Equal(second["id"]!.GetValue<long>(), joined["id"]!.GetValue<long>());
    }

    // --- 7. 风险消除 --------------------------------------------------------------------------------------------

    private static Action<JsonObject> DoneMeasure(string category = "Employment", string risk = "Illness") => b =>
    {
        b["category"] = category; b["riskType"] = risk; b["description"] = "推荐到县内企业稳定务工"; b["startDate"] = Day(ChinaToday);
        b["status"] = "Done"; b["evidence"] = "劳动合同复印件";
    };

    private async Task<(Registered Household, long CaseId)> MonitoredAsync(HttpClient county, string village, Action<JsonObject>? head = null)
    {
        var (h, caseId) = await CaseForAsync(county, village, head);
        await WalkAsync(county, caseId, "Monitoring");
        var m = new JsonObject();
        DoneMeasure()(m);
        await Ok(await county.PostAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/measures", m), HttpStatusCode.Created);
        // Incomes above the range in the last two years.
        await SaveIncomeAsync(county, h.Id, LastYear - 1, 9000m);
        await SaveIncomeAsync(county, h.Id, LastYear, 9500m);
        return (h, caseId);
    }

    private static List<string> Conditions(JsonNode problem) =>
        problem["errors"]!["conditions"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();

    [DbFact]
    public async Task Elimination_needs_six_months_and_then_goes_through_the_same_procedure_back_to_exited()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var village = await As("village");
        var (h, caseId) = await MonitoredAsync(county, places.HomeVillage);
        var view = await CaseAsync(county, caseId);
        var conditions = view["eliminationConditions"]!.AsArray();
        Assert.Equal(["监测时间", "帮扶措施", "收入稳定", "刚性支出", "两不愁三保障及饮水安全", "劳动能力"], conditions.Select(c => Str(c, "name")));
        Assert.Equal([false, true, true, true, true, true], conditions.Select(c => c!["met"]!.GetValue<bool>()));
        Assert.Equal($"{LastYear}年9500元、{LastYear - 1}年9000元，监测范围6000元", Str(conditions[2], "detail"));

        // Today: monitored 0 months.
        var refused = await Problem(await StepAsync(village, caseId, "StartElimination", VersionOf(view)), HttpStatusCode.BadRequest);
        Assert.Equal(["监测时间：已监测0个月（要求不少于6个月）"], Conditions(refused));
        Assert.Equal("Monitoring", StageOf(await CaseAsync(county, caseId)));

        var statsBefore = await StatsAsync(county, places.HomeVillage);

        // Seven months later, on the same database.
        await using var later = Later(214);
        var today = ChinaToday.AddDays(214);
        var laterVillage = await LoginAsync(later, "village");
        var laterTuqiao = await LoginAsync(later, "tuqiao");
        var laterCounty = await LoginAsync(later, "tl_admin");
        view = await CaseAsync(laterVillage, caseId);
        Assert.All(view["eliminationConditions"]!.AsArray(), c => Assert.True(c!["met"]!.GetValue<bool>(), c.ToJsonString()));
        Assert.StartsWith("已监测7个月", Str(view["eliminationConditions"]![0], "detail"));
        Assert.Contains("StartElimination", view["nextSteps"]!.AsArray().Select(s => s!.GetValue<string>()));

        view = await DoAsync(laterVillage, caseId, "StartElimination", VersionOf(view));
        Assert.Equal("EliminationAppraisal", StageOf(view));
        view = await DoAsync(laterVillage, caseId, "EliminationAppraisal", VersionOf(view),
            b => { b["date"] = Day(today); b["participants"] = 11; b["agreed"] = true; });
        Assert.Equal("EliminationPublicity", StageOf(view));
        var notice = await GetAsync(laterVillage, $"/api/v1/monitoring/public-notice?region={places.HomeVillage}");
        Assert.Equal("拟标注风险消除", Str(Assert.Single(notice["lines"]!.AsArray(), l => Str(l, "headName") == h.HeadName), "matter"));
        Assert.Contains("不少于5天", await FieldError(await StepAsync(laterVillage, caseId, "EliminationPublicity", VersionOf(view), PublicityFields(today, 4)), "endDate"));
        view = await DoAsync(laterVillage, caseId, "EliminationPublicity", VersionOf(view), PublicityFields(today, 5));
        Assert.Equal("EliminationTownship", StageOf(view));
        await Problem(await StepAsync(laterVillage, caseId, "EliminationTownship", VersionOf(view), Agree("opinion", "同意")), HttpStatusCode.Forbidden);
        view = await DoAsync(laterTuqiao, caseId, "EliminationTownship", VersionOf(view), Agree("opinion", "收入稳定，同意风险消除"));
        Assert.Equal("EliminationCounty", StageOf(view));
        await Problem(await StepAsync(laterTuqiao, caseId, "EliminationCounty", VersionOf(view), b => b["agreed"] = true), HttpStatusCode.Forbidden);
        view = await DoAsync(laterCounty, caseId, "EliminationCounty", VersionOf(view), b => b["agreed"] = true);
        Assert.Equal("Eliminated", StageOf(view));
        Assert.NotNull(view["eliminatedAt"]);
        Assert.Empty(view["warnings"]!.AsArray());
        Assert.Equal("Exited", Str((await GetAsync(laterCounty, $"/api/v1/households/{h.Id}"))["household"], "status"));

        var statsAfter = await StatsAsync(laterCounty, places.HomeVillage);
        Assert.Equal(Int(statsBefore, "eliminatedHouseholds") + 1, Int(statsAfter, "eliminatedHouseholds"));
        Assert.Equal(Int(statsBefore, "eliminatedPeople") + 1, Int(statsAfter, "eliminatedPeople"));
        Assert.Equal(Int(statsBefore, "monitoredHouseholds") - 1, Int(statsAfter, "monitoredHouseholds"));
        Assert.Equal(Int(statsBefore, "identifiedHouseholds"), Int(statsAfter, "identifiedHouseholds"));
        var ratio = Math.Round(100.0 * Int(statsAfter, "eliminatedPeople") / Int(statsAfter, "identifiedPeople"), 1);
        Assert.Equal(ratio, statsAfter["eliminationRatio"]!.GetValue<double>());
        if (statsBefore["eliminationRatio"] is { } r0) Assert.True(statsAfter["eliminationRatio"]!.GetValue<double>() > r0.GetValue<double>());

        // The record stays, and the household is swept again: a new low income raises a new lead.
        await SaveIncomeAsync(laterCounty, h.Id, LastYear, 5000m);
        Assert.Contains(await LeadsAsync(laterCounty, h.Id), l => Str(l, "status") == "Open" && Str(l, "reason") == "IncomeBelowThreshold");
        Assert.Equal("Eliminated", StageOf(await CaseAsync(laterCounty, caseId)));
    }

    [DbFact]
    public async Task An_elimination_refused_by_the_appraisal_or_the_township_returns_to_monitoring()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var (h, caseId) = await MonitoredAsync(county, places.HomeVillage);
        await using var later = Later(214);
        var today = ChinaToday.AddDays(214);
        var c = await LoginAsync(later, "tl_admin");
        var view = await DoAsync(c, caseId, "StartElimination", VersionOf(await CaseAsync(c, caseId)));
        await FieldError(await StepAsync(c, caseId, "EliminationAppraisal", VersionOf(view),
            b => { b["date"] = Day(today); b["participants"] = 8; b["agreed"] = false; }), "reason");
        view = await DoAsync(c, caseId, "EliminationAppraisal", VersionOf(view),
            b => { b["date"] = Day(today); b["participants"] = 8; b["agreed"] = false; b["reason"] = "务工收入尚不稳定"; });
        Assert.Equal("Monitoring", StageOf(view));
        Assert.Equal("Monitored", Str((await GetAsync(c, $"/api/v1/households/{h.Id}"))["household"], "status"));

        view = await DoAsync(c, caseId, "StartElimination", VersionOf(view));
        view = await DoAsync(c, caseId, "EliminationAppraisal", VersionOf(view), b => { b["date"] = Day(today); b["participants"] = 8; b["agreed"] = true; });
        view = await DoAsync(c, caseId, "EliminationPublicity", VersionOf(view), PublicityFields(today));
        view = await DoAsync(c, caseId, "EliminationTownship", VersionOf(view), b => { b["agreed"] = false; b["opinion"] = "收入佐证不足"; });
        Assert.Equal("Monitoring", StageOf(view));
        Assert.Null(view["eliminatedAt"]);
        Assert.Equal("Monitored", Str((await GetAsync(c, $"/api/v1/households/{h.Id}"))["household"], "status"));
        Assert.Equal(["StartElimination", "EliminationAppraisal", "StartElimination", "EliminationAppraisal", "EliminationPublicity", "EliminationTownship"],
            view["steps"]!.AsArray().Select(x => Str(x, "step")).Skip(6));
    }

    [DbFact]
    public async Task A_household_with_no_one_able_to_work_is_not_eliminated()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var (_, caseId) = await MonitoredAsync(county, places.HomeVillage, head: p => p["laborSkill"] = "None");
        var view = await CaseAsync(county, caseId);
        Assert.Contains("该户无劳动能力，应落实综合保障（低保、特困供养）措施", view["warnings"]!.AsArray().Select(w => w!.GetValue<string>()));

        await using var later = Later(214);
        var laterCounty = await LoginAsync(later, "tl_admin");
        view = await CaseAsync(laterCounty, caseId);
        var labour = view["eliminationConditions"]!.AsArray().Single(c => Str(c, "name") == "劳动能力")!;
        Assert.False(labour["met"]!.GetValue<bool>());
        var refused = await Problem(await StepAsync(laterCounty, caseId, "StartElimination", VersionOf(view)), HttpStatusCode.BadRequest);
        Assert.Equal(["劳动能力：无劳动能力，不标注风险消除，继续跟踪帮扶"], Conditions(refused));
        Assert.Equal("Monitoring", StageOf(await CaseAsync(laterCounty, caseId)));
    }

    // --- 8. overdue ---------------------------------------------------------------------------------------------

    [DbFact]
    public async Task A_case_still_undecided_sixteen_days_after_its_lead_is_overdue()
    {
        var quiet = await QuietVillageAsync(fromEnd: 3);
        var admin = await As("admin");
        var (_, caseId) = await CaseForAsync(admin, quiet);
        var view = await WalkAsync(admin, caseId, "Appraisal");
        var decided = await CaseForAsync(admin, quiet);
        await WalkAsync(admin, decided.CaseId, "Monitoring");

        Assert.Equal(0, (await GetAsync(admin, $"/api/v1/monitoring/cases?region={quiet}&overdue=true"))["total"]!.GetValue<int>());
        Assert.Equal(0, Int(await StatsAsync(admin, quiet), "overdueInProcedure"));
        Assert.Equal(0, view["case"]!["overdueDays"]!.GetValue<int>());

        // Fifteen days later is the deadline day itself: still allowed (中农组发〔2021〕7号: ≤ 15 days), everywhere alike.
        await using (var deadline = Later(15))
        {
            var d = await LoginAsync(deadline, "admin");
            var onTime = await CaseAsync(d, caseId);
            Assert.Equal(ChinaToday.AddDays(15), DateOnly.Parse(Str(onTime, "deadline"), CultureInfo.InvariantCulture));
            Assert.Equal(15, onTime["case"]!["daysSinceLead"]!.GetValue<int>());
            Assert.Equal(0, onTime["case"]!["overdueDays"]!.GetValue<int>());
            Assert.Equal(0, (await GetAsync(d, $"/api/v1/monitoring/cases?region={quiet}&overdue=true"))["total"]!.GetValue<int>());
            Assert.Equal(0, Int(await StatsAsync(d, quiet), "overdueInProcedure"));
        }

        await using var later = Later(16);
        var c = await LoginAsync(later, "admin");
        var overdue = await GetAsync(c, $"/api/v1/monitoring/cases?region={quiet}&overdue=true");
        Assert.Equal(1, overdue["total"]!.GetValue<int>());
        var row = Assert.Single(overdue["items"]!.AsArray())!;
        Assert.Equal(caseId, row["id"]!.GetValue<long>());
        Assert.True(row["overdueDays"]!.GetValue<int>() >= 1);
        Assert.Equal(16, row["daysSinceLead"]!.GetValue<int>());
        Assert.Equal(row["overdueDays"]!.GetValue<int>(), (await CaseAsync(c, caseId))["case"]!["overdueDays"]!.GetValue<int>());
        Assert.Equal(0, (await CaseAsync(c, decided.CaseId))["case"]!["overdueDays"]!.GetValue<int>());
        var stats = await StatsAsync(c, quiet);
        Assert.Equal(1, Int(stats, "overdueInProcedure"));
        Assert.Equal(1, Int(stats, "inProcedure"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteMonitoringApiTests(SqliteApp app) : MonitoringApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresMonitoringApiTests(PostgresApp app) : MonitoringApiTests(app);
