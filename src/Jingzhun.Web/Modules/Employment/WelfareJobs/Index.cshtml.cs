using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Employment.WelfareJobs;

/// <summary>公益性岗位台账: the same search as GET /api/v1/employment/welfare-jobs.</summary>
[Authorize(Permissions.MonitoringView)]
public sealed class IndexModel(ManageWelfareJobsHandler handler, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public WelfareJobType? Type { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Held { get; set; }
    [BindProperty(SupportsGet = true)] public long? HouseholdId { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public PageResult<WelfareJobRow>? Result { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public bool CanEdit => me.Has(Permissions.MonitoringWork);

    public WelfareJobQuery Query => new(EmploymentPages.Blank(Region), Type, Held, HouseholdId, PageNumber, 20);
    public string QueryString(int? page = null) => EmploymentPages.QueryOf(Query, page);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return;
        }
        var r = await handler.SearchAsync(Query, ct);
        if (r.Succeeded) { Result = r.Value; return; }
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure!.Message;
    }
}
