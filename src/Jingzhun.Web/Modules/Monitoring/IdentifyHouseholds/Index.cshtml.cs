using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Modules.Registry.SearchHouseholds;
using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Monitoring.IdentifyHouseholds;

/// <summary>监测对象 and households in the identification procedure: the same search as GET /api/v1/monitoring/cases.</summary>
[Authorize(Permissions.MonitoringView)]
public sealed class IndexModel(IdentifyHouseholdsHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public CaseStage? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public CasePhase? Phase { get; set; }
    [BindProperty(SupportsGet = true)] public MonitoringKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public bool Active { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public long? HouseholdId { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public PageResult<CaseRow>? Result { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public CaseQuery Query => new(MonitoringPages.Blank(Region), Stage, Kind, Overdue ? true : null, Active ? true : null, HouseholdId, PageNumber, 20, Phase);
    public string QueryString(int? page = null) => MonitoringPages.QueryOf(Query, page);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var r = await handler.SearchAsync(Query, ct);
        if (r.Succeeded) { Result = r.Value; return; }
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure!.Message;
    }
}
