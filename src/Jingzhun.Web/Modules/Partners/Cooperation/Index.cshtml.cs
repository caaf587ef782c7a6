using System.Globalization;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jingzhun.Web.Modules.Partners.Cooperation;

/// <summary>结对关系: the same search as GET /api/v1/partners/cooperation/partnerships.</summary>
[Authorize(Permissions.PartnersView)]
public sealed class IndexModel(ManageCooperationHandler handler, CurrentUser me) : ListPageModel<PartnershipRow>
{
    [BindProperty(SupportsGet = true)] public PartnershipKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public PartnershipStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public bool CanEdit => CooperationPages.CanEdit(me);
    public bool CountyLevel => me.RegionCode is { Length: <= 6 };

    public PartnershipQuery Query => new(null, Kind, Status, PageNumber, 20);
    public string QueryString(int? page = null) => QueryStrings.Join(("kind", Kind?.ToString()), ("status", Status?.ToString()),
        ("pg", page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null));

    protected override Task<Outcome<PageResult<PartnershipRow>>> SearchAsync(CancellationToken ct) => handler.SearchAsync(Query, ct);
}

/// <summary>Helpers of the 东西部协作 pages.</summary>
public static class CooperationPages
{
    /// <summary>Who may write: partners.manage held by a county-level (or higher) account.</summary>
    public static bool CanEdit(CurrentUser me) => me.Has(Permissions.PartnersManage) && me.RegionCode is { Length: <= 6 };

    public static string Figure(IndicatorLine l, decimal? v) => v is { } x ? CooperationIndicators.Of(l.Indicator).Format(x) : "—";
}
