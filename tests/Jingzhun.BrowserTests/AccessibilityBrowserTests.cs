using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Jingzhun.BrowserTests;

/// <summary>
/// Issue 14: axe-core (Deque's engine, injected by Playwright into Debian's Chromium) on the main pages as the county
/// administrator sees them, at the desktop and the phone width: no serious or critical violation of WCAG 2.1 A/AA
/// (colour contrast, names of controls and links, labels, landmarks, language, ...).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(BrowserApp app)
{
    private static readonly string[] MainPages =
    [
        "/", "/households", "/households/new", "/problems", "/monitoring", "/monitoring/leads", "/fieldwork/visits",
        "/fieldwork/todo", "/reports", "/admin/users", "/projects", "/projects/assets", "/projects/assets/new", "/projects/import",
        "/projects/assets/checks", "/projects/assets/checks/new", "/projects/assets/checks/rectifications",
        "/projects/collective", "/projects/industry", "/projects/industry/bases/new",
    ];

    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private static async Task<List<string>> SeriousAsync(IPage page, string what)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var results = await page.RunAxe(Wcag);
        return results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{what}: {v.Id} ({v.Impact}) {v.Help} — {v.Nodes.Length} elements: " + string.Join(" | ", v.Nodes.Take(4).Select(n =>
                n.Target + " " + string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message)))))
            .ToList();
    }

    [SkippableFact]
    public async Task The_main_pages_have_no_serious_or_critical_axe_violations()
    {
        var found = new List<string>();
        await using (var anonymous = await app.OpenAsync())
        {
            await anonymous.GotoAsync("/login");
            found.AddRange(await SeriousAsync(anonymous.Page, "/login"));
        }

        await using var county = await app.SignInAsync("tl_admin");
        var page = county.Page;
        foreach (var path in MainPages)
        {
            await county.GotoAsync(path);
            found.AddRange(await SeriousAsync(page, path));
        }
        // A household's page, with the panels its modules load into it.
        await county.GotoAsync("/households");
        await page.Locator("main table tbody a[href^='/households/']").First.ClickAsync();
        await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, "/households/\\d+$"));
        found.AddRange(await SeriousAsync(page, "household page"));
        // An asset's page, with its forms (the demo's first operating asset).
        await county.GotoAsync("/projects/assets?class=Operating&status=Operating");
        await page.Locator("#asset-list tbody a").First.ClickAsync();
        await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, "/projects/assets/\\d+$"));
        found.AddRange(await SeriousAsync(page, "asset page"));
        // A 核查批次's page with a line's finding form open (a batch of the county's first township, made on the form).
        await county.GotoAsync("/projects/assets/checks/new");
        await page.GetByLabel("批次名称").FillAsync("无障碍检查核查批次");
        await page.GetByLabel("核查地区").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByRole(AriaRole.Button, new() { Name = "新建批次" }).ClickAsync();
        await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, "/projects/assets/checks/\\d+$"));
        await page.Locator("#check-lines summary").First.ClickAsync();
        found.AddRange(await SeriousAsync(page, "asset check page"));

        // The dashboard and a list at a phone's width (menus, tables and cards reflow).
        await page.SetViewportSizeAsync(360, 740);
        foreach (var path in new[] { "/", "/problems" })
        {
            await county.GotoAsync(path);
            found.AddRange(await SeriousAsync(page, path + " (360 px)"));
        }
        Assert.True(found.Count == 0, "axe found:\n" + string.Join("\n", found));
        county.AssertNoPageErrors();
    }
}
