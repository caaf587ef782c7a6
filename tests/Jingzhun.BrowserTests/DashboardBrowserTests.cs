using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// The running app (its built DLL as a separate process on a free loopback port, demo data on a temp SQLite file)
/// driven by Debian's Chromium: sign in as the county administrator, drill down county → township → village on the
/// dashboard, back up by the breadcrumb, and keep a screenshot as an artefact.
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task The_dashboard_drills_down_twice_and_back_up()
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
        // The header has a logout form too: fill the login page's own form.
        var login = page.Locator("main form").Filter(new LocatorFilterOptions { Has = page.Locator("input[name=Password]") });
        await login.Locator("input[name=Username]").FillAsync("tl_admin");
        await login.Locator("input[name=Password]").FillAsync("Jingzhun2026");
        await login.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));

        await page.GotoAsync(app.Url + "/");
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
        var villageCode = villageHref!.Split("region=")[1];
        await page.GotoAsync(app.Url + "/?region=" + villageCode);   // a village row opens its household list; its dashboard by URL
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(villageName + " 指挥驾驶舱");
        await Assertions.Expect(page.Locator("nav.d-crumbs a")).ToHaveCountAsync(2);   // 铜梁区 › 镇 › (村)
        await page.WaitForTimeoutAsync(600);   // let the charts draw before the screenshot
        var shot = await Artifacts.ScreenshotAsync(page, "dashboard-village.png");

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

        Assert.True(errors.Count == 0, "page errors: " + string.Join("; ", errors));
        output.WriteLine($"screenshot: {shot}");
    }

}
