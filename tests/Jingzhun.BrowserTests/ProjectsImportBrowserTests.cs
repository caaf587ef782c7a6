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

    internal static FilePayload Workbook(IReadOnlyList<string> headers, params Dictionary<string, object?>[] rows)
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
        var headers = await TemplateHeadersAsync(page, "资产台账导入模板.xlsx");
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
    [SkippableFact]
    public async Task County_finance_imports_an_allocation_and_an_assignment_is_refused_for_a_project_not_yet_in_the_library()
    {
        await using var county = await app.SignInAsync("tl_admin");
        var page = county.Page;
        await county.GotoAsync("/projects/import");
        // The county officer's kinds, in the order the work goes.
        var kinds = await page.GetByLabel("导入内容").Locator("option").AllTextContentsAsync();
        Assert.Equal(["项目库", "资金下达", "资金分配", "资金支付", "资产台账"], kinds.Select(k => k.Trim()));

        // A project only proposed (imported to the library): money may not be put onto it yet.
        var project = "导入分配项目" + Names.New();
        await page.GetByLabel("导入内容").SelectOptionAsync(new SelectOptionValue { Label = "项目库" });
        var headers = await TemplateHeadersAsync(page, "项目库导入模板.xlsx");
        await page.GetByLabel("文件（.xlsx 或 .csv）").SetInputFilesAsync(Workbook(headers, new Dictionary<string, object?>
        {
            ["项目名称"] = project, ["年度"] = 2026, ["所在村代码"] = Village, ["项目类别"] = "产业发展", ["项目子类"] = "种植业基地",
            ["实施单位"] = "土桥镇人民政府", ["计划开工日期"] = "2026-03-01", ["计划完工日期"] = "2026-11-30", ["预算-中央财政衔接资金(元)"] = 100000,
        }));
        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
        await Expect(page.Locator("#import-result")).ToContainTextAsync("新增 1 条");
        await county.GotoAsync($"/projects?q={Uri.EscapeDataString(project)}");
        var href = await page.Locator("main table tbody").GetByRole(AriaRole.Link, new() { Name = project }).GetAttributeAsync("href");
        var projectId = long.Parse(href!.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await county.GotoAsync("/projects/import");

        // 资金下达 from its template.
        var document = $"渝财农〔2026〕{Names.New()}号";
        await page.GetByLabel("导入内容").SelectOptionAsync(new SelectOptionValue { Label = "资金下达" });
        headers = await TemplateHeadersAsync(page, "资金下达导入模板.xlsx");
        await page.GetByLabel("文件（.xlsx 或 .csv）").SetInputFilesAsync(Workbook(headers, new Dictionary<string, object?>
        {
            ["资金年度"] = 2026, ["资金来源"] = "中央财政衔接资金", ["资金级次"] = "中央", ["下达文号"] = document, ["下达金额(元)"] = 50000,
            ["接收区县代码"] = "500151", ["下达日期"] = "2026-03-01",
        }));
        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
        await Expect(page.Locator("#import-result")).ToContainTextAsync("新增 1 条");

        // 资金分配: one row onto the proposed project, one naming a 文号 the county never received; both named, nothing written.
        await page.GetByLabel("导入内容").SelectOptionAsync(new SelectOptionValue { Label = "资金分配" });
        headers = await TemplateHeadersAsync(page, "资金分配导入模板.xlsx");
        Assert.Equal(["项目编号", "资金来源", "下达文号", "分配金额(元)"], headers);
        await page.GetByLabel("文件（.xlsx 或 .csv）").SetInputFilesAsync(Workbook(headers,
            new Dictionary<string, object?> { ["项目编号"] = projectId, ["资金来源"] = "中央财政衔接资金", ["下达文号"] = document, ["分配金额(元)"] = 1000 },
            new Dictionary<string, object?> { ["项目编号"] = projectId, ["资金来源"] = "中央财政衔接资金", ["下达文号"] = document + "-无", ["分配金额(元)"] = 1000 }));
        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
        await Expect(page.Locator("#import-error")).ToContainTextAsync("未导入任何数据");
        var errors = page.Locator("#import-errors tbody tr");
        await Expect(errors).ToHaveCountAsync(2);
        await Expect(errors.Nth(0)).ToContainTextAsync("论证入库后才能分配资金");
        await Expect(errors.Nth(1)).ToContainTextAsync("下达文号");
        await Expect(errors.Nth(1)).ToContainTextAsync("请先登记或导入资金下达");
    }

    internal static async Task<List<string>> TemplateHeadersAsync(IPage page, string name)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync());
        using var template = new MemoryStream(await File.ReadAllBytesAsync(await download.PathAsync()));
        return template.Query(useHeaderRow: false).Cast<IDictionary<string, object>>().Skip(1).First()
            .Values.Select(v => v?.ToString() ?? "").Where(v => v.Length > 0).ToList();
    }
}
