using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jingzhun.Web.Platform.Auditing;

/// <summary>
/// Health details are sensitive personal information (个人信息保护法 第二十八条): the audit log and a household's
/// history say that they changed and who changed them, never what they are. ID numbers and phones reach the log
/// masked already (the recorder skips the cipher, hash and protected phone).
/// </summary>
public static class AuditRedaction
{
    public const string Hidden = "（健康信息不予显示）";

    /// <summary>Member properties that tell a person's health (健康状况, 残疾等级, 因身体原因免于入学, 送教上门).</summary>
    public static readonly IReadOnlySet<string> HealthFields =
        new HashSet<string>(StringComparer.Ordinal) { "HealthStatus", "DisabilityGrade", "SchoolHealthExemption", "HomeSchooling" };

    /// <summary>The changes JSON ({ field: [old, new] }) with the values of health fields replaced by <see cref="Hidden"/>.</summary>
    public static string Redact(string changesJson)
    {
        if (string.IsNullOrWhiteSpace(changesJson) || !HealthFields.Any(f => changesJson.Contains('"' + f + '"', StringComparison.Ordinal)))
            return changesJson;
        JsonNode? root;
        try { root = JsonNode.Parse(changesJson); }
        catch (JsonException) { return changesJson; }
        if (root is not JsonObject o) return changesJson;
        foreach (var name in HealthFields)
        {
            if (o[name] is not JsonArray { Count: 2 } pair) continue;
            o[name] = new JsonArray(pair[0] is null ? null : Hidden, pair[1] is null ? null : Hidden);
        }
        return o.ToJsonString(Options);
    }

    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
