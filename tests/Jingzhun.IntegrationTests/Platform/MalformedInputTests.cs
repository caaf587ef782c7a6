using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jingzhun.IntegrationTests.Infrastructure;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// Every operation of the OpenAPI document, sent malformed input generated from its schemas by a user holding every
/// permission (the county admin, then the system administrator): empty, null and array bodies, each body property
/// null, missing, of the wrong type, 1 MB long, an unknown enum value, a huge or negative number, a bad date; path and
/// query parameters that are not numbers, unknown enum values, huge, negative, bad dates. No answer may be a 5xx, and
/// a 1 MB string in a body answers 400 wherever the operation reaches its validation.
/// </summary>
public abstract partial class MalformedInputTests(TestApp app) : ApiTests(app)
{
    private static readonly string Megabyte = new('长', 350_000);   // 3 bytes each in UTF-8: about 1 MB
    private const string HugeNumber = "99999999999999999999999999";

    private sealed record Fixture(long Household, int HouseholdVersion, long Member, int MemberVersion, long Problem, int ProblemVersion,
        long Lead, long Case, int CaseVersion, long Cadre, string User, string Village);

    private sealed record Attempt(string Label, HttpMethod Method, string Url, string? Body, bool MustBe400);

    [DbFact]
    public Task No_malformed_request_answers_5xx_for_the_county_admin() => WalkAsync("tl_admin", full: true);

    /// <summary>The system administrator (national scope) gets the shapes only: bodies, parameters, nulls, wrong types.</summary>
    [DbFact]
    public Task No_malformed_request_answers_5xx_for_the_system_administrator() => WalkAsync("admin", full: false);

    private async Task WalkAsync(string user, bool full)
    {
        var client = await As(user);
        var doc = await GetAsync(client, "/openapi/v1.json");
        var schemas = doc["components"]!["schemas"]!.AsObject();
        var fx = await FixtureAsync(client);
        var failures = new List<string>();
        var sent = 0;

        foreach (var (path, item) in doc["paths"]!.AsObject())
        foreach (var (verb, opNode) in item!.AsObject())
        {
            if (verb is "parameters" || opNode is not JsonObject op) continue;
            var method = new HttpMethod(verb.ToUpperInvariant());
            var parameters = op["parameters"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
            var bodySchema = op["requestBody"]?["content"]?["application/json"]?["schema"];
            var isMultipart = op["requestBody"]?["content"]?["multipart/form-data"] is not null;
            if (isMultipart) continue;   // uploads: the file and size limits are the transfer work's tests

            var url = Url(path, parameters, fx, null, null);
            var baseBody = bodySchema is null ? null : Sample(Resolve(bodySchema, schemas), schemas, path, "", fx, 0);
            var attempts = new List<Attempt>();

            // Path and query parameters, one at a time.
            foreach (var p in parameters)
            {
                var name = p["name"]!.GetValue<string>();
                var kind = Kind(Resolve(p["schema"] ?? new JsonObject(), schemas));
                foreach (var bad in BadParameterValues(kind).Take(full ? 9 : 2))
                    attempts.Add(new($"{p["in"]} {name}={Short(bad)}", method, Url(path, parameters, fx, name, bad),
                        baseBody?.ToJsonString(), false));
            }

            if (bodySchema is not null)
            {
                var properties = Properties(Resolve(bodySchema, schemas), schemas, "", full ? 1 : 0).ToList();
                // 1 MB strings first: they must never be stored, so the record's version stays as the fixture read it.
                foreach (var (propPath, propSchema) in properties)
                    if (full && Kind(propSchema) == "string")
                        attempts.Add(new($"{propPath} = 1 MB", method, url, With(baseBody!, propPath, JsonValue.Create(Megabyte)), true));
                foreach (var raw in new[] { "", "null", "[]", "\"x\"", "{\"a\":", "{}" })
                    attempts.Add(new($"body {(raw.Length == 0 ? "(empty)" : raw)}", method, url, raw, false));
                foreach (var (propPath, propSchema) in properties)
                {
                    var kind = Kind(propSchema);
                    var topLevel = !propPath.Contains('.', StringComparison.Ordinal);
                    if (kind is "object" or "array" || topLevel)
                        attempts.Add(new($"{propPath} missing", method, url, Without(baseBody!, propPath), false));
                    attempts.Add(new($"{propPath} = null", method, url, With(baseBody!, propPath, null), false));
                    // A wrong JSON type fails the binding whatever the property: once per operation's top level is enough.
                    foreach (var (label, value, _) in BadBodyValues(kind).Where(v => topLevel || !v.WrongType))
                        attempts.Add(new($"{propPath} = {label}", method, url, With(baseBody!, propPath, value), false));
                }
            }
            else if (method != HttpMethod.Get)
                attempts.Add(new("body null", method, url, "null", false));

            int? baseline = null;
            foreach (var a in attempts)
            {
                using var request = new HttpRequestMessage(a.Method, a.Url);
                if (a.Body is not null) request.Content = new StringContent(a.Body, Encoding.UTF8, "application/json");
                using var r = await client.SendAsync(request);
                sent++;
                var status = (int)r.StatusCode;
                if (status >= 500)
                {
                    var text = await r.Content.ReadAsStringAsync();
                    failures.Add($"{verb.ToUpperInvariant()} {path} [{a.Label}] → {status} {Short(text, 300)}");
                }
                else if (a.MustBe400 && status == 400)
                {
                    // The 400 names the field (its last segment), not only some other invalid field of the sample body.
                    var keys = (await r.Content.ReadFromJsonAsync<JsonObject>())?["errors"]?.AsObject().Select(e => e.Key).ToList() ?? [];
                    var field = a.Label.Split(' ')[0].Split('.')[^1];
                    if (!keys.Any(k => k.Split('.')[^1].Split('[')[0].Equals(field, StringComparison.OrdinalIgnoreCase)))
                        failures.Add($"{verb.ToUpperInvariant()} {path} [{a.Label}] → 400 without an error for '{field}' ({string.Join(", ", keys)})");
                }
                else if (a.MustBe400)
                {
                    // Accepted only when the operation never reaches validation with this fixture (no record, no right).
                    baseline ??= await BaselineAsync(client, method, url, baseBody);
                    if (status != baseline || status is >= 200 and < 300)
                        failures.Add($"{verb.ToUpperInvariant()} {path} [{a.Label}] → {status}, expected 400 (unchanged body: {baseline})");
                }
            }
        }

        Assert.True(sent > 300, $"only {sent} requests were generated: is the OpenAPI document complete?");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} malformed requests failed as {user}:\n" + string.Join("\n", failures));
    }

    [DbFact]
    public async Task Of_two_parallel_edits_of_an_income_the_second_answers_409_naming_who_saved_first()
    {
        var places = await PlacesAsync();
        var client = await As("tl_admin");
        var h = await RegisterAsync(client, places.HomeVillage);
        var created = await Ok(await client.PutAsJsonAsync($"/api/v1/households/{h.Id}/incomes/2024", new { wageIncome = 12000, householdSize = 1 }));
        var version = created["version"]!.GetValue<int>();

        // Two editors read the same version and save at the same time: one wins, the other is told, nothing is lost silently.
        var answers = await Task.WhenAll(new[] { 15000, 16000 }.Select(wage =>
            client.PutAsJsonAsync($"/api/v1/households/{h.Id}/incomes/2024", new { wageIncome = wage, householdSize = 1, version })));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        var conflict = await Problem(answers.Single(a => a.StatusCode != HttpStatusCode.OK), HttpStatusCode.Conflict);
        Assert.Contains("已被", conflict["title"]!.GetValue<string>());
        Assert.Contains("修改", conflict["title"]!.GetValue<string>());

        // A stale version later is refused too; the current one is accepted.
        var current = await GetAsync(client, $"/api/v1/households/{h.Id}/incomes/2024");
        await Problem(await client.PutAsJsonAsync($"/api/v1/households/{h.Id}/incomes/2024", new { wageIncome = 1, householdSize = 1, version }),
            HttpStatusCode.Conflict);
        await Ok(await client.PutAsJsonAsync($"/api/v1/households/{h.Id}/incomes/2024",
            new { wageIncome = 17000, householdSize = 1, version = current["version"]!.GetValue<int>() }));
    }

    [DbFact]
    public async Task A_megabyte_display_name_or_null_household_answers_400_naming_the_field_in_chinese()
    {
        var places = await PlacesAsync();
        var client = await As("tl_admin");
        var r = await client.PostAsJsonAsync("/api/v1/users", new
        {
            userName = $"long{App.Next()}", displayName = Megabyte, role = "VillageOfficer", regionCode = places.HomeVillage, password = "Malformed2026x",
        });
        Assert.Contains("不能超过", await FieldError(r, "displayName"));
        // Within the bound-input backstop but beyond the column (users.DisplayName is 50 characters): the use case's limit.
        await TextLimitAsync("displayName", 50, t => client.PostAsJsonAsync("/api/v1/users", new
        {
            userName = $"long{App.Next()}", displayName = t, role = "VillageOfficer", regionCode = places.HomeVillage, password = "Malformed2026x",
        }));
        var user = await Ok(await client.PostAsJsonAsync("/api/v1/users", new
        {
            userName = $"long{App.Next()}", displayName = "长名测试", role = "VillageOfficer", regionCode = places.HomeVillage, password = "Malformed2026x",
        }), HttpStatusCode.Created);
        // An edit sends the concurrency stamp it read, as the edit page does.
        await TextLimitAsync("displayName", 50, async t => await client.PutAsJsonAsync($"/api/v1/users/{user["id"]}", new
        {
            displayName = t, role = "VillageOfficer", regionCode = places.HomeVillage, locked = false,
            concurrencyStamp = (await GetAsync(client, $"/api/v1/users/{user["id"]}"))["concurrencyStamp"]!.GetValue<string>(),
        }));
        Assert.Contains("不能超过", await FieldError(await client.PutAsJsonAsync($"/api/v1/users/{user["id"]}", new
        {
            displayName = Megabyte, role = "VillageOfficer", regionCode = places.HomeVillage, locked = false,
        }), "displayName"));
        Assert.Contains("请填写", await FieldError(await client.PostAsJsonAsync("/api/v1/households",
            new { villageCode = places.HomeVillage, household = (object?)null, head = Person(NewName(), NewIdNumber()) }), "household"));
        var bad = await Problem(await client.GetAsync("/api/v1/households?status=NoSuchValue"), HttpStatusCode.BadRequest);
        Assert.Contains("status", bad["title"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("可选值", bad["title"]!.GetValue<string>());
    }

    private static async Task<int> BaselineAsync(HttpClient client, HttpMethod method, string url, JsonNode? body)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var r = await client.SendAsync(request);
        return (int)r.StatusCode;
    }

    // --- the records the operations' path parameters point at ---------------------------------------------------

    private async Task<Fixture> FixtureAsync(HttpClient client)
    {
        var places = await PlacesAsync();
        var h = await RegisterAsync(client, places.HomeVillage);
        await Ok(await client.PutAsJsonAsync($"/api/v1/households/{h.Id}/incomes/2024", new { wageIncome = 12000, householdSize = 1 }));
        var detail = await GetAsync(client, $"/api/v1/households/{h.Id}");
        var member = detail["members"]!.AsArray()[0]!;
        var problem = await Ok(await client.PostAsJsonAsync("/api/v1/problems", new
        {
            householdId = h.Id, dimension = "Food", source = "Visit", severity = "Normal", description = "入户走访发现家中存粮不足",
        }), HttpStatusCode.Created);
        var lead = await Ok(await client.PostAsJsonAsync("/api/v1/monitoring/leads",
            new { householdId = h.Id, source = "CadreCheck", detail = "入户走访发现家庭收入明显下降" }), HttpStatusCode.Created);
        var leadId = lead["id"]!.GetValue<long>();
        var kase = await Ok(await client.PostAsync($"/api/v1/monitoring/leads/{leadId}/case", null), HttpStatusCode.Created);
        var caseView = await GetAsync(client, $"/api/v1/monitoring/cases/{kase["id"]!.GetValue<long>()}");
        var cadre = await Ok(await client.PostAsJsonAsync("/api/v1/cadres", new
        {
            name = NewName(), unit = "土桥镇人民政府", regionCode = places.HomeVillage, activeFrom = "2024-01-01",
        }), HttpStatusCode.Created);
        var user = await Ok(await client.PostAsJsonAsync("/api/v1/users", new
        {
            userName = $"malformed{App.Next()}", displayName = "畸形输入测试", role = "VillageOfficer", regionCode = places.HomeVillage,
            password = "Malformed2026x",
        }), HttpStatusCode.Created);
        return new Fixture(h.Id, detail["version"]!.GetValue<int>(), member["id"]!.GetValue<long>(), member["version"]!.GetValue<int>(),
            problem["id"]!.GetValue<long>(), problem["version"]?.GetValue<int>() ?? 1, leadId, kase["id"]!.GetValue<long>(),
            (caseView["case"]?["version"] ?? caseView["version"])!.GetValue<int>(), cadre["id"]!.GetValue<long>(),
            user["id"]!.GetValue<string>(), places.HomeVillage);
    }

    /// <summary>A path parameter's value: the fixture's record where the route names one.</summary>
    private static string PathValue(string path, string name, Fixture fx) => (path, name) switch
    {
        (_, "year") => "2024",
        (_, "province") => "50",
        (_, "county") => County,
        (_, "code") => County,
        (_, "measureId" or "itemId") => "1",
        (_, "clientId") => Guid.NewGuid().ToString(),
        (_, "name") => "x",
        _ when path.StartsWith("/api/v1/households/", StringComparison.Ordinal) => fx.Household.ToString(),
        _ when path.StartsWith("/api/v1/members/", StringComparison.Ordinal) => fx.Member.ToString(),
        _ when path.StartsWith("/api/v1/problems/", StringComparison.Ordinal) => fx.Problem.ToString(),
        _ when path.StartsWith("/api/v1/monitoring/leads/", StringComparison.Ordinal) => fx.Lead.ToString(),
        _ when path.StartsWith("/api/v1/monitoring/cases/", StringComparison.Ordinal) => fx.Case.ToString(),
        _ when path.StartsWith("/api/v1/cadres/", StringComparison.Ordinal) => fx.Cadre.ToString(),
        _ when path.StartsWith("/api/v1/users/", StringComparison.Ordinal) => fx.User,
        _ when path.StartsWith("/api/v1/exit/households/", StringComparison.Ordinal) => fx.Household.ToString(),
        _ => "1",
    };

    private static string Url(string path, List<JsonObject> parameters, Fixture fx, string? badName, string? badValue)
    {
        var url = PathParameter().Replace(path, m =>
            Uri.EscapeDataString(m.Groups[1].Value == badName ? badValue! : PathValue(path, m.Groups[1].Value, fx)));
        var query = parameters.Where(p => p["in"]!.GetValue<string>() == "query" && p["name"]!.GetValue<string>() == badName)
            .Select(p => $"{p["name"]}={Uri.EscapeDataString(badValue!)}").ToList();
        return query.Count == 0 ? url : url + "?" + string.Join('&', query);
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex PathParameter();

    // --- schemas ------------------------------------------------------------------------------------------------

    private static JsonObject Resolve(JsonNode schema, JsonObject schemas)
    {
        var s = schema.AsObject();
        if (s["$ref"] is { } r) return Resolve(schemas[r.GetValue<string>().Split('/')[^1]]!, schemas);
        if (s["oneOf"] is JsonArray one && one.FirstOrDefault(x => x!["type"]?.ToString() != "null") is { } pick) return Resolve(pick, schemas);
        if (s["allOf"] is JsonArray all)
        {
            var merged = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
            foreach (var part in all)
                foreach (var (k, v) in Resolve(part!, schemas)["properties"]?.AsObject() ?? [])
                    merged["properties"]![k] = v!.DeepClone();
            return merged;
        }
        return s;
    }

    private static string Kind(JsonObject s)
    {
        if (s["enum"] is not null) return "enum";
        var types = s["type"] switch
        {
            JsonArray a => a.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList(),
            JsonValue v => [v.GetValue<string>()],
            _ => [],
        };
        var format = s["format"]?.GetValue<string>();
        if (types.Contains("array")) return "array";
        if (types.Contains("object") || s["properties"] is not null) return "object";
        if (types.Contains("integer")) return "integer";
        if (types.Contains("number")) return "number";
        if (types.Contains("boolean")) return "boolean";
        if (types.Contains("string")) return format is "date" or "date-time" ? format : "string";
        return "unknown";
    }

    private static IEnumerable<(string Path, JsonObject Schema)> Properties(JsonObject s, JsonObject schemas, string prefix, int depth)
    {
        foreach (var (name, node) in s["properties"]?.AsObject() ?? [])
        {
            var p = Resolve(node!, schemas);
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            yield return (path, p);
            if (depth < 1 && Kind(p) == "object")
                foreach (var inner in Properties(p, schemas, path, depth + 1)) yield return inner;
            if (depth < 1 && Kind(p) == "array" && p["items"] is { } items && Kind(Resolve(items, schemas)) == "object")
                foreach (var inner in Properties(Resolve(items, schemas), schemas, path + ".0", depth + 1)) yield return inner;
        }
    }

    /// <summary>A plausible value (the fixture's ids and versions where the name says so) to mutate one property of.</summary>
    private static JsonNode? Sample(JsonObject s, JsonObject schemas, string path, string name, Fixture fx, int depth)
    {
        switch (name)
        {
            case "householdId": return fx.Household;
            case "villageCode" or "regionCode" or "region": return fx.Village;
            case "cadreId" or "firstSecretaryId": return fx.Cadre;
            case "version":
                return path.StartsWith("/api/v1/members", StringComparison.Ordinal) ? fx.MemberVersion
                    : path.StartsWith("/api/v1/households", StringComparison.Ordinal) ? fx.HouseholdVersion
                    : path.StartsWith("/api/v1/problems", StringComparison.Ordinal) ? fx.ProblemVersion
                    : path.StartsWith("/api/v1/monitoring/cases", StringComparison.Ordinal) ? fx.CaseVersion : 1;
        }
        switch (Kind(s))
        {
            case "enum": return s["enum"]!.AsArray().First(e => e is not null)!.DeepClone();
            case "integer": return 1;
            case "number": return 100;
            case "boolean": return true;
            case "date": return "2024-05-01";
            case "date-time": return "2024-05-01T08:00:00Z";
            case "string": return "测试内容" + name;
            case "array":
                var arr = new JsonArray();
                if (depth < 3 && s["items"] is { } items) arr.Add(Sample(Resolve(items, schemas), schemas, path, "", fx, depth + 1));
                return arr;
            case "object":
                var o = new JsonObject();
                if (depth < 3)
                    foreach (var (k, v) in s["properties"]?.AsObject() ?? [])
                        o[k] = Sample(Resolve(v!, schemas), schemas, path, k, fx, depth + 1);
                return o;
            default: return null;
        }
    }

    private static IEnumerable<(string Label, JsonNode? Value, bool WrongType)> BadBodyValues(string kind) => kind switch
    {
        "string" => [("a number", 12345, true)],
        "enum" => [("unknown enum", "NoSuchValue", false), ("undefined enum number", 999, false)],
        "integer" => [("not a number", "abc", true), ("huge", JsonNode.Parse(HugeNumber), false), ("negative", -1, false)],
        "number" => [("not a number", "abc", true), ("huge", JsonNode.Parse("1e300"), false), ("negative", -1, false)],
        "boolean" => [("not a boolean", "abc", true)],
        "date" or "date-time" => [("bad date", "2024-13-45", false)],
        "array" => [("a string", "abc", true), ("array of null", new JsonArray((JsonNode?)null), false)],
        "object" => [("a string", "abc", true)],
        _ => [],
    };

    private static IEnumerable<string> BadParameterValues(string kind) => kind switch
    {
        "integer" or "number" => ["abc", HugeNumber, "-1"],
        "boolean" => ["abc"],
        "enum" => ["NoSuchValue", "999"],
        "date" or "date-time" => ["2024-13-45"],
        _ => ["2024-13-45", new string('x', 5000)],
    };

    // --- editing a JSON body by dotted path -------------------------------------------------------------------------

    private static string With(JsonNode body, string path, JsonNode? value)
    {
        var copy = body.DeepClone();
        var (parent, last) = Parent(copy, path);
        if (parent is JsonObject o) o[last] = value?.DeepClone();
        else if (parent is JsonArray a && int.TryParse(last, out var i) && i < a.Count) a[i] = value?.DeepClone();
        return copy.ToJsonString();
    }

    private static string Without(JsonNode body, string path)
    {
        var copy = body.DeepClone();
        var (parent, last) = Parent(copy, path);
        if (parent is JsonObject o) o.Remove(last);
        return copy.ToJsonString();
    }

    private static (JsonNode? Parent, string Last) Parent(JsonNode root, string path)
    {
        var parts = path.Split('.');
        JsonNode? node = root;
        foreach (var part in parts[..^1])
            node = node switch
            {
                JsonObject o => o[part],
                JsonArray a when int.TryParse(part, out var i) && i < a.Count => a[i],
                _ => null,
            };
        return (node, parts[^1]);
    }

    private static string Short(string s, int max = 40) => s.Length <= max ? s : s[..max] + $"…({s.Length})";
}

/// <summary>The README's run command uses Development, where minimal APIs throw on binding failures.</summary>
public class DevelopmentSqliteApp : SqliteApp
{
    protected override string EnvironmentName => "Development";
}

public class MalformedSqliteApp : SqliteApp;

public class MalformedPostgresApp : PostgresApp;

[CollectionDefinition(Name)]
public sealed class MalformedSqliteCollection : ICollectionFixture<MalformedSqliteApp>
{
    public const string Name = "Malformed SQLite";
}

[CollectionDefinition(Name)]
public sealed class MalformedPostgresCollection : ICollectionFixture<MalformedPostgresApp>
{
    public const string Name = "Malformed PostgreSQL";
}

[CollectionDefinition(Name)]
public sealed class DevelopmentSqliteCollection : ICollectionFixture<DevelopmentSqliteApp>
{
    public const string Name = "Development SQLite";
}

[Collection(MalformedSqliteCollection.Name)]
public sealed class SqliteMalformedInputTests(MalformedSqliteApp app) : MalformedInputTests(app);

[Collection(MalformedPostgresCollection.Name)]
public sealed class PostgresMalformedInputTests(MalformedPostgresApp app) : MalformedInputTests(app);

[Collection(DevelopmentSqliteCollection.Name)]
public sealed class DevelopmentMalformedInputTests(DevelopmentSqliteApp app) : MalformedInputTests(app);
