using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// 户退出 search on the page: the village officer types a household head's name, then a 户编号, into the filter form's
/// 户主姓名或户编号 box; the list keeps only the matching households (the number finds exactly one) and the box keeps
/// what was typed; a name that matches nobody says so.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ExitSearchBrowserTests(BrowserApp app)
{
    [SkippableFact]
    public async Task The_village_finds_a_household_in_the_exit_list_by_head_name_and_by_number()
    {
        await using var village = await app.SignInAsync("village");
        var page = village.Page;
        await village.GotoAsync("/exit");
        await Expect(page.Locator("h1")).ToHaveTextAsync("退出评估");
        var rows = page.Locator("#x-households tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        var last = rows.Last;
        var number = (await last.Locator("td").Nth(0).InnerTextAsync()).Trim();
        var head = (await last.Locator("td").Nth(1).InnerTextAsync()).Trim();

        var box = page.GetByLabel("户主姓名或户编号");
        await box.FillAsync(head);
        await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        await Expect(box).ToHaveValueAsync(head);
        await Expect(rows.Filter(new() { HasText = number })).ToHaveCountAsync(1);
        foreach (var name in await rows.Locator("td:nth-child(2)").AllInnerTextsAsync())
            Assert.Contains(head, name, StringComparison.Ordinal);

        await box.FillAsync(number);
        await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First.Locator("td").Nth(1)).ToHaveTextAsync(head);

        await box.FillAsync("查无此人户主");
        await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(0);
        await Expect(page.Locator(".g-empty")).ToHaveTextAsync("没有户主姓名或户编号含“查无此人户主”的户，请检查输入。");
        village.AssertNoPageErrors();
    }
}
