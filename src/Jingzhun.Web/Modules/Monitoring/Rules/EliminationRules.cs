namespace Jingzhun.Web.Modules.Monitoring.Rules;

/// <param name="Thresholds">The monitoring range of each income year (the policy row of that year); a year not listed is
/// judged against the policy's range.</param>
public sealed record EliminationInput(DateOnly MonitoredSince, DateOnly On, int MeasuresReceived,
    IReadOnlyList<(int Year, decimal PerCapitaNetIncome)> Incomes, int OpenGuaranteeProblems, bool HasLargeUnresolvedCosts,
    bool HasWorkingMember, IReadOnlyDictionary<int, decimal>? Thresholds = null);

public sealed record Condition(string Name, bool Met, string Detail);

/// <summary>
/// 风险消除 conditions (DOMAIN.md §4): monitored ≥ N months, ≥ 1 measure received, income stably above the range,
/// large unavoidable costs resolved, 两不愁三保障 and water secured. A household with no one able to work is not
/// eliminated: it stays under follow-up (its risk is structural). Each condition is reported with its numbers.
/// </summary>
public static class EliminationRules
{
    public static IReadOnlyList<Condition> Check(EliminationInput x, MonitoringPolicy p)
    {
        var months = MonthsBetween(x.MonitoredSince, x.On);
        var (stable, income) = IncomeStable(x, p);
        return
        [
            new("监测时间", months >= p.EliminationMinMonths, $"已监测{months}个月（要求不少于{p.EliminationMinMonths}个月）"),
            new("帮扶措施", x.MeasuresReceived >= p.EliminationMinMeasures, $"已落实帮扶措施{x.MeasuresReceived}项（要求不少于{p.EliminationMinMeasures}项）"),
            new("收入稳定", stable, income),
            new("刚性支出", !x.HasLargeUnresolvedCosts, x.HasLargeUnresolvedCosts ? "仍有较大刚性支出未解决" : "无未解决的较大刚性支出"),
            new("两不愁三保障及饮水安全", x.OpenGuaranteeProblems == 0,
                x.OpenGuaranteeProblems == 0 ? "均有保障" : $"尚有{x.OpenGuaranteeProblems}个问题未清零"),
            new("劳动能力", x.HasWorkingMember, x.HasWorkingMember ? "有劳动能力成员" : "无劳动能力，不标注风险消除，继续跟踪帮扶"),
        ];
    }

    /// <summary>Months of income one annual record stands for.</summary>
    private const int MonthsPerRecord = 12;

    /// <summary>
    /// 收入稳定: "stably above the range, in principle for at least half a year" (DOMAIN.md §4), judged on the latest
    /// income evidence: the latest years, each strictly above its own year's range (unrounded), back from the latest,
    /// must cover the policy's months (one year's record covers 12; the 2021 floor asks 6, so the latest year suffices).
    /// </summary>
    public static (bool Met, string Detail) IncomeStable(EliminationInput x, MonitoringPolicy p)
    {
        var latestFirst = x.Incomes.OrderByDescending(i => i.Year).ToList();
        if (latestFirst.Count == 0) return (false, "无收入记录");
        var judged = new List<string>();
        var covered = 0;
        foreach (var (year, income) in latestFirst)
        {
            var range = x.Thresholds is not null && x.Thresholds.TryGetValue(year, out var t) ? t : p.Threshold;
            var above = income > range;
            judged.Add($"{year}年{income:0.##}元（监测范围{range:0.##}元，{(above ? "高于" : "未高于")}）");
            if (!above) break;
            covered += MonthsPerRecord;
            if (covered >= p.EliminationStableMonths) break;
        }
        var met = covered >= p.EliminationStableMonths;
        return (met, $"{string.Join("、", judged)}；要求最近收入稳定高于监测范围{p.EliminationStableMonths}个月以上");
    }

    public static bool AllMet(IReadOnlyList<Condition> conditions) => conditions.All(c => c.Met);

    /// <summary>Whole months from one day to another (6 months from 2026-01-31 is 2026-07-31, or the month's last day).</summary>
    public static int MonthsBetween(DateOnly from, DateOnly to)
    {
        if (to < from) return 0;
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month;
        if (from.AddMonths(months) > to) months--;
        return months;
    }
}
