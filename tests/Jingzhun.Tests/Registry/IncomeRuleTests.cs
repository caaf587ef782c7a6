using Jingzhun.Web.Modules.Registry.Rules;

namespace Jingzhun.Tests.Registry;

// 人均纯收入 = (工资性 + 生产经营性 + 财产性 + 转移性 − 生产经营性支出) ÷ 家庭人口数 (DOMAIN.md §2).
public sealed class IncomeRuleTests
{
    [Theory]
    [InlineData(12000, 8000, 500, 3500, 2000, 4, 5500.00)]
    [InlineData(0, 0, 0, 6000, 0, 1, 6000.00)]
    [InlineData(10000, 0, 0, 0, 0, 3, 3333.33)]
    [InlineData(20000, 0, 0, 0, 0, 3, 6666.67)]           // rounded half away from zero to the fen
    [InlineData(1000, 500, 0, 0, 3000, 2, -750.00)]        // production losses can make it negative
    public void Per_capita_net_income_follows_the_national_formula(double wage, double production, double property,
        double transfer, double expense, int size, double expected)
    {
        var c = new IncomeComponents((decimal)wage, (decimal)production, (decimal)property, (decimal)transfer, (decimal)expense);
        Assert.Equal((decimal)expected, IncomeRule.PerCapitaNetIncome(c, size));
    }

    [Fact]
    public void Household_size_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => IncomeRule.PerCapitaNetIncome(new IncomeComponents(1, 0, 0, 0, 0), 0));

    [Fact]
    public void Average_annual_growth_matches_the_chongqing_seed_figure()
    {
        // Chongqing registered poor: 4,697 yuan (2014) → 12,303 yuan (2020) = 17.4% a year (DOMAIN.md §8).
        var growth = IncomeRule.AverageAnnualGrowth(4697m, 12303m, 6);
        Assert.Equal(0.174, Math.Round(growth, 3));
    }
}
