using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;

namespace Jingzhun.Tests.Registry;

public sealed class RegionCodesTests
{
    [Theory]
    [InlineData("50", RegionLevel.Province, null)]
    [InlineData("5001", RegionLevel.City, "50")]
    [InlineData("500151", RegionLevel.County, "5001")]
    [InlineData("500151101", RegionLevel.Township, "500151")]
    [InlineData("500151101001", RegionLevel.Village, "500151101")]
    public void Level_and_parent_come_from_the_code_length(string code, RegionLevel level, string? parent)
    {
        Assert.Equal(level, RegionCodes.LevelOf(code));
        Assert.Equal(parent, RegionCodes.ParentOf(code));
    }

    [Fact]
    public void A_subtree_is_a_range_of_village_codes()
    {
        var (low, high) = RegionCodes.VillageRange("500151");
        Assert.Equal("500151000000", low);
        Assert.Equal("500151999999", high);
        Assert.True(string.CompareOrdinal("500151101001", low) >= 0 && string.CompareOrdinal("500151101001", high) <= 0);
        Assert.False(string.CompareOrdinal("500152001001", high) <= 0);
        Assert.Equal("500151000000", RegionCodes.Padded("500151"));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("50015")]
    [InlineData("50015a")]
    [InlineData("")]
    public void Invalid_codes_are_refused(string code) => Assert.False(RegionCodes.IsValid(code));
}
