namespace Jingzhun.Web.Modules.Projects.Rules;

/// <summary>What a project may do next and when it is late: pure functions of its stage, dates and the county's policy.</summary>
public static class ProjectRules
{
    /// <summary>
    /// Each step and the stages it may be taken from; no step is skipped (申报 → 审核 → 论证入库 → 计划下达 → 开工 → 竣工 → 验收 →
    /// 资产移交 → 绩效评价).
    /// </summary>
    public static readonly IReadOnlyDictionary<ProjectStep, ProjectStage[]> Allowed = new Dictionary<ProjectStep, ProjectStage[]>
    {
        [ProjectStep.Review] = [ProjectStage.Proposed],
        [ProjectStep.Approve] = [ProjectStage.Reviewed],
        [ProjectStep.IssuePlan] = [ProjectStage.Approved],
        [ProjectStep.Start] = [ProjectStage.Planned],
        [ProjectStep.Progress] = [ProjectStage.Started],
        [ProjectStep.Complete] = [ProjectStage.Started],
        [ProjectStep.Accept] = [ProjectStage.Completed],
        [ProjectStep.HandOver] = [ProjectStage.Accepted],
        [ProjectStep.Evaluate] = [ProjectStage.HandedOver],
        [ProjectStep.Adjust] = [ProjectStage.Approved, ProjectStage.Planned, ProjectStage.Started],
        [ProjectStep.Terminate] = [ProjectStage.Proposed, ProjectStage.Reviewed, ProjectStage.Approved, ProjectStage.Planned, ProjectStage.Started],
    };

    public static bool CanApply(ProjectStage stage, ProjectStep step) => Allowed.TryGetValue(step, out var from) && from.Contains(stage);

    /// <summary>
    /// As <see cref="CanApply(ProjectStage, ProjectStep)"/>, with the acceptance's result: a project that failed its
    /// 验收 is put right and accepted again (重新验收), and leaves no asset to hand over until it passes.
    /// </summary>
    public static bool CanApply(ProjectStage stage, ProjectStep step, AcceptanceResult? result) => (stage, step, result) switch
    {
        (ProjectStage.Accepted, ProjectStep.Accept, AcceptanceResult.Failed) => true,
        (ProjectStage.Accepted, ProjectStep.HandOver, AcceptanceResult.Failed) => false,
        _ => CanApply(stage, step),
    };

    /// <summary>The stage after a step (progress and adjustment keep the stage).</summary>
    public static ProjectStage Target(ProjectStage stage, ProjectStep step) => step switch
    {
        ProjectStep.Review => ProjectStage.Reviewed,
        ProjectStep.Approve => ProjectStage.Approved,
        ProjectStep.IssuePlan => ProjectStage.Planned,
        ProjectStep.Start => ProjectStage.Started,
        ProjectStep.Complete => ProjectStage.Completed,
        ProjectStep.Accept => ProjectStage.Accepted,
        ProjectStep.HandOver => ProjectStage.HandedOver,
        ProjectStep.Evaluate => ProjectStage.Evaluated,
        ProjectStep.Terminate => ProjectStage.Terminated,
        _ => stage,
    };

    /// <summary>Steps that need a reason written down (调整, 终止).</summary>
    public static bool NeedsReason(ProjectStep step) => step is ProjectStep.Adjust or ProjectStep.Terminate;

    /// <summary>The smallest region holding every village: the village itself, their township, or their county.</summary>
    public static string CommonRegion(IReadOnlyList<string> villages)
    {
        foreach (var digits in new[] { 12, 9, 6 })
            if (villages.All(v => v[..digits] == villages[0][..digits])) return villages[0][..digits];
        return villages[0][..6];
    }

    /// <summary>
    /// The warning of a project on a day, or null: its plan was issued more than <paramref name="notStartedDays"/> days ago
    /// and it has not started; or it started and is still not completed after its planned completion day (its own plan,
    /// as last adjusted, is the limit); or it started and its reported progress is more than <paramref name="behindPoints"/>
    /// percentage points behind the share of its planned time that has passed (compared exactly, in whole days, never a
    /// rounded percentage; 0 = not checked); or it was completed more than <paramref name="notAcceptedDays"/> days ago
    /// and is not accepted.
    /// </summary>
    public static string? Warning(ProjectStage stage, DateOnly? planIssuedOn, DateOnly? completedOn, DateOnly plannedEnd, int progress,
        DateOnly today, int notStartedDays, int notAcceptedDays, DateOnly? plannedStart = null, int behindPoints = 0)
    {
        if (stage == ProjectStage.Planned && planIssuedOn is { } p && today.DayNumber - p.DayNumber > notStartedDays)
            return $"计划下达已{today.DayNumber - p.DayNumber}天未开工（超过{notStartedDays}天）";
        if (stage == ProjectStage.Started && today > plannedEnd)
            return $"已过计划完工日期（{plannedEnd:yyyy-MM-dd}）{today.DayNumber - plannedEnd.DayNumber}天仍未竣工，实施进度{progress}%";
        if (stage == ProjectStage.Started && plannedStart is { } start && Behind(start, plannedEnd, today, progress, behindPoints) is { } expected)
            return $"实施进度{progress}%，按计划工期应达约{expected}%，落后超过{behindPoints}个百分点";
        if (stage == ProjectStage.Completed && completedOn is { } c && today.DayNumber - c.DayNumber > notAcceptedDays)
            return $"竣工已{today.DayNumber - c.DayNumber}天未验收（超过{notAcceptedDays}天）";
        return null;
    }

    /// <summary>
    /// The progress the plan expects by today (whole percent, for display) when the reported progress is more than
    /// <paramref name="points"/> behind it, else null. Expected = elapsed ÷ planned days × 100; the test is
    /// elapsed × 100 − progress × planned &gt; points × planned, in integers.
    /// </summary>
    public static long? Behind(DateOnly plannedStart, DateOnly plannedEnd, DateOnly today, int progress, int points)
    {
        long planned = plannedEnd.DayNumber - plannedStart.DayNumber;
        if (points <= 0 || planned <= 0 || today <= plannedStart) return null;
        long elapsed = Math.Min(today.DayNumber - plannedStart.DayNumber, planned);
        return elapsed * 100 - (long)progress * planned > (long)points * planned ? elapsed * 100 / planned : null;
    }

    /// <summary>The stages in which money may be paid: from the plan's issue on (尾款 after 验收 and 移交 included), never after 终止.</summary>
    public static bool MayPay(ProjectStage stage) => stage is ProjectStage.Planned or ProjectStage.Started or ProjectStage.Completed
        or ProjectStage.Accepted or ProjectStage.HandedOver or ProjectStage.Evaluated;

    /// <summary>Whether adding <paramref name="amount"/> to <paramref name="used"/> stays within <paramref name="limit"/> (exact decimals).</summary>
    public static bool Fits(decimal used, decimal amount, decimal limit) => used + amount <= limit;
}
