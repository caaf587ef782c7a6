using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.Rules;

namespace Jingzhun.Tests.Registry;

// GB 11643-1999 as stated in DOMAIN.md §2.
public sealed class IdNumberRuleTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Theory]
    [InlineData("11010519491231002X", 1949, 12, 31, Gender.Female)] // the standard's own example
    [InlineData("11010519491231002x", 1949, 12, 31, Gender.Female)] // lowercase x accepted
    [InlineData(" 11010519491231002X ", 1949, 12, 31, Gender.Female)]
    public void Accepts_valid_numbers_and_derives_birth_and_gender(string raw, int y, int m, int d, Gender gender)
    {
        Assert.True(IdNumberRule.TryParse(raw, Today, out var info, out var error), error);
        Assert.Equal("11010519491231002X", info!.Normalized);
        Assert.Equal(new DateOnly(y, m, d), info.BirthDate);
        Assert.Equal(gender, info.Gender);
        Assert.Equal("110105", info.AddressCode);
        Assert.False(info.IsLegacy);
    }

    [Theory]
    [InlineData("110105194912310021", "校验位不符")]
    [InlineData("5.00151E+17", "设置单元格格式为“文本”")]
    [InlineData("5.00151196803153E+17", "科学计数法")]
    [InlineData("110105194902300024", "不是有效日期")] // 30 February
    [InlineData("110105203001010011", "晚于今天")]
    [InlineData("11010519491231002", "应为18位")]
    [InlineData("1101051949123100AX", "前17位应为数字")]
    [InlineData("", "请填写")]
    public void Refuses_invalid_numbers_with_a_chinese_reason(string raw, string reason)
    {
        Assert.False(IdNumberRule.TryParse(raw, Today, out _, out var error));
        Assert.Contains(reason, error);
        Assert.DoesNotContain("应为X", error);   // the right check character is never told
    }

    [Fact]
    public void Check_character_maps_remainders_as_the_standard_says()
    {
        // The sum of weights × digits mod 11 maps 0..10 to 1 0 X 9 8 7 6 5 4 3 2.
        Assert.Equal('X', IdNumberRule.CheckCharacter("11010519491231002"));
        var composed = IdNumberRule.Compose("500151", new DateOnly(1980, 5, 17), 123, Gender.Male);
        Assert.True(IdNumberRule.TryParse(composed, Today, out var info, out _));
        Assert.Equal(Gender.Male, info!.Gender);
        Assert.Equal(new DateOnly(1980, 5, 17), info.BirthDate);
    }

    [Fact]
    public void Birth_date_today_is_accepted_and_tomorrow_refused()
    {
        var today = IdNumberRule.Compose("500151", Today, 11, Gender.Male);
        var tomorrow = IdNumberRule.Compose("500151", Today.AddDays(1), 11, Gender.Male);
        Assert.True(IdNumberRule.TryParse(today, Today, out _, out _));
        Assert.False(IdNumberRule.TryParse(tomorrow, Today, out _, out var error));
        Assert.Contains("晚于今天", error);
    }

    [Theory]
    [InlineData("110105491231002", 1949, 12, 31, Gender.Female)] // 15-digit legacy: 6-digit date, no check
    [InlineData("500224800517123", 1980, 5, 17, Gender.Male)]
    public void Accepts_legacy_15_digit_numbers_and_flags_them(string raw, int y, int m, int d, Gender gender)
    {
        Assert.True(IdNumberRule.TryParse(raw, Today, out var info, out _));
        Assert.True(info!.IsLegacy);
        Assert.Equal(new DateOnly(y, m, d), info.BirthDate);
        Assert.Equal(gender, info.Gender);
    }

    [Fact]
    public void Legacy_number_with_an_impossible_date_is_refused()
    {
        Assert.False(IdNumberRule.TryParse("110105491331002", Today, out _, out var error));
        Assert.Contains("不是有效日期", error);
    }

    [Theory]
    [InlineData("11010519491231002X", "110105***********X")]
    [InlineData("500151198005171236", "500151***********6")]
    [InlineData("110105491231002", "110105*********")]
    public void Masks_all_but_the_address_code_and_the_check_character(string normalized, string masked) =>
        Assert.Equal(masked, IdNumberRule.Mask(normalized));
}
