using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>The dashboard's income growth from the base year the county administrator picks (any year with data).</summary>
[Collection(BrowserCollection.Name)]
public sealed class GrowthBrowserTests(BrowserApp app)
{
    [SkippableFact]
    public async Task The_county_picks_a_base_year_and_the_growth_label_and_chart_follow()
    {
        await using var county = await app.SignInAsync("tl_admin");
        var page = county.Page;
        await county.GotoAsync("/");
        var growth = page.Locator("#income-growth");
        // By default from the earliest year with data (the demo county's incomes start in 2014) to 2020.
        var first = await page.Locator("[aria-current=true]").InnerTextAsync();
        Assert.True(int.Parse(first, System.Globalization.CultureInfo.InvariantCulture) <= 2014, first);
        await Expect(growth).ToContainTextAsync($"{first}–2020年均增长");
        await page.GetByRole(AriaRole.Link, new() { Name = "2016", Exact = true }).ClickAsync();
        await Expect(growth).ToContainTextAsync("2016–2020年均增长");
        Assert.Contains("baseYear=2016", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("[aria-current=true]", new() { HasText = "2016" })).ToHaveCountAsync(1);
        // The chart (drawn from the page's data) marks the same span.
        Assert.Contains("\"baseYear\":2016", await page.Locator("#d-data").TextContentAsync(), StringComparison.Ordinal);
        county.AssertNoPageErrors();
    }
}
