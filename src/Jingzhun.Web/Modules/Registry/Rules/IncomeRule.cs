namespace Jingzhun.Web.Modules.Registry.Rules;

/// <summary>The component lines of one household-year's income (yuan).</summary>
public sealed record IncomeComponents(
    decimal Wage, decimal Production, decimal Property, decimal Transfer, decimal ProductionExpense);

/// <summary>
/// The national formula: 人均纯收入 = (工资性 + 生产经营性 + 财产性 + 转移性 − 生产经营性支出) ÷ 家庭人口数.
/// The only place per-capita net income is computed; rounded to the fen, half away from zero.
/// </summary>
public static class IncomeRule
{
    public static decimal NetIncome(IncomeComponents c) =>
        c.Wage + c.Production + c.Property + c.Transfer - c.ProductionExpense;

    public static decimal PerCapitaNetIncome(IncomeComponents c, int householdSize)
    {
        if (householdSize <= 0) throw new ArgumentOutOfRangeException(nameof(householdSize), "家庭人口数应大于0");
        return Math.Round(NetIncome(c) / householdSize, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>Average annual growth (DOMAIN.md §8): (end/start)^(1/years) − 1.</summary>
    public static double AverageAnnualGrowth(decimal start, decimal end, int years)
    {
        if (start <= 0 || years <= 0) throw new ArgumentOutOfRangeException(nameof(start));
        return Math.Pow((double)(end / start), 1.0 / years) - 1;
    }

    /// <summary>脱贫攻坚收官之年: growth indicators run to it (巴中 2013→2020, 重庆 2014→2020) and "since" it.</summary>
    public const int PeriodEnd = 2020;

    /// <summary>
    /// The average annual growth of a per-capita series from a base year: the base asked (any year with data; the earliest
    /// when none is asked) to 2020, or to the latest year with data up to 2020 (the latest year of all when the base is
    /// 2020 or later). No rate when the span is empty or the base value is not positive; null for an empty series.
    /// </summary>
    public static IncomeGrowth? GrowthFrom(IReadOnlyList<(int Year, decimal Value)> series, int? baseYear)
    {
        if (series.Count == 0) return null;
        var from = baseYear ?? series.Min(s => s.Year);
        var to = from < PeriodEnd && series.Any(s => s.Year <= PeriodEnd) ? series.Where(s => s.Year <= PeriodEnd).Max(s => s.Year) : series.Max(s => s.Year);
        return new IncomeGrowth(from, to, Rate(series, from, to));
    }

    /// <summary>(end/start)^(1/years) − 1 between two years of a series; null when either has no value, start ≤ 0 or from ≥ to.</summary>
    public static double? Rate(IReadOnlyList<(int Year, decimal Value)> series, int from, int to)
    {
        if (from >= to) return null;
        var a = series.Where(s => s.Year == from).Select(s => (decimal?)s.Value).FirstOrDefault();
        var b = series.Where(s => s.Year == to).Select(s => (decimal?)s.Value).FirstOrDefault();
        return a is > 0 && b is { } end ? AverageAnnualGrowth(a.Value, end, to - from) : null;
    }
}

/// <summary>An average annual growth rate (a fraction, unrounded) between a base and an end year.</summary>
public sealed record IncomeGrowth(int BaseYear, int EndYear, double? Rate);
