using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// The 驻村工作队 page as the township uses it: a team in post is rotated (轮换) or ended (结束驻村) on its page, and the
/// village then takes a new team from the list page; people and households are chosen by searching names, never by
/// typed ids or codes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PickerBrowserTests(BrowserApp app)
{
    private static string Today => DateOnly.FromDateTime(Beijing.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The teams in post, village by village; the link of row <paramref name="row"/> opens that team's page. Returns its village and name.</summary>
    private static async Task<(string Village, string Team)> OpenTeamAsync(Session s, int row)
    {
        var page = s.Page;
        await s.MenuAsync("驻村帮扶", "驻村工作队");
        await page.GetByLabel("只看在驻").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        var tr = page.Locator("table.g-table tbody tr").Nth(row);
        var village = (await tr.Locator("td").First.InnerTextAsync()).Trim().Split(' ')[^1];
        var team = (await tr.Locator("td").Nth(1).InnerTextAsync()).Trim();
        await tr.GetByRole(AriaRole.Link, new() { Name = "修改 / 结束 / 轮换" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(team);
        return (village, team);
    }

    [SkippableFact]
    public async Task The_township_rotates_a_team_in_post_choosing_the_new_first_secretary_by_name()
    {
        await using var township = await app.SignInAsync("tuqiao");
        var page = township.Page;
        var (village, old) = await OpenTeamAsync(township, 2);

        var form = page.Locator("form").Filter(new() { Has = page.Locator("h2", new() { HasText = "轮换工作队" }) });
        var name = $"{village}新一届工作队{Random.Shared.Next(1000, 9999)}";
        await form.GetByLabel("新工作队名称 *").FillAsync(name);
        var secretary = await Picker.ChooseAsync(form, "新任第一书记 *");
        var member = await Picker.ChooseAsync(form, "队员（可多选）", index: 1);
        await form.GetByLabel("新工作队开始日期 *").FillAsync(Today);
        await form.GetByRole(AriaRole.Button, new() { Name = "轮换" }).ClickAsync();

        await township.ExpectFlashAsync($"已轮换：{old} 结束驻村，{name} 接任");
        var rows = page.Locator("table.g-table tbody tr");
        var successor = rows.Filter(new() { HasText = name });
        await Expect(successor).ToHaveCountAsync(1);
        await Expect(successor).ToContainTextAsync(secretary.Split('（')[0]);
        await Expect(successor).ToContainTextAsync(member.Split('（')[0]);
        await Expect(successor).ToContainTextAsync($"{Today} 至 今");
        var yesterday = DateOnly.FromDateTime(Beijing.Now).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Expect(rows.Filter(new() { HasText = old })).ToContainTextAsync($"至 {yesterday}");
        township.AssertNoPageErrors();
    }

    [SkippableFact]
    public async Task The_township_ends_a_team_and_then_creates_the_villages_new_team_from_the_list_page()
    {
        await using var township = await app.SignInAsync("tuqiao");
        var page = township.Page;
        var (village, old) = await OpenTeamAsync(township, 1);

        var end = page.Locator("form").Filter(new() { Has = page.Locator("h2", new() { HasText = "结束驻村" }) });
        await end.GetByLabel("结束日期 *").FillAsync(Today);
        await end.GetByRole(AriaRole.Button, new() { Name = "结束驻村" }).ClickAsync();
        await township.ExpectFlashAsync($"驻村工作队 {old} 已结束驻村，该村可新建工作队");
        await Expect(page.Locator("table.g-table tbody tr").Filter(new() { HasText = old })).ToContainTextAsync($"至 {Today}");

        var form = page.Locator("form").Filter(new() { Has = page.Locator("h2", new() { HasText = "新建工作队" }) });
        await form.Locator("[data-rp-search]").FillAsync(village);
        await form.Locator("[data-rp-results] button", new() { HasText = village }).First.ClickAsync();
        await Expect(form.Locator("input[name=VillageCode]")).ToHaveValueAsync(new Regex(@"^\d{12}$"));
        var name = $"{village}驻村工作队{Random.Shared.Next(1000, 9999)}";
        await form.GetByLabel("名称 *").FillAsync(name);
        var secretary = await Picker.ChooseAsync(form, "第一书记 *");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Expect(page.Locator(".g-alert[role=status]")).ToHaveTextAsync($"已新建驻村工作队 {name}");
        var row = page.Locator("table.g-table tbody tr").Filter(new() { HasText = name });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(village);
        await Expect(row).ToContainTextAsync(secretary.Split('（')[0]);
        township.AssertNoPageErrors();
    }

    [SkippableFact]
    public async Task The_township_finds_the_household_of_a_new_problem_by_the_heads_name_and_pages_through_the_list()
    {
        await using var township = await app.SignInAsync("tuqiao");
        var page = township.Page;
        await township.GotoAsync("/problems/new");
        Assert.Equal(0, await page.Locator("input[type=number]").CountAsync());
        var picker = Picker.Of(page.Locator("main"), "农户 *");
        // The whole list pages: the second page holds other households than the first.
        await picker.Locator("[data-picker-search]").ClickAsync();
        var options = picker.Locator("[data-pick]");
        await Expect(options.First).ToBeVisibleAsync();
        var first = await options.First.GetAttributeAsync("data-pick");
        await picker.GetByRole(AriaRole.Button, new() { Name = "下一页" }).ClickAsync();
        await Expect(picker.Locator(".picker-pages")).ToContainTextAsync("第 2/");
        Assert.NotEqual(first, await options.First.GetAttributeAsync("data-pick"));
        // A head's name finds the household; the 户编号 tells it apart.
        var label = await options.First.GetAttributeAsync("data-pick-text");
        var head = label!.Split('（')[0];
        var chosen = await Picker.ChooseAsync(page.Locator("main"), "农户 *", head, label: label);
        Assert.Equal(label, chosen);
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await Expect(page.Locator(".g-card strong").First).ToContainTextAsync($"{head} 户");
        township.AssertNoPageErrors();
    }
}

/// <summary>The search-by-name picker (Platform/Forms/PickerTagHelper.cs) as a user works it.</summary>
internal static class Picker
{
    public static ILocator Of(ILocator scope, string label) =>
        scope.Locator("[data-picker]").Filter(new() { Has = scope.Page.Locator($".picker-label:text-is('{label}')") });

    /// <summary>
    /// Types <paramref name="search"/> (or only opens the list) in the picker labelled <paramref name="label"/> and chooses
    /// the <paramref name="index"/>-th match (or the one reading <paramref name="label"/>); returns what the chosen value reads.
    /// </summary>
    public static async Task<string> ChooseAsync(ILocator scope, string pickerLabel, string? search = null, int index = 0, string? label = null)
    {
        var picker = Of(scope, pickerLabel);
        var box = picker.Locator("[data-picker-search]");
        var before = await picker.Locator(".picker-chip").CountAsync();
        await box.ClickAsync();
        if (search is not null) await box.FillAsync(search);
        var options = picker.Locator("[data-pick]");
        // The list opened by the click shows every choice until the search answers: wait for the searched list.
        if (search is not null) await Expect(options.First).ToContainTextAsync(search);
        var option = label is null ? options.Nth(index) : picker.Locator($"[data-pick-text='{label}']").First;
        await Expect(option).ToBeVisibleAsync();
        var text = await option.GetAttributeAsync("data-pick-text");
        await option.ClickAsync();
        var multiple = await picker.GetAttributeAsync("data-picker") == "multiple";
        await Expect(picker.Locator(".picker-chip")).ToHaveCountAsync(multiple ? before + 1 : 1);
        await Expect(picker.Locator(".picker-chip").Last).ToContainTextAsync(text!);
        return text!;
    }
}
