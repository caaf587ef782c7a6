using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jingzhun.Web.Modules.Employment.Workshops;

/// <summary>帮扶车间台账: the same search as GET /api/v1/employment/workshops.</summary>
[Authorize(Permissions.MonitoringView)]
public sealed class IndexModel(ManageWorkshopsHandler handler, CurrentUser me) : ListPageModel<WorkshopRow>
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public WorkshopStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public bool CanEdit => me.Has(Permissions.MonitoringWork);

    public WorkshopQuery Query => new(EmploymentPages.Blank(Region), Status, PageNumber, 20);
    public string QueryString(int? page = null) => EmploymentPages.QueryOf(Query, page);

    protected override Task<Outcome<PageResult<WorkshopRow>>> SearchAsync(CancellationToken ct) => handler.SearchAsync(Query, ct);
}
