using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Monitoring.PublicNotice;

/// <summary>公示名单 as a printable A4 page: built from <see cref="NoticeLine"/> alone, so no sensitive field can appear.</summary>
[Authorize(Permissions.MonitoringView)]
public sealed class IndexModel(PublicNoticeHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    public NoticeView? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await handler.HandleAsync(MonitoringPages.Blank(Region), ct);
        if (r.Succeeded) Notice = r.Value;
        else
        {
            if (r.Failure!.Kind == FailureKind.NotFound) Response.StatusCode = StatusCodes.Status404NotFound;
            Error = r.Failure.Message;
        }
        return Page();
    }
}
