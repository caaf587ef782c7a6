using System.Text;
using Jingzhun.Web.Modules.Guarantees.ManageProblems;
using Jingzhun.Web.Platform.Problems;

namespace Jingzhun.Web.Modules.Guarantees;

/// <summary>Small helpers shared by the 两不愁三保障 pages: query strings of the problem list, and a failure's field errors.</summary>
public static class GuaranteePages
{
    /// <summary>The list filters as a query string (same names as the API, so the export link reuses it).</summary>
    public static string QueryOf(ProblemQuery q, int? page = null)
    {
        var parts = new List<KeyValuePair<string, string?>>
        {
            new("region", q.Region), new("dimension", q.Dimension?.ToString()), new("status", q.Status?.ToString()),
            new("overdue", q.Overdue == true ? "true" : null), new("source", q.Source?.ToString()), new("responsible", q.Responsible),
            new("householdId", q.HouseholdId?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("measure", q.Measure?.ToString()), new("period", q.Measure is null ? null : q.Period),
            // "page" is a Razor Pages route value, so the pages use "pg".
            new("pg", page is > 1 ? page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
        };
        var sb = new StringBuilder();
        foreach (var (k, v) in parts)
        {
            if (string.IsNullOrWhiteSpace(v)) continue;
            sb.Append(sb.Length == 0 ? "" : "&").Append(k).Append('=').Append(Uri.EscapeDataString(v.Trim()));
        }
        return sb.ToString();
    }

    /// <summary>Field → messages of a failure (keys lower-cased for lookup); empty when it names no field.</summary>
    public static Dictionary<string, string[]> FieldErrors(Failure? f) =>
        f?.Errors is null ? new(StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string[]>(f.Errors, StringComparer.OrdinalIgnoreCase);

    public static string ErrorOf(IReadOnlyDictionary<string, string[]> errors, string field) =>
        errors.TryGetValue(field, out var m) ? string.Join("；", m) : "";

    /// <summary>How a bulletin measure is named on the page.</summary>
    public static string LabelOf(ProblemMeasure m) => m switch
    {
        ProblemMeasure.Found => "新发现",
        ProblemMeasure.Resolved => "已解决",
        ProblemMeasure.Verified => "已核验",
        ProblemMeasure.Outstanding => "未清零",
        ProblemMeasure.Overdue => "逾期",
        _ => m.ToString(),
    };
}
