using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Jobs;
using Microsoft.AspNetCore.Authorization;

namespace Jingzhun.Web.Modules.Monitoring.SweepRisks;

/// <summary>返贫风险预警筛查 of a whole region as a background job, with its progress (as POST /api/v1/monitoring/sweeps).</summary>
[Authorize(Permissions.MonitoringReview)]
public sealed class SweepModel(Jobs jobs, CurrentUser me, RegionDirectory regions)
    : RegionSweepPageModel(jobs, me, regions, SweepRisksJob.JobKind, "/monitoring/sweep");
