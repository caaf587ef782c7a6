using Microsoft.Playwright;

namespace Jingzhun.BrowserTests;

/// <summary>
/// The running app (<see cref="BrowserApp"/>) driven by Debian's Chromium: sign in as the county administrator, drill
/// down county → township → village on the dashboard, back up by the breadcrumb, and keep a screenshot as an artefact.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserApp app)
{
    [SkippableFact]
    public async Task The_dashboard_drills_down_twice_and_back_up()
    {
        await using var county = await app.SignInAsync("tl_admin");
        var page = county.Page;

        await page.GotoAsync(county.Url + "/");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("铜梁区 指挥驾驶舱");
        await Assertions.Expect(page.Locator(".d-cards")).ToBeVisibleAsync();
        var countyHouseholds = await page.Locator("[data-figure=households]").InnerTextAsync();
        Assert.NotEqual("0", countyHouseholds);

        // Sorting is client-side: sort by 户数 descending, then drill into the township at the top.
        await page.Locator("table.d-rank th", new PageLocatorOptions { HasText = "户数" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.d-rank th[aria-sort=descending]")).ToHaveTextAsync("户数");
        var township = page.Locator("table.d-rank tbody tr").First.Locator("a.d-drill");
        var townshipName = await township.InnerTextAsync();
        await township.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(townshipName + " 指挥驾驶舱");
        Assert.Contains("region=", page.Url, StringComparison.Ordinal);

        // Second level: a village (sorted by households too, so it has some to show).
        await page.Locator("table.d-rank th", new PageLocatorOptions { HasText = "户数" }).ClickAsync();
        var village = page.Locator("table.d-rank tbody tr").First.Locator("a.d-drill");
        var villageHref = await village.GetAttributeAsync("href");
        var villageName = await village.InnerTextAsync();
        Assert.StartsWith("/?region=", villageHref);
        await village.ClickAsync();   // a village's name opens its own dashboard
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(villageName + " 指挥驾驶舱");
        await Assertions.Expect(page.Locator("nav.d-crumbs a")).ToHaveCountAsync(2);   // 铜梁区 › 镇 › (村)
        await page.WaitForTimeoutAsync(600);   // let the charts draw before the screenshot
        await Artifacts.ScreenshotAsync(page, "dashboard-village.png");

        // Back up by the breadcrumb: to the township, then the county.
        await page.Locator("nav.d-crumbs a", new PageLocatorOptions { HasText = townshipName }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(townshipName + " 指挥驾驶舱");
        await page.Locator("nav.d-crumbs a", new PageLocatorOptions { HasText = "铜梁区" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("铜梁区 指挥驾驶舱");
        await Assertions.Expect(page.Locator("[data-figure=households]")).ToHaveTextAsync(countyHouseholds);
        // No crumb above the user's own node (重庆市, 全国).
        await Assertions.Expect(page.Locator("nav.d-crumbs a")).ToHaveCountAsync(0);
        await page.WaitForTimeoutAsync(600);
        await Artifacts.ScreenshotAsync(page, "dashboard-county.png");

        county.AssertNoPageErrors();
    }

}
