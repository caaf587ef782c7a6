using System.Text;
using System.Text.Encodings.Web;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Platform.Forms;

/// <summary>One choice of a picker: the value the form posts, the name people search for, and what tells two alike apart.</summary>
public sealed record PickerItem(string Value, string Text, string? Detail);

/// <summary>
/// A list people choose from by searching names (households, cadres, teams): forms never ask for a typed id or code.
/// A module offers its lists with <c>services.AddScoped&lt;IPickerSource, …&gt;()</c>; the query filters of the
/// module's sets keep every answer inside the user's region.
/// </summary>
public interface IPickerSource
{
    /// <summary>The list's name in the URL: /api/v1/pickers/{kind}.</summary>
    string Kind { get; }

    /// <summary>Matches of <paramref name="q"/> (empty: the first page of all), within <paramref name="region"/> when given.</summary>
    Task<Outcome<PageResult<PickerItem>>> SearchAsync(string? q, string? region, Paging paging, CancellationToken ct);

    /// <summary>The items of values already chosen (a form shown again), in scope only.</summary>
    Task<IReadOnlyList<PickerItem>> FindAsync(IReadOnlyCollection<string> values, CancellationToken ct);
}

/// <summary>
/// A picker over one entity set: the set's query filters scope it; the subclass says how a text matches, the order, the
/// columns it reads and how a row reads in the list.
/// </summary>
public abstract class PickerSource<TEntity, TRow>(IQueryable<TEntity> all) : IPickerSource where TEntity : class
{
    public abstract string Kind { get; }
    protected abstract IQueryable<TEntity> Matching(IQueryable<TEntity> query, string text);
    protected abstract IOrderedQueryable<TEntity> Ordered(IQueryable<TEntity> query);
    protected abstract System.Linq.Expressions.Expression<Func<TEntity, TRow>> Read { get; }
    protected abstract System.Linq.Expressions.Expression<Func<TEntity, bool>> IdIn(List<long> ids);
    protected abstract PickerItem Item(TRow row);
    /// <summary>The rows that can be chosen at all (e.g. active cadres only), before the text and region.</summary>
    protected virtual IQueryable<TEntity> Choosable(IQueryable<TEntity> query) => query;
    protected virtual IQueryable<TEntity> Within(IQueryable<TEntity> query, string region) => query.InRegion(region);
    /// <summary>
    /// The region searched when none is asked for (the user's own, for a source whose scope filter SQLite cannot turn into
    /// an index range by itself); null: the scope filter alone.
    /// </summary>
    protected virtual string? DefaultRegion => null;

    public async Task<Outcome<PageResult<PickerItem>>> SearchAsync(string? q, string? region, Paging paging, CancellationToken ct)
    {
        var query = Choosable(all);
        if (!string.IsNullOrWhiteSpace(region))
        {
            if (!Modules.Regions.Rules.RegionCodes.IsValid(region.Trim())) return Failure.Invalid("region", "区划代码无效");
            query = Within(query, region.Trim());
        }
        else if (DefaultRegion is { } mine) query = Within(query, mine);
        if (!string.IsNullOrWhiteSpace(q)) query = Matching(query, q.Trim());
        var page = await Ordered(query).PageAsync(paging, rows => rows.Select(Read).ToListAsync(ct), ct);
        return page.Select(Item);
    }

    public async Task<IReadOnlyList<PickerItem>> FindAsync(IReadOnlyCollection<string> values, CancellationToken ct)
    {
        var ids = values.Select(v => long.TryParse(v, out var id) ? id : 0).Where(id => id > 0).ToList();
        return (await all.Where(IdIn(ids)).Select(Read).ToListAsync(ct)).Select(Item).ToList();
    }
}

/// <summary>The pickers' search endpoint: JSON for the API, an HTML list (with paging) for the picker's htmx request.</summary>
public static class Pickers
{
    public const int PageSize = 20;

    public static IPickerSource? Find(IEnumerable<IPickerSource> sources, string kind) =>
        sources.FirstOrDefault(s => string.Equals(s.Kind, kind, StringComparison.OrdinalIgnoreCase));

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/pickers/{kind}", async (string kind, string? q, string? region, int? page, HttpContext http, IEnumerable<IPickerSource> sources,
                CancellationToken ct) =>
            {
                if (Find(sources, kind) is not { } source) return Failure.NotFound("该选择列表").ToProblem();
                var r = await source.SearchAsync(q?.Trim(), region, Paging.Of(page, PageSize, PageSize, PageSize), ct);
                if (!r.Succeeded) return r.Failure!.ToProblem();
                return http.Request.Headers["HX-Request"] == "true"
                    ? Results.Content(Html(r.Value!, $"/api/v1/pickers/{source.Kind}", q, region), "text/html; charset=utf-8")
                    : Results.Ok(r.Value);
            })
            .Produces<PageResult<PickerItem>>().RequireAuthorization(Permissions.RegistryView).WithTags("选择列表")
            .WithName("SearchPicker").WithSummary("按名称搜索可选的农户、帮扶干部或工作队（本辖区，分页）");
    }

    /// <summary>The list the picker shows under its search box: one button per choice, then the page's position and its neighbours.</summary>
    public static string Html(PageResult<PickerItem> page, string source, string? q, string? region)
    {
        var e = HtmlEncoder.Default;
        var sb = new StringBuilder("<ul class=\"picker-list\" role=\"listbox\">");
        foreach (var item in page.Items)
        {
            sb.Append("<li><button type=\"button\" role=\"option\" data-pick=\"").Append(e.Encode(item.Value)).Append("\" data-pick-text=\"")
                .Append(e.Encode(Label(item))).Append("\"><span class=\"picker-name\">").Append(e.Encode(item.Text)).Append("</span>");
            if (item.Detail is { Length: > 0 } d) sb.Append(" <small class=\"picker-detail\">").Append(e.Encode(d)).Append("</small>");
            sb.Append("</button></li>");
        }
        if (page.Total == 0) sb.Append("<li class=\"picker-none\">").Append(e.Encode(string.IsNullOrWhiteSpace(q) ? "没有可选的记录" : $"没有找到“{q.Trim()}”")).Append("</li>");
        sb.Append("</ul>");
        var pages = (page.Total + page.PageSize - 1) / page.PageSize;
        if (pages > 1)
        {
            sb.Append("<div class=\"picker-pages\">");
            string Link(int p, string text) =>
                $"<button type=\"button\" class=\"picker-page\" hx-get=\"{e.Encode(source + "?" + QueryStrings.Join(("q", q), ("region", region), ("page", p.ToString())))}\" hx-target=\"closest [data-picker-results]\">{text}</button>";
            if (page.Page > 1) sb.Append(Link(page.Page - 1, "上一页"));
            sb.Append("<span>共 ").Append(page.Total).Append(" 条，第 ").Append(page.Page).Append('/').Append(pages).Append(" 页</span>");
            if (page.Page < pages) sb.Append(Link(page.Page + 1, "下一页"));
            sb.Append("</div>");
        }
        return sb.ToString();
    }

    /// <summary>How a chosen item reads in the form: the name and what tells it apart.</summary>
    public static string Label(PickerItem item) => item.Detail is { Length: > 0 } d ? $"{item.Text}（{d}）" : item.Text;
}
