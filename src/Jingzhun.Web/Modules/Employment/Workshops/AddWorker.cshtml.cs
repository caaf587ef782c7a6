using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Employment.Workshops;

/// <summary>
/// 登记务工人员 of one workshop: choose the household (the household picker), then the member; the same handler as
/// POST /api/v1/employment/workshops/{id}/workers.
/// </summary>
[Authorize(Permissions.MonitoringWork)]
public sealed class AddWorkerModel(ManageWorkshopsHandler handler, GetHouseholdHandler households, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? HouseholdId { get; set; }
    [BindProperty] public long? MemberId { get; set; }
    [BindProperty] public DateOnly? StartedOn { get; set; }
    [BindProperty] public decimal? MonthlyWage { get; set; }

    public WorkshopView? Workshop { get; private set; }
    public HouseholdView? Household { get; private set; }
    public IReadOnlyList<MemberView> Members => Household?.Members.Where(m => m.Status == MemberStatus.Active).ToList() ?? [];
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        StartedOn ??= ChinaTime.Today(clock);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Household is null)
        {
            Errors["householdId"] = ["请先选择农户"];
            return Page();
        }
        Errors = ModelState.BindingErrors();
        if (Errors.Count == 0)
        {
            if (MemberId is null || Members.All(m => m.Id != MemberId)) Errors["memberId"] = ["请选择该户的一名在册家庭成员"];
            if (StartedOn is null) Errors["startedOn"] = ["请填写入职日期"];
            if (MonthlyWage is null) Errors["monthlyWage"] = ["请填写月工资"];
        }
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await handler.AddWorkerAsync(id, new AddWorkerRequest(MemberId!.Value, StartedOn!.Value, MonthlyWage!.Value), ct);
        if (r.Succeeded)
        {
            var name = Members.First(m => m.Id == MemberId).Name;
            TempData["Message"] = $"已登记 {name} 为 {r.Value!.Workshop.Name} 的务工人员，并登记其务工记录（帮扶车间）";
            return Redirect($"/employment/workshops/{id}");
        }
        if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure.Message;
        return Page();
    }

    /// <returns>false when the workshop, or a household named, is missing or out of scope (404, as in the API).</returns>
    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var w = await handler.GetAsync(id, ct);
        if (!w.Succeeded) return false;
        Workshop = w.Value;
        if (HouseholdId is not { } hid) return true;
        var h = await households.HandleAsync(hid, ct);
        Household = h.Value;
        return h.Succeeded;
    }
}
