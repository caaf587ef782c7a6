using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.Rules;

namespace Jingzhun.IntegrationTests;

/// <summary>Issue 12: compulsory-school age at its bounds, and bulletins of periods not ended or not begun.</summary>
public abstract partial class GuaranteesApiTests
{
    private async Task<string> AddChildAsync(HttpClient c, long householdId, DateOnly birth, string? educationLevel)
    {
        var name = NewName();
        var child = Person(name, IdNumberRule.Compose(County, birth, App.Next(), Gender.Male), "Son");
        child["schoolStatus"] = "NotInSchool";
        if (educationLevel is not null) child["educationLevel"] = educationLevel;
        await Ok(await c.PostAsJsonAsync($"/api/v1/households/{householdId}/members", new { member = child }), HttpStatusCode.Created);
        return name;
    }

    [DbFact]
    public async Task A_child_before_its_first_autumn_term_and_a_junior_high_graduate_are_not_drop_outs_but_a_fifteen_year_old_without_it_is()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var h = await RegisterWithAsync(tuqiao, places.HomeVillage, GoodFacts());
        // Turns 6 tomorrow: compulsory schooling starts the first 1 September after that, so not yet enrolled is no gap.
        await AddChildAsync(tuqiao, h.Id, ChinaToday.AddYears(-6).AddDays(1), null);
        // 15, finished junior high (文化程度 初中) and left school: nine years completed.
        await AddChildAsync(tuqiao, h.Id, ChinaToday.AddYears(-15).AddDays(-30), "JuniorHigh");
        var education = Dim(await PanelAsync(tuqiao, h.Id), "Education");
        Assert.Equal("Pass", education["verdict"]!.GetValue<string>());
        Assert.Empty(await ProblemsOfAsync(tuqiao, h.Id));

        // 15 and out of school after primary school only: a drop-out, and a problem is opened.
        var dropOut = await AddChildAsync(tuqiao, h.Id, ChinaToday.AddYears(-15).AddDays(-30), "Primary");
        education = Dim(await PanelAsync(tuqiao, h.Id), "Education");
        Assert.Equal("Fail", education["verdict"]!.GetValue<string>());
        Assert.Equal($"成员 {dropOut}（15岁）非在校生，且无送教上门或健康原因", education["reason"]!.GetValue<string>());
        Assert.Equal("Education", Assert.Single(await ProblemsOfAsync(tuqiao, h.Id))!["dimension"]!.GetValue<string>());
    }

    [DbFact]
    public async Task A_bulletin_of_a_period_not_ended_is_marked_a_future_period_is_refused_and_the_number_counts_from_the_regions_first_problem()
    {
        var admin = await As("admin");
        var (_, village) = await QuietPlaceAsync(fromEnd: 6);
        var today = ChinaToday;
        var month = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var lastMonth = today.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var nextMonth = today.AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

        // Nothing found yet in the region: no number.
        var empty = await GetAsync(admin, $"/api/v1/bulletins?region={village}&period={lastMonth}");
        Assert.Null(empty["number"]);
        Assert.DoesNotContain("期", empty["title"]!.GetValue<string>().Replace("本期", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(empty["complete"]!.GetValue<bool>());

        var h = await RegisterWithAsync(admin, village, GoodFacts());
        await Ok(await admin.PostAsJsonAsync("/api/v1/problems",
            new { householdId = h.Id, dimension = "Food", source = "Visit", severity = "Normal", description = "入户走访发现家中存粮不足" }), HttpStatusCode.Created);

        // This month has not ended: the figures are 截至 now and the bulletin says so; it is the region's first issue.
        var current = await GetAsync(admin, $"/api/v1/bulletins?region={village}&period={month}");
        Assert.False(current["complete"]!.GetValue<bool>());
        Assert.Equal(1, current["number"]!.GetValue<int>());
        var title = current["title"]!.GetValue<string>();
        Assert.Contains($"{today.Year}年第1期 月通报", title, StringComparison.Ordinal);
        Assert.Contains("本期尚未结束", title, StringComparison.Ordinal);
        Assert.Contains("截至", title, StringComparison.Ordinal);
        Assert.Equal(1, current["totals"]!["found"]!.GetValue<int>());
        Assert.Contains("本期尚未结束", await GetTextAsync(admin, $"/bulletins?region={village}&period={month}"), StringComparison.Ordinal);
        var now = today.ToDateTime(TimeOnly.MinValue);
        var week = await GetAsync(admin, $"/api/v1/bulletins?region={village}&period={ISOWeek.GetYear(now)}-W{ISOWeek.GetWeekOfYear(now):00}");
        Assert.Equal(1, week["number"]!.GetValue<int>());
        Assert.False(week["complete"]!.GetValue<bool>());

        // The month before has ended: complete, no 截至 note.
        Assert.DoesNotContain("尚未结束", (await GetAsync(admin, $"/api/v1/bulletins?region={village}&period={lastMonth}"))["title"]!.GetValue<string>(),
            StringComparison.Ordinal);

        // A period that has not begun is refused, naming the field, in the API, the export and the page.
        Assert.Contains("尚未开始", await FieldError(await admin.GetAsync($"/api/v1/bulletins?region={village}&period={nextMonth}"), "period"), StringComparison.Ordinal);
        await FieldError(await admin.GetAsync($"/api/v1/bulletins/export?region={village}&period={nextMonth}"), "period");
        var nextWeek = today.AddDays(7).ToDateTime(TimeOnly.MinValue);
        var nextWeekKey = $"{ISOWeek.GetYear(nextWeek)}-W{ISOWeek.GetWeekOfYear(nextWeek):00}";
        Assert.Contains("尚未开始", await FieldError(await admin.GetAsync($"/api/v1/bulletins?region={village}&period={nextWeekKey}"), "period"), StringComparison.Ordinal);
        Assert.Contains("尚未开始", await GetTextAsync(admin, $"/bulletins?region={village}&period={nextMonth}"), StringComparison.Ordinal);
    }
}
