using Jingzhun.Web.Modules.Employment;
using Jingzhun.Web.Modules.Employment.Rules;
using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Registry;

namespace Jingzhun.Tests.Employment;

/// <summary>小额信贷 and 就业 rules at their limits (issue 13).</summary>
public sealed class EmploymentRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);
    private static readonly MonitoringPolicy Policy = MonitoringPolicy.NationalFloor(2026);

    private static LoanTerms Terms(decimal amount, DateOnly issued, DateOnly due) =>
        new("农商行", "HT1", amount, issued, due, 3.45m, 0m, null, LoanUse.Farming, null);

    [Theory]
    [InlineData("50000.00", null)]
    [InlineData("50000.01", "amount")]
    [InlineData("0", "amount")]
    [InlineData("100.001", "amount")]
    public void Amount_limits(string amount, string? field) =>
        Assert.Equal(field, LoanRules.Check(Terms(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Today.AddDays(-1), Today.AddYears(1)), Policy, Today)?.Field);

    [Theory]
    [InlineData("2024-02-29", "2027-02-28", null)]     // three years from a leap day ends on the month's last day
    [InlineData("2024-02-29", "2027-03-01", "dueOn")]
    [InlineData("2024-03-01", "2024-03-01", "dueOn")]  // due on the issue day
    public void Term_limits(string issued, string due, string? field) =>
        Assert.Equal(field, LoanRules.Check(Terms(10_000m, DateOnly.Parse(issued), DateOnly.Parse(due)), Policy, Today)?.Field);

    [Theory]
    [InlineData(HouseholdStatus.Exited, true)]
    [InlineData(HouseholdStatus.Monitored, true)]
    [InlineData(HouseholdStatus.Ordinary, false)]
    [InlineData(HouseholdStatus.NotExited, false)]
    public void Eligible_households(HouseholdStatus s, bool eligible) => Assert.Equal(eligible, LoanRules.IsEligible(s));

    [Theory]
    [InlineData(0, false)]
    [InlineData(29, false)]
    [InlineData(30, true)]
    public void Overdue_days_raise_a_lead_at_the_policy_value(int daysOverdue, bool raises)
    {
        var due = Today.AddDays(-daysOverdue);
        Assert.Equal(raises, LoanRules.RaisesLead(LoanStatus.Active, due, Today, 30));
        Assert.False(LoanRules.RaisesLead(LoanStatus.Repaid, due, Today, 30));
    }

    [Fact]
    public void A_repayment_never_exceeds_the_balance()
    {
        Assert.Null(LoanRules.CheckRepayment(Today, 100m, 0m, 100m, Today.AddDays(-1), Today));
        Assert.Equal("principal", LoanRules.CheckRepayment(Today, 100.01m, 0m, 100m, Today.AddDays(-1), Today)?.Field);
        Assert.Equal("paidOn", LoanRules.CheckRepayment(Today.AddDays(1), 1m, 0m, 100m, Today.AddDays(-1), Today)?.Field);
    }

    [Fact]
    public void Work_status_is_the_running_job_and_months_are_this_years()
    {
        JobSpan[] jobs =
        [
            new(WorkStatus.InCounty, 2026, 3, new(2026, 1, 1), new(2026, 3, 31)),
            new(WorkStatus.OutOfProvince, 2026, 8, new(2026, 4, 10), null),
            new(WorkStatus.InTownship, 2025, 12, new(2025, 1, 1), new(2025, 12, 31)),
        ];
        Assert.Equal((WorkStatus.OutOfProvince, (int?)11), WorkRules.Derive(jobs, Today));
        Assert.Equal((WorkStatus.None, (int?)null), WorkRules.Derive([jobs[0]], Today));
    }

    [Theory]
    [InlineData(29, false)]
    [InlineData(30, true)]
    public void A_lost_job_counts_from_its_end(int daysSince, bool lost)
    {
        var ended = new JobSpan(WorkStatus.InCounty, 2026, 3, new(2026, 1, 1), Today.AddDays(-daysSince));
        Assert.Equal(lost, WorkRules.LostJob([ended], ended, Today, 30));
        var next = new JobSpan(WorkStatus.InTownship, 2026, 1, Today.AddDays(-daysSince + 5), null);
        Assert.False(WorkRules.LostJob([ended, next], ended, Today, 30));
    }
}
