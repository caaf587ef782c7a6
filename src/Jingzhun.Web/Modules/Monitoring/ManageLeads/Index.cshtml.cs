using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Modules.Monitoring.IdentifyHouseholds;
using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Modules.Registry.SearchHouseholds;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Monitoring.ManageLeads;

/// <summary>风险线索: the same search as GET /api/v1/monitoring/leads; 受理 as POST /api/v1/monitoring/leads/{id}/case.</summary>
[Authorize(Permissions.MonitoringView)]
public sealed class IndexModel(ManageLeadsHandler handler, IdentifyHouseholdsHandler cases, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public LeadStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public LeadSource? Source { get; set; }
    [BindProperty(SupportsGet = true)] public RiskReason? Reason { get; set; }
    [BindProperty(SupportsGet = true)] public long? HouseholdId { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public PageResult<LeadRow>? Result { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public bool CanWork => me.Has(Permissions.MonitoringWork);
    public bool CanReport => me.Has(Permissions.MonitoringReport);

    public LeadQuery Query => new(MonitoringPages.Blank(Region), Status, Source, Reason, HouseholdId, PageNumber, 20);
    public string QueryString(int? page = null) => MonitoringPages.QueryOf(Query, page);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>受理: the lead opens (or joins) the household's case, which starts at 入户核查.</summary>
    public async Task<IActionResult> OnPostAcceptAsync(long leadId, CancellationToken ct)
    {
        if (!CanWork) return Forbid();
        var r = await cases.OpenFromLeadAsync(leadId, ct);
        if (r.Succeeded)
        {
            TempData["Message"] = $"已受理线索，{r.Value!.HeadName} 户进入监测认定（{Platform.Localization.Labels.Of(r.Value.Stage)}）";
            return Redirect($"/monitoring/cases/{r.Value.Id}");
        }
        Error = r.Failure!.Kind == FailureKind.NotFound ? "该线索不存在或不在您的管辖范围内" : r.Failure.Message;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var r = await handler.SearchAsync(Query, ct);
        if (r.Succeeded) { Result = r.Value; return; }
        foreach (var (k, v) in FormErrors.FieldErrors(r.Failure)) Errors[k] = v;
        Error ??= r.Failure!.Message;
    }
}
