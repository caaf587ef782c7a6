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

    // A 300-day plan, 150 days gone: the plan expects exactly 50%. With 20 points allowed, progress 30% is at the limit
    // (50 − 30 = 20, not more), 29% is beyond it; a 7-day plan, 1 day gone, expects 14.2857…%: 0% progress is behind
    // by less than 15 points (not warned), and beyond 14 (warned) — never a rounded percentage against the limit.
    [Theory]
    [InlineData(300, 150, 31, 20, false)]
    [InlineData(300, 150, 30, 20, false)]
    [InlineData(300, 150, 29, 20, true)]
    [InlineData(7, 1, 0, 15, false)]
    [InlineData(7, 1, 0, 14, true)]
    [InlineData(300, 0, 0, 20, false)]     // starts today: nothing expected yet
    public void A_started_project_is_warned_when_its_progress_is_behind_its_planned_time_by_more_than_the_countys_points(
        int plannedDays, int elapsedDays, int progress, int points, bool warned)
    {
        var start = Today.AddDays(-elapsedDays);
        var w = ProjectRules.Warning(ProjectStage.Started, start.AddDays(-10), null, start.AddDays(plannedDays), progress, Today, 60, 90, start, points);
        Assert.Equal(warned, w is not null);
        if (warned) Assert.Equal($"实施进度{progress}%，按计划工期应达约{elapsedDays * 100 / plannedDays}%，落后超过{points}个百分点", w);
    }

    [Fact]
    public void The_progress_check_is_off_without_points_and_an_overdue_project_reads_as_overdue() =>
        Assert.Multiple(
            () => Assert.Null(ProjectRules.Warning(ProjectStage.Started, null, null, Today.AddDays(10), 0, Today, 60, 90, Today.AddDays(-300), 0)),
            () => Assert.StartsWith("已过计划完工日期", ProjectRules.Warning(ProjectStage.Started, null, null, Today.AddDays(-1), 0, Today, 60, 90, Today.AddDays(-300), 20)));

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
        // 验收不合格: accepted again after putting it right, no handover before it passes.
        Assert.True(ProjectRules.CanApply(ProjectStage.Accepted, ProjectStep.Accept, AcceptanceResult.Failed));
        Assert.False(ProjectRules.CanApply(ProjectStage.Accepted, ProjectStep.HandOver, AcceptanceResult.Failed));
        Assert.False(ProjectRules.CanApply(ProjectStage.Accepted, ProjectStep.Accept, AcceptanceResult.Passed));
        Assert.True(ProjectRules.CanApply(ProjectStage.Accepted, ProjectStep.HandOver, AcceptanceResult.PassedAfterFixes));
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
