using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Employment.Workshops;

/// <summary>帮扶车间台账: the same search as GET /api/v1/employment/workshops.</summary>
[Authorize(Permissions.MonitoringView)]
public sealed class IndexModel(ManageWorkshopsHandler handler, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public WorkshopStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public PageResult<WorkshopRow>? Result { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public bool CanEdit => me.Has(Permissions.MonitoringWork);

    public WorkshopQuery Query => new(EmploymentPages.Blank(Region), Status, PageNumber, 20);
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
