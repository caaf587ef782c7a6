using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Jingzhun.BrowserTests;

/// <summary>Every browser test shares one running app and one Chromium: the demo seed takes most of a minute.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}

/// <summary>
/// The running app (demo data, its own temp folder) and Debian's Chromium. Each test signs its users in through the
/// login page, each in its own browser context, and owns the records it creates. The app runs with the settings a test
/// needs to reach a state through the real pages: Identity's lockout at <see cref="MaxFailedAttempts"/> failures (below
/// the per-address throttle, so the login page can lock an account), and a backup passphrase (the key ring is backed up).
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public const string DemoPassword = "Jingzhun2026";
    public const int MaxFailedAttempts = 3;

    private IPlaywright? _playwright;
    public RunningApp? App { get; private set; }
    public IBrowser? Browser { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(Artifacts.Chromium)) return;
        App = await RunningApp.StartAsync(null, new Dictionary<string, string>
        {
            ["Auth:MaxFailedAttempts"] = MaxFailedAttempts.ToString(CultureInfo.InvariantCulture),
            // Every test signs in from 127.0.0.1; the per-address limit (60 a minute) is not what these tests are about.
            ["Auth:LoginRequestsPerAddress"] = "1000",
            ["Backup:Passphrase"] = "browser-tests-backup-passphrase",
        });
        _playwright = await Playwright.CreateAsync();
        Browser = await Artifacts.LaunchChromiumAsync(_playwright);
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }

    /// <summary>A new browser (context) on a desktop screen, in Chinese and Beijing time; nobody signed in.</summary>
    public async Task<Session> OpenAsync(BrowserNewContextOptions? options = null)
    {
        Skip.If(Browser is null, Artifacts.NoChromium);
        var context = await Browser.NewContextAsync(options ?? new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        var session = new Session(App!.Url, context, page);
        page.PageError += (_, e) => session.Errors.Add(e);
        return session;
    }

    /// <summary>A new browser signed in as <paramref name="user"/> through the login page.</summary>
    public async Task<Session> SignInAsync(string user, string password = DemoPassword)
    {
        var s = await OpenAsync();
        await s.SignInAsync(user, password);
        return s;
    }
}

/// <summary>One user's browser: its page, and the script errors seen on it.</summary>
public sealed class Session(string url, IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;
    public IBrowserContext Context { get; } = context;
    public string Url { get; } = url;
    public List<string> Errors { get; } = [];

    /// <summary>The outcome of the last form, shown once on the page it redirected to.</summary>
    public ILocator Flash => Page.Locator("main .alert-ok");

    public async Task GotoAsync(string path) => await Page.GotoAsync(Url + path);

    /// <summary>Opens a page from the header's menus, as a user finds it (e.g. 驻村帮扶 → 工作日志).</summary>
    public async Task MenuAsync(string menu, string item)
    {
        await Page.Locator("header nav summary", new() { HasText = menu }).ClickAsync();
        await Page.Locator("header nav").GetByRole(AriaRole.Link, new() { Name = item, Exact = true }).ClickAsync();
    }

    /// <summary>The form's outcome is shown, and only once.</summary>
    public async Task ExpectFlashAsync(string text)
    {
        await Assertions.Expect(Flash).ToHaveTextAsync(text);
        await Assertions.Expect(Page.Locator("[role=status]", new() { HasText = text })).ToHaveCountAsync(1);
    }

    /// <summary>Fills and submits the login page's own form (the header has a logout form too).</summary>
    public async Task SubmitLoginAsync(string user, string password)
    {
        if (!Page.Url.Contains("/login", StringComparison.Ordinal)) await GotoAsync("/login");
        var login = Page.Locator("main form").Filter(new LocatorFilterOptions { Has = Page.Locator("input[name=Password]") });
        await login.Locator("input[name=Username]").FillAsync(user);
        await login.Locator("input[name=Password]").FillAsync(password);
        await login.Locator("button[type=submit]").ClickAsync();
        await Page.WaitForLoadStateAsync();
    }

    public async Task SignInAsync(string user, string password = BrowserApp.DemoPassword)
    {
        await SubmitLoginAsync(user, password);
        await Page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
    }

    public void AssertNoPageErrors() => Assert.True(Errors.Count == 0, "page errors: " + string.Join("; ", Errors));

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}

/// <summary>Beijing time as the pages show it ("yyyy-MM-dd HH:mm"), whatever the machine's time zone.</summary>
internal static partial class Beijing
{
    public static DateTime Now => DateTime.UtcNow.AddHours(8);

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")]
    private static partial Regex Stamp();

    /// <summary>The first "yyyy-MM-dd HH:mm" in <paramref name="text"/>.</summary>
    public static DateTime FirstTimeIn(string text)
    {
        var m = Stamp().Match(text);
        Assert.True(m.Success, $"no time in “{text}”");
        return DateTime.ParseExact(m.Value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>The text shows a Beijing time within a few minutes of <paramref name="expected"/> (a UTC time is 8 hours off).</summary>
    public static void AssertShows(string text, DateTime expected)
    {
        var shown = FirstTimeIn(text);
        Assert.True(Math.Abs((shown - expected).TotalMinutes) <= 3, $"“{text}” shows {shown:yyyy-MM-dd HH:mm}, Beijing time is about {expected:yyyy-MM-dd HH:mm}");
    }
}

/// <summary>Valid, random 18-digit ID numbers of 铜梁区 (GB 11643 check character), unlikely to be in the demo data.</summary>
internal static class IdNumbers
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    public static string New(DateOnly birth, bool male)
    {
        var sequence = Random.Shared.Next(0, 500) * 2 + (male ? 1 : 0);
        var first17 = $"500151{birth:yyyyMMdd}{sequence:D3}";
        var sum = first17.Select((c, i) => (c - '0') * Weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }

    /// <summary>A random birth date in the given years.</summary>
    public static DateOnly Born(int fromYear, int toYear) =>
        new DateOnly(fromYear, 1, 1).AddDays(Random.Shared.Next((toYear - fromYear + 1) * 365));
}

internal static class Images
{
    /// <summary>The image is shown as a real picture: scrolled to (photos load lazily), loaded and decoded.</summary>
    public static async Task ExpectShownAsync(ILocator img)
    {
        await img.ScrollIntoViewIfNeededAsync();
        var width = await img.EvaluateAsync<int>("""
            img => img.complete ? img.naturalWidth : new Promise(done => {
              img.addEventListener('load', () => done(img.naturalWidth), { once: true });
              img.addEventListener('error', () => done(0), { once: true });
            })
            """);
        Assert.True(width > 0, "the image did not load");
    }

    /// <summary>A small real JPEG, drawn on a canvas in the page (the server checks photos by their content).</summary>
    public static async Task<byte[]> JpegAsync(IPage page)
    {
        var dataUrl = await page.EvaluateAsync<string>("""
            () => {
              const c = document.createElement('canvas');
              c.width = 64; c.height = 48;
              const g = c.getContext('2d');
              g.fillStyle = '#3b7d3b'; g.fillRect(0, 0, 64, 48);
              g.fillStyle = '#f0c040'; g.fillRect(8, 8, 24, 16);
              return c.toDataURL('image/jpeg', 0.9);
            }
            """);
        return Convert.FromBase64String(dataUrl[(dataUrl.IndexOf(',', StringComparison.Ordinal) + 1)..]);
    }
}
