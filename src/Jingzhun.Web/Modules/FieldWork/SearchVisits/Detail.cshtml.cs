using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.FieldWork.SearchVisits;

/// <summary>走访详情: GET /api/v1/visits/{id} (404 outside the user's scope).</summary>
[Authorize(Permissions.RegistryView)]
public sealed class DetailModel(SearchVisitsHandler handler) : PageModel
{
    public VisitDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var r = await handler.GetAsync(id, ct);
        if (!r.Succeeded) return NotFound();
        Detail = r.Value!;
        return Page();
    }
}
