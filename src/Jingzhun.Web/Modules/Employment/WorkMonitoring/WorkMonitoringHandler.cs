using System.Globalization;
using Jingzhun.Web.Modules.Employment.Rules;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Jobs;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Employment.WorkMonitoring;

/// <summary>
/// The 务工监测 figures of a place: people, labour force, employed (outside the county, outside the province), jobless labour
/// (after a job) and its reasons (因病因残, 弱劳动力或半劳动力, 其他: they add up to the jobless), 务工率 = employed ÷ labour
/// force; and, for a county or above, the 务工规模目标 and its completion.
/// </summary>
public sealed record WorkFigures(int People, int LabourForce, int Employed, int OutsideCounty, int OutsideProvince, int JoblessLabour, int JoblessAfterJob,
    int JoblessIllness, int JoblessWeak, int JoblessOther, double? EmploymentRate, int? Target, double? Completion, bool? Reached);

/// <summary>A sub-region's figures and its rank (by completion where targets exist, else by 务工率).</summary>
public sealed record WorkRegionRow(int Rank, string Code, string Name, WorkFigures Figures);

/// <summary>A county's target for the year and where it comes from: 本县目标, 上年务工人数, or none.</summary>
public sealed record CountyTarget(string Code, string Name, int? Target, string Source);

public sealed record WorkMonitoringView(string RegionCode, string RegionName, int Year, int Month, DateTime? ComputedAt,
    IReadOnlyList<string> Months, WorkFigures Total, IReadOnlyList<WorkRegionRow> BySubRegion, IReadOnlyList<CountyTarget> Targets);

public sealed class WorkMonitoringHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, TimeProvider clock)
{
    private sealed record Sum(int People, int Labour, int Employed, int OutsideCounty, int OutsideProvince, int Jobless, int AfterJob, int Ill, int Weak)
    {
        public static readonly Sum Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0);
        public static Sum operator +(Sum a, Sum b) => new(a.People + b.People, a.Labour + b.Labour, a.Employed + b.Employed,
            a.OutsideCounty + b.OutsideCounty, a.OutsideProvince + b.OutsideProvince, a.Jobless + b.Jobless, a.AfterJob + b.AfterJob,
            a.Ill + b.Ill, a.Weak + b.Weak);
    }

    /// <summary>"2026-12" → (2026, 12); null or blank → this month.</summary>
    public static Outcome<(int Year, int Month)> ParseMonth(string? month, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(month)) return (today.Year, today.Month);
        return DateOnly.TryParseExact(month.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year >= 2021 && d <= today
            ? (d.Year, d.Month)
            : Failure.Invalid("month", "统计月份应为2021年1月至本月之间，格式如 2026-12");
    }

    public async Task<Outcome<WorkMonitoringView>> HandleAsync(string? region, string? month, CancellationToken ct)
    {
        var asked = regions.Asked(region, user);
        if (!asked.Succeeded) return asked.Failure!;
        var code = asked.Value!;
        var today = ChinaTime.Today(clock);
        var when = ParseMonth(month, today);
        if (!when.Succeeded) return when.Failure!;
        var (year, mon) = when.Value;

        var rows = await db.WorkTallies.AsNoTracking().InRegion(code).Where(t => t.Year == year && t.Month == mon)
            .Select(t => new { t.VillageCode, t.CountyCode, t.ComputedAt, Sum = new Sum(t.People, t.LabourForce, t.Employed, t.OutsideCounty, t.OutsideProvince, t.JoblessLabour, t.JoblessAfterJob, t.JoblessIllness, t.JoblessWeak) })
            .ToListAsync(ct);
        var months = (await db.WorkTallies.AsNoTracking().InRegion(code).Select(t => new { t.Year, t.Month }).Distinct().ToListAsync(ct))
            .OrderByDescending(m => m.Year).ThenByDescending(m => m.Month).Select(m => $"{m.Year:0000}-{m.Month:00}").ToList();

        // Targets of the counties in the region: the county's own for the year, else last year's latest tallied month.
        // A township or village has no target of its own (the county's is not divided).
        List<string> counties = code.Length <= 6 ? [.. WorkTallies.CountiesUnder(regions, code)] : [];
        var own = (await db.WorkTargetPolicies.AsNoTracking().Where(p => p.Year == year && p.CountyCode != "").ToListAsync(ct))
            .Where(p => counties.Contains(p.CountyCode)).ToDictionary(p => p.CountyCode, p => p.WorkforceTarget);
        Dictionary<string, int> lastYear = counties.Count == 0 ? new() : (await db.WorkTallies.AsNoTracking().InRegion(code).Where(t => t.Year == year - 1)
                .GroupBy(t => new { t.CountyCode, t.Month }).Select(g => new { g.Key.CountyCode, g.Key.Month, Employed = g.Sum(t => t.Employed) }).ToListAsync(ct))
            .GroupBy(x => x.CountyCode).ToDictionary(g => g.Key, g => g.MaxBy(x => x.Month)!.Employed);
        var targets = counties.Select(c =>
        {
            var t = TargetRules.TargetOf(own.GetValueOrDefault(c), lastYear.TryGetValue(c, out var l) ? l : null);
            var source = own.GetValueOrDefault(c) > 0 ? $"本县{year}年目标" : t is not null ? $"不低于上年（{year - 1}年务工人数）" : "未设目标，且无上年统计";
            return new CountyTarget(c, regions.NameOf(c), t, source);
        }).ToList();
        var targetOf = targets.ToDictionary(t => t.Code, t => t.Target);
        var employedIn = rows.GroupBy(r => r.CountyCode).ToDictionary(g => g.Key, g => g.Sum(r => r.Sum.Employed));

        WorkFigures Figures(string place)
        {
            var mine = rows.Where(r => r.VillageCode.StartsWith(place, StringComparison.Ordinal)).ToList();
            var s = mine.Aggregate(Sum.Zero, (a, r) => a + r.Sum);
            int? target = null;
            var employedOfTargeted = 0;
            // A target belongs to a county: a county or a region above sums its counties' targets; a township has none.
            if (place.Length <= 6)
                foreach (var c in counties.Where(c => c.StartsWith(place, StringComparison.Ordinal)))
                    if (targetOf.GetValueOrDefault(c) is { } t)
                    {
                        target = (target ?? 0) + t;
                        employedOfTargeted += employedIn.GetValueOrDefault(c);
                    }
            return new WorkFigures(s.People, s.Labour, s.Employed, s.OutsideCounty, s.OutsideProvince, s.Jobless, s.AfterJob,
                s.Ill, s.Weak, s.Jobless - s.Ill - s.Weak, TargetRules.Percent(s.Employed, s.Labour), target, TargetRules.Percent(employedOfTargeted, target),
                target is { } tt ? TargetRules.Reached(employedOfTargeted, tt) : null);
        }

        var children = regions.ChildrenOf(code).Select(c => (c.Code, c.Name, Figures: Figures(c.Code))).ToList();
        children.Sort((a, b) =>
        {
            var byCompletion = TargetRules.CompareCompletion(a.Figures.Employed, a.Figures.Target, b.Figures.Employed, b.Figures.Target);
            if (byCompletion != 0) return byCompletion;
            var byRate = TargetRules.CompareCompletion(a.Figures.Employed, a.Figures.LabourForce, b.Figures.Employed, b.Figures.LabourForce);
            return byRate != 0 ? byRate : string.CompareOrdinal(a.Code, b.Code);
        });
        var ranked = children.Select((c, i) => new WorkRegionRow(i + 1, c.Code, c.Name, c.Figures)).ToList();
        return new WorkMonitoringView(code, regions.NameOf(code), year, mon, rows.Count == 0 ? null : rows.Max(r => r.ComputedAt), months,
            Figures(code), ranked, targets);
    }

    private static Dictionary<string, object?> Row(string name, WorkFigures f) => new()
    {
        ["地区"] = name, ["脱贫人口和监测对象"] = f.People, ["劳动力"] = f.LabourForce, ["务工人数"] = f.Employed, ["其中县外"] = f.OutsideCounty,
        ["其中省外"] = f.OutsideProvince, ["未就业劳动力"] = f.JoblessLabour, ["其中务工中断"] = f.JoblessAfterJob,
        ["未就业原因：因病因残"] = f.JoblessIllness, ["未就业原因：弱劳动力或半劳动力"] = f.JoblessWeak, ["未就业原因：其他"] = f.JoblessOther, ["务工率%"] = f.EmploymentRate,
        ["务工规模目标"] = f.Target, ["完成率%"] = f.Completion, ["是否达标"] = f.Reached is { } r ? (r ? "达标" : "未达标") : "—",
    };

    /// <summary>The month's figures, the ranking and the counties' targets as one workbook.</summary>
    public async Task<Outcome<IResult>> ExcelAsync(string? region, string? month, CancellationToken ct)
    {
        var o = await HandleAsync(region, month, ct);
        if (!o.Succeeded) return o.Failure!;
        var s = o.Value!;
        var sheets = new Dictionary<string, IEnumerable<IDictionary<string, object?>>>
        {
            ["总体"] = [Row(s.RegionName, s.Total)],
            ["排名"] = s.BySubRegion.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?> { ["排名"] = r.Rank }.Concat(Row(r.Name, r.Figures))
                .ToDictionary(kv => kv.Key, kv => kv.Value)),
            ["务工规模目标"] = s.Targets.Select(t => (IDictionary<string, object?>)new Dictionary<string, object?>
                { ["区县"] = t.Name, ["目标（人）"] = t.Target, ["目标来源"] = t.Source }),
        };
        return Outcome<IResult>.From(await ExcelFile.SheetsResultAsync(sheets, $"{s.RegionName}_务工监测_{s.Year:0000}{s.Month:00}.xlsx", ct));
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/employment/work-monitoring").WithTags("就业与小额信贷");
        g.MapGet("", async (string? region, string? month, WorkMonitoringHandler h, CancellationToken ct) => (await h.HandleAsync(region, month, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringView)
            .WithName("WorkMonitoring").WithSummary("务工监测：劳动力、务工人数（县外、省外）、未就业劳动力、务工率、务工规模目标与完成率，按下级地区排名（month 如 2026-12）");
        g.MapGet("/export", async (string? region, string? month, WorkMonitoringHandler h, CancellationToken ct) => (await h.ExcelAsync(region, month, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.MonitoringView)
            .ProducesFile().WithName("ExportWorkMonitoring").WithSummary("务工监测 Excel（总体、排名、务工规模目标）");
        RegionSweepJob.MapStart(api, "/employment/work-monitoring/tallies", WorkTallyJob.JobKind)
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("TallyWork").WithSummary("更新本月务工监测统计（后台任务，逐区县统计）").WithTags("就业与小额信贷");
    }
}
