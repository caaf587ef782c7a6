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
}

public sealed record HouseholdRow(long Id, string HouseholdNumber, string VillageCode, string RegionPath, string HeadName, int Size,
    HouseholdStatus Status, PovertyAttribute? Attribute, PovertyCause? MainCause, Class321? Class321,
    bool IsDibao, bool IsTekun, bool IsRelocated, HousingGrade? HousingGrade, int? LatestIncomeYear, decimal? LatestPerCapitaIncome);

public sealed partial class SearchHouseholdsHandler(AppDbContext db, RegionDirectory regions, PersonalDataProtector protector)
{
    public const int MaxPageSize = 200;
    private const decimal IncomeBound = 999_999_999_999.99m;

    /// <summary>The filtered query (already scoped to the user by the context's filter).</summary>
    public IQueryable<Household> Filter(HouseholdQuery q)
    {
        var query = db.Households.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.Region))
        {
            var code = q.Region.Trim();
            if (!RegionCodes.IsValid(code)) return query.Where(_ => false);
            query = query.InRegion(code);
        }
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
                query = query.Where(h => db.Set<Member>().Where(m => m.IdNumberHash == hash).Select(m => m.HouseholdId).Contains(h.Id));
            }
            else if (text.All(char.IsAsciiDigit))
            {
                if (db.Database.IsSqlite()) // see below
                {
                    var (from, to) = PrefixRange(text);
                    query = query.Where(h => string.Compare(h.HouseholdNumber, from) >= 0 && string.Compare(h.HouseholdNumber, to) < 0);
                }
                else query = query.Where(h => h.HouseholdNumber.StartsWith(text));
            }
            else
            {
                // A name matches from its start (全名 or 姓): an index range, where "contains" scans 1.9 million members.
                // The head is a member too, so one lookup covers HeadName.
                var members = db.Members.AsQueryable();
                if (db.Database.IsSqlite())
                {
                    // SQLite's LIKE is case-insensitive and cannot use the (BINARY) index; a range can.
                    var (from, to) = PrefixRange(text);
                    members = members.Where(m => string.Compare(m.Name, from) >= 0 && string.Compare(m.Name, to) < 0);
                }
                else members = members.Where(m => m.Name.StartsWith(text)); // LIKE 'x%': right under any collation
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
        // Household numbers begin with the village code: village first keeps the order and lets a region's page use its index.
        (_, true) => query.OrderByDescending(h => h.VillageCode).ThenByDescending(h => h.HouseholdNumber),
        _ => query.OrderBy(h => h.VillageCode).ThenBy(h => h.HouseholdNumber),
    };

    public async Task<PageResult<HouseholdRow>> HandleAsync(HouseholdQuery q, CancellationToken ct)
    {
        var rows = await Sort(Filter(q), q.Sort, q.Desc).PageAsync(Paging.Of(q.Page, q.PageSize, maxSize: MaxPageSize), r => r.Select(Row).ToListAsync(ct), ct);
        return rows.Select(r => r with { RegionPath = regions.ShortPath(r.VillageCode) });
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
            .WithName("SearchHouseholds").WithSummary("户列表（筛选、排序、分页；region=区划代码 表示其下全部）").WithTags("户籍档案");
}

/// <summary>Query-string binding of <see cref="HouseholdQuery"/> (minimal APIs bind flat parameters).</summary>
public sealed record HouseholdQueryParameters(string? Region, HouseholdStatus? Status, PovertyAttribute? Attribute, PovertyCause? MainCause,
    Class321? Class321, HouseholdFlag? Flag, decimal? MinIncome, decimal? MaxIncome, string? Q, HouseholdSort? Sort, bool? Desc,
    int? Page, int? PageSize, int? IncomeYear = null)
{
    public HouseholdQuery ToQuery() => new()
    {
        Region = Region, Status = Status, Attribute = Attribute, MainCause = MainCause, Class321 = Class321, Flag = Flag,
        MinIncome = MinIncome, MaxIncome = MaxIncome, IncomeYear = IncomeYear, Q = Q, Sort = Sort ?? HouseholdSort.Number, Desc = Desc ?? false,
        Page = Page ?? 1, PageSize = PageSize ?? 20,
    };
}
