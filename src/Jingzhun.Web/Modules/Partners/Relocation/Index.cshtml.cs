using System.Globalization;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jingzhun.Web.Modules.Partners.Relocation;

/// <summary>
/// 易地搬迁安置点: the region's figures with the sub-regions ranked (GET /api/v1/partners/relocation/figures) and its sites
/// (GET /api/v1/partners/relocation/sites); a sub-region's name drills down.
/// </summary>
[Authorize(Permissions.PartnersView)]
public sealed class IndexModel(ManageSitesHandler handler, CurrentUser me) : ListPageModel<SiteRow>
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public SiteKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Large { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public SiteOrder? Order { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public RelocationFigures? Figures { get; private set; }
    public bool CanEdit => me.Has(Permissions.PartnersManage);

    public SiteQuery Query => new(Blank(Region), Kind, Large, Year, Order, PageNumber, 20);

    public string QueryString(int? page = null, string? region = null) => QueryStrings.Join(
        ("region", region ?? Query.Region), ("kind", Kind?.ToString()), ("large", Large is { } l ? (l ? "true" : "false") : null),
        ("year", Year?.ToString(CultureInfo.InvariantCulture)), ("order", Order?.ToString()), ("pg", page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    protected override async Task<Outcome<PageResult<SiteRow>>> SearchAsync(CancellationToken ct)
    {
        var figures = await handler.FiguresAsync(Query.Region, Year, ct);
        if (!figures.Succeeded) return figures.Failure!;
        Figures = figures.Value;
        return await handler.SearchAsync(Query, ct);
    }
}
