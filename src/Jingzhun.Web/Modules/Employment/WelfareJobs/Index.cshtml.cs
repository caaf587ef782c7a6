using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jingzhun.Web.Modules.Employment.WelfareJobs;

/// <summary>公益性岗位台账: the same search as GET /api/v1/employment/welfare-jobs.</summary>
[Authorize(Permissions.MonitoringView)]
public sealed class IndexModel(ManageWelfareJobsHandler handler, CurrentUser me) : ListPageModel<WelfareJobRow>
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public WelfareJobType? Type { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Held { get; set; }
    [BindProperty(SupportsGet = true)] public long? HouseholdId { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public bool CanEdit => me.Has(Permissions.MonitoringWork);

    public WelfareJobQuery Query => new(EmploymentPages.Blank(Region), Type, Held, HouseholdId, PageNumber, 20);
    public string QueryString(int? page = null) => EmploymentPages.QueryOf(Query, page);

    protected override Task<Outcome<PageResult<WelfareJobRow>>> SearchAsync(CancellationToken ct) => handler.SearchAsync(Query, ct);
}
