using Microsoft.Playwright;

namespace Jingzhun.BrowserTests;

/// <summary>
/// Issue 14, the dashboard on a phone: the figures show before the chart library arrives, which is fetched after the
/// page has loaded and then draws every chart (the cache headers are checked by WebDeliveryTests).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebPerformanceBrowserTests(BrowserApp app)
{
    [SkippableFact]
    public async Task The_dashboard_on_a_phone_loads_without_the_chart_library_then_draws_its_charts()
    {
        await using var county = await app.SignInAsync("tl_admin");
        var page = county.Page;
        await page.SetViewportSizeAsync(360, 740);
        await county.GotoAsync("/");
        await Assertions.Expect(page.Locator("[data-figure=households]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#d-status canvas")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#d-income canvas")).ToHaveCountAsync(1);
        // The page's own timing: the library was requested once, after the load event had started.
        var after = await page.EvaluateAsync<double[]>("""
            () => performance.getEntriesByType('resource').filter(e => e.name.includes('/lib/echarts/'))
              .map(e => e.startTime - performance.getEntriesByType('navigation')[0].loadEventStart)
            """);
        Assert.True(after.Length == 1 && after[0] >= 0, "the chart library is fetched once, after the load event: " + string.Join(", ", after));

        county.AssertNoPageErrors();
    }
}
