using Jingzhun.Web.Modules.FieldWork;
using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs.OpenXml;
using Guarantees = Jingzhun.Web.Modules.Guarantees;

namespace Jingzhun.Web.Modules.Reports;

/// <summary>
/// The standard tables of the report centre for a region (and, where it matters, a year). One method computes each
/// report's rows; the page, the printable A4 page, the JSON rows and the Excel workbook all read it. Counts use the
/// same fields as the household list's filters (户类型, 属性, 主要致贫原因), so a report cell equals the list behind it.
/// </summary>
public sealed class ReportsHandler(ReadDb read, RegionDirectory regions, FieldWork.Compliance.ComplianceLoader visits, CurrentUser user, TimeProvider clock)
{
    private readonly AppDbContext db = read.Db;
    public const int FirstIncomeYear = 2014;

    public async Task<Outcome<Report>> HandleAsync(string name, string? region, int? year, CancellationToken ct)
    {
        var info = ReportCatalog.Find(name);
        if (info is null) return Failure.NotFound("该报表");
        if (!info.Available) return Failure.Conflict($"{info.Title}：待走访模块上线后提供");
        var asked = regions.Asked(region, user);
        if (!asked.Succeeded) return asked.Failure!;
        var code = asked.Value!;
        var thisYear = ChinaTime.Today(clock).Year;
        if (year is { } y && (y < FirstIncomeYear || y > thisYear)) return Failure.Invalid("year", $"年度应在{FirstIncomeYear}至{thisYear}年之间");
        if (!info.UsesYear) year = null;

        var scope = new Scope(code, regions.NameOf(code), Units(code));
        var now = clock.GetUtcNow().UtcDateTime;
        var (tables, summary) = info.Name switch
        {
            ReportCatalog.Households => await HouseholdsAsync(scope, ct),
            ReportCatalog.Causes => await CausesAsync(scope, ct),
            ReportCatalog.Income => await IncomeAsync(scope, thisYear - 1, ct),
            ReportCatalog.Problems => await ProblemsAsync(scope, year, now, ct),
            ReportCatalog.Visits => await VisitsAsync(scope, ChinaTime.Today(clock), ct),
            _ => await MonitoringAsync(scope, ct),
        };
        var title = $"{scope.Name}{(year is { } yr ? $"{yr}年" : "")}{info.Title}";
        return new Report(info.Name, title, code, scope.Name, year, now, tables, summary);
    }

    /// <summary>The rows of a table: the sub-regions of the region, or the region itself when it has none (a village).</summary>
    private sealed record Scope(string Code, string Name, IReadOnlyList<(string Code, string Name)> Units)
    {
        public (string Low, string High) Range => RegionCodes.VillageRange(Code);
        public int UnitLength => Units.Count == 0 ? Code.Length : Units[0].Code.Length;
        public string UnitOf(string villageCode) => villageCode[..Math.Min(UnitLength, villageCode.Length)];
    }

    private IReadOnlyList<(string, string)> Units(string code)
    {
        var children = regions.ChildrenOf(code);
        return children.Count == 0 ? [(code, regions.NameOf(code))] : children.Select(c => (c.Code, c.Name)).ToList();
    }

    private static Dictionary<string, object?> Row(params (string Key, object? Value)[] cells) => cells.ToDictionary(c => c.Key, c => c.Value);

    // --- (a) 户数人数 ---------------------------------------------------------------------------------------

    private async Task<(IReadOnlyList<ReportTable>, string?)> HouseholdsAsync(Scope s, CancellationToken ct)
    {
        var groups = await db.Households.AsNoTracking()
            .InRegion(s.Code)
            .GroupBy(h => new { h.VillageCode, h.Status, h.Attribute })
            .Select(g => new { g.Key.VillageCode, g.Key.Status, g.Key.Attribute, Households = g.Count(), People = g.Sum(h => h.Size) })
            .ToListAsync(ct);
        var statuses = Enum.GetValues<HouseholdStatus>();
        var columns = new List<ReportColumn> { new("region", "地区", ColumnFormat.Text) };
        foreach (var st in statuses)
        {
            columns.Add(new($"{st}Households", $"{Labels.Of(st)}户数"));
            columns.Add(new($"{st}People", $"{Labels.Of(st)}人数"));
        }
        columns.Add(new("households", "合计户数"));
        columns.Add(new("people", "合计人数"));

        Dictionary<string, object?> Cells(string label, string? code, Func<string, bool> inUnit)
        {
            var set = groups.Where(g => inUnit(g.VillageCode)).ToList();
            var row = Row(("region", label), ("regionCode", code));
            foreach (var st in statuses)
            {
                row[$"{st}Households"] = set.Where(g => g.Status == st).Sum(g => g.Households);
                row[$"{st}People"] = set.Where(g => g.Status == st).Sum(g => g.People);
            }
            row["households"] = set.Sum(g => g.Households);
            row["people"] = set.Sum(g => g.People);
            return row;
        }
        var byStatus = new ReportTable("byStatus", "按地区、户类型", columns,
            s.Units.Select(u => (IReadOnlyDictionary<string, object?>)Cells(u.Name, u.Code, v => s.UnitOf(v) == u.Code)).ToList(),
            Cells("合计", s.Code, _ => true), "人数为在册家庭成员数。");

        // 贫困户属性 (未填 for 一般农户 and households without one).
        var attributes = Enum.GetValues<PovertyAttribute>().Select(a => ((PovertyAttribute?)a, Labels.Of(a), a.ToString()))
            .Append(((PovertyAttribute?)null, "未填（一般农户等）", "None")).ToList();
        var byAttribute = new ReportTable("byAttribute", "按贫困户属性",
            [new("attribute", "属性", ColumnFormat.Text), new("households", "户数"), new("people", "人数")],
            attributes.Select(a => (IReadOnlyDictionary<string, object?>)Row(("attribute", a.Item2), ("key", a.Item3),
                ("households", groups.Where(g => g.Attribute == a.Item1).Sum(g => g.Households)),
                ("people", groups.Where(g => g.Attribute == a.Item1).Sum(g => g.People)))).ToList(),
            Row(("attribute", "合计"), ("households", groups.Sum(g => g.Households)), ("people", groups.Sum(g => g.People))));
        var total = byStatus.Total!;
        return ([byStatus, byAttribute], $"{s.Name}共登记农户{total["households"]}户{total["people"]}人。");
    }

    // --- (b) 致贫原因 ---------------------------------------------------------------------------------------

    private async Task<(IReadOnlyList<ReportTable>, string?)> CausesAsync(Scope s, CancellationToken ct)
    {
        var groups = await db.Households.AsNoTracking()
            .InRegion(s.Code)
            .GroupBy(h => new { h.VillageCode, h.MainCause })
            .Select(g => new { g.Key.VillageCode, g.Key.MainCause, Households = g.Count(), People = g.Sum(h => h.Size) })
            .ToListAsync(ct);
        // The registry's twelve causes, and any monitoring risk type that was recorded as a main cause.
        var causes = Enum.GetValues<PovertyCause>().Where(c => c <= PovertyCause.Other || groups.Any(g => g.MainCause == c)).ToList();
        var columns = new List<ReportColumn> { new("region", "地区", ColumnFormat.Text) };
        columns.AddRange(causes.Select(c => new ReportColumn(c.ToString(), Labels.Of(c))));
        columns.Add(new("None", "未填"));
        columns.Add(new("households", "合计户数"));

        Dictionary<string, object?> Cells(string label, string? code, Func<string, bool> inUnit)
        {
            var set = groups.Where(g => inUnit(g.VillageCode)).ToList();
            var row = Row(("region", label), ("regionCode", code));
            foreach (var c in causes) row[c.ToString()] = set.Where(g => g.MainCause == c).Sum(g => g.Households);
            row["None"] = set.Where(g => g.MainCause == null).Sum(g => g.Households);
            row["households"] = set.Sum(g => g.Households);
            return row;
        }
        var table = new ReportTable("byRegion", "按地区、主要致贫原因（户数）", columns,
            s.Units.Select(u => (IReadOnlyDictionary<string, object?>)Cells(u.Name, u.Code, v => s.UnitOf(v) == u.Code)).ToList(),
            Cells("合计", s.Code, _ => true), "按主要致贫原因统计，每户只计一次。");
        var top = causes.Select(c => (c, n: groups.Where(g => g.MainCause == c).Sum(g => g.Households))).Where(x => x.n > 0)
            .OrderByDescending(x => x.n).Take(3).ToList();
        var summary = top.Count == 0 ? null : $"主要致贫原因居前的是：{string.Join("、", top.Select(x => $"{Labels.Of(x.c)}（{x.n}户）"))}。";
        return ([table], summary);
    }

    // --- (c) 人均纯收入 -------------------------------------------------------------------------------------

    private async Task<(IReadOnlyList<ReportTable>, string?)> IncomeAsync(Scope s, int lastYear, CancellationToken ct)
    {
        var (low, high) = s.Range;
        // Summed in memory: SQLite stores money as integer fen through a converter, which its SUM cannot see through.
        var incomes = await db.Incomes.AsNoTracking()
            .Where(i => i.Year >= Registry.RecordIncome.RecordIncomeHandler.FirstYear && i.Year <= lastYear
                && string.Compare(i.Household.VillageCode, low) >= 0 && string.Compare(i.Household.VillageCode, high) <= 0)
            .Select(i => new { i.Year, i.Household.Status, i.HouseholdSize, i.NetIncome })
            .ToListAsync(ct);
        static decimal? PerCapita<T>(IEnumerable<T> set, Func<T, int> size, Func<T, decimal> net)
        {
            var list = set.ToList();
            var people = list.Sum(size);
            return people == 0 ? null : Math.Round(list.Sum(net) / people, 2, MidpointRounding.AwayFromZero);
        }
        var columns = new List<ReportColumn>
        {
            new("year", "年度", ColumnFormat.Text), new("households", "户数"), new("people", "家庭人口"),
            new("netIncome", "家庭纯收入合计（元）", ColumnFormat.Money), new("perCapita", "人均纯收入（元）", ColumnFormat.PerCapita),
            new("exitedPerCapita", "其中：脱贫户人均（元）", ColumnFormat.PerCapita), new("monitoredPerCapita", "其中：监测户人均（元）", ColumnFormat.PerCapita),
            new("growth", "较上年增长", ColumnFormat.Percent),
        };
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        decimal? previous = null;
        var series = new List<(int Year, decimal Value)>();
        // From the earliest year with data (巴中 quotes 2013, 重庆 2014), else from 2014.
        for (var y = incomes.Count == 0 ? FirstIncomeYear : Math.Min(FirstIncomeYear, incomes.Min(i => i.Year)); y <= lastYear; y++)
        {
            var set = incomes.Where(i => i.Year == y).ToList();
            var pc = PerCapita(set, i => i.HouseholdSize, i => i.NetIncome);
            if (pc is { } v) series.Add((y, v));
            rows.Add(Row(("year", $"{y}年"), ("key", y), ("households", set.Count), ("people", set.Sum(i => i.HouseholdSize)),
                ("netIncome", set.Sum(i => i.NetIncome)), ("perCapita", pc),
                ("exitedPerCapita", PerCapita(set.Where(i => i.Status == HouseholdStatus.Exited), i => i.HouseholdSize, i => i.NetIncome)),
                ("monitoredPerCapita", PerCapita(set.Where(i => i.Status == HouseholdStatus.Monitored), i => i.HouseholdSize, i => i.NetIncome)),
                ("growth", previous is > 0 && pc is { } c ? Math.Round((double)(c / previous.Value) - 1, 4) : null)));
            previous = pc;
        }
        // DOMAIN.md §8: average annual growth = (end/start)^(1/years) − 1, between the first and last years with data.
        double? growth = series.Count >= 2 && series[0].Value > 0
            ? Math.Round(IncomeRule.AverageAnnualGrowth(series[0].Value, series[^1].Value, series[^1].Year - series[0].Year), 4)
            : null;
        var total = Row(("year", series.Count >= 2 ? $"{series[0].Year}—{series[^1].Year}年年均增长" : "年均增长"), ("growth", growth));
        var table = new ReportTable("byYear", "历年人均纯收入", columns, rows, total,
            "人均纯收入 =（工资性收入 + 生产经营性收入 + 财产性收入 + 转移性收入 − 生产经营性支出）÷ 家庭人口数，按当年有收入记录的农户合计计算；年均增长 =（末年 ÷ 首年）^(1/年数) − 1。");
        var summary = growth is { } g
            ? $"{s.Name}农户人均纯收入由{series[0].Year}年的{series[0].Value:#,##0.00}元增长到{series[^1].Year}年的{series[^1].Value:#,##0.00}元，年均增长{g:0.0%}。"
            : null;
        return ([table], summary);
    }

    // --- (d) 两不愁三保障问题 ---------------------------------------------------------------------------------

    private async Task<(IReadOnlyList<ReportTable>, string?)> ProblemsAsync(Scope s, int? year, DateTime now, CancellationToken ct)
    {
        // The bulletin's definitions (ProblemMeasures): found / verified within the period, outstanding at its end.
        var start = year is { } y ? new DateTime(y, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(-8) : DateTime.MinValue;
        var end = year is { } y2 ? new DateTime(y2 + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(-8) : now;
        if (end > now) end = now;
        var problems = await db.Problems.AsNoTracking()
            .InRegion(s.Code).Where(p => p.FoundAt < end)
            .Select(p => new { p.VillageCode, p.Dimension, p.FoundAt, p.VerifiedAt })
            .ToListAsync(ct);
        bool Found(DateTime f) => f >= start && f < end;
        bool Verified(DateTime? v) => v >= start && v < end;
        bool Outstanding(DateTime? v) => v == null || v >= end;
        var dimensions = Enum.GetValues<Guarantees.Dimension>();

        var columns = new List<ReportColumn>
        {
            new("region", "地区", ColumnFormat.Text), new("found", "发现问题"), new("verified", "已核验"), new("outstanding", "未清零"),
        };
        columns.AddRange(dimensions.Select(d => new ReportColumn($"{d}Outstanding", $"未清零：{Labels.Of(d)}")));
        Dictionary<string, object?> Cells(string label, string? code, Func<string, bool> inUnit)
        {
            var set = problems.Where(p => inUnit(p.VillageCode)).ToList();
            var row = Row(("region", label), ("regionCode", code), ("found", set.Count(p => Found(p.FoundAt))),
                ("verified", set.Count(p => Verified(p.VerifiedAt))), ("outstanding", set.Count(p => Outstanding(p.VerifiedAt))));
            foreach (var d in dimensions) row[$"{d}Outstanding"] = set.Count(p => p.Dimension == d && Outstanding(p.VerifiedAt));
            return row;
        }
        var byRegion = new ReportTable("byRegion", "按地区", columns,
            s.Units.Select(u => (IReadOnlyDictionary<string, object?>)Cells(u.Name, u.Code, v => s.UnitOf(v) == u.Code)).ToList(),
            Cells("合计", s.Code, _ => true),
            year is null ? "发现、已核验为累计数；未清零为截至当前已发现、尚未核验销号的问题。"
                : $"发现、已核验为{year}年内数；未清零为截至{year}年末（或当前）已发现、尚未核验销号的问题。");

        Dictionary<string, object?> DimensionCells(string label, string key, Func<Guarantees.Dimension, bool> which)
        {
            var set = problems.Where(p => which(p.Dimension)).ToList();
            return Row(("dimension", label), ("key", key), ("found", set.Count(p => Found(p.FoundAt))),
                ("verified", set.Count(p => Verified(p.VerifiedAt))), ("outstanding", set.Count(p => Outstanding(p.VerifiedAt))),
                ("rate", !set.Any(p => p.FoundAt < end) ? null
                    : Math.Round((double)set.Count(p => p.VerifiedAt < end) / set.Count(p => p.FoundAt < end), 4)));
        }
        var byDimension = new ReportTable("byDimension", "按维度",
            [new("dimension", "维度", ColumnFormat.Text), new("found", "发现问题"), new("verified", "已核验"), new("outstanding", "未清零"),
                new("rate", "清零率", ColumnFormat.Percent)],
            dimensions.Select(d => (IReadOnlyDictionary<string, object?>)DimensionCells(Labels.Of(d), d.ToString(), x => x == d)).ToList(),
            DimensionCells("合计", "", _ => true), "清零率 = 截至统计时点已核验问题数 ÷ 累计发现问题数。");
        var t = byRegion.Total!;
        return ([byRegion, byDimension], $"{(year is { } yy ? $"{yy}年" : "累计")}发现两不愁三保障问题{t["found"]}个，已核验{t["verified"]}个，未清零{t["outstanding"]}个。");
    }

    // --- (e) 监测对象 -----------------------------------------------------------------------------------------

    private async Task<(IReadOnlyList<ReportTable>, string?)> MonitoringAsync(Scope s, CancellationToken ct)
    {
        var cases = await (from c in db.MonitoringCases.AsNoTracking().InRegion(s.Code)
                           join h in db.Households on c.HouseholdId equals h.Id
                           select new { c.VillageCode, c.Stage, c.Kind, People = h.Size }).ToListAsync(ct);
        // The monitoring statistics' definitions: monitored = identified and not yet 风险已消除; identified = ever 纳入监测.
        static bool Monitored(CaseStage st) => MonitoringCase.MonitoredStages.Contains(st);
        static bool Identified(CaseStage st) => MonitoringCase.IdentifiedStages.Contains(st);
        var kinds = Enum.GetValues<MonitoringKind>();
        var columns = new List<ReportColumn> { new("region", "地区", ColumnFormat.Text) };
        columns.AddRange(kinds.Select(k => new ReportColumn(k.ToString(), Labels.Of(k))));
        columns.AddRange(
        [
            new("monitored", "监测户数"), new("monitoredPeople", "监测人数"), new("inProcedure", "认定中"),
            new("identified", "累计识别户数"), new("eliminated", "风险已消除户数"), new("eliminatedRatio", "风险消除人数占比", ColumnFormat.Percent),
        ]);
        Dictionary<string, object?> Cells(string label, string? code, Func<string, bool> inUnit)
        {
            var set = cases.Where(c => inUnit(c.VillageCode)).ToList();
            var monitored = set.Where(c => Monitored(c.Stage)).ToList();
            var identified = set.Where(c => Identified(c.Stage)).ToList();
            var row = Row(("region", label), ("regionCode", code));
            foreach (var k in kinds) row[k.ToString()] = monitored.Count(c => c.Kind == k);
            var identifiedPeople = identified.Sum(c => c.People);
            row["monitored"] = monitored.Count;
            row["monitoredPeople"] = monitored.Sum(c => c.People);
            row["inProcedure"] = set.Count(c => MonitoringCase.ProcedureStages.Contains(c.Stage));
            row["identified"] = identified.Count;
            row["eliminated"] = set.Count(c => c.Stage == CaseStage.Eliminated);
            row["eliminatedRatio"] = identifiedPeople == 0 ? null
                : Math.Round((double)set.Where(c => c.Stage == CaseStage.Eliminated).Sum(c => c.People) / identifiedPeople, 4);
            return row;
        }
        var table = new ReportTable("byRegion", "按地区、监测类型", columns,
            s.Units.Select(u => (IReadOnlyDictionary<string, object?>)Cells(u.Name, u.Code, v => s.UnitOf(v) == u.Code)).ToList(),
            Cells("合计", s.Code, _ => true), "监测户指已纳入监测、风险尚未消除的户（按类型分列）；风险消除人数占比 = 风险已消除人数 ÷ 累计识别人数。");
        var t = table.Total!;
        return ([table], $"{s.Name}现有监测对象{t["monitored"]}户{t["monitoredPeople"]}人，累计识别{t["identified"]}户，风险已消除{t["eliminated"]}户。");
    }

    // --- (f) 走访统计 (四必见, seed 002) ----------------------------------------------------------------------------

    private async Task<(IReadOnlyList<ReportTable>, string?)> VisitsAsync(Scope s, DateOnly today, CancellationToken ct)
    {
        var month = await visits.LoadAsync(s.Code, today.Year, today.Month, null, ct);
        var yearStart = FieldWork.Compliance.ComplianceLoader.StartUtc(new DateOnly(today.Year, 1, 1));
        var yearVisits = await db.Visits.AsNoTracking()
            .InRegion(s.Code).Where(v => v.VisitedAt >= yearStart)
            .GroupBy(v => v.VillageCode).Select(g => new { Village = g.Key, Count = g.Count() }).ToListAsync(ct);
        var columns = new List<ReportColumn>
        {
            new("region", "地区", ColumnFormat.Text), new("paired", "结对户数"), new("visited", "本月已走访户数"), new("rate", "本月走访率", ColumnFormat.Percent),
            new("overdue", "有逾期任务户数"), new("festival", "节日走访完成"), new("season", "寒来暑往完成"), new("yearVisits", $"{today.Year}年走访次数"),
        };
        Dictionary<string, object?> Cells(string label, string? code, Func<string, bool> inUnit)
        {
            var set = month.Households.Where(h => inUnit(h.VillageCode)).ToList();
            var owed = set.Count(h => h.Monthly is not null);
            var visited = set.Count(h => h.Monthly?.Met == true);
            var festival = set.SelectMany(h => h.Obligations.Where(o => o.Kind == FieldWork.Rules.VisitObligationKind.Festival)).ToList();
            var season = set.SelectMany(h => h.Obligations.Where(o => o.Kind == FieldWork.Rules.VisitObligationKind.Season)).ToList();
            return Row(("region", label), ("regionCode", code), ("paired", owed), ("visited", visited),
                ("rate", owed == 0 ? null : Math.Round((double)visited / owed, 4)), ("overdue", set.Count(h => h.AnyOverdue(today))),
                ("festival", festival.Count(o => o.Met)), ("season", season.Count(o => o.Met)),
                ("yearVisits", yearVisits.Where(v => inUnit(v.Village)).Sum(v => v.Count)));
        }
        var table = new ReportTable("byRegion", $"按地区（{today:yyyy年M月}）", columns,
            s.Units.Select(u => (IReadOnlyDictionary<string, object?>)Cells(u.Name, u.Code, v => s.UnitOf(v) == u.Code)).ToList(),
            Cells("合计", s.Code, _ => true), "结对户：本月应走访的结对户；节日、寒来暑往：本月内应完成的该类走访中已完成的户数；详见“走访覆盖”页面。");
        var t = table.Total!;
        return ([table], $"{s.Name}本月结对{t["paired"]}户，已走访{t["visited"]}户；{today.Year}年累计走访{t["yearVisits"]}次。");
    }

    // --- output -----------------------------------------------------------------------------------------------

    public async Task<Outcome<IResult>> ExcelAsync(string name, string? region, int? year, CancellationToken ct)
    {
        var o = await HandleAsync(name, region, year, ct);
        if (!o.Succeeded) return o.Failure!;
        var report = o.Value!;
        var sheets = new Dictionary<string, IEnumerable<IDictionary<string, object?>>>();
        var config = new OpenXmlConfiguration { FreezeRowCount = 1, FreezeColumnCount = 1, TableStyles = TableStyles.None };
        var formats = new Dictionary<string, MiniExcelLibs.Attributes.DynamicExcelColumn>();
        foreach (var table in report.Tables)
        {
            foreach (var c in table.Columns)
                formats.TryAdd(c.Header, new MiniExcelLibs.Attributes.DynamicExcelColumn(c.Header)
                    { Format = c.ExcelFormat, Width = c.Format == ColumnFormat.Text ? 18 : Math.Max(10, c.Header.Length * 2.2) });
            var rows = table.Rows.Concat(table.Total is null ? [] : [table.Total])
                .Select(r => (IDictionary<string, object?>)table.Columns.ToDictionary(c => c.Header, c => r.GetValueOrDefault(c.Key)))
                .ToList();
            sheets[SheetName(table.Title)] = rows;
        }
        config.DynamicColumns = formats.Values.ToArray();
        var file = $"{report.Title}_{ChinaTime.Today(clock):yyyyMMdd}.xlsx";
        return Outcome<IResult>.From(await ExcelFile.SheetsResultAsync(sheets, file, ct, config));
    }

    /// <summary>Excel sheet names: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string title)
    {
        var clean = new string(title.Select(ch => ":\\/?*[]".Contains(ch) ? '、' : ch).ToArray());
        return clean.Length > 31 ? clean[..31] : clean;
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/reports").WithTags("报表中心").RequireAuthorization(Permissions.RegistryView);
        g.MapGet("", () => TypedResults.Ok(ReportCatalog.All)).WithName("ListReports").WithSummary("报表目录");
        g.MapGet("/{name}", async (string name, string? region, int? year, ReportsHandler h, CancellationToken ct) =>
                (await h.ExcelAsync(name, region, year, ct)).ToHttp(r => r))
            .ProducesFile().WithName("ExportReport").WithSummary("报表 Excel（中文表头、数字格式、冻结表头，每表一页）");
        g.MapGet("/{name}/data", async (string name, string? region, int? year, ReportsHandler h, CancellationToken ct) =>
                (await h.HandleAsync(name, region, year, ct)).ToHttp(TypedResults.Ok))
            .WithName("GetReport").WithSummary("报表数据（JSON 行）");
    }
}

public static class ReportsModule
{
    public static IServiceCollection AddReports(this IServiceCollection services) => services
        .AddScoped<ReportsHandler>()
        .AddScoped<Snapshots.SnapshotsHandler>()
        .AddScoped<IYearEndRegistry, Snapshots.YearEndSnapshots>();

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        ReportsHandler.Map(api);
        Snapshots.SnapshotsHandler.Map(api);
        return api;
    }
}
