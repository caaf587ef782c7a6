using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Jobs;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Employment.WorkMonitoring;

/// <summary>
/// 务工监测 of a region and month (GET /api/v1/employment/work-monitoring), and 更新统计: this month's figures recomputed from
/// the registry as a background job, followed on the page.
/// </summary>
[Authorize(Permissions.MonitoringView)]
public sealed class IndexModel(WorkMonitoringHandler handler, Jobs jobs, CurrentUser me, RegionDirectory regions) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public long? Job { get; set; }

    public WorkMonitoringView? View { get; private set; }
    public JobView? Current { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Who may start 更新统计: those who record jobs (a read-only user reads the figures only).</summary>
    public bool CanTally => me.Has(Permissions.MonitoringWork);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanTally) return Forbid();
        var region = regions.Asked(EmploymentPages.Blank(Region), me);
        if (!region.Succeeded)
        {
            await LoadAsync(ct);
            Error = region.Failure!.Message;
            return Page();
        }
        var job = await jobs.EnqueueAsync(WorkTallyJob.JobKind, region.Value!, "{}", ct);
        return Redirect($"/employment/monitoring?{(region.Value is { Length: > 0 } r ? $"region={r}&" : "")}job={job.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var r = await handler.HandleAsync(EmploymentPages.Blank(Region), EmploymentPages.Blank(Month), ct);
        if (r.Succeeded) View = r.Value;
        else
        {
            Response.StatusCode = r.Failure!.Kind == FailureKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            Error = r.Failure.Message;
        }
        if (Job is { } id && await jobs.GetAsync(id, ct) is { Kind: WorkTallyJob.JobKind } job) Current = job;
    }
}
