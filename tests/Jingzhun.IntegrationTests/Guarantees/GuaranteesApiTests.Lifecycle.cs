namespace Jingzhun.IntegrationTests;

public abstract partial class GuaranteesApiTests
{
    // --- 1. the panel ----------------------------------------------------------------------------------------

    [DbFact]
    public async Task The_panel_judges_six_dimensions_with_reasons_and_a_failure_opens_exactly_one_problem()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var h = await RegisterWithAsync(tuqiao, places.HomeVillage, GoodFacts());

        var panel = await PanelAsync(tuqiao, h.Id);
        Assert.Equal(Dimensions, panel.Select(d => d!["dimension"]!.GetValue<string>()));
        Assert.Equal(["Pass", "Pass", "Pass", "Pass", "Pass", "Unknown"], panel.Select(d => d!["verdict"]!.GetValue<string>()));
        Assert.Equal("无义务教育阶段适龄儿童（满6周岁后的秋季学期起，至初中毕业或满16周岁）", Dim(panel, "Education")["reason"]!.GetValue<string>());
        var water = Dim(panel, "Water");
        Assert.Equal("信息缺失", water["verdictLabel"]!.GetValue<string>());
        Assert.Equal("未采集：水量、水质、用水方便程度、供水保证率", water["reason"]!.GetValue<string>());
        Assert.Null(water["openProblemId"]);
        Assert.Empty(await ProblemsOfAsync(tuqiao, h.Id));

        // A 10-year-old out of school: the education dimension fails and names the child.
        var childName = NewName();
        var child = Person(childName, IdNumberAged(10), "Son");
        child["schoolStatus"] = "NotInSchool";
        await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/households/{h.Id}/members", new { member = child }), HttpStatusCode.Created);

        panel = await PanelAsync(tuqiao, h.Id);
        var education = Dim(panel, "Education");
        Assert.Equal("Fail", education["verdict"]!.GetValue<string>());
        Assert.Equal("未达标", education["verdictLabel"]!.GetValue<string>());
        Assert.Equal("义务教育", education["dimensionLabel"]!.GetValue<string>());
        Assert.Equal($"成员 {childName}（10岁）非在校生，且无送教上门或健康原因", education["reason"]!.GetValue<string>());
        Assert.Equal("Unknown", Dim(panel, "Water")["verdict"]!.GetValue<string>());
        Assert.Equal("Pass", Dim(panel, "Medical")["verdict"]!.GetValue<string>());

        var problem = Assert.Single(await ProblemsOfAsync(tuqiao, h.Id))!;
        var problemId = problem["id"]!.GetValue<long>();
        Assert.Equal("Education", problem["dimension"]!.GetValue<string>());
        Assert.Equal("Rule", problem["source"]!.GetValue<string>());
        Assert.Equal("Pending", problem["status"]!.GetValue<string>());
        Assert.Equal(education["reason"]!.GetValue<string>(), problem["description"]!.GetValue<string>());
        Assert.Equal(problemId, education["openProblemId"]!.GetValue<long>());
        Assert.Equal("Pending", education["openProblemStatus"]!.GetValue<string>());

        // Saving the household and the child again judges again, but opens no second problem.
        var detail = await GetAsync(tuqiao, $"/api/v1/households/{h.Id}");
        await Ok(await tuqiao.PutAsJsonAsync($"/api/v1/households/{h.Id}",
            new { household = GoodFacts(), version = detail["version"]!.GetValue<int>() }));
        var childView = detail["members"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == childName)!;
        var childId = childView["id"]!.GetValue<long>();
        var saved = await Ok(await tuqiao.PutAsJsonAsync($"/api/v1/members/{childId}",
            new { member = child, version = childView["version"]!.GetValue<int>() }));
        Assert.Equal(problemId, Assert.Single(await ProblemsOfAsync(tuqiao, h.Id))!["id"]!.GetValue<long>());

        // The child goes to school: the panel passes, the problem stays open until a person resolves it.
        child["schoolStatus"] = "Primary";
        await Ok(await tuqiao.PutAsJsonAsync($"/api/v1/members/{childId}", new { member = child, version = saved["version"]!.GetValue<int>() }));
        panel = await PanelAsync(tuqiao, h.Id);
        education = Dim(panel, "Education");
        Assert.Equal("Pass", education["verdict"]!.GetValue<string>());
        Assert.Equal("义务教育阶段适龄儿童1人均在校", education["reason"]!.GetValue<string>());
        Assert.Equal(problemId, education["openProblemId"]!.GetValue<long>());
        var still = await GetAsync(tuqiao, $"/api/v1/problems/{problemId}");
        Assert.Equal("Pending", still["problem"]!["status"]!.GetValue<string>());
        Assert.Single(await ProblemsOfAsync(tuqiao, h.Id));
    }

    [DbFact]
    public async Task A_dangerous_house_and_an_uninsured_member_open_problems_with_severity_and_named_reasons()
    {
        var places = await PlacesAsync();
        var village = await As("village");
        var h = await RegisterWithAsync(village, places.HomeVillage, GoodFacts(f => f["housingGrade"] = "D"), headInsured: false);

        var panel = await PanelAsync(village, h.Id);
        Assert.Equal("Fail", Dim(panel, "Housing")["verdict"]!.GetValue<string>());
        Assert.Contains("危房", Dim(panel, "Housing")["reason"]!.GetValue<string>());
        Assert.Equal($"成员 {h.HeadName} 未参加城乡居民基本医疗保险", Dim(panel, "Medical")["reason"]!.GetValue<string>());

        var problems = await ProblemsOfAsync(village, h.Id);
        Assert.Equal(["Housing", "Medical"], problems.Select(p => p!["dimension"]!.GetValue<string>()).Order());
        Assert.Equal("Urgent", problems.Single(p => p!["dimension"]!.GetValue<string>() == "Housing")!["severity"]!.GetValue<string>());
        Assert.Equal("Normal", problems.Single(p => p!["dimension"]!.GetValue<string>() == "Medical")!["severity"]!.GetValue<string>());
        Assert.All(problems, p => Assert.Equal(h.Number, p!["householdNumber"]!.GetValue<string>()));
    }

    [DbFact]
    public async Task Texts_of_a_problem_are_saved_up_to_their_column_s_length_and_one_character_more_is_refused_naming_the_field()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        // A pending housing problem of a new household, walked to the state whose step is tested.
        async Task<(long Id, int Version)> ProblemAtAsync(string status)
        {
            var h = await RegisterWithAsync(county, places.SecondVillage, GoodFacts(f => f["housingGrade"] = "D"));
            var id = await OnlyProblemAsync(county, h.Id, "Housing");
            return (id, (await WalkAsync(county, id, status))["problem"]!["version"]!.GetValue<int>());
        }

        await TextLimitAsync("description", 500, async t =>
        {
            var h = await RegisterWithAsync(county, places.SecondVillage, GoodFacts());
            return await county.PostAsJsonAsync("/api/v1/problems", new { householdId = h.Id, dimension = "Food", source = "Visit", severity = "Normal", description = t });
        });
        var p = await ProblemAtAsync("Pending");
        await TextLimitAsync("unit", 100, t => StepAsync(county, p.Id, "Assign", p.Version, b => { b["unit"] = t; b["person"] = "王责任"; }));
        p = await ProblemAtAsync("Pending");
        await TextLimitAsync("person", 50, t => StepAsync(county, p.Id, "Assign", p.Version, b => { b["unit"] = "镇住建办"; b["person"] = t; }));
        p = await ProblemAtAsync("Assigned");
        await TextLimitAsync("note", 500, t => StepAsync(county, p.Id, "Start", p.Version, b => b["note"] = t));
        p = await ProblemAtAsync("InProgress");
        await TextLimitAsync("measure", 1000, t => StepAsync(county, p.Id, "Resolve", p.Version, b => { Resolution(b); b["measure"] = t; }));
        p = await ProblemAtAsync("InProgress");
        await TextLimitAsync("evidenceText", 1000, t => StepAsync(county, p.Id, "Resolve", p.Version, b => { Resolution(b); b["evidenceText"] = t; }));
        p = await ProblemAtAsync("Resolved");
        var admin = await As("admin"); // the county administrator resolved it: returning is someone else's
        await TextLimitAsync("reason", 500, t => StepAsync(admin, p.Id, "Return", p.Version, b => b["reason"] = t));
        p = await ProblemAtAsync("Pending");
        await TextLimitAsync("unit", 100, t => county.PostAsJsonAsync("/api/v1/problems/bulk-assign", new { ids = new[] { p.Id }, unit = t, person = "王责任" }));
        p = await ProblemAtAsync("Pending");
        await TextLimitAsync("person", 50, t => county.PostAsJsonAsync("/api/v1/problems/bulk-assign", new { ids = new[] { p.Id }, unit = "镇住建办", person = t }));
    }

    // --- 2. the whole lifecycle ------------------------------------------------------------------------------

    [DbFact]
    public async Task A_problem_is_walked_through_every_state_by_the_right_roles_with_history_and_audit()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var village = await As("village");
        var h = await RegisterWithAsync(tuqiao, places.HomeVillage, GoodFacts(f => f["housingGrade"] = "D"));
        var id = await OnlyProblemAsync(tuqiao, h.Id, "Housing");

        var view = await GetAsync(village, $"/api/v1/problems/{id}");
        Assert.Empty(view["nextSteps"]!.AsArray()); // the village cannot assign
        Assert.Equal(["Assign"], (await GetAsync(tuqiao, $"/api/v1/problems/{id}"))["nextSteps"]!.AsArray().Select(s => s!.GetValue<string>()));

        // 交办: the deadline defaults from the policy by severity (housing is urgent: 7 days).
        view = await DoAsync(tuqiao, id, "Assign", 1, b => { b["unit"] = "土桥镇住建办"; b["person"] = "李责任"; });
        var p = view["problem"]!;
        Assert.Equal("Assigned", p["status"]!.GetValue<string>());
        Assert.Equal("Urgent", p["severity"]!.GetValue<string>());
        Assert.Equal("土桥镇住建办", p["assignedUnit"]!.GetValue<string>());
        Assert.Equal("李责任", p["assignedPerson"]!.GetValue<string>());
        Assert.Equal(ChinaToday.AddDays(7).ToString("yyyy-MM-dd"), p["deadline"]!.GetValue<string>());
        Assert.False(p["isOverdue"]!.GetValue<bool>());
        Assert.Equal(2, p["version"]!.GetValue<int>());

        view = await DoAsync(village, id, "Start", 2, b => b["note"] = "已联系施工队");
        Assert.Equal("InProgress", view["problem"]!["status"]!.GetValue<string>());

        // Evidence photo: a real PNG, uploaded by the village.
        var png = TinyPng();
        var photo = await Ok(await UploadAsync(village, png, "现场.png", "image/png"), HttpStatusCode.Created);
        var photoId = photo["id"]!.GetValue<string>();
        view = await DoAsync(village, id, "Resolve", 3, b =>
        {
            b["measure"] = "危房改造完成，已搬入新房";
            b["evidenceText"] = "住房鉴定为A级";
            b["photoIds"] = new JsonArray(photoId);
        });
        Assert.Equal("Resolved", view["problem"]!["status"]!.GetValue<string>());
        Assert.Equal("危房改造完成，已搬入新房", view["measure"]!.GetValue<string>());
        Assert.Equal("住房鉴定为A级", view["evidenceText"]!.GetValue<string>());
        Assert.Equal("village", view["resolvedBy"]!.GetValue<string>());
        Assert.NotNull(view["resolvedAt"]);
        var shown = Assert.Single(view["photos"]!.AsArray())!;
        Assert.Equal(photoId, shown["id"]!.GetValue<string>());
        Assert.Equal("image/png", shown["contentType"]!.GetValue<string>());
        // The township reviewing the case can open the photo.
        var image = await tuqiao.GetAsync(shown["url"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync());

        // 退回: back to 整改中, the resolution time cleared.
        view = await DoAsync(tuqiao, id, "Return", 4, b => b["reason"] = "照片不能反映新房情况");
        Assert.Equal("InProgress", view["problem"]!["status"]!.GetValue<string>());
        Assert.Null(view["resolvedAt"]);
        Assert.Null(view["resolvedBy"]);
        Assert.Equal("照片不能反映新房情况", view["returnReason"]!.GetValue<string>());
        Assert.Equal(1, view["returnCount"]!.GetValue<int>());

        view = await DoAsync(village, id, "Resolve", 5, b => { b["measure"] = "补拍新房照片"; b["evidenceText"] = "附新房内外照片"; b["photoIds"] = new JsonArray(photoId); });
        Assert.Equal("Resolved", view["problem"]!["status"]!.GetValue<string>());
        Assert.NotNull(view["resolvedAt"]);

        view = await DoAsync(tuqiao, id, "Verify", 6);
        Assert.Equal("Verified", view["problem"]!["status"]!.GetValue<string>());
        Assert.Equal("tuqiao", view["verifiedBy"]!.GetValue<string>());
        Assert.NotNull(view["verifiedAt"]);
        Assert.Equal(7, view["problem"]!["version"]!.GetValue<int>());
        Assert.Empty(view["nextSteps"]!.AsArray());

        // Every step is in the history, with who did it.
        var history = view["history"]!.AsArray();
        Assert.Equal(
            [("", "Pending", "系统研判"), ("Pending", "Assigned", "tuqiao"), ("Assigned", "InProgress", "village"), ("InProgress", "Resolved", "village"),
             ("Resolved", "InProgress", "tuqiao"), ("InProgress", "Resolved", "village"), ("Resolved", "Verified", "tuqiao")],
            history.Select(e => (e!["from"]?.GetValue<string>() ?? "", e["to"]!.GetValue<string>(), e["by"]!.GetValue<string>())));
        Assert.Contains("李责任", history[1]!["note"]!.GetValue<string>());
        Assert.Equal("已联系施工队", history[2]!["note"]!.GetValue<string>());
        Assert.Contains("危房改造完成", history[3]!["note"]!.GetValue<string>());
        Assert.Contains("照片不能反映新房情况", history[4]!["note"]!.GetValue<string>());

        // The panel no longer links the verified problem.
        Assert.Null(Dim(await PanelAsync(tuqiao, h.Id), "Housing")["openProblemId"]);

        // Audited: the opening and each of the six steps, by the people who took them.
        var audit = (await GetAsync(await As("tl_admin"), $"/api/v1/audit?householdId={h.Id}&entityType=Problem&pageSize=200"))["items"]!.AsArray()
            .Where(a => a!["entityId"]!.GetValue<string>() == id.ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(7, audit.Count);
        Assert.Single(audit, a => a!["action"]!.GetValue<string>() == "Create");
        Assert.Equal(3, audit.Count(a => a!["userName"]!.GetValue<string>() == "village"));
        Assert.Equal(4, audit.Count(a => a!["userName"]!.GetValue<string>() == "tuqiao"));
        Assert.Contains(audit, a => a!["summary"]!.GetValue<string>().Contains("已核验", StringComparison.Ordinal));
    }

    // --- 3. refusals -------------------------------------------------------------------------------------------

    [DbFact]
    public async Task Illegal_transitions_wrong_roles_stale_versions_and_missing_evidence_are_refused()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var village = await As("village");
        var cadre = await As("cadre");
        var auditor = await As("auditor");
        var h = await RegisterWithAsync(tuqiao, places.HomeVillage, GoodFacts(f => f["housingGrade"] = "C"));
        var id = await OnlyProblemAsync(tuqiao, h.Id, "Housing");
        await PairWithDemoCadreAsync(h.Id);

        // Not from 待交办.
        var p = await Problem(await StepAsync(tuqiao, id, "Verify", 1), HttpStatusCode.Conflict);
        Assert.Contains("待交办", p["title"]!.GetValue<string>());
        await Problem(await StepAsync(tuqiao, id, "Return", 1, b => b["reason"] = "不行"), HttpStatusCode.Conflict);
        await Problem(await StepAsync(village, id, "Start", 1), HttpStatusCode.Conflict);
        await Problem(await StepAsync(village, id, "Resolve", 1, Resolution), HttpStatusCode.Conflict);

        // Wrong roles.
        p = await Problem(await StepAsync(village, id, "Assign", 1, Assignment), HttpStatusCode.Forbidden);
        Assert.Contains("交办", p["title"]!.GetValue<string>());
        await Problem(await StepAsync(cadre, id, "Assign", 1, Assignment), HttpStatusCode.Forbidden);
        foreach (var step in new[] { "Assign", "Start", "Resolve", "Verify", "Return" })
            await Problem(await StepAsync(auditor, id, step, 1, b => { Assignment(b); Resolution(b); b["reason"] = "审计"; }), HttpStatusCode.Forbidden);
        await Problem(await auditor.PostAsJsonAsync("/api/v1/problems",
            new { householdId = h.Id, dimension = "Food", source = "Visit", severity = "Normal", description = "审计人员登记问题" }), HttpStatusCode.Forbidden);
        await Problem(await auditor.PostAsJsonAsync("/api/v1/problems/bulk-assign", new { ids = new[] { id }, unit = "单位", person = "某人" }),
            HttpStatusCode.Forbidden);

        // Stale version; missing or past assignment fields.
        p = await Problem(await StepAsync(tuqiao, id, "Assign", 2, Assignment), HttpStatusCode.Conflict);
        Assert.Contains("刷新", p["title"]!.GetValue<string>());
        await FieldError(await StepAsync(tuqiao, id, "Assign", 1, b => b["person"] = "王责任"), "unit");
        await FieldError(await StepAsync(tuqiao, id, "Assign", 1, b => b["unit"] = "镇住建办"), "person");
        Assert.Contains("早于今天", await FieldError(await StepAsync(tuqiao, id, "Assign", 1, b =>
        {
            Assignment(b);
            b["deadline"] = ChinaToday.AddDays(-1).ToString("yyyy-MM-dd");
        }), "deadline"));

        // Nothing moved.
        var view = await GetAsync(tuqiao, $"/api/v1/problems/{id}");
        Assert.Equal(1, view["problem"]!["version"]!.GetValue<int>());
        Assert.Single(view["history"]!.AsArray());

        // An explicit deadline is kept.
        view = await DoAsync(tuqiao, id, "Assign", 1, b => { Assignment(b); b["deadline"] = ChinaToday.AddDays(3).ToString("yyyy-MM-dd"); });
        Assert.Equal(ChinaToday.AddDays(3).ToString("yyyy-MM-dd"), view["problem"]!["deadline"]!.GetValue<string>());
        await Problem(await StepAsync(tuqiao, id, "Assign", 2, Assignment), HttpStatusCode.Conflict);

        // Start twice: the second is refused, with the current version and with the stale one.
        await DoAsync(cadre, id, "Start", 2);
        await Problem(await StepAsync(village, id, "Start", 3), HttpStatusCode.Conflict);
        await Problem(await StepAsync(village, id, "Start", 2), HttpStatusCode.Conflict);
        await Problem(await StepAsync(tuqiao, id, "Verify", 3), HttpStatusCode.Conflict);

        // A resolution needs a measure and evidence; photos must exist.
        Assert.Contains("整改措施", await FieldError(await StepAsync(village, id, "Resolve", 3, b => b["evidenceText"] = "有照片"), "measure"));
        await FieldError(await StepAsync(village, id, "Resolve", 3, b => { b["measure"] = "   "; b["evidenceText"] = "有照片"; }), "measure");
        Assert.Contains("佐证", await FieldError(await StepAsync(village, id, "Resolve", 3, b => b["measure"] = "已加固"), "evidenceText"));
        await FieldError(await StepAsync(village, id, "Resolve", 3, b => { Resolution(b); b["photoIds"] = new JsonArray("0123456789abcdef0123456789abcdef"); }),
            "photoIds");

        // Only JPEG or PNG content is stored, whatever the name says.
        var text = System.Text.Encoding.UTF8.GetBytes("这不是照片，只是改了扩展名的文本文件");
        Assert.Contains("JPEG", await FieldError(await UploadAsync(village, text, "photo.jpg", "image/jpeg"), "file"));
        await FieldError(await UploadAsync(village, [], "empty.png", "image/png"), "file");

        view = await GetAsync(village, $"/api/v1/problems/{id}");
        Assert.Equal("InProgress", view["problem"]!["status"]!.GetValue<string>());
        Assert.Equal(3, view["problem"]!["version"]!.GetValue<int>());

        // The cadre resolves but may not verify; the village may not verify or return either.
        await DoAsync(cadre, id, "Resolve", 3, Resolution);
        await Problem(await StepAsync(cadre, id, "Verify", 4), HttpStatusCode.Forbidden);
        await Problem(await StepAsync(village, id, "Verify", 4), HttpStatusCode.Forbidden);
        await Problem(await StepAsync(village, id, "Return", 4, b => b["reason"] = "重做"), HttpStatusCode.Forbidden);
        Assert.Contains("退回原因", await FieldError(await StepAsync(tuqiao, id, "Return", 4), "reason"));
        await DoAsync(tuqiao, id, "Verify", 4);

        // Verified is final.
        foreach (var step in new[] { "Assign", "Start", "Resolve", "Verify", "Return" })
            await Problem(await StepAsync(tuqiao, id, step, 5, b => { Assignment(b); Resolution(b); b["reason"] = "再看看"; }), HttpStatusCode.Conflict);
        Assert.Equal(5, (await GetAsync(tuqiao, $"/api/v1/problems/{id}"))["history"]!.AsArray().Count);
    }

    [DbFact]
    public async Task Simultaneous_steps_on_one_problem_and_simultaneous_reports_let_exactly_one_win()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var county = await As("tl_admin");
        var h = await RegisterWithAsync(tuqiao, places.HomeVillage, GoodFacts(f => f["housingGrade"] = "D"));
        var id = await OnlyProblemAsync(tuqiao, h.Id, "Housing");

        var answers = await Task.WhenAll(
            StepAsync(tuqiao, id, "Assign", 1, b => { b["unit"] = "甲单位"; b["person"] = "甲某"; }),
            StepAsync(county, id, "Assign", 1, b => { b["unit"] = "乙单位"; b["person"] = "乙某"; }));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var view = await GetAsync(tuqiao, $"/api/v1/problems/{id}");
        Assert.Equal(2, view["problem"]!["version"]!.GetValue<int>());
        Assert.Equal(2, view["history"]!.AsArray().Count);
        var winner = answers.Single(a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal((await Ok(winner))["problem"]!["assignedPerson"]!.GetValue<string>(), view["problem"]!["assignedPerson"]!.GetValue<string>());

        var reports = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => (i == 0 ? tuqiao : county).PostAsJsonAsync("/api/v1/problems",
            new { householdId = h.Id, dimension = "Water", source = "Complaint", severity = "Normal", description = $"群众反映饮水困难{i}" })));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], reports.Select(a => a.StatusCode).Order());
        Assert.Equal(1, await TotalAsync(tuqiao, $"householdId={h.Id}&dimension=Water"));
    }

    // --- 4. problems opened by hand ----------------------------------------------------------------------------

    [DbFact]
    public async Task A_problem_opened_by_hand_is_one_per_household_and_dimension_and_never_of_source_rule()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var village = await As("village");
        var h = await RegisterWithAsync(tuqiao, places.HomeVillage, GoodFacts());
        Assert.Empty(await ProblemsOfAsync(tuqiao, h.Id));

        object Body(string dimension, string source, string description = "入户走访发现家中存粮不足") =>
            new { householdId = h.Id, dimension, source, severity = "Urgent", description };

        var created = await Ok(await village.PostAsJsonAsync("/api/v1/problems", Body("Food", "Visit")), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<long>();
        Assert.Equal("Visit", created["source"]!.GetValue<string>());
        Assert.Equal("Pending", created["status"]!.GetValue<string>());
        Assert.Equal("Urgent", created["severity"]!.GetValue<string>());
        Assert.Equal("Food", created["dimension"]!.GetValue<string>());
        var view = await GetAsync(tuqiao, $"/api/v1/problems/{id}");
        var opened = Assert.Single(view["history"]!.AsArray())!;
        Assert.Equal("village", opened["by"]!.GetValue<string>());
        Assert.Contains("入户走访", opened["note"]!.GetValue<string>());

        // A second open problem of the same household and dimension is refused and points to the first.
        var conflict = await Problem(await tuqiao.PostAsJsonAsync("/api/v1/problems", Body("Food", "Complaint", "12317热线反映缺粮")), HttpStatusCode.Conflict);
        Assert.Contains(id.ToString(CultureInfo.InvariantCulture), conflict["title"]!.GetValue<string>());
        // Another dimension is fine; the rule source and bad fields are not.
        await Ok(await tuqiao.PostAsJsonAsync("/api/v1/problems", Body("Clothing", "Inspection", "暗访发现冬季被褥不足")), HttpStatusCode.Created);
        await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/problems", Body("Water", "Rule", "系统研判发现饮水问题")), "source");
        await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/problems", Body("Water", "DepartmentData", "短")), "description");
        await Problem(await tuqiao.PostAsJsonAsync("/api/v1/problems", new { householdId = 987654321L, dimension = "Water", source = "Visit", severity = "Normal", description = "不存在的户" }),
            HttpStatusCode.NotFound);
        Assert.Equal(["Clothing", "Food"], (await ProblemsOfAsync(tuqiao, h.Id)).Select(p => p!["dimension"]!.GetValue<string>()).Order());
        Assert.Equal(1, await TotalAsync(tuqiao, $"householdId={h.Id}&source=Visit"));
        Assert.Equal(1, await TotalAsync(tuqiao, $"householdId={h.Id}&source=Inspection"));
        Assert.Equal(0, await TotalAsync(tuqiao, $"householdId={h.Id}&source=Rule"));

        // An open manual housing problem also stops the rules from opening a second one when the data fails.
        await Ok(await tuqiao.PostAsJsonAsync("/api/v1/problems", Body("Housing", "DepartmentData", "住建部门数据显示房屋开裂")), HttpStatusCode.Created);
        var detail = await GetAsync(tuqiao, $"/api/v1/households/{h.Id}");
        await Ok(await tuqiao.PutAsJsonAsync($"/api/v1/households/{h.Id}",
            new { household = GoodFacts(f => f["housingGrade"] = "D"), version = detail["version"]!.GetValue<int>() }));
        Assert.Equal("Fail", Dim(await PanelAsync(tuqiao, h.Id), "Housing")["verdict"]!.GetValue<string>());
        var housing = Assert.Single(await ProblemsOfAsync(tuqiao, h.Id), p => p!["dimension"]!.GetValue<string>() == "Housing")!;
        Assert.Equal("DepartmentData", housing["source"]!.GetValue<string>());

        // A rule problem blocks a manual one of its dimension too; once verified, a new one may be opened.
        var other = await RegisterWithAsync(tuqiao, places.HomeVillage, GoodFacts(), headInsured: false);
        var ruleProblem = await OnlyProblemAsync(tuqiao, other.Id, "Medical");
        conflict = await Problem(await tuqiao.PostAsJsonAsync("/api/v1/problems",
            new { householdId = other.Id, dimension = "Medical", source = "Visit", severity = "Normal", description = "走访发现未参保" }), HttpStatusCode.Conflict);
        Assert.Contains(ruleProblem.ToString(CultureInfo.InvariantCulture), conflict["title"]!.GetValue<string>());
        await WalkAsync(tuqiao, id, "Verified");
        await Ok(await village.PostAsJsonAsync("/api/v1/problems", Body("Food", "Complaint", "群众再次反映缺粮")), HttpStatusCode.Created);
        Assert.Equal(2, await TotalAsync(tuqiao, $"householdId={h.Id}&dimension=Food"));
    }
}
