using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// 系统管理 in the browser: 数据备份 (the national system administrator only), 用户管理 (new user, edit, 解锁 after a lockout
/// made through the login page) and 操作日志, each signed in as the role that does it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AdminBrowserTests(BrowserApp app)
{
    [GeneratedRegex(@"备份完成：(\S+)（([0-9.]+ (?:B|KB|MB|GB))，含加密的密钥环）")]
    private static partial Regex BackupDone();

    [SkippableFact]
    public async Task The_system_administrator_backs_up_from_the_page_and_sees_the_backup_with_its_size_and_beijing_time()
    {
        await using var admin = await app.SignInAsync("admin");
        var page = admin.Page;
        await admin.MenuAsync("系统管理", "数据备份");
        await Expect(page.Locator("h1")).ToHaveTextAsync("数据备份");
        // The passphrase is configured: the key ring goes with the backup, and the page says so (no warning).
        await Expect(page.Locator("#no-keyring")).ToHaveCountAsync(0);
        await Expect(page.Locator("main")).ToContainTextAsync("以备份口令加密后随备份导出");

        await page.GetByRole(AriaRole.Button, new() { Name = "立即备份" }).ClickAsync();
        await Expect(admin.Flash).ToContainTextAsync("备份完成：");
        var done = BackupDone().Match(await admin.Flash.InnerTextAsync());
        Assert.True(done.Success, await admin.Flash.InnerTextAsync());
        var (name, size) = (done.Groups[1].Value, done.Groups[2].Value);

        var row = page.Locator("table.list tbody tr").Filter(new() { HasText = name });
        await Expect(row).ToHaveCountAsync(1);
        var cells = row.Locator("td");
        Beijing.AssertShows(await cells.Nth(1).InnerTextAsync(), Beijing.Now);
        await Expect(cells.Nth(2)).ToHaveTextAsync(size);
        Assert.NotEqual("0 B", size);
        await Expect(cells.Nth(3)).ToHaveTextAsync("已包含（加密）");
        // The backup is on disk where the page says.
        Assert.True(Directory.Exists(Path.Combine(app.App!.Folder, "backups", name)), $"backup folder {name}");
        await Artifacts.ScreenshotAsync(page, "admin-backups.png");
        admin.AssertNoPageErrors();
    }

    [SkippableFact]
    public async Task A_county_administrator_has_no_backup_page()
    {
        await using var county = await app.SignInAsync("tl_admin");
        var page = county.Page;
        await page.Locator("summary", new() { HasText = "系统管理" }).ClickAsync();
        var menu = page.Locator("header nav");
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "用户管理" })).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "数据备份" })).ToHaveCountAsync(0);

        var response = await page.GotoAsync(app.App!.Url + "/admin/backups");
        Assert.Equal(403, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("无权访问");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "立即备份" })).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task An_account_locked_by_failed_sign_ins_is_unlocked_by_the_user_administrator_and_the_audit_log_says_so()
    {
        await using var county = await app.SignInAsync("tl_admin");
        var user = await UserPages.CreateAsync(county, "村干部");

        // A stranger guesses the password on the login page until Identity locks the account.
        await using var stranger = await app.OpenAsync();
        var error = stranger.Page.Locator("main .alert-error");
        for (var i = 1; i < BrowserApp.MaxFailedAttempts; i++)
        {
            await stranger.SubmitLoginAsync(user.UserName, "Wrong-guess-2026");
            await Expect(error).ToHaveTextAsync("用户名或密码错误");
        }
        await stranger.SubmitLoginAsync(user.UserName, "Wrong-guess-2026");
        await Expect(error).ToContainTextAsync("登录失败次数过多，账号已锁定至");
        var lockedAt = Beijing.Now;
        // The right password does not help now; the message gives the end of the lockout in Beijing time (15 minutes).
        await using var owner = await app.OpenAsync();
        await owner.SubmitLoginAsync(user.UserName, user.Password);
        var ownerError = owner.Page.Locator("main .alert-error");
        await Expect(ownerError).ToContainTextAsync("可请管理员解锁");
        Beijing.AssertShows(await ownerError.InnerTextAsync(), lockedAt.AddMinutes(15));
        Assert.Contains("/login", owner.Page.Url, StringComparison.Ordinal);

        // The user administrator finds the account, sees the lockout, and presses 解锁.
        var page = county.Page;
        await county.GotoAsync("/admin/users");
        await page.GetByLabel("用户名或姓名").FillAsync(user.UserName);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        var row = page.Locator("table.list tbody tr").Filter(new() { HasText = user.UserName });
        await Expect(row).ToHaveCountAsync(1);
        var status = row.Locator(".tag");
        await Expect(status).ToContainTextAsync("已锁定至");
        Beijing.AssertShows(await status.InnerTextAsync(), lockedAt.AddMinutes(15));
        await row.GetByRole(AriaRole.Button, new() { Name = "解锁" }).ClickAsync();
        await county.ExpectFlashAsync($"已解锁用户 {user.UserName}");
        await Expect(row.Locator(".tag")).ToHaveTextAsync("正常");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "解锁" })).ToHaveCountAsync(0);

        // The owner signs in.
        await owner.SignInAsync(user.UserName, user.Password);
        await Expect(owner.Page.Locator(".user-name")).ToHaveTextAsync($"{user.DisplayName}（村干部）");

        // 操作日志: the unlock, by the administrator, in Chinese and Beijing time.
        await county.MenuAsync("系统管理", "操作日志");
        await page.GetByLabel("操作人（用户名）").FillAsync("tl_admin");
        await page.GetByLabel("摘要包含").FillAsync(user.UserName);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        var unlock = page.Locator("table.list tbody tr").Filter(new() { HasText = "停用至" });
        await Expect(unlock).ToHaveCountAsync(1);
        var cells = unlock.Locator("td");
        Beijing.AssertShows(await cells.Nth(0).InnerTextAsync(), Beijing.Now);
        // Who did it reads as the account's name and unit; the login name is the cell's tooltip.
        await Expect(cells.Nth(1)).ToHaveTextAsync("铜梁区乡村振兴局 管理员");
        await Expect(cells.Nth(1)).ToHaveAttributeAsync("title", "tl_admin");
        await Expect(cells.Nth(2)).ToHaveTextAsync("修改");
        await Expect(cells.Nth(3)).ToHaveTextAsync("用户");
        await Expect(cells.Nth(4)).ToHaveTextAsync($"用户 {user.UserName}（{user.DisplayName}）");
        var change = await cells.Nth(5).InnerTextAsync();
        Assert.Matches(@"^停用至: \d{4}-\d{2}-\d{2} \d{2}:\d{2} → （空）$", change.Trim());
        Beijing.AssertShows(change, lockedAt.AddMinutes(15));
        await Artifacts.ScreenshotAsync(page, "admin-audit-unlock.png");
        county.AssertNoPageErrors();
        owner.AssertNoPageErrors();
    }

    [SkippableFact]
    public async Task The_user_administrator_creates_a_user_and_changes_the_name_and_role()
    {
        await using var county = await app.SignInAsync("tl_admin");
        var user = await UserPages.CreateAsync(county, "帮扶干部");
        var page = county.Page;
        var row = page.Locator("table.list tbody tr").Filter(new() { HasText = user.UserName });
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("帮扶干部");
        Beijing.AssertShows(await row.Locator("td").Nth(5).InnerTextAsync(), Beijing.Now);

        await row.GetByRole(AriaRole.Link, new() { Name = "编辑" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("编辑用户");
        var renamed = user.DisplayName + "组长";
        await page.GetByLabel("姓名").FillAsync(renamed);
        await page.GetByLabel("角色").SelectOptionAsync(new SelectOptionValue { Label = "村干部" });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await county.ExpectFlashAsync($"用户 {user.UserName} 已保存");
        await page.GetByLabel("用户名或姓名").FillAsync(user.UserName);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        row = page.Locator("table.list tbody tr").Filter(new() { HasText = user.UserName });
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync(renamed);
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("村干部");

        // The new user signs in with the role given.
        await using var owner = await app.SignInAsync(user.UserName, user.Password);
        await Expect(owner.Page.Locator(".user-name")).ToHaveTextAsync($"{renamed}（村干部）");
        // … and signs out.
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await owner.Page.WaitForURLAsync(u => u.Contains("/login", StringComparison.Ordinal));
        await owner.GotoAsync("/households");
        Assert.Contains("/login", owner.Page.Url, StringComparison.Ordinal);
        county.AssertNoPageErrors();
    }
}

internal sealed record NewUser(string UserName, string DisplayName, string Password);

/// <summary>用户管理 → 新增用户, filled as the signed-in administrator: a user of the first village of 土桥镇.</summary>
internal static class UserPages
{
    public static async Task<NewUser> CreateAsync(Session admin, string roleLabel, bool firstVillage = true)
    {
        var page = admin.Page;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var user = new NewUser("bt-" + suffix, Names.New(), $"Shanshui-{suffix}-9q");
        await admin.GotoAsync("/admin/users");
        await page.GetByRole(AriaRole.Link, new() { Name = "新增用户" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("新增用户");
        await page.GetByLabel("用户名").FillAsync(user.UserName);
        await page.GetByLabel("姓名").FillAsync(user.DisplayName);
        await page.GetByLabel("角色").SelectOptionAsync(new SelectOptionValue { Label = roleLabel });
        await page.GetByLabel("初始密码").FillAsync(user.Password);
        await page.GetByLabel("确认密码").FillAsync(user.Password);
        await RegionPicker.ChooseAsync(page, "土桥镇", firstVillage);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await admin.ExpectFlashAsync($"已新增用户 {user.UserName}（{roleLabel}）");
        return user;
    }
}

/// <summary>The cascading region picker (Modules/Regions/BrowseRegions/_RegionPicker.cshtml) as a user works it.</summary>
internal static class RegionPicker
{
    public static Task ChooseAsync(IPage page, string township, bool firstVillage) =>
        ChooseAsync(page, new SelectOptionValue { Label = township }, firstVillage);

    /// <summary>The <paramref name="index"/>-th place (from 0) of the first level under the user's own region.</summary>
    public static Task ChooseAsync(IPage page, int index, bool firstVillage) =>
        ChooseAsync(page, new SelectOptionValue { Index = index + 1 }, firstVillage);

    /// <summary>The place <paramref name="code"/> of the first level under the user's own region (a village, for a township user).</summary>
    public static Task ChooseCodeAsync(IPage page, string code) => ChooseAsync(page, new SelectOptionValue { Value = code }, firstVillage: false);

    private static async Task ChooseAsync(IPage page, SelectOptionValue first, bool firstVillage)
    {
        var picker = page.Locator("[data-region-picker]");
        var selects = picker.Locator("select[data-rp-level]");
        var chosen = (await selects.First.SelectOptionAsync(first)).Single();
        // The field holds the choice (a picker that takes villages only holds nothing until a village is chosen).
        var villageOnly = await picker.GetAttributeAsync("data-village-only") == "true";
        await Expect(picker.Locator("[data-rp-value]")).ToHaveValueAsync(villageOnly && chosen.Length != 12 ? "" : chosen);
        if (!firstVillage) return;
        await Expect(selects).ToHaveCountAsync(2);
        await selects.Nth(1).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Expect(picker.Locator("[data-rp-value]")).ToHaveValueAsync(new Regex(@"^\d{12}$"));
    }
}

internal static class Names
{
    private const string Surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";
    private const string Given = "明华国强建军秀英丽芳敏静海涛春梅文博志勇玉兰桂芬";

    /// <summary>A plausible Chinese name (the registry accepts letters and the middle dot only).</summary>
    public static string New() => $"{Surnames[Random.Shared.Next(Surnames.Length)]}{Given[Random.Shared.Next(Given.Length)]}{Given[Random.Shared.Next(Given.Length)]}";
}
