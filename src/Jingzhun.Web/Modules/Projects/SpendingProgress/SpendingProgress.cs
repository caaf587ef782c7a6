using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Jingzhun.Web.Platform.Rules;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Projects.SpendingProgress;

public sealed record SpendingQuery(string? Region, int? Year, DateOnly? AsOf);

/// <summary>One county and source: allocated (issued by the day) and paid (by the day) of the year's money; the ratio is exact.</summary>
public sealed record SpendingLine(string CountyCode, string CountyName, FundSource Source, decimal Allocated, decimal Paid, double? Percent);

/// <summary>A county's total, its place in the ranking (1 = spent the largest share) and whether it is a national key county.</summary>
public sealed record CountyRank(int Rank, string CountyCode, string CountyName, bool IsKeyCounty, decimal Allocated, decimal Paid, double? Percent);

/// <summary>
/// 支出进度 of a region's counties for a year as of a day; <c>KeyCountyShare</c> is the share (%) of the money allocated that
/// went to national key counties (国家乡村振兴重点帮扶县), computed from the allocations, never typed.
/// </summary>
public sealed record SpendingReport(string Region, string RegionName, int Year, DateOnly AsOf, decimal Allocated, decimal Paid, double? Percent,
    double? KeyCountyShare, IReadOnlyList<CountyRank> Ranking, IReadOnlyList<SpendingLine> Lines);

public sealed class SpendingProgressHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, TimeProvider clock)
{
    private static long Fen(decimal yuan) => (long)(yuan * 100m);
    private static double? Percent(decimal part, decimal whole) => new Ratio(Fen(part), Fen(whole)).RoundedPercent(2);

    public async Task<Outcome<SpendingReport>> ReportAsync(SpendingQuery q, CancellationToken ct)
    {
        var asked = regions.Asked(q.Region, user);
        if (!asked.Succeeded) return asked.Failure!;
        var today = ChinaTime.Today(clock);
        var year = q.Year ?? today.Year;
        if (year < 2021 || year > today.Year + 1) return Failure.Invalid("year", $"年度应在 2021 至 {today.Year + 1} 年之间");
        var asOf = q.AsOf ?? today;
        var code = asked.Value!;
        var allocations = db.FundAllocations.AsNoTracking().Where(a => a.Year == year && a.IssuedOn <= asOf);
        // A township or village reads its county's figures: money is issued to counties.
        if (code.Length > 0) allocations = allocations.InRegion(code.Length > 6 ? code[..6] : code);
        var issued = await allocations.Select(a => new { a.Id, a.CountyCode, a.Source, a.Amount }).ToListAsync(ct);
        var ids = issued.Select(a => a.Id).ToList();
        var paidRows = await db.FundPayments.AsNoTracking().Where(p => ids.Contains(p.AllocationId) && p.PaidOn <= asOf)
            .Select(p => new { p.AllocationId, p.Amount }).ToListAsync(ct);
        var paid = paidRows.GroupBy(p => p.AllocationId).ToDictionary(g => g.Key, g => g.Sum(p => p.Amount));
        var lines = issued.GroupBy(a => (a.CountyCode, a.Source)).Select(g =>
        {
            var allocated = g.Sum(a => a.Amount);
            var spent = g.Sum(a => paid.GetValueOrDefault(a.Id));
            return new SpendingLine(g.Key.CountyCode, regions.NameOf(g.Key.CountyCode), g.Key.Source, allocated, spent, Percent(spent, allocated));
        }).OrderBy(l => l.CountyCode).ThenBy(l => l.Source).ToList();
        var counties = lines.GroupBy(l => l.CountyCode).Select(g => new
        {
            Code = g.Key, Allocated = g.Sum(l => l.Allocated), Paid = g.Sum(l => l.Paid),
            Key = regions.Find(g.Key)?.IsNationalKeyCounty == true,
        }).ToList();
        // Ranked by the exact ratio (paid × other's allocated), ties by code.
        var ordered = counties.OrderByDescending(c => new Ratio(Fen(c.Paid), Fen(c.Allocated))).ThenBy(c => c.Code).ToList();
        var ranking = ordered.Select((c, i) => new CountyRank(i + 1, c.Code, regions.NameOf(c.Code), c.Key, c.Allocated, c.Paid, Percent(c.Paid, c.Allocated))).ToList();
        var total = counties.Sum(c => c.Allocated);
        var spentTotal = counties.Sum(c => c.Paid);
        return new SpendingReport(code, regions.NameOf(code), year, asOf, total, spentTotal, Percent(spentTotal, total),
            Percent(counties.Where(c => c.Key).Sum(c => c.Allocated), total), ranking, lines);
    }

    public async Task<Outcome<IResult>> ExportAsync(SpendingQuery q, CancellationToken ct)
    {
        var r = await ReportAsync(q, ct);
        if (!r.Succeeded) return r.Failure!;
        var report = r.Value!;
        var ranking = report.Ranking.Select(c => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["排名"] = c.Rank, ["区县"] = c.CountyName, ["重点帮扶县"] = c.IsKeyCounty ? "是" : "否",
            ["下达资金(元)"] = c.Allocated, ["已支付(元)"] = c.Paid, ["支出进度(%)"] = c.Percent,
        });
        var lines = report.Lines.Select(l => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["区县"] = l.CountyName, ["资金来源"] = Labels.Of(l.Source), ["下达资金(元)"] = l.Allocated, ["已支付(元)"] = l.Paid,
            ["支出进度(%)"] = l.Percent,
        });
        var name = $"衔接资金支出进度_{report.RegionName}_{report.Year}_截至{report.AsOf:yyyyMMdd}.xlsx";
        return Outcome<IResult>.From(await ExcelFile.SheetsResultAsync(new Dictionary<string, IEnumerable<IDictionary<string, object?>>>
        {
            ["区县排名"] = ranking, ["分来源"] = lines,
        }, name, ct));
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/projects/spending").WithTags("衔接资金");
        g.MapGet("", async ([AsParameters] SpendingQuery q, SpendingProgressHandler h, CancellationToken ct) => (await h.ReportAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.FundsView)
            .WithName("GetSpendingProgress").WithSummary("衔接资金支出进度（按区县、来源；截至某日）与区县排名");
        g.MapGet("/export", async ([AsParameters] SpendingQuery q, SpendingProgressHandler h, CancellationToken ct) => (await h.ExportAsync(q, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.FundsView)
            .ProducesFile().WithName("ExportSpendingProgress").WithSummary("导出支出进度与区县排名（Excel）");
    }
}
