using System.IO.Compression;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// 务工监测 through HTTP (issue 13): a village's figures follow a job recorded and ended at once; the county's 务工规模目标
/// and its completion at target − 1, target and target + 1 (exact, not rounded); the month's tally as a job; scope (another
/// township is 404, a township has no target) and bad months (400).
/// </summary>
public abstract class WorkMonitoringApiTests(TestApp app) : ApiTests(app)
{
    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Task TallyAsync(HttpClient c, string region) =>
        SweepAndWaitAsync(c, "/api/v1/employment/work-monitoring/tallies", "employment.tally", region);

    private static async Task<JsonNode> FiguresAsync(HttpClient c, string region) =>
        await GetAsync(c, $"/api/v1/employment/work-monitoring?region={region}");

    private static int Total(JsonNode view, string key) => view["total"]![key]!.GetValue<int>();

    private async Task<(long HouseholdId, long HeadId)> ExitedHouseholdAsync(HttpClient c, string village)
    {
        var h = await RegisterAsync(c, village, Facts());
        return (h.Id, (await GetAsync(c, $"/api/v1/households/{h.Id}"))["members"]![0]!["id"]!.GetValue<long>());
    }

    private static async Task<long> RecordJobAsync(HttpClient c, long memberId, string place, DateOnly started) =>
        (await Ok(await c.PostAsJsonAsync("/api/v1/employment/jobs", new
        {
            memberId, place, placeName = place == "OutOfProvince" ? "浙江省" : null, employer = "宁波纺织有限公司", months = 1, monthlyWage = 4200m,
            channel = "LabourCooperation", startedOn = Day(started),
        }), HttpStatusCode.Created))["jobs"]![0]!["id"]!.GetValue<long>();

    [DbFact]
    public async Task A_village_figure_follows_a_job_recorded_and_ended_at_once()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        await TallyAsync(admin, places.HomeVillage);
        var before = await FiguresAsync(admin, places.HomeVillage);

        // A 脱贫户 head of ordinary labour, not working: one more of the labour force, jobless.
        var (_, head) = await ExitedHouseholdAsync(admin, places.HomeVillage);
        var jobId = await RecordJobAsync(admin, head, "OutOfProvince", ChinaToday.AddDays(-40));
        var working = await FiguresAsync(admin, places.HomeVillage);
        Assert.NotNull(working["computedAt"]);
        Assert.Equal(Total(before, "people") + 1, Total(working, "people"));
        Assert.Equal(Total(before, "labourForce") + 1, Total(working, "labourForce"));
        Assert.Equal(Total(before, "employed") + 1, Total(working, "employed"));
        Assert.Equal(Total(before, "outsideCounty") + 1, Total(working, "outsideCounty"));
        Assert.Equal(Total(before, "outsideProvince") + 1, Total(working, "outsideProvince"));
        Assert.Equal(Total(before, "joblessLabour"), Total(working, "joblessLabour"));

        // The job ends: the head is jobless labour again, counted as 务工中断.
        var job = await GetAsync(admin, $"/api/v1/employment/members/{head}");
        var version = job["jobs"]![0]!["version"]!.GetValue<int>();
        await Ok(await admin.PostAsJsonAsync($"/api/v1/employment/jobs/{jobId}/end", new { endedOn = Day(ChinaToday.AddDays(-1)), months = 1, version }));
        var ended = await FiguresAsync(admin, places.HomeVillage);
        Assert.Equal(Total(before, "employed"), Total(ended, "employed"));
        Assert.Equal(Total(before, "joblessLabour") + 1, Total(ended, "joblessLabour"));
        Assert.Equal(Total(before, "joblessAfterJob") + 1, Total(ended, "joblessAfterJob"));
        // A village has no target of its own.
        Assert.Null(ended["total"]!["target"]);
        Assert.Empty(ended["targets"]!.AsArray());
    }

    [DbFact]
    public async Task The_jobless_labour_is_split_by_reason_and_the_reasons_add_up()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        await TallyAsync(admin, places.SecondVillage);
        var before = await FiguresAsync(admin, places.SecondVillage);
        // A healthy head of ordinary labour (其他), a seriously ill son of ordinary labour (因病因残), a weak daughter (弱劳动力).
        var (householdId, _) = await ExitedHouseholdAsync(admin, places.SecondVillage);
        var ill = Person(NewName(), NewIdNumber(), "Son");
        ill["healthStatus"] = "SeriousIllness";
        var weak = Person(NewName(), NewIdNumber(), "Daughter");
        weak["laborSkill"] = "Weak";
        foreach (var m in new[] { ill, weak })
            await Ok(await admin.PostAsJsonAsync($"/api/v1/households/{householdId}/members", new { member = m }), HttpStatusCode.Created);
        await TallyAsync(admin, places.SecondVillage);
        var after = await FiguresAsync(admin, places.SecondVillage);
        Assert.Equal(Total(before, "joblessLabour") + 3, Total(after, "joblessLabour"));
        Assert.Equal(Total(before, "joblessIllness") + 1, Total(after, "joblessIllness"));
        Assert.Equal(Total(before, "joblessWeak") + 1, Total(after, "joblessWeak"));
        Assert.Equal(Total(before, "joblessOther") + 1, Total(after, "joblessOther"));
        Assert.Equal(Total(after, "joblessLabour"), Total(after, "joblessIllness") + Total(after, "joblessWeak") + Total(after, "joblessOther"));
        // The county's figure and its townships add up the same way.
        var county = await FiguresAsync(admin, places.SecondVillage[..6]);
        Assert.All(county["bySubRegion"]!.AsArray(), r => Assert.Equal(r!["figures"]!["joblessLabour"]!.GetValue<int>(),
            r["figures"]!["joblessIllness"]!.GetValue<int>() + r["figures"]!["joblessWeak"]!.GetValue<int>() + r["figures"]!["joblessOther"]!.GetValue<int>()));
    }

    [DbFact]
    public async Task The_county_target_is_met_at_the_exact_number_and_ranks_the_county_among_the_citys()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var (_, head) = await ExitedHouseholdAsync(admin, places.OtherCountyVillage);
        await RecordJobAsync(admin, head, "InTownship", ChinaToday.AddDays(-20));
        await TallyAsync(admin, places.OtherCounty);
        var year = ChinaToday.Year;
        var employed = Total(await FiguresAsync(admin, places.OtherCounty), "employed");
        Assert.True(employed >= 1);

        int? version = null;
        async Task<JsonNode> TargetAsync(int target)
        {
            var saved = await Ok(await admin.PutAsJsonAsync(
                $"/api/v1/employment/work-targets/{places.OtherCounty}/{year}{(version is { } v ? $"?version={v}" : "")}", new { workforceTarget = target }));
            version = saved["version"]!.GetValue<int>();
            return await FiguresAsync(admin, places.OtherCounty);
        }

        // One more than employed: not met (99.x%); exactly employed: met at 100.0%; one fewer: met above 100%.
        var above = await TargetAsync(employed + 1);
        Assert.Equal(employed + 1, Total(above, "target"));
        Assert.False(above["total"]!["reached"]!.GetValue<bool>());
        Assert.True(above["total"]!["completion"]!.GetValue<double>() < 100.0);
        var at = await TargetAsync(employed);
        Assert.True(at["total"]!["reached"]!.GetValue<bool>());
        Assert.Equal(100.0, at["total"]!["completion"]!.GetValue<double>());
        var target = Assert.Single(at["targets"]!.AsArray());
        Assert.Equal($"本县{year}年目标", target!["source"]!.GetValue<string>());
        if (employed > 1)
        {
            var below = await TargetAsync(employed - 1);
            Assert.True(below["total"]!["reached"]!.GetValue<bool>());
            Assert.True(below["total"]!["completion"]!.GetValue<double>() > 100.0);
        }

        // The city ranks its counties: this one carries its target and completion; ranks run 1, 2, 3 …
        var city = await FiguresAsync(admin, places.OtherCounty[..4]);
        var rows = city["bySubRegion"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r!["rank"]!.GetValue<int>()));
        var mine = rows.Single(r => r!["code"]!.GetValue<string>() == places.OtherCounty)!;
        Assert.NotNull(mine["figures"]!["target"]);

        // A target outside its range is refused, naming the field.
        Assert.Contains("务工规模目标", await FieldError(await admin.PutAsJsonAsync(
            $"/api/v1/employment/work-targets/{places.OtherCounty}/{year}?version={version}", new { workforceTarget = -1 }), "workforceTarget"));
    }

    [DbFact]
    public async Task A_township_user_sees_its_own_villages_only_and_bad_months_are_400()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        await TallyAsync(tuqiao, Township);
        var own = await GetAsync(tuqiao, "/api/v1/employment/work-monitoring");
        Assert.Equal(Township, own["regionCode"]!.GetValue<string>());
        Assert.All(own["bySubRegion"]!.AsArray(), r => Assert.StartsWith(Township, r!["code"]!.GetValue<string>()));
        Assert.Empty(own["targets"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.GetAsync($"/api/v1/employment/work-monitoring?region={places.OtherTownship}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.GetAsync($"/api/v1/employment/work-monitoring/export?region={places.OtherTownship}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync("/api/v1/employment/work-monitoring/tallies", new { region = places.OtherTownship })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tuqiao.PutAsJsonAsync($"/api/v1/employment/work-targets/{County}/{ChinaToday.Year}", new { workforceTarget = 10 })).StatusCode);

        foreach (var bad in new[] { "2026-13", "abc", "2020-12", Day(ChinaToday.AddMonths(1))[..7] })
            Assert.Contains("统计月份", await FieldError(await tuqiao.GetAsync($"/api/v1/employment/work-monitoring?month={bad}"), "month"));
        Assert.Equal("区划代码无效", await FieldError(await tuqiao.GetAsync("/api/v1/employment/work-monitoring?region=12x"), "region"));

        var r = await tuqiao.GetAsync($"/api/v1/employment/work-monitoring/export?month={Day(ChinaToday)[..7]}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await r.Content.ReadAsByteArrayAsync()));
        var xml = string.Concat(zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)).Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.Contains("务工人数", xml);
        Assert.DoesNotContain(places.OtherTownship, xml);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteWorkMonitoringApiTests(SqliteApp app) : WorkMonitoringApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresWorkMonitoringApiTests(PostgresApp app) : WorkMonitoringApiTests(app);
