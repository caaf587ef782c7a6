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
}
