using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Employment.Training;

/// <summary>登记技能培训 for a member of one household: the same handler as POST /api/v1/employment/training.</summary>
[Authorize(Permissions.MonitoringWork)]
public sealed class NewModel(ManageTrainingHandler handler, GetHouseholdHandler households) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? HouseholdId { get; set; }
    [BindProperty] public long? MemberId { get; set; }
    [BindProperty] public string? Course { get; set; }
    [BindProperty] public TrainingKind? Kind { get; set; }
    [BindProperty] public string? Organiser { get; set; }
    [BindProperty] public DateOnly? StartedOn { get; set; }
    [BindProperty] public DateOnly? EndedOn { get; set; }
    [BindProperty] public int? Hours { get; set; }
    [BindProperty] public CertificateKind? Certificate { get; set; }
    [BindProperty] public string? CertificateNumber { get; set; }

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
            if (StartedOn is null) Errors["startedOn"] = ["请填写培训开始日期"];
            if (EndedOn is null) Errors["endedOn"] = ["请填写培训结束日期"];
        }
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await handler.RecordAsync(new RecordTrainingRequest(MemberId!.Value, Course, Kind, Organiser, StartedOn!.Value, EndedOn!.Value, Hours, Certificate,
            CertificateNumber), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = $"已登记 {r.Value!.MemberName} 的技能培训（{r.Value.Course}）";
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
