using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// 就业帮扶车间 and 技能培训 on the real pages (issue 13): the village officer registers a 脱贫户, opens 帮扶车间 from the
/// menu, registers a workshop of their village, adds the household's head as a worker (household picker, then the
/// member), sees the worker's 帮扶车间 job as 乡镇内务工 on the household page, records a training there (a certificate
/// without its number refused at the field), and finally registers the worker's 离岗.
/// </summary>
public sealed partial class WorkflowBrowserTests
{
    [SkippableFact]
    public async Task A_village_officer_registers_a_workshop_worker_and_a_training_on_the_pages()
    {
        await using var village = await app.SignInAsync("village");
        var p = village.Page;
        var h = await RegistryPages.RegisterAsync(village);
        var today = DateOnly.FromDateTime(Beijing.Now);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await village.MenuAsync("就业与信贷", "帮扶车间");
        await Expect(p.Locator("h1")).ToHaveTextAsync("帮扶车间");
        await p.GetByRole(AriaRole.Link, new() { Name = "登记帮扶车间" }).ClickAsync();
        await Expect(p.Locator("h1")).ToHaveTextAsync("登记帮扶车间");
        var name = "服装加工帮扶车间" + Random.Shared.Next(1000, 9999);
        await p.GetByLabel("车间名称 *").FillAsync(name);
        await p.GetByLabel("经营主体 *").FillAsync("重庆铜梁锦绣服饰有限公司");
        await p.GetByLabel("所属行业 *").FillAsync("纺织服装");
        await p.GetByLabel("认定日期 *").FillAsync(Day(today.AddDays(1)));
        await p.GetByRole(AriaRole.Button, new() { Name = "登记车间" }).ClickAsync();
        // A recognition in the future is refused at the field; what was typed stays.
        await Expect(p.Locator(".g-err", new() { HasText = "认定日期不能晚于今天" })).ToHaveCountAsync(1);
        await Expect(p.GetByLabel("车间名称 *")).ToHaveValueAsync(name);
        await p.GetByLabel("认定日期 *").FillAsync(Day(today.AddYears(-1)));
        await p.GetByRole(AriaRole.Button, new() { Name = "登记车间" }).ClickAsync();
        await village.ExpectFlashAsync($"已登记帮扶车间 {name}，请登记其务工人员");
        await Expect(p.Locator("h1")).ToHaveTextAsync($"帮扶车间 · {name}");

        await p.GetByRole(AriaRole.Link, new() { Name = "登记务工人员" }).ClickAsync();
        await Expect(p.Locator("h1")).ToHaveTextAsync("登记务工人员");
        await Picker.ChooseAsync(p.Locator("main"), "务工人员所在农户 *", h.Number);
        await p.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await p.GetByLabel("家庭成员 *").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Expect(p.GetByLabel("入职日期 *")).ToHaveValueAsync(Day(today));
        await p.GetByLabel("入职日期 *").FillAsync(Day(today.AddDays(-20)));
        await p.GetByLabel("月工资（元） *").FillAsync("2800");
        await p.GetByRole(AriaRole.Button, new() { Name = "登记务工人员" }).ClickAsync();
        await village.ExpectFlashAsync($"已登记 {h.HeadName} 为 {name} 的务工人员，并登记其务工记录（帮扶车间）");
        var worker = p.Locator("#workers tbody tr", new() { HasText = h.HeadName });
        await Expect(worker).ToContainTextAsync(new Regex(@"\d{6}\*+[\dX]"));
        await Expect(worker).Not.ToContainTextAsync(h.HeadId);
        await Expect(p.Locator("#workshop-workers")).ToContainTextAsync("1 人（其中脱贫人口 1 人");

        // The household page shows the job the workshop recorded: 乡镇内务工 through 帮扶车间.
        await village.GotoAsync($"/households/{h.Id}");
        var job = p.Locator("#employment tbody tr", new() { HasText = name });
        await Expect(job).ToContainTextAsync("乡镇内务工");
        await Expect(job).ToContainTextAsync("帮扶车间");
        await Expect(job).ToContainTextAsync($"{Day(today.AddDays(-20) < new DateOnly(today.Year, 1, 1) ? new DateOnly(today.Year, 1, 1) : today.AddDays(-20))} — 至今");

        await p.Locator("#employment").GetByRole(AriaRole.Link, new() { Name = "登记培训" }).ClickAsync();
        await Expect(p.Locator("h1")).ToHaveTextAsync("登记技能培训");
        var course = "中式烹调师" + Random.Shared.Next(1000, 9999);
        await p.GetByLabel("家庭成员 *").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await p.GetByLabel("课程名称 *").FillAsync(course);
        await p.GetByLabel("培训类型 *").SelectOptionAsync(new SelectOptionValue { Label = "职业技能培训" });
        await p.GetByLabel("培训机构 *").FillAsync("铜梁区职业教育中心");
        await p.GetByLabel("开始日期 *").FillAsync(Day(today.AddDays(-30)));
        await p.GetByLabel("结束日期 *").FillAsync(Day(today.AddDays(-2)));
        await p.GetByLabel("学时").FillAsync("120");
        await p.GetByLabel("证书类型").SelectOptionAsync(new SelectOptionValue { Label = "职业技能等级证书" });
        await p.GetByRole(AriaRole.Button, new() { Name = "登记培训" }).ClickAsync();
        await Expect(p.Locator(".g-err", new() { HasText = "取得证书的，请填写证书编号" })).ToHaveCountAsync(1);
        await Expect(p.GetByLabel("课程名称 *")).ToHaveValueAsync(course);
        await p.GetByLabel("证书编号（取得证书的填写）").FillAsync("S5001512026001");
        await p.GetByRole(AriaRole.Button, new() { Name = "登记培训" }).ClickAsync();
        await village.ExpectFlashAsync($"已登记 {h.HeadName} 的技能培训（{course}）");
        var training = p.Locator("#employment-trainings tbody tr", new() { HasText = course });
        await Expect(training).ToContainTextAsync("职业技能等级证书（S5001512026001）");
        await Expect(training).ToContainTextAsync($"{Day(today.AddDays(-30))} — {Day(today.AddDays(-2))}");

        // The training list shows it with the ID number masked.
        await village.MenuAsync("就业与信贷", "技能培训");
        var listed = p.Locator("#trainings tbody tr", new() { HasText = course });
        await Expect(listed).ToContainTextAsync(new Regex(@"\d{6}\*+[\dX]"));
        await Expect(listed).Not.ToContainTextAsync(h.HeadId);

        // 离岗 on the workshop's page ends the worker and their job.
        await village.MenuAsync("就业与信贷", "帮扶车间");
        await p.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await p.Locator("#workers tbody tr", new() { HasText = h.HeadName }).GetByRole(AriaRole.Button, new() { Name = "登记离岗" }).ClickAsync();
        await village.ExpectFlashAsync($"已登记 {h.HeadName} 于 {Day(today)} 离岗，其务工记录同时结束");
        await Expect(p.Locator("#former-workers tbody tr", new() { HasText = h.HeadName })).ToContainTextAsync(Day(today));
        await village.GotoAsync($"/households/{h.Id}");
        await Expect(p.Locator("#employment tbody tr", new() { HasText = name })).ToContainTextAsync($"— {Day(today)}");
        village.AssertNoPageErrors();
    }
}
