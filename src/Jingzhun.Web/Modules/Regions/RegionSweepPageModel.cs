using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Regions;

/// <summary>
/// The page behind a region sweep: pick a region, queue the job with the same checks as the API's start endpoint, then
/// follow its progress (the page polls GET /api/v1/jobs/{id}) and see the recent runs of that kind.
/// </summary>
public abstract class RegionSweepPageModel(Jobs jobs, CurrentUser me, RegionDirectory regions, string kind, string path) : PageModel
{
    [BindProperty] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public long? Job { get; set; }

    public JobView? Current { get; private set; }
    public IReadOnlyList<JobView> Recent { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var region = regions.Asked(Region, me);
        if (!region.Succeeded)
        {
            Error = region.Failure!.Message;
            await LoadAsync(ct);
            return Page();
        }
        var job = await jobs.EnqueueAsync(kind, region.Value!, "{}", ct);
        return Redirect($"{path}?job={job.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Job is { } id) Current = await jobs.GetAsync(id, ct);
        // A job id of another kind in the address shows nothing here.
        if (Current is not null && Current.Kind != kind) Current = null;
        Recent = await jobs.RecentAsync(kind, 10, ct);
    }

    public string RegionName(string code) => regions.NameOf(code);
}
