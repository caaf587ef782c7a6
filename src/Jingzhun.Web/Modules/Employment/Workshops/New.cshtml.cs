using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Employment.Workshops;

/// <summary>登记帮扶车间: the same handler as POST /api/v1/employment/workshops.</summary>
[Authorize(Permissions.MonitoringWork)]
public sealed class NewModel(ManageWorkshopsHandler handler) : PageModel
{
    [BindProperty] public string? VillageCode { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Operator { get; set; }
    [BindProperty] public string? Industry { get; set; }
    [BindProperty] public DateOnly? RecognisedOn { get; set; }
    [BindProperty] public WorkshopStatus? Status { get; set; }

    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count == 0 && RecognisedOn is null) Errors["recognisedOn"] = ["请填写认定日期"];
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await handler.CreateAsync(new CreateWorkshopRequest(VillageCode, Name, Operator, Industry, RecognisedOn!.Value, Status), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = $"已登记帮扶车间 {r.Value!.Workshop.Name}，请登记其务工人员";
            return Redirect($"/employment/workshops/{r.Value.Workshop.Id}");
        }
        if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure.Message;
        return Page();
    }
}
