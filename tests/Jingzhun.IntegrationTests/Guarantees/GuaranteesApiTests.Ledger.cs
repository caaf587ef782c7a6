using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using MiniExcelLibs;

namespace Jingzhun.IntegrationTests;

public abstract partial class GuaranteesApiTests
{
    // --- 5. scope --------------------------------------------------------------------------------------------------

    [DbFact]
    public async Task A_township_sees_only_its_own_problems_and_bulletin_rows_and_the_county_ranks_its_townships()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var tuqiao = await As("tuqiao");
        var village = await As("village");
        var dangerous = GoodFacts(f => f["housingGrade"] = "D");
        var home = await RegisterWithAsync(admin, places.HomeVillage, dangerous);
        var second = await RegisterWithAsync(admin, places.SecondVillage, dangerous);
        var otherTownship = await RegisterWithAsync(admin, places.OtherTownshipVillage, dangerous);
        var otherCounty = await RegisterWithAsync(admin, places.OtherCountyVillage, dangerous);
        var ids = new List<long>();
        foreach (var h in new[] { home, second, otherTownship, otherCounty }) ids.Add(await OnlyProblemAsync(admin, h.Id, "Housing"));

        // List, detail, transitions.
        Assert.Equal(1, await TotalAsync(tuqiao, $"householdId={home.Id}"));
        Assert.Equal(1, await TotalAsync(tuqiao, $"householdId={second.Id}"));
        // A household outside the scope answers 404 like its detail page (an empty list would tell it exists).
        await Problem(await tuqiao.GetAsync($"/api/v1/problems?householdId={otherTownship.Id}"), HttpStatusCode.NotFound);
        await Problem(await tuqiao.GetAsync($"/api/v1/problems?householdId={otherCounty.Id}"), HttpStatusCode.NotFound);
        Assert.Equal(0, await TotalAsync(tuqiao, $"region={places.OtherTownship}"));
        var all = (await GetAsync(tuqiao, "/api/v1/problems?pageSize=200"))["items"]!.AsArray();
        Assert.NotEmpty(all);
        Assert.All(all, p => Assert.StartsWith(Township, p!["villageCode"]!.GetValue<string>()));
        foreach (var far in ids.Skip(2))
        {
            await Problem(await tuqiao.GetAsync($"/api/v1/problems/{far}"), HttpStatusCode.NotFound);
            await Problem(await StepAsync(tuqiao, far, "Assign", 1, Assignment), HttpStatusCode.NotFound);
        }
        await Problem(await village.GetAsync($"/api/v1/problems/{ids[1]}"), HttpStatusCode.NotFound);
        await Problem(await StepAsync(village, ids[1], "Start", 1), HttpStatusCode.NotFound);
        await Problem(await village.GetAsync($"/api/v1/problems?householdId={second.Id}"), HttpStatusCode.NotFound);
        await Problem(await tuqiao.GetAsync($"/api/v1/households/{otherTownship.Id}/guarantees"), HttpStatusCode.NotFound);
        await Problem(await tuqiao.PostAsJsonAsync("/api/v1/problems",
            new { householdId = otherTownship.Id, dimension = "Food", source = "Visit", severity = "Normal", description = "越权登记的问题" }), HttpStatusCode.NotFound);
        // The refused transition changed nothing.
        Assert.Equal("Pending", (await GetAsync(admin, $"/api/v1/problems/{ids[2]}"))["problem"]!["status"]!.GetValue<string>());

        // Export rows.
        var exported = (await ProblemExportAsync(tuqiao, "")).Select(ExportId).ToHashSet();
        Assert.Contains(ids[0], exported);
        Assert.Contains(ids[1], exported);
        Assert.DoesNotContain(ids[2], exported);
        Assert.DoesNotContain(ids[3], exported);

        // The township's bulletin: its own villages only; other regions are not found.
        var bulletin = await GetAsync(tuqiao, "/api/v1/bulletins");
        Assert.Equal(Township, bulletin["regionCode"]!.GetValue<string>());
        var rows = bulletin["bySubRegion"]!.AsArray();
        Assert.All(rows, r => Assert.StartsWith(Township, r!["key"]!.GetValue<string>()));
        Assert.Contains(rows, r => r!["key"]!.GetValue<string>() == places.HomeVillage);
        Assert.Contains(rows, r => r!["key"]!.GetValue<string>() == places.SecondVillage);
        Assert.True(rows.Single(r => r!["key"]!.GetValue<string>() == places.SecondVillage)!["figures"]!["outstanding"]!.GetValue<int>() >= 1);
        Assert.Equal(await TotalAsync(tuqiao, "measure=Outstanding"), bulletin["totals"]!["outstanding"]!.GetValue<int>());
        await Problem(await tuqiao.GetAsync($"/api/v1/bulletins?region={places.OtherTownship}"), HttpStatusCode.NotFound);
        await Problem(await tuqiao.GetAsync($"/api/v1/bulletins?region={County}"), HttpStatusCode.NotFound);
        await Problem(await tuqiao.GetAsync($"/api/v1/bulletins/export?region={places.OtherCounty}"), HttpStatusCode.NotFound);

        // The county's bulletin ranks its townships, worst first.
        var county = await GetAsync(await As("tl_admin"), $"/api/v1/bulletins?region={County}");
        Assert.Contains("两不愁三保障问题动态清零", county["title"]!.GetValue<string>());
        var townships = county["bySubRegion"]!.AsArray();
        Assert.All(townships, r => Assert.Equal(9, r!["key"]!.GetValue<string>().Length));
        Assert.Equal(Enumerable.Range(1, townships.Count), townships.Select(r => r!["rank"]!.GetValue<int>()));
        for (var i = 1; i < townships.Count; i++)
        {
            var (a, b) = (townships[i - 1]!["figures"]!, townships[i]!["figures"]!);
            var order = b["overdue"]!.GetValue<int>().CompareTo(a["overdue"]!.GetValue<int>());
            if (order == 0) order = b["outstanding"]!.GetValue<int>().CompareTo(a["outstanding"]!.GetValue<int>());
            Assert.True(order <= 0, $"rank {i} before rank {i + 1}: {a.ToJsonString()} / {b.ToJsonString()}");
        }
        int RankOf(string code) => townships.Single(r => r!["key"]!.GetValue<string>() == code)!["rank"]!.GetValue<int>();
        var quiet = townships.Where(r => r!["figures"]!["outstanding"]!.GetValue<int>() == 0).ToList();
        Assert.NotEmpty(quiet);
        Assert.True(RankOf(Township) < quiet.Min(r => r!["rank"]!.GetValue<int>()));
        Assert.True(RankOf(places.OtherTownship) < quiet.Min(r => r!["rank"]!.GetValue<int>()));
        Assert.DoesNotContain(townships, r => r!["key"]!.GetValue<string>().StartsWith(places.OtherCounty, StringComparison.Ordinal));
    }

    // --- 6. bulletin = list --------------------------------------------------------------------------------------

    [DbFact]
    public async Task Bulletin_figures_equal_the_problem_list_for_the_same_region_period_and_measure()
    {
        var (township, village) = await QuietPlaceAsync();
        var admin = await As("admin");
        var a = await RegisterWithAsync(admin, village, GoodFacts(f => f["housingGrade"] = "D"), headInsured: false); // housing + medical
        var b = await RegisterWithAsync(admin, village, GoodFacts(f => f["housingGrade"] = "D"));                     // housing
        var c = await RegisterWithAsync(admin, village, GoodFacts(f => f["foodSecure"] = false));                     // food
        await Ok(await admin.PostAsJsonAsync("/api/v1/problems",
            new { householdId = b.Id, dimension = "Clothing", source = "Visit", severity = "Minor", description = "走访发现缺少冬衣" }), HttpStatusCode.Created);

        await WalkAsync(admin, await OnlyProblemAsync(admin, a.Id, "Housing"), "Verified");
        await WalkAsync(admin, await OnlyProblemAsync(admin, a.Id, "Medical"), "Resolved");
        await DoAsync(admin, await OnlyProblemAsync(admin, b.Id, "Housing"), "Assign", 1,
            f => { Assignment(f); f["deadline"] = ChinaToday.AddDays(20).ToString("yyyy-MM-dd"); });
        var food = await OnlyProblemAsync(admin, c.Id, "Food");
        await WalkAsync(admin, food, "Resolved");
        // A returned resolution is not counted as resolved (returned by another person than the resolver).
        await DoAsync(await AdminOtherThanAsync("admin"), food, "Return", 4, f => f["reason"] = "证据不足");

        var month = ChinaToday.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var todayTime = ChinaToday.ToDateTime(TimeOnly.MinValue);
        var week = $"{ISOWeek.GetYear(todayTime)}-W{ISOWeek.GetWeekOfYear(todayTime):00}";

        var bulletin = await GetAsync(admin, $"/api/v1/bulletins?region={township}&period={month}");
        Assert.Equal(month, bulletin["period"]!.GetValue<string>());
        Assert.False(bulletin["isWeek"]!.GetValue<bool>());
        var totals = bulletin["totals"]!;
        Assert.Equal([5, 2, 1, 4, 0], Measures.Select(m => totals[Camel(m)]!.GetValue<int>()));
        Assert.Equal(20.0, totals["clearingRate"]!.GetValue<double>());
        Assert.Equal(0, bulletin["previousTotals"]!["found"]!.GetValue<int>());
        var housingRow = bulletin["byDimension"]!.AsArray().Single(r => r!["key"]!.GetValue<string>() == "Housing")!["figures"]!;
        Assert.Equal([2, 1, 1, 1, 0], Measures.Select(m => housingRow[Camel(m)]!.GetValue<int>()));

        foreach (var period in new[] { month, week })
        {
            var bl = await GetAsync(admin, $"/api/v1/bulletins?region={township}&period={period}");
            Assert.Equal(period, bl["period"]!.GetValue<string>());
            foreach (var m in Measures)
            {
                var query = $"region={township}&period={period}&measure={m}";
                Assert.Equal(bl["totals"]![Camel(m)]!.GetValue<int>(), await TotalAsync(admin, query));
                foreach (var row in bl["byDimension"]!.AsArray())
                    Assert.Equal(row!["figures"]![Camel(m)]!.GetValue<int>(), await TotalAsync(admin, $"{query}&dimension={row["key"]!.GetValue<string>()}"));
                foreach (var row in bl["bySubRegion"]!.AsArray())
                    Assert.Equal(row!["figures"]![Camel(m)]!.GetValue<int>(),
                        await TotalAsync(admin, $"region={row["key"]!.GetValue<string>()}&period={period}&measure={m}"));
            }
        }
        // Figures are within the period: last year's same month counts nothing.
        var lastYear = ChinaToday.AddYears(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var old = await GetAsync(admin, $"/api/v1/bulletins?region={township}&period={lastYear}");
        Assert.Equal([0, 0, 0, 0, 0], Measures.Select(m => old["totals"]![Camel(m)]!.GetValue<int>()));
        Assert.Equal(0, await TotalAsync(admin, $"region={township}&period={lastYear}&measure=Found"));
    }

    [DbFact]
    public async Task Overdue_problems_count_alike_in_the_list_the_detail_the_export_and_the_bulletin()
    {
        var (township, village) = await QuietPlaceAsync(fromEnd: 1);
        var places = await PlacesAsync();
        var admin = await As("admin");
        var today = ChinaToday.ToString("yyyy-MM-dd");
        var ids = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            var h = await RegisterWithAsync(admin, village, GoodFacts(f => f["housingGrade"] = "D"));
            ids.Add(await OnlyProblemAsync(admin, h.Id, "Housing"));
        }
        // 0: assigned, due today; 1: in progress, due today; 2: due today but resolved; 3: due in 30 days.
        await DoAsync(admin, ids[0], "Assign", 1, f => { Assignment(f); f["deadline"] = today; });
        await DoAsync(admin, ids[1], "Assign", 1, f => { Assignment(f); f["deadline"] = today; });
        await DoAsync(admin, ids[1], "Start", 2);
        await DoAsync(admin, ids[2], "Assign", 1, f => { Assignment(f); f["deadline"] = today; });
        await DoAsync(admin, ids[2], "Start", 2);
        await DoAsync(admin, ids[2], "Resolve", 3, Resolution);
        await DoAsync(admin, ids[3], "Assign", 1, f => { Assignment(f); f["deadline"] = ChinaToday.AddDays(30).ToString("yyyy-MM-dd"); });

        // Today nothing is overdue yet (the deadline day itself is allowed).
        Assert.Equal(0, await TotalAsync(admin, $"region={township}&overdue=true"));
        Assert.Equal(0, (await GetAsync(admin, $"/api/v1/bulletins?region={township}"))["totals"]!["overdue"]!.GetValue<int>());

        // Ten days later.
        await using var later = Later(10);
        using var c = later.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await Ok(await c.PostAsJsonAsync("/api/v1/auth/login",
            new { username = "admin", password = Jingzhun.Web.Modules.Registry.DemoData.DemoSeeder.DemoPassword }));
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());

        var overdue = (await GetAsync(c, $"/api/v1/problems?region={township}&overdue=true&pageSize=200"))["items"]!.AsArray();
        Assert.Equal([ids[0], ids[1]], overdue.Select(p => p!["id"]!.GetValue<long>()).Order());
        Assert.All(overdue, p => Assert.True(p!["isOverdue"]!.GetValue<bool>()));
        Assert.All(overdue, p => Assert.Equal(10, p!["overdueDays"]!.GetValue<int>()));
        var detail = await GetAsync(c, $"/api/v1/problems/{ids[2]}");
        Assert.False(detail["problem"]!["isOverdue"]!.GetValue<bool>());
        var rows = await ProblemExportAsync(c, $"region={township}");
        Assert.Equal([ids[0], ids[1]], rows.Where(r => (string)r["是否逾期"] == "是").Select(ExportId).Order());

        var laterDay = ChinaToday.AddDays(10).ToDateTime(TimeOnly.MinValue);
        var periods = new[] { laterDay.ToString("yyyy-MM", CultureInfo.InvariantCulture), $"{ISOWeek.GetYear(laterDay)}-W{ISOWeek.GetWeekOfYear(laterDay):00}" };
        foreach (var period in periods)
        {
            var bulletin = await GetAsync(c, $"/api/v1/bulletins?region={township}&period={period}");
            Assert.Equal(2, bulletin["totals"]!["overdue"]!.GetValue<int>());
            Assert.Equal(4, bulletin["totals"]!["outstanding"]!.GetValue<int>());
            foreach (var m in Measures)
            {
                Assert.Equal(bulletin["totals"]![Camel(m)]!.GetValue<int>(), await TotalAsync(c, $"region={township}&period={period}&measure={m}"));
                foreach (var row in bulletin["byDimension"]!.AsArray())
                    Assert.Equal(row!["figures"]![Camel(m)]!.GetValue<int>(),
                        await TotalAsync(c, $"region={township}&period={period}&measure={m}&dimension={row["key"]!.GetValue<string>()}"));
            }
        }
        // The township with overdue problems heads its county's ranking.
        var county = await GetAsync(c, $"/api/v1/bulletins?region={places.OtherCounty}&period={periods[0]}");
        var first = county["bySubRegion"]!.AsArray()[0]!;
        Assert.Equal(township, first["key"]!.GetValue<string>());
        Assert.Equal(1, first["rank"]!.GetValue<int>());
        Assert.Equal(2, first["figures"]!["overdue"]!.GetValue<int>());
    }

    private static string Camel(string s) => char.ToLowerInvariant(s[0]) + s[1..];

    // --- 7. bulk assignment -----------------------------------------------------------------------------------------

    [DbFact]
    public async Task Bulk_assignment_assigns_the_pending_problems_and_reports_the_others_as_skipped()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var admin = await As("admin");
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var h = await RegisterWithAsync(tuqiao, places.HomeVillage, GoodFacts(f => f["housingGrade"] = "D"));
            ids.Add(await OnlyProblemAsync(tuqiao, h.Id, "Housing"));
        }
        var far = await RegisterWithAsync(admin, places.OtherTownshipVillage, GoodFacts(f => f["housingGrade"] = "D"));
        var farId = await OnlyProblemAsync(admin, far.Id, "Housing");
        await DoAsync(tuqiao, ids[2], "Assign", 1, Assignment);

        await Problem(await (await As("village")).PostAsJsonAsync("/api/v1/problems/bulk-assign",
            new { ids = ids.Take(2), unit = "村委会", person = "张村长" }), HttpStatusCode.Forbidden);
        await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/problems/bulk-assign", new { ids = Array.Empty<long>(), unit = "镇民政办", person = "赵民政" }), "ids");
        await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/problems/bulk-assign", new { ids, unit = "", person = "赵民政" }), "unit");
        await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/problems/bulk-assign",
            new { ids, unit = "镇民政办", person = "赵民政", deadline = ChinaToday.AddDays(-1).ToString("yyyy-MM-dd") }), "deadline");

        var result = await Ok(await tuqiao.PostAsJsonAsync("/api/v1/problems/bulk-assign",
            new { ids = new[] { ids[0], ids[1], ids[2], farId }, unit = "镇民政办", person = "赵民政" }));
        Assert.Equal(2, result["assigned"]!.GetValue<int>());
        var skipped = result["skipped"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.Equal(2, skipped.Count);
        Assert.Contains(skipped, s => s.Contains(ids[2].ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) && s.Contains("已交办", StringComparison.Ordinal));
        Assert.Contains(skipped, s => s.Contains(farId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) && s.Contains("管辖范围", StringComparison.Ordinal));

        foreach (var id in ids.Take(2))
        {
            var v = await GetAsync(tuqiao, $"/api/v1/problems/{id}");
            Assert.Equal("Assigned", v["problem"]!["status"]!.GetValue<string>());
            Assert.Equal("镇民政办", v["problem"]!["assignedUnit"]!.GetValue<string>());
            Assert.Equal("赵民政", v["problem"]!["assignedPerson"]!.GetValue<string>());
            Assert.Equal(ChinaToday.AddDays(7).ToString("yyyy-MM-dd"), v["problem"]!["deadline"]!.GetValue<string>());
            Assert.Equal("tuqiao", v["history"]!.AsArray().Last()!["by"]!.GetValue<string>());
        }
        // The one already assigned kept its assignment; the one out of scope is untouched.
        Assert.Equal("王责任", (await GetAsync(tuqiao, $"/api/v1/problems/{ids[2]}"))["problem"]!["assignedPerson"]!.GetValue<string>());
        Assert.Equal("Pending", (await GetAsync(admin, $"/api/v1/problems/{farId}"))["problem"]!["status"]!.GetValue<string>());
        // The responsible filter finds them.
        Assert.True(await TotalAsync(tuqiao, "responsible=赵民政&status=Assigned") >= 2);
        await Problem(await tuqiao.GetAsync($"/api/v1/problems?responsible=赵民政&householdId={far.Id}"), HttpStatusCode.NotFound);
    }

    // --- 8. sweep job ------------------------------------------------------------------------------------------------

    [DbFact]
    public async Task A_sweep_re_judges_a_village_as_a_background_job_and_reports_the_count()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var tuqiao = await As("tuqiao");
        // A household whose verdict a sweep has not stored yet (written straight into the table, as a bulk load leaves it):
        // the sweep finds its gap.
        var h = await RegisterWithAsync(admin, places.SecondVillage, GoodFacts(f => f["housingGrade"] = "D"));
        var first = await OnlyProblemAsync(tuqiao, h.Id, "Housing");
        await WalkAsync(tuqiao, first, "Verified");
        Assert.Equal(0, await TotalAsync(tuqiao, $"householdId={h.Id}&status=Pending"));
        await SetFactsAsync(admin, h.Id, f => f["housingGrade"] = "A");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Jingzhun.Web.Platform.Data.AppDbContext>();
            await db.Database.ExecuteSqlAsync($"UPDATE households SET \"HousingGrade\" = 4 WHERE \"Id\" = {h.Id}");
        }

        await Problem(await (await As("village")).PostAsJsonAsync("/api/v1/guarantees/sweeps", new { region = places.HomeVillage }), HttpStatusCode.Forbidden);
        await Problem(await (await As("auditor")).PostAsJsonAsync("/api/v1/guarantees/sweeps", new { region = places.SecondVillage }), HttpStatusCode.Forbidden);
        await Problem(await tuqiao.PostAsJsonAsync("/api/v1/guarantees/sweeps", new { region = places.OtherTownship }), HttpStatusCode.NotFound);
        await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/guarantees/sweeps", new { region = "12345" }), "region");

        var households = (await GetAsync(admin, $"/api/v1/households?pageSize=1&region={places.SecondVillage}"))["total"]!.GetValue<int>();
        var job = await SweepAsync(tuqiao, places.SecondVillage);
        Assert.Equal(households, job["total"]!.GetValue<int>());
        Assert.Equal(households, job["done"]!.GetValue<int>());
        Assert.Equal(100, job["percent"]!.GetValue<int>());
        Assert.Equal($"已研判 {households} 户，新发现问题 1 个", job["message"]!.GetValue<string>());
        var reopened = Assert.Single(await ProblemsOfAsync(tuqiao, h.Id), p => p!["status"]!.GetValue<string>() == "Pending")!;
        Assert.Equal("Rule", reopened["source"]!.GetValue<string>());
        Assert.Equal("Housing", reopened["dimension"]!.GetValue<string>());

        // Running it again is idempotent.
        job = await SweepAsync(tuqiao, places.SecondVillage);
        Assert.Equal($"已研判 {households} 户，新发现问题 0 个", job["message"]!.GetValue<string>());
        Assert.Equal(2, (await ProblemsOfAsync(tuqiao, h.Id)).Count);
    }

    private static Task<JsonNode> SweepAsync(HttpClient c, string region) =>
        SweepAndWaitAsync(c, "/api/v1/guarantees/sweeps", "guarantees.sweep", region);

    // --- 9. exports ---------------------------------------------------------------------------------------------------

    [DbFact]
    public async Task Problem_export_matches_the_list_and_the_bulletin_workbook_has_three_sheets()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var h = await RegisterWithAsync(tuqiao, places.HomeVillage, GoodFacts(f => f["housingGrade"] = "D"), headInsured: false);
        var housing = await OnlyProblemAsync(tuqiao, h.Id, "Housing");
        await DoAsync(tuqiao, housing, "Assign", 1, Assignment);

        foreach (var query in new[] { "", "dimension=Housing", $"householdId={h.Id}", "status=Assigned", $"region={places.HomeVillage}&measure=Found" })
        {
            var rows = await ProblemExportAsync(tuqiao, query);
            Assert.Equal(await TotalAsync(tuqiao, query), rows.Count);
        }
        var mine = await ProblemExportAsync(tuqiao, $"householdId={h.Id}");
        Assert.Equal(2, mine.Count);
        var row = mine.Single(r => ExportId(r) == housing);
        Assert.Equal(h.Number, row["户编号"]);
        Assert.Equal("住房安全", row["维度"]);
        Assert.Equal("已交办", row["状态"]);
        Assert.Equal("系统研判", row["来源"]);
        Assert.Equal("王责任", row["责任人"]);
        Assert.Equal("否", row["是否逾期"]);
        await FieldError(await tuqiao.GetAsync("/api/v1/problems/export?region=abc"), "region");

        var county = await As("tl_admin");
        var bulletin = await GetAsync(county, $"/api/v1/bulletins?region={County}");
        var r = await county.GetAsync($"/api/v1/bulletins/export?region={County}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await r.Content.ReadAsByteArrayAsync());
        Assert.Equal(["总体", "按维度", "按地区"], MiniExcel.GetSheetNames(stream));
        var overall = Assert.Single(stream.Query(useHeaderRow: true, sheetName: "总体", startCell: "A2").Cast<IDictionary<string, object>>());
        Assert.Equal(bulletin["totals"]!["found"]!.GetValue<int>(), Convert.ToInt32(overall["新发现"], CultureInfo.InvariantCulture));
        Assert.Equal(bulletin["totals"]!["outstanding"]!.GetValue<int>(), Convert.ToInt32(overall["未清零"], CultureInfo.InvariantCulture));
        var byDimension = stream.Query(useHeaderRow: true, sheetName: "按维度", startCell: "A2").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["不愁吃", "不愁穿", "义务教育", "基本医疗", "住房安全", "饮水安全"], byDimension.Select(d => (string)d["维度"]));
        var byRegion = stream.Query(useHeaderRow: true, sheetName: "按地区", startCell: "A2").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(bulletin["bySubRegion"]!.AsArray().Select(x => x!["name"]!.GetValue<string>()), byRegion.Select(x => (string)x["地区"]));
        Assert.Equal(Enumerable.Range(1, byRegion.Count), byRegion.Select(x => Convert.ToInt32(x["排名（由差到好）"], CultureInfo.InvariantCulture)));
    }

    // --- 10. bad period ------------------------------------------------------------------------------------------------

    [DbTheory]
    [InlineData("bad")]
    [InlineData("2026-13")]
    [InlineData("2026-W60")]
    [InlineData("2012-01")]
    public async Task A_bad_period_is_refused_with_a_chinese_message(string period)
    {
        var tuqiao = await As("tuqiao");
        Assert.Contains("统计周期", await FieldError(await tuqiao.GetAsync($"/api/v1/bulletins?period={period}"), "period"));
        Assert.Contains("统计周期", await FieldError(await tuqiao.GetAsync($"/api/v1/bulletins/export?period={period}"), "period"));
        Assert.Contains("统计周期", await FieldError(await tuqiao.GetAsync($"/api/v1/problems?measure=Found&period={period}"), "period"));
        await FieldError(await tuqiao.GetAsync($"/api/v1/bulletins?region=12345&period=2026-11"), "region");
    }
}
