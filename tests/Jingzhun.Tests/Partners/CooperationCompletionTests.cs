using System.Globalization;
using Jingzhun.Web.Modules.Partners.Cooperation;

namespace Jingzhun.Tests.Partners;

/// <summary>The completion rule of the 东西部协作考核 (issue 15) at its limits: delivered ≥ target, compared exactly.</summary>
public sealed class CooperationCompletionTests
{
    [Theory]
    [InlineData("100", "99.99", false)]   // just below: not complete, though it shows as 100.0%
    [InlineData("100", "100", true)]      // at the target
    [InlineData("100", "100.01", true)]   // just above
    [InlineData("3", "2", false)]
    [InlineData("3", "3", true)]
    [InlineData("0.01", "0.01", true)]
    public void Complete_when_delivered_reaches_the_target(string target, string delivered, bool complete)
    {
        var t = decimal.Parse(target, CultureInfo.InvariantCulture);
        var d = decimal.Parse(delivered, CultureInfo.InvariantCulture);
        Assert.Equal(complete, CompletionRules.Completed(t, d));
        Assert.True(CompletionRules.Assessed(t));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    public void Without_a_target_an_indicator_is_not_assessed(string? target)
    {
        decimal? t = target is null ? null : decimal.Parse(target, CultureInfo.InvariantCulture);
        Assert.False(CompletionRules.Assessed(t));
        Assert.False(CompletionRules.Completed(t, 5m));
        Assert.Null(CompletionRules.Rate(t, 5m));
        Assert.Equal("—", CompletionRules.Display(CompletionRules.Rate(t, 5m)));
    }

    [Theory]
    [InlineData("100", "99.99", "100.0%")]
    [InlineData("100", "99.94", "99.9%")]
    [InlineData("100", "99.95", "100.0%")]
    [InlineData("3", "2", "66.7%")]
    [InlineData("2", "3", "150.0%")]
    [InlineData("1000", "0", "0.0%")]
    public void The_rate_is_rounded_only_for_display(string target, string delivered, string shown)
    {
        var t = decimal.Parse(target, CultureInfo.InvariantCulture);
        var d = decimal.Parse(delivered, CultureInfo.InvariantCulture);
        Assert.Equal(d / t, CompletionRules.Rate(t, d));
        Assert.Equal(shown, CompletionRules.Display(CompletionRules.Rate(t, d)));
    }

    [Fact]
    public void A_derived_figure_replaces_the_manual_one_when_there_are_records()
    {
        Assert.Equal((7m, true), CompletionRules.Counted(20m, 7m));
        Assert.Equal((20m, false), CompletionRules.Counted(20m, 0m));
        Assert.Equal((20m, false), CompletionRules.Counted(20m, null));
    }

    [Theory]
    [InlineData(CooperationIndicator.FiscalAid, "1.23", null)]
    [InlineData(CooperationIndicator.FiscalAid, "1.234", "两位小数")]
    [InlineData(CooperationIndicator.SecondedCadres, "2.5", "整数")]
    [InlineData(CooperationIndicator.PairedSchools, "-1", "负数")]
    [InlineData(CooperationIndicator.Enterprises, "10000001", "过大")]
    public void Figures_are_checked_by_the_indicator_unit(CooperationIndicator indicator, string value, string? error)
    {
        var message = CooperationIndicators.CheckFigure(indicator, decimal.Parse(value, CultureInfo.InvariantCulture), "目标");
        if (error is null) Assert.Null(message);
        else Assert.Contains(error, message);
    }

    [Fact]
    public void Every_indicator_has_a_label_and_unit()
    {
        Assert.All(Enum.GetValues<CooperationIndicator>(), i =>
        {
            var info = CooperationIndicators.Of(i);
            Assert.Equal(i, info.Indicator);
            Assert.False(string.IsNullOrEmpty(info.Label));
            Assert.Contains(info.Unit, new[] { "万元", "人", "个", "所" });
            Assert.Equal(info.Unit == "万元", info.Money);
        });
    }

    [Theory]
    [InlineData("370783", "山东省", true)]
    [InlineData("370783", "山东日照", true)]
    [InlineData("3707", " 山东省潍坊市", true)]
    [InlineData("370783", "浙江省", false)]
    [InlineData("370783", null, false)]
    [InlineData(null, "山东省", false)]
    [InlineData("450100", "广西南宁", true)]
    public void A_job_place_is_in_the_partner_province_by_its_name(string? code, string? place, bool inside) =>
        Assert.Equal(inside, Provinces.Names(code, place));
}
