using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Jingzhun.IntegrationTests.Infrastructure;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// 政策参数 (/admin/policies): one page for every module's policy table. The policy administrator sees each table's
/// places and years, its values under Chinese names and its history in Beijing time, and adds a row through the
/// form (with the form's own token); bad input comes back next to its field; a township user is refused. Rows are
/// set for Yunnan (53) and far years, where no other test reads them.
/// </summary>
public abstract partial class PolicyPageTests(TestApp app) : ApiTests(app)
{
    [GeneratedRegex("<input[^>]*?name=\"([^\"]+)\"[^>]*?value=\"([^\"]*)\"")]
    private static partial Regex InputField();

    [GeneratedRegex("<option value=\"([^\"]*)\" selected=\"selected\"")]
    private static partial Regex SelectedOption();

    /// <summary>A select of the form (the place, and yes/no fields such as 走访需户主签字): its name and options.</summary>
    [GeneratedRegex("<select[^>]*?name=\"([^\"]+)\"[^>]*>(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex SelectField();

    [GeneratedRegex("<form method=\"post\" class=\"edit\".*?</form>", RegexOptions.Singleline)]
    private static partial Regex EditForm();

    /// <summary>The policy form of a page (not the layout's sign-out form).</summary>
    private static string FormHtml(string html)
    {
        var form = EditForm().Match(html);
        Assert.True(form.Success, "the page has the policy form");
        return form.Value;
    }

    /// <summary>The fields a browser would submit from the form as it is (inputs with their values, the selected place).</summary>
    private static Dictionary<string, string> FormOf(string html)
    {
        var form = FormHtml(html);
        var fields = InputField().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        foreach (Match select in SelectField().Matches(form))
            if (SelectedOption().Match(select.Groups[2].Value) is { Success: true } selected)
                fields[WebUtility.HtmlDecode(select.Groups[1].Value)] = WebUtility.HtmlDecode(selected.Groups[1].Value);
        return fields;
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient page, string url, Action<Dictionary<string, string>> change)
    {
        var html = await page.GetStringAsync(url);
        var form = FormOf(html);
        Assert.False(string.IsNullOrEmpty(form.GetValueOrDefault("__RequestVerificationToken")), "the form carries its antiforgery token");
        change(form);
        return await page.PostAsync(url, new FormUrlEncodedContent(form));
    }

    [DbFact]
    public async Task The_policy_administrator_sees_every_table_and_adds_a_row_that_is_listed_with_its_history()
    {
        var page = await SignInAsync("admin");
        var index = await page.GetStringAsync("/admin/policies");
        foreach (var title in new[] { "两不愁三保障研判参数", "防返贫监测标准", "退出标准", "走访标准" }) Assert.Contains(title, index);
        // Each table's places and years: the seeded national rows, the western provinces' exit standards.
        Assert.Contains("全国：2021年", index);
        Assert.Contains("重庆市（50）：2014年、2015年", index);
        Assert.Contains("默认（未单独设置的区县）：2015年", index);

        // The form starts from the values in force for the place and year.
        var form = await page.GetStringAsync("/admin/policies/monitoring/new?region=53&year=2031");
        Assert.Contains("监测范围（人均纯收入）（元）", form);
        Assert.Contains("name=\"Values[Threshold]\"", form);
        // 云南's 2025 range (8,700 yuan, seeded from DOMAIN.md §4) is in force in 2031 until a later row is set.
        Assert.Matches("name=\"Values\\[Threshold\\]\"[^>]*value=\"8700\"", form);

        var saved = await SubmitAsync(page, "/admin/policies/monitoring/new?region=53&year=2031", f =>
        {
            f["Values[Threshold]"] = "8300";
            f["Values[PublicityDays]"] = "7";
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/admin/policies/monitoring", saved.Headers.Location!.OriginalString);

        var table = await page.GetStringAsync("/admin/policies/monitoring");
        Assert.Contains("已保存云南省（53） 2031年起的防返贫监测标准", table);
        var row = Regex.Match(table, "<tr data-place=\"53\" data-year=\"2031\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, "the new row is listed");
        Assert.Contains("<td data-field=\"Threshold\">8300</td>", row.Value);
        Assert.Contains("<td data-field=\"PublicityDays\">7</td>", row.Value);
        Assert.Contains("公示天数（天）", table);

        // History: who, what (Chinese names), when (Beijing time, to the minute).
        var history = Regex.Match(table, "<table class=\"list\" id=\"policy-history\">(.*?)</table>", RegexOptions.Singleline).Value;
        var entry = Regex.Match(history, "<tr>\\s*<td>([0-9: -]+)</td>\\s*<td>admin</td>\\s*<td>新增</td>\\s*<td>防返贫监测政策参数 53 2031年</td>(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(entry.Success, "the history lists the new row");
        Assert.Contains("监测范围（人均纯收入）（元）: 8300", entry.Value);
        var at = DateTime.ParseExact(entry.Groups[1].Value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        Assert.InRange((DateTime.UtcNow.AddHours(8) - at).TotalMinutes, -1, 5);

        // The audit log names the table and its fields in Chinese too.
        var audit = await page.GetStringAsync("/admin/audit?entityType=MonitoringPolicy&q=" + Uri.EscapeDataString("53 2031"));
        Assert.Contains("<td>防返贫监测标准</td>", audit);
        Assert.Contains("监测范围（人均纯收入）（元）: 8300", audit);

        // The same row through the API (one mechanism behind both).
        Assert.Contains((await GetAsync(await As("auditor"), "/api/v1/monitoring/policies")).AsArray(),
            p => p!["provinceCode"]!.GetValue<string>() == "53" && p["year"]!.GetValue<int>() == 2031 && p["values"]!["threshold"]!.GetValue<decimal>() == 8300m);
    }

    /// <summary>Issue 12: the monitoring range set in 2021 and carried forward is named, with a link to set this year's.</summary>
    [DbFact]
    public async Task The_monitoring_table_names_the_standard_carried_forward_into_this_year()
    {
        var year = DateTime.UtcNow.AddHours(8).Year;
        var page = await SignInAsync("admin");
        var table = await page.GetStringAsync("/admin/policies/monitoring");
        var carried = Regex.Match(table, "<ul class=\"alert alert-error\" id=\"policy-carried\" role=\"status\">(.*?)</ul>", RegexOptions.Singleline);
        Assert.True(carried.Success, "the page lists the places whose standard is carried forward");
        Assert.Contains($"全国：沿用 2021 年标准 — 请设置 {year} 年标准", carried.Value);
        Assert.Contains($"href=\"/admin/policies/monitoring/new?region=national&amp;year={year}\"", carried.Value);
        // The link opens the form for that place and year, starting from the values carried forward.
        var form = await page.GetStringAsync($"/admin/policies/monitoring/new?region=national&year={year}");
        Assert.Matches("name=\"Values\\[Threshold\\]\"[^>]*value=\"6000\"", form);
        Assert.Contains("合规自付支出预警线（脱贫户、监测户）（元）", form);
        Assert.Matches("name=\"Values\\[OutOfPocketTriggerExited\\]\"[^>]*value=\"5000\"", form);
        Assert.Matches("name=\"Values\\[OutOfPocketTriggerOther\\]\"[^>]*value=\"20000\"", form);
        // Tables that are not set each year name nothing.
        Assert.DoesNotContain("policy-carried", await page.GetStringAsync("/admin/policies/exit"));
    }

    [DbFact]
    public async Task Bad_input_shows_the_form_again_with_chinese_errors_next_to_the_fields_and_saves_nothing()
    {
        var page = await SignInAsync("admin");
        var r = await SubmitAsync(page, "/admin/policies/monitoring/new?region=53&year=2032", f =>
        {
            f["Year"] = "";
            f["Values[Threshold]"] = "abc";
            f["Values[PublicityDays]"] = "3";
            f["Values[NearBand]"] = "";
        });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("提交的数据有误，请按提示修改", html);
        Assert.Contains("请填写年度（4位数字）", html);
        Assert.Contains("“abc”格式不正确，请重新填写", html);
        Assert.Contains("请填写临界浮动比例", html);
        Assert.Matches("name=\"Values\\[Threshold\\]\"[^>]*value=\"abc\"", html);   // what was typed stays

        // A value out of its range, and a province below the national floor, are named by the field.
        r = await SubmitAsync(page, "/admin/policies/monitoring/new?region=53&year=2032", f =>
        {
            f["Values[Threshold]"] = "5000";
            f["Values[PublicityDays]"] = "3";
        });
        html = await r.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Contains("村级公示不少于5天", html);
        r = await SubmitAsync(page, "/admin/policies/monitoring/new?region=53&year=2032", f => f["Values[Threshold]"] = "5000");
        Assert.Contains("省级监测范围不能低于全国底线6000元", await r.Content.ReadAsStringAsync());
        r = await SubmitAsync(page, "/admin/policies/visits/new?region=default&year=2032", f => f["Values[GpsThresholdMetres]"] = "49");
        Assert.Contains("定位偏离阈值应在50至20000米之间", await r.Content.ReadAsStringAsync());

        var table = await page.GetStringAsync("/admin/policies/monitoring");
        Assert.DoesNotContain("data-year=\"2032\"", table);
        Assert.DoesNotContain("data-year=\"2032\"", await page.GetStringAsync("/admin/policies/visits"));
    }

    [DbFact]
    public async Task A_township_user_is_refused_and_a_county_administrator_sets_only_its_own_county()
    {
        var township = await SignInAsync("tuqiao");
        foreach (var url in new[] { "/admin/policies", "/admin/policies/visits", "/admin/policies/visits/new" })
        {
            var refused = await township.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        var county = await SignInAsync("tl_admin");
        // A province table: nothing to choose, and a province named by hand is refused in Chinese.
        var monitoring = await county.GetStringAsync("/admin/policies/monitoring/new");
        Assert.Contains("您所在的层级不能设置此表", monitoring);
        var r = await SubmitAsync(county, "/admin/policies/monitoring/new", f => f["Region"] = "50");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Contains("只有本省（市）级管理员可以修改本省的防返贫监测标准", await r.Content.ReadAsStringAsync());

        // Its county's visit standard: the only choice, saved and listed.
        var visits = FormHtml(await county.GetStringAsync("/admin/policies/visits/new?year=2099"));
        Assert.Single(Regex.Matches(SelectField().Matches(visits).Single(m => m.Groups[1].Value == "Region").Groups[2].Value, "<option value="));
        Assert.Contains($"<option value=\"{County}\" selected=\"selected\">", visits);
        r = await SubmitAsync(county, "/admin/policies/visits/new?year=2099", f => f["Values[MaxVisitsPerDay]"] = "15");
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var table = await county.GetStringAsync("/admin/policies/visits");
        Assert.Contains($"<tr data-place=\"{County}\" data-year=\"2099\">", table);
        Assert.Contains("走访标准 500151 2099年", table);
        // It may change its county's rows, not the default one.
        Assert.Contains($"href=\"/admin/policies/visits/new?region={County}&amp;year=2099\"", table);
        Assert.DoesNotContain("new?region=default", table);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqlitePolicyPageTests(SqliteApp app) : PolicyPageTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresPolicyPageTests(PostgresApp app) : PolicyPageTests(app);
