using System.Globalization;
using Microsoft.Playwright;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// 批量导入 in the browser: the button is offered to the county and township data staff only (registry.import), and a
/// township user fills the page's own template, uploads it, watches the job and reads the result.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportBrowserTests(BrowserApp app)
{
    [SkippableTheory]
    [InlineData("tl_admin", true)]
    [InlineData("tuqiao", true)]
    [InlineData("village", false)]
    [InlineData("cadre", false)]
    public async Task The_import_button_is_shown_only_to_the_county_and_township_data_staff(string user, bool allowed)
    {
        await using var s = await app.SignInAsync(user);
        var page = s.Page;
        await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "户籍档案" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("户籍档案");
        var button = page.Locator(".page-head").GetByRole(AriaRole.Link, new() { Name = "批量导入" });
        await Expect(button).ToHaveCountAsync(allowed ? 1 : 0);
        if (allowed)
        {
            await button.ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("导入户籍档案");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "开始导入" })).ToBeEnabledAsync();
        }
        else
        {
            // Nor does the address open the page.
            var response = await page.GotoAsync(app.App!.Url + "/households/import");
            Assert.Equal(403, response!.Status);
            await Expect(page.Locator("h1")).ToHaveTextAsync("无权访问");
        }
        s.AssertNoPageErrors();
    }

    [SkippableFact]
    public async Task A_township_user_imports_the_filled_template_and_watches_it_to_the_result()
    {
        await using var township = await app.SignInAsync("tuqiao");
        var page = township.Page;
        await township.GotoAsync("/households");
        await page.Locator(".page-head").GetByRole(AriaRole.Link, new() { Name = "批量导入" }).ClickAsync();

        // The template offered by the page, with its example household made this test's own: a new number in the same
        // village (土桥镇 高桥村), new people.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "下载导入模板" }).ClickAsync());
        Assert.Equal("户籍档案导入模板.xlsx", download.SuggestedFilename);
        var number = "500151101201" + Random.Shared.Next(9000, 10000).ToString(CultureInfo.InvariantCulture);
        var templateFile = Path.Combine(app.App!.Folder, $"template-{number}.xlsx");
        await download.SaveAsAsync(templateFile);
        var rows = new List<Dictionary<string, object?>>();
        foreach (IDictionary<string, object?> row in MiniExcel.Query(templateFile, useHeaderRow: true))
        {
            var cells = new Dictionary<string, object?>(row);
            var birth = DateOnly.FromDateTime(Convert.ToDateTime(cells["出生日期"], CultureInfo.InvariantCulture));
            cells["户编号"] = number;
            cells["姓名"] = Names.New();
            cells["身份证号"] = IdNumbers.New(birth, male: cells["性别"]?.ToString() == "男");
            rows.Add(cells);
        }
        Assert.Equal(2, rows.Count);
        var head = (string)rows[0]["姓名"]!;
        var file = Path.Combine(app.App.Folder, $"import-{number}.xlsx");
        await MiniExcel.SaveAsAsync(file, rows, sheetName: "户籍档案");

        await page.Locator("input[type=file][name=Upload]").SetInputFilesAsync(file);
        await Expect(page.GetByLabel("全部成功才导入（有任何错误则不写入）")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("预检（只检查并显示将发生的变化，不写入）")).Not.ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "开始导入" }).ClickAsync();

        // The job's box with its progress bar; the page follows the job and shows the result when it ends.
        await page.WaitForURLAsync(u => u.Contains("/households/import?job=", StringComparison.Ordinal));
        var job = page.Locator("#import-job");
        await Expect(job.Locator("h2")).ToContainTextAsync("土桥镇");
        await Expect(job.Locator("[role=progressbar]")).ToBeVisibleAsync();
        var result = page.Locator("#import-result");
        await Expect(result).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("#import-status")).ToHaveTextAsync("已完成");
        await Expect(job.Locator("[role=progressbar]")).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(result.Locator("p strong")).ToHaveTextAsync(
            "已导入：共 2 行 1 户；户 新增 1、变更 0、不变 0；成员 新增 2、变更 0、不变 0；收入 新增 1、变更 0、不变 0；错误 0 处（0 行，0 户）");
        await Expect(page.Locator("#import-errors")).ToHaveCountAsync(0);
        await Artifacts.ScreenshotAsync(page, "import-result.png");
        // 最近的导入 lists it, by this user, in Beijing time.
        var recent = page.Locator("table.table").Last.Locator("tbody tr").First;
        await Expect(recent.Locator("td").Nth(2)).ToHaveTextAsync("已完成");
        await Expect(recent.Locator("td").Nth(4)).ToHaveTextAsync("tuqiao");
        Beijing.AssertShows(await recent.Locator("td").Nth(5).InnerTextAsync(), Beijing.Now);

        // The household is in the registry, with its head.
        await township.GotoAsync("/households");
        await page.Locator("#f-q").FillAsync(number);
        await page.Locator("#f-q").PressAsync("Enter");
        var found = page.Locator("#results tbody tr").Filter(new() { HasText = number });
        await Expect(found).ToHaveCountAsync(1);
        await Expect(found).ToContainTextAsync(head);
        township.AssertNoPageErrors();
    }
}
