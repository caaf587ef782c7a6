using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Reports;

/// <summary>The report page and its printable twin: the same handler as GET /api/v1/reports/{name}/data.</summary>
public abstract class ReportPageModel(ReportsHandler handler, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Name { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public ReportInfo? Info { get; private set; }
    public Report? Report { get; private set; }
    public string? Error { get; private set; }
    public DateOnly Today { get; } = Platform.Localization.ChinaTime.Today(clock);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Info = ReportCatalog.Find(Name);
        if (Info is null) return NotFound();
        var r = await handler.HandleAsync(Info.Name, string.IsNullOrWhiteSpace(Region) ? null : Region.Trim(), Year, ct);
        if (r.Succeeded) Report = r.Value;
        else
        {
            // Out of scope is a 404 (as in the API), shown with the picker so another region can be chosen.
            if (r.Failure!.Kind == FailureKind.NotFound) Response.StatusCode = StatusCodes.Status404NotFound;
            Error = r.Failure.Message;
        }
        return Page();
    }

    public string Query => Report is null ? "" :
        $"region={Uri.EscapeDataString(Report.RegionCode)}{(Report.Year is { } y ? $"&year={y}" : "")}";

    /// <summary>The same report one level down (a sub-region row), keeping the year.</summary>
    public string DrillLink(string code) => $"/reports/{Info!.Name}?region={Uri.EscapeDataString(code)}{(Report?.Year is { } y ? $"&year={y}" : "")}";
}

[Authorize(Permissions.RegistryView)]
public sealed class ShowModel(ReportsHandler handler, TimeProvider clock) : ReportPageModel(handler, clock);

[Authorize(Permissions.RegistryView)]
public sealed class PrintModel(ReportsHandler handler, TimeProvider clock) : ReportPageModel(handler, clock);

/// <summary>报表中心: the catalogue, for a region (and a year where a report uses one).</summary>
[Authorize(Permissions.RegistryView)]
public sealed class IndexModel(TimeProvider clock, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public int ThisYear { get; } = Platform.Localization.ChinaTime.Today(clock).Year;
    public bool CanSnapshot => user.Has(Permissions.RegistrySnapshot);

    public void OnGet() { }

    public string LinkOf(ReportInfo r, string path = "") =>
        $"/reports/{r.Name}{path}?region={Uri.EscapeDataString(Region ?? "")}{(r.UsesYear && Year is { } y ? $"&year={y}" : "")}";
}
