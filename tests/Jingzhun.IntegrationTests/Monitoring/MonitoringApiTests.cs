using System.IO.Compression;
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
public abstract partial class MonitoringApiTests(TestApp app) : ApiTests(app)
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

    /// <summary>
    /// A publicity starts on or after the appraisal and runs at least 5 days, ending by the day it is recorded: a walk
    /// records it (and what follows) on an app this many days ahead, posted on the appraisal's day.
    /// </summary>
    private const int PublicityWait = 6;

    /// <summary>The publicity posted on <paramref name="start"/> for <paramref name="days"/> days, both ends counted.</summary>
    private static Action<JsonObject> PublicityFields(DateOnly start, int days = PublicityWait) => b =>
    {
        b["startDate"] = Day(start); b["endDate"] = Day(start.AddDays(days - 1));
    };

    private static readonly byte[] ScanJpeg =
        [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];

    /// <summary>Uploads the scan of a signed commitment and consent (POST /api/v1/files); its id goes with the 承诺授权 step.</summary>
    private static async Task<string> UploadScanAsync(HttpClient c) =>
        Str(await Ok(await c.PostAsync("/api/v1/files", new MultipartFormDataContent { { new ByteArrayContent(ScanJpeg), "file", "承诺书.jpg" } }),
            HttpStatusCode.Created), "id");

    private static Action<JsonObject> ConsentFields(string scanId, DateOnly? date = null) => b =>
    {
        b["date"] = Day(date ?? ChinaToday); b["scanFileId"] = scanId;
    };

    /// <summary>The same user on an app <paramref name="days"/> ahead (the caller disposes the app).</summary>
    private async Task<(WebApplicationFactory<Program> App, HttpClient Client)> AheadAsync(HttpClient c, int days)
    {
        var user = Str(await GetAsync(c, "/api/v1/auth/me"), "userName");
        var app = Later(days);
        return (app, await LoginAsync(app, user));
    }

    private static Action<JsonObject> Agree(string field, string text) => b => { b["agreed"] = true; b[field] = text; };

    /// <summary>
    /// Takes a case from its current stage up to (not including) <paramref name="until"/> as <paramref name="c"/>, who must hold
    /// every permission (county or system admin). The decision, if reached, includes with the proposed kind.
    /// The steps before the publicity are dated today; the publicity and what follows are recorded
    /// <see cref="PublicityWait"/> days ahead (the decision's monitoredSince is that day). The township review is another
    /// administrator's (who proposes a case does not approve it at the next level).
    /// </summary>
    private async Task<JsonNode> WalkAsync(HttpClient c, long caseId, string until, string kind = "UnstableExited")
    {
        var view = await CaseAsync(c, caseId);
        var steps = new (string Stage, Func<HttpClient, Task<Action<JsonObject>>> Fields)[]
        {
            ("Visit", _ => Task.FromResult(VisitFields)), ("Consent", async u => ConsentFields(await UploadScanAsync(u))),
            ("Comparison", _ => Task.FromResult(ComparisonFields)), ("Appraisal", _ => Task.FromResult(AppraisalFields(kind))),
            ("Publicity", _ => Task.FromResult(PublicityFields(ChinaToday))),
            ("TownshipReview", _ => Task.FromResult(Agree("opinion", "经审核符合条件"))), ("CountyDecision", _ => Task.FromResult(Agree("reason", "同意"))),
        };
        WebApplicationFactory<Program>? ahead = null;
        try
        {
            // Resumes from the case's current stage.
            foreach (var (stage, fields) in steps.SkipWhile(s => s.Stage != StageOf(view)))
            {
                if (StageOf(view) == until) break;
                Assert.Equal(stage, StageOf(view));
                if (stage == "Publicity") (ahead, c) = await AheadAsync(c, PublicityWait);
                var by = c;
                if (stage == "TownshipReview")
                {
                    var other = await AdminNameOtherThanAsync(ProposerOf(view, "Appraisal"));
                    by = ahead is null ? await As(other) : await LoginAsync(ahead, other);
                }
                view = await DoAsync(by, caseId, stage, VersionOf(view), await fields(by));
            }
        }
        finally
        {
            if (ahead is not null) await ahead.DisposeAsync();
        }
        Assert.Equal(until, StageOf(view));
        return view;
    }

    /// <summary>Who recorded the latest <paramref name="step"/> of the case.</summary>
    private static string ProposerOf(JsonNode view, string step) =>
        view["steps"]!.AsArray().Last(s => s!["step"]!.GetValue<string>() == step)!["by"]!.GetValue<string>();

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
        // The publicity is recorded once it has ended, six days on.
        var (ahead, aheadCounty) = await AheadAsync(county, PublicityWait);
        await using (ahead)
        {
            await TextLimitAsync("objections", 300, t => StepAsync(aheadCounty, c.Id, "Publicity", c.Version,
                b => { PublicityFields(ChinaToday)(b); b["objections"] = t; b["objectionHandling"] = "已入户解释并核实"; }));
            c = await CaseAtAsync("Publicity");
            await TextLimitAsync("objectionHandling", 300, t => StepAsync(aheadCounty, c.Id, "Publicity", c.Version,
                b => { PublicityFields(ChinaToday)(b); b["objections"] = "群众反映收入登记偏低"; b["objectionHandling"] = t; }));
        }
        c = await CaseAtAsync("TownshipReview");
        var admin = await As("admin"); // the county administrator proposed it
        await TextLimitAsync("opinion", 500, t => StepAsync(admin, c.Id, "TownshipReview", c.Version, Agree("opinion", t)));

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

}

[Collection(SqliteCollection.Name)]
public sealed class SqliteMonitoringApiTests(SqliteApp app) : MonitoringApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresMonitoringApiTests(PostgresApp app) : MonitoringApiTests(app);
