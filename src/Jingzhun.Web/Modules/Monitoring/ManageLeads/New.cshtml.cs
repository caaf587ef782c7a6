using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Monitoring.ManageLeads;

/// <summary>登记风险线索 for one household: the same handler as POST /api/v1/monitoring/leads.</summary>
[Authorize(Permissions.MonitoringReport)]
public sealed class NewModel(ManageLeadsHandler handler, GetHouseholdHandler households, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? HouseholdId { get; set; }
    [BindProperty] public LeadSource? Source { get; set; }
    [BindProperty] public string? Detail { get; set; }
    /// <summary>发现日期: today unless the risk was found on an earlier day (left empty: today).</summary>
    [BindProperty] public DateOnly? FoundOn { get; set; }
    public DateOnly Today => Platform.Localization.ChinaTime.Today(clock);

    public HouseholdView? Household { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        FoundOn = Today;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Household is null)
        {
            Errors["householdId"] = ["请先选择农户"];
            return Page();
        }
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await handler.RecordAsync(new RecordLeadRequest(Household.Id, Source ?? default, Detail ?? "", FoundOn), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = $"已登记 {Household.HeadName} 户的风险线索（{Platform.Localization.Labels.Of(r.Value!.Source)}），待受理核查";
            return Redirect($"/monitoring/leads?householdId={Household.Id}");
        }
        if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure.Message;
        return Page();
    }

    /// <returns>false when a household was named but is missing or out of scope (404, as in the API).</returns>
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (HouseholdId is not { } id) return true;
        var r = await households.HandleAsync(id, ct);
        Household = r.Value;
        return r.Succeeded;
    }
}
