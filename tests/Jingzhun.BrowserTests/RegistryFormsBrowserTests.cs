using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// The registry's everyday forms as the village officer fills them: 新增建档户, 编辑户信息, 添加成员 and 编辑 a member,
/// 减员, and 录入收入. Every save is judged by the page's own Chinese message and the household page afterwards.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RegistryFormsBrowserTests(BrowserApp app)
{
    [SkippableFact]
    public async Task A_village_officer_registers_a_household_and_edits_it()
    {
        await using var village = await app.SignInAsync("village");
        var page = village.Page;
        var h = await RegistryPages.RegisterAsync(village);
        await Expect(page.Locator("#basic")).ToContainTextAsync("脱贫户");
        await Expect(page.Locator("#basic")).ToContainTextAsync("一般脱贫户");
        await Expect(page.Locator("#basic")).ToContainTextAsync("因病");
        var head = page.Locator("#members tbody tr").Filter(new() { HasText = h.HeadName });
        await Expect(head.Locator("td").Nth(2)).ToHaveTextAsync("户主");
        await Expect(head.Locator("td").Nth(3)).ToHaveTextAsync("男");
        // 变更历史: the registration, by this user, in Beijing time.
        var entry = page.Locator("#history li").First;
        Beijing.AssertShows(await entry.Locator("time").InnerTextAsync(), Beijing.Now);
        await Expect(entry.Locator(".user")).ToHaveTextAsync("村干部"); // the account's name, not its login
        await Expect(entry.Locator(".badge")).ToHaveTextAsync("新增");

        await page.GetByRole(AriaRole.Link, new() { Name = "编辑户信息" }).ClickAsync();
        await page.GetByLabel("详细地址", new() { Exact = true }).FillAsync("高桥村5组12号");
        await page.GetByLabel("住房安全等级", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "B级（基本安全）" });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await village.ExpectFlashAsync("户信息已保存");
        var change = page.Locator("#history li").First;
        await Expect(change.Locator(".badge")).ToHaveTextAsync("修改");
        await Expect(change.Locator(".changes")).ToContainTextAsync("住址：（空） → 高桥村5组12号");
        Beijing.AssertShows(await change.Locator("time").InnerTextAsync(), Beijing.Now);

        // Found again from the list by the name as typed: listed in the order of the name that matched.
        await village.GotoAsync("/households");
        await page.Locator("#f-q").FillAsync(h.HeadName);
        await page.Locator("#f-q").PressAsync("Enter");
        await Expect(page.Locator("#results .results-head")).ToContainTextAsync("共 1 户");
        await Expect(page.Locator("#results .results-head")).ToContainTextAsync("按匹配的姓名排列");
        await Expect(page.Locator("#results tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#results tbody tr")).ToContainTextAsync(h.Number);
        village.AssertNoPageErrors();
    }

    [SkippableFact]
    public async Task A_surname_alone_pages_forward_and_back_by_the_pager()
    {
        await using var county = await app.SignInAsync("tl_admin");
        var page = county.Page;
        await county.GotoAsync("/households");
        await page.Locator("#f-q").FillAsync("王");
        await page.Locator("#f-q").PressAsync("Enter");
        var head = page.Locator("#results .results-head");
        await Expect(head).ToContainTextAsync("当前第 1–20 户，按匹配的姓名排列");
        var rows = page.Locator("#results tbody tr");
        var first = await rows.First.Locator("td").First.InnerTextAsync();
        var last = await rows.Last.Locator("td").First.InnerTextAsync();

        // 下一页 reads on from the last row seen (its anchor is in the address); 上一页 comes back to the same rows.
        await page.Locator("#results .pager").GetByRole(AriaRole.Link, new() { Name = "下一页" }).ClickAsync();
        await Expect(head).ToContainTextAsync("当前第 21–40 户");
        await Expect(page).ToHaveURLAsync(new Regex("page=2&after=1\\.\\d+"));
        await Expect(rows.First.Locator("td").First).Not.ToHaveTextAsync(first);
        Assert.DoesNotContain(last, await rows.Locator("td:first-child").AllInnerTextsAsync());
        await page.Locator("#results .pager").GetByRole(AriaRole.Link, new() { Name = "上一页" }).ClickAsync();
        await Expect(head).ToContainTextAsync("当前第 1–20 户");
        await Expect(rows.First.Locator("td").First).ToHaveTextAsync(first);
        await Expect(rows.Last.Locator("td").First).ToHaveTextAsync(last);
        county.AssertNoPageErrors();
    }

    [SkippableFact]
    public async Task A_member_is_added_edited_and_removed_on_the_household_page()
    {
        await using var village = await app.SignInAsync("village");
        var page = village.Page;
        var h = await RegistryPages.RegisterAsync(village);

        await page.GetByRole(AriaRole.Link, new() { Name = "＋ 添加成员" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("增加成员");
        var spouse = Names.New();
        var birth = IdNumbers.Born(1972, 1980);
        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync(spouse);
        await page.GetByLabel("公民身份号码").FillAsync(IdNumbers.New(birth, male: false));
        // The page reads the gender and birth date from the number.
        await Expect(page.Locator(".derived")).ToHaveTextAsync($"女 · 出生 {birth:yyyy-MM-dd}");
        await page.GetByLabel("与户主关系").SelectOptionAsync(new SelectOptionValue { Label = "配偶" });
        await page.GetByLabel("文化程度").SelectOptionAsync(new SelectOptionValue { Label = "小学" });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await village.ExpectFlashAsync($"已增加成员 {spouse}");
        var row = page.Locator("#members tbody tr").Filter(new() { HasText = spouse });
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("配偶");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("女");
        await Expect(row.Locator("td").Nth(6)).ToHaveTextAsync("小学");
        await Expect(page.Locator(".hh-summary")).ToContainTextAsync("2 人");

        await row.GetByRole(AriaRole.Link, new() { Name = "编辑" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("修改成员");
        await page.GetByLabel("文化程度").SelectOptionAsync(new SelectOptionValue { Label = "初中" });
        await page.GetByLabel("务工状况").SelectOptionAsync(new SelectOptionValue { Label = "县外省内务工" });
        await page.GetByLabel("务工时间（月）").FillAsync("9");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await village.ExpectFlashAsync($"成员 {spouse} 的信息已保存");
        await Expect(row.Locator("td").Nth(6)).ToHaveTextAsync("初中");
        await Expect(row.Locator("td").Nth(10)).ToHaveTextAsync(new Regex(@"^县外省内务工\s*（9个月）\s*$"));

        await row.GetByRole(AriaRole.Link, new() { Name = "减员" }).ClickAsync();
        await page.GetByLabel("减员原因").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        var reason = (await page.GetByLabel("减员原因").Locator("option:checked").InnerTextAsync()).Trim();
        var today = DateOnly.FromDateTime(Beijing.Now);
        await page.GetByLabel("减员日期").FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel($"我已核实：{spouse}", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认减员" }).ClickAsync();
        await village.ExpectFlashAsync($"成员 {spouse} 已办理减员（{reason}，{today:yyyy-MM-dd}）");
        await Expect(row.Locator("td").Nth(13)).ToContainTextAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(page.Locator(".hh-summary")).ToContainTextAsync("1 人");
        village.AssertNoPageErrors();
    }

    [SkippableFact]
    public async Task Income_is_recorded_for_a_year_and_the_per_capita_figure_is_shown()
    {
        await using var village = await app.SignInAsync("village");
        var page = village.Page;
        await RegistryPages.RegisterAsync(village);
        var year = Beijing.Now.Year - 1;

        await page.Locator("#income").GetByRole(AriaRole.Link, new() { Name = $"＋ 录入 {year} 年收入" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync($"{year}年收入");
        await page.GetByLabel("工资性收入", new() { Exact = true }).FillAsync("24000");
        await page.GetByLabel("生产经营性收入", new() { Exact = true }).FillAsync("6000.50");
        await page.GetByLabel("生产经营性支出", new() { Exact = true }).FillAsync("1500");
        await page.GetByLabel("转移性收入", new() { Exact = true }).FillAsync("3600");
        await page.GetByLabel("其中：养老金").FillAsync("1800");
        await page.GetByLabel("家庭人口数").FillAsync("2");
        // The page previews the figure; the server's is the one that counts.
        await Expect(page.Locator("#income-preview")).ToHaveTextAsync("16050.25 元（2人）");
        await page.GetByRole(AriaRole.Button, new() { Name = $"保存{year}年收入" }).ClickAsync();
        await village.ExpectFlashAsync($"{year}年收入已保存：家庭纯收入 32,100.50 元，人均纯收入 16,050.25 元（2人）");
        await Expect(page.Locator(".figure")).ToContainTextAsync("已保存的人均纯收入：16,050.25 元");
        Beijing.AssertShows(await page.Locator(".figure .hint").First.InnerTextAsync(), Beijing.Now);

        await page.GetByRole(AriaRole.Link, new() { Name = "返回户详情" }).ClickAsync();
        await Expect(page.Locator(".hh-summary")).ToContainTextAsync($"16,050.25 元（{year}年）");
        village.AssertNoPageErrors();
    }
}

internal sealed record NewHousehold(long Id, string Number, string HeadName, string HeadId = "");

/// <summary>新增建档户 as the signed-in village officer (the village is theirs): a 脱贫户 and its head.</summary>
internal static partial class RegistryPages
{
    [GeneratedRegex(@"^已建档：户编号 (\d{16})")]
    private static partial Regex Registered();

    public static async Task<NewHousehold> RegisterAsync(Session s)
    {
        var page = s.Page;
        await s.GotoAsync("/households");
        await page.GetByRole(AriaRole.Link, new() { Name = "＋ 新建户" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("新增建档户");
        await page.GetByLabel("户类型", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "脱贫户" });
        await page.GetByLabel("贫困户属性", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "一般脱贫户" });
        await page.GetByLabel("识别年度", new() { Exact = true }).FillAsync("2015");
        await page.GetByLabel("脱贫年度", new() { Exact = true }).FillAsync("2019");
        await page.GetByLabel("识别标准", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "国家标准" });
        await page.GetByLabel("主要致贫原因", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "因病" });
        var head = Names.New();
        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync(head);
        var headId = IdNumbers.New(IdNumbers.Born(1960, 1975), male: true);
        await page.GetByLabel("公民身份号码").FillAsync(headId);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存建档" }).ClickAsync();
        await Expect(s.Flash).ToContainTextAsync("已建档：户编号");
        var number = Registered().Match(await s.Flash.InnerTextAsync()).Groups[1].Value;
        await Expect(page.Locator("h1")).ToContainTextAsync($"{head} 户");
        await Expect(page.Locator("h1")).ToContainTextAsync(number);
        var id = long.Parse(new Uri(page.Url).Segments[^1], CultureInfo.InvariantCulture);
        return new NewHousehold(id, number, head, headId);
    }

    /// <summary>录入收入 from the household page: last year's wages, for the household as registered.</summary>
    public static async Task RecordIncomeAsync(Session s, NewHousehold h, decimal wages)
    {
        var page = s.Page;
        var year = Beijing.Now.Year - 1;
        await s.GotoAsync($"/households/{h.Id}");
        await page.Locator("#income").GetByRole(AriaRole.Link, new() { Name = $"＋ 录入 {year} 年收入" }).ClickAsync();
        await page.GetByLabel("工资性收入", new() { Exact = true }).FillAsync(wages.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = $"保存{year}年收入" }).ClickAsync();
        await Expect(s.Flash).ToContainTextAsync($"{year}年收入已保存");
    }
}
