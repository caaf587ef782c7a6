using System.Text.RegularExpressions;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry.SearchHouseholds;

public enum HouseholdFlag { Dibao = 1, Tekun, Relocated, MilitaryFamily, Renovated }

/// <summary>The household list's filters; the page, the API and the export share them.</summary>
public sealed record HouseholdQuery
{
    public string? Region { get; init; }
    public HouseholdStatus? Status { get; init; }
    public PovertyAttribute? Attribute { get; init; }
    public PovertyCause? MainCause { get; init; }
    public Class321? Class321 { get; init; }
    public HouseholdFlag? Flag { get; init; }
    public decimal? MinIncome { get; init; }
    public decimal? MaxIncome { get; init; }
    /// <summary>Only households whose latest income record is of this year (the income filters read that record).</summary>
    public int? IncomeYear { get; init; }
    /// <summary>The start of any member's name (full name or surname), the start of a household number, or a full ID number.</summary>
    public string? Q { get; init; }
    public HouseholdSort Sort { get; init; } = HouseholdSort.Number;
    public bool Desc { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
    /// <summary>
    /// Where a name search's page is read from by key instead of by counting rows from the start: the row next to
    /// <see cref="Page"/> that the reader has seen (the last of an earlier page, or the first of a later one).
    /// </summary>
    public PageAnchor? Anchor { get; init; }
}

public sealed record HouseholdRow(long Id, string HouseholdNumber, string VillageCode, string RegionPath, string HeadName, int Size,
    HouseholdStatus Status, PovertyAttribute? Attribute, PovertyCause? MainCause, Class321? Class321,
    bool IsDibao, bool IsTekun, bool IsRelocated, HousingGrade? HousingGrade, int? LatestIncomeYear, decimal? LatestPerCapitaIncome);

public sealed partial class SearchHouseholdsHandler(ReadDb read, RegionDirectory regions, PersonalDataProtector protector, IConfiguration config)
{
    private readonly AppDbContext db = read.Db;
    /// <summary>How far past its page a name search counts ("1,000+" beyond); configurable (Registry:NameSearchCountCap) so tests reach it.</summary>
    private readonly int _countCap = Math.Max(1, config.GetValue("Registry:NameSearchCountCap", PagingQueries.CountCap));

    public const int MaxPageSize = 200;
    private const decimal IncomeBound = 999_999_999_999.99m;

    /// <summary>The filtered query (already scoped to the user by the context's filter).</summary>
    public IQueryable<Household> Filter(HouseholdQuery q)
    {
        var query = db.Households.AsNoTracking();
        // One range of village codes: the region asked for within the user's own scope. The user's scope is repeated as
        // a plain predicate because the query filter's "no scope, or this range" is an OR of parameters that SQLite's
        // planner cannot resolve: a township user's or a pairing cadre's list would count every household of the
        // database (650,000 in a province) instead of reading its range or its few keys. Two ranges on the same column
        // would let it pick the wider one, hence the intersection.
        if (!string.IsNullOrWhiteSpace(q.Region) && !RegionCodes.IsValid(q.Region.Trim())) return query.Where(_ => false);
        if (VillageRange(q.Region) is var (low, high) && (low, high) != RegionCodes.VillageRange(""))
            query = query.Where(h => string.Compare(h.VillageCode, low) >= 0 && string.Compare(h.VillageCode, high) <= 0);
        if (db.ScopeHouseholds is { } paired) query = query.Where(h => paired.Contains(h.Id));
        if (q.Status is { } s) query = query.Where(h => h.Status == s);
        if (q.Attribute is { } a) query = query.Where(h => h.Attribute == a);
        if (q.MainCause is { } c) query = query.Where(h => h.MainCause == c);
        if (q.Class321 is { } k) query = query.Where(h => h.Class321 == k);
        query = q.Flag switch
        {
            HouseholdFlag.Dibao => query.Where(h => h.IsDibao),
            HouseholdFlag.Tekun => query.Where(h => h.IsTekun),
            HouseholdFlag.Relocated => query.Where(h => h.IsRelocated),
            HouseholdFlag.MilitaryFamily => query.Where(h => h.IsMilitaryFamily),
            HouseholdFlag.Renovated => query.Where(h => h.HasDangerousHouseRenovation),
            _ => query,
        };
        // Incomes are numeric(14,2): a bound beyond ±10^12 selects the same households as ±10^12 (and would not fit SQLite's column).
        if (q.MinIncome is { } min && Math.Clamp(min, -IncomeBound, IncomeBound) is var atLeast) query = query.Where(h => h.LatestPerCapitaIncome >= atLeast);
        if (q.MaxIncome is { } max && Math.Clamp(max, -IncomeBound, IncomeBound) is var atMost) query = query.Where(h => h.LatestPerCapitaIncome <= atMost);
        if (q.IncomeYear is { } year) query = query.Where(h => h.LatestIncomeYear == year);
        if (!string.IsNullOrWhiteSpace(q.Q))
        {
            var text = q.Q.Trim();
            // Members are looked up first through their own indexes and the households by key ("Id IN (...)"): a
            // correlated EXISTS per household would visit every household of a province (650,000) for one search.
            if (IdNumberPattern().IsMatch(text))
            {
                var hash = protector.HashIdNumber(IdNumberRule.Normalize(text));
                // The members' query is built here, not inside the lambda: EF would compile and run `db.Set<Member>()`
                // on every execution to find it (the same SQL either way).
                var members = db.Set<Member>().Where(m => m.IdNumberHash == hash);
                query = query.Where(h => members.Select(m => m.HouseholdId).Contains(h.Id));
            }
            else if (text.All(char.IsAsciiDigit))
            {
                // A range on both databases: PostgreSQL's LIKE with a parameter is planned without the index (a generic
                // plan cannot know the prefix), which read the whole registry: 846 ms p95 on 10 M people (issue 18).
                // Household numbers are digits, so the range is the same in every collation.
                var (from, to) = PrefixRange(text);
                query = query.Where(h => string.Compare(h.HouseholdNumber, from) >= 0 && string.Compare(h.HouseholdNumber, to) < 0);
            }
            else
            {
                // A name matches from its start (全名 or 姓): an index range, where "contains" scans 1.9 million members.
                // The head is a member too, so one lookup covers HeadName.
                // Names compare in code-point order on both databases (BINARY on SQLite, "C" on PostgreSQL), so the
                // prefix is a range the name index serves (SQLite's LIKE is case-insensitive and cannot use it).
                var (from, to) = PrefixRange(text);
                var members = db.Members.Where(m => string.Compare(m.Name, from) >= 0 && string.Compare(m.Name, to) < 0);
                query = query.Where(h => members.Select(m => m.HouseholdId).Contains(h.Id));
            }
        }
        return query;
    }

    public static IQueryable<Household> Sort(IQueryable<Household> query, HouseholdSort sort, bool desc) => (sort, desc) switch
    {
        (HouseholdSort.HeadName, false) => query.OrderBy(h => h.HeadName).ThenBy(h => h.HouseholdNumber),
        (HouseholdSort.HeadName, true) => query.OrderByDescending(h => h.HeadName).ThenBy(h => h.HouseholdNumber),
        (HouseholdSort.Size, false) => query.OrderBy(h => h.Size).ThenBy(h => h.HouseholdNumber),
        (HouseholdSort.Size, true) => query.OrderByDescending(h => h.Size).ThenBy(h => h.HouseholdNumber),
        (HouseholdSort.Income, false) => query.OrderBy(h => h.LatestPerCapitaIncome).ThenBy(h => h.HouseholdNumber),
        (HouseholdSort.Income, true) => query.OrderByDescending(h => h.LatestPerCapitaIncome).ThenBy(h => h.HouseholdNumber),
        (HouseholdSort.Updated, false) => query.OrderBy(h => h.UpdatedAt).ThenBy(h => h.HouseholdNumber),
        (HouseholdSort.Updated, true) => query.OrderByDescending(h => h.UpdatedAt).ThenBy(h => h.HouseholdNumber),
        // A name search's own order (matched member's name) is the head's name in a list read through this method (the export).
        (HouseholdSort.Name, _) => query.OrderBy(h => h.HeadName).ThenBy(h => h.HouseholdNumber),
        // Household numbers begin with the village code: village first keeps the order and lets a region's page use its index.
        (_, true) => query.OrderByDescending(h => h.VillageCode).ThenByDescending(h => h.HouseholdNumber),
        _ => query.OrderBy(h => h.VillageCode).ThenBy(h => h.HouseholdNumber),
    };

    public async Task<PageResult<HouseholdRow>> HandleAsync(HouseholdQuery q, CancellationToken ct)
    {
        var paging = Paging.Of(q.Page, q.PageSize, maxSize: MaxPageSize);
        var rows = q.Sort == HouseholdSort.Name && NameText(q.Q) is { } name
            ? await ByNameAsync(q, name, paging, ct)
            : await Sort(Filter(q), q.Sort, q.Desc).PageAsync(paging, r => r.Select(Row).ToListAsync(ct), ct);
        return rows.Select(r => r with { RegionPath = regions.ShortPath(r.VillageCode) });
    }

    /// <summary>The text when <paramref name="q"/> searches by name (not a household number or an ID number), else null.</summary>
    public static string? NameText(string? q) =>
        string.IsNullOrWhiteSpace(q) || q.Trim() is var t && (t.All(char.IsAsciiDigit) || IdNumberPattern().IsMatch(t)) ? null : q.Trim();

    /// <summary>
    /// A name search in name order: the households with a member whose name starts with <paramref name="name"/>, each once,
    /// ordered by the first such name in the household and then by household. Over a wide region it is read off the
    /// members' name index (the province's by name, one county's by county and name): a common surname of a province
    /// (王: 100,000 households) then costs the page and a count capped at 1,000 past it, not a sort of every match; the
    /// scope and the other filters are checked household by household (by key), and the count stops. Within a township
    /// or a village its few hundred households are read instead (the county's 王 would be thousands). Both give the
    /// same order. A page next to one the reader has seen (the pager's links carry its anchor) is read by key from there.
    /// </summary>
    private async Task<PageResult<HouseholdRow>> ByNameAsync(HouseholdQuery q, string name, Paging paging, CancellationToken ct)
    {
        var households = Filter(q with { Q = null });
        var (from, to) = PrefixRange(name);
        var gap = q.Anchor?.Gap(paging.Page, paging.Size);
        var key = gap is not null && q.Anchor is { } a ? await KeyOfAsync(a.Key, from, to, ct) : null;
        List<long> ids;
        int total;
        bool capped;
        if (key is null || q.Anchor is not { } anchor)
        {
            // The count reads the rows in the index's order and stops at the cap; the household tie-break would make it sort.
            var (ordered, unordered) = Matches(households, q.Region, from, to, null, Seek.All);
            var page = await ordered.PageCappedAsync(paging, r => r.ToListAsync(ct), ct, unordered, _countCap);
            (ids, total, capped) = ([.. page.Items], page.Total, page.Capped);
        }
        else if (!anchor.Before)
        {
            // After the last row of page A: page N is the (N − A)th page from there, and its count goes on from there.
            var (ordered, unordered) = Matches(households, q.Region, from, to, key, Seek.After);
            var page = await ordered.PageCappedAsync(new Paging(paging.Page - anchor.Page, paging.Size), r => r.ToListAsync(ct), ct, unordered, _countCap);
            (ids, total, capped) = ([.. page.Items], anchor.Page * paging.Size + page.Total, page.Capped);
        }
        else
        {
            // Before the first row of page B, read backwards; counted from that row on (the rows before it are B − 1 pages).
            var (backwards, _) = Matches(households, q.Region, from, to, key, Seek.Before);
            ids = await backwards.Skip(gap!.Value).Take(paging.Size).ToListAsync(ct);
            ids.Reverse();
            var (_, onwards) = Matches(households, q.Region, from, to, key, Seek.From);
            var cap = Math.Max(_countCap, paging.Size);
            var counted = await onwards.Take(cap + 1).CountAsync(ct);
            (total, capped) = ((anchor.Page - 1) * paging.Size + Math.Min(counted, cap), counted > cap);
        }
        var found = await households.Where(h => ids.Contains(h.Id)).Select(Row).ToDictionaryAsync(r => r.Id, ct);
        return new PageResult<HouseholdRow>([.. ids.Where(found.ContainsKey).Select(id => found[id])], paging.Page, paging.Size, total, capped);
    }

    private enum Seek { All, After, Before, From }

    /// <summary>A household's place in a name search's order: its least matching name, then its id.</summary>
    private sealed record NameKey(string Name, long HouseholdId);

    private async Task<NameKey?> KeyOfAsync(long householdId, string from, string to, CancellationToken ct) =>
        await db.Members.AsNoTracking()
            .Where(m => m.HouseholdId == householdId && string.Compare(m.Name + "", from) >= 0 && string.Compare(m.Name + "", to) < 0)
            .MinAsync(m => (string?)m.Name, ct) is { } least ? new NameKey(least, householdId) : null;

    /// <summary>
    /// The ids of the matching households in name order (backwards for <see cref="Seek.Before"/>), and the same rows
    /// unordered for a count; all of them, or those after, before or from <paramref name="key"/>.
    /// </summary>
    private (IQueryable<long> Ordered, IQueryable<long> Unordered) Matches(IQueryable<Household> households, string? region,
        string from, string to, NameKey? key, Seek seek)
    {
        var others = db.Members.AsNoTracking();
        var (county, narrow) = Confinement(region);
        var (n, id) = key is null ? (from, 0L) : (key.Name, key.HouseholdId);
        if (narrow)
        {
            // Each household's members by its household index (names compared as below).
            var matched = households
                .Select(h => new { h.Id, First = others.Where(o => o.HouseholdId == h.Id && string.Compare(o.Name + "", from) >= 0 && string.Compare(o.Name + "", to) < 0).Min(o => (string?)o.Name) })
                .Where(x => x.First != null);
            matched = seek switch
            {
                Seek.After => matched.Where(x => string.Compare(x.First, n) > 0 || (x.First == n && x.Id > id)),
                Seek.From => matched.Where(x => string.Compare(x.First, n) > 0 || (x.First == n && x.Id >= id)),
                Seek.Before => matched.Where(x => string.Compare(x.First, n) < 0 || (x.First == n && x.Id < id)),
                _ => matched,
            };
            var ordered = seek == Seek.Before
                ? matched.OrderByDescending(x => x.First).ThenByDescending(x => x.Id)
                : matched.OrderBy(x => x.First).ThenBy(x => x.Id);
            return (ordered.Select(x => x.Id), matched.Select(x => x.Id));
        }
        // The range of the name index starts at the key's name (or ends there, going back), so a deep page seeks there.
        var (low, high) = seek switch { Seek.After or Seek.From => (n, to), _ => (from, to) };
        var members = db.Members.AsNoTracking();
        members = county is not null ? members.Where(m => m.CountyCode == county) : members;
        members = seek == Seek.Before
            ? members.Where(m => string.Compare(m.Name, from) >= 0 && string.Compare(m.Name, n) <= 0 && (string.Compare(m.Name, n) < 0 || m.HouseholdId < id))
            : members.Where(m => string.Compare(m.Name, low) >= 0 && string.Compare(m.Name, high) < 0);
        members = seek switch
        {
            Seek.After => members.Where(m => string.Compare(m.Name, n) > 0 || m.HouseholdId > id),
            Seek.From => members.Where(m => string.Compare(m.Name, n) > 0 || m.HouseholdId >= id),
            _ => members,
        };
        // Each household once: at its member with the least (name, id) among those that match. The probe reads the
        // household's few members by its household index: its name is compared as `Name || ''` so that no planner reads it
        // off the name index instead. PostgreSQL did, for a prefix it thought rare (陈光: estimated 1 row, 908 in fact),
        // once per matching member: quadratic, 3.3 s.
        var firsts = members
            .Where(m => households.Any(h => h.Id == m.HouseholdId))
            .Where(m => !others.Any(o => o.HouseholdId == m.HouseholdId && string.Compare(o.Name + "", from) >= 0
                && (string.Compare(o.Name + "", m.Name) < 0 || (o.Name + "" == m.Name && o.Id < m.Id))));
        var inOrder = seek == Seek.Before
            ? firsts.OrderByDescending(m => m.Name).ThenByDescending(m => m.HouseholdId)
            : firsts.OrderBy(m => m.Name).ThenBy(m => m.HouseholdId);
        return (inOrder.Select(m => m.HouseholdId), firsts.Select(m => m.HouseholdId));
    }

    /// <summary>
    /// Where the search is confined (the region asked for within the user's own): the county when it lies in one, and
    /// whether it lies in one township (or village) or is a pairing cadre's few households.
    /// </summary>
    private (string? County, bool Narrow) Confinement(string? region)
    {
        var (low, high) = VillageRange(region);
        bool Same(int digits) => low.Length >= digits && high.Length >= digits && low[..digits] == high[..digits];
        return (Same(6) ? low[..6] : null, Same(9) || db.ScopeHouseholds is not null);
    }

    /// <summary>The village codes of <paramref name="region"/> (when valid) within the user's own scope; all when neither limits.</summary>
    private (string Low, string High) VillageRange(string? region)
    {
        var (low, high) = RegionCodes.VillageRange("");
        if (db.ScopeLow is { } sl && db.ScopeHigh is { } sh) (low, high) = (sl, sh);
        if (!string.IsNullOrWhiteSpace(region) && RegionCodes.IsValid(region.Trim()))
        {
            var (rl, rh) = RegionCodes.VillageRange(region.Trim());
            if (string.CompareOrdinal(rl, low) > 0) low = rl;
            if (string.CompareOrdinal(rh, high) < 0) high = rh;
        }
        return (low, high);
    }

    public static readonly System.Linq.Expressions.Expression<Func<Household, HouseholdRow>> Row = h => new HouseholdRow(
        h.Id, h.HouseholdNumber, h.VillageCode, "", h.HeadName, h.Size, h.Status, h.Attribute, h.MainCause, h.Class321,
        h.IsDibao, h.IsTekun, h.IsRelocated, h.HousingGrade, h.LatestIncomeYear, h.LatestPerCapitaIncome);

    /// <summary>
    /// [text, text with its last character incremented): every string that starts with text, in code-point order (SQLite's
    /// BINARY collation).
    /// </summary>
    public static (string From, string To) PrefixRange(string text) => (text, text[..^1] + (char)(text[^1] + 1));

    [GeneratedRegex(@"^(\d{17}[\dXx]|\d{15})$")]
    private static partial Regex IdNumberPattern();

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/households", async ([AsParameters] HouseholdQueryParameters p, SearchHouseholdsHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(p.ToQuery(), ct)))
            .RequireAuthorization(Permissions.RegistryView)
            .WithName("SearchHouseholds").WithSummary("户列表（筛选、排序、分页；region=区划代码 表示其下全部；按姓名查询时 after=页码.户ID（该页最后一户）或 before=页码.户ID（该页第一户）按键翻页）").WithTags("户籍档案");
}

/// <summary>Query-string binding of <see cref="HouseholdQuery"/> (minimal APIs bind flat parameters).</summary>
public sealed record HouseholdQueryParameters(string? Region, HouseholdStatus? Status, PovertyAttribute? Attribute, PovertyCause? MainCause,
    Class321? Class321, HouseholdFlag? Flag, decimal? MinIncome, decimal? MaxIncome, string? Q, HouseholdSort? Sort, bool? Desc,
    int? Page, int? PageSize, int? IncomeYear = null, string? After = null, string? Before = null)
{
    public HouseholdQuery ToQuery() => new()
    {
        Region = Region, Status = Status, Attribute = Attribute, MainCause = MainCause, Class321 = Class321, Flag = Flag,
        MinIncome = MinIncome, MaxIncome = MaxIncome, IncomeYear = IncomeYear, Q = Q, Sort = Sort ?? DefaultSort(Q), Desc = Desc ?? false,
        Page = Page ?? 1, PageSize = PageSize ?? 20, Anchor = PageAnchor.Parse(After, Before),
    };

    /// <summary>A name search lists in name order (what the index gives at once); every other list in number order.</summary>
    public static HouseholdSort DefaultSort(string? q) => SearchHouseholdsHandler.NameText(q) is null ? HouseholdSort.Number : HouseholdSort.Name;
}

/// <summary>
/// The household list's answer serialised by code generated at build time (the busiest read of the API), not by
/// reflection. The app's JSON options still apply (camelCase, enums as names, CJK as they are): the context only
/// supplies the type's metadata, and every other type falls through to reflection.
/// </summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(PageResult<HouseholdRow>))]
internal sealed partial class HouseholdListJson : System.Text.Json.Serialization.JsonSerializerContext;
