using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Jingzhun.IntegrationTests.Infrastructure;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// Every text field of every write operation of the OpenAPI document declares its limit (maxLength), and the server
/// keeps to it: one character over answers 400 naming the field ("…不能超过N个字"); exactly at the limit is never
/// refused for its length and never fails in the database (on PostgreSQL a limit above its column would answer 500);
/// it may be refused for another reason (not a code of the list) or meet no record (404) or no right (403).
/// </summary>
public abstract partial class MalformedInputTests
{
    [DbFact]
    public async Task Every_text_field_of_every_write_operation_declares_its_limit_and_one_character_more_is_refused_naming_it()
    {
        Skip.If(App is DevelopmentSqliteApp, "the text limits do not depend on the environment: walked on SQLite and PostgreSQL");
        // The county admin reaches most operations; the policy tables of a province only the system administrator.
        var users = new[] { await As("tl_admin"), await As("admin") };
        var doc = await GetAsync(users[0], "/openapi/v1.json");
        var schemas = doc["components"]!["schemas"]!.AsObject();
        var fixtures = new List<Fixture>();
        foreach (var u in users) fixtures.Add(await FixtureAsync(u));
        var failures = new List<string>();
        var checkedFields = 0;

        foreach (var (path, item) in doc["paths"]!.AsObject())
        foreach (var (verb, opNode) in item!.AsObject())
        {
            if (verb is "get" or "parameters" || opNode is not JsonObject op) continue;
            if (op["requestBody"]?["content"]?["application/json"]?["schema"] is not { } bodySchema) continue;
            var method = new HttpMethod(verb.ToUpperInvariant());
            var parameters = op["parameters"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
            var texts = Properties(Resolve(bodySchema, schemas), schemas, "", 0).Where(p => Kind(p.Schema) == "string").ToList();
            foreach (var (propPath, propSchema) in texts)
            {
                var label = $"{verb.ToUpperInvariant()} {path} {propPath}";
                if (propSchema["maxLength"]?.GetValue<int>() is not { } limit)
                {
                    failures.Add($"{label}: no maxLength in the OpenAPI document (declare [property: Text(n, \"名称\")])");
                    continue;
                }
                checkedFields++;
                var field = propPath.Split('.')[^1];
                string? over = null;
                for (var i = 0; i < users.Length && over is not "ok"; i++)
                {
                    var url = Url(path, parameters, fixtures[i], null, null);
                    var body = Sample(Resolve(bodySchema, schemas), schemas, path, "", fixtures[i], 0)!;
                    over = await LengthVerdictAsync(users[i], method, url, With(body, propPath, JsonValue.Create(new string('测', limit + 1))), field, limit);
                    if (over is "ok")
                    {
                        var at = await LengthVerdictAsync(users[i], method, url, With(body, propPath, JsonValue.Create(new string('测', limit))), field, limit);
                        if (!at.StartsWith("unrefused", StringComparison.Ordinal) && !at.EndsWith("(not reached)", StringComparison.Ordinal)) failures.Add($"{label} at its limit {limit}: {at}");
                    }
                }
                if (over is not "ok") failures.Add($"{label} at {limit + 1} characters: {over}");
            }
        }

        Assert.True(checkedFields > 60, $"only {checkedFields} text fields found: is the OpenAPI document complete?");
        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedFields} text fields:\n" + string.Join("\n", failures));
    }

    /// <summary>
    /// "ok" when the answer refuses the field for its length (a 400, or a visit batch's per-visit errors), "unrefused"
    /// when it does not mention its length, else what went wrong.
    /// </summary>
    private static async Task<string> LengthVerdictAsync(HttpClient client, HttpMethod method, string url, string body, string field, int limit)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var r = await client.SendAsync(request);
        var text = await r.Content.ReadAsStringAsync();
        if ((int)r.StatusCode >= 500) return $"{(int)r.StatusCode} {Short(text, 300)}";
        var answer = text.Length > 0 && text[0] == '{' ? JsonNode.Parse(text) : null;
        // A field's messages: a problem's errors, or the errors of each visit of a synchronised batch.
        var errors = new List<JsonObject>();
        if (answer?["errors"] is JsonObject e) errors.Add(e);
        foreach (var v in answer?["results"] as JsonArray ?? []) if (v?["errors"] is JsonObject ve) errors.Add(ve);
        var messages = errors.SelectMany(o => o)
            .Where(x => x.Key.Split('.')[^1].Split('[')[0].Equals(field, StringComparison.OrdinalIgnoreCase))
            .SelectMany(x => x.Value is JsonArray a ? a.Select(m => m!.GetValue<string>()) : [x.Value!.GetValue<string>()])
            .ToList();
        var refused = messages.Any(m => m.Contains($"不能超过{limit}个字", StringComparison.Ordinal));
        if (refused) return r.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.OK ? "ok" : $"{(int)r.StatusCode}, refused for its length but not as a 400";
        if ((int)r.StatusCode is 401 or 403 or 404) return $"{(int)r.StatusCode} (not reached)";
        return $"unrefused ({(int)r.StatusCode}{(messages.Count > 0 ? " " + Short(string.Join("；", messages), 120) : "")})";
    }
}
