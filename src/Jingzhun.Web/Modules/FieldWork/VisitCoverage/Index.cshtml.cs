using Jingzhun.Web.Modules.FieldWork.Compliance;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jingzhun.Web.Modules.FieldWork.VisitCoverage;

/// <summary>走访覆盖: the figures whole, the cadre and household lists a page at a time (a county has over a thousand cadres; the Excel has them all).</summary>
[Authorize(Permissions.FieldWorkView)]
public sealed class IndexModel(VisitCoverageHandler handler) : ViewPage<CoverageView>
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public PageResult<CoverageRow> Cadres { get; private set; } = new([], 1, PageSize, 0);
    public PageResult<HouseholdCoverageRow> Households { get; private set; } = new([], 1, PageSize, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var shown = Show(await handler.HandleAsync(Region, Month, ct));
        if (View is { } v)
        {
            // A village pages its households; its few cadres stay whole.
            Cadres = v.Households.Count > 0 ? v.ByCadre.Page(Paging.Of(1, v.ByCadre.Count, 1, int.MaxValue)) : v.ByCadre.Page(Paging.Of(PageNumber, PageSize, PageSize, PageSize));
            Households = v.Households.Page(Paging.Of(PageNumber, PageSize, PageSize, PageSize));
        }
        return shown;
    }
}
