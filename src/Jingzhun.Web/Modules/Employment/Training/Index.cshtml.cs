using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Employment.Training;

/// <summary>技能培训台账: the same search as GET /api/v1/employment/training.</summary>
[Authorize(Permissions.MonitoringView)]
public sealed class IndexModel(ManageTrainingHandler handler, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public TrainingKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public long? HouseholdId { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public PageResult<TrainingRow>? Result { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public bool CanEdit => me.Has(Permissions.MonitoringWork);

    public TrainingQuery Query => new(EmploymentPages.Blank(Region), HouseholdId, null, Year, Kind, PageNumber, 20);
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
