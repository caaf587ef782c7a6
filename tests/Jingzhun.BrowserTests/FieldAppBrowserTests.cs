using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using System.Text.Json.Nodes;

namespace Jingzhun.BrowserTests;

/// <summary>
/// The offline field app (/m/) on a 360-px phone: the demo cadre signs in and sees the paired households; the
/// phone loses signal; the app still opens (service worker) and a visit with a photo is recorded and queued
/// ("待同步 1 条"); signal returns and the app syncs by itself; the first answer is lost on the way back, and the
/// retried sync creates nothing twice. The server is then asked, as the cadre, whether the visit is there once with
/// its photo.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FieldAppBrowserTests(BrowserApp phone)
{
    private const string Password = BrowserApp.DemoPassword;

    /// <summary>A 360-px phone with GPS on which <paramref name="user"/> has just signed in on /m/ (through its login form).</summary>
    internal static async Task<Session> PhoneAsync(BrowserApp phone, string user)
    {
        var session = await phone.OpenAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true, Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai", Permissions = ["geolocation"], Geolocation = new Geolocation { Latitude = 29.84f, Longitude = 106.05f, Accuracy = 15 },
        });
        var page = session.Page;
        await page.GotoAsync(phone.App!.Url + "/m/");
        await page.Locator("input[name=username]").FillAsync(user);
        await page.Locator("input[name=password]").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        return session;
    }

    /// <summary>A 360-px phone with GPS, signed in on /m/ as the demo cadre, its paired households downloaded.</summary>
    private async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> SignedInPhoneAsync()
    {
        var session = await PhoneAsync(phone, "cadre");
        var (context, page, errors) = (session.Context, session.Page, session.Errors);
        await Assertions.Expect(page.Locator("#households li").First).ToBeVisibleAsync();
        // The service worker has installed (its install cached the shell) and controls the page.
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        return (context, page, errors);
    }

    [SkippableFact]
    public async Task A_visit_recorded_offline_with_a_photo_reaches_the_server_once_when_signal_returns()
    {
        var (context, page, errors) = await SignedInPhoneAsync();
        await using var _ = context;
        var app = phone.App!;
        var households = page.Locator("#households li");
        Assert.True(await households.CountAsync() > 0);
        await AssertFitsAsync(page);
        await Artifacts.ScreenshotAsync(page, "m-households.png");

        // Search by the first household's head, then open it.
        var first = households.First.Locator("a");
        var householdId = long.Parse((await first.GetAttributeAsync("data-household-id"))!, System.Globalization.CultureInfo.InvariantCulture);
        var head = await first.Locator("b").InnerTextAsync();
        await page.Locator("input[type=search]").FillAsync(head);
        await Assertions.Expect(households.First.Locator("b")).ToHaveTextAsync(head);
        await households.First.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("#title")).ToHaveTextAsync(head);

        // No signal: the app still opens from the phone (service worker + IndexedDB).
        await context.SetOfflineAsync(true);
        await Assertions.Expect(page.Locator("#net")).ToHaveTextAsync("离线");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#title")).ToHaveTextAsync(head);
        await Assertions.Expect(page.Locator("#net")).ToHaveTextAsync("离线");

        // Record a visit with a photo made here (a real JPEG from a canvas) and GPS.
        await page.Locator("#new-visit").ClickAsync();
        var notes = $"浏览器测试：见到户主，饮水正常 {Guid.NewGuid():N}";
        await page.Locator("select[name=kind]").SelectOptionAsync("Monthly");
        await page.Locator("textarea[name=notes]").FillAsync(notes);
        await Assertions.Expect(page.GetByText("已定位")).ToBeVisibleAsync();
        var jpeg = await Images.JpegAsync(page);
        await page.Locator("input[type=file][name=photo]").SetInputFilesAsync(new FilePayload { Name = "door.jpg", MimeType = "image/jpeg", Buffer = jpeg });
        await Assertions.Expect(page.Locator("#thumbs img")).ToHaveCountAsync(1);
        await AssertFitsAsync(page);
        await Artifacts.ScreenshotAsync(page, "m-visit-form.png");
        await page.Locator("#save-visit").ClickAsync();
        await Assertions.Expect(page.Locator("#outbox-tab")).ToHaveTextAsync("待同步 1 条");

        await page.Locator("a[data-tab=outbox]").ClickAsync();
        await Assertions.Expect(page.Locator("#outbox-summary")).ToHaveTextAsync("待同步 1 条");
        var card = page.Locator("[data-client-id]");
        await Assertions.Expect(card).ToContainTextAsync("照片 1 张");
        var clientId = (await card.GetAttributeAsync("data-client-id"))!;
        // Still there after the app is closed and opened again without signal.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#outbox-summary")).ToHaveTextAsync("待同步 1 条");
        await Artifacts.ScreenshotAsync(page, "m-outbox-offline.png");

        // Signal returns, but the server's answer to the visit batch is lost on the way back: the visit is stored,
        // the phone does not know it and keeps it queued.
        await SignalReturnsButTheAnswerIsLostAsync(context, page, "**/api/v1/sync/visits");

        // The retry sends the same visit (same client id) again: the server answers "duplicate", the outbox empties.
        await page.UnrouteAllAsync();
        var retry = await page.RunAndWaitForResponseAsync(() => page.Locator("#sync-now").ClickAsync(),
            r => r.Url.EndsWith("/api/v1/sync/visits", StringComparison.Ordinal));
        var answer = (await retry.JsonAsync())!.Value.GetProperty("results").EnumerateArray().Single();
        Assert.Equal(clientId, answer.GetProperty("clientId").GetString());
        Assert.Equal("duplicate", answer.GetProperty("status").GetString());
        await Assertions.Expect(page.Locator("#outbox-summary")).ToHaveTextAsync("全部已同步");
        await Assertions.Expect(page.Locator("#outbox-tab")).ToHaveTextAsync("同步");
        await Artifacts.ScreenshotAsync(page, "m-outbox-synced.png");

        // On the server, as the cadre: the visit is there, the one the retry found, with its photo.
        using var http = await SignedInAsync(app.Url, "cadre");
        var visit = await http.GetFromJsonAsync<JsonElement>($"/api/v1/sync/visits/{clientId}");
        Assert.Equal(answer.GetProperty("visitId").GetInt64(), visit.GetProperty("visitId").GetInt64());
        Assert.Equal(householdId, visit.GetProperty("householdId").GetInt64());
        Assert.Equal("Monthly", visit.GetProperty("kind").GetString());
        var photoId = Assert.Single(visit.GetProperty("photoIds").EnumerateArray()).GetString();
        using var photo = await http.GetAsync($"/api/v1/files/{photoId}");
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        var stored = await photo.Content.ReadAsByteArrayAsync();
        Assert.True(stored is [0xFF, 0xD8, ..], "the stored photo is a JPEG");

        // The household's visit list has it exactly once (the lost answer and the retry stored nothing twice).
        var list = await http.GetFromJsonAsync<JsonElement>($"/api/v1/visits?householdId={householdId}&pageSize=200");
        var same = list.GetProperty("items").EnumerateArray().Where(v => v.GetProperty("notes").GetString() == notes).ToList();
        var row = Assert.Single(same);
        Assert.Equal(clientId, row.GetProperty("clientId").GetString());
        Assert.Equal(1, row.GetProperty("photos").GetInt32());
        Assert.True(errors.Count == 0, "page errors: " + string.Join("; ", errors));
    }

    [SkippableFact]
    public async Task A_member_s_new_job_and_its_end_are_recorded_offline_at_the_door_and_reach_the_server_when_signal_returns()
    {
        var (context, page, errors) = await SignedInPhoneAsync();
        await using var _ = context;
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var first = page.Locator("#households li a").First;
        var householdId = long.Parse((await first.GetAttributeAsync("data-household-id"))!, System.Globalization.CultureInfo.InvariantCulture);
        await first.ClickAsync();
        await page.Locator("#work").ClickAsync();
        var member = page.Locator("[data-member-id]").First;
        await Assertions.Expect(member).ToBeVisibleAsync();
        var memberId = long.Parse((await member.GetAttributeAsync("data-member-id"))!, System.Globalization.CultureInfo.InvariantCulture);
        var name = await member.Locator("b").InnerTextAsync();

        // No signal at the door: the member found a job in 浙江 through 劳务协作.
        await context.SetOfflineAsync(true);
        await Assertions.Expect(page.Locator("#net")).ToHaveTextAsync("离线");
        var employer = $"宁波纺织厂{Guid.NewGuid():N}"[..20];
        var form = page.Locator("#new-job");
        if (!await form.IsVisibleAsync()) await page.GetByText("＋ 登记务工").ClickAsync();
        await form.Locator("select[name=memberId]").SelectOptionAsync(memberId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.Locator("select[name=place]").SelectOptionAsync("OutOfProvince");
        // A job outside the county names its province: the form says so before anything is queued.
        await form.Locator("input[name=employer]").FillAsync(employer);
        await form.Locator("input[name=monthlyWage]").FillAsync("4300");
        await page.Locator("#save-job").ClickAsync();
        await Assertions.Expect(form.Locator("[role=alert]")).ToContainTextAsync("请填写务工所在省（市）");
        await form.Locator("input[name=placeName]").FillAsync("浙江省");
        await form.Locator("select[name=channel]").SelectOptionAsync("LabourCooperation");
        await form.Locator("input[name=startedOn]").FillAsync(today);
        await form.Locator("input[name=months]").FillAsync("1");
        await AssertFitsAsync(page);
        await Artifacts.ScreenshotAsync(page, "m-job-form.png");
        await page.Locator("#save-job").ClickAsync();
        await Assertions.Expect(page.Locator("#outbox-tab")).ToHaveTextAsync("待同步 1 条");
        // Kept on the phone through a restart without signal.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator($"[data-member-id='{memberId}']")).ToContainTextAsync("新务工待同步");
        await page.Locator("a[data-tab=outbox]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-client-id]")).ToContainTextAsync($"登记务工 · {name}");

        // Signal returns: the app syncs by itself.
        await context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("#outbox-summary")).ToHaveTextAsync("全部已同步");
        using var http = await SignedInAsync(phone.App!.Url, "cadre");
        var work = await http.GetFromJsonAsync<JsonElement>($"/api/v1/employment/members/{memberId}");
        Assert.Equal("OutOfProvince", work.GetProperty("workStatus").GetString());
        var job = Assert.Single(work.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("employer").GetString() == employer);
        Assert.Equal("浙江省", job.GetProperty("placeName").GetString());
        Assert.Equal(householdId, job.GetProperty("householdId").GetInt64());
        var jobId = job.GetProperty("id").GetInt64();

        // Offline again, the job ends (返乡): 务工结束 on the job the phone now keeps.
        await page.GotoAsync(phone.App!.Url + $"/m/#/work/{householdId}");
        var end = page.Locator($"[data-end='{jobId}']");
        await Assertions.Expect(end).ToBeVisibleAsync();
        await context.SetOfflineAsync(true);
        await end.ClickAsync();
        var endForm = page.Locator($"[data-end-job='{jobId}']");
        await endForm.Locator("input[name=endedOn]").FillAsync(today);
        await endForm.Locator("input[name=months]").FillAsync("1");
        await endForm.GetByRole(AriaRole.Button, new() { Name = "保存务工结束" }).ClickAsync();
        await Assertions.Expect(page.Locator("#outbox-tab")).ToHaveTextAsync("待同步 1 条");
        await Assertions.Expect(page.Locator($"[data-job-id='{jobId}']")).ToContainTextAsync("务工结束待同步");
        await context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("#outbox-tab")).ToHaveTextAsync("同步");
        var after = await http.GetFromJsonAsync<JsonElement>($"/api/v1/employment/members/{memberId}");
        var ended = Assert.Single(after.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("id").GetInt64() == jobId);
        Assert.Equal(today, ended.GetProperty("endedOn").GetString());

        // At the next visit the cadre records the lost job as a risk lead of its kind (因务工就业不稳).
        await page.GotoAsync(phone.App!.Url + $"/m/#/visit/{householdId}");
        var detail = $"返乡后尚未找到新工作 {Guid.NewGuid():N}"[..20];
        await page.GetByText("发现问题（生成问题或风险线索）").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "＋ 添加一项" }).ClickAsync();
        var finding = page.Locator(".finding").Last;
        await finding.Locator("select[name=type]").SelectOptionAsync("lead");
        await finding.Locator("select[name=reason]").SelectOptionAsync("UnstableEmployment");
        await finding.Locator("textarea[name=text]").FillAsync(detail);
        // Saved on the phone and sent at once (there is signal): the batch's answer is awaited.
        var sent = await page.RunAndWaitForResponseAsync(() => page.Locator("#save-visit").ClickAsync(),
            r => r.Url.EndsWith("/api/v1/sync/visits", StringComparison.Ordinal));
        Assert.Equal("created", (await sent.JsonAsync())!.Value.GetProperty("results")[0].GetProperty("status").GetString());
        var leads = await http.GetFromJsonAsync<JsonElement>($"/api/v1/monitoring/leads?householdId={householdId}&pageSize=200");
        var lead = Assert.Single(leads.GetProperty("items").EnumerateArray(), l => l.GetProperty("reason").ValueKind == JsonValueKind.String
            && l.GetProperty("reason").GetString() == "UnstableEmployment" && l.GetProperty("status").GetString() is "Open" or "InProcedure");
        Assert.Equal("CadreCheck", lead.GetProperty("source").GetString());
        Assert.True(errors.Count == 0, "page errors: " + string.Join("; ", errors));
    }

    [SkippableFact]
    public async Task A_household_changed_on_the_server_while_offline_is_shown_side_by_side_and_the_cadre_chooses()
    {
        var (context, page, errors) = await SignedInPhoneAsync();
        await using var _ = context;
        var app = phone.App!;
        // The last household (the other test visits the first).
        var last = page.Locator("#households li a").Last;
        var householdId = long.Parse((await last.GetAttributeAsync("data-household-id"))!, System.Globalization.CultureInfo.InvariantCulture);
        await last.ClickAsync();

        // Offline at the door: the cadre notes 12 days without water a year.
        await context.SetOfflineAsync(true);
        await page.Locator("#new-visit").ClickAsync();
        await page.GetByText("更新生产生活条件").ClickAsync();
        await page.Locator("input[name=waterCutoffDaysPerYear]").FillAsync("12");
        await page.Locator("textarea[name=notes]").FillAsync("核实停水情况");
        await page.Locator("#save-visit").ClickAsync();
        await Assertions.Expect(page.Locator("#outbox-tab")).ToHaveTextAsync("待同步 1 条");

        // Meanwhile the county edits the same household on the server: 5 days.
        using var county = await SignedInAsync(app.Url, "tl_admin");
        var view = (await county.GetFromJsonAsync<JsonNode>($"/api/v1/households/{householdId}"))!;
        var facts = view["household"]!.AsObject();
        facts["waterCutoffDaysPerYear"] = 5;
        var put = await county.PutAsJsonAsync($"/api/v1/households/{householdId}", new { household = facts, version = view["version"]!.GetValue<int>() });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

        // Signal returns: the visit is stored, the update waits; both values side by side.
        await context.SetOfflineAsync(false);
        await page.Locator("a[data-tab=outbox]").ClickAsync();
        var card = page.Locator("[data-state=conflict]");
        var row = card.Locator("table.compare tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("th")).ToHaveTextAsync("年停水天数");
        await Assertions.Expect(row.Locator("td").Nth(0)).ToHaveTextAsync("5");
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("12");
        await AssertFitsAsync(page);
        await Artifacts.ScreenshotAsync(page, "m-conflict.png");
        var clientId = (await card.GetAttributeAsync("data-client-id"))!;
        // Nothing was overwritten before the choice.
        var before = (await county.GetFromJsonAsync<JsonNode>($"/api/v1/households/{householdId}"))!;
        Assert.Equal(5, before["household"]!["waterCutoffDaysPerYear"]!.GetValue<int>());

        await card.GetByRole(AriaRole.Button, new() { Name = "采用我的" }).ClickAsync();
        await Assertions.Expect(page.Locator("#outbox-summary")).ToHaveTextAsync("全部已同步");
        var after = (await county.GetFromJsonAsync<JsonNode>($"/api/v1/households/{householdId}"))!;
        Assert.Equal(12, after["household"]!["waterCutoffDaysPerYear"]!.GetValue<int>());
        var visit = (await county.GetFromJsonAsync<JsonNode>($"/api/v1/sync/visits/{clientId}"))!;
        Assert.Equal("Applied", visit["updateState"]!.GetValue<string>());
        Assert.True(errors.Count == 0, "page errors: " + string.Join("; ", errors));
    }

    [SkippableFact]
    public async Task A_visit_draft_survives_the_app_being_killed_photos_are_shrunk_and_stamped_and_the_form_warns_far_from_home()
    {
        var (context, page, errors) = await SignedInPhoneAsync();
        await using var _ = context;
        var app = phone.App!;
        // Households are marked 本月已走访 or not; the count says how many.
        var marks = page.Locator("#households [data-visited=month]");
        var visited = await marks.CountAsync();
        await Assertions.Expect(page.Locator("#view p.muted.small").First).ToContainTextAsync($"本月已走访 {visited} 户");
        // A household in the middle (the other tests visit the first and the last).
        var links = page.Locator("#households li a");
        var link = links.Nth(Math.Min(1, await links.CountAsync() - 1));
        var householdId = long.Parse((await link.GetAttributeAsync("data-household-id"))!, System.Globalization.CultureInfo.InvariantCulture);
        using var http = await SignedInAsync(app.Url, "cadre");
        var download = await http.GetFromJsonAsync<JsonElement>("/api/v1/sync/households");
        var limit = download.GetProperty("cadre").GetProperty("gpsThresholdMetres").GetInt32();
        var home = download.GetProperty("households").EnumerateArray().Single(x => x.GetProperty("id").GetInt64() == householdId);
        await link.ClickAsync();

        // At a place 5 km away from the home point the form warns; at the door it does not.
        var hasHome = home.GetProperty("latitude").ValueKind == JsonValueKind.Number;
        var (lat, lon) = hasHome ? (home.GetProperty("latitude").GetDouble(), home.GetProperty("longitude").GetDouble()) : (29.84, 106.05);
        await context.SetGeolocationAsync(new Geolocation { Latitude = (float)(lat + 0.045), Longitude = (float)lon, Accuracy = 10 });
        await page.Locator("#new-visit").ClickAsync();
        var warning = page.Locator("#gps-warning");
        if (hasHome)
        {
            await Assertions.Expect(warning).ToContainTextAsync($"超过 {limit} 米");
            await context.SetGeolocationAsync(new Geolocation { Latitude = (float)lat, Longitude = (float)lon, Accuracy = 10 });
            await page.GetByRole(AriaRole.Button, new() { Name = "重新定位" }).ClickAsync();
            await Assertions.Expect(warning).ToBeHiddenAsync();
        }
        else await Assertions.Expect(warning).ToContainTextAsync("该户尚未登记位置");

        // Notes and a large photo from the camera (2400 × 1800); the phone shrinks it to 1600 px and stamps it.
        var notes = $"草稿测试：户主外出务工，妻子在家 {Guid.NewGuid():N}";
        await page.Locator("textarea[name=notes]").FillAsync(notes);
        var big = await page.EvaluateAsync<string>("""
            () => {
              const c = document.createElement('canvas');
              c.width = 2400; c.height = 1800;
              const g = c.getContext('2d');
              g.fillStyle = '#e0e0e0'; g.fillRect(0, 0, 2400, 1800);
              return c.toDataURL('image/jpeg', 0.95);
            }
            """);
        var original = Convert.FromBase64String(big[(big.IndexOf(',', StringComparison.Ordinal) + 1)..]);
        await page.Locator("input[type=file][name=photo]").SetInputFilesAsync(new FilePayload { Name = "door.jpg", MimeType = "image/jpeg", Buffer = original });
        await Assertions.Expect(page.Locator("#thumbs img")).ToHaveCountAsync(1);
        // The draft is on the phone (IndexedDB) with the notes and the photo.
        await page.WaitForFunctionAsync($$"""
            () => new Promise((resolve) => {
              const open = indexedDB.open('jingzhun-m');
              open.onsuccess = () => {
                const get = open.result.transaction('meta').objectStore('meta').get('draft:{{householdId}}');
                get.onsuccess = () => resolve(!!get.result && get.result.value.photos.length === 1 && get.result.value.values.includes({{JsonSerializer.Serialize(notes)}}));
              };
            })
            """);

        // The app is killed (the page closed without saving) and opened again: the draft is back.
        await page.CloseAsync(new() { RunBeforeUnload = false });
        page = await context.NewPageAsync();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(app.Url + $"/m/#/visit/{householdId}");
        await Assertions.Expect(page.Locator("#draft-notice")).ToContainTextAsync("已恢复");
        await Assertions.Expect(page.Locator("textarea[name=notes]")).ToHaveValueAsync(notes);
        await Assertions.Expect(page.Locator("#thumbs img")).ToHaveCountAsync(1);

        // Saved without signal: the queued photo is the shrunk JPEG, darker where the stamp is written.
        await context.SetOfflineAsync(true);
        await page.Locator("#save-visit").ClickAsync();
        await Assertions.Expect(page.Locator("#outbox-tab")).ToHaveTextAsync("待同步 1 条");
        var photo = await page.EvaluateAsync<JsonElement>("""
            () => new Promise((resolve) => {
              const open = indexedDB.open('jingzhun-m');
              open.onsuccess = () => {
                const all = open.result.transaction('photos').objectStore('photos').getAll();
                all.onsuccess = async () => {
                  const p = all.result[0];
                  const bitmap = await createImageBitmap(p.blob);
                  const c = document.createElement('canvas');
                  c.width = bitmap.width; c.height = bitmap.height;
                  const g = c.getContext('2d');
                  g.drawImage(bitmap, 0, 0);
                  const corner = g.getImageData(bitmap.width - 5, bitmap.height - 5, 1, 1).data[0];
                  const top = g.getImageData(5, 5, 1, 1).data[0];
                  resolve({ width: bitmap.width, height: bitmap.height, type: p.type, size: p.blob.size, corner, top });
                };
              };
            })
            """);
        Assert.Equal(1600, photo.GetProperty("width").GetInt32());
        Assert.Equal(1200, photo.GetProperty("height").GetInt32());
        Assert.Equal("image/jpeg", photo.GetProperty("type").GetString());
        Assert.True(photo.GetProperty("corner").GetInt32() < photo.GetProperty("top").GetInt32() - 60, $"the stamp darkens the lower right corner: {photo}");

        // The draft is gone once saved; the household is marked visited this month.
        await page.GotoAsync(app.Url + $"/m/#/visit/{householdId}");
        await Assertions.Expect(page.Locator("textarea[name=notes]")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("#draft-notice")).ToHaveCountAsync(0);
        await page.GotoAsync(app.Url + $"/m/#/household/{householdId}");
        await Assertions.Expect(page.Locator("#month-mark")).ToHaveTextAsync("✓ 本月已走访");
        await context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("#outbox-tab")).ToHaveTextAsync("同步");
        Assert.True(errors.Count == 0, "page errors: " + string.Join("; ", errors));
    }

    /// <summary>
    /// 走访需户主签字: the county administrator turns it on for 铜梁区 on the policy page; on the 360-px phone the visit
    /// form then shows the signature pad, refuses to save without a signature, the head signs with a finger (here the
    /// mouse), 清除重签 clears it, the signature is drawn again, saved and synced; the county sees "户主已签字" and the
    /// drawing on the visit's page. The county's standard is set back in the end.
    /// </summary>
    [SkippableFact]
    public async Task Where_the_county_wants_the_head_s_signature_the_phone_takes_it_on_a_pad_and_syncs_it_with_the_visit()
    {
        await using var county = await phone.SignInAsync("tl_admin");
        var app = phone.App!;
        var year = Beijing.Now.Year;
        try
        {
            await county.GotoAsync($"/admin/policies/visits/new?region=500151&year={year}");
            await county.Page.Locator("#v-SignatureRequired").SelectOptionAsync("是");
            await county.Page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
            await county.ExpectFlashAsync($"已保存铜梁区（500151） {year}年起的走访标准");
            await Assertions.Expect(county.Page.Locator($"#policy-rows tr[data-place='500151'][data-year='{year}'] td[data-field='SignatureRequired']")).ToHaveTextAsync("是");

            var (context, page, errors) = await SignedInPhoneAsync();
            await using var _ = context;
            var links = page.Locator("#households li a");
            var link = links.Nth(Math.Min(2, await links.CountAsync() - 1));
            var householdId = long.Parse((await link.GetAttributeAsync("data-household-id"))!, System.Globalization.CultureInfo.InvariantCulture);
            await link.ClickAsync();
            await page.Locator("#new-visit").ClickAsync();
            var notes = $"签字测试：户主在手机上签字 {Guid.NewGuid():N}";
            await page.Locator("textarea[name=notes]").FillAsync(notes);
            var pad = page.Locator("#signature-pad");
            await Assertions.Expect(pad).ToBeVisibleAsync();
            await AssertFitsAsync(page);

            // Not signed: the form says so and keeps the visit.
            await page.Locator("#save-visit").ClickAsync();
            await Assertions.Expect(page.Locator("form .alert.error")).ToContainTextAsync("户主签字");
            await Assertions.Expect(page.Locator("#outbox-tab")).ToHaveTextAsync("同步");

            async Task SignAsync()
            {
                await pad.ScrollIntoViewIfNeededAsync();
                var box = (await pad.BoundingBoxAsync())!;
                await page.Mouse.MoveAsync(box.X + box.Width * 0.1f, box.Y + box.Height * 0.6f);
                await page.Mouse.DownAsync();
                for (var i = 1; i <= 12; i++)
                    await page.Mouse.MoveAsync(box.X + box.Width * (0.1f + 0.06f * i), box.Y + box.Height * (i % 2 == 0 ? 0.3f : 0.7f), new() { Steps = 3 });
                await page.Mouse.UpAsync();
            }
            await SignAsync();
            await Assertions.Expect(page.Locator("#signature-status")).ToHaveTextAsync("户主已签字");
            await page.Locator("#signature-clear").ClickAsync();
            await Assertions.Expect(page.Locator("#signature-status")).ToHaveTextAsync("请户主在框内签字");
            await SignAsync();
            await Assertions.Expect(page.Locator("#signature-status")).ToHaveTextAsync("户主已签字");
            await Artifacts.ScreenshotAsync(page, "m-visit-signature.png");

            // Saved and synced (online: the app syncs at once).
            await page.Locator("#save-visit").ClickAsync();
            await Assertions.Expect(page.Locator("#outbox-tab")).ToHaveTextAsync("同步");
            await page.Locator("a[data-tab=outbox]").ClickAsync();
            await Assertions.Expect(page.Locator("#outbox-summary")).ToHaveTextAsync("全部已同步");
            Assert.True(errors.Count == 0, "page errors: " + string.Join("; ", errors));

            // The county sees it on the visit's page: 户主已签字 and the drawing (dark strokes on white).
            await county.GotoAsync($"/fieldwork/visits?householdId={householdId}");
            var row = county.Page.Locator("table.g-table tbody tr").Filter(new() { HasText = notes });
            await Assertions.Expect(row).ToContainTextAsync("户主已签字");
            await row.GetByRole(AriaRole.Link, new() { Name = "详情" }).ClickAsync();
            await Assertions.Expect(county.Page.Locator("#visit-signed")).ToHaveTextAsync("户主已签字");
            var image = county.Page.Locator("#visit-signature img");
            await Assertions.Expect(image).ToBeVisibleAsync();
            var ink = await image.EvaluateAsync<int>("""
                async (img) => {
                  await img.decode();
                  const c = document.createElement('canvas');
                  c.width = img.naturalWidth; c.height = img.naturalHeight;
                  const g = c.getContext('2d');
                  g.drawImage(img, 0, 0);
                  const d = g.getImageData(0, 0, c.width, c.height).data;
                  let dark = 0;
                  for (let i = 0; i < d.length; i += 4) if (d[i] < 80 && d[i + 3] > 200) dark++;
                  return dark;
                }
                """);
            Assert.True(ink > 200, $"the stored signature has the strokes drawn on the phone ({ink} dark pixels)");
            await Artifacts.ScreenshotAsync(county.Page, "visit-signature-detail.png");
            county.AssertNoPageErrors();
        }
        finally
        {
            using var http = await SignedInAsync(app.Url, "tl_admin");
            var rows = await http.GetFromJsonAsync<JsonArray>("/api/v1/fieldwork/policies");
            var mine = rows!.FirstOrDefault(r => r!["countyCode"]!.GetValue<string>() == "500151" && r["year"]!.GetValue<int>() == year);
            if (mine is not null)
            {
                var values = mine["values"]!.AsObject().DeepClone().AsObject();
                values["signatureRequired"] = false;
                var reset = await http.PutAsJsonAsync($"/api/v1/fieldwork/policies/500151/{year}?version={mine["version"]!.GetValue<int>()}", values);
                Assert.True(reset.IsSuccessStatusCode, await reset.Content.ReadAsStringAsync());
            }
        }
    }

    [SkippableFact]
    public async Task The_to_do_list_counts_households_not_tasks()
    {
        var (context, page, errors) = await SignedInPhoneAsync();
        await using var _ = context;
        using var http = await SignedInAsync(phone.App!.Url, "cadre");
        var todo = await http.GetFromJsonAsync<JsonElement>("/api/v1/sync/todo");
        var items = todo.GetProperty("items").EnumerateArray().ToList();
        var households = items.Select(i => i.GetProperty("householdId").GetInt64()).Distinct().Count();
        await page.Locator("a[data-tab=todo]").ClickAsync();
        if (items.Count == 0)
        {
            await Assertions.Expect(page.Locator(".empty")).ToHaveTextAsync("暂无待办");
            return;
        }
        await Assertions.Expect(page.Locator("#todo-summary")).ToContainTextAsync($"应走访 {households} 户（{items.Count} 项任务）");
        await Assertions.Expect(page.Locator("#todo > li")).ToHaveCountAsync(households);
        Assert.True(errors.Count == 0, "page errors: " + string.Join("; ", errors));
    }

    /// <summary>
    /// Signal returns (the app syncs by itself on the 'online' event) but the server's answer to the request matching
    /// <paramref name="pattern"/> is lost on the way back: the server stored it, the phone does not know and keeps it queued.
    /// </summary>
    internal static async Task SignalReturnsButTheAnswerIsLostAsync(IBrowserContext context, IPage page, string pattern)
    {
        var lost = 0;
        await page.RouteAsync(pattern, async route =>
        {
            var response = await route.FetchAsync();
            Assert.True(response.Ok, $"the request reached the server: {response.Status}");
            lost++;
            await route.AbortAsync("internetdisconnected");
        });
        await context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("#sync-status")).ToContainTextAsync("网络中断");
        Assert.Equal(1, lost);
        await Assertions.Expect(page.Locator("#outbox-summary")).ToHaveTextAsync("待同步 1 条");
    }

    /// <summary>The screen fits the 360-px phone: nothing to scroll sideways.</summary>
    internal static async Task AssertFitsAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"),
            $"{page.Url} is wider than the phone");

    /// <summary>An API client signed in as <paramref name="user"/>, for a test's fixture and its checks on the server (never the step under test).</summary>
    internal static async Task<HttpClient> SignedInAsync(string url, string user)
    {
        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { username = user, password = Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
