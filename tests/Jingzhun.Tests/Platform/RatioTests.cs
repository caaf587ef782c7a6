using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Rules;

namespace Jingzhun.Tests.Platform;

// Ratios against percentage limits, exactly (issue 12): the comparison is part × 100 against limit × whole; only the
// text is rounded, and never to a figure on the other side of the limit.
public sealed class RatioTests
{
    [Theory]
    // part, whole, limit, below (strict), at least (inclusive)
    [InlineData(2999, 100_000, "3", true, false)]          // 2.999%: below 3% (a rounded 3.00% would fail it)
    [InlineData(3000, 100_000, "3", false, true)]          // exactly 3%
    [InlineData(3001, 100_000, "3", false, true)]          // 3.001%
    [InlineData(1999, 100_000, "2", true, false)]          // 1.999%
    [InlineData(89_999, 100_000, "90", true, false)]       // 89.999%: not "不低于90%" (a rounded 90.00% would pass it)
    [InlineData(9, 10, "90", false, true)]                 // exactly 90%
    [InlineData(1, 3, "33.3333", false, true)]             // 33.333…% against a limit with four decimals
    [InlineData(299_999_999, 10_000_000_000, "3", true, false)] // 2.99999999%: large populations stay exact
    public void Compares_exactly_by_cross_multiplication(long part, long whole, string limit, bool below, bool atLeast)
    {
        var r = new Ratio(part, whole);
        var l = decimal.Parse(limit, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(below, r.IsBelowPercent(l));
        Assert.Equal(atLeast, r.IsAtLeastPercent(l));
        Assert.Equal(!below, !r.IsBelowPercent(l));
        Assert.Equal(r.IsAtMostPercent(l), !r.IsAbovePercent(l));
    }

    [Fact]
    public void An_empty_ratio_meets_no_limit()
    {
        var r = new Ratio(0, 0);
        Assert.True(r.IsEmpty);
        Assert.False(r.IsBelowPercent(100m));
        Assert.False(r.IsAtLeastPercent(0m));
        Assert.Null(r.Percent);
        Assert.Equal("—", r.Display(2m));
    }

    [Theory]
    [InlineData(2999, 100_000, "3", "2.999")]              // not "3", which would read as failing "低于3%"
    [InlineData(299, 10_000, "3", "2.99")]
    [InlineData(3000, 100_000, "3", "3")]
    [InlineData(30_001, 1_000_000, "3", "3.0001")]         // not "3"
    [InlineData(89_999, 100_000, "90", "89.999")]          // not "90", which would read as passing "不低于90%"
    [InlineData(2, 3, "90", "66.67")]                      // far from the limit: two decimals
    [InlineData(25, 1000, "2", "2.5")]
    public void Display_rounds_but_never_across_the_limit(long part, long whole, string limit, string shown) =>
        Assert.Equal(shown, new Ratio(part, whole).Display(decimal.Parse(limit, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Ratios_order_exactly()
    {
        Assert.True(new Ratio(6666, 10_000) < new Ratio(2, 3));             // 66.66% < 66.666…%
        Assert.Equal(0, new Ratio(1, 2).CompareTo(new Ratio(50, 100)));
        Assert.True(new Ratio(0, 0) < new Ratio(0, 5));                      // empty first
        Assert.Equal(66.7, new Ratio(2, 3).RoundedPercent(1));
    }
}

// The carry-forward of a policy row into a later year (防返贫监测范围 is set per province each year).
public sealed class CarriedForwardTests
{
    [Theory]
    [InlineData("", 2021, "", 2025, "沿用 2021 年标准 — 请设置 2025 年标准")]
    [InlineData("", 2025, "", 2025, null)]
    [InlineData("", 2024, "50", 2025, "沿用全国 2024 年标准 — 请设置 2025 年标准")]
    [InlineData("", 2025, "50", 2025, "沿用全国 2025 年标准 — 请设置 2025 年标准")]   // the national floor of the year, but the province has set none
    [InlineData("53", 2025, "53", 2025, null)]
    [InlineData("53", 2025, "53", 2026, "沿用 2025 年标准 — 请设置 2026 年标准")]      // year end: the next year asks again
    public void A_row_of_an_earlier_year_or_of_everywhere_is_named_as_carried_forward(string rowCode, int rowYear, string place, int year, string? notice)
    {
        Assert.Equal(notice, PolicyRow.CarriedForward(rowCode, rowYear, place, year));
        var row = new MonitoringPolicy { ProvinceCode = rowCode, Year = rowYear };
        Assert.Equal(notice, row.CarriedForwardNotice(place, year));
    }
}
