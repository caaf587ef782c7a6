using Jingzhun.Web.Modules.Dashboards.Dashboard;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Rules;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Home;

/// <summary>
/// The home page is the command dashboard (指挥驾驶舱) of the user's region or of <c>?region=</c> within it: the same
/// query as GET /api/v1/dashboard. Users without the registry permission get their function links only; a pairing
/// cadre is sent to their to-do list.
/// </summary>
public sealed class IndexModel(DashboardHandler handler, CurrentUser me, Regions.RegionDirectory regions, PolicyStore policies, TimeProvider clock,
    Projects.Summary.ProjectSummaryHandler projects, Projects.Collective.CollectiveEconomyQuery collective,
    Employment.WorkMonitoring.WorkMonitoringHandler work) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? BaseYear { get; set; }

    public DashboardView? View { get; private set; }
    /// <summary>衔接项目与资金 of the library's latest year, for a user who may see projects.</summary>
    public Projects.Summary.ProjectSummaryView? Projects { get; private set; }
    /// <summary>村集体经济 of the latest year with an income (the same figures and village lists as /projects/collective), for the same users.</summary>
    public Projects.Collective.CollectiveSummaryView? Collective { get; private set; }
    /// <summary>This month's 务工监测 (the same figures as /employment/monitoring), for a user who may see monitoring.</summary>
    public Employment.WorkMonitoring.WorkMonitoringView? Work { get; private set; }
    /// <summary>Whether the 搬迁与协作 cards are loaded after the page (GET /partners/dashboard-cards).</summary>
    public bool ShowPartners { get; private set; }
    public string? Error { get; private set; }
    public string ScopePath { get; private set; } = "";
    /// <summary>The region's 贫困发生率 limit (退出标准 of its province, latest year in force), for the card's warning colour.</summary>
    public decimal IncidenceMaxPercent { get; private set; } = 2m;

    /// <summary>Whether the incidence is not below its limit, compared exactly (not the rounded figure on the card).</summary>
    public bool IncidenceFails => View is { RuralPopulation: > 0 } v && !new Ratio(v.NotExitedPeople, v.RuralPopulation.Value).IsBelowPercent(IncidenceMaxPercent);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // A pairing cadre's work is their households' visits: they land on 待办 (待走访清单), not on a region's dashboard.
        if (me.Role == Roles.Cadre && Region is null) return Redirect("/fieldwork/todo");
        var scope = me.RegionCode ?? "";
        ScopePath = scope == "" ? "全国" : string.Join(" ", regions.PathOf(scope).Select(r => r.Name));
        if (!me.Has(Permissions.RegistryView)) return Page();
        var r = await handler.HandleAsync(Region, BaseYear, ct);
        if (r.Succeeded)
        {
            View = r.Value;
            IncidenceMaxPercent = (await policies.InForceAsync<Exit.ExitStandard>(View!.RegionCode, ChinaTime.Today(clock).Year, ct)).IncidenceMaxPercent;
            if (me.Has(Permissions.ProjectsView))
            {
                Projects = (await projects.SummaryAsync(Region, null, ct)).Value;
                Collective = (await collective.SummaryAsync(Region, null, ct)).Value;
            }
            if (me.Has(Permissions.MonitoringView)) Work = (await work.HandleAsync(Region, null, ct)).Value;
            ShowPartners = me.Has(Permissions.PartnersView);
        }
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
