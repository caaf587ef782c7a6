using Jingzhun.Web.Modules.Projects;
using Jingzhun.Web.Modules.Projects.Rules;

namespace Jingzhun.Tests.Projects;

/// <summary>项目预警 at its limits (issue 17): the county's days for 未开工 and 未验收, the project's own plan for 未竣工.</summary>
public sealed class ProjectRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);
    private static readonly DateOnly FarEnd = new(2027, 6, 30);

    [Theory]
    [InlineData(59, false)]
    [InlineData(60, false)]
    [InlineData(61, true)]
    public void A_plan_not_started_is_warned_after_the_countys_days(int daysAgo, bool warned)
    {
        var w = ProjectRules.Warning(ProjectStage.Planned, Today.AddDays(-daysAgo), null, FarEnd, 0, Today, 60, 90);
        Assert.Equal(warned, w is not null);
        if (warned) Assert.Equal($"计划下达已{daysAgo}天未开工（超过60天）", w);
    }

    [Theory]
    [InlineData(89, false)]
    [InlineData(90, false)]
    [InlineData(91, true)]
    public void A_completed_project_is_warned_when_not_accepted_after_the_countys_days(int daysAgo, bool warned) =>
        Assert.Equal(warned, ProjectRules.Warning(ProjectStage.Completed, Today.AddDays(-200), Today.AddDays(-daysAgo), FarEnd, 100, Today, 60, 90) is not null);

    [Theory]
    [InlineData(1, false)]   // planned to end tomorrow
    [InlineData(0, false)]   // planned to end today: not yet late
    [InlineData(-1, true)]   // planned to end yesterday
    public void A_started_project_is_behind_from_the_day_after_its_planned_completion(int endInDays, bool warned)
    {
        var end = Today.AddDays(endInDays);
        var w = ProjectRules.Warning(ProjectStage.Started, Today.AddDays(-300), null, end, 40, Today, 60, 90);
        Assert.Equal(warned, w is not null);
        if (warned) Assert.Equal("已过计划完工日期（2026-12-04）1天仍未竣工，实施进度40%", w);
    }

    [Fact]
    public void After_acceptance_come_the_asset_handover_then_the_performance_evaluation_and_no_step_is_skipped()
    {
        Assert.True(ProjectRules.CanApply(ProjectStage.Accepted, ProjectStep.HandOver));
        Assert.False(ProjectRules.CanApply(ProjectStage.Completed, ProjectStep.HandOver));
        Assert.False(ProjectRules.CanApply(ProjectStage.Accepted, ProjectStep.Evaluate));
        Assert.True(ProjectRules.CanApply(ProjectStage.HandedOver, ProjectStep.Evaluate));
        Assert.Equal(ProjectStage.HandedOver, ProjectRules.Target(ProjectStage.Accepted, ProjectStep.HandOver));
        Assert.Equal(ProjectStage.Evaluated, ProjectRules.Target(ProjectStage.HandedOver, ProjectStep.Evaluate));
        // Nothing follows the evaluation, and a handed-over project is not terminated.
        Assert.DoesNotContain(Enum.GetValues<ProjectStep>(), s => ProjectRules.CanApply(ProjectStage.Evaluated, s));
        Assert.False(ProjectRules.CanApply(ProjectStage.HandedOver, ProjectStep.Terminate));
    }

    [Theory]
    [InlineData(ProjectStage.Proposed, false)]
    [InlineData(ProjectStage.Approved, false)]
    [InlineData(ProjectStage.Planned, true)]
    [InlineData(ProjectStage.Accepted, true)]
    [InlineData(ProjectStage.HandedOver, true)]
    [InlineData(ProjectStage.Evaluated, true)]
    [InlineData(ProjectStage.Terminated, false)]
    public void Money_is_paid_from_the_plans_issue_on_and_never_after_termination(ProjectStage stage, bool pays) =>
        Assert.Equal(pays, ProjectRules.MayPay(stage));

    [Theory]
    [InlineData(ProjectStage.Approved)]
    [InlineData(ProjectStage.Completed)]
    [InlineData(ProjectStage.Accepted)]
    [InlineData(ProjectStage.Terminated)]
    public void Only_a_started_project_is_behind_its_planned_completion(ProjectStage stage) =>
        Assert.Null(ProjectRules.Warning(stage, null, Today, Today.AddDays(-100), 40, Today, 60, 90));
}
