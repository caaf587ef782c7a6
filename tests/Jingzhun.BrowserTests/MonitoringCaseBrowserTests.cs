using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// 防返贫监测 identification through every step on the case page, each by the person whose work it is: the village
/// records the lead (found some days ago on a visit), 入户核查, 承诺授权 (the signed scan through the file input) and
/// 民主评议; the township compares, and its 包村 officer records the 村级公示 that ended before today; that officer is
/// refused the 乡镇审核 of their own proposal (职责分离), which another township officer records; the county decides.
/// The steps are dated on their forms, so the publicity lies in the past without moving any clock.
/// </summary>
public sealed partial class WorkflowBrowserTests
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task A_monitoring_case_goes_through_every_step_with_separate_proposers_and_approvers_and_ends_monitored()
    {
        await using var village = await app.SignInAsync("village");
        var page = village.Page;
        var h = await RegistryPages.RegisterAsync(village);
        // Last year's per-capita 4,800 yuan: within the monitoring range, so 脱贫不稳定户 is a kind the county can decide.
        await RegistryPages.RecordIncomeAsync(village, h, 4800);

        await village.GotoAsync($"/households/{h.Id}");
        await page.Locator("#monitoring").GetByRole(AriaRole.Link, new() { Name = "登记风险线索" }).ClickAsync();
        var today = DateOnly.FromDateTime(Beijing.Now);
        await Expect(page.GetByLabel("发现日期 *")).ToHaveValueAsync(Day(today));
        await Expect(page.GetByLabel("发现日期 *")).ToHaveAttributeAsync("max", Day(today));
        await page.GetByLabel("基层干部排查").CheckAsync();
        await page.GetByLabel("风险情况 *").FillAsync("入户走访发现户主腰椎手术，自付医疗费约3.5万元，半年不能务工");
        // A day beyond the 认定期限 is refused at its field, the form shown again as typed.
        await page.GetByLabel("发现日期 *").FillAsync(Day(today.AddDays(-60)));
        await page.GetByRole(AriaRole.Button, new() { Name = "登记线索" }).ClickAsync();
        await Expect(page.Locator("label", new() { HasText = "发现日期" }).Locator(".g-err")).ToContainTextAsync("发现日期不能早于");
        await Expect(page.GetByLabel("风险情况 *")).ToHaveValueAsync("入户走访发现户主腰椎手术，自付医疗费约3.5万元，半年不能务工");
        // Nine days ago: room for the visit, the 民主评议 the day after and a publicity of up to 8 days that has ended.
        var found = today.AddDays(-9);
        await page.GetByLabel("发现日期 *").FillAsync(Day(found));
        await page.GetByRole(AriaRole.Button, new() { Name = "登记线索" }).ClickAsync();
        await village.ExpectFlashAsync($"已登记 {h.HeadName} 户的风险线索（基层干部排查），待受理核查");
        await page.Locator("table tbody tr").Filter(new() { HasText = "腰椎手术" }).GetByRole(AriaRole.Button, new() { Name = "受理" }).ClickAsync();
        await village.ExpectFlashAsync($"已受理线索，{h.HeadName} 户进入监测认定（待入户核查）");
        var caseUrl = page.Url;
        // The 15-day clock counts from the day the risk was found.
        await Expect(page.Locator(".g-facts")).ToContainTextAsync($"首条线索{Day(found)} 00:00");

        // 入户核查 and 承诺授权 (village), on the day it was found; a visit dated before the lead is refused.
        var visit = Step(page, "入户核查");
        await visit.GetByLabel("核查日期 *").FillAsync(Day(found.AddDays(-1)));
        await visit.GetByLabel("核查情况 *").FillAsync("核实户主手术住院，合规自付医疗费3.1万元，务工收入中断");
        await visit.GetByRole(AriaRole.Button, new() { Name = "登记入户核查" }).ClickAsync();
        await Expect(Step(page, "入户核查").Locator(".g-err").First).ToContainTextAsync($"核查日期不能早于风险线索提出日期（{Day(found)}）");
        visit = Step(page, "入户核查");
        await visit.GetByLabel("核查日期 *").FillAsync(Day(found));
        await visit.GetByRole(AriaRole.Button, new() { Name = "登记入户核查" }).ClickAsync();
        await village.ExpectFlashAsync("已登记“入户核查”，当前为“待承诺授权”");
        var consent = Step(page, "承诺授权");
        await consent.GetByLabel("签署日期 *").FillAsync(Day(found));
        await consent.GetByLabel("承诺书和授权书扫描件").SetInputFilesAsync(new FilePayload
        {
            Name = "承诺书和授权书.jpg", MimeType = "image/jpeg", Buffer = await Images.JpegAsync(page),
        });
        await consent.GetByRole(AriaRole.Button, new() { Name = "登记承诺授权" }).ClickAsync();
        await village.ExpectFlashAsync("已登记“承诺授权”，当前为“待信息比对”");

        // 信息比对 (township).
        await using var township = await app.SignInAsync("tuqiao");
        var tp = township.Page;
        await tp.GotoAsync(caseUrl);
        var compare = Step(tp, "信息比对");
        await compare.GetByLabel("部门比对结果").FillAsync("比对车辆、房产、工商、财政供养信息，均无异常");
        await compare.GetByRole(AriaRole.Button, new() { Name = "登记信息比对" }).ClickAsync();
        await township.ExpectFlashAsync("已登记“信息比对”，当前为“待民主评议”");

        // 民主评议 (village), the day after.
        await page.GotoAsync(caseUrl);
        var appraisal = Step(page, "民主评议");
        await appraisal.GetByLabel("评议日期 *").FillAsync(Day(found.AddDays(1)));
        await appraisal.GetByLabel("参加人数 *").FillAsync("17");
        await appraisal.GetByLabel("同意", new() { Exact = true }).CheckAsync();
        await appraisal.GetByLabel("拟认定类型 *").SelectOptionAsync(new SelectOptionValue { Label = "脱贫不稳定户" });
        await appraisal.GetByLabel("因病", new() { Exact = true }).CheckAsync();
        await appraisal.GetByRole(AriaRole.Button, new() { Name = "登记民主评议" }).ClickAsync();
        await village.ExpectFlashAsync("已登记“民主评议”，当前为“村级公示中”");

        // 村级公示, recorded by the township's 包村 officer once it ended: from the day of the 民主评议, for the policy's
        // days. One day short is refused at its field; the full period is accepted.
        await tp.GotoAsync(caseUrl);
        var publicity = Step(tp, "村级公示");
        var days = int.Parse(Regex.Match(await publicity.Locator(".m-hint").First.InnerTextAsync(), @"不少于 (\d+) 天").Groups[1].Value, CultureInfo.InvariantCulture);
        var start = found.AddDays(1);
        Assert.True(start.AddDays(days - 1) < today, $"a {days}-day publicity from {start} has not ended");
        await publicity.GetByLabel("公示开始 *").FillAsync(Day(start));
        await publicity.GetByLabel("公示结束 *").FillAsync(Day(start.AddDays(days - 2)));
        await publicity.GetByRole(AriaRole.Button, new() { Name = "登记村级公示" }).ClickAsync();
        publicity = Step(tp, "村级公示");
        await Expect(publicity.Locator(".g-err").Nth(1)).ToHaveTextAsync($"村级公示不少于{days}天，本次仅{days - 1}天");
        await publicity.GetByLabel("公示结束 *").FillAsync(Day(start.AddDays(days - 1)));
        await publicity.GetByRole(AriaRole.Button, new() { Name = "登记村级公示" }).ClickAsync();
        await township.ExpectFlashAsync("已登记“村级公示”，当前为“待乡镇审核”");

        // 职责分离: the officer who recorded the publicity is not offered the 乡镇审核 of it, and the page says why.
        await Expect(Step(tp, "乡镇审核")).ToHaveCountAsync(0);
        await Expect(tp.Locator("aside .g-alert.g-warn")).ToHaveTextAsync(
            "提出与审核须由不同的人办理：您参与了该户本轮的提出环节，不能再登记“乡镇审核”，请由上一级其他人员办理");

        // Another township officer (new, created by the county on 用户管理) reviews it.
        await using var county = await app.SignInAsync("tl_admin");
        var reviewer = await UserPages.CreateAsync(county, "乡镇干部", firstVillage: false); // the whole township, as its officers are
        await using var second = await app.SignInAsync(reviewer.UserName, reviewer.Password);
        var sp = second.Page;
        await sp.GotoAsync(caseUrl);
        await Expect(sp.Locator("aside .g-alert.g-warn")).ToHaveCountAsync(0);
        var review = Step(sp, "乡镇审核");
        await review.GetByLabel("同意", new() { Exact = true }).CheckAsync();
        await review.GetByLabel("意见说明 *").FillAsync("程序规范，材料齐全，同意上报县级审定");
        await review.GetByRole(AriaRole.Button, new() { Name = "登记乡镇审核" }).ClickAsync();
        await second.ExpectFlashAsync("已登记“乡镇审核”，当前为“待县级审定”");
        // The county decides; a township officer has no step left.
        await Expect(sp.Locator("form.g-step")).ToHaveCountAsync(0);

        var cp = county.Page;
        await cp.GotoAsync(caseUrl);
        var decision = Step(cp, "县级审定");
        await decision.GetByLabel("纳入监测").CheckAsync();
        await Expect(decision.GetByLabel("监测对象类型 *").Locator("option:checked")).ToHaveTextAsync("脱贫不稳定户（民主评议拟认定）");
        await decision.GetByRole(AriaRole.Button, new() { Name = "登记县级审定" }).ClickAsync();
        await county.ExpectFlashAsync("已登记“县级审定”，当前为“监测帮扶中”");
        await Expect(cp.Locator(".g-head .g-badge")).ToHaveTextAsync("监测帮扶中");
        await Expect(cp.Locator(".g-facts")).ToContainTextAsync($"纳入监测{Day(today)}");

        // The history: every step in Chinese, in order, by whom, in Beijing time.
        var steps = cp.Locator(".g-timeline li");
        string[] names = ["入户核查", "承诺授权", "信息比对", "民主评议", "村级公示", "乡镇审核", "县级审定"];
        string[] by = ["village", "village", "tuqiao", "village", "tuqiao", reviewer.UserName, "tl_admin"];
        await Expect(steps).ToHaveCountAsync(names.Length);
        for (var i = 0; i < names.Length; i++)
        {
            await Expect(steps.Nth(i).Locator("strong")).ToHaveTextAsync(names[i]);
            await Expect(steps.Nth(i).Locator(".g-when")).ToContainTextAsync(by[i]);
            Beijing.AssertShows(await steps.Nth(i).Locator(".g-when").InnerTextAsync(), Beijing.Now);
        }
        await Expect(steps.Nth(4)).ToContainTextAsync($"{Day(start)}");
        await Expect(steps.Last).ToContainTextAsync("监测帮扶中");
        await Artifacts.ScreenshotAsync(cp, "monitoring-case-decided.png");
        // The household is now a 监测户.
        await county.GotoAsync($"/households/{h.Id}");
        await Expect(cp.Locator("h1")).ToContainTextAsync(h.HeadName);
        await Expect(cp.Locator("main")).ToContainTextAsync("监测户");
        village.AssertNoPageErrors();
        township.AssertNoPageErrors();
        second.AssertNoPageErrors();
        county.AssertNoPageErrors();
    }
}
