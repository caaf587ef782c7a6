using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Policies;

namespace Jingzhun.Web.Modules.Projects.Warnings;

public sealed record ProjectWarningValues(
    [property: PolicyField("计划下达后未开工预警天数", 1, 730, Unit = "天", Hint = "计划下达超过此天数仍未开工的项目列入预警")] int NotStartedDays,
    [property: PolicyField("竣工后未验收预警天数", 1, 730, Unit = "天", Hint = "竣工超过此天数仍未验收的项目列入预警")] int NotAcceptedDays,
    [property: PolicyField("实施进度落后预警", 1, 100, Unit = "个百分点", Hint = "已开工项目的实施进度落后按计划工期应达进度超过此百分点的列入预警")] int BehindProgressPoints);

/// <summary>项目预警 (issue 17): per county and year; a county admin sets their county, a national admin the default.</summary>
public sealed class ProjectWarningPolicyTable : PolicyTable<ProjectWarningPolicy, ProjectWarningValues, CountyPolicyView<ProjectWarningValues>>
{
    public override string Key => "project-warnings";
    public override string Title => "项目预警规则";
    public override string Description => "衔接资金项目计划下达后多少天未开工、实施进度落后计划多少个百分点、竣工后多少天未验收列入预警（按区县、年度）。";
    public override string DefaultName => "默认规则";
    public override int FirstYear => 2021;
    public override PolicyApi Api => new("/projects/warning-policies", "衔接项目", Permissions.ProjectsView, "项目预警规则（按区县、年度）",
        "设置某区县某年度起的项目预警天数（county=default 为默认值）");

    public override IEnumerable<ProjectWarningPolicy> Defaults() => [ProjectWarningPolicy.Default(FirstYear)];
    public override ProjectWarningPolicy Fallback(int year) => ProjectWarningPolicy.Default(year);
    public override CountyPolicyView<ProjectWarningValues> View(ProjectWarningPolicy row) => new(row.CountyCode, row.Year, ValuesOf(row), row.Version);
}
