using Jingzhun.Web.Modules.Employment.Rules;
using Jingzhun.Web.Modules.Employment.WorkMonitoring;

namespace Jingzhun.Tests.Employment;

/// <summary>务工监测 completion against the 务工规模目标: exact at the target, rounded only for display (issue 13).</summary>
public sealed class TargetRulesTests
{
    [Theory]
    [InlineData(769_300, 769_299, true)]       // just above the target
    [InlineData(769_299, 769_299, true)]       // at the target
    [InlineData(769_298, 769_299, false)]      // just below: 99.9999% is not met, though it shows as 100.0%
    public void The_target_is_met_from_the_exact_number_on(int employed, int target, bool reached)
    {
        Assert.Equal(reached, TargetRules.Reached(employed, target));
        if (!reached) Assert.Equal(100.0, TargetRules.Percent(employed, target)); // the display rounds; the rule does not
    }

    [Fact]
    public void The_seeds_completion_shows_as_102_4_percent() =>
        Assert.Equal(102.4, TargetRules.Percent(769_300, 751_270));

    [Theory]
    [InlineData(5000, 4000, 5000)]     // the county's own target
    [InlineData(0, 4000, 4000)]        // none set: not below last year's figure
    [InlineData(null, 4000, 4000)]
    [InlineData(0, null, null)]        // neither: no target, no completion
    public void A_county_without_its_own_target_aims_at_last_years_figure(int? own, int? lastYear, int? expected) =>
        Assert.Equal(expected, TargetRules.TargetOf(own, lastYear));

    [Fact]
    public void Ranking_compares_exact_fractions_and_puts_places_without_a_target_last()
    {
        // 2/3 and 666,667/1,000,000 both show 66.7%: the larger fraction ranks first.
        Assert.True(TargetRules.CompareCompletion(666_667, 1_000_000, 2, 3) < 0);
        Assert.True(TargetRules.CompareCompletion(2, 3, 666_667, 1_000_000) > 0);
        Assert.Equal(0, TargetRules.CompareCompletion(2, 4, 1, 2));
        Assert.True(TargetRules.CompareCompletion(1, 100, 100, null) < 0);
        Assert.Equal(0, TargetRules.CompareCompletion(1, null, 5, 0));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(WorkTargetPolicy.MaxTarget, true)]
    [InlineData(WorkTargetPolicy.MaxTarget + 1, false)]
    public void The_target_lies_between_zero_and_its_maximum(int target, bool valid) =>
        Assert.Equal(valid, new WorkTargetValuesValidator().Validate(new WorkTargetValues(target)).IsValid);
}
