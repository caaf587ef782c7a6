using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// The workflows that pass between people, each step done on its page by the role whose work it is: a 两不愁三保障
/// problem from 登记 to 核验 (the village works it, the township assigns, returns and verifies), and the first steps of
/// 防返贫监测 identification (the village records, the township compares).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class WorkflowBrowserTests(BrowserApp app)
{
    [GeneratedRegex(@"/problems/(\d+)$")]
    private static partial Regex ProblemUrl();

    /// <summary>The form of one step on a problem or case page, found by its heading.</summary>
    internal static ILocator Step(IPage page, string heading) =>
        page.Locator("form.g-step").Filter(new() { Has = page.Locator("h3", new() { HasTextRegex = new Regex($"^{Regex.Escape(heading)}$") }) });

    /// <summary>登记问题 from the household's 两不愁三保障 panel, on the first dimension without an open problem.</summary>
    private static async Task<(string Id, string Dimension)> ReportProblemAsync(Session village, NewHousehold h)
    {
        var page = village.Page;
        await village.GotoAsync($"/households/{h.Id}");
        var report = page.Locator("#guarantees .g-dim a", new() { HasText = "登记问题" }).First;
        var dimension = await report.Locator("xpath=ancestor::div[contains(@class,'g-dim')]//h4/span[1]").InnerTextAsync();
        await report.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("登记问题");
        await Expect(page.Locator("select[name=Dimension] option:checked")).ToHaveTextAsync(dimension);
        await page.GetByLabel("来源 *").SelectOptionAsync(new SelectOptionValue { Label = "入户走访" });
        await page.GetByLabel("紧急程度 *").SelectOptionAsync(new SelectOptionValue { Label = "一般" });
        await page.GetByLabel("问题描述 *（4–500字）").FillAsync($"入户发现{dimension}方面存在问题，需核实");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        await Expect(page.Locator(".g-alert.g-ok")).ToHaveTextAsync("问题已登记，待交办");
        return (ProblemUrl().Match(page.Url).Groups[1].Value, dimension);
    }

    [SkippableFact]
    public async Task A_problem_is_registered_assigned_worked_returned_and_verified_by_the_village_and_the_township()
    {
        await using var village = await app.SignInAsync("village");
        var page = village.Page;
        var h = await RegistryPages.RegisterAsync(village);

        var (id, dimension) = await ReportProblemAsync(village, h);
        var notice = page.Locator(".g-alert.g-ok");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"问题 {id}：{h.HeadName} 户 · {dimension}");
        await Expect(page.Locator(".g-head .g-badge")).ToHaveTextAsync("待交办");
        // The village cannot assign.
        await Expect(page.Locator("form.g-step")).ToHaveCountAsync(0);

        // The township assigns it, with the default deadline.
        await using var township = await app.SignInAsync("tuqiao");
        var tp = township.Page;
        await township.GotoAsync($"/problems/{id}");
        var assign = Step(tp, "交办");
        await assign.GetByLabel("责任单位 *").FillAsync("土桥镇医保办");
        await assign.GetByLabel("责任人 *").FillAsync("李明");
        await assign.GetByRole(AriaRole.Button, new() { Name = "交办" }).ClickAsync();
        var tNotice = tp.Locator(".g-alert.g-ok");
        await Expect(tNotice).ToHaveTextAsync("已交办，问题当前为“已交办”");
        await Expect(tp.Locator(".g-facts")).ToContainTextAsync("土桥镇医保办");

        // The village starts and resolves it with evidence and a photo.
        await page.ReloadAsync();
        await Step(page, "开始整改").GetByRole(AriaRole.Button, new() { Name = "开始整改" }).ClickAsync();
        await Expect(notice).ToHaveTextAsync("已开始整改，问题当前为“整改中”");
        var resolve = Step(page, "整改完成");
        await resolve.GetByLabel("整改措施 *").FillAsync("已为户主代缴城乡居民基本医疗保险");
        await resolve.GetByLabel("佐证说明 *").FillAsync("参保凭证号 5001512026000123");
        await resolve.Locator("input[type=file][name=Photos]").SetInputFilesAsync(new FilePayload
        {
            Name = "receipt.jpg", MimeType = "image/jpeg", Buffer = await Images.JpegAsync(page),
        });
        await resolve.GetByRole(AriaRole.Button, new() { Name = "整改完成" }).ClickAsync();
        await Expect(notice).ToHaveTextAsync("已整改完成，问题当前为“已解决”");
        await Expect(page.Locator(".g-photos img")).ToHaveCountAsync(1);
        // Verifying is not the village's step.
        await Expect(page.Locator("form.g-step")).ToHaveCountAsync(0);

        // The township returns it …
        await tp.ReloadAsync();
        var ret = Step(tp, "退回重改");
        await ret.GetByLabel("退回原因 *").FillAsync("照片看不清参保凭证");
        await ret.GetByRole(AriaRole.Button, new() { Name = "退回重改" }).ClickAsync();
        await Expect(tNotice).ToHaveTextAsync("已退回重改，问题当前为“整改中”");

        // … the village resolves it again, keeping the photo …
        await page.ReloadAsync();
        await Expect(page.Locator(".g-alert.g-warn")).ToHaveTextAsync("上次退回原因：照片看不清参保凭证");
        resolve = Step(page, "整改完成");
        await Expect(resolve.Locator("input[name='Input.SavedPhotoIds']")).ToBeCheckedAsync();
        await resolve.GetByLabel("佐证说明 *").FillAsync("参保凭证号 5001512026000123，已补拍清晰照片");
        await resolve.GetByRole(AriaRole.Button, new() { Name = "整改完成" }).ClickAsync();
        await Expect(notice).ToHaveTextAsync("已整改完成，问题当前为“已解决”");

        // … and the township verifies it.
        await tp.ReloadAsync();
        var verify = Step(tp, "核验通过");
        await verify.GetByLabel("备注（可不填）").FillAsync("已电话核实");
        await verify.GetByRole(AriaRole.Button, new() { Name = "核验通过" }).ClickAsync();
        await Expect(tNotice).ToHaveTextAsync("已核验通过，问题当前为“已核验”");
        await Expect(tp.Locator(".g-head .g-badge")).ToHaveTextAsync("已核验");
        await Expect(tp.Locator("aside")).ToContainTextAsync("该问题已核验，动态清零。");

        // 处理过程: every step, by whom, in Beijing time.
        var history = tp.Locator(".g-timeline li");
        await Expect(history).ToHaveCountAsync(7);
        await Expect(history.Last).ToContainTextAsync("已核验");
        Beijing.AssertShows(await history.Last.Locator(".g-when").InnerTextAsync(), Beijing.Now);
        await Artifacts.ScreenshotAsync(tp, "problem-verified.png");
        village.AssertNoPageErrors();
        township.AssertNoPageErrors();
    }

    [SkippableFact]
    public async Task A_risk_lead_is_accepted_and_the_identification_steps_are_recorded_by_the_village_and_the_township()
    {
        await using var village = await app.SignInAsync("village");
        var page = village.Page;
        var h = await RegistryPages.RegisterAsync(village);

        await page.Locator("#monitoring").GetByRole(AriaRole.Link, new() { Name = "登记风险线索" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("登记风险线索");
        await page.GetByLabel("基层干部排查").CheckAsync();
        await page.GetByLabel("风险情况 *").FillAsync("户主3月突发脑梗住院，自付医疗费约4.2万元，家庭主要劳动力无法务工");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记线索" }).ClickAsync();
        await village.ExpectFlashAsync($"已登记 {h.HeadName} 户的风险线索（基层干部排查），待受理核查");

        var lead = page.Locator("table tbody tr").Filter(new() { HasText = "突发脑梗" });
        await lead.GetByRole(AriaRole.Button, new() { Name = "受理" }).ClickAsync();
        await village.ExpectFlashAsync($"已受理线索，{h.HeadName} 户进入监测认定（待入户核查）");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"{h.HeadName} 户 · 防返贫监测");
        var caseUrl = page.Url;

        // 入户核查 (village).
        var visit = Step(page, "入户核查");
        await Expect(visit.GetByLabel("核查日期 *")).ToHaveValueAsync(DateOnly.FromDateTime(Beijing.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await visit.GetByLabel("核查情况 *").FillAsync("核实户主住院，合规自付医疗费3.8万元，家中1人务工收入减少");
        await visit.GetByRole(AriaRole.Button, new() { Name = "登记入户核查" }).ClickAsync();
        await village.ExpectFlashAsync("已登记“入户核查”，当前为“待承诺授权”");

        // 承诺授权 (village): the day the household signed and the scan of the signed pages. A file that is not an image
        // is refused at its field, the form shown again; the scan is then accepted.
        var consent = Step(page, "承诺授权");
        await Expect(consent.GetByLabel("签署日期 *")).ToHaveValueAsync(DateOnly.FromDateTime(Beijing.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await consent.GetByLabel("承诺书和授权书扫描件").SetInputFilesAsync(new FilePayload
        {
            Name = "承诺书.txt", MimeType = "text/plain", Buffer = "户主签字"u8.ToArray(),
        });
        await consent.GetByRole(AriaRole.Button, new() { Name = "登记承诺授权" }).ClickAsync();
        consent = Step(page, "承诺授权");
        await Expect(consent.Locator(".g-err").Last).ToContainTextAsync("只能上传 JPEG 或 PNG");
        await consent.GetByLabel("承诺书和授权书扫描件").SetInputFilesAsync(new FilePayload
        {
            Name = "承诺书.jpg", MimeType = "image/jpeg", Buffer = await Images.JpegAsync(page),
        });
        await consent.GetByRole(AriaRole.Button, new() { Name = "登记承诺授权" }).ClickAsync();
        await village.ExpectFlashAsync("已登记“承诺授权”，当前为“待信息比对”");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "查看承诺书和授权书扫描件" })).ToHaveCountAsync(1);
        // 信息比对 is the township's.
        await Expect(Step(page, "信息比对")).ToHaveCountAsync(0);

        // 信息比对 (township).
        await using var township = await app.SignInAsync("tuqiao");
        var tp = township.Page;
        await tp.GotoAsync(caseUrl);
        var compare = Step(tp, "信息比对");
        await compare.GetByLabel("部门比对结果").FillAsync("比对车辆、房产、工商信息，未发现异常");
        await compare.GetByRole(AriaRole.Button, new() { Name = "登记信息比对" }).ClickAsync();
        await township.ExpectFlashAsync("已登记“信息比对”，当前为“待民主评议”");

        // 民主评议 (village): agreed, proposed kind and risk type. The kind is judged against the latest income, so the
        // village records last year's first (a per-capita 4,800 yuan, within the monitoring range).
        await RegistryPages.RecordIncomeAsync(village, h, 4800);
        await page.GotoAsync(caseUrl);
        var appraisal = Step(page, "民主评议");
        await appraisal.GetByLabel("参加人数 *").FillAsync("15");
        await appraisal.GetByLabel("同意", new() { Exact = true }).CheckAsync();
        await appraisal.GetByLabel("拟认定类型 *").SelectOptionAsync(new SelectOptionValue { Label = "脱贫不稳定户" });
        await appraisal.GetByLabel("因病", new() { Exact = true }).CheckAsync();
        await appraisal.GetByRole(AriaRole.Button, new() { Name = "登记民主评议" }).ClickAsync();
        await village.ExpectFlashAsync("已登记“民主评议”，当前为“村级公示中”");

        // The procedure so far, in order, with who and when (Beijing time).
        var steps = page.Locator(".g-timeline li");
        await Expect(steps).ToHaveCountAsync(4);
        await Expect(steps.Nth(0)).ToContainTextAsync("入户核查");
        await Expect(steps.Nth(1)).ToContainTextAsync("承诺授权");
        await Expect(steps.Nth(2)).ToContainTextAsync("信息比对");
        await Expect(steps.Nth(3)).ToContainTextAsync("民主评议");
        Beijing.AssertShows(await steps.Nth(3).Locator(".g-when").InnerTextAsync(), Beijing.Now);
        await Expect(page.Locator(".g-facts")).ToContainTextAsync("拟认定：脱贫不稳定户");
        await Artifacts.ScreenshotAsync(page, "monitoring-case.png");
        village.AssertNoPageErrors();
        township.AssertNoPageErrors();
    }

    [SkippableFact]
    public async Task The_township_assigns_pending_problems_in_bulk()
    {
        // Two problems of a new household, reported by the village.
        await using var village = await app.SignInAsync("village");
        var h = await RegistryPages.RegisterAsync(village);
        var ids = new[] { (await ReportProblemAsync(village, h)).Id, (await ReportProblemAsync(village, h)).Id };

        await using var township = await app.SignInAsync("tuqiao");
        var page = township.Page;
        // 问题台账 from the household's panel (the ledger of that household), narrowed to 待交办.
        await township.GotoAsync($"/households/{h.Id}");
        await page.Locator("#guarantees").GetByRole(AriaRole.Link, new() { Name = "问题记录" }).ClickAsync();
        await page.GetByLabel("状态").SelectOptionAsync(new SelectOptionValue { Label = "待交办" });
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        foreach (var id in ids) await page.GetByLabel($"选择问题 {id}").CheckAsync();
        await Expect(page.Locator("#g-count")).ToHaveTextAsync("2");
        var bulk = page.Locator("#g-bulk");
        await bulk.GetByLabel("责任单位").FillAsync("土桥镇民政办");
        await bulk.GetByLabel("责任人").FillAsync("王芳");
        await bulk.GetByRole(AriaRole.Button, new() { Name = "交办所选问题" }).ClickAsync();
        await Expect(page.Locator(".g-alert.g-ok")).ToHaveTextAsync("已交办 2 个");
        foreach (var id in ids)
        {
            await township.GotoAsync($"/problems/{id}");
            await Expect(page.Locator(".g-head .g-badge")).ToHaveTextAsync("已交办");
            await Expect(page.Locator(".g-facts")).ToContainTextAsync("土桥镇民政办");
        }
        township.AssertNoPageErrors();
    }

    [SkippableFact]
    public async Task The_county_writes_the_plan_and_records_and_completes_a_measure_for_a_monitored_household()
    {
        // A monitored household of the demo county (the demo monitors 25 households, none of them in 土桥镇).
        await using var county = await app.SignInAsync("tl_admin");
        var page = county.Page;
        await county.GotoAsync("/households?status=Monitored");
        await page.Locator("#results tbody tr a[href^='/households/']").First.ClickAsync();
        await page.Locator("#monitoring").GetByRole(AriaRole.Link, new() { Name = "详情" }).First.ClickAsync();
        await Expect(page.Locator(".g-head .g-badge")).ToHaveTextAsync("监测帮扶中");

        var plan = page.Locator("form[action*='handler=Plan']");
        await plan.GetByLabel("一对一监测责任人").FillAsync("李建国");
        await plan.GetByLabel("帮扶计划").FillAsync("落实医疗救助，安排公益性岗位，年底前收入稳定在监测范围以上");
        await plan.GetByRole(AriaRole.Button, new() { Name = "保存帮扶计划" }).ClickAsync();
        await county.ExpectFlashAsync("已保存帮扶计划");
        await Expect(page.Locator(".g-facts")).ToContainTextAsync("李建国");

        var description = $"安排村保洁公益性岗位，每月800元 {Guid.NewGuid():N}"[..40];
        var form = page.Locator("#measure-form");
        await form.GetByLabel("措施类别 *").SelectOptionAsync(new SelectOptionValue { Label = "就业帮扶" });
        await form.GetByLabel("状态 *").SelectOptionAsync(new SelectOptionValue { Label = "实施中" });
        await form.GetByLabel("措施内容 *").FillAsync(description);
        await form.GetByLabel("金额（元）").FillAsync("9600");
        await form.GetByRole(AriaRole.Button, new() { Name = "登记措施" }).ClickAsync();
        await county.ExpectFlashAsync("已登记帮扶措施");
        var row = page.Locator("table.g-table tbody tr").Filter(new() { HasText = description });
        await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("9,600.00元");
        await Expect(row.Locator("td").Nth(5)).ToHaveTextAsync("实施中");
        Beijing.AssertShows(await row.Locator("td").Nth(7).InnerTextAsync(), Beijing.Now);

        await row.GetByRole(AriaRole.Link, new() { Name = "修改" }).ClickAsync();
        form = page.Locator("#measure-form");
        await form.GetByLabel("状态 *").SelectOptionAsync(new SelectOptionValue { Label = "已落实" });
        await form.GetByLabel("佐证（已落实的必填）").FillAsync("公益性岗位聘用协议 2026-015 号");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存修改" }).ClickAsync();
        await county.ExpectFlashAsync("已修改帮扶措施");
        await Expect(row.Locator("td").Nth(5)).ToHaveTextAsync("已落实");
        await Expect(row.Locator("td").Nth(6)).ToHaveTextAsync("公益性岗位聘用协议 2026-015 号");
        county.AssertNoPageErrors();
    }

    [SkippableTheory]
    [InlineData("两不愁三保障", "重新研判", "开始研判")]
    [InlineData("防返贫监测", "监测预警", "开始筛查")]
    public async Task The_township_runs_a_sweep_of_one_village_and_follows_it_to_the_end(string menu, string item, string start)
    {
        await using var township = await app.SignInAsync("tuqiao");
        var page = township.Page;
        await township.MenuAsync(menu, item);
        await RegionPicker.ChooseAsync(page, 0, firstVillage: false);
        var village = await page.Locator("[data-region-picker] select[data-rp-level]").First.Locator("option:checked").InnerTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = start }).ClickAsync();

        await Expect(page.Locator("#g-job h2")).ToContainTextAsync($"：{village}");
        await Expect(page.Locator("#g-status")).ToHaveTextAsync("已完成", new() { Timeout = 60_000 });
        await Expect(page.Locator("#g-count")).ToHaveTextAsync(new Regex(@"^(\d+) / \1 户（100%）$"));
        await Expect(page.Locator("#g-problems")).ToBeVisibleAsync();
        // 最近的任务: this one, by this user, started now (Beijing time).
        await page.ReloadAsync();
        var recent = page.Locator("table.g-table tbody tr").First;
        await Expect(recent.Locator("td").Nth(2)).ToHaveTextAsync("已完成");
        await Expect(recent.Locator("td").Nth(5)).ToHaveTextAsync("tuqiao");
        Beijing.AssertShows(await recent.Locator("td").Nth(6).InnerTextAsync(), Beijing.Now);
        township.AssertNoPageErrors();
    }

    /// <summary>
    /// On a slow phone the page shows its selects before its script has run: a village chosen then is the one the
    /// sweep runs on, not the whole township.
    /// </summary>
    [SkippableFact]
    public async Task A_village_chosen_before_the_page_script_has_run_is_the_one_the_sweep_runs_on()
    {
        await using var township = await app.SignInAsync("tuqiao");
        var page = township.Page;
        var held = new TaskCompletionSource();
        await page.RouteAsync("**/js/site.js*", async route =>
        {
            await held.Task;
            await route.ContinueAsync();
        });
        await page.GotoAsync(township.Url + "/guarantees/sweep", new() { WaitUntil = WaitUntilState.Commit });
        var first = page.Locator("[data-region-picker] select[data-rp-level]").First;
        var chosen = (await first.SelectOptionAsync(new SelectOptionValue { Index = 1 })).Single();
        var village = await first.Locator("option:checked").InnerTextAsync();
        Assert.Equal("", await page.Locator("[data-rp-value]").InputValueAsync());
        held.SetResult();

        await Expect(page.Locator("[data-rp-value]")).ToHaveValueAsync(chosen);
        await page.GetByRole(AriaRole.Button, new() { Name = "开始研判" }).ClickAsync();
        await Expect(page.Locator("#g-job h2")).ToContainTextAsync($"：{village}");
        await Expect(page.Locator("#g-status")).ToHaveTextAsync("已完成", new() { Timeout = 60_000 });
        township.AssertNoPageErrors();
    }
}
