using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// Each role's menu, as it signs in: the landing page fits the role (a pairing cadre lands on 待办) and every link of
/// the menu opens a page, never an error or a 404.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MenuBrowserTests(BrowserApp app)
{
    [SkippableTheory]
    [InlineData("admin")]
    [InlineData("tl_admin")]
    [InlineData("tuqiao")]
    [InlineData("village")]
    [InlineData("cadre")]
    [InlineData("auditor")]
    public async Task Every_link_of_the_role_s_menu_opens_a_page(string user)
    {
        await using var s = await app.SignInAsync(user);
        var page = s.Page;
        if (user == "cadre")
        {
            await Expect(page).ToHaveURLAsync(s.Url + "/fieldwork/todo");
            await Expect(page.Locator("h1")).ToContainTextAsync("待走访清单");
        }
        var links = await page.Locator("header nav a[href^='/']").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))");
        Assert.NotEmpty(links);
        var broken = new List<string>();
        foreach (var link in links.Distinct())
        {
            var response = await page.GotoAsync(s.Url + link);
            if (response is null || response.Status >= 400) broken.Add($"{link} → {response?.Status}");
        }
        Assert.True(broken.Count == 0, $"{user}: " + string.Join("; ", broken));
        s.AssertNoPageErrors();
    }
}
