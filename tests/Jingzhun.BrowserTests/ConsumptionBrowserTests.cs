using System.Globalization;
using MiniExcelLibs;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// 消费帮扶 on the real pages (issue 15): the county admin recognises a product of a village with a supplying household
/// (a validity ending before it starts refused at the field, the form kept), edits it, records a sale from the product's page,
/// uploads the monthly sales file (a bad row reported by row and column, nothing written; then the corrected file), and
/// opens the figures, drilling from the county to the township and the village.
/// </summary>
public sealed partial class WorkflowBrowserTests
{
    [SkippableFact]
    public async Task A_county_admin_recognises_a_consumption_product_records_and_imports_sales_and_drills_the_figures()
    {
        await using var admin = await app.SignInAsync("tl_admin");
        var p = admin.Page;
        var today = DateOnly.FromDateTime(Beijing.Now);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await admin.MenuAsync("搬迁与协作", "帮扶产品");
        await Expect(p.Locator("h1")).ToHaveTextAsync("帮扶产品");
        await p.GetByRole(AriaRole.Link, new() { Name = "认定帮扶产品" }).ClickAsync();
        await Expect(p.Locator("h1")).ToHaveTextAsync("认定帮扶产品");
        await RegionPicker.ChooseAsync(p, 0, firstVillage: true);
        var selects = p.Locator("[data-region-picker] select[data-rp-level]");
        var township = (await selects.Nth(0).Locator("option:checked").InnerTextAsync()).Trim();
        var village = (await selects.Nth(1).Locator("option:checked").InnerTextAsync()).Trim();
        var name = "富硒大米" + Random.Shared.Next(1000, 9999);
        var cert = "FP500151" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        await p.GetByLabel("供应主体名称 *").FillAsync("铜梁区金穗粮油专业合作社");
        await p.GetByLabel("供应主体类型 *").SelectOptionAsync(new SelectOptionValue { Label = "农民专业合作社" });
        await p.GetByLabel("产品名称 *").FillAsync(name);
        await p.GetByLabel("产品类别 *").SelectOptionAsync(new SelectOptionValue { Label = "粮油" });
        await p.GetByLabel("认定证书号 *").FillAsync(cert);
        await p.GetByLabel("认定有效期起 *").FillAsync(Day(today.AddYears(-1)));
        await p.GetByLabel("认定有效期止 *").FillAsync(Day(today.AddYears(-2)));
        await p.GetByLabel("已在832平台上架").CheckAsync();
        var household = await Picker.ChooseAsync(p.Locator("main"), "联农带农的户");
        await p.GetByRole(AriaRole.Button, new() { Name = "认定产品" }).ClickAsync();
        await Expect(p.Locator(".g-err", new() { HasText = "认定有效期截止日期不能早于起始日期" })).ToHaveCountAsync(1);
        await Expect(p.GetByLabel("产品名称 *")).ToHaveValueAsync(name);
        await p.GetByLabel("认定有效期止 *").FillAsync(Day(today.AddYears(2)));
        await p.GetByRole(AriaRole.Button, new() { Name = "认定产品" }).ClickAsync();
        await admin.ExpectFlashAsync($"已认定帮扶产品 {name}（证书 {cert}）");
        await Expect(p.Locator("h1")).ToHaveTextAsync($"帮扶产品 · {name}");
        await Expect(p.Locator("#supplier-households tbody tr")).ToHaveCountAsync(1);
        await Expect(p.Locator("#supplier-households")).ToContainTextAsync(household.Split('（')[0]);
        await Expect(p.Locator("#supplier-villages")).ToContainTextAsync(village);

        // Edited on its own form: taken off the 832 platform, the household kept.
        await p.GetByRole(AriaRole.Link, new() { Name = "修改", Exact = true }).ClickAsync();
        await Expect(p.Locator("h1")).ToHaveTextAsync("修改帮扶产品");
        await Expect(p.GetByLabel("产品名称 *")).ToHaveValueAsync(name);
        await p.GetByLabel("已在832平台上架").UncheckAsync();
        await p.GetByRole(AriaRole.Button, new() { Name = "保存修改" }).ClickAsync();
        await admin.ExpectFlashAsync($"已修改帮扶产品 {name}");
        await Expect(p.Locator("#product-facts")).ToContainTextAsync("未上架");
        await Expect(p.Locator("#supplier-households tbody tr")).ToHaveCountAsync(1);

        // A sale from the product's page.
        await p.GetByRole(AriaRole.Link, new() { Name = "登记销售" }).ClickAsync();
        await Expect(p.Locator("h1")).ToHaveTextAsync("登记销售");
        await p.GetByLabel("购买方类型 *").SelectOptionAsync(new SelectOptionValue { Label = "东西部协作" });
        await p.GetByLabel("购买方名称 *").FillAsync("山东德州鲁渝协作农产品中心");
        await p.GetByLabel("金额（元） *").FillAsync("12345.67");
        await p.GetByLabel("销售日期 *").FillAsync(Day(today));
        await p.GetByLabel("销售渠道 *").SelectOptionAsync(new SelectOptionValue { Label = "展销会" });
        await p.GetByRole(AriaRole.Button, new() { Name = "登记销售" }).ClickAsync();
        await admin.ExpectFlashAsync($"已登记 {name} 的销售 12345.67 元（东西部协作：山东德州鲁渝协作农产品中心）");
        await Expect(p.Locator("#sales tbody tr")).ToHaveCountAsync(1);
        await Expect(p.Locator("#sales tbody tr")).ToContainTextAsync("12,345.67");

        // The monthly file: a bad row stops it; the corrected file is taken.
        Dictionary<string, object?> Row(string buyerType, object amount) => new()
        {
            ["产品认定证书号"] = cert, ["购买方类型"] = buyerType, ["购买方名称"] = "铜梁区机关事务管理局", ["金额(元)"] = amount, ["销售日期"] = Day(today),
            ["销售渠道"] = "832平台", ["协作关系编号"] = null,
        };
        byte[] File(params Dictionary<string, object?>[] rows)
        {
            using var stream = new MemoryStream();
            stream.SaveAs(rows.Select(r => (IDictionary<string, object?>)r).ToList());
            return stream.ToArray();
        }
        await p.GetByRole(AriaRole.Link, new() { Name = "导入销售月报" }).ClickAsync();
        await Expect(p.Locator("h1")).ToHaveTextAsync("导入消费帮扶销售月报");
        async Task UploadAsync(byte[] file)
        {
            await p.GetByLabel("文件（.xlsx 或 .csv）*").SetInputFilesAsync(new FilePayload
            {
                Name = "832平台销售月报.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = file,
            });
            await p.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
        }
        await UploadAsync(File(Row("机关事业单位预留份额", 1000), Row("外国政府", 500)));
        await Expect(p.Locator("#import-error")).ToContainTextAsync("未导入任何数据");
        var error = p.Locator("#import-errors tbody tr");
        await Expect(error).ToHaveCountAsync(1);
        await Expect(error).ToContainTextAsync("第 3 行");
        await Expect(error).ToContainTextAsync("购买方类型");
        await UploadAsync(File(Row("机关事业单位预留份额", 1000), Row("定点帮扶", 500)));
        await Expect(p.Locator("#import-result")).ToHaveTextAsync("已导入销售月报：共 2 行，登记销售 2 笔，金额合计 1,500.00 元。");

        // The figures: county → township → village.
        await admin.MenuAsync("搬迁与协作", "消费帮扶统计");
        await Expect(p.Locator("h1")).ToHaveTextAsync("消费帮扶统计");
        await Expect(p.Locator("#figures-title")).ToHaveTextAsync($"铜梁区 {today.Year} 年");
        await Expect(p.Locator("#figures-target")).Not.ToHaveTextAsync("未设目标（目标按区县设定）");
        await p.Locator("#figures-regions").GetByRole(AriaRole.Link, new() { Name = township, Exact = true }).ClickAsync();
        await Expect(p.Locator("#figures-title")).ToHaveTextAsync($"{township} {today.Year} 年");
        await Expect(p.Locator("#figures-path")).ToContainTextAsync("铜梁区");
        await p.Locator("#figures-regions").GetByRole(AriaRole.Link, new() { Name = village, Exact = true }).ClickAsync();
        await Expect(p.Locator("#figures-title")).ToHaveTextAsync($"{village} {today.Year} 年");
        await Expect(p.Locator("#figures-categories tbody tr", new() { HasText = "粮油" })).Not.ToContainTextAsync("0.00元");
        await Expect(p.Locator("#figures-households")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^0 户"));
        // Back up to the county by the path.
        await p.Locator("#figures-path").GetByRole(AriaRole.Link, new() { Name = "铜梁区" }).ClickAsync();
        await Expect(p.Locator("#figures-title")).ToHaveTextAsync($"铜梁区 {today.Year} 年");
        admin.AssertNoPageErrors();
    }
}
