using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// Large amounts and counts read the way officials write them (issue 14): 1.26万, 68.07万, not 12571 or 680720 — on the
/// dashboard's figure cards, a report's total row, the income report, the exit assessment's county summary and a
/// household's income table, as the demo county's administrator sees them. Per-capita incomes stay in yuan.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class NumberFormatBrowserTests(BrowserApp app)
{
    /// <summary>A number in 万: at most two decimals, no separators ("1.26万", "79.9万").</summary>
    [GeneratedRegex(@"^\d{1,4}(\.\d{1,2})?万")]
    private static partial Regex Wan();

    /// <summary>A sum in 万 or 亿 ("1.88亿").</summary>
    [GeneratedRegex(@"^\d{1,4}(\.\d{1,2})?[万亿]")]
    private static partial Regex WanOrYi();

    /// <summary>A per-capita income in yuan: thousands separators, two decimals ("12,303.50").</summary>
    [GeneratedRegex(@"^\d{1,3}(,\d{3})*\.\d{2}$")]
    private static partial Regex Yuan();

    [SkippableFact]
    public async Task Large_counts_and_sums_are_shown_in_wan_on_the_dashboard_reports_exit_and_the_household_page()
    {
        await using var county = await app.SignInAsync("tl_admin");
        var page = county.Page;

        // 驾驶舱: the county's 12,571 people.
        await county.GotoAsync("/");
        await Expect(page.Locator(".d-cards .d-sub").First).ToContainTextAsync("万");
        Assert.Matches(Wan(), (await page.Locator(".d-cards .d-sub a").First.InnerTextAsync()).Trim());

        // 户数人数统计表: the total row's people.
        await county.GotoAsync("/reports/households");
        var totals = await page.Locator("table[data-table] tfoot th").AllInnerTextsAsync();
        Assert.Contains(totals, t => Wan().IsMatch(t.Trim()));

        // 人均纯收入统计表: the year's family net income in 万 or 亿 (1.88亿), the per-capita column in yuan.
        await county.GotoAsync("/reports/income");
        var lastYear = page.Locator("table[data-table] tbody tr").Last;
        var cells = await lastYear.Locator("td").AllInnerTextsAsync();
        Assert.Matches(WanOrYi(), cells[3].Trim());
        Assert.Matches(Yuan(), cells[4].Trim());

        // 退出评估 (县): the county's registered rural population in the summary.
        await county.GotoAsync("/exit?tab=county&region=500151");
        var summary = await page.Locator("details summary", new() { HasText = "农村户籍人口" }).InnerTextAsync();
        Assert.Matches(@"农村户籍人口 \d{1,4}(\.\d{1,2})?万 人", summary);

        // A household's incomes: a family net income of 1万 or more in 万, its per-capita income in yuan.
        await county.GotoAsync("/households");
        var links = await page.Locator("table tbody td:first-child a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
        string? shown = null;
        foreach (var href in links.Take(15))
        {
            await county.GotoAsync(href);
            var net = page.Locator("td[data-field=net-income]");
            if (await net.CountAsync() == 0) continue;
            var text = (await net.First.InnerTextAsync()).Trim();
            if (!text.Contains('万', StringComparison.Ordinal)) continue;
            shown = text;
            Assert.Matches(Yuan(), (await page.Locator("td[data-field=per-capita]").First.InnerTextAsync()).Trim());
            break;
        }
        Assert.True(shown is not null, "no demo household among the first 15 has a family net income of 1万 or more");
        Assert.Matches(Wan(), shown);
        county.AssertNoPageErrors();
    }
}
