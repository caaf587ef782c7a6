using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Employment.Workshops;

/// <summary>One workshop with its workers; 离岗 as POST /api/v1/employment/workshops/workers/{id}/end.</summary>
[Authorize(Permissions.MonitoringView)]
public sealed class DetailModel(ManageWorkshopsHandler handler, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty] public long WorkerId { get; set; }
    [BindProperty] public DateOnly? EndedOn { get; set; }
    [BindProperty] public int Version { get; set; }

    public WorkshopView? Workshop { get; private set; }
    public bool CanEdit => me.Has(Permissions.MonitoringWork);
    public DateOnly Today => ChinaTime.Today(clock);
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var r = await handler.GetAsync(id, ct);
        if (!r.Succeeded) return NotFound();
        Workshop = r.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostEndWorkerAsync(long id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var current = await handler.GetAsync(id, ct);
        if (!current.Succeeded || current.Value!.Workers.All(w => w.Id != WorkerId)) return NotFound();
        Workshop = current.Value;
        Errors = ModelState.BindingErrors();
        if (Errors.Count == 0 && EndedOn is null) Errors["endedOn"] = ["请填写离岗日期"];
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await handler.EndWorkerAsync(WorkerId, new EndWorkerRequest(EndedOn!.Value, Version), ct);
        if (r.Succeeded)
        {
            var w = r.Value!.Workers.First(x => x.Id == WorkerId);
            TempData["Message"] = $"已登记 {w.MemberName} 于 {EndedOn:yyyy-MM-dd} 离岗，其务工记录同时结束";
            return Redirect($"/employment/workshops/{id}");
        }
        if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
        if (r.Failure.Kind == FailureKind.Conflict) Response.StatusCode = StatusCodes.Status409Conflict;
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure.Message;
        return Page();
    }
}
