using Jingzhun.Web.Modules.Dashboards.Dashboard;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Home;

/// <summary>
/// The home page is the command dashboard (指挥驾驶舱) of the user's region or of <c>?region=</c> within it: the same
/// query as GET /api/v1/dashboard. Users without the registry permission get their function links only; a pairing
/// cadre is sent to their to-do list.
/// </summary>
public sealed class IndexModel(DashboardHandler handler, CurrentUser me, Regions.RegionDirectory regions) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    public DashboardView? View { get; private set; }
    public string? Error { get; private set; }
    public string ScopePath { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // A pairing cadre's work is their households' visits: they land on 待办 (待走访清单), not on a region's dashboard.
        if (me.Role == Roles.Cadre && Region is null) return Redirect("/fieldwork/todo");
        var scope = me.RegionCode ?? "";
        ScopePath = scope == "" ? "全国" : string.Join(" ", regions.PathOf(scope).Select(r => r.Name));
        if (!me.Has(Permissions.RegistryView)) return Page();
        var r = await handler.HandleAsync(Region, ct);
        if (r.Succeeded) View = r.Value;
        else
        {
            // As in the API: an unknown code is a 400, a region outside the user's scope a 404.
            Response.StatusCode = r.Failure!.Kind == FailureKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            Error = r.Failure.Message;
        }
        return Page();
    }

    /// <summary>Breadcrumbs from the user's own node down (the nodes above it are not theirs to open).</summary>
    public IEnumerable<Crumb> Crumbs => View?.Breadcrumb.Where(c => me.CanSee(c.Code)) ?? [];
}
