using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// 资产核查 on the real pages: the township registers an asset, opens a 核查批次 of its township from the ledger, records
/// a 损毁 finding of that asset with a photo (refused first without the 整改's responsible person, what was typed kept),
/// sees the photo with the finding, the 整改 item and the asset's status and page follow, records the 整改 as done and is
/// not offered to verify it; the county verifies it and the asset is back to 正常运营; the township finds the item in the
/// cross-batch 整改 list.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AssetChecksBrowserTests(BrowserApp app)
{
    private static ILocator Form(IPage page, string name) => page.Locator($"form[aria-label='{name}']");
    private static ILocator Ok(IPage page) => page.Locator(".g-alert.g-ok");

    [SkippableFact]
    public async Task The_township_checks_its_assets_records_a_damaged_one_and_its_rectification_is_verified_by_the_county()
    {
        await using var township = await app.SignInAsync("tuqiao");
        var tp = township.Page;
        var asset = "村级冷库" + Names.New();
        await township.GotoAsync("/projects/assets/new");
        await tp.GetByLabel("资产名称").FillAsync(asset);
        await RegionPicker.ChooseAsync(tp, 0, firstVillage: false);
        await tp.GetByLabel("资产类别").SelectOptionAsync(new SelectOptionValue { Label = "经营性资产" });
        await tp.GetByLabel("确权所有者").SelectOptionAsync(new SelectOptionValue { Label = "村集体经济组织" });
        await tp.GetByLabel("计量单位").FillAsync("座");
        await tp.GetByLabel("资产价值（元）").FillAsync("80000");
        await tp.GetByLabel("登记日期").FillAsync("2021-05-01");
        await tp.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        await Expect(Ok(tp)).ToHaveTextAsync("已登记资产");
        var assetUrl = tp.Url;

        // A batch of the township, from the ledger's 资产核查 button.
        await township.GotoAsync("/projects/assets");
        await tp.Locator("main").GetByRole(AriaRole.Link, new() { Name = "资产核查", Exact = true }).ClickAsync();
        await Expect(tp.Locator("h1")).ToHaveTextAsync("资产核查");
        await tp.Locator("main").GetByRole(AriaRole.Link, new() { Name = "新建核查批次" }).ClickAsync();
        var name = $"{Beijing.Now.Year}年土桥镇资产核查" + Names.New();
        await tp.GetByLabel("批次名称").FillAsync(name);
        await Expect(tp.GetByLabel("核查地区")).ToHaveValueAsync("500151101");
        await tp.GetByRole(AriaRole.Button, new() { Name = "新建批次" }).ClickAsync();
        await Expect(Ok(tp)).ToContainTextAsync("已新建核查批次");
        await Expect(tp.Locator("h1")).ToHaveTextAsync(name);
        await Expect(tp.Locator("#check-progress")).ToContainTextAsync("已核查 0 /");
        await Expect(tp.GetByRole(AriaRole.Button, new() { Name = "结束核查批次" })).ToHaveCountAsync(0);

        // The asset's line, found by name; 损毁 without its responsible person is refused, what was typed is kept.
        await tp.Locator("form[aria-label='查找核查资产']").GetByLabel("资产名称").FillAsync(asset);
        await tp.Locator("form[aria-label='查找核查资产']").GetByRole(AriaRole.Button, new() { Name = "查找" }).ClickAsync();
        await Expect(tp.Locator("#check-lines tbody tr")).ToHaveCountAsync(1);
        var row = tp.Locator("#check-lines tbody tr");
        await row.Locator("summary").ClickAsync();
        var finding = Form(tp, $"核查：{asset}");
        await finding.GetByLabel("核查结果").SelectOptionAsync(new SelectOptionValue { Label = "损毁" });
        await finding.GetByLabel("核查情况（发现问题须写明）").FillAsync("制冷机组损坏，无法使用");
        await finding.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await Expect(tp.Locator(".g-alert.g-error")).ToContainTextAsync("请填写整改责任人");
        finding = Form(tp, $"核查：{asset}");
        await Expect(finding.GetByLabel("核查情况（发现问题须写明）")).ToHaveValueAsync("制冷机组损坏，无法使用");
        await finding.GetByLabel("整改责任人").FillAsync("李明");
        await finding.GetByLabel("整改责任单位").FillAsync("土桥镇农业服务中心");
        await finding.GetByLabel("整改时限").FillAsync(Beijing.Now.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await finding.GetByLabel("现场照片（JPEG/PNG，可多选，最多9张）").SetInputFilesAsync(new FilePayload
        {
            Name = "冷库现场.jpg", MimeType = "image/jpeg", Buffer = await Images.JpegAsync(tp),
        });
        await finding.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await Expect(Ok(tp)).ToHaveTextAsync("已登记核查结果：损毁，已生成整改事项（照片1张）");
        await Expect(tp.Locator("#check-lines tbody tr")).ToContainTextAsync("损毁");
        // The photo is shown with the finding and opens as the image it was.
        var photo = tp.Locator("#check-lines tbody tr", new() { HasText = asset }).Locator("img[alt^='核查照片']");
        await Expect(photo).ToHaveCountAsync(1);
        await Images.ExpectShownAsync(photo);

        // The 整改 item, and the ledger follows: the asset is 损毁 and its page lists the finding.
        var item = tp.Locator("#rectifications tbody tr", new() { HasText = asset });
        await Expect(item).ToContainTextAsync("损毁：制冷机组损坏，无法使用");
        await Expect(item).ToContainTextAsync("李明（土桥镇农业服务中心）");
        await Expect(item).ToContainTextAsync("待整改");
        await Expect(tp.Locator("#check-progress")).ToContainTextAsync("发现问题 1 项");
        var checkUrl = tp.Url;
        await tp.GotoAsync(assetUrl);
        await Expect(tp.Locator("[data-status]")).ToHaveTextAsync("损毁");
        await Expect(tp.Locator("#asset-findings tbody tr")).ToContainTextAsync(name);
        await Expect(tp.Locator("#history tbody tr").Last).ToContainTextAsync("资产核查");

        // The township records the 整改 and may not verify it; the county does.
        await tp.GotoAsync(checkUrl);
        var fix = Form(tp, $"登记整改：{asset}");
        await fix.GetByLabel("整改情况").FillAsync("更换制冷机组，恢复使用");
        await fix.GetByRole(AriaRole.Button, new() { Name = "整改完成" }).ClickAsync();
        await Expect(Ok(tp)).ToHaveTextAsync("已登记整改完成，待核实");
        await Expect(tp.Locator("#rectifications tbody tr", new() { HasText = asset })).ToContainTextAsync("已整改");
        await Expect(Form(tp, $"核实整改：{asset}")).ToHaveCountAsync(0);
        await Expect(tp.Locator(".g-alert.g-warn")).ToContainTextAsync("整改与核实须由不同的人办理");

        await using var county = await app.SignInAsync("tl_admin");
        var cp = county.Page;
        await cp.GotoAsync(checkUrl);
        var verify = Form(cp, $"核实整改：{asset}");
        await verify.GetByLabel("核实结果").SelectOptionAsync(new SelectOptionValue { Label = "核实通过" });
        await verify.GetByRole(AriaRole.Button, new() { Name = "提交核实" }).ClickAsync();
        await Expect(Ok(cp)).ToHaveTextAsync("已核实整改；资产状态已恢复为正常运营");
        await Expect(cp.Locator("#rectifications tbody tr", new() { HasText = asset })).ToContainTextAsync("已核实");
        await Expect(cp.Locator("#rectifications tbody tr", new() { HasText = asset })).ToContainTextAsync("核实 tl_admin");

        // The verified 整改 put the asset back to 正常运营, written into its history.
        await tp.GotoAsync(assetUrl);
        await Expect(tp.Locator("[data-status]")).ToHaveTextAsync("正常运营");
        await Expect(tp.Locator("#history tbody tr").Last).ToContainTextAsync("资产核查整改已核实");

        // The township's 整改 list across batches, from the batches' page: the item, verified.
        await township.GotoAsync("/projects/assets/checks");
        await tp.Locator("main").GetByRole(AriaRole.Link, new() { Name = "整改事项", Exact = true }).ClickAsync();
        await Expect(tp.Locator("h1")).ToHaveTextAsync("资产核查整改事项");
        var listed = tp.Locator("#rectification-list tbody tr", new() { HasText = asset });
        await Expect(listed).ToContainTextAsync(name);
        await Expect(listed).ToContainTextAsync("损毁：制冷机组损坏，无法使用");
        await Expect(listed).ToContainTextAsync("已核实");
        await tp.GetByLabel("只看已逾期").CheckAsync();
        await tp.Locator("form[aria-label='筛选整改事项']").GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(tp.Locator("#rectification-list tbody tr", new() { HasText = asset })).ToHaveCountAsync(0);
        township.AssertNoPageErrors();
        county.AssertNoPageErrors();
    }
}
