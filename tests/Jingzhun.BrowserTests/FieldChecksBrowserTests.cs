using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// Checks at the door in the offline field app (/m/) on a 360-px phone, by the village officer (no paired households):
/// a 回头看 sampled household's questionnaire filled without signal and synced (the first answer lost on the way back,
/// the retry storing nothing twice), and a 数据比对 疑点 verified without signal. The server's own pages show the result.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FieldChecksBrowserTests(BrowserApp phone)
{
    /// <summary>A 360-px phone signed in on /m/ as <paramref name="user"/>, the first sync done, the service worker in control.</summary>
    private async Task<Session> PhoneAsync(string user)
    {
        var s = await FieldAppBrowserTests.PhoneAsync(phone, user);
        // A village officer is no paired cadre: the households screen says so once the first sync is done.
        await Expect(s.Page.Locator("#no-households")).ToContainTextAsync("未关联帮扶干部");
        await s.Page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        return s;
    }

    /// <summary>
    /// On the outbox screen with one check queued: signal returns and the answer to <paramref name="path"/> is lost; the
    /// retry (同步) sends it again and the server answers 200 (it has it), the outbox empties.
    /// </summary>
    private static async Task SyncAfterALostAnswerAsync(IBrowserContext context, IPage page, string path)
    {
        await FieldAppBrowserTests.SignalReturnsButTheAnswerIsLostAsync(context, page, "**" + path);
        await page.UnrouteAllAsync();
        var retry = await page.RunAndWaitForResponseAsync(() => page.Locator("#sync-now").ClickAsync(),
            r => r.Url.EndsWith(path, StringComparison.Ordinal));
        Assert.Equal(200, retry.Status);
        await Expect(page.Locator("#outbox-summary")).ToHaveTextAsync("全部已同步");
    }

    [SkippableFact]
    public async Task The_village_fills_a_sampled_household_s_questionnaire_offline_and_the_server_has_it_once()
    {
        // Fixture: the township draws a 回头看 sample by village; one household of the village officer's village is to visit.
        Skip.If(phone.App is null, Artifacts.NoChromium);
        var app = phone.App!;
        using var township = await FieldAppBrowserTests.SignedInAsync(app.Url, "tuqiao");
        using var village = await FieldAppBrowserTests.SignedInAsync(app.Url, "village");
        var created = await township.PostAsJsonAsync("/api/v1/sampling/campaigns", new
        {
            region = "500151101", name = "手机核查" + Random.Shared.Next(10000, 99999), purpose = "Recognition", frame = "ExitedAndMonitored",
            design = "ByVillage", margin = 0.1m, reserves = 1, seed = Random.Shared.Next(1, 1_000_000),
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var campaign = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("campaign").GetProperty("id").GetInt64();
        (await township.PostAsync($"/api/v1/sampling/campaigns/{campaign}/draw", null)).EnsureSuccessStatusCode();
        var mine = await village.GetFromJsonAsync<JsonElement>($"/api/v1/sampling/households?campaignId={campaign}&status=Pending&pageSize=200");
        var sample = mine.GetProperty("items").EnumerateArray().First();
        var sid = sample.GetProperty("id").GetInt64();
        var hid = sample.GetProperty("householdId").GetInt64();
        var head = sample.GetProperty("headName").GetString()!;

        await using var s = await PhoneAsync("village");
        var (context, page) = (s.Context, s.Page);
        await page.Locator("a[data-tab=todo]").ClickAsync();
        await Expect(page.Locator("#samples-link")).ToContainTextAsync("待入户");
        await page.Locator("#samples-link").ClickAsync();
        var task = page.Locator($"[data-sample-id='{sid}']");
        await Expect(task).ToContainTextAsync("待入户");
        await Expect(task).ToContainTextAsync(head);

        // No signal at the door: the app opens from the phone, the questionnaire is filled and queued.
        await context.SetOfflineAsync(true);
        await Expect(page.Locator("#net")).ToHaveTextAsync("离线");
        await page.ReloadAsync();
        await task.ClickAsync();
        await Expect(page.Locator("#title")).ToHaveTextAsync(head);
        var form = page.Locator("#survey");
        await form.GetByLabel("人均纯收入（元，核实值）").FillAsync("15800");
        foreach (var item in new[] { "吃穿", "义务教育", "基本医疗", "饮水安全" })
            await form.GetByRole(AriaRole.Radiogroup, new() { Name = item }).GetByLabel("有保障").CheckAsync();
        await form.GetByRole(AriaRole.Radiogroup, new() { Name = "得到帮扶" }).GetByLabel("是").CheckAsync();
        await form.GetByRole(AriaRole.Radiogroup, new() { Name = "应纳入（继续纳入）建档或监测" }).GetByLabel("否").CheckAsync();
        await form.GetByRole(AriaRole.Radiogroup, new() { Name = "满意度" }).GetByLabel("4", new() { Exact = true }).CheckAsync();
        // 住房安全 not chosen: refused on the phone, nothing queued.
        await page.Locator("#save-survey").ClickAsync();
        await Expect(form.Locator("[role=alert]")).ToContainTextAsync("请选择住房安全：有保障或无保障");
        await form.GetByRole(AriaRole.Radiogroup, new() { Name = "住房安全" }).GetByLabel("无保障").CheckAsync();
        await FieldAppBrowserTests.AssertFitsAsync(page);
        await Artifacts.ScreenshotAsync(page, "m-sample-survey.png");
        await page.Locator("#save-survey").ClickAsync();
        await Expect(page.Locator("#outbox-tab")).ToHaveTextAsync("待同步 1 条");
        await Expect(page.Locator($"[data-sample-id='{sid}']")).ToContainTextAsync("待同步");
        await page.Locator("a[data-tab=outbox]").ClickAsync();
        await Expect(page.Locator("[data-client-id]")).ToContainTextAsync("入户问卷 · 满意度 4 分 · 住房安全无保障");

        // Signal returns, but the server's answer is lost on the way back: the phone keeps it queued. The retry sends the
        // same questionnaire on the version the phone read: the server answers with the saved one.
        await SyncAfterALostAnswerAsync(context, page, $"/api/v1/sampling/households/{sid}/survey");
        await page.GotoAsync(app.Url + "/m/#/samples");
        await Expect(page.Locator($"[data-sample-id='{sid}']")).ToContainTextAsync("已核查");
        s.AssertNoPageErrors();

        // The server's questionnaire page: 已核查, with what was typed at the door.
        await using var desk = await phone.SignInAsync("village");
        await desk.GotoAsync($"/sampling/households/{sid}");
        await Expect(desk.Page.Locator("#status")).ToHaveTextAsync("已核查");
        // Once: one 住房安全 problem open on the ledger and one 回头看 lead, for all the retries.
        var problems = await township.GetFromJsonAsync<JsonElement>($"/api/v1/problems?householdId={hid}&dimension=Housing&pageSize=200");
        Assert.Single(problems.GetProperty("items").EnumerateArray(), p => p.GetProperty("status").GetString() != "Verified");
        var leads = await township.GetFromJsonAsync<JsonElement>($"/api/v1/monitoring/leads?householdId={hid}&pageSize=200");
        Assert.Single(leads.GetProperty("items").EnumerateArray(),
            l => l.GetProperty("detail").GetString()!.Contains($"抽样 {campaign}", StringComparison.Ordinal));
        var row = await village.GetFromJsonAsync<JsonElement>($"/api/v1/sampling/households/{sid}");
        Assert.Equal(15800m, row.GetProperty("incomePerCapita").GetDecimal());
        Assert.Equal(4, row.GetProperty("satisfaction").GetInt32());
    }

    [SkippableFact]
    public async Task The_village_verifies_a_data_matching_doubt_offline_and_the_server_has_it_as_true()
    {
        Skip.If(phone.App is null, Artifacts.NoChromium);
        var app = phone.App!;
        // The demo's 铜梁区 rosters left 疑点 in the village officer's village; this test takes the 医保 one (属实 → a risk lead).
        await using var s = await PhoneAsync("village");
        var (context, page) = (s.Context, s.Page);
        await page.Locator("a[data-tab=todo]").ClickAsync();
        await Expect(page.Locator("#doubts-link")).ToContainTextAsync("待核实");
        await page.Locator("#doubts-link").ClickAsync();
        var doubt = page.Locator("#doubts a[data-outcome=RiskLead]").First;
        await Expect(doubt).ToBeVisibleAsync();
        var id = long.Parse((await doubt.GetAttributeAsync("data-doubt-id"))!, System.Globalization.CultureInfo.InvariantCulture);

        // No signal at the door: the list is on the phone; the 疑点 is verified 属实 with a note and queued.
        await context.SetOfflineAsync(true);
        await Expect(page.Locator("#net")).ToHaveTextAsync("离线");
        await page.ReloadAsync();
        await page.Locator($"#doubts a[data-doubt-id='{id}']").ClickAsync();
        var form = page.Locator("#verify");
        await form.GetByRole(AriaRole.Radiogroup, new() { Name = "核实结果" }).GetByLabel("属实", new() { Exact = true }).CheckAsync();
        // Too short a note is refused on the phone, as the server would.
        await form.GetByLabel("核实情况说明").FillAsync("属实");
        await page.Locator("#save-doubt").ClickAsync();
        await Expect(form.Locator("[role=alert]")).ToContainTextAsync("至少4个字");
        var note = $"入户核实：住院自付费用属实，已告知可申请医疗救助 {Guid.NewGuid():N}"[..40];
        await form.GetByLabel("核实情况说明").FillAsync(note);
        var jpeg = await Images.JpegAsync(page);
        await form.Locator("input[type=file][name=photo]").SetInputFilesAsync(new FilePayload { Name = "bill.jpg", MimeType = "image/jpeg", Buffer = jpeg });
        await Expect(form.Locator("#thumbs img")).ToHaveCountAsync(1);
        await FieldAppBrowserTests.AssertFitsAsync(page);
        await Artifacts.ScreenshotAsync(page, "m-doubt-verify.png");
        await page.Locator("#save-doubt").ClickAsync();
        await Expect(page.Locator("#outbox-tab")).ToHaveTextAsync("待同步 1 条");
        await Expect(page.Locator($"#doubts a[data-doubt-id='{id}'][data-status=queued]")).ToContainTextAsync("待同步");

        await page.Locator("a[data-tab=outbox]").ClickAsync();
        await Expect(page.Locator("[data-client-id]")).ToContainTextAsync("疑点核实 · 属实 · ");
        await Expect(page.Locator("[data-client-id]")).ToContainTextAsync("照片 1 张");

        // Signal returns but the server's answer is lost on the way back; the retry sends the same answer: 200, the state stored.
        await SyncAfterALostAnswerAsync(context, page, $"/api/v1/matching/doubts/{id}/verify");

        // The phone lists the 疑点 as the server answered it.
        await page.Locator("a[data-tab=todo]").ClickAsync();
        await page.Locator("#doubts-link").ClickAsync();
        await Expect(page.Locator($"#doubts-done [data-doubt-id='{id}']")).ToContainTextAsync("属实");
        await Expect(page.Locator($"#doubts a[data-doubt-id='{id}']")).ToHaveCountAsync(0);
        await Artifacts.ScreenshotAsync(page, "m-doubts-synced.png");
        s.AssertNoPageErrors();

        // The server's page of the 疑点: 属实, with the note typed at the door, its photo and its risk lead.
        await using var desk = await phone.SignInAsync("village");
        await desk.GotoAsync($"/matching/doubts/{id}");
        await Expect(desk.Page.Locator("#status")).ToHaveTextAsync("属实");
        await Expect(desk.Page.Locator("#doubt")).ToContainTextAsync(note);
        await Expect(desk.Page.Locator("#outcome")).ToContainTextAsync("已登记防返贫风险线索");
        await Expect(desk.Page.Locator("img[alt^='核实照片']")).ToHaveCountAsync(1);
        await Expect(desk.Page.Locator("#verify")).ToHaveCountAsync(0);
        desk.AssertNoPageErrors();
    }
}
