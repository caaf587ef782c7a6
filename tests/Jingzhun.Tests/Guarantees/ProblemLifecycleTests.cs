using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Guarantees.Bulletins;

namespace Jingzhun.Tests.Guarantees;

public sealed class ProblemLifecycleTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 2, 0, 0, DateTimeKind.Utc);

    private static Problem New() =>
        Problem.Open(1, "500151101001", Dimension.Housing, ProblemSource.Rule, Severity.Urgent, "住房安全等级为D级", Now, "系统研判");

    [Fact]
    public void A_problem_goes_from_found_to_verified_with_a_return_on_the_way()
    {
        var p = New();
        Assert.Equal(ProblemStatus.Pending, p.Status);
        p.Assign("土桥镇人民政府", "王镇长", new DateOnly(2026, 12, 1), Now, "tuqiao");
        p.Start(null, Now, "village");
        p.Resolve("完成危房改造", "改造后鉴定为A级", ["photo1"], Now, "village");
        Assert.NotNull(p.ResolvedAt);
        p.Return("缺少鉴定报告", Now, "tuqiao");
        Assert.Equal(ProblemStatus.InProgress, p.Status);
        Assert.Null(p.ResolvedAt);
        Assert.Equal(1, p.ReturnCount);
        p.Resolve("完成危房改造", "附鉴定报告", [], Now, "village");
        p.Verify(null, Now, "tuqiao");
        Assert.Equal(ProblemStatus.Verified, p.Status);
        Assert.False(p.IsOpen);
        Assert.Equal(7, p.Events.Count);
        Assert.Equal(7, p.Version);
    }

    [Theory]
    [InlineData(ProblemTransition.Start)]
    [InlineData(ProblemTransition.Resolve)]
    [InlineData(ProblemTransition.Verify)]
    [InlineData(ProblemTransition.Return)]
    public void Only_assignment_is_allowed_on_a_new_problem(ProblemTransition t)
    {
        var p = New();
        Assert.False(p.CanApply(t));
        // The step named by the parameter itself is refused, naming the state it is in.
        Action step = t switch
        {
            ProblemTransition.Start => () => p.Start(null, Now, "x"),
            ProblemTransition.Resolve => () => p.Resolve("修缮完毕", "现场照片", ["photo"], Now, "x"),
            ProblemTransition.Verify => () => p.Verify(null, Now, "x"),
            _ => () => p.Return("不符合要求", Now, "x"),
        };
        var e = Assert.Throws<InvalidOperationException>(step);
        Assert.Contains("待交办", e.Message);
    }

    [Fact]
    public void Overdue_means_assigned_or_in_progress_past_the_deadline()
    {
        var p = New();
        p.Assign("镇政府", "王", new DateOnly(2026, 11, 30), Now, "tuqiao");
        Assert.False(p.IsOverdueOn(new DateOnly(2026, 11, 30)));
        Assert.True(p.IsOverdueOn(new DateOnly(2026, 12, 1)));
        p.Start(null, Now, "v");
        p.Resolve("措施", "佐证", [], Now, "v");
        Assert.False(p.IsOverdueOn(new DateOnly(2026, 12, 1)));
    }
}

public sealed class PeriodTests
{
    [Theory]
    [InlineData("2026-11", false, "2026-11-01", "2026-12-01", 11)]
    [InlineData("2026-12", false, "2026-12-01", "2027-01-01", 12)]
    [InlineData("2026-W48", true, "2026-11-23", "2026-11-30", 48)]
    [InlineData("2026-W53", true, "2026-12-28", "2027-01-04", 53)]   // 2026 has 53 ISO weeks
    [InlineData("2027-W01", true, "2027-01-04", "2027-01-11", 1)]
    public void Periods_are_months_or_iso_weeks(string key, bool week, string first, string end, int number)
    {
        Assert.True(Period.TryParse(key, out var p));
        Assert.Equal(week, p.IsWeek);
        Assert.Equal(DateOnly.Parse(first), p.FirstDay);
        Assert.Equal(DateOnly.Parse(end), p.EndDay);
        Assert.Equal(number, p.Number);
        // Beijing midnight is 16:00 UTC the day before.
        Assert.Equal(DateOnly.Parse(first).ToDateTime(new TimeOnly(16, 0)).AddDays(-1), p.StartUtc);
    }

    [Theory]
    [InlineData("2027-W01", "2026-W53")]
    [InlineData("2026-01", "2025-12")]
    public void The_previous_period_crosses_year_boundaries(string key, string previous)
    {
        Assert.True(Period.TryParse(key, out var p));
        Assert.Equal(previous, p.Previous().Key);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-W54")]
    [InlineData("2025-W53")]   // 2025 has 52 ISO weeks
    [InlineData("November")]
    [InlineData("")]
    public void Bad_period_keys_are_refused(string key) => Assert.False(Period.TryParse(key, out _));
}
