using Jingzhun.Web.Modules.FieldWork.Compliance;
using Jingzhun.Web.Modules.FieldWork.Rules;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.VisitCoverage;

/// <summary>One line of coverage: paired households owing a monthly visit, those visited, the rate (%), households with an overdue obligation, festival and season obligations met.</summary>
public sealed record CoverageRow(string Key, string Name, int Paired, int Visited, double? Rate, int Overdue, int FestivalOwed, int FestivalMet,
    int SeasonOwed, int SeasonMet);

public sealed record HouseholdCoverageRow(long HouseholdId, string HouseholdNumber, string HeadName, string CadreName, bool VisitedThisMonth,
    string Open, bool Overdue);

public sealed record CoverageView(string RegionCode, string RegionName, string Month, CoverageRow Total, IReadOnlyList<CoverageRow> ByRegion,
    IReadOnlyList<CoverageRow> ByCadre, IReadOnlyList<HouseholdCoverageRow> Households);

/// <summary>走访覆盖: for a region and month, by sub-region (township, village) and by cadre; a village lists its households.</summary>
public sealed class VisitCoverageHandler(AppDbContext db, ComplianceLoader loader, RegionDirectory regions, CurrentUser user, TimeProvider clock)
{
    public async Task<Outcome<CoverageView>> HandleAsync(string? region, string? month, CancellationToken ct)
    {
        var asked = RegionRequest.Check(region, month, regions, user, clock);
        if (!asked.Succeeded) return asked.Failure!;
        var (code, year, m) = asked.Value;
        var today = ChinaTime.Today(clock);
        var data = await loader.LoadAsync(code, year, m, null, ct);
        var cadreIds = data.Households.Select(h => h.CadreId).Distinct().ToList();
        var cadreNames = await db.Cadres.AsNoTracking().Where(c => cadreIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        string CadreName(long id) => cadreNames.TryGetValue(id, out var n) ? n : $"干部{id}";

        CoverageRow Row(string key, string name, IEnumerable<HouseholdDue> hs)
        {
            var list = hs.ToList();
            var paired = list.Count(h => h.Monthly is not null);
            var visited = list.Count(h => h.Monthly?.Met == true);
            var festival = list.SelectMany(h => h.Obligations.Where(o => o.Kind == VisitObligationKind.Festival)).ToList();
            var season = list.SelectMany(h => h.Obligations.Where(o => o.Kind == VisitObligationKind.Season)).ToList();
            return new CoverageRow(key, name, paired, visited, paired == 0 ? null : Math.Round(100.0 * visited / paired, 1),
                list.Count(h => h.AnyOverdue(today)), festival.Count, festival.Count(o => o.Met), season.Count, season.Count(o => o.Met));
        }

        var byRegion = code.Length >= 12 ? [] : regions.ChildrenOf(code)
            .Select(c => Row(c.Code, c.Name, data.Households.Where(h => h.VillageCode.StartsWith(c.Code, StringComparison.Ordinal)))).ToList();
        var byCadre = data.Households.GroupBy(h => h.CadreId)
            .Select(g => Row(g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), CadreName(g.Key), g))
            .OrderBy(r => r.Rate ?? 100).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var households = code.Length < 12 ? [] : data.Households.OrderBy(h => h.HouseholdNumber, StringComparer.Ordinal)
            .Select(h => new HouseholdCoverageRow(h.HouseholdId, h.HouseholdNumber, h.HeadName, CadreName(h.CadreId), h.Monthly?.Met == true,
                string.Join("、", h.Obligations.Where(o => !o.Met).Select(o => o.Label)), h.AnyOverdue(today))).ToList();
        return new CoverageView(code, regions.NameOf(code), $"{year:0000}-{m:00}", Row(code, regions.NameOf(code), data.Households), byRegion, byCadre, households);
    }

    public async Task<Outcome<IResult>> ExcelAsync(string? region, string? month, CancellationToken ct)
    {
        var o = await HandleAsync(region, month, ct);
        if (!o.Succeeded) return o.Failure!;
        var v = o.Value!;
        static IDictionary<string, object?> Line(string head, CoverageRow r) => new Dictionary<string, object?>
        {
            [head] = r.Name, ["结对户数"] = r.Paired, ["已走访户数"] = r.Visited, ["走访率%"] = r.Rate, ["有逾期任务户数"] = r.Overdue,
            ["节日应走访"] = r.FestivalOwed, ["节日已走访"] = r.FestivalMet, ["寒来暑往应走访"] = r.SeasonOwed, ["寒来暑往已走访"] = r.SeasonMet,
        };
        var sheets = new Dictionary<string, IEnumerable<IDictionary<string, object?>>>
        {
            ["按地区"] = v.ByRegion.Prepend(v.Total with { Name = $"{v.Total.Name}（合计）" }).Select(r => Line("地区", r)),
            ["按帮扶干部"] = v.ByCadre.Select(r => Line("帮扶干部", r)),
        };
        if (v.Households.Count > 0)
            sheets["按户"] = v.Households.Select(h => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["户编号"] = h.HouseholdNumber, ["户主"] = h.HeadName, ["帮扶干部"] = h.CadreName, ["本月已走访"] = h.VisitedThisMonth ? "是" : "否",
                ["未完成任务"] = h.Open, ["逾期"] = h.Overdue ? "是" : "否",
            });
        return Outcome<IResult>.From(await ExcelFile.SheetsResultAsync(sheets, $"{v.RegionName}_走访覆盖_{v.Month}.xlsx", ct));
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/fieldwork/coverage", async (string? region, string? month, VisitCoverageHandler h, CancellationToken ct) =>
                (await h.HandleAsync(region, month, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.FieldWorkView)
            .WithName("VisitCoverage").WithSummary("走访覆盖（按地区、按帮扶干部，某月）").WithTags("走访");
        api.MapGet("/fieldwork/coverage/export", async (string? region, string? month, VisitCoverageHandler h, CancellationToken ct) =>
                (await h.ExcelAsync(region, month, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.FieldWorkView)
            .ProducesFile().WithName("ExportVisitCoverage").WithSummary("导出走访覆盖 Excel").WithTags("走访");
    }
}
