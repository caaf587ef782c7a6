using Jingzhun.Web.Modules.FieldWork.Compliance;
using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jingzhun.Web.Modules.FieldWork.NeverVisited;

[Authorize(Permissions.FieldWorkView)]
public sealed class IndexModel(NeverVisitedHandler handler) : ViewPage<NeverVisitedView>
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => Show(await handler.HandleAsync(Region, ct));
}
