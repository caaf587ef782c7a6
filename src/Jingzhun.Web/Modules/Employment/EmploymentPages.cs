using System.Globalization;
using Jingzhun.Web.Modules.Employment.ManageLoans;
using Jingzhun.Web.Platform.Forms;

namespace Jingzhun.Web.Modules.Employment;

/// <summary>Helpers shared by the 就业与小额信贷 pages: list query strings (the API's names).</summary>
public static class EmploymentPages
{
    public static string QueryOf(LoanQuery q, int? page = null) => QueryStrings.Join(
        ("region", q.Region), ("status", q.Status?.ToString()), ("bank", q.Bank), ("dueWithinDays", q.DueWithinDays?.ToString(CultureInfo.InvariantCulture)),
        ("open", q.Open == true ? "true" : null), ("householdId", q.HouseholdId?.ToString(CultureInfo.InvariantCulture)), ("pg", page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null));

    public static string QueryOf(WelfareJobs.WelfareJobQuery q, int? page = null) => QueryStrings.Join(
        ("region", q.Region), ("type", q.Type?.ToString()), ("held", q.Held is { } h ? (h ? "true" : "false") : null),
        ("householdId", q.HouseholdId?.ToString(CultureInfo.InvariantCulture)), ("pg", page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null));

    // 就业帮扶车间 and 技能培训 lists
    public static string QueryOf(Workshops.WorkshopQuery q, int? page = null) => QueryStrings.Join(
        ("region", q.Region), ("status", q.Status?.ToString()), ("pg", page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null));

    public static string QueryOf(Training.TrainingQuery q, int? page = null) => QueryStrings.Join(
        ("region", q.Region), ("year", q.Year?.ToString(CultureInfo.InvariantCulture)), ("kind", q.Kind?.ToString()),
        ("householdId", q.HouseholdId?.ToString(CultureInfo.InvariantCulture)), ("pg", page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null));

    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static string Money(decimal d) => d.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>Yuan as 万元 for the figures (3,456,000 → 345.60万).</summary>
    public static string Wan(decimal d) => (d / 10000m).ToString("0.##", CultureInfo.InvariantCulture) + "万";
}
