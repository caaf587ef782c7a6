using Jingzhun.Web.Modules.Projects;
using Jingzhun.Web.Modules.Projects.Assets;

namespace Jingzhun.Tests.Projects;

/// <summary>
/// The asset ledger's rules (issue 17): a 分配方案 shares out exactly its income (a fen less or more is refused), equal
/// shares always add up to the total to the fen, and the class a project's asset defaults to.
/// </summary>
public sealed class AssetRulesTests
{
    [Theory]
    [InlineData("49.99", "尚有 0.01 元未分配")]
    [InlineData("50", null)]
    [InlineData("50.01", "超过收益")]
    public void A_plan_shares_out_exactly_its_income(string lastShare, string? error)
    {
        var result = AssetRules.CheckPlan(1000m, 600m, 200m, [150m, decimal.Parse(lastShare, System.Globalization.CultureInfo.InvariantCulture)]);
        if (error is null) Assert.Null(result);
        else Assert.Contains(error, result);
    }

    [Fact]
    public void A_plan_refuses_negative_parts_and_empty_dividends()
    {
        Assert.NotNull(AssetRules.CheckPlan(100m, -1m, 101m, []));
        Assert.NotNull(AssetRules.CheckPlan(100m, 100m, 0m, [0m]));
        Assert.Null(AssetRules.CheckPlan(100m, 100m, 0m, []));
    }

    [Theory]
    [InlineData("100", 3, new[] { "33.34", "33.33", "33.33" })]
    [InlineData("0.02", 3, new[] { "0.01", "0.01", "0" })]
    [InlineData("200", 1, new[] { "200" })]
    [InlineData("10.05", 2, new[] { "5.03", "5.02" })]
    public void Equal_shares_add_up_to_the_total_to_the_fen(string total, int count, string[] expected)
    {
        var t = decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture);
        var shares = AssetRules.EqualShares(t, count);
        Assert.Equal(expected.Select(e => decimal.Parse(e, System.Globalization.CultureInfo.InvariantCulture)), shares);
        Assert.Equal(t, shares.Sum());
    }

    [Theory]
    [InlineData(ProjectCategory.Industry, AssetRecipient.VillageCollective, AssetClass.Operating)]
    [InlineData(ProjectCategory.Employment, AssetRecipient.Township, AssetClass.Operating)]
    [InlineData(ProjectCategory.Construction, AssetRecipient.VillageCollective, AssetClass.PublicWelfare)]
    [InlineData(ProjectCategory.Industry, AssetRecipient.Households, AssetClass.Household)]
    public void A_projects_asset_defaults_to_the_class_its_category_and_recipient_suggest(ProjectCategory category, AssetRecipient to, AssetClass expected) =>
        Assert.Equal(expected, AssetRules.DefaultClass(category, to));

    [Theory]
    [InlineData(AssetClass.Household, AssetRecipient.Households, true)]
    [InlineData(AssetClass.Household, AssetRecipient.VillageCollective, false)]
    [InlineData(AssetClass.Operating, AssetRecipient.Households, false)]
    [InlineData(AssetClass.Operating, AssetRecipient.VillageCollective, true)]
    public void Only_a_household_asset_is_owned_by_a_household(AssetClass cls, AssetRecipient owner, bool fits) =>
        Assert.Equal(fits, AssetRules.OwnerFits(cls, owner));
}
