using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Tests.Platform;

public sealed class ChineseNumbersTests
{
    [Theory]
    [InlineData(0, "", "0")]
    [InlineData(7, "户", "7户")]
    [InlineData(9999, "人", "9,999人")]
    [InlineData(10000, "人", "1万人")]
    [InlineData(12500, "人", "1.25万人")]
    [InlineData(12345, "人", "1.23万人")]
    [InlineData(12355, "人", "1.24万人")]              // half away from zero
    [InlineData(1234567, "人", "123.46万人")]
    [InlineData(99999999, "人", "10000万人")]          // rounds within 万 rather than jumping to 亿
    [InlineData(100000000, "元", "1亿元")]
    [InlineData(5320000000, "元", "53.2亿元")]
    [InlineData(-25000, "元", "-2.5万元")]
    public void Counts_and_sums_use_wan_and_yi(long value, string unit, string expected) =>
        Assert.Equal(expected, ChineseNumbers.Format(value, unit));

    [Theory]
    [InlineData(12303, "12,303元")]
    [InlineData(4697.26, "4,697.26元")]
    [InlineData(4697.2, "4,697.2元")]
    [InlineData(123456.78, "12.35万元")]
    public void Per_capita_incomes_stay_in_yuan_below_the_given_bound(double value, string expected) =>
        Assert.Equal(expected, ChineseNumbers.Format((decimal)value, "元", wanFrom: 100_000m, decimals: 2));

    [Theory]
    [InlineData(null, "—")]
    [InlineData(0.0, "0.00")]
    [InlineData(8700.5, "8,700.50")]
    [InlineData(9999.994, "9,999.99")]
    [InlineData(10000.0, "1万")]
    [InlineData(680720.0, "68.07万")]
    [InlineData(212000000.0, "2.12亿")]
    public void Money_is_in_wan_from_ten_thousand_and_keeps_two_decimals_below(double? value, string expected) =>
        Assert.Equal(expected, ChineseNumbers.Money((decimal?)value));

    [Theory]
    [InlineData(12303.5, "12,303.50元")]
    [InlineData(99999.99, "99,999.99元")]
    [InlineData(100000.0, "10万元")]
    public void Per_capita_money_stays_in_yuan_below_ten_wan(double value, string expected) =>
        Assert.Equal(expected, ChineseNumbers.PerCapita((decimal)value, "元"));

    [Theory]
    [InlineData(null, "—")]
    [InlineData(0.0, "0%")]
    [InlineData(2.345, "2.3%")]
    [InlineData(17.44, "17.4%")]
    [InlineData(100.0, "100%")]
    public void Percentages(double? value, string expected) => Assert.Equal(expected, ChineseNumbers.Percent(value));

    [Fact]
    public void Percent_keeps_the_requested_decimals() => Assert.Equal("2.35%", ChineseNumbers.Percent(2.345, 2));
}
