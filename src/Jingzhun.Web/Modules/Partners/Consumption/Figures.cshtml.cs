using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Partners.Consumption;

/// <summary>消费帮扶统计: GET /api/v1/partners/consumption/figures as a page; a sub-region's name opens its own figures.</summary>
[Authorize(Permissions.PartnersView)]
public sealed class FiguresModel(ConsumptionFiguresHandler handler, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public ConsumptionFiguresView? Figures { get; private set; }
    public int ThisYear => ChinaTime.Today(clock).Year;
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await handler.FiguresAsync(ConsumptionPages.Blank(Region), Year, ct);
        if (r.Succeeded) Figures = r.Value;
        else if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
        else
        {
            Errors = FormErrors.FieldErrors(r.Failure);
            Error = r.Failure.Message;
        }
        return Page();
    }
}
