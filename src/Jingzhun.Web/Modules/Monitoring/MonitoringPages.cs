using Jingzhun.Web.Platform.Forms;
using System.Globalization;
using System.Text;
using Jingzhun.Web.Modules.Monitoring.IdentifyHouseholds;
using Jingzhun.Web.Modules.Monitoring.ManageLeads;
using Jingzhun.Web.Platform.Problems;

namespace Jingzhun.Web.Modules.Monitoring;

/// <summary>Small helpers shared by the 防返贫监测 pages: list query strings (the API's names) and a failure's field errors.</summary>
public static class MonitoringPages
{
    public static string QueryOf(LeadQuery q, int? page = null) => QueryStrings.Join(
        ("region", q.Region), ("status", q.Status?.ToString()), ("source", q.Source?.ToString()), ("reason", q.Reason?.ToString()),
        ("householdId", q.HouseholdId?.ToString(CultureInfo.InvariantCulture)), ("pg", Page(page)));

    public static string QueryOf(CaseQuery q, int? page = null) => QueryStrings.Join(
        ("region", q.Region), ("stage", q.Stage?.ToString()), ("kind", q.Kind?.ToString()), ("active", q.Active == true ? "true" : null),
        ("overdue", q.Overdue == true ? "true" : null), ("householdId", q.HouseholdId?.ToString(CultureInfo.InvariantCulture)),
        ("phase", q.Phase?.ToString()), ("pg", Page(page)));

    // "page" is a Razor Pages route value, so the pages use "pg".
    private static string? Page(int? page) => page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null;



    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The stored comma-separated risk types as labels.</summary>
    public static IReadOnlyList<Registry.PovertyCause> RiskTypes(string? stored) =>
        (stored ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => Enum.TryParse<Registry.PovertyCause>(s, out var c) ? c : (Registry.PovertyCause?)null)
            .Where(c => c is not null).Select(c => c!.Value).ToList();

    public static string RiskLabels(string? stored) =>
        RiskTypes(stored) is { Count: > 0 } list ? string.Join("、", list.Select(x => Platform.Localization.Labels.Of(x))) : "";

    /// <summary>The stages in the procedure's order (承诺授权 after 入户核查), for the stage filter.</summary>
    public static IEnumerable<CaseStage> StagesInOrder =>
        MonitoringCase.ProcedureStages.Concat([CaseStage.NotIncluded]).Concat(MonitoringCase.IdentifiedStages);

    /// <summary>CSS class for a stage badge: in procedure, monitored, elimination, closed.</summary>
    public static string StageClass(CaseStage s) => s switch
    {
        _ when MonitoringCase.ProcedureStages.Contains(s) => "m-st-proc",
        CaseStage.Monitoring => "m-st-mon",
        CaseStage.NotIncluded => "m-st-off",
        CaseStage.Eliminated => "m-st-done",
        _ => "m-st-elim",
    };
}
