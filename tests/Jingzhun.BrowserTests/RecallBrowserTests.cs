using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// 调整召回 on the pages: the village registers a cadre and pairs a household with them; the township recalls the cadre on
/// the cadre's page with a reason, and the household is 未结对 on its page and in the 未结对农户 list.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RecallBrowserTests(BrowserApp app)
{
    [SkippableFact]
    public async Task The_township_recalls_a_cadre_with_a_reason_and_the_household_is_unpaired()
    {
        await using var village = await app.SignInAsync("village");
        var page = village.Page;
        var h = await RegistryPages.RegisterAsync(village);
        var code = h.Number[..12];
        var name = Names.New() + Names.New()[1..];

        await village.GotoAsync("/fieldwork/cadres/edit");
        await page.GetByLabel("姓名 *").FillAsync(name);
        await page.GetByLabel("派出单位 *").FillAsync("村民委员会");
        // A village officer's cadre serves in the officer's own village (shown, not chosen).
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await village.ExpectFlashAsync($"已保存帮扶干部 {name}");

        await village.GotoAsync($"/fieldwork/pairing?region={code}&onlyUnpaired=true");
        await page.GetByLabel($"选择 {h.HeadName}").CheckAsync();
        await Picker.ChooseAsync(page.Locator("main"), "帮扶干部 *", name);
        await page.GetByRole(AriaRole.Button, new() { Name = "结对所选农户" }).ClickAsync();
        await Expect(page.Locator(".g-alert[role=status]")).ToHaveTextAsync("已结对 1 户（其中轮换 0 户），0 户原已与该干部结对");
        village.AssertNoPageErrors();

        await using var township = await app.SignInAsync("tuqiao");
        var tp = township.Page;
        await township.GotoAsync($"/fieldwork/cadres?q={Uri.EscapeDataString(name)}");
        await tp.Locator("table.g-table tbody tr", new() { HasText = name }).GetByRole(AriaRole.Link, new() { Name = "修改" }).ClickAsync();
        var form = tp.Locator("#recall-form");
        await Expect(tp.Locator("h2", new() { HasText = "调整召回" })).ToBeVisibleAsync();
        // No reason: the form answers at the field, in Chinese (the browser's own check is bypassed as a hurried user's would be).
        await form.Locator("select[name=RecallReason]").EvaluateAsync("s => s.removeAttribute('required')");
        await form.GetByRole(AriaRole.Button, new() { Name = "调整召回" }).ClickAsync();
        await Expect(tp.Locator("#recall-form .g-err").First).ToHaveTextAsync("请选择召回原因");
        await tp.Locator("#recall-form").GetByLabel("召回原因 *").SelectOptionAsync(new SelectOptionValue { Label = "能力不强" });
        await tp.Locator("#recall-form").GetByLabel("说明").FillAsync("不熟悉防返贫监测政策");
        await tp.Locator("#recall-form").GetByRole(AriaRole.Button, new() { Name = "调整召回" }).ClickAsync();
        await township.ExpectFlashAsync($"已调整召回帮扶干部 {name}，其 1 户结对户转为未结对，请尽快结对新的帮扶干部");
        await Expect(tp.Locator("table.g-table tbody tr", new() { HasText = name }).Locator(".g-badge")).ToHaveTextAsync("已召回");

        await township.GotoAsync($"/households/{h.Id}");
        await Expect(tp.Locator("#visits")).ToContainTextAsync("结对帮扶干部：未结对");
        await Expect(tp.Locator("#visits")).ToContainTextAsync($"曾结对 1 人：{name}（");
        await township.GotoAsync($"/fieldwork/unpaired?region={code}");
        await Expect(tp.Locator("table tbody tr", new() { HasText = h.HeadName })).ToHaveCountAsync(1);
        township.AssertNoPageErrors();
    }
}
