using System.Globalization;
using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Modules.Registry;

namespace Jingzhun.Tests.Monitoring;

// 防止返贫动态监测 (DOMAIN.md §4) with the 2021 national floor: threshold 6,000, band 10%, drop 30%, out-of-pocket 5,000 / 20,000.
public sealed class RiskRulesTests
{
    private static readonly MonitoringPolicy Floor = MonitoringPolicy.NationalFloor(2021);

    private static IReadOnlyList<RiskReason> Reasons(HouseholdStatus status, int problems, params (int Year, double Income, double OutOfPocket)[] incomes) =>
        RiskRules.Sweep(new RiskInput(status, incomes.Select(i => new IncomePoint(i.Year, (decimal)i.Income, (decimal)i.OutOfPocket, 3)).ToList(), problems),
            _ => Floor).Select(f => f.Reason).ToList();

    [Theory]
    [InlineData(5999.99, RiskReason.IncomeBelowThreshold)]
    [InlineData(6000.00, RiskReason.IncomeBelowThreshold)]   // exactly at the threshold is within the range
    [InlineData(6000.01, RiskReason.IncomeNearThreshold)]
    [InlineData(6600.00, RiskReason.IncomeNearThreshold)]    // the band's upper edge is inclusive
    public void Income_within_or_near_the_range_raises_a_lead(double income, RiskReason expected) =>
        Assert.Equal([expected], Reasons(HouseholdStatus.Exited, 0, (2025, income, 0)));

    [Fact]
    public void Income_just_above_the_band_raises_nothing() =>
        Assert.Empty(Reasons(HouseholdStatus.Exited, 0, (2025, 6600.01, 0)));

    [Theory]
    [InlineData(10000, 7000, false)]     // exactly 30%: not more than the trigger
    [InlineData(10000, 6999.99, true)]
    [InlineData(10000, 9000, false)]
    public void A_drop_of_more_than_the_trigger_against_last_year_raises_a_lead(double last, double now, bool lead) =>
        Assert.Equal(lead, Reasons(HouseholdStatus.Exited, 0, (2024, last, 0), (2025, now, 0)).Contains(RiskReason.IncomeDrop));

    // DOMAIN.md §6 (医保 筛查预警): 合规自付 ≥ 5,000 yuan for 脱贫人口 and 监测对象, ≥ 20,000 for others.
    [Theory]
    [InlineData(HouseholdStatus.Exited, "4999.99", false)]
    [InlineData(HouseholdStatus.Exited, "5000", true)]
    [InlineData(HouseholdStatus.Exited, "5000.01", true)]
    [InlineData(HouseholdStatus.Monitored, "4999.99", false)]
    [InlineData(HouseholdStatus.Monitored, "5000", true)]
    [InlineData(HouseholdStatus.NotExited, "5000", true)]
    [InlineData(HouseholdStatus.Ordinary, "5000", false)]
    [InlineData(HouseholdStatus.Ordinary, "19999.99", false)]
    [InlineData(HouseholdStatus.Ordinary, "20000", true)]
    [InlineData(HouseholdStatus.Ordinary, "20000.01", true)]
    public void Out_of_pocket_spending_at_the_household_kind_s_line_raises_a_lead(HouseholdStatus status, string spending, bool lead)
    {
        var findings = RiskRules.Sweep(new RiskInput(status, [new IncomePoint(2025, 30000m, decimal.Parse(spending, CultureInfo.InvariantCulture), 3)], 0), _ => Floor);
        Assert.Equal(lead, findings.Any(f => f.Reason == RiskReason.HighOutOfPocket));
        if (lead) Assert.Contains($"达到{(status == HouseholdStatus.Ordinary ? "一般农户预警线20000" : "")}", findings.Single(f => f.Reason == RiskReason.HighOutOfPocket).Detail);
    }

    [Fact]
    public void Out_of_pocket_lines_come_from_the_policy()
    {
        var p = MonitoringPolicy.NationalFloor(2025);
        p.OutOfPocketTriggerExited = 8000m;
        p.OutOfPocketTriggerOther = 30000m;
        Assert.False(p.IsHighOutOfPocket(7999.99m, HouseholdStatus.Exited));
        Assert.True(p.IsHighOutOfPocket(8000m, HouseholdStatus.Monitored));
        Assert.False(p.IsHighOutOfPocket(29999.99m, HouseholdStatus.Ordinary));
        Assert.True(p.IsHighOutOfPocket(30000m, HouseholdStatus.Ordinary));
    }

    // The near band's top is 监测范围 × (1 + 临界浮动比例), unrounded: 8,050.55 × 1.10 = 8,855.605.
    [Theory]
    [InlineData("8855.60", RiskReason.IncomeNearThreshold)]
    [InlineData("8855.61", null)]                              // above 8,855.605 (a band rounded to 8,855.61 would take it in)
    [InlineData("8050.55", RiskReason.IncomeBelowThreshold)]
    [InlineData("8050.56", RiskReason.IncomeNearThreshold)]
    public void The_near_band_is_not_rounded(string income, RiskReason? expected)
    {
        var p = MonitoringPolicy.NationalFloor(2025);
        p.Threshold = 8050.55m;
        var reasons = RiskRules.Sweep(new RiskInput(HouseholdStatus.Exited, [new IncomePoint(2025, decimal.Parse(income, CultureInfo.InvariantCulture), 0, 3)], 0), _ => p)
            .Select(f => f.Reason).ToList();
        Assert.Equal(expected is { } e ? [e] : [], reasons);
    }

    // A drop of more than 30%, compared exactly: 3,000 → 2,099.99 is 30.0003%; 3,000 → 2,100 exactly 30%.
    [Theory]
    [InlineData("3000", "2100", false)]
    [InlineData("3000", "2099.99", true)]
    [InlineData("7000.03", "4900.03", false)]                 // a fall of 2,100.00 against 30% of 7,000.03 = 2,100.009
    [InlineData("7000.03", "4900.02", true)]                  // 2,100.01 > 2,100.009
    public void The_income_drop_is_compared_exactly(string last, string now, bool lead)
    {
        var d = (string v) => decimal.Parse(v, CultureInfo.InvariantCulture);
        var reasons = RiskRules.Sweep(new RiskInput(HouseholdStatus.Ordinary,
            [new IncomePoint(2024, d(last), 0, 3), new IncomePoint(2025, d(now), 0, 3)], 0), _ => Floor).Select(f => f.Reason);
        Assert.Equal(lead, reasons.Contains(RiskReason.IncomeDrop));
    }

    [Theory]
    [InlineData(HouseholdStatus.Exited, 1, true)]
    [InlineData(HouseholdStatus.Exited, 0, false)]
    [InlineData(HouseholdStatus.Ordinary, 2, false)]
    public void An_open_guarantee_problem_on_an_exited_household_raises_a_lead(HouseholdStatus status, int problems, bool lead) =>
        Assert.Equal(lead, Reasons(status, problems, (2025, 20000, 0)).Contains(RiskReason.GuaranteeProblem));

    [Fact]
    public void The_latest_year_s_policy_applies_and_each_lead_carries_its_numbers()
    {
        var p2025 = MonitoringPolicy.NationalFloor(2025);
        p2025.Threshold = 8700m;
        var findings = RiskRules.Sweep(new RiskInput(HouseholdStatus.Exited, [new IncomePoint(2025, 8000m, 0, 3)], 0),
            y => y >= 2025 ? p2025 : Floor);
        var f = Assert.Single(findings);
        Assert.Equal(RiskReason.IncomeBelowThreshold, f.Reason);
        Assert.Equal("2025年人均纯收入8000元，不高于监测范围8700元", f.Detail);
    }
}

public sealed class EliminationRulesTests
{
    private static readonly MonitoringPolicy Floor = MonitoringPolicy.NationalFloor(2021);

    private static EliminationInput Ready(DateOnly since) => new(since, new DateOnly(2026, 11, 24), 2,
        [(2024, 7000m), (2025, 8200m)], 0, false, true);

    [Fact]
    public void All_conditions_met_allows_elimination()
    {
        var c = EliminationRules.Check(Ready(new DateOnly(2026, 5, 24)), Floor);
        Assert.True(EliminationRules.AllMet(c), string.Join("; ", c.Where(x => !x.Met).Select(x => x.Detail)));
    }

    [Theory]
    [InlineData("2026-05-24", true)]    // exactly 6 months
    [InlineData("2026-05-25", false)]   // one day short: 5 months
    [InlineData("2026-06-24", false)]
    public void Six_months_of_monitoring_are_required(string since, bool met)
    {
        var c = EliminationRules.Check(Ready(DateOnly.Parse(since)), Floor);
        Assert.Equal(met, c.Single(x => x.Name == "监测时间").Met);
    }

    [Fact]
    public void Each_failed_condition_is_reported_with_its_numbers()
    {
        var x = Ready(new DateOnly(2026, 1, 1)) with
        {
            MeasuresReceived = 0, Incomes = [(2024, 7000m), (2025, 6000m)], OpenGuaranteeProblems = 1, HasWorkingMember = false,
        };
        var c = EliminationRules.Check(x, Floor).ToDictionary(k => k.Name);
        Assert.False(c["帮扶措施"].Met);
        Assert.False(c["收入稳定"].Met);                          // 6,000 is within the range, not above it
        Assert.Contains("2025年6000元（监测范围6000元，未高于）", c["收入稳定"].Detail);
        Assert.False(c["两不愁三保障及饮水安全"].Met);
        Assert.False(c["劳动能力"].Met);                          // no labour: stays under follow-up
        Assert.Contains("继续跟踪帮扶", c["劳动能力"].Detail);
        Assert.True(c["监测时间"].Met);
    }

    [Theory]
    [InlineData("5999.99", false)]
    [InlineData("6000", false)]         // at the range: within it, not above
    [InlineData("6000.01", true)]       // just above, unrounded
    public void The_latest_year_above_the_range_is_stable_income(string latest, bool met)
    {
        // The year before was within the range: half a year above is enough (two full years are not asked).
        var x = Ready(new DateOnly(2026, 5, 24)) with { Incomes = [(2024, 5000m), (2025, decimal.Parse(latest, CultureInfo.InvariantCulture))] };
        Assert.Equal(met, EliminationRules.IncomeStable(x, Floor).Met);
    }

    [Theory]
    [InlineData(6, true)]
    [InlineData(12, true)]              // one year's record covers twelve months
    [InlineData(13, false)]             // more than a year: the year before must be above the range too
    public void The_policy_months_decide_how_far_back_income_is_judged(int months, bool met)
    {
        var policy = MonitoringPolicy.NationalFloor(2021);
        policy.EliminationStableMonths = months;
        var x = Ready(new DateOnly(2026, 5, 24)) with { Incomes = [(2024, 5000m), (2025, 8000m)] };
        Assert.Equal(met, EliminationRules.IncomeStable(x, policy).Met);
        Assert.True(EliminationRules.IncomeStable(x with { Incomes = [(2024, 6500m), (2025, 8000m)] }, policy).Met == months <= 24);
    }

    [Theory]
    [InlineData("8700", false)]         // at the income year's own range (a province's 8,700), not the floor's 6,000
    [InlineData("8700.01", true)]
    public void Each_year_is_judged_against_its_own_range(string latest, bool met)
    {
        var x = Ready(new DateOnly(2026, 5, 24)) with
        {
            Incomes = [(2025, decimal.Parse(latest, CultureInfo.InvariantCulture))], Thresholds = new Dictionary<int, decimal> { [2025] = 8700m },
        };
        var (ok, detail) = EliminationRules.IncomeStable(x, Floor);
        Assert.Equal(met, ok);
        Assert.Contains("监测范围8700元", detail);
    }

    [Fact]
    public void No_income_record_is_not_stable() =>
        Assert.Equal((false, "无收入记录"), EliminationRules.IncomeStable(Ready(new DateOnly(2026, 5, 24)) with { Incomes = [] }, Floor));

    [Theory]
    [InlineData("2026-01-31", "2026-07-30", 5)]
    [InlineData("2026-01-31", "2026-07-31", 6)]
    [InlineData("2025-11-24", "2026-11-24", 12)]
    [InlineData("2026-11-24", "2026-11-01", 0)]
    public void Months_are_counted_whole(string from, string to, int months) =>
        Assert.Equal(months, EliminationRules.MonthsBetween(DateOnly.Parse(from), DateOnly.Parse(to)));
}

public sealed class KindRulesTests
{
    private static readonly MonitoringPolicy Floor = MonitoringPolicy.NationalFloor(2021);

    [Theory]
    [InlineData(MonitoringKind.UnstableExited, HouseholdStatus.Exited, 5800, null)]
    [InlineData(MonitoringKind.UnstableExited, HouseholdStatus.Exited, 6000, null)]
    [InlineData(MonitoringKind.UnstableExited, HouseholdStatus.Ordinary, 5800, "脱贫不稳定户须为脱贫户")]   // an ordinary household cannot be 脱贫不稳定户
    [InlineData(MonitoringKind.UnstableExited, HouseholdStatus.Exited, 6000.01, "高于监测范围")]
    [InlineData(MonitoringKind.EdgeProne, HouseholdStatus.Ordinary, 5000, null)]
    [InlineData(MonitoringKind.EdgeProne, HouseholdStatus.Exited, 5000, "边缘易致贫户须为一般农户")]
    [InlineData(MonitoringKind.SevereHardship, HouseholdStatus.Ordinary, 15000, null)]
    [InlineData(MonitoringKind.SevereHardship, HouseholdStatus.Exited, 15000, null)]
    [InlineData(MonitoringKind.SevereHardship, HouseholdStatus.Exited, 5000, "应认定为脱贫不稳定户")]
    public void The_kind_must_fit_the_household(MonitoringKind kind, HouseholdStatus status, double income, string? error)
    {
        var result = KindRules.Check(kind, status, (decimal)income, Floor);
        if (error is null) Assert.Null(result);
        else Assert.Contains(error, result);
    }

    [Fact]
    public void Without_an_income_record_the_range_cannot_be_judged() =>
        Assert.Contains("缺少收入记录", KindRules.Check(MonitoringKind.EdgeProne, HouseholdStatus.Ordinary, null, Floor));
}

// 脱贫人口小额信贷 (DOMAIN.md §4): ≤ 50,000 yuan, ≤ 3 years, both ends allowed; the limits are the policy's.
public sealed class MeasureRulesTests
{
    private static readonly MonitoringPolicy Floor = MonitoringPolicy.NationalFloor(2021);

    [Theory]
    [InlineData("49999.99", "2024-03-01", "2027-03-01", null)]
    [InlineData("50000", "2024-03-01", "2027-03-01", null)]
    [InlineData("50000.01", "2024-03-01", "2025-03-01", "amount")]
    [InlineData("10000", "2024-03-01", "2027-03-02", "endDate")]          // one day over three years
    [InlineData("10000", "2024-02-29", "2027-02-28", null)]               // a leap day: three years on is 28 February
    [InlineData("10000", "2024-02-29", "2027-03-01", "endDate")]
    [InlineData("10000", "2023-12-31", "2026-12-31", null)]               // year end
    [InlineData("10000", "2023-12-31", "2027-01-01", "endDate")]
    public void A_microloan_keeps_within_the_amount_and_the_term(string amount, string start, string end, string? field)
    {
        var r = MeasureRules.Microloan(decimal.Parse(amount, CultureInfo.InvariantCulture), DateOnly.Parse(start, CultureInfo.InvariantCulture),
            DateOnly.Parse(end, CultureInfo.InvariantCulture), Floor);
        Assert.Equal(field, r?.Field);
    }

    [Fact]
    public void The_limits_come_from_the_policy()
    {
        var p = MonitoringPolicy.NationalFloor(2025);
        p.MicroloanMaxAmount = 100_000m;
        p.MicroloanMaxYears = 5;
        Assert.Null(MeasureRules.Microloan(100_000m, new DateOnly(2025, 1, 1), new DateOnly(2030, 1, 1), p));
        Assert.Equal("脱贫人口小额信贷额度不超过10万元", MeasureRules.Microloan(100_000.01m, new DateOnly(2025, 1, 1), null, p)?.Message);
        Assert.Equal("脱贫人口小额信贷期限不超过5年", MeasureRules.Microloan(1m, new DateOnly(2025, 1, 1), new DateOnly(2030, 1, 2), p)?.Message);
    }
}
