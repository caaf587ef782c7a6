using Jingzhun.Web.Modules.FieldWork.Compliance;
using Jingzhun.Web.Modules.FieldWork.Rules;
using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jingzhun.Web.Modules.FieldWork.VisitSignals;

[Authorize(Permissions.FieldWorkSupervise)]
public sealed class IndexModel(VisitSignalsHandler handler) : ViewPage<SignalsView>
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public SignalKind? Kind { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => Show(await handler.HandleAsync(Region, Month, Kind, ct));
}
