using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Modules.Monitoring.SweepRisks;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Monitoring.MonitoringStats;

public sealed record CountRow(string Key, string Label, int Households, int People);

public sealed record SubRegionRow(string Code, string Name, int Monitored, int MonitoredPeople, int InProcedure, int Eliminated, double? EliminationRatio);

/// <summary>
/// Monitoring statistics for a region. "Monitored" counts households under monitoring now (纳入监测, not yet 风险已消除);
/// the elimination ratio is eliminated people ÷ people ever identified (the seed's "84.8%").
/// </summary>
public sealed record MonitoringStatsView(string RegionCode, string RegionName, DateTime AsOf, int MonitoredHouseholds, int MonitoredPeople,
    int IdentifiedHouseholds, int IdentifiedPeople, int EliminatedHouseholds, int EliminatedPeople, double? EliminationRatio,
    int NewThisMonth, int InProcedure, int OverdueInProcedure, double? AverageDaysToDecision, int WithoutMeasure, int OpenLeads,
    IReadOnlyList<CountRow> ByKind, IReadOnlyList<CountRow> ByRiskType, IReadOnlyList<SubRegionRow> BySubRegion);

public sealed class MonitoringStatsHandler(AppDbContext db, SweepRisksHandler policies, RegionDirectory regions, CurrentUser user, TimeProvider clock)
{
    public async Task<Outcome<MonitoringStatsView>> HandleAsync(string? region, CancellationToken ct)
    {
        var asked = regions.Asked(region, user);
        if (!asked.Succeeded) return asked.Failure!;
        var code = asked.Value!;
        var cases = await (from c in db.MonitoringCases.AsNoTracking().InRegion(code)
                           join h in db.Households on c.HouseholdId equals h.Id
                           select new
                           {
                               c.Id, c.VillageCode, c.Stage, c.Kind, c.RiskTypes, c.LeadAt, c.DecidedAt, People = h.Size,
                               Measures = c.Measures.Count,
                           }).ToListAsync(ct);
        var openLeads = await db.RiskLeads.InRegion(code).CountAsync(l => l.Status == LeadStatus.Open, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var monthStart = new DateOnly(today.Year, today.Month, 1).ToDateTime(TimeOnly.MinValue).AddHours(-8);
        var decisionDays = (await policies.PolicyForAsync(code.Length >= 2 ? code : "00", today.Year, ct)).DecisionDays;

        bool Monitored(CaseStage s) => MonitoringCase.MonitoredStages.Contains(s);
        bool Identified(CaseStage s) => MonitoringCase.IdentifiedStages.Contains(s);
        var monitored = cases.Where(c => Monitored(c.Stage)).ToList();
        var identified = cases.Where(c => Identified(c.Stage)).ToList();
        var eliminated = cases.Where(c => c.Stage == CaseStage.Eliminated).ToList();
        var inProcedure = cases.Where(c => MonitoringCase.ProcedureStages.Contains(c.Stage)).ToList();
        var decided = cases.Where(c => c.DecidedAt is not null).ToList();
        var identifiedPeople = identified.Sum(c => c.People);

        var byKind = Enum.GetValues<MonitoringKind>().Select(k => new CountRow(k.ToString(), Labels.Of(k),
            monitored.Count(c => c.Kind == k), monitored.Where(c => c.Kind == k).Sum(c => c.People))).ToList();
        var byRisk = monitored.SelectMany(c => c.RiskTypes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => (Risk: Enum.Parse<PovertyCause>(r), c.People)))
            .GroupBy(x => x.Risk).OrderByDescending(g => g.Count())
            .Select(g => new CountRow(g.Key.ToString(), Labels.Of(g.Key), g.Count(), g.Sum(x => x.People))).ToList();
        var bySub = regions.ChildrenOf(code).Select(child =>
        {
            bool In(string v) => v.StartsWith(child.Code, StringComparison.Ordinal);
            var ident = identified.Where(c => In(c.VillageCode)).ToList();
            var elimPeople = ident.Where(c => c.Stage == CaseStage.Eliminated).Sum(c => c.People);
            var identPeople = ident.Sum(c => c.People);
            return new SubRegionRow(child.Code, child.Name, monitored.Count(c => In(c.VillageCode)), monitored.Where(c => In(c.VillageCode)).Sum(c => c.People),
                inProcedure.Count(c => In(c.VillageCode)), ident.Count(c => c.Stage == CaseStage.Eliminated),
                identPeople == 0 ? null : Math.Round(100.0 * elimPeople / identPeople, 1));
        }).ToList();

        return new MonitoringStatsView(code, regions.NameOf(code), now, monitored.Count, monitored.Sum(c => c.People), identified.Count, identifiedPeople,
            eliminated.Count, eliminated.Sum(c => c.People), identifiedPeople == 0 ? null : Math.Round(100.0 * eliminated.Sum(c => c.People) / identifiedPeople, 1),
            identified.Count(c => c.DecidedAt >= monthStart), inProcedure.Count, inProcedure.Count(c => today.DayNumber - DateOnly.FromDateTime(ChinaTime.ToLocal(c.LeadAt)).DayNumber > decisionDays),
            decided.Count == 0 ? null : Math.Round(decided.Average(c => (c.DecidedAt!.Value - c.LeadAt).TotalDays), 1),
            monitored.Count(c => c.Measures == 0), openLeads, byKind, byRisk, bySub);
    }

    public async Task<Outcome<IResult>> ExcelAsync(string? region, CancellationToken ct)
    {
        var o = await HandleAsync(region, ct);
        if (!o.Succeeded) return o.Failure!;
        var s = o.Value!;
        var sheets = new Dictionary<string, IEnumerable<IDictionary<string, object?>>>
        {
            ["总体"] =
            [
                new Dictionary<string, object?>
                {
                    ["地区"] = s.RegionName, ["监测户数"] = s.MonitoredHouseholds, ["监测人数"] = s.MonitoredPeople,
                    ["累计识别户数"] = s.IdentifiedHouseholds, ["累计识别人数"] = s.IdentifiedPeople, ["风险消除户数"] = s.EliminatedHouseholds,
                    ["风险消除人数"] = s.EliminatedPeople, ["风险消除占比%"] = s.EliminationRatio, ["本月新识别"] = s.NewThisMonth,
                    ["认定中"] = s.InProcedure, ["逾期未审定"] = s.OverdueInProcedure, ["平均认定天数"] = s.AverageDaysToDecision,
                    ["无帮扶措施户"] = s.WithoutMeasure, ["待核查线索"] = s.OpenLeads,
                },
            ],
            ["按类型"] = s.ByKind.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?> { ["类型"] = r.Label, ["户数"] = r.Households, ["人数"] = r.People }),
            ["按风险"] = s.ByRiskType.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?> { ["风险类型"] = r.Label, ["户数"] = r.Households, ["人数"] = r.People }),
            ["按地区"] = s.BySubRegion.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["地区"] = r.Name, ["监测户数"] = r.Monitored, ["监测人数"] = r.MonitoredPeople, ["认定中"] = r.InProcedure,
                ["风险消除户数"] = r.Eliminated, ["风险消除占比%"] = r.EliminationRatio,
            }),
        };
        return Outcome<IResult>.From(await ExcelFile.SheetsResultAsync(sheets, $"{s.RegionName}_防返贫监测统计_{ChinaTime.Today(clock):yyyyMMdd}.xlsx", ct));
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/monitoring/stats", async (string? region, MonitoringStatsHandler h, CancellationToken ct) => (await h.HandleAsync(region, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringView)
            .WithName("MonitoringStats").WithSummary("防返贫监测统计").WithTags("防返贫监测");
        api.MapGet("/monitoring/stats/export", async (string? region, MonitoringStatsHandler h, CancellationToken ct) => (await h.ExcelAsync(region, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.MonitoringView)
            .ProducesFile().WithName("ExportMonitoringStats").WithSummary("防返贫监测统计 Excel").WithTags("防返贫监测");
    }
}
