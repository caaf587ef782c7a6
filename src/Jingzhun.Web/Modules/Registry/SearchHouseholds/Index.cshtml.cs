using System.Globalization;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry.SearchHouseholds;

/// <summary>户列表: the same handler and query as GET /api/v1/households; the query string is the state.</summary>
[Authorize(Policy = Permissions.RegistryView)]
public sealed class IndexModel(SearchHouseholdsHandler search, ReadDb read, CurrentUser me) : PageModel
{
    public static readonly int[] PageSizes = [20, 50, 100];

    public HouseholdQuery Query { get; private set; } = new();
    public PageResult<HouseholdRow> Result { get; private set; } = new([], 1, 20, 0);
    public IReadOnlyDictionary<long, DateTime> UpdatedAt { get; private set; } = new Dictionary<long, DateTime>();
    public bool CanExport => me.Has(Permissions.RegistryExport);
    public bool CanEdit => me.Has(Permissions.RegistryEdit);
    public bool CanImport => me.Has(Permissions.RegistryImport);
    public bool CanCreate => me.Has(Permissions.RegistryCreate);
    public bool CanExportFull => me.Has(Permissions.RegistryExport) && me.Has(Permissions.RegistryRevealId);
    public int PageCount => Math.Max(1, (Result.Total + Result.PageSize - 1) / Result.PageSize);
    /// <summary>The list is in its query's default order (a name search: by the matched name; else by number).</summary>
    public bool SortIsDefault => Query.Sort == HouseholdQueryParameters.DefaultSort(Query.Q);

    // From the query string only: Razor Pages' route value "page" (this page's path) would otherwise bind to Page, and
    // every pager link would show page 1.
    public async Task<IActionResult> OnGetAsync([FromQuery] HouseholdQueryParameters p, CancellationToken ct)
    {
        var q = p.ToQuery();
        Query = q with { PageSize = PageSizes.Contains(q.PageSize) ? q.PageSize : PageSizes[0], Page = Math.Max(1, q.Page) };
        Result = await search.HandleAsync(Query, ct);
        var ids = Result.Items.Select(r => r.Id).ToList();
        UpdatedAt = await read.Db.Households.AsNoTracking().Where(h => ids.Contains(h.Id))
            .Select(h => new { h.Id, h.UpdatedAt }).ToDictionaryAsync(h => h.Id, h => h.UpdatedAt, ct);
        // htmx swaps only the results; a history restore or a plain GET gets the whole page.
        var htmx = Request.Headers["HX-Request"] == "true" && Request.Headers["HX-History-Restore-Request"] != "true";
        return htmx ? Partial("_Results", this) : Page();
    }

    /// <summary>The current query as a query string (only set values), with changes applied.</summary>
    public string QueryString(HouseholdQuery? changed = null)
    {
        var q = changed ?? Query;
        var parts = new List<(string, string?)>
        {
            ("region", q.Region), ("status", q.Status?.ToString()), ("attribute", q.Attribute?.ToString()),
            ("mainCause", q.MainCause?.ToString()), ("class321", q.Class321?.ToString()), ("flag", q.Flag?.ToString()),
            ("minIncome", q.MinIncome?.ToString(CultureInfo.InvariantCulture)), ("maxIncome", q.MaxIncome?.ToString(CultureInfo.InvariantCulture)),
            ("incomeYear", q.IncomeYear?.ToString(CultureInfo.InvariantCulture)),
            ("q", q.Q),
            ("sort", q.Sort == HouseholdQueryParameters.DefaultSort(q.Q) ? null : q.Sort.ToString()), ("desc", q.Desc ? "true" : null),
            ("page", q.Page > 1 ? q.Page.ToString(CultureInfo.InvariantCulture) : null),
            ("after", q.Anchor is { Before: false } after ? after.ToString() : null),
            ("before", q.Anchor is { Before: true } before ? before.ToString() : null),
            ("pageSize", q.PageSize != PageSizes[0] ? q.PageSize.ToString(CultureInfo.InvariantCulture) : null),
        };
        var s = string.Join("&", parts.Where(x => !string.IsNullOrWhiteSpace(x.Item2))
            .Select(x => $"{x.Item1}={Uri.EscapeDataString(x.Item2!.Trim())}"));
        return s.Length == 0 ? "" : "?" + s;
    }

    public string PageUrl(int page) => "/households" + QueryString(Query with { Page = page, Anchor = AnchorFor(page) });

    /// <summary>
    /// A name search's other pages are read by key from this page: a later one from its last row, an earlier one from its
    /// first (no OFFSET over the rows before a deep page); the first page needs none, and the other sorts page by offset.
    /// </summary>
    private PageAnchor? AnchorFor(int page) =>
        page == 1 || Query.Sort != HouseholdSort.Name || SearchHouseholdsHandler.NameText(Query.Q) is null || Result.Items.Count == 0 ? null
        : page > Result.Page ? new PageAnchor(Result.Page, Result.Items[^1].Id, Before: false)
        : page < Result.Page ? new PageAnchor(Result.Page, Result.Items[0].Id, Before: true)
        : Query.Anchor;

    /// <summary>Clicking the current sort column flips the direction; a new column starts ascending (income: descending).</summary>
    public string SortUrl(HouseholdSort sort) => "/households" + QueryString(Query with
    {
        Sort = sort,
        Desc = Query.Sort == sort ? !Query.Desc : sort is HouseholdSort.Updated,
        Page = 1, Anchor = null,
    });

    public string SortMark(HouseholdSort sort) => Query.Sort != sort ? "" : Query.Desc ? " ▼" : " ▲";
    public string SortAria(HouseholdSort sort) => Query.Sort != sort ? "none" : Query.Desc ? "descending" : "ascending";

    public string ExportUrl => "/api/v1/households/export" + QueryString(Query with { Page = 1, PageSize = PageSizes[0], Anchor = null });
}
