using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// 村集体经济 and 产业基地 on the real pages, by the county's project staff: from the figure of villages without an
/// organisation to one of them, its 股份经济合作社 registered, an income recorded a fen below 10万 (band 10万元以下) and
/// corrected to 10万 (band 10万至100万元, counted by the village's figure); an industry base registered through its form.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CollectiveBrowserTests(BrowserApp app)
{
    private static ILocator Form(IPage page, string name) => page.Locator($"form[aria-label='{name}']");
    private static ILocator Ok(IPage page) => page.Locator(".g-alert.g-ok");

    /// <summary>Fills the base form's fields (its first village ticked).</summary>
    private static async Task FillBaseAsync(ILocator form, string name, string product, string areaMu, string households, string poor, string operators,
        string method)
    {
        await form.GetByLabel("基地名称").FillAsync(name);
        await form.GetByLabel("主要产品").FillAsync(product);
        await form.GetByLabel("面积（亩）").FillAsync(areaMu);
        await form.Locator("input[name=VillageCodes]").First.CheckAsync();
        await form.GetByLabel("带动农户数").FillAsync(households);
        await form.GetByLabel("其中脱贫户和监测户数").FillAsync(poor);
        await form.GetByLabel("龙头企业/合作社").FillAsync(operators);
        await form.GetByLabel("联农带农方式").SelectOptionAsync(new SelectOptionValue { Label = method });
    }

    [SkippableFact]
    public async Task The_home_card_opens_the_list_of_as_many_villages_as_each_figure_counts()
    {
        await using var county = await app.SignInAsync("tl_admin");
        var p = county.Page;
        foreach (var figure in new[] { "collective-All", "collective-Organized", "collective-band-Low" })
        {
            await county.GotoAsync("/");
            await Expect(p.Locator("#collective-summary h2")).ToContainTextAsync("村集体经济");
            var link = p.Locator($"#collective-summary [data-figure='{figure}']");
            var count = int.Parse(await link.InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            await link.ClickAsync();
            await Expect(p.Locator("#collective-villages")).ToBeVisibleAsync();
            await Expect(p.Locator("#village-count")).ToHaveTextAsync(count.ToString(CultureInfo.InvariantCulture));
            await Expect(p.Locator("#collective-villages tbody tr")).ToHaveCountAsync(count);
        }
        county.AssertNoPageErrors();
    }

    [SkippableFact]
    public async Task The_township_corrects_an_organisation_and_a_base_through_their_edit_forms()
    {
        await using var township = await app.SignInAsync("tuqiao");
        var p = township.Page;
        // A village of the township without an organisation: registered first, then corrected.
        await township.GotoAsync("/projects/collective");
        await p.Locator("[data-figure='Unorganized'] a").ClickAsync();
        await p.Locator("#collective-villages tbody a").First.ClickAsync();
        var register = Form(p, "登记集体经济组织");
        await register.GetByLabel("组织名称").FillAsync("股份经济合作社" + Names.New());
        await register.GetByLabel("成立日期").FillAsync("2018-03-01");
        await register.GetByLabel("成员人数").FillAsync("500");
        await register.GetByRole(AriaRole.Button, new() { Name = "登记组织" }).ClickAsync();
        await Expect(Ok(p)).ToHaveTextAsync("已登记集体经济组织");

        await p.Locator("#collective-edit summary").ClickAsync();
        var edit = Form(p, "编辑集体经济组织");
        var name = "股份经济联合社" + Names.New();
        await edit.GetByLabel("组织名称").FillAsync(name);
        await edit.GetByLabel("统一社会信用代码").FillAsync("91350100M000100Y44");
        await edit.GetByLabel("成员人数").FillAsync("612");
        await edit.GetByRole(AriaRole.Button, new() { Name = "保存修改" }).ClickAsync();
        await Expect(p.Locator(".g-alert.g-error")).ToContainTextAsync("校验码");
        edit = Form(p, "编辑集体经济组织");
        await Expect(edit.GetByLabel("组织名称")).ToHaveValueAsync(name);
        await edit.GetByLabel("统一社会信用代码").FillAsync("91350100M000100Y43");
        await edit.GetByRole(AriaRole.Button, new() { Name = "保存修改" }).ClickAsync();
        await Expect(Ok(p)).ToHaveTextAsync("已修改集体经济组织信息");
        await Expect(p.Locator("#collective-organization")).ToContainTextAsync(name);
        await Expect(p.Locator("#collective-organization")).ToContainTextAsync("612 人");
        await Expect(p.Locator("#collective-organization")).ToContainTextAsync("最后修改 tuqiao");

        // A base of the township: registered, then corrected from its row's 编辑.
        await township.GotoAsync("/projects/industry/bases/new");
        var form = Form(p, "产业基地");
        var baseName = "柑橘基地" + Names.New();
        await FillBaseAsync(form, baseName, "柑橘", "60", "40", "6", "土桥镇柑橘专业合作社", "土地流转");
        await form.GetByRole(AriaRole.Button, new() { Name = "登记基地" }).ClickAsync();
        await Expect(Ok(p)).ToContainTextAsync(baseName);

        await p.Locator("#base-list").GetByRole(AriaRole.Link, new() { Name = "编辑" + baseName }).ClickAsync();
        await Expect(p.Locator("h1")).ToHaveTextAsync("编辑产业基地");
        form = Form(p, "产业基地");
        await Expect(form.GetByLabel("基地名称")).ToHaveValueAsync(baseName);
        await form.GetByLabel("带动农户数").FillAsync("4");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存修改" }).ClickAsync();
        await Expect(p.Locator(".g-alert.g-error")).ToContainTextAsync("不能超过带动户数");
        form = Form(p, "产业基地");
        await form.GetByLabel("带动农户数").FillAsync("85");
        await form.GetByLabel("面积（亩）").FillAsync("120.5");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存修改" }).ClickAsync();
        await Expect(Ok(p)).ToContainTextAsync("已修改产业基地");
        var row = p.Locator("#base-list tr", new() { HasText = baseName });
        await Expect(row).ToContainTextAsync("120.5");
        await Expect(row).ToContainTextAsync("85");
        Assert.Empty(township.Errors);
    }

    [SkippableFact]
    public async Task An_organisation_is_registered_its_income_recorded_and_its_band_changes_and_a_base_is_registered()
    {
        var year = Beijing.Now.Year;
        await using var county = await app.SignInAsync("tl_admin");
        var p = county.Page;
        await county.GotoAsync("/projects/collective");
        await Expect(p.Locator("h1")).ToHaveTextAsync("村集体经济");
        await p.Locator("[data-figure='Unorganized'] a").ClickAsync();
        await Expect(p.Locator("h1")).ToContainTextAsync("未登记集体经济组织的村");
        await p.Locator("#collective-villages tbody a").First.ClickAsync();
        await Expect(p.Locator("#collective-empty")).ToContainTextAsync("尚未登记");
        var villageUrl = p.Url.Split('?')[0];
        var village = villageUrl[^12..];

        var register = Form(p, "登记集体经济组织");
        var name = "股份经济合作社" + Names.New();
        await register.GetByLabel("组织名称").FillAsync(name);
        await register.GetByLabel("统一社会信用代码").FillAsync("91350100M000100Y44");
        await register.GetByLabel("成立日期").FillAsync("2019-04-01");
        await register.GetByLabel("成员人数").FillAsync("860");
        await register.GetByRole(AriaRole.Button, new() { Name = "登记组织" }).ClickAsync();
        await Expect(p.Locator(".g-alert.g-error")).ToContainTextAsync("校验码");
        await Expect(Form(p, "登记集体经济组织").GetByLabel("组织名称")).ToHaveValueAsync(name);
        await Form(p, "登记集体经济组织").GetByLabel("统一社会信用代码").FillAsync("91350100M000100Y43");
        await Form(p, "登记集体经济组织").GetByRole(AriaRole.Button, new() { Name = "登记组织" }).ClickAsync();
        await Expect(Ok(p)).ToHaveTextAsync("已登记集体经济组织");
        await Expect(p.Locator("#collective-organization")).ToContainTextAsync(name);

        async Task RecordAsync(string amount)
        {
            var form = Form(p, "登记年度收入");
            await form.GetByLabel("年度").FillAsync(year.ToString(CultureInfo.InvariantCulture));
            await form.GetByLabel("收入来源").SelectOptionAsync(new SelectOptionValue { Label = "经营收入" });
            await form.GetByLabel("金额（元）").FillAsync(amount);
            await form.GetByRole(AriaRole.Button, new() { Name = "登记收入" }).ClickAsync();
            await Expect(Ok(p)).ToContainTextAsync($"已登记{year}年经营收入");
        }
        var card = p.Locator($"[data-year='{year}']");
        await RecordAsync("99999.99");
        await Expect(card.Locator("[data-band]")).ToHaveTextAsync("10万元以下");
        await Expect(card.Locator("[data-operating]")).ToHaveTextAsync("99,999.99");
        await RecordAsync("100000");
        await Expect(card.Locator("[data-band]")).ToHaveTextAsync("10万至100万元");

        // The village's figures count it in the 10万 band, and the figure opens the village.
        await county.GotoAsync($"/projects/collective?region={village}&year={year}");
        await Expect(p.Locator("[data-figure='Middle'] a")).ToHaveTextAsync("1");
        await p.Locator("[data-figure='Middle'] a").ClickAsync();
        await Expect(p.Locator("#collective-villages tbody tr")).ToHaveCountAsync(1);
        await Expect(p.Locator("#collective-villages tbody")).ToContainTextAsync(name);

        // 产业基地 through its form.
        await county.GotoAsync("/projects/industry");
        await p.Locator("main").GetByRole(AriaRole.Link, new() { Name = "登记产业基地" }).ClickAsync();
        await Expect(p.Locator("h1")).ToHaveTextAsync("登记产业基地");
        var form = Form(p, "产业基地");
        var baseName = "精品蔬菜基地" + Names.New();
        await form.GetByLabel("主导产业").SelectOptionAsync(new SelectOptionValue { Label = "精品蔬菜" });
        await FillBaseAsync(form, baseName, "莴笋", "320.5", "150", "200", "铜梁区绿源蔬菜专业合作社", "订单收购");
        if (await form.Locator("input[name=ProjectIds]").CountAsync() > 0) await form.Locator("input[name=ProjectIds]").First.CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "登记基地" }).ClickAsync();
        await Expect(p.Locator(".g-alert.g-error")).ToContainTextAsync("不能超过带动户数");
        await Form(p, "产业基地").GetByLabel("其中脱贫户和监测户数").FillAsync("40");
        await Form(p, "产业基地").GetByRole(AriaRole.Button, new() { Name = "登记基地" }).ClickAsync();
        await Expect(Ok(p)).ToContainTextAsync(baseName);
        await Expect(p.Locator("#base-list")).ToContainTextAsync(baseName);
        await Expect(p.Locator("#base-list tr", new() { HasText = baseName })).ToContainTextAsync("320.5");
        Assert.Empty(county.Errors);
    }
}
