using Jingzhun.Web.Modules.Employment;
using Jingzhun.Web.Modules.Employment.Rules;
using Jingzhun.Web.Modules.Registry;

namespace Jingzhun.Tests.Employment;

/// <summary>公益性岗位 rules at their limits (issue 13): pay, eligible households, holders' dates and wages never paid twice.</summary>
public sealed class WelfareJobRulesTests
{
    private static readonly DateOnly Today = new(2026, 5, 20);
    private static readonly DateOnly Since = new(2025, 3, 1);
    private static readonly PaidMonths[] Paid = [new(2026, 1, 3, new DateOnly(2026, 4, 5))];

    [Theory]
    [InlineData("10000.00", null)]
    [InlineData("10000.01", "monthlyPay")]
    [InlineData("0", "monthlyPay")]
    [InlineData("800.005", "monthlyPay")]
    public void Monthly_pay_limits(string pay, string? field) =>
        Assert.Equal(field, WelfareJobRules.CheckPosition(WelfareJobType.Cleaner, "村道保洁", decimal.Parse(pay, System.Globalization.CultureInfo.InvariantCulture),
            Today, Today)?.Field);

    [Theory]
    [InlineData(HouseholdStatus.Exited, true)]
    [InlineData(HouseholdStatus.Monitored, true)]
    [InlineData(HouseholdStatus.Ordinary, false)]
    [InlineData(HouseholdStatus.NotExited, false)]
    public void Eligible_households(HouseholdStatus s, bool eligible) => Assert.Equal(eligible, WelfareJobRules.IsEligible(s));

    [Theory]
    [InlineData(2026, 4, 5, null)]            // the months after those paid, up to this month
    [InlineData(2026, 5, 5, null)]
    [InlineData(2026, 3, 4, "fromMonth")]     // March was paid
    [InlineData(2026, 1, 1, "fromMonth")]
    [InlineData(2026, 6, 6, "toMonth")]       // not yet come
    [InlineData(2025, 2, 2, "fromMonth")]     // before the holder started (March 2025)
    [InlineData(2025, 3, 12, null)]
    [InlineData(2027, 1, 1, "year")]
    [InlineData(2026, 5, 4, "toMonth")]
    [InlineData(2026, 0, 1, "fromMonth")]
    public void Wage_months(int year, int from, int to, string? field) =>
        Assert.Equal(field, WelfareJobRules.CheckPayment(year, from, to, 800m * Math.Max(1, to - from + 1), Today, Since, Paid, Today)?.Field);

    [Fact]
    public void A_wage_paid_twice_names_the_months_and_the_day_they_were_paid() =>
        Assert.Equal("该岗位2026年1–3月的工资已于2026-04-05发放，请勿重复发放",
            WelfareJobRules.CheckPayment(2026, 2, 2, 800m, Today, Since, Paid, Today)?.Message);

    [Theory]
    [InlineData("2025-03-02", null)]
    [InlineData("2025-03-01", "startedOn")]   // a new holder starts after the current one
    [InlineData("2026-05-21", "startedOn")]   // not in the future
    public void Change_of_holder_dates(string startedOn, string? field) =>
        Assert.Equal(field, WelfareJobRules.CheckStart(DateOnly.Parse(startedOn), new DateOnly(2025, 1, 1), Since, Today)?.Field);
}
