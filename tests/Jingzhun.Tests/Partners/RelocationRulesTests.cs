using Jingzhun.Web.Modules.Partners.Relocation;
using Jingzhun.Web.Modules.Partners.Relocation.Rules;

namespace Jingzhun.Tests.Partners;

/// <summary>易地搬迁后续扶持 rules: 大型安置点 at the policy's number exactly, 就业率 unrounded, the checklist, a support's limits.</summary>
public sealed class RelocationRulesTests
{
    [Theory]
    [InlineData(799, 800, false)]
    [InlineData(800, 800, true)]
    [InlineData(801, 800, true)]
    [InlineData(0, 1, false)]
    public void A_site_is_large_from_the_policys_number_of_people_on(int people, int threshold, bool large) =>
        Assert.Equal(large, RelocationRules.IsLarge(people, threshold));

    [Fact]
    public void The_employment_rate_is_kept_unrounded_and_absent_without_labour()
    {
        Assert.Null(RelocationRules.Rate(0, 0));
        Assert.Equal(2m / 3m, RelocationRules.Rate(2, 3));
        Assert.Equal(1m, RelocationRules.Rate(5, 5));
        Assert.Equal("66.7%", RelocationPages.Percent(RelocationRules.Rate(2, 3)));
    }

    private static GoalCheck Item(IReadOnlyList<GoalCheck> list, string item) => list.Single(c => c.Item == item);

    [Fact]
    public void The_checklist_reads_the_registry_and_the_follow_up_record()
    {
        var none = RelocationRules.Checklist(new FollowUpFacts(false, false, false, 0, 0, false, null, null));
        Assert.Equal(GoalState.Unmet, Item(none, "已入住安置房").State);
        Assert.Equal(GoalState.NotApplicable, Item(none, "有劳动力的家庭至少一人就业").State);
        Assert.Equal(GoalState.NotApplicable, Item(none, "人均纯收入较上年增长").State);

        var idle = RelocationRules.Checklist(new FollowUpFacts(true, true, true, 2, 0, true, 9000m, 9000m));
        Assert.Equal(GoalState.Unmet, Item(idle, "有劳动力的家庭至少一人就业").State);
        Assert.Equal("劳动力 2 人，务工 0 人", Item(idle, "有劳动力的家庭至少一人就业").Basis);
        // Equal income is no growth; a fen more is.
        Assert.Equal(GoalState.Unmet, Item(idle, "人均纯收入较上年增长").State);
        var growing = RelocationRules.Checklist(new FollowUpFacts(true, true, true, 2, 1, true, 9000.01m, 9000m));
        Assert.All(growing, c => Assert.Equal(GoalState.Met, c.State));
    }

    [Theory]
    [InlineData(0.01, null)]
    [InlineData(0, "amount")]
    [InlineData(-5, "amount")]
    [InlineData(1000000, null)]
    [InlineData(1000000.01, "amount")]
    [InlineData(12.345, "amount")]
    public void A_supports_amount_is_above_zero_at_most_a_million_in_fen(double amount, string? field)
    {
        var today = new DateOnly(2026, 12, 7);
        Assert.Equal(field, RelocationRules.CheckSupport(SupportKind.WaterSubsidy, 2026, (decimal)amount, null, today)?.Field);
    }

    [Fact]
    public void A_support_is_of_a_year_not_ahead_paid_not_before_its_year_nor_after_today()
    {
        var today = new DateOnly(2026, 12, 7);
        Assert.Equal("year", RelocationRules.CheckSupport(SupportKind.IndustryFund, 2027, 100m, null, today)?.Field);
        Assert.Null(RelocationRules.CheckSupport(SupportKind.IndustryFund, 2026, 100m, today, today));
        Assert.Equal("paidOn", RelocationRules.CheckSupport(SupportKind.IndustryFund, 2026, 100m, today.AddDays(1), today)?.Field);
        Assert.Equal("paidOn", RelocationRules.CheckSupport(SupportKind.IndustryFund, 2026, 100m, new DateOnly(2025, 12, 31), today)?.Field);
        Assert.Null(RelocationRules.CheckSupport(SupportKind.IndustryFund, 2025, 100m, new DateOnly(2026, 1, 10), today));
        Assert.Equal("kind", RelocationRules.CheckSupport((SupportKind)99, 2026, 100m, null, today)?.Field);
    }
}
