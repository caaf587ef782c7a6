using Jingzhun.Web.Modules.Guarantees.ManageProblems;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Jingzhun.Web.Platform.Rules;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Guarantees.Bulletins;

public sealed record BulletinFigures(int Found, int Resolved, int Verified, int Outstanding, int Overdue, int FoundToDate, int VerifiedToDate)
{
    /// <summary>清零率: problems found so far that are verified, in percent to one decimal for display (null when none was found).</summary>
    public double? ClearingRate => Clearing.RoundedPercent(1);

    /// <summary>The clearing rate as an exact ratio, for ranking (two regions at 66.66…% and 66.67% are not tied).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Ratio Clearing => new(VerifiedToDate, FoundToDate);
}

public sealed record BulletinRow(string Key, string Name, BulletinFigures Figures, BulletinFigures Previous, int? Rank);

/// <param name="Number">第N期: the running count of the region's bulletins of this kind in the year (null: no problem found
/// in the region yet, the bulletin has no number).</param>
/// <param name="Complete">The period has ended; otherwise the figures are 截至 <paramref name="AsOf"/> (now) and incomplete.</param>
public sealed record Bulletin(string RegionCode, string RegionName, string Period, string PeriodLabel, bool IsWeek, int? Number, string Title,
    DateTime AsOf, BulletinFigures Totals, BulletinFigures PreviousTotals, IReadOnlyList<BulletinRow> ByDimension,
    IReadOnlyList<BulletinRow> BySubRegion, bool Complete = true);

/// <summary>
/// 周调度 / 月通报 of 两不愁三保障 problems for a region and period: found, resolved, verified, outstanding, overdue and the
/// clearing rate, by dimension and by sub-region (ranked worst first), with the previous period for comparison. The
/// figures use <see cref="ProblemMeasures"/>, the same predicates as the problem list's measure filter.
/// </summary>
public sealed class BulletinsHandler(AppDbContext db, ManageProblemsHandler problems, RegionDirectory regions, CurrentUser user, TimeProvider clock)
{
    private sealed record Slim(string VillageCode, Dimension Dimension, Problem P);

    public async Task<Outcome<Bulletin>> HandleAsync(string? region, string? periodKey, CancellationToken ct)
    {
        var asked = regions.Asked(region, user);
        if (!asked.Succeeded) return asked.Failure!;
        var code = asked.Value!;
        var period = Period.Current(clock, periodKey?.Contains('W', StringComparison.OrdinalIgnoreCase) == true);
        if (!string.IsNullOrWhiteSpace(periodKey) && !Period.TryParse(periodKey, out period))
            return Failure.Invalid("period", "统计周期格式应为 2026-11（月）或 2026-W47（周）");
        var today = ChinaTime.Today(clock);
        if (period.FirstDay > today)
            return Failure.Invalid("period", $"统计周期{period.Label}尚未开始，不能生成通报（今天是{today:yyyy年M月d日}）");
        var previous = period.Previous();

        var asOf = problems.Bounds(period).AsOf;
        // Problems found before the period's end (or now) are the only ones that can count; loaded once, counted in memory.
        var rows = await db.Problems.AsNoTracking()
            .InRegion(code).Where(p => p.FoundAt < asOf)
            .Select(p => new Slim(p.VillageCode, p.Dimension, p))
            .ToListAsync(ct);
        var now = Figures(rows, period);
        var before = Figures(rows, previous);

        var byDimension = Enum.GetValues<Dimension>()
            .Select(d => new BulletinRow(d.ToString(), Labels.Of(d), now(r => r.Dimension == d), before(r => r.Dimension == d), null))
            .ToList();
        var children = regions.ChildrenOf(code);
        var bySub = children
            .Select(c => new BulletinRow(c.Code, c.Name, now(r => r.VillageCode.StartsWith(c.Code, StringComparison.Ordinal)),
                before(r => r.VillageCode.StartsWith(c.Code, StringComparison.Ordinal)), null))
            .ToList();
        // Worst first: most overdue, then most outstanding, then the lowest clearing rate.
        var ranked = bySub.OrderByDescending(r => r.Figures.Overdue).ThenByDescending(r => r.Figures.Outstanding)
            .ThenBy(r => r.Figures.FoundToDate == 0 ? new Ratio(1, 1) : r.Figures.Clearing).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select((r, i) => r with { Rank = i + 1 }).ToList();

        var name = regions.NameOf(code);
        int? number = rows.Count == 0 ? null : period.OrdinalFrom(DateOnly.FromDateTime(ChinaTime.ToLocal(rows.Min(r => r.P.FoundAt))));
        // A period not yet ended is reported as far as it has gone: its figures are 截至 now, and the title says so.
        var complete = period.EndDay <= today;
        var title = $"{name} 两不愁三保障问题动态清零 {period.Year}年{(number is { } n ? $"第{n}期 " : "")}{(period.IsWeek ? "周调度" : "月通报")}"
            + (complete ? "" : $"（截至{ChinaTime.ToLocal(asOf):M月d日H时}，本期尚未结束）");
        return new Bulletin(code, name, period.Key, period.Label, period.IsWeek, number, title, asOf,
            now(_ => true), before(_ => true), byDimension, ranked, complete);

        Func<Func<Slim, bool>, BulletinFigures> Figures(List<Slim> all, Period p)
        {
            var (start, at, atDay) = problems.Bounds(p);
            var found = ProblemMeasures.Where(ProblemMeasure.Found, start, at, atDay).Compile();
            var resolved = ProblemMeasures.Where(ProblemMeasure.Resolved, start, at, atDay).Compile();
            var verified = ProblemMeasures.Where(ProblemMeasure.Verified, start, at, atDay).Compile();
            var outstanding = ProblemMeasures.Where(ProblemMeasure.Outstanding, start, at, atDay).Compile();
            var overdue = ProblemMeasures.Where(ProblemMeasure.Overdue, start, at, atDay).Compile();
            return filter =>
            {
                var set = all.Where(filter).Select(s => s.P).ToList();
                return new BulletinFigures(set.Count(found), set.Count(resolved), set.Count(verified), set.Count(outstanding), set.Count(overdue),
                    set.Count(x => x.FoundAt < at), set.Count(x => x.VerifiedAt < at));
            };
        }
    }

    public async Task<Outcome<IResult>> ExcelAsync(string? region, string? periodKey, CancellationToken ct)
    {
        var b = await HandleAsync(region, periodKey, ct);
        if (!b.Succeeded) return b.Failure!;
        var bulletin = b.Value!;
        static IDictionary<string, object?> Row(string first, string name, BulletinFigures f, BulletinFigures prev, int? rank) =>
            new Dictionary<string, object?>
            {
                [first] = name, ["排名（由差到好）"] = rank, ["新发现"] = f.Found, ["已解决"] = f.Resolved, ["已核验"] = f.Verified,
                ["未清零"] = f.Outstanding, ["逾期"] = f.Overdue, ["清零率%"] = f.ClearingRate,
                ["上期未清零"] = prev.Outstanding, ["未清零增减"] = f.Outstanding - prev.Outstanding,
                ["上期清零率%"] = prev.ClearingRate,
            };
        var sheets = new Dictionary<string, IEnumerable<IDictionary<string, object?>>>
        {
            ["总体"] = [Row("地区", bulletin.RegionName, bulletin.Totals, bulletin.PreviousTotals, null)],
            ["按维度"] = bulletin.ByDimension.Select(r => Row("维度", r.Name, r.Figures, r.Previous, null)),
            ["按地区"] = bulletin.BySubRegion.Select(r => Row("地区", r.Name, r.Figures, r.Previous, r.Rank)),
        };
        return Outcome<IResult>.From(await ExcelFile.SheetsResultAsync(sheets, $"{bulletin.Title}.xlsx", ct));
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/bulletins", async (string? region, string? period, BulletinsHandler h, CancellationToken ct) =>
                (await h.HandleAsync(region, period, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.GuaranteesView)
            .WithName("GetBulletin").WithSummary("两不愁三保障问题动态清零通报（period=2026-11 月通报，2026-W47 周调度）").WithTags("两不愁三保障");
        api.MapGet("/bulletins/export", async (string? region, string? period, BulletinsHandler h, CancellationToken ct) =>
                (await h.ExcelAsync(region, period, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.GuaranteesView)
            .ProducesFile().WithName("ExportBulletin").WithSummary("通报 Excel（总体、按维度、按地区三张表）").WithTags("两不愁三保障");
    }
}
