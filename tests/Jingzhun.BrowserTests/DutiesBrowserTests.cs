using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// 职责分离 and problems that stay fixed, on the real pages: the township officer (who holds both duties) works a
/// rule-found problem to 已解决 but is not offered its verification; the county administrator verifies it; a 重新研判
/// of the village afterwards finds no new problem for the same fact.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DutiesBrowserTests(BrowserApp app)
{
    private static ILocator Step(IPage page, string heading) => WorkflowBrowserTests.Step(page, heading);

    [SkippableFact]
    public async Task A_rule_problem_resolved_by_one_person_is_verified_by_another_and_does_not_come_back_at_the_next_sweep()
    {
        // The village records that the house is dangerous (D级): the rules open a 住房安全 problem.
        await using var village = await app.SignInAsync("village");
        var vp = village.Page;
        var h = await RegistryPages.RegisterAsync(village);
        await vp.GetByRole(AriaRole.Link, new() { Name = "编辑户信息" }).ClickAsync();
        await vp.GetByLabel("住房安全等级", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "D级（整栋危险）" });
        await vp.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await village.ExpectFlashAsync("户信息已保存");
        // (A household registered with few facts may fail other dimensions too: only 住房安全 is followed.)
        var housing = vp.Locator("#guarantees .g-dim").Filter(new() { Has = vp.Locator("h4", new() { HasText = "住房安全" }) });
        var link = housing.Locator("a", new() { HasTextRegex = new Regex(@"^问题 \d+（待交办）") });
        await Expect(link).ToHaveCountAsync(1);
        var id = Regex.Match(await link.InnerTextAsync(), @"\d+").Value;

        // The township officer assigns, starts and resolves it.
        await using var township = await app.SignInAsync("tuqiao");
        var tp = township.Page;
        await township.GotoAsync($"/problems/{id}");
        await Expect(tp.Locator("h1")).ToHaveTextAsync($"问题 {id}：{h.HeadName} 户 · 住房安全");
        var assign = Step(tp, "交办");
        await assign.GetByLabel("责任单位 *").FillAsync("土桥镇住建办");
        await assign.GetByLabel("责任人 *").FillAsync("张建");
        await assign.GetByRole(AriaRole.Button, new() { Name = "交办" }).ClickAsync();
        var notice = tp.Locator(".g-alert.g-ok");
        await Expect(notice).ToHaveTextAsync("已交办，问题当前为“已交办”");
        await Step(tp, "开始整改").GetByRole(AriaRole.Button, new() { Name = "开始整改" }).ClickAsync();
        await Expect(notice).ToHaveTextAsync("已开始整改，问题当前为“整改中”");
        var resolve = Step(tp, "整改完成");
        await resolve.GetByLabel("整改措施 *").FillAsync("危房改造：已拆除重建");
        await resolve.GetByLabel("佐证说明 *").FillAsync("危房改造验收单 2026-031 号");
        await resolve.GetByRole(AriaRole.Button, new() { Name = "整改完成" }).ClickAsync();
        await Expect(notice).ToHaveTextAsync("已整改完成，问题当前为“已解决”");
        // Verifying or returning their own work is not offered, and the page says why.
        await Expect(tp.Locator("form.g-step")).ToHaveCountAsync(0);
        await Expect(tp.Locator("aside .g-alert.g-warn")).ToContainTextAsync("整改与核验须由不同的人办理");

        // The county administrator verifies it.
        await using var county = await app.SignInAsync("tl_admin");
        var cp = county.Page;
        await county.GotoAsync($"/problems/{id}");
        await Expect(Step(cp, "退回重改")).ToHaveCountAsync(1);
        await Step(cp, "核验通过").GetByRole(AriaRole.Button, new() { Name = "核验通过" }).ClickAsync();
        await Expect(cp.Locator(".g-alert.g-ok")).ToHaveTextAsync("已核验通过，问题当前为“已核验”");

        // 重新研判 of the village: the verified fact is not a new problem.
        await township.MenuAsync("两不愁三保障", "重新研判");
        await RegionPicker.ChooseCodeAsync(tp, h.Number[..12]);   // the household's village (the village account's)
        await tp.GetByRole(AriaRole.Button, new() { Name = "开始研判" }).ClickAsync();
        await Expect(tp.Locator("#g-status")).ToHaveTextAsync("已完成", new() { Timeout = 60_000 });
        await village.GotoAsync($"/problems?householdId={h.Id}&dimension=Housing");
        await Expect(vp.Locator("table.g-table tbody tr")).ToHaveCountAsync(1);
        await Expect(vp.Locator("table.g-table tbody tr").First).ToContainTextAsync("已核验");
        await village.GotoAsync($"/households/{h.Id}");
        await Expect(housing.Locator("h4")).ToBeVisibleAsync();
        await Expect(housing.Locator("a", new() { HasTextRegex = new Regex(@"^问题 \d+（") })).ToHaveCountAsync(0);
        village.AssertNoPageErrors();
        township.AssertNoPageErrors();
        county.AssertNoPageErrors();
    }
}
