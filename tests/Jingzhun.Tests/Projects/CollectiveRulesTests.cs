using Jingzhun.Web.Modules.Projects.Collective;

namespace Jingzhun.Tests.Projects;

/// <summary>
/// The 村集体经济's rules (issue 17): a village's band of 经营性收入 at the default thresholds (10万, 100万: "以上"
/// includes the figure), a fen below / at / a fen above each; no operating income is a 空壳村; 补助收入 and 其他收入
/// are not operating income; the 统一社会信用代码's check character (GB 32100-2015).
/// </summary>
public sealed class CollectiveRulesTests
{
    [Theory]
    [InlineData("0", CollectiveBand.Shell)]
    [InlineData("-5", CollectiveBand.Shell)]
    [InlineData("0.01", CollectiveBand.Low)]
    [InlineData("99999.99", CollectiveBand.Low)]
    [InlineData("100000", CollectiveBand.Middle)]
    [InlineData("100000.01", CollectiveBand.Middle)]
    [InlineData("999999.99", CollectiveBand.Middle)]
    [InlineData("1000000", CollectiveBand.High)]
    [InlineData("1000000.01", CollectiveBand.High)]
    public void A_village_is_banded_by_its_operating_income_exactly(string operating, CollectiveBand band) =>
        Assert.Equal(band, CollectiveRules.BandOf(decimal.Parse(operating, System.Globalization.CultureInfo.InvariantCulture), 100_000m, 1_000_000m));

    [Fact]
    public void The_county_thresholds_decide_the_band() =>
        Assert.Equal((CollectiveBand.Low, CollectiveBand.Middle),
            (CollectiveRules.BandOf(149_999.99m, 150_000m, 2_000_000m), CollectiveRules.BandOf(150_000m, 150_000m, 2_000_000m)));

    [Fact]
    public void Subsidies_and_other_income_are_not_operating_income()
    {
        Assert.False(CollectiveRules.IsOperating(CollectiveIncomeSource.Subsidy));
        Assert.False(CollectiveRules.IsOperating(CollectiveIncomeSource.Other));
        Assert.All(new[] { CollectiveIncomeSource.Operating, CollectiveIncomeSource.AssetIncome, CollectiveIncomeSource.Rent, CollectiveIncomeSource.Services,
            CollectiveIncomeSource.Shares }, s => Assert.True(CollectiveRules.IsOperating(s)));
    }

    [Theory]
    [InlineData("91350100M000100Y43", true)]   // the standard's published example
    [InlineData("91350100M000100Y44", false)]  // wrong check character
    [InlineData("91350100M000100Y4", false)]   // 17 characters
    [InlineData("91350100M000100I43", false)]  // I is not in the code's alphabet
    [InlineData("N2500151MA60000125", true)]
    public void A_credit_code_has_18_characters_and_its_check_character(string code, bool valid) =>
        Assert.Equal(valid, CollectiveRules.IsCreditCode(code));
}
