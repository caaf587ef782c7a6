using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// 大数据比对 on the real pages (issue 16): the county's data staff upload a 车管 roster through the upload form (a registry member
/// and a person who is not in the registry), watch the batch match, and find the 疑点; the village verifies it 属实 on the 疑点 page
/// (a missing result refused at the field); the county withdraws the batch, its verified 疑点 kept.
/// </summary>
public sealed partial class WorkflowBrowserTests
{
    [SkippableFact]
    public async Task County_uploads_a_roster_and_the_village_verifies_its_doubt_on_the_page()
    {
        NewHousehold h;
        await using (var village = await app.SignInAsync("village")) h = await RegistryPages.RegisterAsync(village);
        var outsider = IdNumbers.New(IdNumbers.Born(1970, 1980), male: false);
        var csv = $"身份证号码,姓名,车辆价值,车辆类型,登记日期,备注\n{h.HeadId},{h.HeadName},88000,小型轿车,2026-03-01,\n{outsider},库外人员,120000,小型轿车,2026-04-01,\n";

        await using (var county = await app.SignInAsync("tl_admin"))
        {
            var p = county.Page;
            await county.MenuAsync("统计评估", "大数据比对");
            await Expect(p.Locator("h1")).ToHaveTextAsync("大数据比对");
            var form = p.Locator("#upload");
            await form.GetByLabel("部门数据种类").SelectOptionAsync(new SelectOptionValue { Label = "车辆（公安车管）" });
            await form.GetByLabel("数据期别").FillAsync("2026年11月");
            await form.GetByLabel("文件（Excel .xlsx 或 CSV，UTF-8 或 GBK）").SetInputFilesAsync(new FilePayload
            {
                Name = "机动车登记.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
            });
            await form.GetByRole(AriaRole.Button, new() { Name = "上传并比对" }).ClickAsync();
            await county.ExpectFlashAsync("已上传 车辆（公安车管） 2026年11月，正在后台比对");
            // The batch page refreshes itself until the match is done.
            await Expect(p.Locator("#status")).ToHaveTextAsync("已比对", new() { Timeout = 30_000 });
            await Expect(p.Locator("#counts")).ToContainTextAsync("比中在册成员1");
            await Expect(p.Locator("#counts")).ToContainTextAsync("库外人员（只计数，不保存）1");
            await Expect(p.Locator("#counts")).ToContainTextAsync("新疑点1");
            await p.Locator("#progress").GetByRole(AriaRole.Link, new() { Name = "查看本批疑点" }).ClickAsync();
            var row = p.Locator("#doubts tbody tr", new() { HasText = h.Number });
            await Expect(row).ToContainTextAsync("拥有较高价值车辆");
            await Expect(row).ToContainTextAsync("待核实");
            // The one who uploaded does not verify (职责分离).
            await row.GetByRole(AriaRole.Link, new() { Name = "核实" }).ClickAsync();
            await Expect(p.Locator("#refusal")).ToContainTextAsync("职责分离");
            await Expect(p.Locator("#verify")).ToHaveCountAsync(0);
        }

        await using (var village = await app.SignInAsync("village"))
        {
            var p = village.Page;
            await village.MenuAsync("统计评估", "大数据比对");
            await p.GetByRole(AriaRole.Link, new() { Name = "疑点清单" }).ClickAsync();
            var row = p.Locator("#doubts tbody tr", new() { HasText = h.Number });
            await row.GetByRole(AriaRole.Link, new() { Name = "核实" }).ClickAsync();
            await Expect(p.Locator("#detail")).ToContainTextAsync("价值 88,000 元，达到 30,000 元");
            var form = p.Locator("#verify");
            await form.GetByLabel("核实情况").FillAsync("入户核实：户主之子购车，登记在户主名下");
            await form.GetByRole(AriaRole.Button, new() { Name = "提交核实结果" }).ClickAsync();
            await Expect(p.Locator(".g-err", new() { HasText = "请选择核实结果" })).ToHaveCountAsync(1);
            await Expect(form.GetByLabel("核实情况")).ToHaveValueAsync("入户核实：户主之子购车，登记在户主名下");
            await form.GetByLabel("属实", new() { Exact = true }).CheckAsync();
            await form.GetByRole(AriaRole.Button, new() { Name = "提交核实结果" }).ClickAsync();
            await village.ExpectFlashAsync("已核实：属实，列入资格疑点（属实）清单，由县级研究处理");
            await Expect(p.Locator("#status")).ToHaveTextAsync("属实");
            await Expect(p.Locator("#verify")).ToHaveCountAsync(0);
            // The household page shows the 疑点 and its result.
            await p.Locator("#doubt").GetByRole(AriaRole.Link, new() { Name = h.Number }).ClickAsync();
            await Expect(p.Locator("#matching-panel")).ToContainTextAsync("属实：入户核实：户主之子购车，登记在户主名下");
        }

        await using (var county = await app.SignInAsync("tl_admin"))
        {
            var p = county.Page;
            await county.GotoAsync("/matching");
            await p.Locator("#batches tbody tr", new() { HasText = "2026年11月" }).First.GetByRole(AriaRole.Link, new() { Name = "车辆（公安车管）" }).ClickAsync();
            var withdraw = p.Locator("#withdraw");
            await withdraw.GetByLabel("撤回原因").FillAsync("车管所重新推送了本月数据");
            await withdraw.GetByRole(AriaRole.Button, new() { Name = "撤回该批" }).ClickAsync();
            await county.ExpectFlashAsync("已撤回该批部门数据：0 个待核实疑点一并撤回，已核实的 1 个保留其结果");
            await Expect(p.Locator("#status")).ToHaveTextAsync("已撤回");
            await Expect(p.Locator("#withdraw")).ToHaveCountAsync(0);
        }
    }
}
