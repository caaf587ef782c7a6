using Jingzhun.Web.Modules.Projects.Warnings;

namespace Jingzhun.Tests.Projects;

/// <summary>
/// The 监督举报电话 a county prints on its 项目公告公示: at most 30 characters (29 / 30 / 31), at least 5 digits (4 / 5 / 6),
/// only digits, “-”, “、”, spaces and brackets.
/// </summary>
public sealed class ProjectNoticePolicyTests
{
    private static string? Error(string phone) =>
        new ProjectNoticeValuesValidator().Validate(new ProjectNoticeValues(phone)).Errors.FirstOrDefault()?.ErrorMessage;

    [Theory]
    [InlineData(29, null)]
    [InlineData(30, null)]
    [InlineData(31, "监督举报电话不能超过30个字符")]
    public void The_phone_is_at_most_30_characters(int length, string? error) =>
        Assert.Equal(error, Error("023-" + new string('1', length - 4)));

    [Theory]
    [InlineData("1231", "监督举报电话至少应有5位数字")]
    [InlineData("12317", null)]
    [InlineData("123170", null)]
    [InlineData("(023)-1", "监督举报电话至少应有5位数字")]
    public void The_phone_has_at_least_5_digits(string phone, string? error) => Assert.Equal(error, Error(phone));

    [Theory]
    [InlineData("023-45671234、12317", null)]
    [InlineData("（023）4567 1234", null)]
    [InlineData("023-4567ABC", "监督举报电话只能包含数字、“-”、“、”、空格和括号")]
    [InlineData("", "请填写监督举报电话")]
    public void The_phone_is_digits_with_separators(string phone, string? error) => Assert.Equal(error, Error(phone));
}
