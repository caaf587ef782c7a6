using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// 回头看 抽样核查 on the real pages (issue 16): the township's data staff make a campaign with the sample-size calculator
/// (formula and numbers shown), draw it with a typed seed; the village officer records the questionnaire of a household of
/// their village; the township sees the estimate against the limit and opens the A4 survey forms.
/// </summary>
public sealed partial class WorkflowBrowserTests
{
    [SkippableFact]
    public async Task A_township_runs_a_sampling_check_and_the_village_records_a_questionnaire()
    {
        var name = "土桥镇回头看" + Random.Shared.Next(10000, 99999);
        await using (var township = await app.SignInAsync("tuqiao"))
        {
            var p = township.Page;
            await township.MenuAsync("统计评估", "回头看抽样核查");
            await Expect(p.Locator("h1")).ToHaveTextAsync("回头看抽样核查");
            await p.GetByRole(AriaRole.Link, new() { Name = "新建抽样核查" }).ClickAsync();
            await p.GetByLabel("名称 *").FillAsync(name);
            await p.GetByLabel("核查目的 *").SelectOptionAsync(new SelectOptionValue { Label = "群众认可度" });
            await p.GetByLabel("抽样框 *").SelectOptionAsync(new SelectOptionValue { Label = "脱贫户和监测户" });
            await p.GetByLabel("抽样设计 *").SelectOptionAsync(new SelectOptionValue { Label = "按村分层抽样" });
            await p.GetByLabel("目标误差 e *").FillAsync("0.5");
            await p.GetByRole(AriaRole.Button, new() { Name = "测算样本量" }).ClickAsync();
            await Expect(p.Locator(".g-err", new() { HasText = "目标误差应在" })).ToHaveCountAsync(1);
            await p.GetByLabel("目标误差 e *").FillAsync("0.1");
            await p.GetByRole(AriaRole.Button, new() { Name = "测算样本量" }).ClickAsync();
            // n0 = 1.96² × 0.5 × 0.5 ÷ 0.1² = 96.04, then the finite population correction.
            await Expect(p.Locator("#size")).ToContainTextAsync("= 96.04");
            await Expect(p.Locator("#size")).ToContainTextAsync("有限总体校正");
            var size = int.Parse(await p.Locator("#sample-size").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(size, 1, 97);
            await Expect(p.GetByLabel("名称 *")).ToHaveValueAsync(name);
            await p.GetByLabel("随机种子").FillAsync("20260116");
            await p.GetByRole(AriaRole.Button, new() { Name = "新建抽样核查" }).ClickAsync();
            await Expect(township.Flash).ToContainTextAsync($"已新建抽样核查 {name}");
            await Expect(p.Locator("#seed")).ToHaveTextAsync("20260116");
            await Expect(p.Locator("#drawn")).ToHaveTextAsync("未抽样");
            await p.GetByRole(AriaRole.Button, new() { Name = "按种子抽样" }).ClickAsync();
            await Expect(township.Flash).ToContainTextAsync("已抽样");
            await Expect(p.Locator("#drawn")).ToContainTextAsync("已抽样");
            await Expect(p.Locator("#sample tbody tr").First).ToBeVisibleAsync();
            township.AssertNoPageErrors();
        }

        string household;
        await using (var village = await app.SignInAsync("village"))
        {
            var p = village.Page;
            await village.MenuAsync("统计评估", "回头看抽样核查");
            var row = p.Locator("#my-sampled tbody tr", new() { HasText = name }).First;
            household = (await row.Locator("td").Nth(1).InnerTextAsync()).Trim();
            await row.GetByRole(AriaRole.Link, new() { Name = "录入问卷" }).ClickAsync();
            await Expect(p.Locator("h1")).ToHaveTextAsync("入户核查问卷");
            await p.GetByLabel("人均纯收入（元，核实值）").FillAsync("15800");
            foreach (var item in new[] { "吃穿", "义务教育", "基本医疗", "住房安全", "饮水安全" })
                await p.GetByRole(AriaRole.Radiogroup, new() { Name = item }).GetByLabel("有保障").CheckAsync();
            await p.GetByRole(AriaRole.Radiogroup, new() { Name = "得到帮扶" }).GetByLabel("是").CheckAsync();
            await p.GetByLabel("帮扶情况说明").FillAsync("产业帮扶、技能培训");
            await p.GetByRole(AriaRole.Radiogroup, new() { Name = "应纳入" }).GetByLabel("否").CheckAsync();
            // No satisfaction chosen: refused at the field, what was typed stays.
            await p.GetByRole(AriaRole.Button, new() { Name = "保存问卷" }).ClickAsync();
            await Expect(p.Locator(".g-err", new() { HasText = "满意度应为1至5分" })).ToHaveCountAsync(1);
            await Expect(p.GetByLabel("人均纯收入（元，核实值）")).ToHaveValueAsync("15800");
            await p.GetByRole(AriaRole.Radiogroup, new() { Name = "满意度" }).GetByLabel("5", new() { Exact = true }).CheckAsync();
            await p.GetByRole(AriaRole.Button, new() { Name = "保存问卷" }).ClickAsync();
            await Expect(village.Flash).ToContainTextAsync("的问卷");
            await Expect(p.Locator("#status")).ToHaveTextAsync("已核查");
            village.AssertNoPageErrors();
        }

        await using var again = await app.SignInAsync("tuqiao");
        var tp = again.Page;
        await again.MenuAsync("统计评估", "回头看抽样核查");
        await tp.Locator("#campaigns").GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        var recognition = tp.Locator("#estimates tr[data-rate='群众认可度']");
        await Expect(recognition).ToContainTextAsync("100.00%");
        await Expect(recognition).ToContainTextAsync("≥ 90%");
        await Expect(tp.Locator($"#sample tr[data-household='{household}']")).ToContainTextAsync("已核查");
        await tp.GetByRole(AriaRole.Link, new() { Name = "打印入户核查问卷（A4）" }).ClickAsync();
        await Expect(tp).ToHaveURLAsync(new Regex(@"/sampling/\d+/print$"));
        await Expect(tp.Locator($".sheet[data-household='{household}']")).ToContainTextAsync("☑ 5");
        await Expect(tp.Locator(".sheet").First.Locator("h1")).ToHaveTextAsync("回头看入户核查问卷");
        again.AssertNoPageErrors();
    
    }

    [SkippableFact]
    public async Task The_demo_county_has_a_finished_sampling_check_with_its_estimates()
    {
        await using var county = await app.SignInAsync("tl_admin");
        var p = county.Page;
        await county.MenuAsync("统计评估", "回头看抽样核查");
        var demo = p.Locator("#campaigns tbody tr", new() { HasText = "铜梁区脱贫户和监测户回头看" });
        await Expect(demo).ToContainTextAsync("已抽样");
        await demo.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(p.Locator("#estimates tr[data-rate='错退率']")).ToContainTextAsync("< 2%");
        await Expect(p.Locator("#estimates tr[data-rate='群众认可度']")).ToContainTextAsync("%");
        await Expect(p.Locator("#sample")).ToContainTextAsync("无法联系");
        await p.GetByRole(AriaRole.Link, new() { Name = "带入三率一度测算" }).ClickAsync();
        await Expect(p).ToHaveURLAsync(new Regex(@"/exit\?tab=county"));
        county.AssertNoPageErrors();
    }
}
