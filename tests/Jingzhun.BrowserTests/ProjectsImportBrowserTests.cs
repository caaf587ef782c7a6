using Microsoft.Playwright;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// Excel 导入 on the real page, by the township officer who keeps the asset ledger: from the project library to the
/// import page, the 资产台账 template downloaded and filled in with its own columns; a file with a bad row is refused
/// whole, the row and column named in the error table; the fixed file goes in, and the same file again changes nothing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProjectsImportBrowserTests(BrowserApp app)
{
    private const string Village = "500151101204"; // 土桥镇六赢村

    private static FilePayload Workbook(IReadOnlyList<string> headers, params Dictionary<string, object?>[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => (IDictionary<string, object?>)headers.ToDictionary(h => h, h => r.GetValueOrDefault(h))).ToList());
        return new FilePayload { Name = "资产台账.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = stream.ToArray() };
    }

    [SkippableFact]
    public async Task The_township_imports_its_older_assets_from_the_template_a_bad_row_refusing_the_whole_file()
    {
        await using var township = await app.SignInAsync("tuqiao");
        var page = township.Page;
        await township.GotoAsync("/projects");
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Excel导入" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Excel 导入");
        // The township may not import money (资金): the page offers what its role may import.
        var kinds = await page.GetByLabel("导入内容").Locator("option").AllTextContentsAsync();
        Assert.Contains("资产台账", kinds);
        Assert.DoesNotContain("资金下达", kinds);
        await page.GetByLabel("导入内容").SelectOptionAsync(new SelectOptionValue { Label = "资产台账" });

        // The template, as the user downloads it: its column names are what the file is filled in with.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "资产台账导入模板.xlsx" }).ClickAsync());
        using var template = new MemoryStream(await File.ReadAllBytesAsync(await download.PathAsync()));
        var headers = template.Query(useHeaderRow: false).Cast<IDictionary<string, object>>().Skip(1).First()
            .Values.Select(v => v?.ToString() ?? "").Where(v => v.Length > 0).ToList();
        Assert.Contains("受益户编号", headers);

        var name = "导入冷库" + Names.New();
        Dictionary<string, object?> Row(string assetName, string cls, string owner) => new()
        {
            ["资产名称"] = assetName, ["资产类别"] = cls, ["所在村代码"] = Village, ["数量"] = 1, ["单位"] = "座", ["资产价值(元)"] = 80000,
            ["所有者"] = owner, ["管护责任人"] = "村委会", ["登记日期"] = "2019-10-01",
        };
        // Row 3 is a 到户类 asset without its household: nothing of the file is written.
        await page.GetByLabel("文件（.xlsx 或 .csv）").SetInputFilesAsync(Workbook(headers, Row(name, "经营性资产", "村集体经济组织"),
            Row(name + "牛", "到户类资产", "受益户")));
        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
        await Expect(page.Locator("#import-error")).ToContainTextAsync("未导入任何数据");
        var error = page.Locator("#import-errors tbody tr");
        await Expect(error).ToHaveCountAsync(1);
        await Expect(error).ToContainTextAsync("第 3 行");
        await Expect(error).ToContainTextAsync("受益户编号");
        await township.GotoAsync($"/projects/assets?q={Uri.EscapeDataString(name)}");
        await Expect(page.Locator("main")).Not.ToContainTextAsync(name);

        // The fixed file goes in; the same file again changes nothing.
        await township.GotoAsync("/projects/import");
        await page.GetByLabel("导入内容").SelectOptionAsync(new SelectOptionValue { Label = "资产台账" });
        var good = Workbook(headers, Row(name, "经营性资产", "村集体经济组织"));
        await page.GetByLabel("文件（.xlsx 或 .csv）").SetInputFilesAsync(good);
        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
        await Expect(page.Locator("#import-result")).ToContainTextAsync("新增 1 条");
        await page.GetByLabel("导入内容").SelectOptionAsync(new SelectOptionValue { Label = "资产台账" });
        await page.GetByLabel("文件（.xlsx 或 .csv）").SetInputFilesAsync(good);
        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
        await Expect(page.Locator("#import-result")).ToContainTextAsync("新增 0 条，已在系统中未变 1 条");
        await township.GotoAsync($"/projects/assets?q={Uri.EscapeDataString(name)}");
        await Expect(page.Locator("main")).ToContainTextAsync(name);
    }
}
