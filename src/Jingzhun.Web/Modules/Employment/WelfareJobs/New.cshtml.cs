using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Employment.WelfareJobs;

/// <summary>设立公益性岗位: the same handler as POST /api/v1/employment/welfare-jobs.</summary>
[Authorize(Permissions.MonitoringWork)]
public sealed class NewModel(ManageWelfareJobsHandler handler, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? VillageCode { get; set; }
    [BindProperty] public WelfareJobType? Type { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public decimal? MonthlyPay { get; set; }
    [BindProperty] public DateOnly? EstablishedOn { get; set; }

    public DateOnly Today => ChinaTime.Today(clock);
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count == 0)
        {
            if (Type is null) Errors["type"] = ["请选择岗位类型"];
            if (MonthlyPay is null) Errors["monthlyPay"] = ["请填写月补贴"];
            if (EstablishedOn is null) Errors["establishedOn"] = ["请填写设岗日期"];
        }
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await handler.CreateAsync(new CreateWelfareJobRequest(VillageCode, Type!.Value, Name, Description, MonthlyPay!.Value, EstablishedOn!.Value), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = $"已设立公益性岗位：{Labels.Of(r.Value!.Job.Type)} {r.Value.Job.Name}。请安排在岗人员。";
            return Redirect($"/employment/welfare-jobs/{r.Value.Job.Id}");
        }
        if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure.Message;
        return Page();
    }
}
