using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Modules.Guarantees.ManageProblems;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Guarantees.Bulletins;

/// <summary>The bulletin page and its printable twin read the same query: region, and a period key or kind + month/week.</summary>
public abstract class BulletinPageModel(BulletinsHandler handler, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    /// <summary>"month" (月通报) or "week" (周调度); picks which of <see cref="Month"/> and <see cref="Week"/> is used.</summary>
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public string? Week { get; set; }

    public Bulletin? Bulletin { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public bool IsWeek { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        IsWeek = Kind == "week" || (Kind is null && Period?.Contains('W', StringComparison.OrdinalIgnoreCase) == true);
        var key = Kind switch
        {
            "week" => Blank(Week) ?? (Period?.Contains('W', StringComparison.OrdinalIgnoreCase) == true ? Period : Bulletins.Period.Current(clock, true).Key),
            "month" => Blank(Month) ?? (Period?.Contains('W', StringComparison.OrdinalIgnoreCase) == false ? Period : Bulletins.Period.Current(clock, false).Key),
            _ => Blank(Period),
        };
        var r = await handler.HandleAsync(Blank(Region), key, ct);
        if (r.Succeeded)
        {
            Bulletin = r.Value!;
            IsWeek = Bulletin.IsWeek;
            Period = Bulletin.Period;
            if (IsWeek) Week = Bulletin.Period; else Month = Bulletin.Period;
        }
        else
        {
            // Out of scope is a 404 (as in the API), shown with the form so another region can be chosen.
            if (r.Failure!.Kind == FailureKind.NotFound) Response.StatusCode = StatusCodes.Status404NotFound;
            Errors = FormErrors.FieldErrors(r.Failure);
            Error = r.Failure.Message;
        }
        Month ??= Bulletins.Period.Current(clock, false).Key;
        Week ??= Bulletins.Period.Current(clock, true).Key;
        return Page();
    }

    public string Query => Bulletin is null ? "" : $"region={Uri.EscapeDataString(Bulletin.RegionCode)}&period={Uri.EscapeDataString(Bulletin.Period)}";

    /// <summary>The problem list behind one number of the bulletin.</summary>
    public string ProblemsLink(string regionCode, ProblemMeasure measure, string? dimension = null) =>
        "/problems?" + GuaranteePages.QueryOf(new ProblemQuery(regionCode == "" ? null : regionCode,
            dimension is null ? null : Enum.Parse<Dimension>(dimension), null, null, null, null, null, Bulletin!.Period, measure, null, null));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

[Authorize(Permissions.GuaranteesView)]
public sealed class IndexModel(BulletinsHandler handler, TimeProvider clock) : BulletinPageModel(handler, clock);
