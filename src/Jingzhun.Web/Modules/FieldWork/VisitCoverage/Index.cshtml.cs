using Jingzhun.Web.Modules.FieldWork.Compliance;
using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jingzhun.Web.Modules.FieldWork.VisitCoverage;

[Authorize(Permissions.FieldWorkView)]
public sealed class IndexModel(VisitCoverageHandler handler) : ViewPage<CoverageView>
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => Show(await handler.HandleAsync(Region, Month, ct));
}
