using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// 驻村帮扶 on the pages: a cadre's 登记走访 on the page form; the village pairs a new household with a cadre (结对帮扶) and
/// records a visit for that cadre; the 驻村工作队 form answers in Chinese. Times are entered and shown in Beijing time.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FieldWorkBrowserTests(BrowserApp app)
{
    [SkippableFact]
    public async Task A_cadre_records_a_visit_on_the_page_form_and_sees_it_in_beijing_time()
    {
        await using var cadre = await app.SignInAsync("cadre");
        var page = cadre.Page;
        // The cadre sees the paired households only; the second one (the field-app tests use the first and the last).
        await cadre.GotoAsync("/households");
        var rows = page.Locator("#results tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        var row = await rows.CountAsync() > 1 ? rows.Nth(1) : rows.First;
        await row.Locator("a[href^='/households/']").First.ClickAsync();
        var head = (await page.Locator("h1").InnerTextAsync()).Split(' ')[0];

        await page.Locator("#visits").GetByRole(AriaRole.Link, new() { Name = "登记走访" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("登记走访");
        // The form proposes now, in Beijing time; the cadre enters the hour of the visit.
        var proposed = await page.GetByLabel("走访时间 *").InputValueAsync();
        Beijing.AssertShows(proposed.Replace('T', ' '), Beijing.Now);
        var visitedAt = Beijing.Now.AddHours(-2);
        await page.GetByLabel("走访时间 *").FillAsync(visitedAt.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("走访类型 *").SelectOptionAsync(new SelectOptionValue { Label = "寒来暑往" });
        var notes = $"页面走访：户主在家，饮水正常 {Guid.NewGuid():N}";
        await page.GetByLabel("走访情况").FillAsync(notes);
        await page.GetByLabel("卫生厕所（现：").SelectOptionAsync(new SelectOptionValue { Label = "是" });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存走访" }).ClickAsync();

        await cadre.ExpectFlashAsync("已保存走访记录");
        await Expect(page.Locator("h1")).ToHaveTextAsync("走访详情");
        var facts = page.Locator("dl.g-facts");
        await Expect(facts).ToContainTextAsync($"户主 {head}");
        await Expect(facts).ToContainTextAsync("寒来暑往");
        await Expect(facts).ToContainTextAsync(notes);
        await Expect(facts.Locator("dt:text-is('户信息更新') + dd")).ToHaveTextAsync("已更新");
        var when = await facts.Locator("dt:text-is('走访时间') + dd").InnerTextAsync();
        Assert.StartsWith(visitedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), when, StringComparison.Ordinal);
        Assert.Contains("（录入 ", when, StringComparison.Ordinal);
        Beijing.AssertShows(when[when.IndexOf("录入", StringComparison.Ordinal)..], Beijing.Now);
        cadre.AssertNoPageErrors();
    }

    [SkippableFact]
    public async Task The_village_pairs_a_new_household_with_a_cadre_and_records_a_visit_for_the_paired_cadre()
    {
        await using var village = await app.SignInAsync("village");
        var page = village.Page;
        var h = await RegistryPages.RegisterAsync(village);

        await village.MenuAsync("驻村帮扶", "结对帮扶");
        await Expect(page.Locator("h1")).ToHaveTextAsync("结对帮扶");
        await page.GetByLabel("仅未结对户").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await page.GetByLabel($"选择 {h.HeadName}").CheckAsync();
        var cadre = (await Picker.ChooseAsync(page.Locator("main"), "帮扶干部 *")).Split('（')[0].Trim();
        await page.GetByRole(AriaRole.Button, new() { Name = "结对所选农户" }).ClickAsync();
        await Expect(page.Locator(".g-alert[role=status]")).ToHaveTextAsync("已结对 1 户（其中轮换 0 户），0 户原已与该干部结对");

        // The household page names the cadre; its visit form records a visit for them.
        await village.GotoAsync($"/households/{h.Id}");
        await Expect(page.Locator("#visits")).ToContainTextAsync($"结对帮扶干部：{cadre}（");
        await page.Locator("#visits").GetByRole(AriaRole.Link, new() { Name = "登记走访" }).ClickAsync();
        await Expect(page.GetByLabel("走访干部")).ToHaveValueAsync("");
        await page.GetByLabel("走访情况").FillAsync("结对后首次走访，了解家庭收入情况");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存走访" }).ClickAsync();
        await village.ExpectFlashAsync("已保存走访记录");
        var facts = page.Locator("dl.g-facts");
        await Expect(facts.Locator("dt:text-is('帮扶干部') + dd")).ToHaveTextAsync(cadre);
        await Expect(facts.Locator("dt:text-is('走访类型') + dd")).ToHaveTextAsync("月度例行");
        Beijing.AssertShows(await facts.Locator("dt:text-is('走访时间') + dd").InnerTextAsync(), Beijing.Now);
        village.AssertNoPageErrors();
    }

    [SkippableFact]
    public async Task The_work_team_form_refuses_a_second_team_for_a_village_in_chinese_and_keeps_what_was_typed()
    {
        // Every demo village has its team in post: the form's answer to a second team is what a user meets (and proves
        // the form reaches the server with its token). The village and the 第一书记 are chosen by name.
        await using var township = await app.SignInAsync("tuqiao");
        var page = township.Page;
        await township.MenuAsync("驻村帮扶", "驻村工作队");
        await Expect(page.Locator("h1")).ToHaveTextAsync("驻村工作队");
        await page.GetByLabel("只看在驻").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        var village = (await page.Locator("table.g-table tbody tr").First.Locator("td").First.InnerTextAsync()).Trim().Split(' ')[^1];

        var form = page.Locator("form").Filter(new() { Has = page.Locator("h2", new() { HasText = "新建工作队" }) });
        Assert.Equal(0, await form.Locator("input[maxlength='12']").CountAsync());
        var name = $"{village}第二工作队";
        await form.Locator("[data-rp-search]").FillAsync(village);
        await form.Locator("[data-rp-results] button", new() { HasText = village }).First.ClickAsync();
        await Expect(form.Locator("input[name=VillageCode]")).ToHaveValueAsync(new Regex(@"^\d{12}$"));
        await form.GetByLabel("名称 *").FillAsync(name);
        await Picker.ChooseAsync(form, "第一书记 *");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(page.Locator(".g-alert.g-error")).ToHaveTextAsync("该村已有在驻的工作队：请先填写原工作队的结束日期");
        await Expect(form.Locator(".g-err").First).ToHaveTextAsync("该村已有在驻的工作队：请先填写原工作队的结束日期");
        await Expect(form.GetByLabel("名称 *")).ToHaveValueAsync(name);
        await Expect(page.Locator("table.g-table tbody tr").Filter(new() { HasText = name })).ToHaveCountAsync(0);
        township.AssertNoPageErrors();
    }

    [SkippableFact]
    public async Task A_cadre_writes_a_work_log_with_a_photo_about_a_paired_household()
    {
        await using var cadre = await app.SignInAsync("cadre");
        var page = cadre.Page;
        await cadre.GotoAsync("/households");
        var number = (await page.Locator("#results tbody tr").First.Locator("td").First.InnerTextAsync()).Trim();

        await cadre.MenuAsync("驻村帮扶", "工作日志");
        await Expect(page.Locator("h2")).ToHaveTextAsync("记工作日志");
        var yesterday = DateOnly.FromDateTime(Beijing.Now).AddDays(-1);
        var text = $"走访结对户，宣讲医保缴费政策 {Guid.NewGuid():N}";
        await page.GetByLabel("日期").FillAsync(yesterday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("工作内容").FillAsync(text);
        await page.GetByLabel("项目名称（选填）").FillAsync("医保宣传");
        // The household is chosen by searching its number (or the head's name); a cadre is offered only paired households.
        var form = page.Locator("form").Filter(new() { Has = page.Locator("h2", new() { HasText = "记工作日志" }) });
        Assert.Equal(0, await form.Locator("[data-picker] .picker-label", new() { HasText = "帮扶干部" }).CountAsync());
        var household = Picker.Of(form, "关联农户（选填，可多选）");
        await household.Locator("[data-picker-search]").FillAsync(number);
        var option = household.Locator("[data-pick]").Filter(new() { HasText = number });
        await Expect(option).ToHaveCountAsync(1);
        await option.ClickAsync();
        await Expect(household.Locator(".picker-chip")).ToContainTextAsync(number);
        await page.GetByLabel("照片（JPEG/PNG，最多9张）").SetInputFilesAsync(new FilePayload
        {
            Name = "meeting.jpg", MimeType = "image/jpeg", Buffer = await Images.JpegAsync(page),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await cadre.ExpectFlashAsync("工作日志已保存");
        var log = page.Locator(".worklog").Filter(new() { HasText = text });
        await Expect(log).ToHaveCountAsync(1);
        await Expect(log.Locator("strong")).ToHaveTextAsync($"{yesterday:yyyy-MM-dd}");
        await Expect(log).ToContainTextAsync("项目：医保宣传");
        await Expect(log.Locator($"a[href^='/households/']")).ToContainTextAsync(number);
        await Expect(log.Locator("img")).ToHaveCountAsync(1);
        cadre.AssertNoPageErrors();
    }

    [SkippableFact]
    public async Task The_township_records_a_monthly_review_meeting_on_an_open_problem()
    {
        await using var township = await app.SignInAsync("tuqiao");
        var page = township.Page;
        await township.MenuAsync("驻村帮扶", "月研判");
        await Expect(page.Locator("h1")).ToContainTextAsync("月研判");
        var meetings = int.Parse(await page.Locator("#meeting-summary strong").First.InnerTextAsync(), CultureInfo.InvariantCulture);

        await page.GetByLabel("会议日期").FillAsync(DateOnly.FromDateTime(Beijing.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("参会人员").FillAsync("镇党委书记、镇长、各村第一书记");
        await page.GetByLabel("会议纪要（选填）").FillAsync("研判本月排查发现的问题");
        var first = page.Locator("select[name='Items[0].Issue']");
        Assert.True(await first.Locator("option").CountAsync() > 1, "the township has open problems or leads to review");
        await first.SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.Locator("input[name='Items[0].Decision']").FillAsync("由镇医保办本月内落实");
        await page.Locator("input[name='Items[0].ActedBy']").FillAsync("土桥镇医保办");
        await page.Locator("input[name='Items[1].Subject']").FillAsync("部分脱贫户反映灌溉用水不足");
        await page.Locator("input[name='Items[1].Decision']").FillAsync("协调水利站检修渠道");
        await page.Locator("input[name='Items[1].ActedBy']").FillAsync("镇水利站");
        await page.Locator("input[name='Items[1].Resolved']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await township.ExpectFlashAsync("月研判会议已记录");
        await Expect(page.Locator("#meeting-summary strong").First).ToHaveTextAsync((meetings + 1).ToString(CultureInfo.InvariantCulture));
        township.AssertNoPageErrors();
    }

    [SkippableFact]
    public async Task The_village_adds_a_cadre_and_corrects_the_unit()
    {
        await using var village = await app.SignInAsync("village");
        var page = village.Page;
        var h = await RegistryPages.RegisterAsync(village);
        // The village's code, as the household page shows it.
        var code = (await page.Locator(".household-head .code").InnerTextAsync()).Trim('（', '）', ' ');

        await village.MenuAsync("驻村帮扶", "帮扶干部");
        await page.GetByRole(AriaRole.Link, new() { Name = "新增帮扶干部" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("新增帮扶干部");
        var name = Names.New();
        await page.GetByLabel("姓名 *").FillAsync(name);
        await page.GetByLabel("派出单位 *").FillAsync("土桥镇人民政府");
        await page.GetByLabel("手机号").FillAsync("139" + Random.Shared.Next(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture));
        // A village account's cadre serves its own village: the form names it, no code to type.
        await Expect(page.Locator("main form")).ToContainTextAsync("帮扶地区");
        Assert.Equal(code, await page.Locator("input[type=hidden][name=RegionCode]").InputValueAsync());
        await page.GetByLabel("帮扶开始日期 *").FillAsync(DateOnly.FromDateTime(Beijing.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await village.ExpectFlashAsync($"已保存帮扶干部 {name}");

        var row = page.Locator("table tbody tr").Filter(new() { HasText = name });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("土桥镇人民政府");
        var phone = row.Locator("td").Nth(3);
        await Expect(phone).ToHaveTextAsync(new Regex(@"^139\*{4}\d{4}$"));
        var masked = await phone.InnerTextAsync();
        // The edit form shows the phone masked; saved as it is, the number stays.
        await row.GetByRole(AriaRole.Link, new() { Name = "修改" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("修改帮扶干部");
        await Expect(page.GetByLabel("手机号")).ToHaveValueAsync(masked);
        await page.GetByLabel("派出单位 *").FillAsync($"{h.HeadName[..1]}家村民委员会");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await village.ExpectFlashAsync($"已保存帮扶干部 {name}");
        await Expect(row).ToContainTextAsync($"{h.HeadName[..1]}家村民委员会");
        await Expect(phone).ToHaveTextAsync(masked);
        village.AssertNoPageErrors();
    }

    /// <summary>新增帮扶干部 on the cadre page, serving the village account's own village.</summary>
    private static async Task AddCadreAsync(Session village, string name, string unit, string phone)
    {
        var page = village.Page;
        await village.GotoAsync("/fieldwork/cadres");
        await page.GetByRole(AriaRole.Link, new() { Name = "新增帮扶干部" }).ClickAsync();
        await page.GetByLabel("姓名 *").FillAsync(name);
        await page.GetByLabel("派出单位 *").FillAsync(unit);
        await page.GetByLabel("手机号").FillAsync(phone);
        await page.GetByLabel("帮扶开始日期 *").FillAsync(DateOnly.FromDateTime(Beijing.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await village.ExpectFlashAsync($"已保存帮扶干部 {name}");
    }

    [SkippableFact]
    public async Task The_village_pairs_a_household_by_uploading_the_pairing_template_that_names_the_cadre_by_name_and_unit()
    {
        await using var village = await app.SignInAsync("village");
        var page = village.Page;
        var h = await RegistryPages.RegisterAsync(village);
        // Two cadres of the same name in the same unit, told apart only by their phones.
        var name = Names.New() + "甲";
        const string unit = "铜梁区农业农村委员会";
        var phones = new[] { "13912340001", "13912340002" };
        foreach (var phone in phones) await AddCadreAsync(village, name, unit, phone);

        await village.MenuAsync("驻村帮扶", "结对帮扶");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "下载导入模板" }).ClickAsync());
        var template = Path.Combine(app.App!.Folder, $"pairing-template-{h.Number}.xlsx");
        await download.SaveAsAsync(template);
        // The header sits under the title row; no typed ids.
        var header = ((IDictionary<string, object?>)MiniExcelLibs.MiniExcel.Query(template, useHeaderRow: true, startCell: "A2").First()).Keys.ToList();
        Assert.Equal(["户编号", "户主姓名", "干部姓名", "干部单位", "干部手机尾号", "开始日期"], header);

        // Filled in as an official would: the example row replaced by the household; the cadre by name and unit.
        async Task<string> FillAsync(string tail)
        {
            var file = Path.Combine(app.App.Folder, $"pairing-{h.Number}-{tail}.xlsx");
            var values = new object?[] { h.Number, h.HeadName, name, unit, tail, DateOnly.FromDateTime(Beijing.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
            await MiniExcelLibs.MiniExcel.SaveAsAsync(file, new[] { header.Zip(values).ToDictionary(x => x.First, x => x.Second) }, overwriteFile: true);
            return file;
        }
        // Without the phone's tail the two namesakes cannot be told apart: a Chinese row error, nothing imported.
        await page.Locator("input[type=file][name=file]").SetInputFilesAsync(await FillAsync(""));
        await page.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
        var error = page.Locator(".g-alert.g-error");
        await Expect(error).ToContainTextAsync("导入文件有1处错误，未导入任何数据");
        await Expect(error.Locator("li")).ToHaveTextAsync($"第2行：“{name}”（{unit}）有2名同名帮扶干部，请填写干部手机尾号（手机号后4位）以区分");
        // A tail that is neither of theirs: unknown.
        await page.Locator("input[type=file][name=file]").SetInputFilesAsync(await FillAsync("9999"));
        await page.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
        await Expect(error.Locator("li")).ToHaveTextAsync($"第2行：找不到帮扶干部“{name}”（{unit}），手机号不符，请核对姓名和单位，或先在帮扶干部名单中登记");
        // With the tail: paired.
        await page.Locator("input[type=file][name=file]").SetInputFilesAsync(await FillAsync("0002"));
        await page.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
        await Expect(page.Locator(".g-alert[role=status]")).ToHaveTextAsync("导入完成：结对 1 户（其中轮换 0 户），0 户无变化");

        await village.GotoAsync($"/households/{h.Id}");
        await Expect(page.Locator("#visits")).ToContainTextAsync($"结对帮扶干部：{name}（");
        village.AssertNoPageErrors();
    }
}
