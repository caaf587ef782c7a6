using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// The household page is a frame: the registry renders its own sections and htmx loads the panels of the modules above
/// it (两不愁三保障, 防返贫监测, 走访记录) from those modules once the page has loaded.
/// </summary>
public sealed class HouseholdPageBrowserTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task The_household_page_loads_the_modules_panels_in_place()
    {
        Skip.IfNot(File.Exists(Artifacts.Chromium), Artifacts.NoChromium);
        await using var app = await RunningApp.StartAsync(output);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Artifacts.LaunchChromiumAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 }, Locale = "zh-CN" });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.SetDefaultTimeout(20_000);

        await page.GotoAsync(app.Url + "/login");
        var login = page.Locator("main form").Filter(new LocatorFilterOptions { Has = page.Locator("input[name=Password]") });
        await login.Locator("input[name=Username]").FillAsync("tl_admin");
        await login.Locator("input[name=Password]").FillAsync("Jingzhun2026");
        await login.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));

        // A monitored household of the demo county has something in every panel.
        await page.GotoAsync(app.Url + "/households?status=Monitored");
        await page.Locator("#results tbody tr a[href^='/households/']").First.ClickAsync();
        await Assertions.Expect(page.Locator("#basic h2")).ToHaveTextAsync("基本信息");

        // Every placeholder is replaced by its module's section, in page order between 生产生活条件 and 家庭成员.
        await Assertions.Expect(page.Locator(".household-panel")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#guarantees h2")).ToHaveTextAsync("两不愁三保障");
        await Assertions.Expect(page.Locator("#guarantees .g-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#monitoring h2")).ToHaveTextAsync("防返贫监测");
        await Assertions.Expect(page.Locator("#monitoring table")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#visits h2")).ToHaveTextAsync("走访记录");
        var order = await page.Locator("section.card").EvaluateAllAsync<string[]>("s => s.map(x => x.id)");
        Assert.Equal(["basic", "living", "guarantees", "monitoring", "visits", "members", "income", "history"], order);

        // The panels' buttons work as before: 登记走访 opens the visit form for this household.
        await page.Locator("#visits a", new PageLocatorOptions { HasText = "登记走访" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/fieldwork/visits/new?household=", StringComparison.Ordinal));
        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("#visits h2")).ToHaveTextAsync("走访记录");
        await Artifacts.ScreenshotAsync(page, "household-panels.png");

        Assert.True(errors.Count == 0, "page errors: " + string.Join("; ", errors));
    }
}
