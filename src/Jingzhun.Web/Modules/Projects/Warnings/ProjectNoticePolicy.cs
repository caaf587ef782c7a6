using FluentValidation;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Projects.Warnings;

/// <summary>
/// 项目公告公示 of a county ("" = the default) from a year on: the 监督举报电话 printed on the 公示 of the county's projects
/// of that year and later (the
/// county's 乡村振兴部门 line). The default is the national 12317, which the 公示 also shows beside a county's own number.
/// </summary>
[Platform.Data.NotScoped("the notice's phone per county (or the default), read by every region under it")]
public sealed class ProjectNoticePolicy : CountyPolicyRow
{
    public const string NationalPhone = "12317";
    public const int PhoneMaxLength = 30;

    public string SupervisionPhone { get; set; } = NationalPhone;

    public static ProjectNoticePolicy Default(int year) => new() { CountyCode = "", Year = year, SupervisionPhone = NationalPhone };

    protected override string AuditTitle => "项目公告公示";
}

public sealed class ProjectNoticePolicyConfiguration : IEntityTypeConfiguration<ProjectNoticePolicy>
{
    public void Configure(EntityTypeBuilder<ProjectNoticePolicy> builder)
    {
        builder.IsPolicyTable("project_notice_policies");
        builder.Property(x => x.SupervisionPhone).HasMaxLength(ProjectNoticePolicy.PhoneMaxLength);
    }
}

public sealed record ProjectNoticeValues(
    [property: PolicyField("监督举报电话", Hint = "印在项目公告公示上，如 023-45671234；多个号码用“、”分隔")]
    [property: Platform.Problems.Text(ProjectNoticePolicy.PhoneMaxLength, "监督举报电话", typeof(ProjectNoticePolicy), nameof(ProjectNoticePolicy.SupervisionPhone))]
    string SupervisionPhone);

/// <summary>A phone line as a notice prints it: digits, with “-”, “、”, spaces or brackets; at most 30 characters, at least 5 digits.</summary>
public sealed class ProjectNoticeValuesValidator : AbstractValidator<ProjectNoticeValues>
{
    public ProjectNoticeValuesValidator()
    {
        RuleFor(v => v.SupervisionPhone).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("请填写监督举报电话")
            .MaximumLength(ProjectNoticePolicy.PhoneMaxLength).WithMessage($"监督举报电话不能超过{ProjectNoticePolicy.PhoneMaxLength}个字符")
            .Matches(@"^[0-9\-、 ()（）]+$").WithMessage("监督举报电话只能包含数字、“-”、“、”、空格和括号")
            .Must(p => p.Count(char.IsAsciiDigit) >= 5).WithMessage("监督举报电话至少应有5位数字");
    }
}

/// <summary>项目公告公示 (issue 17): per county and year; a county admin sets their county's phone, a national admin the default.</summary>
public sealed class ProjectNoticePolicyTable : PolicyTable<ProjectNoticePolicy, ProjectNoticeValues, CountyPolicyView<ProjectNoticeValues>>
{
    public override string Key => "project-notices";
    public override string Title => "项目公告公示";
    public override string Description => "项目公告公示上印的监督举报电话（按区县、年度）；未设置的区县印全国乡村振兴监督举报电话12317。";
    public override string DefaultName => "默认（12317）";
    public override int FirstYear => 2021;
    public override PolicyApi Api => new("/projects/notice-policies", "衔接项目", Permissions.ProjectsView, "项目公告公示（按区县、年度）",
        "设置某区县某年度起项目公示的监督举报电话（county=default 为默认值）");

    public override ProjectNoticeValues Normalize(ProjectNoticeValues values) => values with { SupervisionPhone = values.SupervisionPhone.Trim() };
    public override IEnumerable<ProjectNoticePolicy> Defaults() => [ProjectNoticePolicy.Default(FirstYear)];
    public override ProjectNoticePolicy Fallback(int year) => ProjectNoticePolicy.Default(year);
    public override CountyPolicyView<ProjectNoticeValues> View(ProjectNoticePolicy row) => new(row.CountyCode, row.Year, ValuesOf(row), row.Version);
}
