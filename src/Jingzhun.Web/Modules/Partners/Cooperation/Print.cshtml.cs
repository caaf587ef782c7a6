using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Partners.Cooperation;

/// <summary>An agreement's completion on one A4 page (print CSS), from the same view as the agreement page.</summary>
[Authorize(Permissions.PartnersView)]
public sealed class PrintModel(ManageCooperationHandler handler, TimeProvider clock) : PageModel
{
    public AgreementView? Agreement { get; private set; }
    public DateOnly Today => ChinaTime.Today(clock);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var r = await handler.GetAgreementAsync(id, ct);
        if (!r.Succeeded) return NotFound();
        Agreement = r.Value;
        return Page();
    }
}
