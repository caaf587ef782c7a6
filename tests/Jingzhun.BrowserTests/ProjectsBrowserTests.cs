using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// 衔接项目 on the real pages, each step by the role whose work it is: the village proposes a project with a household it
/// brings along; the township reviews; the county takes it into the library, issues the plan, records the money it
/// received and puts part of it onto the project; the township starts, reports progress and completes it; the county
/// pays (refused a fen beyond the budget) and accepts it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ProjectsBrowserTests(BrowserApp app)
{
    [GeneratedRegex(@"/projects/(\d+)$")]
    private static partial Regex ProjectUrl();

    private static ILocator Step(IPage page, string step) => page.Locator($"form[aria-label='{step}']");

    private static async Task DoAsync(IPage page, string step, string stage)
    {
        await Step(page, step).GetByRole(AriaRole.Button, new() { Name = step }).ClickAsync();
        await Expect(page.Locator(".g-alert.g-ok")).ToHaveTextAsync($"已{step}，项目当前为“{stage}”");
    }

    [SkippableFact]
    public async Task A_project_is_proposed_reviewed_planned_funded_built_paid_and_accepted_by_the_roles_that_do_each_step()
    {
        var year = DateTime.UtcNow.AddHours(8).Year.ToString(CultureInfo.InvariantCulture);
        await using var village = await app.SignInAsync("village");
        var vp = village.Page;
        var household = await RegistryPages.RegisterAsync(village);
        var name = "柑橘基地测试项目" + Names.New();

        // 申报 (the village): its own village is the project's place; the household is chosen from the registry.
        await village.GotoAsync("/projects");
        await vp.Locator("main").GetByRole(AriaRole.Link, new() { Name = "申报项目" }).ClickAsync();
        await Expect(vp.Locator("h1")).ToHaveTextAsync("申报项目");
        await vp.GetByLabel("项目名称").FillAsync(name);
        await vp.GetByLabel("项目类别").SelectOptionAsync(new SelectOptionValue { Label = "产业发展" });
        await vp.GetByLabel("项目子类").FillAsync("柑橘种植基地");
        await vp.GetByLabel("实施单位").FillAsync("村股份经济合作联合社");
        await vp.GetByLabel("计划开工").FillAsync($"{year}-03-01");
        await vp.GetByLabel("计划完工").FillAsync($"{year}-11-30");
        await vp.GetByLabel("带动户数").FillAsync("20");
        await vp.GetByLabel("资金来源 1").SelectOptionAsync(new SelectOptionValue { Label = "中央财政衔接资金" });
        await vp.GetByLabel("预算金额（元） 1").FillAsync("200000");
        var beneficiaries = Picker.Of(vp.Locator("main"), "受益户");
        await beneficiaries.Locator("[data-picker-search]").FillAsync(household.Number);
        var found = beneficiaries.Locator("[data-pick]", new() { HasText = household.Number });
        await Expect(found).ToHaveCountAsync(1);
        await found.ClickAsync();
        await Expect(beneficiaries.Locator(".picker-chip")).ToContainTextAsync(household.HeadName);
        await vp.GetByLabel("受益方式").SelectOptionAsync(new SelectOptionValue { Label = "务工就业" });
        await vp.GetByRole(AriaRole.Button, new() { Name = "申报", Exact = true }).ClickAsync();
        await Expect(vp.Locator(".g-alert.g-ok")).ToHaveTextAsync("项目已申报，待乡镇审核");
        await Expect(vp.Locator("h1")).ToContainTextAsync(name);
        var id = ProjectUrl().Match(vp.Url).Groups[1].Value;
        await Expect(vp.GetByRole(AriaRole.Link, new() { Name = household.Number })).ToBeVisibleAsync();
        // The village cannot review or approve.
        await Expect(vp.Locator("form.g-step")).ToHaveCountAsync(0);

        // 审核 (the township).
        await using var township = await app.SignInAsync("tuqiao");
        var tp = township.Page;
        await township.GotoAsync($"/projects/{id}");
        await DoAsync(tp, "审核", "已审核");
        await Expect(Step(tp, "论证入库")).ToHaveCountAsync(0);

        // 论证入库 and 计划下达 (the county), then the money: an allocation received and part of it put onto the project.
        await using var county = await app.SignInAsync("tl_admin");
        var cp = county.Page;
        await county.GotoAsync($"/projects/{id}");
        await DoAsync(cp, "论证入库", "已入库");
        await DoAsync(cp, "计划下达", "计划已下达");
        var doc = $"渝财农〔{year}〕测{Names.New()}号";
        await county.GotoAsync("/projects/funds");
        var allocation = cp.Locator("form[aria-label='登记资金下达']");
        await allocation.GetByLabel("资金来源").SelectOptionAsync(new SelectOptionValue { Label = "中央财政衔接资金" });
        await allocation.GetByLabel("资金级次").SelectOptionAsync(new SelectOptionValue { Label = "中央" });
        await allocation.GetByLabel("下达文号").FillAsync(doc);
        await allocation.GetByLabel("下达金额（元）").FillAsync("300000");
        await allocation.GetByLabel("下达日期").FillAsync(DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await allocation.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await Expect(cp.Locator(".g-alert.g-ok")).ToHaveTextAsync($"已登记资金下达 {doc}：300,000.00 元");
        await county.GotoAsync($"/projects/{id}");
        var assign = cp.Locator("form[aria-label='分配资金']");
        var option = assign.Locator("option", new() { HasText = doc });
        await assign.GetByLabel("下达资金").SelectOptionAsync((await option.GetAttributeAsync("value"))!);
        await assign.GetByLabel("分配金额（元）").FillAsync("200000");
        await assign.GetByRole(AriaRole.Button, new() { Name = "分配" }).ClickAsync();
        await Expect(cp.Locator(".g-alert.g-ok")).ToHaveTextAsync("已分配资金 200,000.00 元");

        // 开工, 报进度, 竣工 (the township).
        await township.GotoAsync($"/projects/{id}");
        await DoAsync(tp, "开工", "实施中");
        await Step(tp, "报进度").GetByLabel("实施进度（%）").FillAsync("60");
        await Step(tp, "报进度").GetByLabel("现场照片（JPEG/PNG，可多选，最多9张）").SetInputFilesAsync(new FilePayload
        {
            Name = "施工现场.jpg", MimeType = "image/jpeg", Buffer = await Images.JpegAsync(tp),
        });
        await Step(tp, "报进度").GetByRole(AriaRole.Button, new() { Name = "报进度" }).ClickAsync();
        await Expect(tp.Locator(".g-alert.g-ok")).ToHaveTextAsync("已报进度，项目当前为“实施中”（现场照片1张）");
        // The photo stays with the step in 办理过程, shown as the image it was.
        var sitePhoto = tp.Locator("#history img[alt^='现场照片']");
        await Expect(sitePhoto).ToHaveCountAsync(1);
        await Images.ExpectShownAsync(sitePhoto);
        await Expect(tp.Locator("[data-stage]")).ToHaveTextAsync("实施中（进度 60%）");
        await DoAsync(tp, "竣工", "已竣工");
        await Expect(Step(tp, "验收")).ToHaveCountAsync(0);

        // The county pays: one fen beyond the budget is refused and the form keeps what was typed; the budget exactly is paid.
        await county.GotoAsync($"/projects/{id}");
        var pay = cp.Locator("form[aria-label='登记支付']");
        await pay.GetByLabel("支付金额（元）").FillAsync("200000.01");
        await pay.GetByLabel("凭证号").FillAsync("付-001");
        await pay.GetByLabel("收款单位（人）").FillAsync("村股份经济合作联合社");
        await pay.GetByRole(AriaRole.Button, new() { Name = "登记支付" }).ClickAsync();
        await Expect(cp.Locator(".g-alert.g-error")).ToContainTextAsync("超过项目预算");
        await Expect(pay.GetByLabel("凭证号")).ToHaveValueAsync("付-001");
        await pay.GetByLabel("支付金额（元）").FillAsync("200000");
        await pay.GetByRole(AriaRole.Button, new() { Name = "登记支付" }).ClickAsync();
        await Expect(cp.Locator(".g-alert.g-ok")).ToHaveTextAsync("已登记支付 200,000.00 元");
        await Expect(cp.Locator("#payments tbody tr")).ToHaveCountAsync(1);

        // 验收 (the county), with its result; the history names everyone who took a step.
        await Step(cp, "验收").GetByLabel("验收结果").SelectOptionAsync(new SelectOptionValue { Label = "合格" });
        await DoAsync(cp, "验收", "已验收");
        // 资产移交 to its recipient, then 绩效评价 closes the project's steps.
        await Step(cp, "资产移交").GetByLabel("说明").FillAsync("光伏板与冷库移交村集体管护");
        await Step(cp, "资产移交").GetByLabel("移交对象 *").SelectOptionAsync(new SelectOptionValue { Label = "村集体经济组织" });
        // The asset it leaves: named here, worth what was paid (the form's default), of the class chosen.
        await Expect(Step(cp, "资产移交").GetByLabel("资产价值（元）")).ToHaveValueAsync(new Regex(@"^200000(\.0+)?$"));
        await Step(cp, "资产移交").GetByLabel("资产名称").FillAsync("村级光伏电站");
        await Step(cp, "资产移交").GetByLabel("资产类别").SelectOptionAsync(new SelectOptionValue { Label = "经营性资产" });
        await DoAsync(cp, "资产移交", "资产已移交");
        await Expect(cp.Locator("#assets tbody tr")).ToHaveCountAsync(1);
        await Expect(cp.Locator("#assets tbody tr td")).ToHaveTextAsync(["村级光伏电站", "经营性资产", "200,000.00", "正常运营"]);
        await Step(cp, "绩效评价").GetByLabel("绩效评价结果 *").SelectOptionAsync(new SelectOptionValue { Label = "良" });
        await DoAsync(cp, "绩效评价", "已绩效评价");
        await Expect(cp.Locator("form.g-step:has(input[name='Input.Step'])")).ToHaveCountAsync(0);
        await Expect(cp.Locator("#history tbody")).ToContainTextAsync("资产移交给：村集体经济组织；登记资产1项（200000.00元）；光伏板与冷库移交村集体管护");
        await Expect(cp.Locator("#history tbody")).ToContainTextAsync("绩效评价：良");
        var by = await cp.Locator("#history tbody tr td:nth-child(2)").AllInnerTextsAsync();
        Assert.Equal(["village", "tuqiao", "tl_admin", "tl_admin", "tuqiao", "tuqiao", "tuqiao", "tl_admin", "tl_admin", "tl_admin"], by);

        // The 支出进度 page shows the county with money paid.
        await county.GotoAsync($"/projects/spending?year={year}");
        await Expect(cp.Locator("#ranking tbody tr", new() { HasText = "铜梁区" })).ToHaveCountAsync(1);

        // 公告公示 (printed for the village board): the project's facts and money, its households counted by village and
        // benefit, the supervision phone; no household's name or number.
        await county.GotoAsync($"/projects/{id}");
        await cp.GetByRole(AriaRole.Link, new() { Name = "公告公示（打印）" }).ClickAsync();
        await Expect(cp.Locator("h1")).ToHaveTextAsync($"{year} 年度衔接资金项目公告公示");
        await Expect(cp.Locator("#notice-facts")).ToContainTextAsync(name);
        await Expect(cp.Locator("#notice-facts")).ToContainTextAsync("200,000.00 元（中央财政衔接资金 200,000.00 元）");
        await Expect(cp.Locator("#notice-facts")).ToContainTextAsync("村股份经济合作联合社");
        var counted = cp.Locator("#notice-beneficiaries tbody tr");
        await Expect(counted).ToHaveCountAsync(1);
        await Expect(counted.Locator("td")).ToHaveTextAsync(["六赢村村民委员会", "务工就业", "1"]);
        await Expect(cp.Locator("#notice-beneficiaries tfoot td")).ToHaveTextAsync("1");
        await Expect(cp.Locator("#notice-phone")).ToHaveTextAsync("12317");
        var sheet = await cp.Locator("main").InnerTextAsync();
        Assert.DoesNotContain(household.Number, sheet, StringComparison.Ordinal);
        Assert.DoesNotContain(household.HeadName, sheet, StringComparison.Ordinal);

        // The asset it left is in the ledger, with its project.
        await county.GotoAsync($"/projects/assets?q={Uri.EscapeDataString("村级光伏电站")}&projectId={id}");
        await cp.Locator("#asset-list").GetByRole(AriaRole.Link, new() { Name = "村级光伏电站" }).ClickAsync();
        await Expect(cp.Locator("h1")).ToContainTextAsync("村级光伏电站");
        await Expect(cp.Locator("#asset-facts")).ToContainTextAsync($"项目 {id}：{name}");
        await Expect(cp.Locator("#asset-facts")).ToContainTextAsync("200,000.00 元");
        Assert.Empty(village.Errors.Concat(township.Errors).Concat(county.Errors));
    }

    [SkippableFact]
    public async Task The_home_dashboard_shows_the_projects_and_each_figure_opens_its_list()
    {
        await using var county = await app.SignInAsync("tl_admin");
        var page = county.Page;
        await county.GotoAsync("/");
        var card = page.Locator("#projects-summary");
        await Expect(card.Locator("h2")).ToContainTextAsync("衔接项目与资金");
        // The demo county has money issued this year: the 支出进度 figure opens the spending page.
        await Expect(card.Locator("[data-figure='spending']")).ToHaveTextAsync(new Regex(@"^\d+(\.\d+)?%$"));

        // A stage's figure opens the list of the year's projects of that stage, with the same count.
        var started = card.Locator("#projects-by-stage tbody tr", new() { HasText = "实施中" }).Locator("a");
        var count = (await started.InnerTextAsync()).Trim();
        await started.ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("stage=Started", StringComparison.Ordinal));
        await Expect(page.Locator("main")).ToContainTextAsync($"共 {count.Replace(",", "", StringComparison.Ordinal)} 个项目");

        // The warned figure opens the late projects.
        await county.GotoAsync("/");
        var warned = card.Locator("[data-figure='projects-warned']");
        var late = (await warned.InnerTextAsync()).Trim();
        await warned.ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("warning=true", StringComparison.Ordinal));
        await Expect(page.Locator("main")).ToContainTextAsync($"共 {late.Replace(",", "", StringComparison.Ordinal)} 个项目");

        // The asset ledger's figures: all of it, and a class (the demo's handed-over projects left 经营性 assets) open the ledger.
        await county.GotoAsync("/");
        var all = card.Locator("[data-figure='assets']");
        var total = (await all.InnerTextAsync()).Trim().Replace(",", "", StringComparison.Ordinal);
        Assert.NotEqual("0", total);
        await all.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("扶贫项目资产台账");
        await Expect(page.Locator("main")).ToContainTextAsync($"共 {total} 项资产");
        await county.GotoAsync("/");
        var operating = card.Locator("#assets-by-class tbody tr", new() { HasText = "经营性资产" }).Locator("a");
        var operatingCount = (await operating.InnerTextAsync()).Trim().Replace(",", "", StringComparison.Ordinal);
        await operating.ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("class=Operating", StringComparison.Ordinal));
        await Expect(page.Locator("main")).ToContainTextAsync($"共 {operatingCount} 项资产");
        await Expect(page.Locator("select[name='class'] option:checked")).ToHaveTextAsync("经营性资产");
        county.AssertNoPageErrors();
    }
}
