using Microsoft.Playwright;

namespace Jingzhun.BrowserTests;

/// <summary>
/// The household page is a frame: the registry renders its own sections and htmx loads the panels of the modules above
/// it (两不愁三保障, 防返贫监测, 走访记录) from those modules once the page has loaded.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HouseholdPageBrowserTests(BrowserApp app)
{
    [SkippableFact]
    public async Task The_household_page_loads_the_modules_panels_in_place()
    {
        await using var county = await app.SignInAsync("tl_admin");
        var page = county.Page;

        // A monitored household of the demo county has something in every panel.
        await page.GotoAsync(county.Url + "/households?status=Monitored");
        await page.Locator("#results tbody tr a[href^='/households/']").First.ClickAsync();
        await Assertions.Expect(page.Locator("#basic h2")).ToHaveTextAsync("基本信息");

        // Every placeholder is replaced by its module's section, in page order between 生产生活条件 and 家庭成员.
        await Assertions.Expect(page.Locator(".household-panel")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#guarantees h2")).ToHaveTextAsync("两不愁三保障");
        await Assertions.Expect(page.Locator("#guarantees .g-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#monitoring h2")).ToHaveTextAsync("防返贫监测");
        await Assertions.Expect(page.Locator("#monitoring table")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#projects h2")).ToHaveTextAsync("帮扶项目");
        await Assertions.Expect(page.Locator("#visits h2")).ToHaveTextAsync("走访记录");
        var order = await page.Locator("section.card").EvaluateAllAsync<string[]>("s => s.map(x => x.id)");
        Assert.Equal(["basic", "living", "guarantees", "monitoring", "employment", "matching", "projects", "relocation", "consumption", "visits", "members", "income", "history"], order);

        // The panels' buttons work as before: 登记走访 opens the visit form for this household.
        await page.Locator("#visits a", new PageLocatorOptions { HasText = "登记走访" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/fieldwork/visits/new?household=", StringComparison.Ordinal));
        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("#visits h2")).ToHaveTextAsync("走访记录");
        await Artifacts.ScreenshotAsync(page, "household-panels.png");

        county.AssertNoPageErrors();
    }
}
