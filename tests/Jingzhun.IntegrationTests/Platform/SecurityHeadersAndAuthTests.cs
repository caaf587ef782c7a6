using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jingzhun.IntegrationTests.Infrastructure;
using Jingzhun.Web.Modules.Registry.DemoData;
using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// Issue 19, "Authentication and headers": the security headers on every kind of answer, the password rules, the
/// sign-in throttle and lockout with the administrator's unlock, tokens that die with the user's security stamp,
/// refresh with rotation, and the API description kept from strangers in a real deployment.
/// </summary>
public abstract partial class SecurityHeadersAndAuthTests(TestApp app) : ApiTests(app)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private static async Task<HttpClient> SignInPageAsync(WebApplicationFactory<Program> app, string user, string password)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = AntiforgeryField().Match(await client.GetStringAsync("/login")).Groups[1].Value;
        var r = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = user, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        return client;
    }

    private async Task<(string Id, string UserName, string Password)> NewUserAsync(string role = "VillageOfficer")
    {
        var places = await PlacesAsync();
        var userName = "sec" + App.Next();
        const string password = "Qiangmima-2026";
        var body = await Ok(await (await As("admin")).PostAsJsonAsync("/api/v1/users",
            new { userName, displayName = "安全测试", role, regionCode = places.HomeVillage, password }), HttpStatusCode.Created);
        return (body["id"]!.GetValue<string>(), userName, password);
    }


    private static void AssertSecurityHeaders(HttpResponseMessage r, bool personal)
    {
        var what = $"{r.RequestMessage?.Method} {r.RequestMessage?.RequestUri} ({(int)r.StatusCode})";
        var csp = string.Join(";", r.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]+';", csp);
        Assert.Equal("DENY", r.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", r.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(personal == (r.Headers.CacheControl?.NoStore == true), $"{what}: Cache-Control {r.Headers.CacheControl}");
    }

    [DbFact]
    public async Task Every_answer_carries_the_security_headers_and_only_static_files_may_be_cached()
    {
        using var anon = App.Anonymous();
        AssertSecurityHeaders(await anon.GetAsync("/login"), personal: true);
        AssertSecurityHeaders(await anon.GetAsync("/households"), personal: true);             // redirect to /login
        AssertSecurityHeaders(await anon.GetAsync("/api/v1/auth/me"), personal: true);         // 401 ProblemDetails
        AssertSecurityHeaders(await anon.GetAsync("/no-such-page"), personal: true);           // the 404 page
        AssertSecurityHeaders(await anon.GetAsync("/api/v1/no-such-endpoint"), personal: true);
        AssertSecurityHeaders(await anon.PostAsync("/api/v1/auth/login", new StringContent("{", System.Text.Encoding.UTF8, "application/json")), personal: true);
        var css = await anon.GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        AssertSecurityHeaders(css, personal: false);
        AssertSecurityHeaders(await anon.GetAsync("/m/js/app.js"), personal: false);
        AssertSecurityHeaders(await anon.GetAsync("/healthz"), personal: true);

        var admin = await As("admin");
        AssertSecurityHeaders(await admin.GetAsync("/api/v1/users"), personal: true);

        // A page's inline scripts carry the nonce of its policy, and no element has an inline event handler.
        var page = await SignInPageAsync(App, "tl_admin", "Jingzhun2026");
        var home = await page.GetAsync("/problems");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        AssertSecurityHeaders(home, personal: true);
        var nonce = Regex.Match(home.Headers.GetValues("Content-Security-Policy").Single(), "'nonce-([^']+)'").Groups[1].Value;
        var html = await home.Content.ReadAsStringAsync();
        var inline = Regex.Matches(html, "<script(?![^>]*\\bsrc=)[^>]*>").Select(m => m.Value).ToList();
        Assert.NotEmpty(inline);
        Assert.All(inline, tag => Assert.Contains($"nonce=\"{nonce}\"", System.Net.WebUtility.HtmlDecode(tag)));
        Assert.DoesNotMatch("<[^>]+\\son[a-z]+=", html);
        Assert.DoesNotContain("javascript:", html);
    }

    [DbFact]
    public async Task Hsts_is_sent_over_https_only()
    {
        using var https = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://jingzhun.example.cn/") });
        var secure = await https.GetAsync("/login");
        Assert.Contains("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single());
        using var http = App.Anonymous();
        Assert.False((await http.GetAsync("/login")).Headers.Contains("Strict-Transport-Security"));
    }

    [DbFact]
    public async Task Passwords_are_long_uncommon_and_free_of_the_user_name()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        async Task<HttpResponseMessage> Create(string userName, string password) => await admin.PostAsJsonAsync("/api/v1/users",
            new { userName, displayName = "密码测试", role = "VillageOfficer", regionCode = places.HomeVillage, password });

        Assert.Contains("至少需要10位", await FieldError(await Create("pw" + App.Next(), "Xk3v9Lq2p"), "password"));
        foreach (var common in new[] { "woaini1314", "1qaz2wsx3edc", "qwertyuiop", "Password2026", "zhongguo123456", "1234567890" })
            Assert.Contains("过于常见", await FieldError(await Create("pw" + App.Next(), common), "password"));
        var name = "zhangsan" + App.Next();
        Assert.Contains("不能包含用户名", await FieldError(await Create(name, name.ToUpperInvariant() + "-Qz"), "password"));
        // The demo password passes the rules (the demo keeps working); so does an ordinary good one.
        await Ok(await Create("pw" + App.Next(), "Jingzhun2026"), HttpStatusCode.Created);
        var (id, userName, _) = await NewUserAsync();
        // A reset is held to the same rules.
        Assert.Contains("过于常见", await FieldError(await admin.PutAsJsonAsync($"/api/v1/users/{id}",
            new { displayName = "安全测试", role = "VillageOfficer", regionCode = places.HomeVillage, locked = false, newPassword = "iloveyou2025",
                concurrencyStamp = await StampOfAsync(admin, id) }), "newPassword"));
        Assert.Contains("不能包含用户名", await FieldError(await admin.PutAsJsonAsync($"/api/v1/users/{id}",
            new { displayName = "安全测试", role = "VillageOfficer", regionCode = places.HomeVillage, locked = false, newPassword = "x" + userName + "!9Kw",
                concurrencyStamp = await StampOfAsync(admin, id) }), "newPassword"));
    }

    [DbFact]
    public async Task The_demo_password_refuses_a_real_deployment_with_demo_seeding_on()
    {
        using (var scope = App.Services.CreateScope())
        {
            var accounts = await DemoPasswordGuard.AccountsWithDemoPasswordAsync(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
            Assert.Contains("admin", accounts);
            var refusal = DemoPasswordGuard.Refusal("Production", demoSeed: true, accounts);
            Assert.NotNull(refusal);
            Assert.Contains("拒绝启动", refusal);
            Assert.Contains("Demo:Seed=false", refusal);
            Assert.Contains("admin", refusal);
            Assert.Null(DemoPasswordGuard.Refusal("Development", demoSeed: true, accounts));
            Assert.Null(DemoPasswordGuard.Refusal("Testing", demoSeed: true, accounts));
            Assert.Null(DemoPasswordGuard.Refusal("Production", demoSeed: true, []));
        }
        // The server itself does not start in Production with the demo accounts as seeded.
        using var production = App.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("Demo:Seed", "true"));
        Assert.ThrowsAny<Exception>(() => production.CreateClient());
    }

    [DbFact]
    public async Task A_bearer_token_dies_when_its_user_is_locked_demoted_or_given_a_new_password()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var changes = new[]
        {
            new JsonObject { ["displayName"] = "安全测试", ["role"] = "VillageOfficer", ["regionCode"] = places.HomeVillage, ["locked"] = true },
            new JsonObject { ["displayName"] = "安全测试", ["role"] = "Cadre", ["regionCode"] = places.HomeVillage, ["locked"] = false },
            new JsonObject { ["displayName"] = "安全测试", ["role"] = "VillageOfficer", ["regionCode"] = places.HomeVillage, ["locked"] = false, ["newPassword"] = "Xinmima-Kq7r" },
        };
        foreach (var change in changes)
        {
            var (id, userName, password) = await NewUserAsync();
            var user = await App.LoginAsync(userName, password);
            await Ok(await user.GetAsync("/api/v1/auth/me"));
            change["concurrencyStamp"] = await StampOfAsync(admin, id);
            await Ok(await admin.PutAsJsonAsync($"/api/v1/users/{id}", change));
            var r = await user.GetAsync("/api/v1/auth/me");
            Assert.True(r.StatusCode == HttpStatusCode.Unauthorized, $"after {change}: {(int)r.StatusCode}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/v1/households")).StatusCode);
        }
        // An unrelated edit (the display name) renews the stamp too, and a fresh sign-in works again.
        var (id2, name2, password2) = await NewUserAsync();
        await Ok(await admin.PutAsJsonAsync($"/api/v1/users/{id2}", new { displayName = "改名", role = "VillageOfficer", regionCode = places.HomeVillage, locked = false,
            concurrencyStamp = await StampOfAsync(admin, id2) }));
        using var anon = App.Anonymous();
        await Ok(await anon.PostAsJsonAsync("/api/v1/auth/login", new { username = name2, password = password2 }));
    }

    /// <summary>
    /// The stamp read from the database is remembered for Auth:SessionCheckSeconds (issue 18, HTTP throughput): a change
    /// made on this server ends the token at once (above, with the cache warm), one made behind it (another server on
    /// the same database, a command-line verb) within that delay.
    /// </summary>
    [DbFact]
    public async Task A_stamp_changed_behind_this_server_ends_the_token_within_the_session_check_delay()
    {
        var (id, userName, password) = await NewUserAsync();
        using var server = App.WithWebHostBuilder(b => b.UseSetting("Auth:SessionCheckSeconds", "1"));
        var user = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await Ok(await user.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password }));
        user.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        await Ok(await user.GetAsync("/api/v1/auth/me")); // the stamp is now remembered
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Jingzhun.Web.Platform.Data.AppDbContext>();
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString("N")));
        }
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/v1/households")).StatusCode);
    }

    [DbFact]
    public async Task Failed_sign_ins_are_throttled_per_address_and_account_without_locking_the_account()
    {
        var (_, userName, password) = await NewUserAsync();
        using var anon = App.Anonymous();
        for (var i = 0; i < 5; i++)
            await Problem(await anon.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password = "Wrong-2026x" }), HttpStatusCode.Unauthorized);
        var throttled = await Problem(await anon.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password }), (HttpStatusCode)429);
        Assert.Contains("登录失败次数过多", throttled["title"]!.GetValue<string>());
        Assert.Contains("分钟后再试", throttled["title"]!.GetValue<string>());
        // The account itself is not locked (an administrator sees it as normal) and other accounts sign in as usual.
        var listed = (await GetAsync(await As("admin"), "/api/v1/users?q=" + userName)).AsArray().Single()!;
        Assert.False(listed["isLocked"]!.GetValue<bool>());
        var (_, other, otherPassword) = await NewUserAsync();
        await Ok(await anon.PostAsJsonAsync("/api/v1/auth/login", new { username = other, password = otherPassword }));
        // The login form says so in Chinese with a 429 as well.
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = AntiforgeryField().Match(await client.GetStringAsync("/login")).Groups[1].Value;
        var form = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = userName, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal((HttpStatusCode)429, form.StatusCode);
        Assert.Contains("登录失败次数过多", await form.Content.ReadAsStringAsync());
    }

    [DbFact]
    public async Task Too_many_sign_in_requests_from_one_address_answer_429_in_chinese()
    {
        using var tight = App.WithWebHostBuilder(b => b.UseSetting("Auth:LoginRequestsPerAddress", "3").UseSetting("Auth:LoginRequestWindowSeconds", "3600"));
        using var anon = tight.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 3; i++)
            await Problem(await anon.PostAsJsonAsync("/api/v1/auth/login", new { username = "nobody" + App.Next(), password = "Wrong-2026x" }), HttpStatusCode.Unauthorized);
        var p = await Problem(await anon.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password = "Jingzhun2026" }), (HttpStatusCode)429);
        Assert.Equal("登录请求过于频繁，请稍后再试", p["title"]!.GetValue<string>());
        var page = await anon.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Username"] = "admin", ["Password"] = "x" }));
        Assert.Equal((HttpStatusCode)429, page.StatusCode);
        Assert.Contains("请求过于频繁", await page.Content.ReadAsStringAsync());
        // Reading the form is not limited.
        Assert.Equal(HttpStatusCode.OK, (await anon.GetAsync("/login")).StatusCode);
    }

    [DbFact]
    public async Task A_locked_account_is_unlocked_by_an_administrator_and_the_unlock_is_audited()
    {
        var (id, userName, password) = await NewUserAsync();
        using var strict = App.WithWebHostBuilder(b => b.UseSetting("Auth:MaxFailedAttempts", "3"));
        using var anon = strict.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 3; i++)
            await Problem(await anon.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password = "Wrong-2026x" }), HttpStatusCode.Unauthorized);
        var locked = await Problem(await anon.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password }), HttpStatusCode.Unauthorized);
        Assert.Contains("锁定", locked["title"]!.GetValue<string>());

        var listed = (await GetAsync(await As("tl_admin"), "/api/v1/users?q=" + userName)).AsArray().Single()!;
        Assert.True(listed["isLocked"]!.GetValue<bool>());
        Assert.NotNull(listed["lockedUntil"]);
        // The users page offers the button.
        var page = await SignInPageAsync(App, "tl_admin", "Jingzhun2026");
        Assert.Contains("解锁", await page.GetStringAsync("/admin/users?q=" + userName));

        await Problem(await (await As("tuqiao")).PostAsync($"/api/v1/users/{id}/unlock", null), HttpStatusCode.Forbidden);
        var unlocked = await Ok(await (await As("tl_admin")).PostAsync($"/api/v1/users/{id}/unlock", null));
        Assert.False(unlocked["isLocked"]!.GetValue<bool>());
        await Problem(await (await As("tl_admin")).PostAsync($"/api/v1/users/{id}/unlock", null), HttpStatusCode.BadRequest);
        await Ok(await anon.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password }));

        var audit = await GetAsync(await As("admin"), "/api/v1/audit?pageSize=50&q=" + userName);
        Assert.Contains(audit["items"]!.AsArray(), a => a!["userName"]!.GetValue<string>() == "tl_admin"
            && a["changes"]?.ToJsonString().Contains("LockoutEnd", StringComparison.Ordinal) == true);
    }

    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        public int Verifications;
        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);
        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [DbFact]
    public async Task An_unknown_user_name_costs_a_password_hash_check_like_a_wrong_password()
    {
        var hasher = new CountingHasher();
        using var counted = App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<IPasswordHasher<AppUser>>(_ => hasher)));
        using var anon = counted.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var (_, userName, _) = await NewUserAsync();

        var before = hasher.Verifications;
        var known = await Problem(await anon.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password = "Wrong-2026x" }), HttpStatusCode.Unauthorized);
        var forKnown = hasher.Verifications - before;
        before = hasher.Verifications;
        var unknown = await Problem(await anon.PostAsJsonAsync("/api/v1/auth/login", new { username = "nosuch" + App.Next(), password = "Wrong-2026x" }), HttpStatusCode.Unauthorized);
        Assert.Equal(1, forKnown);
        Assert.Equal(forKnown, hasher.Verifications - before);
        Assert.Equal(known["title"]!.GetValue<string>(), unknown["title"]!.GetValue<string>());
    }

    [DbFact]
    public async Task Refresh_tokens_rotate_and_a_reused_or_stale_one_is_refused()
    {
        var (id, userName, password) = await NewUserAsync();
        using var anon = App.Anonymous();
        var first = await Ok(await anon.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password }));
        var second = await Ok(await anon.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = first["refreshToken"]!.GetValue<string>() }));
        Assert.NotEqual(first["refreshToken"]!.GetValue<string>(), second["refreshToken"]!.GetValue<string>());
        using (var c = App.Anonymous())
        {
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", second["accessToken"]!.GetValue<string>());
            Assert.Equal(userName, (await GetAsync(c, "/api/v1/auth/me"))["userName"]!.GetValue<string>());
        }
        // The used token is refused, and its reuse revokes the newer one too (someone holds a copy).
        var reused = await Problem(await anon.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = first["refreshToken"]!.GetValue<string>() }), HttpStatusCode.Unauthorized);
        Assert.Contains("已被使用", reused["title"]!.GetValue<string>());
        await Problem(await anon.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = second["refreshToken"]!.GetValue<string>() }), HttpStatusCode.Unauthorized);
        // Garbage is a 401 too, never a 500.
        await Problem(await anon.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "garbage" }), HttpStatusCode.Unauthorized);
        // An access token is not a refresh token.
        await Problem(await anon.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = second["accessToken"]!.GetValue<string>() }), HttpStatusCode.Unauthorized);

        // Logout revokes; a password reset (new stamp) refuses the refresh too.
        var third = await Ok(await anon.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password }));
        Assert.Equal(HttpStatusCode.NoContent, (await anon.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = third["refreshToken"]!.GetValue<string>() })).StatusCode);
        await Problem(await anon.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = third["refreshToken"]!.GetValue<string>() }), HttpStatusCode.Unauthorized);
        var fourth = await Ok(await anon.PostAsJsonAsync("/api/v1/auth/login", new { username = userName, password }));
        var places = await PlacesAsync();
        await Ok(await (await As("admin")).PutAsJsonAsync($"/api/v1/users/{id}",
            new { displayName = "安全测试", role = "VillageOfficer", regionCode = places.HomeVillage, locked = false, newPassword = "Xinmima-Kq7r",
                concurrencyStamp = await StampOfAsync(await As("admin"), id) }));
        var stale = await Problem(await anon.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = fourth["refreshToken"]!.GetValue<string>() }), HttpStatusCode.Unauthorized);
        Assert.Contains("重新登录", stale["title"]!.GetValue<string>());
    }

    [DbFact]
    public async Task The_api_description_is_open_in_testing_and_for_signed_in_users_only_in_production()
    {
        using (var anon = App.Anonymous())
            Assert.Equal(HttpStatusCode.OK, (await anon.GetAsync("/openapi/v1.json")).StatusCode);

        // Demo:Seed is off in the test apps: a real deployment starts (and warns about the demo passwords).
        using var production = App.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        using (var anon = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }))
        {
            Assert.NotEqual(HttpStatusCode.OK, (await anon.GetAsync("/openapi/v1.json")).StatusCode);
            var scalar = await anon.GetAsync("/scalar");
            Assert.Equal(HttpStatusCode.Redirect, scalar.StatusCode);
            Assert.StartsWith("/login", scalar.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            var token = (await Ok(await anon.PostAsJsonAsync("/api/v1/auth/login", new { username = "auditor", password = "Jingzhun2026" })))["accessToken"]!.GetValue<string>();
            anon.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Contains("/api/v1/households", await (await anon.GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync());
        }
    }

    [DbFact]
    public async Task A_cookie_made_stale_by_a_role_change_signs_the_user_out_without_an_error()
    {
        var (id, userName, password) = await NewUserAsync();
        var page = await SignInPageAsync(App, userName, password);
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync("/")).StatusCode);

        var places = await PlacesAsync();
        await Ok(await (await As("admin")).PutAsJsonAsync($"/api/v1/users/{id}",
            new { displayName = "安全测试", role = "Cadre", regionCode = places.HomeVillage, locked = false, concurrencyStamp = await StampOfAsync(await As("admin"), id) }));

        var home = await page.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/login", home.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var login = await page.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("登录", await login.Content.ReadAsStringAsync());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSecurityHeadersAndAuthTests(SqliteApp app) : SecurityHeadersAndAuthTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSecurityHeadersAndAuthTests(PostgresApp app) : SecurityHeadersAndAuthTests(app);
