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

    // Bazhong seed: 建档立卡贫困人口人均纯收入 2,416 (2013) → 10,501 (2020); Chongqing 4,697 (2014) → 12,303 (2020).
    private static readonly (int Year, decimal Value)[] Series =
        [(2013, 2416m), (2014, 4697m), (2016, 6000m), (2020, 12303m), (2021, 13000m), (2023, 15000m)];

    [Theory]
    [InlineData(null, 2013, 2020)]     // no base asked: the earliest year with data, to 2020
    [InlineData(2013, 2013, 2020)]
    [InlineData(2014, 2014, 2020)]
    [InlineData(2016, 2016, 2020)]
    [InlineData(2020, 2020, 2023)]     // a base of 2020 or later runs to the latest year
    [InlineData(2021, 2021, 2023)]
    [InlineData(2023, 2023, 2023)]     // base = latest year: an empty span, no rate
    public void Growth_runs_from_the_base_year_to_2020_or_the_latest_year(int? baseYear, int from, int to)
    {
        var g = IncomeRule.GrowthFrom(Series, baseYear)!;
        Assert.Equal((from, to), (g.BaseYear, g.EndYear));
        if (from < to)
            Assert.Equal(IncomeRule.AverageAnnualGrowth(Series.Single(s => s.Year == from).Value, Series.Single(s => s.Year == to).Value, to - from), g.Rate);
        else Assert.Null(g.Rate);
    }

    [Fact]
    public void Growth_matches_the_bazhong_and_chongqing_seed_spans()
    {
        Assert.Equal(0.234, Math.Round(IncomeRule.GrowthFrom([(2013, 2416m), (2020, 10501m)], null)!.Rate!.Value, 3));
        Assert.Equal(0.174, Math.Round(IncomeRule.GrowthFrom([(2014, 4697m), (2020, 12303m)], null)!.Rate!.Value, 3));
    }

    [Theory]
    [InlineData(2020, 2020)]   // latest year 2020: no "since 2020" (the dashboard's old HTTP 500)
    [InlineData(2021, 2020)]   // the end before the start
    [InlineData(2015, 2020)]   // no value for the base year
    [InlineData(2014, 2019)]   // no value for the end year
    public void No_rate_for_an_empty_span_or_a_missing_year(int from, int to) =>
        Assert.Null(IncomeRule.Rate(Series, from, to));

    [Fact]
    public void No_growth_without_data_and_no_rate_from_a_non_positive_base()
    {
        Assert.Null(IncomeRule.GrowthFrom([], null));
        Assert.Null(IncomeRule.GrowthFrom([(2014, 0m), (2020, 5000m)], null)!.Rate);
        Assert.Null(IncomeRule.GrowthFrom([(2020, 5000m)], null)!.Rate);
    }
}
