using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Jobs;
using Microsoft.AspNetCore.Authorization;

namespace Jingzhun.Web.Modules.Guarantees.AssessHouseholds;

/// <summary>Re-judges a whole region (after rules or thresholds change) as a background job, with its progress.</summary>
[Authorize(Permissions.GuaranteesAssign)]
public sealed class SweepModel(Jobs jobs, CurrentUser me, RegionDirectory regions)
    : RegionSweepPageModel(jobs, me, regions, SweepGuaranteesJob.JobKind, "/guarantees/sweep");
