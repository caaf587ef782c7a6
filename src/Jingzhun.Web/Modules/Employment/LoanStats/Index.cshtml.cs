using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Employment.LoanStats;

/// <summary>小额信贷统计 for a region: the same handler as GET /api/v1/employment/loans/stats.</summary>
[Authorize(Permissions.MonitoringView)]
public sealed class IndexModel(LoanStatsHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    public LoanStatsView? Stats { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await handler.HandleAsync(EmploymentPages.Blank(Region), ct);
        if (r.Succeeded) Stats = r.Value;
        else
        {
            if (r.Failure!.Kind == FailureKind.NotFound) Response.StatusCode = StatusCodes.Status404NotFound;
            Error = r.Failure.Message;
        }
        return Page();
    }
}
