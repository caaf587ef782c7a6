using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Platform.Data;

/// <summary>
/// One page of a list and how many rows the whole list has. When <see cref="Capped"/> the list was not counted to its
/// end: it has more than <see cref="Total"/> rows (shown “1000+”), as a count of a province's rows would cost more than
/// the page itself.
/// </summary>
public sealed record PageResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total, bool Capped = false)
{
    public PageResult<TOut> Select<TOut>(Func<T, TOut> map) => new([.. Items.Select(map)], Page, PageSize, Total, Capped);

    /// <summary>The count as a reader sees it: “1,000+” when capped.</summary>
    public string TotalText => Total.ToString("N0", CultureInfo.InvariantCulture) + (Capped ? "+" : "");
}

/// <summary>The page a caller asked for, within the list's bounds (page from 1; size from 1 to the list's maximum).</summary>
public readonly record struct Paging(int Page, int Size)
{
    public static Paging Of(int? page, int? size, int defaultSize = 20, int maxSize = 200) =>
        new(Math.Max(1, page ?? 1), Math.Clamp(size ?? defaultSize, 1, maxSize));

    public int Skip => (Page - 1) * Size;
}

/// <summary>
/// Where a keyset page starts, as the pager's links carry it: the row <see cref="Key"/> is the last row of page
/// <see cref="Page"/> (<c>after=5.1234</c>) or, going back, its first (<c>before=5.1234</c>). A later page is read from
/// that row's key onwards (an earlier one backwards), so page 100 costs what page 2 does instead of an OFFSET over the
/// 1,980 rows before it.
/// </summary>
public readonly record struct PageAnchor(int Page, long Key, bool Before)
{
    /// <summary>The anchor of a query string's <c>after</c> or <c>before</c> ("page.key"); null when neither reads.</summary>
    public static PageAnchor? Parse(string? after, string? before) =>
        Read(after, false) ?? Read(before, true);

    private static PageAnchor? Read(string? text, bool before) =>
        text?.Split('.') is [var page, var key]
        && int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1
        && long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            ? new PageAnchor(p, k, before) : null;

    /// <summary>How many rows lie between the anchor and the start of <paramref name="page"/> (read from the anchor's
    /// side), or null when the page is not on that side.</summary>
    public int? Gap(int page, int size) =>
        Before ? page < Page ? (Page - 1 - page) * size : null
        : page > Page ? (page - Page - 1) * size : null;

    public override string ToString() => Page.ToString(CultureInfo.InvariantCulture) + "." + Key.ToString(CultureInfo.InvariantCulture);
}

public static class PagingQueries
{
    /// <summary>How far past the page a capped count reads (the list says “1,000+” beyond it).</summary>
    public const int CountCap = 1000;

    /// <summary>The page of an ordered query and the query's count.</summary>
    public static Task<PageResult<T>> PageAsync<T>(this IQueryable<T> ordered, Paging p, CancellationToken ct) =>
        ordered.PageAsync(p, rows => rows.ToListAsync(ct), ct);

    /// <summary>The page of an ordered query, read by <paramref name="read"/> (a projection, a join), and the query's count.</summary>
    public static async Task<PageResult<TRow>> PageAsync<T, TRow>(this IQueryable<T> ordered, Paging p,
        Func<IQueryable<T>, Task<List<TRow>>> read, CancellationToken ct)
    {
        var total = await ordered.CountAsync(ct);
        var rows = await read(ordered.Skip(p.Skip).Take(p.Size));
        return new PageResult<TRow>(rows, p.Page, p.Size, total);
    }

    /// <summary>
    /// The page of an ordered query and its count up to <see cref="CountCap"/> rows past the page's start: a list of a
    /// province is counted no further than a reader can page (the rows are read off the order's index and the count
    /// stops), and says “N+” beyond. A short list is counted exactly, as by <see cref="PageAsync{T,TRow}"/>.
    /// </summary>
    /// <param name="unordered">The same rows without the order, when the order costs a sort: a count up to a limit is
    /// the same whichever rows it reads first.</param>
    /// <param name="cap">How far past the page's start the count reads (<see cref="CountCap"/> unless configured).</param>
    public static async Task<PageResult<TRow>> PageCappedAsync<T, TRow>(this IQueryable<T> ordered, Paging p,
        Func<IQueryable<T>, Task<List<TRow>>> read, CancellationToken ct, IQueryable<T>? unordered = null, int cap = CountCap)
    {
        var limit = p.Skip + Math.Max(cap, p.Size); // at least to the page's end
        var counted = await (unordered ?? ordered).Take(limit + 1).CountAsync(ct);
        var rows = await read(ordered.Skip(p.Skip).Take(p.Size));
        return new PageResult<TRow>(rows, p.Page, p.Size, Math.Min(counted, limit), counted > limit);
    }

    /// <summary>A page of rows already in memory (judged or sorted in code).</summary>
    public static PageResult<T> Page<T>(this IReadOnlyCollection<T> all, Paging p) => new([.. all.Skip(p.Skip).Take(p.Size)], p.Page, p.Size, all.Count);
}
