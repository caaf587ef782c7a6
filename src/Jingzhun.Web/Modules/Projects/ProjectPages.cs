using System.Globalization;
using Jingzhun.Web.Modules.Projects.ManageProjects;
using Jingzhun.Web.Platform.Forms;

namespace Jingzhun.Web.Modules.Projects;

/// <summary>Small helpers shared by the project pages: the list's query string and money as people read it.</summary>
public static class ProjectPages
{
    /// <summary>The list filters as a query string (same names as the API, so the export link reuses it; "pg" is the page).</summary>
    public static string QueryOf(ProjectQuery q, int? page = null) => QueryStrings.Join(
        ("region", q.Region), ("year", q.Year?.ToString(CultureInfo.InvariantCulture)), ("stage", q.Stage?.ToString()),
        ("category", q.Category?.ToString()), ("warning", q.Warning == true ? "true" : null), ("q", q.Q),
        ("pg", page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null));

    /// <summary>Yuan with thousands separators and two decimals: "1,234,567.80".</summary>
    public static string Yuan(decimal v) => v.ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>万元 with two decimals, for figures of a county.</summary>
    public static string Wan(decimal v) => (v / 10_000m).ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Percent(double? p) => p is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) + "%" : "—";
}
