using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Employment.ManageEmployment;

/// <summary>登记务工 for a member of one household: the same handler as POST /api/v1/employment/jobs.</summary>
[Authorize(Permissions.MonitoringWork)]
public sealed class NewModel(ManageEmploymentHandler handler, GetHouseholdHandler households) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? HouseholdId { get; set; }
    [BindProperty] public long? MemberId { get; set; }
    [BindProperty] public WorkStatus? Place { get; set; }
    [BindProperty] public string? PlaceName { get; set; }
    [BindProperty] public string? Employer { get; set; }
    [BindProperty] public string? Sector { get; set; }
    [BindProperty] public int? Months { get; set; }
    [BindProperty] public decimal? MonthlyWage { get; set; }
    [BindProperty] public JobChannel? Channel { get; set; }
    [BindProperty] public DateOnly? StartedOn { get; set; }
    [BindProperty] public DateOnly? EndedOn { get; set; }

    public HouseholdView? Household { get; private set; }
    public IReadOnlyList<MemberView> Members => Household?.Members.Where(m => m.Status == MemberStatus.Active).ToList() ?? [];
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Household is null)
        {
            Errors["householdId"] = ["请先选择农户"];
            return Page();
        }
        Errors = ModelState.BindingErrors();
        if (Errors.Count == 0)
        {
            if (MemberId is null || Members.All(m => m.Id != MemberId)) Errors["memberId"] = ["请选择该户的一名家庭成员"];
            if (Place is null) Errors["place"] = ["请选择务工地点"];
            if (Months is null) Errors["months"] = ["请填写务工月数"];
            if (MonthlyWage is null) Errors["monthlyWage"] = ["请填写月工资"];
            if (Channel is null) Errors["channel"] = ["请选择就业渠道"];
            if (StartedOn is null) Errors["startedOn"] = ["请填写开始务工日期"];
        }
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await handler.RecordAsync(new RecordJobRequest(MemberId!.Value, Place!.Value, PlaceName, Employer, Sector, Months!.Value, MonthlyWage!.Value,
            Channel!.Value, StartedOn!.Value, EndedOn), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = $"已登记 {r.Value!.Name} 的务工记录，当前务工状况：{Platform.Localization.Labels.Of(r.Value.WorkStatus)}";
            return Redirect($"/households/{Household.Id}");
        }
        if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure.Message;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (HouseholdId is not { } id) return true;
        var r = await households.HandleAsync(id, ct);
        Household = r.Value;
        return r.Succeeded;
    }
}
