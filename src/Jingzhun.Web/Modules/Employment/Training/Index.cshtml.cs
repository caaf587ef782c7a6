using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jingzhun.Web.Modules.Employment.Training;

/// <summary>技能培训台账: the same search as GET /api/v1/employment/training.</summary>
[Authorize(Permissions.MonitoringView)]
public sealed class IndexModel(ManageTrainingHandler handler, CurrentUser me) : ListPageModel<TrainingRow>
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public TrainingKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public long? HouseholdId { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public bool CanEdit => me.Has(Permissions.MonitoringWork);

    public TrainingQuery Query => new(EmploymentPages.Blank(Region), HouseholdId, null, Year, Kind, PageNumber, 20);
    public string QueryString(int? page = null) => EmploymentPages.QueryOf(Query, page);

    protected override Task<Outcome<PageResult<TrainingRow>>> SearchAsync(CancellationToken ct) => handler.SearchAsync(Query, ct);
}
