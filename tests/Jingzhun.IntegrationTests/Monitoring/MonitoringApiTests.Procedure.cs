using Jingzhun.Web.Modules.Registry.Rules;

namespace Jingzhun.IntegrationTests;

public abstract partial class MonitoringApiTests
{
    // --- 1. the sweep ------------------------------------------------------------------------------------------

    [DbFact]
    public async Task An_income_below_the_threshold_raises_exactly_one_sweep_lead_with_the_numbers()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var h = await NewHouseholdAsync(tuqiao, places.HomeVillage);
        Assert.Empty(await LeadsAsync(tuqiao, h.Id));

        await SaveIncomeAsync(tuqiao, h.Id, LastYear, 5000m);
        var lead = Assert.Single(await LeadsAsync(tuqiao, h.Id))!;
        Assert.Equal("IncomeBelowThreshold", Str(lead, "reason"));
        Assert.Equal("SystemSweep", Str(lead, "source"));
        Assert.Equal("Open", Str(lead, "status"));
        Assert.Equal("系统监测预警", Str(lead, "createdBy"));
        Assert.Equal(h.HeadName, Str(lead, "headName"));
        Assert.Equal($"{LastYear}年人均纯收入5000元，不高于监测范围6000元", Str(lead, "detail"));

        // Saving again (same figures, then another change) judges again but raises no duplicate.
        await SaveIncomeAsync(tuqiao, h.Id, LastYear, 5000m);
        await SaveIncomeAsync(tuqiao, h.Id, LastYear, 4800m);
        Assert.Equal(lead["id"]!.GetValue<long>(), Assert.Single(await LeadsAsync(tuqiao, h.Id))!["id"]!.GetValue<long>());
    }

    [DbTheory]
    [InlineData("6000", "IncomeBelowThreshold", "不高于监测范围6000元")]
    [InlineData("5999.99", "IncomeBelowThreshold", "5999.99元")]
    [InlineData("6000.01", "IncomeNearThreshold", "6000.01元")]
    [InlineData("6600", "IncomeNearThreshold", "（6600元）")]
    [InlineData("6600.01", null, null)]
    public async Task The_threshold_and_the_band_are_inclusive(string income, string? reason, string? detail)
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var h = await NewHouseholdAsync(tuqiao, places.HomeVillage);
        await SaveIncomeAsync(tuqiao, h.Id, LastYear, decimal.Parse(income, CultureInfo.InvariantCulture));
        var leads = await LeadsAsync(tuqiao, h.Id);
        if (reason is null) { Assert.Empty(leads); return; }
        var lead = Assert.Single(leads)!;
        Assert.Equal(reason, Str(lead, "reason"));
        Assert.Contains(detail!, Str(lead, "detail"));
    }

    [DbFact]
    public async Task A_drop_of_exactly_the_trigger_raises_nothing_and_a_drop_beyond_it_raises_a_drop_lead()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");

        var exactly = await NewHouseholdAsync(tuqiao, places.HomeVillage);
        await SaveIncomeAsync(tuqiao, exactly.Id, LastYear - 1, 10000m);
        await SaveIncomeAsync(tuqiao, exactly.Id, LastYear, 7000m);   // −30.00%, above the band: no lead at all
        Assert.Empty(await LeadsAsync(tuqiao, exactly.Id));

        var beyond = await NewHouseholdAsync(tuqiao, places.HomeVillage);
        await SaveIncomeAsync(tuqiao, beyond.Id, LastYear - 1, 10000m);
        await SaveIncomeAsync(tuqiao, beyond.Id, LastYear, 6999m);    // −30.01%
        var lead = Assert.Single(await LeadsAsync(tuqiao, beyond.Id))!;
        Assert.Equal("IncomeDrop", Str(lead, "reason"));
        var detail = Str(lead, "detail");
        Assert.Contains($"{LastYear - 1}年10000元", detail);
        Assert.Contains($"{LastYear}年6999元", detail);
    }

    /// <summary>DOMAIN.md §6: 合规自付 ≥ 5,000 yuan warns for a 脱贫户 (and a monitored household), ≥ 20,000 for an ordinary one.</summary>
    [DbTheory]
    [InlineData("Exited", "4999.99", false)]
    [InlineData("Exited", "5000", true)]
    [InlineData("Ordinary", "19999.99", false)]
    [InlineData("Ordinary", "20000", true)]
    public async Task Out_of_pocket_spending_at_the_household_kind_s_line_raises_a_lead(string status, string spending, bool lead)
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var h = await NewHouseholdAsync(tuqiao, places.HomeVillage, status);
        var amount = decimal.Parse(spending, System.Globalization.CultureInfo.InvariantCulture);
        await SaveIncomeAsync(tuqiao, h.Id, LastYear, 30000m, outOfPocket: amount);
        var leads = await LeadsAsync(tuqiao, h.Id);
        if (!lead) { Assert.Empty(leads); return; }
        var found = Assert.Single(leads)!;
        Assert.Equal("HighOutOfPocket", Str(found, "reason"));
        Assert.Equal(status == "Exited" ? $"{LastYear}年合规自付支出{amount:0.##}元，达到脱贫户预警线5000元" : $"{LastYear}年合规自付支出{amount:0.##}元，达到一般农户预警线20000元",
            Str(found, "detail"));
    }

    [DbFact]
    public async Task An_open_guarantee_problem_raises_a_lead_for_an_exited_household_only()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        foreach (var (status, expected) in new[] { ("Exited", true), ("Ordinary", false) })
        {
            var facts = GoodFacts(status);
            facts["housingGrade"] = "D";
            var r = await tuqiao.PostAsJsonAsync("/api/v1/households",
                new { villageCode = places.HomeVillage, household = facts, head = Person(NewName(), NewIdNumber()) });
            var id = (await Ok(r, HttpStatusCode.Created))["id"]!.GetValue<long>();
            var leads = await LeadsAsync(tuqiao, id);
            if (!expected) { Assert.Empty(leads); continue; }
            var lead = Assert.Single(leads)!;
            Assert.Equal("GuaranteeProblem", Str(lead, "reason"));
            Assert.Equal("脱贫户有1个未清零的两不愁三保障问题", Str(lead, "detail"));
        }
    }

    [DbFact]
    public async Task The_sweep_job_over_a_village_is_refused_to_the_wrong_roles_and_is_idempotent()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var admin = await As("admin");
        var h = await NewHouseholdAsync(tuqiao, places.SecondVillage);
        await SaveIncomeAsync(tuqiao, h.Id, LastYear, 5000m);

        await Problem(await (await As("village")).PostAsJsonAsync("/api/v1/monitoring/sweeps", new { region = places.HomeVillage }), HttpStatusCode.Forbidden);
        await Problem(await (await As("auditor")).PostAsJsonAsync("/api/v1/monitoring/sweeps", new { region = places.SecondVillage }), HttpStatusCode.Forbidden);
        await Problem(await tuqiao.PostAsJsonAsync("/api/v1/monitoring/sweeps", new { region = places.OtherTownship }), HttpStatusCode.NotFound);
        await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/monitoring/sweeps", new { region = "12345" }), "region");

        var households = (await GetAsync(admin, $"/api/v1/households?pageSize=1&region={places.SecondVillage}"))["total"]!.GetValue<int>();
        var first = await SweepJobAsync(tuqiao, places.SecondVillage);
        Assert.Equal(households, Int(first, "total"));
        Assert.StartsWith($"已筛查 {households} 户，新增风险线索 ", Str(first, "message"));
        var second = await SweepJobAsync(tuqiao, places.SecondVillage);
        Assert.Equal($"已筛查 {households} 户，新增风险线索 0 条", Str(second, "message"));
        Assert.Single(await LeadsAsync(tuqiao, h.Id));
    }

    // --- 2. leads recorded by hand -----------------------------------------------------------------------------

    [DbFact]
    public async Task Leads_are_recorded_by_hand_by_the_field_roles_and_refused_otherwise()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var h = await NewHouseholdAsync(tuqiao, places.HomeVillage);
        await PairWithDemoCadreAsync(h.Id); // a pairing cadre reports for the households paired with them

        foreach (var (user, source) in new[] { ("village", "SelfReport"), ("cadre", "CadreCheck"), ("tuqiao", "DepartmentScreening") })
        {
            var lead = await RecordLeadAsync(await As(user), h.Id, source, $"{source}：家庭成员突发重病住院");
            Assert.Equal(source, Str(lead, "source"));
            Assert.Equal("Open", Str(lead, "status"));
            Assert.Equal(user, Str(lead, "createdBy"));
            Assert.Null(lead["reason"]);
            Assert.Equal(h.Number, Str(lead, "householdNumber"));
        }
        var leads = await LeadsAsync(tuqiao, h.Id);
        Assert.Equal(["CadreCheck", "DepartmentScreening", "SelfReport"], leads.Select(l => Str(l, "source")).Order());

        Assert.Contains("线索来源", await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/monitoring/leads",
            new { householdId = h.Id, source = "SystemSweep", detail = "冒充系统预警的线索" }), "source"));
        await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/monitoring/leads", new { householdId = h.Id, source = "CadreCheck", detail = "短" }), "detail");
        await Problem(await (await As("auditor")).PostAsJsonAsync("/api/v1/monitoring/leads",
            new { householdId = h.Id, source = "CadreCheck", detail = "审计员不能登记线索" }), HttpStatusCode.Forbidden);

        var far = await NewHouseholdAsync(await As("admin"), places.OtherTownshipVillage);
        await Problem(await tuqiao.PostAsJsonAsync("/api/v1/monitoring/leads",
            new { householdId = far.Id, source = "CadreCheck", detail = "其他乡镇的户不在管辖范围" }), HttpStatusCode.NotFound);
        Assert.Empty(await LeadsAsync(await As("admin"), far.Id));
        Assert.Equal(3, (await LeadsAsync(tuqiao, h.Id)).Count);
    }

    [DbFact]
    public async Task A_lead_found_days_ago_starts_the_15_day_clock_and_the_steps_on_that_day_but_never_in_the_future_or_beyond_the_period()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var h = await NewHouseholdAsync(tuqiao, places.HomeVillage);
        var body = (DateOnly found) => new { householdId = h.Id, source = "CadreCheck", detail = "走访时发现户主受伤住院，事后补登", foundOn = Day(found) };
        Assert.Contains("不能晚于今天", await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/monitoring/leads", body(ChinaToday.AddDays(1))), "foundOn"));
        // 15 days back is the decision period's edge: the day before it is refused.
        Assert.Contains("发现日期不能早于", await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/monitoring/leads", body(ChinaToday.AddDays(-16))), "foundOn"));
        Assert.Empty(await LeadsAsync(tuqiao, h.Id));

        var lead = await Ok(await tuqiao.PostAsJsonAsync("/api/v1/monitoring/leads", body(ChinaToday.AddDays(-15))), HttpStatusCode.Created);
        var opened = await OpenCaseAsync(tuqiao, lead["id"]!.GetValue<long>());
        var caseId = opened["id"]!.GetValue<long>();
        var view = await CaseAsync(tuqiao, caseId);
        Assert.Equal(Day(ChinaToday), view["deadline"]!.GetValue<string>());
        // The visit may be dated on the day it was found, not the day before.
        var early = await FieldError(await StepAsync(tuqiao, caseId, "Visit", VersionOf(view), b =>
        {
            b["date"] = Day(ChinaToday.AddDays(-16));
            b["findings"] = "入户核实户主受伤住院";
        }), "date");
        Assert.Contains(Day(ChinaToday.AddDays(-15)), early);
        await DoAsync(tuqiao, caseId, "Visit", VersionOf(view), b => { b["date"] = Day(ChinaToday.AddDays(-15)); b["findings"] = "入户核实户主受伤住院"; });
    }

    // --- 3. the whole identification procedure ----------------------------------------------------------------

    [DbFact]
    public async Task A_household_goes_from_a_sweep_lead_through_every_step_into_monitoring_with_a_plan_and_a_measure()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var village = await As("village");
        var county = await As("tl_admin");
        var before = await StatsAsync(tuqiao, places.HomeVillage);

        // A head with a serious illness and a disabled relative: the notice must say nothing about either.
        var h = await NewHouseholdAsync(village, places.HomeVillage, head: p => p["healthStatus"] = "SeriousIllness");
        var relative = Person(NewName(), NewIdNumber(), "Spouse");
        relative["healthStatus"] = "Disabled";
        relative["disabilityGrade"] = 2;
        await Ok(await village.PostAsJsonAsync($"/api/v1/households/{h.Id}/members", new { member = relative }), HttpStatusCode.Created);
        await SaveIncomeAsync(village, h.Id, LastYear, 5000m);
        var lead = Assert.Single(await LeadsAsync(village, h.Id))!;

        // 受理 by the village: the case starts at 入户核查, the lead is in procedure.
        var opened = await OpenCaseAsync(village, lead["id"]!.GetValue<long>());
        var caseId = opened["id"]!.GetValue<long>();
        Assert.Equal("Visit", Str(opened, "stage"));
        Assert.Equal(h.Id, opened["householdId"]!.GetValue<long>());
        var view = await CaseAsync(village, caseId);
        Assert.Equal(["Visit"], view["nextSteps"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(Day(ChinaToday.AddDays(15)), Str(view, "deadline"));
        Assert.Equal("InProcedure", Str(Assert.Single(view["leads"]!.AsArray()), "status"));
        Assert.Equal(caseId, Assert.Single(await LeadsAsync(village, h.Id))!["caseId"]!.GetValue<long>());

        await Problem(await StepAsync(village, caseId, "StartElimination", VersionOf(view)), HttpStatusCode.Conflict);
        view = await DoAsync(village, caseId, "Visit", VersionOf(view), VisitFields);
        Assert.Equal("Consent", StageOf(view));
        Assert.Equal(["Consent"], view["nextSteps"]!.AsArray().Select(s => s!.GetValue<string>()));
        // 承诺授权: the day the household signed and the scan of what it signed.
        Assert.Contains("扫描件", await FieldError(await StepAsync(village, caseId, "Consent", VersionOf(view), b => b["date"] = Day(ChinaToday)), "scanFileId"));
        var scan = await UploadScanAsync(village);
        view = await DoAsync(village, caseId, "Consent", VersionOf(view), ConsentFields(scan));
        Assert.Equal("Comparison", StageOf(view));
        Assert.Equal($"/api/v1/files/{scan}", Str(view["steps"]!.AsArray()[1], "scanUrl"));
        Assert.Empty(view["nextSteps"]!.AsArray());   // 信息比对 is the township's
        view = await DoAsync(tuqiao, caseId, "Comparison", VersionOf(view), ComparisonFields);
        Assert.Equal("Appraisal", StageOf(view));
        Assert.Equal("信息比对：暂无", Str(view["steps"]!.AsArray()[2], "summary"));
        view = await DoAsync(village, caseId, "Appraisal", VersionOf(view), AppraisalFields());
        Assert.Equal("Publicity", StageOf(view));
        Assert.Equal("UnstableExited", Str(view["case"], "proposedKind"));
        Assert.Equal("Illness", Str(view["case"], "riskTypes"));

        // 公示名单: name, village and kind only.
        var detail = await GetAsync(tuqiao, $"/api/v1/households/{h.Id}");
        var phoneMasked = detail["household"]!["phone"]?.GetValue<string>();
        var forbidden = new List<string> { h.HeadId, IdNumberRule.Mask(h.HeadId), h.HeadId[..6] + "*", "13812345678", "健康", "残疾", "慢性病", "大病",
            "银行", "账号", "账户", "卡号", "电话", "手机", "身份证" };
        if (!string.IsNullOrEmpty(phoneMasked)) forbidden.Add(phoneMasked);
        foreach (var m in detail["members"]!.AsArray()) forbidden.Add(Str(m, "idNumberMasked"));

        var notice = await GetAsync(village, $"/api/v1/monitoring/public-notice?region={places.HomeVillage}");
        var line = Assert.Single(notice["lines"]!.AsArray(), l => Str(l, "headName") == h.HeadName)!;
        Assert.Equal("脱贫不稳定户", Str(line, "kind"));
        Assert.Equal("拟纳入监测", Str(line, "matter"));
        Assert.Equal(Str(opened, "regionPath"), Str(line, "village"));
        Assert.Equal(["headName", "kind", "matter", "size", "village"], line.AsObject().Select(p => p.Key).Order());
        var json = notice.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains(h.HeadName, json);
        foreach (var f in forbidden) Assert.DoesNotContain(f, json);
        var xlsx = await XlsxTextAsync(village, $"/api/v1/monitoring/public-notice/export?region={places.HomeVillage}");
        Assert.Contains(h.HeadName, xlsx);
        Assert.Contains("脱贫不稳定户", xlsx);
        foreach (var f in forbidden) Assert.DoesNotContain(f, xlsx);

        // 村级公示: posted on or after the appraisal, at least 5 days, and finished.
        var fourDays = await StepAsync(village, caseId, "Publicity", VersionOf(view), PublicityFields(ChinaToday, days: 4));
        Assert.Contains("不少于5天", await FieldError(fourDays, "endDate"));
        Assert.Contains("尚未结束", await FieldError(await StepAsync(village, caseId, "Publicity", VersionOf(view), PublicityFields(ChinaToday)), "endDate"));
        var early = await StepAsync(village, caseId, "Publicity", VersionOf(view), PublicityFields(ChinaToday.AddDays(-PublicityWait)));
        Assert.Equal($"公示开始日期不能早于民主评议日期（{Day(ChinaToday)}）", await FieldError(early, "startDate"));

        // Six days on, on the same database, the publicity is over.
        await using var ahead = Later(PublicityWait);
        var aheadVillage = await LoginAsync(ahead, "village");
        var objection = await StepAsync(aheadVillage, caseId, "Publicity", VersionOf(view), b => { PublicityFields(ChinaToday)(b); b["objections"] = "有村民提出异议"; });
        await FieldError(objection, "objectionHandling");
        view = await DoAsync(aheadVillage, caseId, "Publicity", VersionOf(view), PublicityFields(ChinaToday));
        Assert.Equal("TownshipReview", StageOf(view));
        Assert.DoesNotContain((await GetAsync(village, $"/api/v1/monitoring/public-notice?region={places.HomeVillage}"))["lines"]!.AsArray(),
            l => Str(l, "headName") == h.HeadName);

        view = await DoAsync(await LoginAsync(ahead, "tuqiao"), caseId, "TownshipReview", VersionOf(view), Agree("opinion", "经审核符合纳入条件"));
        Assert.Equal("CountyDecision", StageOf(view));
        view = await DoAsync(await LoginAsync(ahead, "tl_admin"), caseId, "CountyDecision", VersionOf(view), b => b["agreed"] = true);
        Assert.Equal("Monitoring", StageOf(view));
        Assert.Equal("UnstableExited", Str(view["case"], "kind"));
        Assert.Equal(Day(ChinaToday.AddDays(PublicityWait)), Str(view["case"], "monitoredSince"));
        Assert.Equal(["Visit", "Consent", "Comparison", "Appraisal", "Publicity", "TownshipReview", "CountyDecision"],
            view["steps"]!.AsArray().Select(s => Str(s, "step")));
        Assert.Equal(["village", "village", "tuqiao", "village", "village", "tuqiao", "tl_admin"], view["steps"]!.AsArray().Select(s => Str(s, "by")));

        Assert.Equal("Monitored", Str((await GetAsync(tuqiao, $"/api/v1/households/{h.Id}"))["household"], "status"));
        Assert.All(await LeadsAsync(tuqiao, h.Id), l => Assert.Equal("Included", Str(l, "status")));
        var listed = Assert.Single((await GetAsync(tuqiao, $"/api/v1/monitoring/cases?householdId={h.Id}"))["items"]!.AsArray())!;
        Assert.Equal("Monitoring", Str(listed, "stage"));

        var after = await StatsAsync(tuqiao, places.HomeVillage);
        Assert.Equal(Int(before, "monitoredHouseholds") + 1, Int(after, "monitoredHouseholds"));
        Assert.Equal(Int(before, "monitoredPeople") + 2, Int(after, "monitoredPeople"));
        Assert.Equal(Int(before, "withoutMeasure") + 1, Int(after, "withoutMeasure"));
        int KindCount(JsonNode s) => s["byKind"]!.AsArray().Single(k => Str(k, "key") == "UnstableExited")!["households"]!.GetValue<int>();
        Assert.Equal(KindCount(before) + 1, KindCount(after));
        Assert.Contains(after["byRiskType"]!.AsArray(), r => Str(r, "key") == "Illness");

        // 一户一策 gaps: the risk without a measure and the missing responsible cadre.
        var warnings = view["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).ToList();
        Assert.Contains("风险类型“因病”尚无对应帮扶措施", warnings);
        Assert.Contains("尚未确定一对一监测责任人", warnings);
        Assert.Equal(2, warnings.Count);

        await Problem(await (await As("auditor")).PutAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/plan",
            new { responsibleCadre = "李帮扶", plan = "健康帮扶", version = VersionOf(view) }), HttpStatusCode.Forbidden);
        view = await Ok(await village.PutAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/plan",
            new { responsibleCadre = "李帮扶", plan = "落实大病保险报销和医疗救助，稳定务工收入", version = VersionOf(view) }));
        Assert.Equal("李帮扶", Str(view["case"], "responsibleCadre"));
        await FieldError(await village.PostAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/measures", new
        {
            category = "Health", riskType = "Illness", description = "医疗救助已发放", startDate = Day(ChinaToday), status = "Done",
        }), "evidence");
        Assert.Contains("5万元", await FieldError(await village.PostAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/measures", new
        {
            category = "Finance", riskType = "Illness", description = "脱贫人口小额信贷", startDate = Day(ChinaToday), amount = 60000, status = "Planned",
        }), "amount"));
        var measure = await Ok(await village.PostAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/measures", new
        {
            category = "Health", riskType = "Illness", description = "落实医疗救助和大病保险报销", startDate = Day(ChinaToday), amount = 3500.50m,
            status = "Done", evidence = "医疗救助发放记录一份",
        }), HttpStatusCode.Created);
        Assert.Equal("Done", Str(measure, "status"));
        Assert.Equal(3500.50m, measure["amount"]!.GetValue<decimal>());

        // A stale plan is refused; a measure is updated in place, and only under its own case.
        await Problem(await village.PutAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/plan",
            new { responsibleCadre = "王某", version = VersionOf(view) - 1 }), HttpStatusCode.Conflict);
        var measureId = measure["id"]!.GetValue<long>();
        var update = new
        {
            category = "Health", riskType = "Illness", description = "落实医疗救助和大病保险报销", startDate = Day(ChinaToday), amount = 4000m,
            status = "Done", evidence = "医疗救助发放记录两份", version = measure["version"]!.GetValue<int>(),
        };
        Assert.Equal(4000m, (await Ok(await village.PutAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/measures/{measureId}", update)))["amount"]!.GetValue<decimal>());
        var other = await MonitoredAsync(county, places.HomeVillage);
        await Problem(await village.PutAsJsonAsync($"/api/v1/monitoring/cases/{other.CaseId}/measures/{measureId}", update), HttpStatusCode.NotFound);

        view = await CaseAsync(tuqiao, caseId);
        Assert.Empty(view["warnings"]!.AsArray());
        Assert.Equal("Health", Str(Assert.Single(view["measures"]!.AsArray()), "category"));
        Assert.Equal(Int(before, "withoutMeasure"), Int(await StatsAsync(tuqiao, places.HomeVillage), "withoutMeasure"));
    }

    [DbFact]
    public async Task Two_editors_of_one_measure_the_second_is_told_who_saved_first_and_when()
    {
        var places = await PlacesAsync();
        var (_, caseId) = await MonitoredAsync(await As("tl_admin"), places.HomeVillage);
        var id = Assert.Single((await CaseAsync(await As("tl_admin"), caseId))["measures"]!.AsArray())!["id"]!.GetValue<long>();
        await TwoEditorsAsync("该帮扶措施", "village", "tl_admin",
            async c => (await CaseAsync(c, caseId))["measures"]!.AsArray().Single(m => m!["id"]!.GetValue<long>() == id)!["version"]!.GetValue<int>(),
            (c, v, n) =>
            {
                var body = new JsonObject();
                DoneMeasure()(body);
                body["evidence"] = $"劳动合同复印件（第{n}次修改）";
                body["version"] = v;
                return c.PutAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/measures/{id}", body);
            });
    }

    // --- 4. the decision checks the kind ----------------------------------------------------------------------

    [DbFact]
    public async Task The_decision_refuses_a_kind_that_does_not_fit_the_household_with_the_chinese_reason()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");

        // An ordinary household cannot be 脱贫不稳定户: refused already when the village proposes it, and again if the
        // county tries to decide it; 边缘易致贫户 fits.
        var (ordinary, ordinaryCase) = await CaseForAsync(county, places.HomeVillage, status: "Ordinary");
        var view = await WalkAsync(county, ordinaryCase, "Appraisal");
        Assert.Contains("脱贫不稳定户须为脱贫户",
            await FieldError(await StepAsync(county, ordinaryCase, "Appraisal", VersionOf(view), AppraisalFields("UnstableExited")), "kind"));
        view = await WalkAsync(county, ordinaryCase, "CountyDecision", kind: "EdgeProne");
        Assert.Equal("EdgeProne", Str(view["case"], "proposedKind"));
        var refused = await FieldError(await StepAsync(county, ordinaryCase, "CountyDecision", VersionOf(view),
            b => { b["agreed"] = true; b["kind"] = "UnstableExited"; }), "kind");
        Assert.Contains("脱贫不稳定户须为脱贫户", refused);
        Assert.Equal("CountyDecision", StageOf(await CaseAsync(county, ordinaryCase)));
        view = await DoAsync(county, ordinaryCase, "CountyDecision", VersionOf(view), b => { b["agreed"] = true; b["kind"] = "EdgeProne"; });
        Assert.Equal("EdgeProne", Str(view["case"], "kind"));
        Assert.Equal("Monitored", Str((await GetAsync(county, $"/api/v1/households/{ordinary.Id}"))["household"], "status"));

        // An exited household with income above the range: not 脱贫不稳定户, but 突发严重困难户 fits.
        var rich = await NewHouseholdAsync(county, places.HomeVillage);
        await SaveIncomeAsync(county, rich.Id, LastYear, 9000m, outOfPocket: 30000m);
        var lead = Assert.Single(await LeadsAsync(county, rich.Id))!;
        Assert.Equal("HighOutOfPocket", Str(lead, "reason"));
        var richCase = (await OpenCaseAsync(county, lead["id"]!.GetValue<long>()))["id"]!.GetValue<long>();
        view = await WalkAsync(county, richCase, "CountyDecision", kind: "SevereHardship");
        refused = await FieldError(await StepAsync(county, richCase, "CountyDecision", VersionOf(view),
            b => { b["agreed"] = true; b["kind"] = "UnstableExited"; }), "kind");
        Assert.Contains("人均纯收入9000元高于监测范围6000元", refused);
        Assert.Contains("突发严重困难户", refused);
        view = await DoAsync(county, richCase, "CountyDecision", VersionOf(view),
            b => { b["agreed"] = true; b["kind"] = "SevereHardship"; b["riskTypes"] = new JsonArray("Illness", "Accident"); });
        Assert.Equal("Monitoring", StageOf(view));
        Assert.Equal("SevereHardship", Str(view["case"], "kind"));
        Assert.Equal("Illness,Accident", Str(view["case"], "riskTypes"));
    }
}
