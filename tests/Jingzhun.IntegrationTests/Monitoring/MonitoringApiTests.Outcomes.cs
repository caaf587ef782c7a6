namespace Jingzhun.IntegrationTests;

public abstract partial class MonitoringApiTests
{
    // --- 5. illegal orders, wrong roles, out of scope ---------------------------------------------------------

    [DbFact]
    public async Task Steps_out_of_order_stale_versions_and_wrong_roles_are_refused()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var village = await As("village");
        var auditor = await As("auditor");
        var (_, caseId) = await CaseForAsync(village, places.HomeVillage);

        var view = await CaseAsync(village, caseId);
        Assert.Contains("不能登记", (await Problem(await StepAsync(village, caseId, "Appraisal", VersionOf(view), AppraisalFields()), HttpStatusCode.Conflict))["title"]!.GetValue<string>());
        await Problem(await StepAsync(village, caseId, "Visit", VersionOf(view) - 1, VisitFields), HttpStatusCode.Conflict);
        await FieldError(await StepAsync(village, caseId, "Visit", VersionOf(view), b => { b["date"] = Day(ChinaToday); b["findings"] = ""; }), "findings");
        await FieldError(await StepAsync(village, caseId, "Visit", VersionOf(view), b => { b["date"] = Day(ChinaToday.AddDays(1)); b["findings"] = "入户核查情况"; }), "date");
        // No step dated before the lead was raised (the 15-day clock's start), nor before the step it follows.
        Assert.Equal($"核查日期不能早于风险线索提出日期（{Day(ChinaToday)}）", await FieldError(await StepAsync(village, caseId, "Visit", VersionOf(view),
            b => { b["date"] = Day(ChinaToday.AddDays(-1)); b["findings"] = "入户核查情况"; }), "date"));
        var stale = VersionOf(view);
        view = await DoAsync(village, caseId, "Visit", stale, VisitFields);
        Assert.Contains("刷新", (await Problem(await StepAsync(tuqiao, caseId, "Comparison", stale, ComparisonFields), HttpStatusCode.Conflict))["title"]!.GetValue<string>());
        // 信息比对 waits for the 承诺授权; the consent is the village's.
        Assert.Contains("不能登记", (await Problem(await StepAsync(tuqiao, caseId, "Comparison", VersionOf(view), ComparisonFields), HttpStatusCode.Conflict))["title"]!.GetValue<string>());
        await Problem(await StepAsync(auditor, caseId, "Consent", VersionOf(view), ConsentFields("x")), HttpStatusCode.Forbidden);
        var scan = await UploadScanAsync(village);
        Assert.Equal($"签署日期不能早于入户核查日期（{Day(ChinaToday)}）",
            await FieldError(await StepAsync(village, caseId, "Consent", VersionOf(view), ConsentFields(scan, ChinaToday.AddDays(-1))), "date"));
        await FieldError(await StepAsync(village, caseId, "Consent", VersionOf(view), ConsentFields("0123456789abcdef0123456789abcdef")), "scanFileId");
        view = await DoAsync(village, caseId, "Consent", VersionOf(view), ConsentFields(scan));

        foreach (var step in new[] { "Comparison", "TownshipReview", "CountyDecision", "EliminationTownship", "EliminationCounty" })
            await Problem(await StepAsync(village, caseId, step, VersionOf(view), Agree("opinion", "村里不能做")), HttpStatusCode.Forbidden);
        await PairWithDemoCadreAsync(view["case"]!["householdId"]!.GetValue<long>());
        await Problem(await StepAsync(await As("cadre"), caseId, "Comparison", VersionOf(view), ComparisonFields), HttpStatusCode.Forbidden);
        await Problem(await StepAsync(tuqiao, caseId, "CountyDecision", VersionOf(view), b => b["agreed"] = true), HttpStatusCode.Forbidden);
        await Problem(await StepAsync(tuqiao, caseId, "EliminationCounty", VersionOf(view), b => b["agreed"] = true), HttpStatusCode.Forbidden);
        foreach (var step in new[] { "Visit", "Consent", "Comparison", "Appraisal", "Publicity", "TownshipReview", "CountyDecision", "StartElimination" })
            await Problem(await StepAsync(auditor, caseId, step, VersionOf(view), ComparisonFields), HttpStatusCode.Forbidden);
        Assert.Equal("Comparison", StageOf(await CaseAsync(auditor, caseId)));
        Assert.Empty((await CaseAsync(auditor, caseId))["nextSteps"]!.AsArray());

        // The auditor sees but changes nothing.
        var h2 = await NewHouseholdAsync(tuqiao, places.HomeVillage);
        await SaveIncomeAsync(tuqiao, h2.Id, LastYear, 5000m);
        var lead2 = Assert.Single(await LeadsAsync(auditor, h2.Id))!["id"]!.GetValue<long>();
        await Problem(await auditor.PostAsync($"/api/v1/monitoring/leads/{lead2}/case", null), HttpStatusCode.Forbidden);
        await Problem(await auditor.PostAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/measures", new
        {
            category = "Health", riskType = "Illness", description = "审计员登记的措施", startDate = Day(ChinaToday), status = "Planned",
        }), HttpStatusCode.Forbidden);
        await Problem(await auditor.PostAsJsonAsync("/api/v1/monitoring/sweeps", new { region = places.HomeVillage }), HttpStatusCode.Forbidden);
        // Measures and plans only once monitored.
        await Problem(await village.PostAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/measures", new
        {
            category = "Health", riskType = "Illness", description = "认定前登记的措施", startDate = Day(ChinaToday), status = "Planned",
        }), HttpStatusCode.Conflict);
        Assert.Equal("Comparison", StageOf(await CaseAsync(village, caseId)));
    }

    [DbFact]
    public async Task A_township_user_cannot_see_or_touch_another_townships_case()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var admin = await As("admin");
        var (far, farCase) = await CaseForAsync(admin, places.OtherTownshipVillage);
        var view = await WalkAsync(admin, farCase, "Publicity");
        var farLead = Assert.Single(await LeadsAsync(admin, far.Id))!["id"]!.GetValue<long>();

        await Problem(await tuqiao.GetAsync($"/api/v1/monitoring/cases/{farCase}"), HttpStatusCode.NotFound);
        await Problem(await StepAsync(tuqiao, farCase, "Publicity", VersionOf(view), PublicityFields(ChinaToday.AddDays(-PublicityWait))), HttpStatusCode.NotFound);
        await Problem(await tuqiao.PutAsJsonAsync($"/api/v1/monitoring/cases/{farCase}/plan", new { responsibleCadre = "某人", version = VersionOf(view) }),
            HttpStatusCode.NotFound);
        await Problem(await tuqiao.PostAsync($"/api/v1/monitoring/leads/{farLead}/case", null), HttpStatusCode.NotFound);
        await Problem(await tuqiao.GetAsync($"/api/v1/monitoring/cases?householdId={far.Id}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await GetAsync(tuqiao, "/api/v1/monitoring/cases?pageSize=200&stage=Publicity"))["items"]!.AsArray(),
            c => c!["id"]!.GetValue<long>() == farCase);
        await Problem(await tuqiao.GetAsync($"/api/v1/monitoring/leads?householdId={far.Id}"), HttpStatusCode.NotFound);
        await Problem(await tuqiao.GetAsync($"/api/v1/monitoring/stats?region={places.OtherTownship}"), HttpStatusCode.NotFound);
        await Problem(await tuqiao.GetAsync($"/api/v1/monitoring/public-notice?region={places.OtherTownship}"), HttpStatusCode.NotFound);
        await Problem(await tuqiao.GetAsync($"/api/v1/monitoring/public-notice/export?region={places.OtherTownship}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await GetAsync(tuqiao, "/api/v1/monitoring/public-notice"))["lines"]!.AsArray(), l => Str(l, "headName") == far.HeadName);
        Assert.DoesNotContain(far.HeadName, await XlsxTextAsync(tuqiao, "/api/v1/monitoring/public-notice/export"));
        var mine = await StatsAsync(tuqiao, Township);
        Assert.DoesNotContain(mine["bySubRegion"]!.AsArray(), r => Str(r, "code") == places.OtherTownshipVillage);

        // A village officer sees only the village: a case in the township's second village is out of reach.
        var (_, neighbourCase) = await CaseForAsync(tuqiao, places.SecondVillage);
        var village = await As("village");
        await Problem(await village.GetAsync($"/api/v1/monitoring/cases/{neighbourCase}"), HttpStatusCode.NotFound);
        await Problem(await StepAsync(village, neighbourCase, "Visit", 1, VisitFields), HttpStatusCode.NotFound);
        Assert.Equal(neighbourCase, (await CaseAsync(tuqiao, neighbourCase))["case"]!["id"]!.GetValue<long>());

        // The county sees it: the notice of the county lists it, its stats count it.
        var county = await As("tl_admin");
        Assert.Contains((await GetAsync(county, $"/api/v1/monitoring/public-notice?region={County}"))["lines"]!.AsArray(), l => Str(l, "headName") == far.HeadName);
        Assert.True(Int(await StatsAsync(county, places.OtherTownship), "inProcedure") >= 1);
    }

    [DbFact]
    public async Task Only_exited_and_ordinary_households_enter_the_procedure()
    {
        var places = await PlacesAsync();
        var village = await As("village");
        // A 未脱贫户 (historical status) may not enter; 监测户 cannot even be registered (it comes only from the procedure).
        var notExited = Facts();
        notExited["status"] = "NotExited";
        notExited["attribute"] = "General";
        notExited["exitYear"] = null;
        var r = await village.PostAsJsonAsync("/api/v1/households",
            new { villageCode = places.HomeVillage, household = notExited, head = Person(NewName(), NewIdNumber()) });
        var id = (await Ok(r, HttpStatusCode.Created))["id"]!.GetValue<long>();
        var lead = await RecordLeadAsync(village, id);
        var refused = await Problem(await village.PostAsync($"/api/v1/monitoring/leads/{lead["id"]!.GetValue<long>()}/case", null), HttpStatusCode.Conflict);
        Assert.Contains("只有脱贫户和一般农户", refused["title"]!.GetValue<string>());
        Assert.Equal(0, (await GetAsync(village, $"/api/v1/monitoring/cases?householdId={id}"))["total"]!.GetValue<int>());
        Assert.Equal("Open", Str(Assert.Single(await LeadsAsync(village, id)), "status"));
    }

    // --- 6. not included ---------------------------------------------------------------------------------------

    [DbFact]
    public async Task A_disagreed_appraisal_closes_the_case_as_not_included_and_a_later_lead_opens_a_new_case()
    {
        var places = await PlacesAsync();
        var village = await As("village");
        var tuqiao = await As("tuqiao");
        var (h, caseId) = await CaseForAsync(village, places.HomeVillage);
        var view = await DoAsync(village, caseId, "Visit", 1, VisitFields);
        view = await DoAsync(village, caseId, "Consent", VersionOf(view), ConsentFields(await UploadScanAsync(village)));
        view = await DoAsync(tuqiao, caseId, "Comparison", VersionOf(view), ComparisonFields);

        await FieldError(await StepAsync(village, caseId, "Appraisal", VersionOf(view),
            b => { b["date"] = Day(ChinaToday); b["participants"] = 9; b["agreed"] = false; }), "reason");
        view = await DoAsync(village, caseId, "Appraisal", VersionOf(view),
            b => { b["date"] = Day(ChinaToday); b["participants"] = 9; b["agreed"] = false; b["reason"] = "家庭有稳定务工收入，收入登记有误"; });
        Assert.Equal("NotIncluded", StageOf(view));
        Assert.Equal("家庭有稳定务工收入，收入登记有误", Str(view, "notIncludedReason"));
        Assert.Empty(view["nextSteps"]!.AsArray());
        Assert.All(await LeadsAsync(village, h.Id), l => Assert.Equal("NotIncluded", Str(l, "status")));
        Assert.Equal("Exited", Str((await GetAsync(village, $"/api/v1/households/{h.Id}"))["household"], "status"));
        Assert.Equal(0, (await GetAsync(village, $"/api/v1/monitoring/cases?householdId={h.Id}&active=true"))["total"]!.GetValue<int>());
        await Problem(await StepAsync(village, caseId, "Visit", VersionOf(view), VisitFields), HttpStatusCode.Conflict);
        var closedLead = Assert.Single(await LeadsAsync(village, h.Id))!["id"]!.GetValue<long>();
        await Problem(await village.PostAsync($"/api/v1/monitoring/leads/{closedLead}/case", null), HttpStatusCode.Conflict);

        // Later the income is still low: the sweep raises a new lead, which opens a new case.
        await SaveIncomeAsync(village, h.Id, LastYear, 4500m);
        var leads = await LeadsAsync(village, h.Id);
        Assert.Equal(2, leads.Count);
        var fresh = Assert.Single(leads, l => Str(l, "status") == "Open")!;
        Assert.Equal("IncomeBelowThreshold", Str(fresh, "reason"));
        var second = await OpenCaseAsync(village, fresh["id"]!.GetValue<long>());
        Assert.NotEqual(caseId, second["id"]!.GetValue<long>());
        Assert.Equal("Visit", Str(second, "stage"));
        Assert.Equal(2, (await GetAsync(village, $"/api/v1/monitoring/cases?householdId={h.Id}"))["total"]!.GetValue<int>());
        Assert.Equal(1, (await GetAsync(village, $"/api/v1/monitoring/cases?householdId={h.Id}&active=true"))["total"]!.GetValue<int>());

        // A hand-recorded lead while the new case is open joins it.
        var extra = await RecordLeadAsync(village, h.Id, "SelfReport", "农户申请：务工收入中断");
        var joined = await OpenCaseAsync(village, extra["id"]!.GetValue<long>());
        Assert.Equal(second["id"]!.GetValue<long>(), joined["id"]!.GetValue<long>());
    }

    // --- 7. 风险消除 --------------------------------------------------------------------------------------------

    private static Action<JsonObject> DoneMeasure(string category = "Employment", string risk = "Illness") => b =>
    {
        b["category"] = category; b["riskType"] = risk; b["description"] = "推荐到县内企业稳定务工"; b["startDate"] = Day(ChinaToday);
        b["status"] = "Done"; b["evidence"] = "劳动合同复印件";
    };

    private async Task<(Registered Household, long CaseId)> MonitoredAsync(HttpClient county, string village, Action<JsonObject>? head = null)
    {
        var (h, caseId) = await CaseForAsync(county, village, head);
        await WalkAsync(county, caseId, "Monitoring");
        var m = new JsonObject();
        DoneMeasure()(m);
        await Ok(await county.PostAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/measures", m), HttpStatusCode.Created);
        // Incomes above the range in the last two years.
        await SaveIncomeAsync(county, h.Id, LastYear - 1, 9000m);
        await SaveIncomeAsync(county, h.Id, LastYear, 9500m);
        return (h, caseId);
    }

    [DbFact]
    public async Task A_microloan_of_a_monitored_household_is_a_finance_measure_of_its_plan_linked_not_typed_twice()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var (h, caseId) = await MonitoredAsync(county, places.HomeVillage);
        var head = (await GetAsync(county, $"/api/v1/households/{h.Id}"))["members"]![0]!["id"]!.GetValue<long>();
        var issued = ChinaToday.AddDays(-10);
        var loan = await Ok(await county.PostAsJsonAsync("/api/v1/employment/loans", new
        {
            householdId = h.Id, borrowerId = head, bank = "重庆农村商业银行", contractNumber = "HT" + Guid.NewGuid().ToString("N")[..12], amount = 30_000m,
            issuedOn = Day(issued), dueOn = Day(issued.AddYears(2)), ratePercent = 3.45m, subsidyAmount = 2070m, subsidyPayer = "County", use = "Livestock",
        }), HttpStatusCode.Created);
        var loanId = loan["loan"]!["id"]!.GetValue<long>();
        static List<JsonNode> Linked(JsonNode view) =>
            view["measures"]!.AsArray().Where(m => m!["sourceKind"]?.GetValue<string>() == "microloan").Select(m => m!).ToList();

        var measure = Assert.Single(Linked(await CaseAsync(county, caseId)));
        Assert.Equal("Finance", measure["category"]!.GetValue<string>());
        Assert.Equal(loanId, measure["sourceId"]!.GetValue<long>());
        Assert.Equal(30_000m, measure["amount"]!.GetValue<decimal>());
        Assert.Equal(Day(issued), measure["startDate"]!.GetValue<string>());
        Assert.Equal("InProgress", measure["status"]!.GetValue<string>());
        Assert.Equal($"/employment/loans/{loanId}", measure["sourceUrl"]!.GetValue<string>());
        Assert.Equal("小额信贷台账", measure["sourceLabel"]!.GetValue<string>());

        // The plan's form does not change what the ledger keeps.
        var edit = await county.PutAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/measures/{measure["id"]}", new
        {
            category = "Finance", description = "改为其他金融帮扶措施", startDate = Day(issued), status = "InProgress", version = measure["version"]!.GetValue<int>(),
        });
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);

        // Repaid in full: the same measure is 已落实; the sweep links nothing twice.
        await Ok(await county.PostAsJsonAsync($"/api/v1/employment/loans/{loanId}/repayments",
            new { paidOn = Day(ChinaToday), principal = 30_000m, interest = 100m, version = loan["loan"]!["version"]!.GetValue<int>() }));
        await SweepAndWaitAsync(county, "/api/v1/employment/sweeps", "employment.sweep", places.HomeVillage);
        var done = Assert.Single(Linked(await CaseAsync(county, caseId)));
        Assert.Equal(measure["id"]!.GetValue<long>(), done["id"]!.GetValue<long>());
        Assert.Equal("Done", done["status"]!.GetValue<string>());
        Assert.Contains("已结清", done["evidence"]!.GetValue<string>());
    }

    private static List<string> Conditions(JsonNode problem) =>
        problem["errors"]!["conditions"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();

    [DbFact]
    public async Task Elimination_needs_six_months_and_then_goes_through_the_same_procedure_back_to_exited()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var village = await As("village");
        var (h, caseId) = await MonitoredAsync(county, places.HomeVillage);
        var view = await CaseAsync(county, caseId);
        var conditions = view["eliminationConditions"]!.AsArray();
        Assert.Equal(["监测时间", "帮扶措施", "收入稳定", "刚性支出", "两不愁三保障及饮水安全", "劳动能力"], conditions.Select(c => Str(c, "name")));
        Assert.Equal([false, true, true, true, true, true], conditions.Select(c => c!["met"]!.GetValue<bool>()));
        Assert.StartsWith($"{LastYear}年9500元（监测范围", Str(conditions[2], "detail"));
        Assert.EndsWith("高于）；要求最近收入稳定高于监测范围6个月以上", Str(conditions[2], "detail"));

        // Today: monitored 0 months.
        var refused = await Problem(await StepAsync(village, caseId, "StartElimination", VersionOf(view)), HttpStatusCode.BadRequest);
        Assert.Equal(["监测时间：已监测0个月（要求不少于6个月）"], Conditions(refused));
        Assert.Equal("Monitoring", StageOf(await CaseAsync(county, caseId)));

        var statsBefore = await StatsAsync(county, places.HomeVillage);

        // Seven months later, on the same database.
        await using var later = Later(214);
        var today = ChinaToday.AddDays(214);
        var laterVillage = await LoginAsync(later, "village");
        var laterTuqiao = await LoginAsync(later, "tuqiao");
        var laterCounty = await LoginAsync(later, "tl_admin");
        view = await CaseAsync(laterVillage, caseId);
        Assert.All(view["eliminationConditions"]!.AsArray(), c => Assert.True(c!["met"]!.GetValue<bool>(), c.ToJsonString()));
        Assert.StartsWith("已监测6个月", Str(view["eliminationConditions"]![0], "detail"));   // monitored since the decision, six days on
        Assert.Contains("StartElimination", view["nextSteps"]!.AsArray().Select(s => s!.GetValue<string>()));

        view = await DoAsync(laterVillage, caseId, "StartElimination", VersionOf(view));
        Assert.Equal("EliminationAppraisal", StageOf(view));
        // The appraisal follows the start of the elimination, not the other way round.
        Assert.Equal($"评议日期不能早于启动风险消除日期（{Day(today)}）", await FieldError(await StepAsync(laterVillage, caseId, "EliminationAppraisal", VersionOf(view),
            b => { b["date"] = Day(today.AddDays(-1)); b["participants"] = 11; b["agreed"] = true; }), "date"));
        view = await DoAsync(laterVillage, caseId, "EliminationAppraisal", VersionOf(view),
            b => { b["date"] = Day(today); b["participants"] = 11; b["agreed"] = true; });
        Assert.Equal("EliminationPublicity", StageOf(view));
        var notice = await GetAsync(laterVillage, $"/api/v1/monitoring/public-notice?region={places.HomeVillage}");
        Assert.Equal("拟标注风险消除", Str(Assert.Single(notice["lines"]!.AsArray(), l => Str(l, "headName") == h.HeadName), "matter"));
        Assert.Contains("不少于5天", await FieldError(await StepAsync(laterVillage, caseId, "EliminationPublicity", VersionOf(view), PublicityFields(today, 4)), "endDate"));
        Assert.Contains("不能早于风险消除民主评议日期", await FieldError(await StepAsync(laterVillage, caseId, "EliminationPublicity", VersionOf(view),
            PublicityFields(today.AddDays(-5), 5)), "startDate"));
        // Posted the day of the appraisal, recorded once it has ended.
        await using var ended = Later(214 + PublicityWait);
        laterVillage = await LoginAsync(ended, "village");
        laterTuqiao = await LoginAsync(ended, "tuqiao");
        laterCounty = await LoginAsync(ended, "tl_admin");
        view = await DoAsync(laterVillage, caseId, "EliminationPublicity", VersionOf(view), PublicityFields(today, 5));
        Assert.Equal("EliminationTownship", StageOf(view));
        await Problem(await StepAsync(laterVillage, caseId, "EliminationTownship", VersionOf(view), Agree("opinion", "同意")), HttpStatusCode.Forbidden);
        view = await DoAsync(laterTuqiao, caseId, "EliminationTownship", VersionOf(view), Agree("opinion", "收入稳定，同意风险消除"));
        Assert.Equal("EliminationCounty", StageOf(view));
        await Problem(await StepAsync(laterTuqiao, caseId, "EliminationCounty", VersionOf(view), b => b["agreed"] = true), HttpStatusCode.Forbidden);
        view = await DoAsync(laterCounty, caseId, "EliminationCounty", VersionOf(view), b => b["agreed"] = true);
        Assert.Equal("Eliminated", StageOf(view));
        Assert.NotNull(view["eliminatedAt"]);
        Assert.Empty(view["warnings"]!.AsArray());
        Assert.Equal("Exited", Str((await GetAsync(laterCounty, $"/api/v1/households/{h.Id}"))["household"], "status"));

        var statsAfter = await StatsAsync(laterCounty, places.HomeVillage);
        Assert.Equal(Int(statsBefore, "eliminatedHouseholds") + 1, Int(statsAfter, "eliminatedHouseholds"));
        Assert.Equal(Int(statsBefore, "eliminatedPeople") + 1, Int(statsAfter, "eliminatedPeople"));
        Assert.Equal(Int(statsBefore, "monitoredHouseholds") - 1, Int(statsAfter, "monitoredHouseholds"));
        Assert.Equal(Int(statsBefore, "identifiedHouseholds"), Int(statsAfter, "identifiedHouseholds"));
        var ratio = Math.Round(100.0 * Int(statsAfter, "eliminatedPeople") / Int(statsAfter, "identifiedPeople"), 1);
        Assert.Equal(ratio, statsAfter["eliminationRatio"]!.GetValue<double>());
        if (statsBefore["eliminationRatio"] is { } r0) Assert.True(statsAfter["eliminationRatio"]!.GetValue<double>() > r0.GetValue<double>());

        // The record stays, and the household is swept again: a new low income raises a new lead.
        await SaveIncomeAsync(laterCounty, h.Id, LastYear, 5000m);
        Assert.Contains(await LeadsAsync(laterCounty, h.Id), l => Str(l, "status") == "Open" && Str(l, "reason") == "IncomeBelowThreshold");
        Assert.Equal("Eliminated", StageOf(await CaseAsync(laterCounty, caseId)));
    }

    [DbFact]
    public async Task The_latest_year_just_above_the_range_meets_the_income_condition_without_a_second_year_and_the_range_itself_does_not()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var (h, caseId) = await MonitoredAsync(county, places.HomeVillage);
        // The year before was within the range: only the latest year is above it, which is more than half a year.
        await SaveIncomeAsync(county, h.Id, LastYear - 1, 5000m);
        JsonNode Income(JsonNode view) => view["eliminationConditions"]!.AsArray().Single(c => Str(c, "name") == "收入稳定")!;
        var income = Income(await CaseAsync(county, caseId));
        Assert.True(income["met"]!.GetValue<bool>(), income.ToJsonString());
        var detail = Str(income, "detail");
        var range = decimal.Parse(detail[(detail.IndexOf("监测范围", StringComparison.Ordinal) + 4)..detail.IndexOf("元，", StringComparison.Ordinal)], CultureInfo.InvariantCulture);

        await SaveIncomeAsync(county, h.Id, LastYear, range);             // at the range: within it
        Assert.False(Income(await CaseAsync(county, caseId))["met"]!.GetValue<bool>());
        await SaveIncomeAsync(county, h.Id, LastYear, range + 0.01m);     // one fen above, unrounded
        Assert.True(Income(await CaseAsync(county, caseId))["met"]!.GetValue<bool>());

        // Seven months on every condition is met and the elimination starts.
        await using var later = Later(214);
        var c = await LoginAsync(later, "tl_admin");
        var view = await DoAsync(c, caseId, "StartElimination", VersionOf(await CaseAsync(c, caseId)));
        Assert.Equal("EliminationAppraisal", StageOf(view));
    }

    [DbFact]
    public async Task An_elimination_refused_by_the_appraisal_or_the_township_returns_to_monitoring()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var (h, caseId) = await MonitoredAsync(county, places.HomeVillage);
        await using var later = Later(214);
        var today = ChinaToday.AddDays(214);
        var c = await LoginAsync(later, "tl_admin");
        var view = await DoAsync(c, caseId, "StartElimination", VersionOf(await CaseAsync(c, caseId)));
        await FieldError(await StepAsync(c, caseId, "EliminationAppraisal", VersionOf(view),
            b => { b["date"] = Day(today); b["participants"] = 8; b["agreed"] = false; }), "reason");
        view = await DoAsync(c, caseId, "EliminationAppraisal", VersionOf(view),
            b => { b["date"] = Day(today); b["participants"] = 8; b["agreed"] = false; b["reason"] = "务工收入尚不稳定"; });
        Assert.Equal("Monitoring", StageOf(view));
        Assert.Equal("Monitored", Str((await GetAsync(c, $"/api/v1/households/{h.Id}"))["household"], "status"));

        view = await DoAsync(c, caseId, "StartElimination", VersionOf(view));
        view = await DoAsync(c, caseId, "EliminationAppraisal", VersionOf(view), b => { b["date"] = Day(today); b["participants"] = 8; b["agreed"] = true; });
        await using var ended = Later(214 + PublicityWait);
        c = await LoginAsync(ended, "tl_admin");
        view = await DoAsync(c, caseId, "EliminationPublicity", VersionOf(view), PublicityFields(today));
        // The county administrator proposed it; the review at the next level is someone else's.
        await Problem(await StepAsync(c, caseId, "EliminationTownship", VersionOf(view), b => { b["agreed"] = false; b["opinion"] = "收入佐证不足"; }),
            HttpStatusCode.Forbidden);
        view = await DoAsync(await LoginAsync(ended, "admin"), caseId, "EliminationTownship", VersionOf(view), b => { b["agreed"] = false; b["opinion"] = "收入佐证不足"; });
        Assert.Equal("Monitoring", StageOf(view));
        Assert.Null(view["eliminatedAt"]);
        Assert.Equal("Monitored", Str((await GetAsync(c, $"/api/v1/households/{h.Id}"))["household"], "status"));
        Assert.Equal(["StartElimination", "EliminationAppraisal", "StartElimination", "EliminationAppraisal", "EliminationPublicity", "EliminationTownship"],
            view["steps"]!.AsArray().Select(x => Str(x, "step")).Skip(7));
    }

    [DbFact]
    public async Task A_household_with_no_one_able_to_work_is_not_eliminated()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var (_, caseId) = await MonitoredAsync(county, places.HomeVillage, head: p => p["laborSkill"] = "None");
        var view = await CaseAsync(county, caseId);
        Assert.Contains("该户无劳动能力，应落实综合保障（低保、特困供养）措施", view["warnings"]!.AsArray().Select(w => w!.GetValue<string>()));

        await using var later = Later(214);
        var laterCounty = await LoginAsync(later, "tl_admin");
        view = await CaseAsync(laterCounty, caseId);
        var labour = view["eliminationConditions"]!.AsArray().Single(c => Str(c, "name") == "劳动能力")!;
        Assert.False(labour["met"]!.GetValue<bool>());
        var refused = await Problem(await StepAsync(laterCounty, caseId, "StartElimination", VersionOf(view)), HttpStatusCode.BadRequest);
        Assert.Equal(["劳动能力：无劳动能力，不标注风险消除，继续跟踪帮扶"], Conditions(refused));
        Assert.Equal("Monitoring", StageOf(await CaseAsync(laterCounty, caseId)));
    }

    // --- 8. overdue ---------------------------------------------------------------------------------------------

    [DbFact]
    public async Task A_case_still_undecided_sixteen_days_after_its_lead_is_overdue()
    {
        var quiet = await QuietVillageAsync(fromEnd: 3);
        var admin = await As("admin");
        var (_, caseId) = await CaseForAsync(admin, quiet);
        var view = await WalkAsync(admin, caseId, "Appraisal");
        var decided = await CaseForAsync(admin, quiet);
        await WalkAsync(admin, decided.CaseId, "Monitoring");

        Assert.Equal(0, (await GetAsync(admin, $"/api/v1/monitoring/cases?region={quiet}&overdue=true"))["total"]!.GetValue<int>());
        Assert.Equal(0, Int(await StatsAsync(admin, quiet), "overdueInProcedure"));
        Assert.Equal(0, view["case"]!["overdueDays"]!.GetValue<int>());

        // Fifteen days later is the deadline day itself: still allowed (中农组发〔2021〕7号: ≤ 15 days), everywhere alike.
        await using (var deadline = Later(15))
        {
            var d = await LoginAsync(deadline, "admin");
            var onTime = await CaseAsync(d, caseId);
            Assert.Equal(ChinaToday.AddDays(15), DateOnly.Parse(Str(onTime, "deadline"), CultureInfo.InvariantCulture));
            Assert.Equal(15, onTime["case"]!["daysSinceLead"]!.GetValue<int>());
            Assert.Equal(0, onTime["case"]!["overdueDays"]!.GetValue<int>());
            Assert.Equal(0, (await GetAsync(d, $"/api/v1/monitoring/cases?region={quiet}&overdue=true"))["total"]!.GetValue<int>());
            Assert.Equal(0, Int(await StatsAsync(d, quiet), "overdueInProcedure"));
        }

        await using var later = Later(16);
        var c = await LoginAsync(later, "admin");
        var overdue = await GetAsync(c, $"/api/v1/monitoring/cases?region={quiet}&overdue=true");
        Assert.Equal(1, overdue["total"]!.GetValue<int>());
        var row = Assert.Single(overdue["items"]!.AsArray())!;
        Assert.Equal(caseId, row["id"]!.GetValue<long>());
        Assert.True(row["overdueDays"]!.GetValue<int>() >= 1);
        Assert.Equal(16, row["daysSinceLead"]!.GetValue<int>());
        Assert.Equal(row["overdueDays"]!.GetValue<int>(), (await CaseAsync(c, caseId))["case"]!["overdueDays"]!.GetValue<int>());
        Assert.Equal(0, (await CaseAsync(c, decided.CaseId))["case"]!["overdueDays"]!.GetValue<int>());
        var stats = await StatsAsync(c, quiet);
        Assert.Equal(1, Int(stats, "overdueInProcedure"));
        Assert.Equal(1, Int(stats, "inProcedure"));
    }
}
