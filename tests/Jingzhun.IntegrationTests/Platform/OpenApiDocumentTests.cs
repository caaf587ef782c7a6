using System.Text.Json.Nodes;
using Jingzhun.IntegrationTests.Infrastructure;

namespace Jingzhun.IntegrationTests.Platform;

/// <summary>
/// The OpenAPI document tells a client the truth: every operation documents its success answer with its shape (or the
/// file it sends), the 400 ValidationProblem when it takes input, and the 404 ProblemDetails when its route names a
/// record. The document does not depend on the database, so this runs on SQLite only.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class OpenApiDocumentTests(SqliteApp app) : ApiTests(app)
{
    [DbFact]
    public async Task Every_operation_documents_its_success_and_error_shapes()
    {
        var doc = JsonNode.Parse(await App.Anonymous().GetStringAsync("/openapi/v1.json"))!;
        var missing = new List<string>();
        var operations = 0;
        foreach (var (path, item) in doc["paths"]!.AsObject())
        foreach (var (method, op) in item!.AsObject())
        {
            if (op is not JsonObject operation || operation["responses"] is not JsonObject responses) continue;
            operations++;
            var label = $"{method.ToUpperInvariant()} {path}";
            var success = responses.Where(r => r.Key.StartsWith('2')).ToList();
            if (success.Count == 0) missing.Add($"{label}: no success answer");
            foreach (var (code, answer) in success)
                if (code is "200" or "201" && (answer?["content"] is not JsonObject { Count: > 0 } content
                        || content.Any(c => c.Value?["schema"] is not JsonObject { Count: > 0 })))
                    missing.Add($"{label}: {code} without its shape");
            var takesInput = operation["parameters"] is JsonArray { Count: > 0 } || operation["requestBody"] is not null;
            if (takesInput && !IsProblem(responses["400"])) missing.Add($"{label}: no 400 ValidationProblem");
            if (path.Contains('{') && !IsProblem(responses["404"])) missing.Add($"{label}: no 404 ProblemDetails");
        }
        Assert.True(operations > 100, $"only {operations} operations in the document");
        Assert.True(missing.Count == 0, $"{missing.Count} gaps:\n" + string.Join('\n', missing));
    }

    private static bool IsProblem(JsonNode? answer) => answer?["content"]?["application/problem+json"] is not null;
}
