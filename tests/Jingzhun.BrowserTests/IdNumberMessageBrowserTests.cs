using Microsoft.Playwright;

namespace Jingzhun.BrowserTests;

/// <summary>
/// Issue 14, forms: a wrong ID number on 新增建档户 gives one message at its field (the page's live check and the
/// server's answer never both), and neither tells the right check digit.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IdNumberMessageBrowserTests(BrowserApp app)
{
    [SkippableFact]
    public async Task A_wrong_id_number_gets_one_message_that_does_not_give_away_the_check_digit()
    {
        await using var village = await app.SignInAsync("village");
        var page = village.Page;
        await village.GotoAsync("/households/new");
        var good = IdNumbers.New(IdNumbers.Born(1960, 1990), male: true);
        var wrong = good[..17] + (good[17] == '0' ? '1' : '0');
        var form = page.Locator("main form.edit");
        await form.Locator("input[name='Head.Name']").FillAsync("测试户主");
        await form.Locator("input[name='Head.IdNumber']").FillAsync(wrong);
        await form.Locator("button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync();

        var field = form.Locator(".field", new LocatorLocatorOptions { Has = page.Locator("input[name='Head.IdNumber']") });
        await Assertions.Expect(field.Locator(".field-error").First).ToContainTextAsync("身份证号码有误");
        var messages = (await field.Locator(".field-error, .derived").AllInnerTextsAsync()).Where(t => t.Trim().Length > 0).ToList();
        Assert.True(messages.Count == 1, "messages at the ID field: " + string.Join(" | ", messages));
        Assert.DoesNotContain("应为", messages[0], StringComparison.Ordinal);   // "末位应为 X" would hand over a valid wrong number
        village.AssertNoPageErrors();
    }
}
