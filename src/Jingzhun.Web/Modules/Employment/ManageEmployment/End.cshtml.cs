using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Employment.ManageEmployment;

/// <summary>务工结束 (离职、返乡) for one open job: the same handler as POST /api/v1/employment/jobs/{id}/end.</summary>
[Authorize(Permissions.MonitoringWork)]
public sealed class EndModel(ManageEmploymentHandler handler, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty] public DateOnly? EndedOn { get; set; }
    [BindProperty] public int? Months { get; set; }
    [BindProperty] public int Version { get; set; }

    public JobRow? Job { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        (EndedOn, Months, Version) = (ChinaTime.Today(clock), Job!.Months, Job.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Errors = ModelState.BindingErrors();
        if (Errors.Count == 0)
        {
            if (EndedOn is null) Errors["endedOn"] = ["请填写结束日期"];
            if (Months is null) Errors["months"] = ["请填写本年务工月数"];
        }
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await handler.EndAsync(Id, new EndJobRequest(EndedOn!.Value, Months!.Value, Version), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = $"已登记 {r.Value!.Name} 务工结束（{EndedOn:yyyy-MM-dd}），当前务工状况：{Labels.Of(r.Value.WorkStatus)}";
            return Redirect($"/households/{Job!.HouseholdId}");
        }
        if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure.Message;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var r = await handler.JobAsync(Id, ct);
        Job = r.Value;
        return r.Succeeded;
    }
}
