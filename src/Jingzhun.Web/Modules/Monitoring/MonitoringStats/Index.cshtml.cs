using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Monitoring.MonitoringStats;

/// <summary>防返贫监测统计 for a region: the same handler as GET /api/v1/monitoring/stats.</summary>
[Authorize(Permissions.MonitoringView)]
public sealed class IndexModel(MonitoringStatsHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    public MonitoringStatsView? Stats { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await handler.HandleAsync(MonitoringPages.Blank(Region), ct);
        if (r.Succeeded) Stats = r.Value;
        else
        {
            // Out of scope is a 404 (as in the API), shown with the picker so another region can be chosen.
            if (r.Failure!.Kind == FailureKind.NotFound) Response.StatusCode = StatusCodes.Status404NotFound;
            Error = r.Failure.Message;
        }
        return Page();
    }

    /// <summary>"region=CODE&amp;" or "" for the user's whole scope, to prefix the other filters of a drill-down link.</summary>
    public string RegionQuery => Stats?.RegionCode is { Length: > 0 } code ? $"region={Uri.EscapeDataString(code)}&" : "";
}
