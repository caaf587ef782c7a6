using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Guarantees.AssessHouseholds;

/// <summary>The guarantee panel on its own page (the household page includes the same partial).</summary>
[Authorize(Permissions.GuaranteesView)]
public sealed class PanelModel(AssessHouseholdsHandler handler) : PageModel
{
    public GuaranteePanel Panel { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var r = await handler.PanelAsync(id, ct);
        if (!r.Succeeded) return NotFound();
        Panel = r.Value!;
        return Page();
    }
}
