using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Projects.Collective;

/// <summary>村集体经济 of a region and year: villages with an organisation, 空壳村 and the bands, each figure opening its village list.</summary>
[Authorize(Permissions.ProjectsView)]
public sealed class IndexModel(CollectiveEconomyQuery query) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public CollectiveSummaryView? Summary { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return;
        }
        var r = await query.SummaryAsync(string.IsNullOrWhiteSpace(Region) ? null : Region.Trim(), Year, ct);
        if (r.Succeeded) Summary = r.Value;
        else
        {
            Error = r.Failure!.Message;
            Errors = FormErrors.FieldErrors(r.Failure);
        }
    }
}
