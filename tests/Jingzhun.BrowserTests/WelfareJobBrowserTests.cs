using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// 公益性岗位 on the real pages (issue 13): the village officer sets up a position from the 就业与信贷 menu, puts the head of a
/// 脱贫户 of the village on it (household picker, then the member), records three months' wages, and sees the wages as the
/// household's 工资性收入 of that year on its household page, with the payment in the 就业与小额信贷 panel.
/// </summary>
public sealed partial class WorkflowBrowserTests
{
    [SkippableFact]
    public async Task A_village_officer_sets_up_a_welfare_job_assigns_a_holder_and_pays_the_wage_into_the_households_income()
    {
        await using var village = await app.SignInAsync("village");
        var p = village.Page;
        var h = await RegistryPages.RegisterAsync(village);
        var year = DateOnly.FromDateTime(Beijing.Now).Year - 1;
        var start = new DateOnly(year, 1, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var name = "村道保洁" + Guid.NewGuid().ToString("N")[..6];

        await village.MenuAsync("就业与信贷", "公益性岗位");
        await Expect(p.Locator("h1")).ToHaveTextAsync("公益性岗位台账");
        await p.Locator(".g-head").GetByRole(AriaRole.Link, new() { Name = "设立岗位" }).ClickAsync();
        await Expect(p.Locator("h1")).ToHaveTextAsync("设立公益性岗位");
        await p.GetByLabel("岗位类型 *").SelectOptionAsync(new SelectOptionValue { Label = "保洁员" });
        await p.GetByLabel("岗位名称 *").FillAsync(name);
        await p.GetByLabel("月补贴（元） *").FillAsync("800");
        await p.GetByLabel("设岗日期 *").FillAsync(start);
        await p.GetByRole(AriaRole.Button, new() { Name = "设立岗位" }).ClickAsync();
        await village.ExpectFlashAsync($"已设立公益性岗位：保洁员 {name}。请安排在岗人员。");
        await Expect(p.Locator("h1")).ToHaveTextAsync($"公益性岗位 · 保洁员 {name}");
        await Expect(p.Locator("#job-holder")).ToHaveTextAsync("空岗");

        await Picker.ChooseAsync(p.Locator("main"), "在岗人员所在农户（本村脱贫户、监测户） *", h.Number);
        await p.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await p.GetByLabel("在岗人员 *").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await p.GetByLabel("上岗日期 *").FillAsync(start);
        await p.GetByRole(AriaRole.Button, new() { Name = "上岗", Exact = true }).ClickAsync();
        await village.ExpectFlashAsync($"{h.HeadName}已于{start}在“{name}”上岗");
        await Expect(p.Locator("#job-holder")).ToContainTextAsync(h.HeadName);
        await Expect(p.Locator("#job-holder")).ToContainTextAsync(new Regex(@"\d{6}\*+[\dX]"));

        await p.GetByLabel("发放年度 *").FillAsync(year.ToString(CultureInfo.InvariantCulture));
        await p.GetByLabel("起始月份 *").SelectOptionAsync(new SelectOptionValue { Label = "1月" });
        await p.GetByLabel("截止月份 *").SelectOptionAsync(new SelectOptionValue { Label = "3月" });
        await p.GetByRole(AriaRole.Button, new() { Name = "登记发放" }).ClickAsync();
        await village.ExpectFlashAsync($"已登记{year}年1–3月工资 2,400.00 元，已计入该户{year}年公益性岗位收入和工资性收入");
        await Expect(p.Locator("#welfare-payments tbody tr")).ToHaveCountAsync(1);

        // The same months again are refused next to the form, in Chinese.
        await p.GetByLabel("发放年度 *").FillAsync(year.ToString(CultureInfo.InvariantCulture));
        await p.GetByLabel("起始月份 *").SelectOptionAsync(new SelectOptionValue { Label = "2月" });
        await p.GetByLabel("截止月份 *").SelectOptionAsync(new SelectOptionValue { Label = "2月" });
        await p.GetByRole(AriaRole.Button, new() { Name = "登记发放" }).ClickAsync();
        await Expect(p.Locator(".g-err", new() { HasText = "请勿重复发放" })).ToHaveCountAsync(1);
        var jobPage = new Uri(p.Url).AbsolutePath;

        // The household page: the year's 工资性收入 holds the wages; the panel lists the position and the payment.
        await village.GotoAsync($"/households/{h.Id}");
        var income = p.Locator("#income tbody tr", new() { HasText = $"{year} 年" });
        await Expect(income).ToContainTextAsync("2,400.00");
        await Expect(p.Locator("#household-welfare-jobs")).ToContainTextAsync(name);
        await Expect(p.Locator("#household-welfare-payments tbody tr")).ToContainTextAsync("1–3月");

        // 离岗 today: the position is vacant again.
        await village.GotoAsync(jobPage);
        await p.GetByRole(AriaRole.Button, new() { Name = "办理离岗" }).ClickAsync();
        await village.ExpectFlashAsync("已办理离岗，该岗位现为空岗");
        await Expect(p.Locator("#job-holder")).ToContainTextAsync("空岗");
    }
}
