using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// 扶贫项目资产台账 on the real pages, by the roles that do each part: the township registers an older 冷库 (refused
/// first for an owner that does not fit its class), proposes its income's 分配方案 with a household chosen from the
/// registry, changes its status and custodian and records a repair, and asks for its disposal; the county approves
/// the plan, pays it (the household's dividend goes into its 财产性收入, seen on its income page and its 帮扶项目 panel)
/// and approves the disposal.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AssetsBrowserTests(BrowserApp app)
{
    private static ILocator Form(IPage page, string name) => page.Locator($"form[aria-label='{name}']");
    private static ILocator Ok(IPage page) => page.Locator(".g-alert.g-ok");

    [SkippableFact]
    public async Task An_older_asset_is_registered_its_income_shared_approved_and_paid_into_a_households_income_and_it_is_cared_for_and_disposed()
    {
        var year = Beijing.Now.Year - 1;
        await using var village = await app.SignInAsync("village");
        var household = await RegistryPages.RegisterAsync(village);
        await RegistryPages.RecordIncomeAsync(village, household, 20000m);

        // 登记存量资产 (the township): an owner that does not fit the class is refused, what was typed is kept.
        await using var township = await app.SignInAsync("tuqiao");
        var tp = township.Page;
        var name = "冷库" + Names.New();
        await township.GotoAsync("/projects/assets");
        await tp.Locator("main").GetByRole(AriaRole.Link, new() { Name = "登记存量资产" }).ClickAsync();
        await Expect(tp.Locator("h1")).ToHaveTextAsync("登记存量资产");
        await tp.GetByLabel("资产名称").FillAsync(name);
        await RegionPicker.ChooseCodeAsync(tp, household.Number[..12]);
        await tp.GetByLabel("资产类别").SelectOptionAsync(new SelectOptionValue { Label = "经营性资产" });
        await tp.GetByLabel("确权所有者").SelectOptionAsync(new SelectOptionValue { Label = "受益户" });
        await tp.GetByLabel("计量单位").FillAsync("座");
        await tp.GetByLabel("资产价值（元）").FillAsync("150000");
        await tp.GetByLabel("管护责任人").FillAsync("王五");
        await tp.GetByLabel("登记日期").FillAsync($"{year - 2}-06-30");
        await tp.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        await Expect(tp.Locator(".g-alert.g-error")).ToContainTextAsync("只有到户类资产归受益户所有");
        await Expect(tp.GetByLabel("资产名称")).ToHaveValueAsync(name);
        await tp.GetByLabel("确权所有者").SelectOptionAsync(new SelectOptionValue { Label = "村集体经济组织" });
        await tp.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        await Expect(Ok(tp)).ToHaveTextAsync("已登记资产");
        await Expect(tp.Locator("h1")).ToContainTextAsync(name);
        await Expect(tp.Locator("#asset-facts")).ToContainTextAsync("150,000.00 元");
        var assetUrl = tp.Url;

        // 收益及分配方案 (the township): 600 to the collective, 200 to 公益性岗位, the rest to the chosen household.
        var plan = Form(tp, "登记收益及分配方案");
        await plan.GetByLabel("收益年度").FillAsync(year.ToString(CultureInfo.InvariantCulture));
        await plan.GetByLabel("收益金额（元）").FillAsync("1000");
        await plan.GetByLabel("分配给村集体（元）").FillAsync("600");
        await plan.GetByLabel("用于公益性岗位（元）").FillAsync("200");
        await Picker.ChooseAsync(plan, "分红户（其余收益按户平均分配）", household.Number);
        await plan.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await Expect(Ok(tp)).ToHaveTextAsync($"已登记{year}年收益及分配方案，待审批");
        await Expect(tp.Locator("#incomes tbody tr")).ToContainTextAsync("待审批");
        await Expect(tp.Locator("#dividends tbody tr")).ToContainTextAsync("200.00");
        // The township does not approve what it proposed.
        await Expect(Form(tp, "审批分配方案")).ToHaveCountAsync(0);

        // The county approves and pays: the dividend goes into the household's income of that year.
        await using var county = await app.SignInAsync("tl_admin");
        var cp = county.Page;
        await cp.GotoAsync(assetUrl);
        await Form(cp, "审批分配方案").GetByRole(AriaRole.Button, new() { Name = "审批通过" }).ClickAsync();
        await Expect(Ok(cp)).ToHaveTextAsync("已审批收益分配方案");
        await Form(cp, "发放收益").GetByRole(AriaRole.Button, new() { Name = "发放" }).ClickAsync();
        await Expect(Ok(cp)).ToHaveTextAsync("已发放收益，1户分红已计入当年财产性收入");
        await Expect(cp.Locator("#dividends tbody tr")).ToContainTextAsync($"已计入{year}年财产性收入");
        await county.GotoAsync($"/households/{household.Id}/incomes/{year}");
        await Expect(cp.GetByLabel("财产性收入", new() { Exact = true })).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^200(\.0+)?$"));
        await Expect(cp.GetByLabel("其中：资产收益分红")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^200(\.0+)?$"));
        await county.GotoAsync($"/households/{household.Id}/panels/projects");
        await Expect(cp.Locator("#household-dividends tbody tr")).ToContainTextAsync($"已发放，计入{year}年财产性收入");
        await Expect(cp.Locator("#household-dividends tbody tr")).ToContainTextAsync(name);

        // Status, custodian and a repair (the township): 闲置 needs its reason written.
        await tp.ReloadAsync();
        var update = Form(tp, "资产状态与管护责任人");
        await update.GetByLabel("资产状态").SelectOptionAsync(new SelectOptionValue { Label = "闲置" });
        await update.GetByLabel("管护责任人").FillAsync("赵六");
        await update.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(tp.Locator(".g-alert.g-error")).ToContainTextAsync("须写明情况");
        await Form(tp, "资产状态与管护责任人").GetByLabel("情况说明").FillAsync("经营主体退出，设施暂未使用");
        await Form(tp, "资产状态与管护责任人").GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(Ok(tp)).ToHaveTextAsync("已保存资产状态与管护责任人");
        await Expect(tp.Locator("[data-status]")).ToHaveTextAsync("闲置");
        await Expect(tp.Locator("[data-custodian]")).ToHaveTextAsync("赵六");
        var care = Form(tp, "登记管护记录");
        await care.GetByLabel("管护类型").SelectOptionAsync(new SelectOptionValue { Label = "维修" });
        await care.GetByLabel("管护情况").FillAsync("压缩机维修");
        await care.GetByLabel("费用（元）").FillAsync("800");
        await care.GetByLabel("现场照片（JPEG/PNG，可多选，最多9张）").SetInputFilesAsync(new FilePayload
        {
            Name = "维修现场.jpg", MimeType = "image/jpeg", Buffer = await Images.JpegAsync(tp),
        });
        await care.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await Expect(Ok(tp)).ToHaveTextAsync("已登记管护记录（照片1张）");
        await Expect(tp.Locator("#cares tbody tr").First).ToContainTextAsync("压缩机维修");
        // The photo is shown with the record and opens as the image it was.
        var shown = tp.Locator("#cares tbody tr").First.Locator("img[alt^='管护照片']");
        await Expect(shown).ToHaveCountAsync(1);
        await Images.ExpectShownAsync(shown);

        // Disposal: asked by the township, approved by the county; the record stays, in Beijing time with who did what.
        await Form(tp, "申请处置").GetByLabel("处置原因").FillAsync("设备老化无修复价值");
        await Form(tp, "申请处置").GetByRole(AriaRole.Button, new() { Name = "申请处置" }).ClickAsync();
        await Expect(Ok(tp)).ToHaveTextAsync("已申请处置，待审批");
        await cp.GotoAsync(assetUrl);
        var decide = Form(cp, "审批处置");
        await decide.GetByLabel("审批结果").SelectOptionAsync(new SelectOptionValue { Label = "同意处置" });
        await decide.GetByRole(AriaRole.Button, new() { Name = "提交审批" }).ClickAsync();
        await Expect(Ok(cp)).ToHaveTextAsync("已批准处置，资产记录保留");
        await Expect(cp.Locator("[data-status]")).ToHaveTextAsync("已处置");
        await Expect(cp.Locator("form.g-step")).ToHaveCountAsync(0);
        var by = await cp.Locator("#history tbody tr td:nth-child(2)").AllInnerTextsAsync();
        Assert.Equal(["tuqiao", "tuqiao", "tuqiao", "tuqiao", "tl_admin"], by);
        Beijing.AssertShows(await cp.Locator("#history tbody tr").Last.Locator("td").First.InnerTextAsync(), Beijing.Now);
        township.AssertNoPageErrors();
        county.AssertNoPageErrors();
    }
}
