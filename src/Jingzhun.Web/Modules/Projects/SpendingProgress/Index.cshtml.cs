using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Projects.SpendingProgress;

/// <summary>支出进度 and the ranking of counties (the 月通报 habit): page, A4 print and Excel.</summary>
[Authorize(Permissions.FundsView)]
public sealed class IndexModel(SpendingProgressHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }

    public SpendingReport? Report { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public SpendingQuery Query => new(string.IsNullOrWhiteSpace(Region) ? null : Region.Trim(), Year, AsOf);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await handler.ReportAsync(Query, ct);
        if (r.Failure is { Kind: Platform.Problems.FailureKind.NotFound }) return NotFound();
        if (r.Succeeded) Report = r.Value;
        else
        {
            Error = r.Failure!.Message;
            Errors = FormErrors.FieldErrors(r.Failure);
        }
        return Page();
    }
}
