using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jingzhun.Web.Modules.Employment.ManageLoans;

/// <summary>小额信贷台账: the same search as GET /api/v1/employment/loans.</summary>
[Authorize(Permissions.MonitoringView)]
public sealed class IndexModel(ManageLoansHandler handler, CurrentUser me) : ListPageModel<LoanRow>
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public LoanStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Bank { get; set; }
    [BindProperty(SupportsGet = true)] public int? DueWithinDays { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Open { get; set; }
    [BindProperty(SupportsGet = true)] public long? HouseholdId { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public bool CanEdit => me.Has(Permissions.MonitoringWork);

    public LoanQuery Query => new(EmploymentPages.Blank(Region), Status, EmploymentPages.Blank(Bank), HouseholdId, DueWithinDays, Open, PageNumber, 20);
    public string QueryString(int? page = null) => EmploymentPages.QueryOf(Query, page);

    protected override Task<Outcome<PageResult<LoanRow>>> SearchAsync(CancellationToken ct) => handler.SearchAsync(Query, ct);
}
