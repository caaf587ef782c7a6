using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Jobs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Monitoring.SweepRisks;

/// <summary>返贫风险预警筛查 of a whole region as a background job, with its progress (as POST /api/v1/monitoring/sweeps).</summary>
[Authorize(Permissions.MonitoringReview)]
public sealed class SweepModel(Jobs jobs, CurrentUser me, RegionDirectory regions) : PageModel
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
        // The same checks as POST /api/v1/monitoring/sweeps.
        var region = string.IsNullOrWhiteSpace(Region) ? me.RegionCode ?? "" : Region.Trim();
        if (region != "" && (!RegionCodes.IsValid(region) || regions.Find(region) is null)) Error = "区划代码无效";
        else if (!me.CanSee(region)) Error = "该地区不存在或不在您的管辖范围内";
        if (Error is not null)
        {
            await LoadAsync(ct);
            return Page();
        }
        var job = await jobs.EnqueueAsync(SweepRisksJob.JobKind, region, "{}", ct);
        return Redirect($"/monitoring/sweep?job={job.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Job is { } id) Current = await jobs.GetAsync(id, ct);
        if (Current is not null && Current.Kind != SweepRisksJob.JobKind) Current = null;
        Recent = await jobs.RecentAsync(SweepRisksJob.JobKind, 10, ct);
    }

    public string RegionName(string code) => regions.NameOf(code);
}
