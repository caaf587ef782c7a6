using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Problems;

namespace Jingzhun.Tests.Monitoring;

// The identification steps' forms (DOMAIN.md §4) against the 2021 national floor: 村级公示 at least 5 days.
public sealed class StepRulesTests
{
    private static readonly MonitoringPolicy Floor = MonitoringPolicy.NationalFloor(2021);
    private static readonly DateOnly Today = new(2026, 3, 20);
    private static readonly PovertyCause[] Risks = [PovertyCause.Illness];

    private static string? Field(Failure? f) => f?.Errors?.Keys.Single();

    [Fact]
    public void The_floor_asks_for_five_days_of_publicity() => Assert.Equal(5, Floor.PublicityDays);

    [Theory]
    [InlineData(-1, "endDate")]   // 4 days: one short of the policy's days
    [InlineData(0, null)]         // exactly the policy's days
    [InlineData(1, null)]
    public void Publicity_lasts_at_least_the_policy_days_both_ends_counted(int extra, string? field)
    {
        var start = new DateOnly(2026, 3, 1);
        var end = start.AddDays(Floor.PublicityDays - 1 + extra);
        Assert.Equal(field, Field(StepRules.Publicity(start, end, null, null, Floor.PublicityDays, Today)));
    }

    [Fact]
    public void A_publicity_one_day_short_names_its_days()
    {
        var f = StepRules.Publicity(new(2026, 3, 1), new(2026, 3, 4), null, null, Floor.PublicityDays, Today);
        Assert.Equal("村级公示不少于5天，本次仅4天", f!.Message);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(0, null)]                 // ended today: may be recorded
    [InlineData(1, "endDate")]            // ends tomorrow: not yet over
    public void Publicity_is_recorded_after_it_ended(int endFromToday, string? field)
    {
        var end = Today.AddDays(endFromToday);
        Assert.Equal(field, Field(StepRules.Publicity(end.AddDays(-10), end, null, null, Floor.PublicityDays, Today)));
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("有村民提出异议", null, "objectionHandling")]
    [InlineData("有村民提出异议", "已入户复核", null)]
    [InlineData(" ", null, null)]         // blank is no objection
    public void An_objection_needs_its_handling(string? objections, string? handling, string? field) =>
        Assert.Equal(field, Field(StepRules.Publicity(new(2026, 3, 1), new(2026, 3, 5), objections, handling, Floor.PublicityDays, Today)));

    [Fact]
    public void Publicity_needs_both_dates_in_order()
    {
        Assert.Equal("startDate", Field(StepRules.Publicity(null, new(2026, 3, 5), null, null, 5, Today)));
        Assert.Equal("endDate", Field(StepRules.Publicity(new(2026, 3, 1), null, null, null, 5, Today)));
        Assert.Equal("公示结束日期不能早于开始日期", StepRules.Publicity(new(2026, 3, 5), new(2026, 3, 4), null, null, 1, Today)!.Message);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(0, null)]                 // today
    [InlineData(1, "date")]               // tomorrow
    public void A_visit_is_dated_not_after_today(int fromToday, string? field) =>
        Assert.Equal(field, Field(StepRules.Visit(Today.AddDays(fromToday), "收入明显下降", Today)));

    // --- step dates against the lead and the step they follow ---------------------------------------------------

    private static readonly DateOnly LeadDay = new(2026, 3, 1);

    [Fact]
    public void The_earliest_day_is_the_lead_until_a_later_step_is_dated()
    {
        Assert.Equal(new StepRules.Earliest(LeadDay, "风险线索提出日期"), StepRules.EarliestNext(LeadDay, []));
        Assert.Equal(new StepRules.Earliest(new(2026, 3, 3), "承诺授权日期"),
            StepRules.EarliestNext(LeadDay, [new(CaseStep.Visit, new(2026, 3, 2)), new(CaseStep.Consent, new(2026, 3, 3))]));
        Assert.Equal(new StepRules.Earliest(new(2026, 3, 5), "民主评议日期"),
            StepRules.EarliestNext(LeadDay, [new(CaseStep.Visit, new(2026, 3, 2)), new(CaseStep.Appraisal, new(2026, 3, 5))]));
        // A step dated on the lead's day: the day is named after the step.
        Assert.Equal("入户核查日期", StepRules.EarliestNext(LeadDay, [new(CaseStep.Visit, LeadDay)]).What);
    }

    [Theory]
    [InlineData(-1, "date")]            // the day before the lead was raised
    [InlineData(0, null)]               // the lead's day
    [InlineData(1, null)]
    public void A_visit_is_not_dated_before_the_lead(int fromLead, string? field) =>
        Assert.Equal(field, Field(StepRules.Visit(LeadDay.AddDays(fromLead), "收入明显下降", Today, new(LeadDay, "风险线索提出日期"))));

    [Fact]
    public void A_step_dated_too_early_names_the_day_it_follows()
    {
        var f = StepRules.Visit(new(2026, 2, 28), "收入明显下降", Today, new(LeadDay, "风险线索提出日期"));
        Assert.Equal("核查日期不能早于风险线索提出日期（2026-03-01）", f!.Message);
    }

    [Theory]
    [InlineData(-1, "date")]
    [InlineData(0, null)]               // signed on the day of the visit
    [InlineData(1, null)]
    public void The_consent_is_not_signed_before_the_visit(int fromVisit, string? field)
    {
        var visit = new StepRules.Earliest(new(2026, 3, 2), "入户核查日期");
        Assert.Equal(field, Field(StepRules.Consent(visit.Day.AddDays(fromVisit), "scan", Today, visit)));
    }

    [Fact]
    public void The_consent_needs_its_date_and_its_scan()
    {
        Assert.Equal("date", Field(StepRules.Consent(null, "scan", Today)));
        Assert.Equal("date", Field(StepRules.Consent(Today.AddDays(1), "scan", Today)));
        Assert.Equal("请上传户主签字的承诺书和授权书扫描件", StepRules.Consent(Today, " ", Today)!.Message);
        Assert.Equal("scanFileId", Field(StepRules.Consent(Today, null, Today)));
    }

    [Theory]
    [InlineData(-1, "date")]
    [InlineData(0, null)]
    [InlineData(1, null)]
    public void An_appraisal_is_not_dated_before_the_step_it_follows(int fromConsent, string? field)
    {
        var consent = new StepRules.Earliest(new(2026, 3, 3), "承诺授权日期");
        Assert.Equal(field, Field(StepRules.Appraisal(consent.Day.AddDays(fromConsent), 12, true, MonitoringKind.EdgeProne, Risks, null, false, Today, consent)));
    }

    [Theory]
    [InlineData(-1, "startDate")]       // posted the day before the appraisal
    [InlineData(0, null)]               // posted the day of the appraisal
    [InlineData(1, null)]
    public void The_publicity_starts_after_the_appraisal(int fromAppraisal, string? field)
    {
        var appraisal = new StepRules.Earliest(new(2026, 3, 5), "民主评议日期");
        var start = appraisal.Day.AddDays(fromAppraisal);
        Assert.Equal(field, Field(StepRules.Publicity(start, start.AddDays(Floor.PublicityDays - 1), null, null, Floor.PublicityDays, Today, appraisal)));
    }

    [Fact]
    public void A_publicity_before_the_lead_is_refused_naming_its_start()
    {
        var f = StepRules.Publicity(new(2026, 2, 20), new(2026, 2, 26), null, null, Floor.PublicityDays, Today, new(LeadDay, "风险线索提出日期"));
        Assert.Equal("公示开始日期不能早于风险线索提出日期（2026-03-01）", f!.Message);
        Assert.Equal("startDate", Field(f));
    }

    [Theory]
    [InlineData(null, "findings")]
    [InlineData("收入下降", null)]         // 4 characters: the minimum
    [InlineData(" 收入降 ", "findings")]    // 3 after trimming
    public void A_visit_says_what_was_found_in_at_least_four_characters(string? findings, string? field) =>
        Assert.Equal(field, Field(StepRules.Visit(Today, findings, Today)));

    [Fact]
    public void A_visit_without_a_date_asks_for_it() => Assert.Equal("请填写核查日期", StepRules.Visit(null, "收入明显下降", Today)!.Message);

    [Fact]
    public void A_comparison_without_an_answer_is_recorded_as_none()
    {
        Assert.Equal("暂无部门比对数据", StepRules.ComparisonResult(" "));
        Assert.Equal("无车辆房产", StepRules.ComparisonResult(" 无车辆房产 "));
    }

    [Theory]
    [InlineData(0, "participants")]
    [InlineData(1, null)]
    public void An_appraisal_has_at_least_one_participant(int participants, string? field) =>
        Assert.Equal(field, Field(StepRules.Appraisal(Today, participants, true, MonitoringKind.EdgeProne, Risks, null, false, Today)));

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, "date")]
    public void An_appraisal_is_dated_not_after_today(int fromToday, string? field) =>
        Assert.Equal(field, Field(StepRules.Appraisal(Today.AddDays(fromToday), 12, true, MonitoringKind.EdgeProne, Risks, null, false, Today)));

    [Fact]
    public void An_agreed_identification_proposes_a_kind_and_risks()
    {
        Assert.Equal("agreed", Field(StepRules.Appraisal(Today, 12, null, null, null, null, false, Today)));
        Assert.Equal("kind", Field(StepRules.Appraisal(Today, 12, true, null, Risks, null, false, Today)));
        Assert.Equal("kind", Field(StepRules.Appraisal(Today, 12, true, (MonitoringKind)99, Risks, null, false, Today)));
        Assert.Equal("riskTypes", Field(StepRules.Appraisal(Today, 12, true, MonitoringKind.EdgeProne, [], null, false, Today)));
        Assert.Equal("riskTypes", Field(StepRules.Appraisal(Today, 12, true, MonitoringKind.EdgeProne, [(PovertyCause)999], null, false, Today)));
        // An elimination's appraisal proposes nothing.
        Assert.Null(StepRules.Appraisal(Today, 12, true, null, null, null, true, Today));
    }

    [Theory]
    [InlineData(false, null, "reason")]
    [InlineData(false, "有稳定务工收入", null)]
    [InlineData(true, null, "reason")]
    [InlineData(true, "收入尚不稳定", null)]
    public void A_refused_appraisal_gives_its_reason(bool elimination, string? reason, string? field) =>
        Assert.Equal(field, Field(StepRules.Appraisal(Today, 12, false, null, null, reason, elimination, Today)));

    [Theory]
    [InlineData(null, "同意上报", "agreed")]
    [InlineData(true, "同", "opinion")]     // one character: too short
    [InlineData(true, "同意", null)]
    [InlineData(false, "材料不全", null)]
    public void A_review_has_a_result_and_an_opinion(bool? agreed, string opinion, string? field) =>
        Assert.Equal(field, Field(StepRules.Review(agreed, opinion)));

    [Fact]
    public void A_decision_includes_with_kind_and_risks_or_excludes_with_a_reason()
    {
        Assert.Equal("请选择审定结果：纳入监测或不纳入", StepRules.Decision(null, null, MonitoringKind.EdgeProne, Risks)!.Message);
        Assert.Equal("reason", Field(StepRules.Decision(false, null, null, [])));
        Assert.Null(StepRules.Decision(false, "收入高于监测范围", null, []));
        Assert.Equal("kind", Field(StepRules.Decision(true, null, null, Risks)));
        Assert.Equal("riskTypes", Field(StepRules.Decision(true, null, MonitoringKind.EdgeProne, [])));
        Assert.Null(StepRules.Decision(true, null, MonitoringKind.EdgeProne, Risks));
    }

    [Fact]
    public void Elimination_starts_only_when_every_condition_is_met()
    {
        Assert.Null(StepRules.StartElimination([new("监测时间", true, "已监测6个月")]));
        var f = StepRules.StartElimination([new("监测时间", false, "已监测5个月"), new("帮扶措施", true, "1项")]);
        Assert.Equal(["监测时间：已监测5个月"], f!.Errors!["conditions"]);
    }

    [Theory]
    [InlineData(null, null, "agreed")]
    [InlineData(true, null, null)]
    [InlineData(false, null, "reason")]
    [InlineData(false, "收入尚不稳定", null)]
    public void A_refused_elimination_gives_its_reason(bool? agreed, string? reason, string? field) =>
        Assert.Equal(field, Field(StepRules.Elimination(agreed, reason)));
}

// The case's transition table: each step from one stage, to where it leads or where a refusal leads.
public sealed class MonitoringCaseTests
{
    private static readonly DateTime Now = new(2026, 3, 20, 2, 0, 0, DateTimeKind.Utc);

    private static MonitoringCase Opened() => MonitoringCase.Open(1, "110101001001", HouseholdStatus.Ordinary, Now, Now, "村干部");

    [Fact]
    public void Every_step_has_one_stage_it_is_recorded_in() =>
        Assert.Equal(Enum.GetValues<CaseStep>().Order(), MonitoringCase.Transitions.Keys.Order());

    [Fact]
    public void Identification_runs_from_visit_to_monitoring()
    {
        var c = Opened();
        c.RecordVisit(new(2026, 3, 18), " 收入明显下降 ", Now, "村干部");
        Assert.Equal(CaseStage.Consent, c.Stage);
        Assert.Equal("入户核查：收入明显下降", c.Steps[^1].Summary);
        c.RecordConsent(new(2026, 3, 18), "f1", "承诺书.jpg", Now, "村干部");
        Assert.Equal(CaseStage.Comparison, c.Stage);
        Assert.Equal("承诺授权（2026-03-18）：户主签署承诺书和信息查询授权书，扫描件 承诺书.jpg", c.Steps[^1].Summary);
        c.RecordComparison(null, Now, "乡镇");
        c.RecordAppraisal(CaseStep.Appraisal, new(2026, 3, 19), 12, true, MonitoringKind.EdgeProne, [PovertyCause.Illness], null, Now, "村干部");
        Assert.Equal((CaseStage.Publicity, MonitoringKind.EdgeProne), (c.Stage, c.ProposedKind));
        c.RecordPublicity(CaseStep.Publicity, new(2026, 3, 1), new(2026, 3, 5), null, null, Now, "村干部");
        Assert.Equal("村级公示 2026-03-01 至 2026-03-05（5天），无异议", c.Steps[^1].Summary);
        c.RecordReview(CaseStep.TownshipReview, true, "同意", Now, "乡镇");
        c.DecideIncluded(MonitoringKind.EdgeProne, [PovertyCause.Illness], new(2026, 3, 20), Now, "县");
        Assert.Equal((CaseStage.Monitoring, MonitoringKind.EdgeProne, new DateOnly(2026, 3, 20)), (c.Stage, c.Kind, c.MonitoredSince!.Value));
        Assert.Equal(8, c.Version);
    }

    [Fact]
    public void The_consent_step_comes_between_the_visit_and_the_comparison()
    {
        Assert.Equal((CaseStage.Visit, CaseStage.Consent), (MonitoringCase.Transitions[CaseStep.Visit].From, MonitoringCase.Transitions[CaseStep.Visit].To));
        Assert.Equal((CaseStage.Consent, CaseStage.Comparison, (CaseStage?)null), MonitoringCase.Transitions[CaseStep.Consent]);
        Assert.Equal([CaseStage.Visit, CaseStage.Consent, CaseStage.Comparison], MonitoringCase.ProcedureStages[..3]);
        Assert.False(MonitoringCase.IsElimination(CaseStep.Consent));
        Assert.True(Opened() is { InProcedure: true, IsMonitored: false });
    }

    [Fact]
    public void The_days_recorded_are_the_forms_dates_and_a_publicity_counts_by_its_end()
    {
        var c = Opened();
        Assert.Equal(new StepRules.Earliest(new(2026, 3, 20), "风险线索提出日期"), c.EarliestNext());   // 02:00 UTC is 10:00 in Beijing
        c.RecordVisit(new(2026, 3, 21), "收入明显下降", Now, "村干部");
        c.RecordConsent(new(2026, 3, 22), "f1", "承诺书.jpg", Now, "村干部");
        c.RecordComparison(null, Now, "乡镇");
        Assert.Equal(new StepRules.Earliest(new(2026, 3, 22), "承诺授权日期"), c.EarliestNext());
        c.RecordAppraisal(CaseStep.Appraisal, new(2026, 3, 23), 12, true, MonitoringKind.EdgeProne, [PovertyCause.Illness], null, Now, "村干部");
        c.RecordPublicity(CaseStep.Publicity, new(2026, 3, 24), new(2026, 3, 28), null, null, Now, "村干部");
        Assert.Equal(new StepRules.Earliest(new(2026, 3, 28), "公示结束日期"), c.EarliestNext());
    }

    [Fact]
    public void A_refused_township_review_ends_the_case_not_included()
    {
        var c = Opened();
        c.RecordVisit(new(2026, 3, 18), "收入明显下降", Now, "村干部");
        c.RecordConsent(new(2026, 3, 18), "f1", "承诺书.jpg", Now, "村干部");
        c.RecordComparison(null, Now, "乡镇");
        c.RecordAppraisal(CaseStep.Appraisal, new(2026, 3, 19), 12, false, null, null, " 有稳定收入 ", Now, "村干部");
        Assert.Equal((CaseStage.NotIncluded, "有稳定收入"), (c.Stage, c.NotIncludedReason));
        Assert.False(c.IsActive);
    }

    [Fact]
    public void A_step_out_of_turn_is_refused_by_the_case()
    {
        var c = Opened();
        Assert.False(c.CanRecord(CaseStep.Comparison));
        Assert.Throws<InvalidOperationException>(() => c.RecordComparison(null, Now, "乡镇"));
        // A step that cannot be refused does not lead anywhere but on.
        Assert.Throws<InvalidOperationException>(() => c.Record(CaseStep.Visit, CaseStage.NotIncluded, new { }, "", Now, "村干部"));
        Assert.Equal((CaseStage.Visit, 1, 0), (c.Stage, c.Version, c.Steps.Count));
    }
}
