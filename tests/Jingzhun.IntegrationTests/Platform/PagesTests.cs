using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Jingzhun.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// The pages as a browser uses them: cookie sign-in through the login form (with its antiforgery token), then HTML.
/// Guards the cookie path separately from the bearer path (the region scope must come from the cookie's user).
/// </summary>
public abstract partial class PagesTests(TestApp app) : ApiTests(app)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();


    [DbFact]
    public async Task Pages_require_sign_in_and_a_wrong_password_is_explained_in_chinese()
    {
        using var anon = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var r = await anon.GetAsync("/households");
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.StartsWith("/login", r.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = AntiforgeryField().Match(await client.GetStringAsync("/login")).Groups[1].Value;
        var bad = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = "tuqiao", ["Password"] = "wrong-password", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("用户名或密码错误", await bad.Content.ReadAsStringAsync());
    }

    [DbFact]
    public async Task A_township_user_s_pages_show_its_own_households_and_404_for_others()
    {
        var places = await PlacesAsync();
        var mine = await RegisterAsAdminAsync(places.SecondVillage);
        var theirs = await RegisterAsAdminAsync(places.OtherTownshipVillage);

        var page = await SignInAsync("tuqiao");
        // Other tests share this database: look each household up by its number rather than scanning a page.
        Assert.Contains($"/households/{mine.Id}\"", await page.GetStringAsync("/households?q=" + mine.Number));
        var hidden = await page.GetStringAsync("/households?q=" + theirs.Number);
        Assert.DoesNotContain($"/households/{theirs.Id}\"", hidden);   // no row links to it (the search box echoes the number)
        Assert.Contains("没有符合条件的户", hidden);
        // Search by a member's name, as the README's walk-through does.
        Assert.Contains(mine.Number, await page.GetStringAsync("/households?q=" + Uri.EscapeDataString(mine.HeadName)));

        var detail = await page.GetAsync($"/households/{mine.Id}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        var html = await detail.Content.ReadAsStringAsync();
        Assert.Contains(mine.HeadName, html);
        Assert.DoesNotContain(mine.HeadId, html);   // masked on the page too
        Assert.Contains(mine.HeadId[..6] + "***********" + mine.HeadId[^1..], html);

        var other = await page.GetAsync($"/households/{theirs.Id}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Contains("不在您的管辖范围内", await other.Content.ReadAsStringAsync());
    }

    /// <summary>The household page frames the panels of the modules above the registry; each panel is served by its module.</summary>
    [DbFact]
    public async Task The_household_page_loads_each_module_s_panel_from_the_module_and_a_panel_outside_the_scope_is_404()
    {
        var places = await PlacesAsync();
        var mine = await RegisterAsAdminAsync(places.SecondVillage);
        var theirs = await RegisterAsAdminAsync(places.OtherTownshipVillage);
        var admin = await As("admin");
        await Ok(await admin.PostAsJsonAsync("/api/v1/monitoring/leads", new { householdId = mine.Id, source = "CadreCheck", detail = "入户排查发现家中有人患重病，医疗支出大" }), HttpStatusCode.Created);
        // A project of the township brings the household along (联农带农, 入股分红).
        var project = await Ok(await (await As("tuqiao")).PostAsJsonAsync("/api/v1/projects", new
        {
            name = "测试帮扶项目" + App.Next(), year = DateTime.UtcNow.AddHours(8).Year, villageCodes = new[] { places.SecondVillage },
            category = "Industry", subType = "柑橘种植基地", implementingUnit = "村股份经济合作社",
            plannedStart = $"{DateTime.UtcNow.AddHours(8).Year}-03-01", plannedEnd = $"{DateTime.UtcNow.AddHours(8).Year}-10-31",
            targetHouseholds = 1, targetJobs = 0, targetIncomePerHousehold = 800m,
            budget = new[] { new { source = "CentralBridging", amount = 100_000m } },
            beneficiaries = new[] { new { householdId = mine.Id, benefit = "Dividends" } },
        }), HttpStatusCode.Created);
        string[] panels = ["guarantees", "monitoring", "projects", "fieldwork"];

        var page = await SignInAsync("tuqiao");
        var frame = await page.GetStringAsync($"/households/{mine.Id}");
        // In page order, each loaded on load by htmx, with a plain link for a browser without script.
        var at = panels.Select(p => frame.IndexOf($"hx-get=\"/households/{mine.Id}/panels/{p}\" hx-trigger=\"load\"", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, at);
        Assert.Equal(at.Order(), at);
        foreach (var p in panels) Assert.Contains($"<noscript><p><a href=\"/households/{mine.Id}/panels/{p}\">", frame);

        async Task<string> Fragment(HttpClient c, string p)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/households/{mine.Id}/panels/{p}");
            request.Headers.Add("HX-Request", "true");
            var r = await c.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var html = await r.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<html", html);   // the section alone, swapped into the page
            return html;
        }
        var guarantees = await Fragment(page, "guarantees");
        Assert.Contains("<section class=\"card\" id=\"guarantees\">", guarantees);
        Assert.Contains("两不愁三保障", guarantees);
        Assert.Contains($"href=\"/problems?householdId={mine.Id}\"", guarantees);
        var monitoring = await Fragment(page, "monitoring");
        Assert.Contains("防返贫监测", monitoring);
        Assert.Contains("待核查的风险线索", monitoring);
        Assert.Contains("医疗支出大", monitoring);
        Assert.Contains($"href=\"/monitoring/leads/new?householdId={mine.Id}\"", monitoring);   // 登记风险线索: monitoring.report
        var projects = await Fragment(page, "projects");
        Assert.Contains("帮扶项目", projects);
        Assert.Contains($"<a href=\"/projects/{project["project"]!["id"]!.GetValue<long>()}\">{project["project"]!["name"]!.GetValue<string>()}</a>", projects);
        Assert.Contains("入股分红", projects);
        var fieldWork = await Fragment(page, "fieldwork");
        Assert.Contains("走访记录", fieldWork);
        Assert.Contains($"href=\"/fieldwork/visits/new?household={mine.Id}\"", fieldWork);       // 登记走访: registry.edit
        // Without htmx (the no-script link) the same section comes on a page of its own.
        var alone = await page.GetStringAsync($"/households/{mine.Id}/panels/monitoring");
        Assert.Contains("<html", alone);
        Assert.Contains("医疗支出大", alone);

        // The read-only role sees the panels without their write buttons.
        var auditor = await SignInAsync("auditor");
        Assert.DoesNotContain("登记风险线索", await Fragment(auditor, "monitoring"));
        Assert.DoesNotContain("登记走访", await Fragment(auditor, "fieldwork"));

        // Another township's household: the page and every panel answer 404.
        Assert.Equal(HttpStatusCode.NotFound, (await page.GetAsync($"/households/{theirs.Id}")).StatusCode);
        foreach (var p in panels)
            Assert.Equal(HttpStatusCode.NotFound, (await page.GetAsync($"/households/{theirs.Id}/panels/{p}")).StatusCode);
    }

    [DbFact]
    public async Task Signing_out_ends_the_cookie_session()
    {
        var page = await SignInAsync("auditor");
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync("/households")).StatusCode);
        var token = AntiforgeryField().Match(await page.GetStringAsync("/households")).Groups[1].Value;
        var r = await page.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await page.GetAsync("/households")).StatusCode);
    }

    [GeneratedRegex("name=\"ClientId\" value=\"([^\"]+)\"")]
    private static partial Regex ClientIdField();

    [DbFact]
    public async Task Field_work_pages_render_and_the_web_form_records_a_visit_once()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var h = await RegisterAsAdminAsync(places.SecondVillage);
        var cadre = await Ok(await admin.PostAsJsonAsync("/api/v1/cadres", new
        {
            name = NewName(), unit = "土桥镇人民政府", regionCode = places.SecondVillage, activeFrom = "2024-01-01",
        }), HttpStatusCode.Created);
        await Ok(await admin.PostAsJsonAsync("/api/v1/pairings/bulk", new { householdIds = new[] { h.Id }, cadreId = cadre["id"]!.GetValue<long>() }));

        var page = await SignInAsync("tuqiao");
        foreach (var (url, text) in new[] { ("/fieldwork/cadres", "帮扶干部"), ("/fieldwork/teams", "驻村工作队"), ("/fieldwork/unpaired", "未结对农户"),
                     ($"/fieldwork/pairing?region={places.SecondVillage}", h.Number), ("/fieldwork/visits", "走访记录"),
                     ($"/households/{h.Id}", $"hx-get=\"/households/{h.Id}/panels/fieldwork\""), ($"/households/{h.Id}/panels/fieldwork", "登记走访") })
            Assert.Contains(text, await page.GetStringAsync(url));

        var form = await page.GetStringAsync($"/fieldwork/visits/new?household={h.Id}");
        var fields = new MultipartFormDataContent
        {
            { new StringContent(AntiforgeryField().Match(form).Groups[1].Value), "__RequestVerificationToken" },
            { new StringContent(ClientIdField().Match(form).Groups[1].Value), "ClientId" },
            { new StringContent("1"), "BaseVersion" }, { new StringContent("Festival"), "Kind" },
            { new StringContent(DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-ddTHH:mm")), "VisitedAtLocal" },
            { new StringContent("春节慰问，送去米油"), "Notes" }, { new StringContent("true"), "WaterPiped" },
        };
        var posted = await page.PostAsync($"/fieldwork/visits/new?household={h.Id}", fields);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var detail = await page.GetStringAsync(posted.Headers.Location!.OriginalString);
        Assert.Contains("春节慰问", detail);
        Assert.Contains("传统节日", detail);
        // The same form sent twice (a double click) stores one visit.
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostAsync($"/fieldwork/visits/new?household={h.Id}", fields)).StatusCode);
        Assert.Equal(1, (await GetAsync(admin, $"/api/v1/visits?householdId={h.Id}"))["total"]!.GetValue<int>());
        Assert.True((await GetAsync(admin, $"/api/v1/households/{h.Id}"))["household"]!["waterPiped"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await page.GetAsync("/fieldwork/visits/new?household=999999999")).StatusCode);

        // Same-origin JavaScript with the page's cookie may call the JSON API without an antiforgery token.
        var viaCookie = await page.PostAsJsonAsync("/api/v1/visits", new
        {
            clientId = Guid.NewGuid().ToString("N"), householdId = h.Id, visitedAt = DateTime.UtcNow.AddMinutes(-5), kind = "Monthly",
        });
        Assert.Equal(HttpStatusCode.Created, viaCookie.StatusCode);
    }

    [DbFact]
    public async Task The_import_page_uploads_a_file_follows_the_job_and_shows_the_counts()
    {
        var places = await PlacesAsync();
        var page = await SignInAsync("tuqiao");
        var html = await page.GetStringAsync("/households/import");
        Assert.Contains("下载导入模板", html);
        var token = AntiforgeryField().Match(html).Groups[1].Value;
        var name = NewName();
        var id = NewIdNumber();
        var number = Jingzhun.Web.Modules.Registry.HouseholdNumbers.Format(places.SecondVillage, 4000 + App.Next() % 999);
        var fields = Jingzhun.Web.Modules.Registry.Transfer.RegistryColumns.Headers.Select(h => h switch
        {
            "户编号" => number, "村代码" => places.SecondVillage, "户类型" => "一般农户", "主要致贫原因" => "因病",
            "姓名" => name, "身份证号" => id, "与户主关系" => "户主", _ => "",
        });
        var csv = string.Join(",", Jingzhun.Web.Modules.Registry.Transfer.RegistryColumns.Headers) + "\r\n" + string.Join(",", fields) + "\r\n";
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "Upload", "page.csv" },
            { new StringContent(places.SecondVillage), "Region" },
            { new StringContent("All"), "Mode" },
        };
        var r = await page.PostAsync("/households/import", form);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var location = r.Headers.Location!.OriginalString;
        Assert.StartsWith("/households/import?job=", location, StringComparison.Ordinal);
        var job = location[(location.IndexOf('=') + 1)..];
        await WaitForJobAsync(page, long.Parse(job, System.Globalization.CultureInfo.InvariantCulture));
        var done = await page.GetStringAsync(location);
        Assert.Contains("已导入", done);
        Assert.Single(await ListIdsAsync(await As("tuqiao"), "q=" + name));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqlitePagesTests(SqliteApp app) : PagesTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresPagesTests(PostgresApp app) : PagesTests(app);
