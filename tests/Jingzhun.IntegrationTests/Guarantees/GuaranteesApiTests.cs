using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.Rules;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// 两不愁三保障 through HTTP: the six-dimension panel, problems opened by the rules and by hand, the lifecycle with its
/// roles, scope, bulk assignment, the sweep job, exports, and bulletins that agree with the problem list.
/// </summary>
public abstract partial class GuaranteesApiTests(TestApp app) : ApiTests(app)
{
    private static readonly string[] Dimensions = ["Food", "Clothing", "Education", "Medical", "Housing", "Water"];
    private static readonly string[] Measures = ["Found", "Resolved", "Verified", "Outstanding", "Overdue"];

    /// <summary>Today in Beijing time (the system's calendar day).</summary>
    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    // --- data ----------------------------------------------------------------------------------------------

    /// <summary>Facts that pass food, clothing and housing; water left unrecorded (Unknown) unless changed.</summary>
    private static JsonObject GoodFacts(Action<JsonObject>? change = null)
    {
        var f = Facts();
        f["foodSecure"] = true;
        f["clothingSecure"] = true;
        f["housingGrade"] = "A";
        change?.Invoke(f);
        return f;
    }

    /// <summary>A valid, unused ID number of a person <paramref name="age"/> years old today.</summary>
    private string IdNumberAged(int age, Gender gender = Gender.Male)
    {
        var n = App.Next();
        var birth = ChinaToday.AddYears(-age).AddDays(-1 - n % 300);
        return IdNumberRule.Compose(County, birth, n, gender);
    }

    private async Task<Registered> RegisterWithAsync(HttpClient client, string village, JsonObject facts, bool headInsured = true)
    {
        var name = NewName();
        var head = Person(name, NewIdNumber());
        head["hasMedicalInsurance"] = headInsured;
        var r = await client.PostAsJsonAsync("/api/v1/households", new { villageCode = village, household = facts, head });
        var body = await Ok(r, HttpStatusCode.Created);
        return new Registered(body["id"]!.GetValue<long>(), body["householdNumber"]!.GetValue<string>(), name, "", village, body);
    }

    private static async Task<JsonArray> PanelAsync(HttpClient c, long householdId)
    {
        var panel = await GetAsync(c, $"/api/v1/households/{householdId}/guarantees");
        Assert.Equal(householdId, panel["householdId"]!.GetValue<long>());
        return panel["dimensions"]!.AsArray();
    }

    private static JsonNode Dim(JsonArray panel, string dimension) =>
        panel.Single(d => d!["dimension"]!.GetValue<string>() == dimension)!;

    private static async Task<JsonArray> ProblemsOfAsync(HttpClient c, long householdId) =>
        (await GetAsync(c, $"/api/v1/problems?householdId={householdId}&pageSize=200"))["items"]!.AsArray();

    private static async Task<long> OnlyProblemAsync(HttpClient c, long householdId, string dimension)
    {
        var items = (await ProblemsOfAsync(c, householdId)).Where(p => p!["dimension"]!.GetValue<string>() == dimension).ToList();
        return Assert.Single(items)!["id"]!.GetValue<long>();
    }

    private static Task<HttpResponseMessage> StepAsync(HttpClient c, long problemId, string transition, int version,
        Action<JsonObject>? fields = null)
    {
        var body = new JsonObject { ["transition"] = transition, ["version"] = version };
        fields?.Invoke(body);
        return c.PostAsJsonAsync($"/api/v1/problems/{problemId}/transitions", body);
    }

    /// <summary>Applies a step that must succeed; returns the problem view.</summary>
    private static async Task<JsonNode> DoAsync(HttpClient c, long problemId, string transition, int version, Action<JsonObject>? fields = null) =>
        await Ok(await StepAsync(c, problemId, transition, version, fields));

    private static void Assignment(JsonObject b) { b["unit"] = "镇住建办"; b["person"] = "王责任"; }

    private static void Resolution(JsonObject b) { b["measure"] = "已落实整改措施"; b["evidenceText"] = "经入户核实已整改到位"; }

    /// <summary>
    /// Walks a Pending problem up to <paramref name="until"/> as <paramref name="c"/> (who must hold all permissions); the
    /// verification is another administrator's (the one who resolved a problem does not verify it).
    /// </summary>
    private async Task<JsonNode> WalkAsync(HttpClient c, long problemId, string until)
    {
        var view = await GetAsync(c, $"/api/v1/problems/{problemId}");
        foreach (var (step, to, fields) in new (string, string, Action<JsonObject>?)[]
                 {
                     ("Assign", "Assigned", Assignment), ("Start", "InProgress", null), ("Resolve", "Resolved", Resolution), ("Verify", "Verified", null),
                 })
        {
            if (view["problem"]!["status"]!.GetValue<string>() == until) break;
            var by = step == "Verify" ? await AdminOtherThanAsync(view["resolvedBy"]!.GetValue<string>()) : c;
            view = await DoAsync(by, problemId, step, view["problem"]!["version"]!.GetValue<int>(), fields);
            Assert.Equal(to, view["problem"]!["status"]!.GetValue<string>());
        }
        Assert.Equal(until, view["problem"]!["status"]!.GetValue<string>());
        return view;
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient c, byte[] bytes, string fileName, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var form = new MultipartFormDataContent { { content, "file", fileName } };
        return c.PostAsync("/api/v1/files", form);
    }

    private static async Task<int> TotalAsync(HttpClient c, string query) =>
        (await GetAsync(c, "/api/v1/problems?pageSize=1&" + query))["total"]!.GetValue<int>();

    private static async Task<List<IDictionary<string, object>>> ProblemExportAsync(HttpClient c, string query)
    {
        var r = await c.GetAsync("/api/v1/problems/export?" + query);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await r.Content.ReadAsByteArrayAsync());
        return stream.Query(useHeaderRow: true, startCell: "A2").Cast<IDictionary<string, object>>().ToList();
    }

    private static long ExportId(IDictionary<string, object> row) => Convert.ToInt64(row["问题编号"], CultureInfo.InvariantCulture);

    /// <summary>A village of a township no other test uses: the last (or, with 1, the last but one) township of the other county.</summary>
    private async Task<(string Township, string Village)> QuietPlaceAsync(int fromEnd = 0)
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var townships = (await GetAsync(admin, $"/api/v1/regions/{places.OtherCounty}/children")).AsArray()
            .Where(x => x!["hasChildren"]!.GetValue<bool>()).Select(x => x!["code"]!.GetValue<string>()).ToList();
        var township = townships[^(1 + fromEnd)];
        Assert.NotEqual(places.OtherCountyVillage[..9], township);
        var village = (await GetAsync(admin, $"/api/v1/regions/{township}/children")).AsArray()
            .Select(x => x!["code"]!.GetValue<string>()).First(c => c.Length == 12);
        return (township, village);
    }

}

[Collection(SqliteCollection.Name)]
public sealed class SqliteGuaranteesApiTests(SqliteApp app) : GuaranteesApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresGuaranteesApiTests(PostgresApp app) : GuaranteesApiTests(app);
