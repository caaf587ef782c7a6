using Jingzhun.Web.Modules.Guarantees.ManageProblems;
using Jingzhun.Web.Platform.Forms;

namespace Jingzhun.Web.Modules.Guarantees;

/// <summary>Small helpers shared by the 两不愁三保障 pages: query strings of the problem list and labels.</summary>
public static class GuaranteePages
{
    /// <summary>The list filters as a query string (same names as the API, so the export link reuses it).</summary>
    public static string QueryOf(ProblemQuery q, int? page = null) => QueryStrings.Join(
        ("region", q.Region), ("dimension", q.Dimension?.ToString()), ("status", q.Status?.ToString()),
        ("overdue", q.Overdue == true ? "true" : null), ("source", q.Source?.ToString()), ("responsible", q.Responsible),
        ("householdId", q.HouseholdId?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("measure", q.Measure?.ToString()), ("period", q.Measure is null ? null : q.Period),
        // "page" is a Razor Pages route value, so the pages use "pg".
        ("pg", page is > 1 ? page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null));

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
