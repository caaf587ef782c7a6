using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// Each role's menu, as it signs in, on a desktop (1366 px) and on a phone (360 px): the landing page fits the role (a
/// pairing cadre lands on 待办, the others on their region's dashboard) and every link of the menu opens a page, never an
/// error page (404, 403, 500), the 无权访问 page or the sign-in form.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MenuBrowserTests(BrowserApp app)
{
    [SkippableTheory]
    [InlineData("admin", 1366)]
    [InlineData("admin", 360)]
    [InlineData("tl_admin", 1366)]
    [InlineData("tl_admin", 360)]
    [InlineData("tuqiao", 1366)]
    [InlineData("tuqiao", 360)]
    [InlineData("village", 1366)]
    [InlineData("village", 360)]
    [InlineData("cadre", 1366)]
    [InlineData("cadre", 360)]
    [InlineData("auditor", 1366)]
    [InlineData("auditor", 360)]
    public async Task Every_link_of_the_role_s_menu_opens_a_page(string user, int width)
    {
        await using var s = await app.OpenAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = width < 600 ? 740 : 900 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
        });
        await s.SignInAsync(user);
        var page = s.Page;
        if (user == "cadre")
        {
            await Expect(page).ToHaveURLAsync(s.Url + "/fieldwork/todo");
            await Expect(page.Locator("h1")).ToContainTextAsync("待走访清单");
        }
        else
        {
            await Expect(page).ToHaveURLAsync(s.Url + "/");
            await Expect(page.Locator("h1").First).ToContainTextAsync("指挥驾驶舱");
        }
        var links = await page.Locator("header nav a[href^='/']").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))");
        Assert.NotEmpty(links);
        var broken = new List<string>();
        foreach (var link in links.Distinct())
        {
            var response = await page.GotoAsync(s.Url + link);
            var path = new Uri(page.Url).AbsolutePath;
            if (response is null || response.Status >= 400) broken.Add($"{link} → {response?.Status}");
            else if (path is "/denied" or "/login") broken.Add($"{link} → {path}");
            else if (await page.Locator(".error-card").CountAsync() > 0)
                broken.Add($"{link} → {await page.Locator(".error-card h1").InnerTextAsync()}");
        }
        Assert.True(broken.Count == 0, $"{user} at {width} px: " + string.Join("; ", broken));
        s.AssertNoPageErrors();
    }
}
