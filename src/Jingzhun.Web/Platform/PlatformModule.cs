using System.Globalization;
using System.Text.Json.Serialization;
using FluentValidation;
using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Problems;
using Jingzhun.Web.Platform.Protection;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace Jingzhun.Web.Platform;

public static class PlatformModule
{
    public const string SmartScheme = "JingzhunSmart";

    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<IRegionScope, HttpRegionScope>();
        services.AddScoped<IAuditActor, CurrentUserActor>();
        services.AddAppDatabase(config);

        // Personal data keys live outside the database (a stolen database file alone reveals no ID number).
        var keys = ProtectionKeys.KeysPath(config);
        services.AddDataProtection().SetApplicationName("Jingzhun").PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.AddSingleton(ProtectionKeys.Load(config, keys));
        services.AddSingleton(sp => DataKeyRing.Load(sp.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(), keys));
        services.AddSingleton<PersonalDataProtector>();
        services.AddScoped<Files.FileStore>();
        // Temporary files (exports, caches, upload buffers) in a private folder, never the system temp folder.
        var privateTemp = Files.PrivateTemp.RootOf(config, builder.Environment.ContentRootPath);
        Files.PrivateTemp.CreatePrivate(privateTemp);
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_TEMP"))) Environment.SetEnvironmentVariable("ASPNETCORE_TEMP", privateTemp);
        services.AddSingleton<Files.PrivateTemp>();
        services.AddHostedService<Files.PrivateTempCleanup>();
        services.AddSingleton<KeptFileProtector>();
        services.AddSingleton<Jobs.JobRunner>();
        services.AddSingleton<Jobs.JobLiveProgress>();
        services.AddHostedService(sp => sp.GetRequiredService<Jobs.JobRunner>());
        services.AddScoped<Jobs.Jobs>();
        services.AddSingleton<Jobs.NightlyJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<Jobs.NightlyJobs>());
        Backup.BackupCommands.AddBackups(services, config);

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = PasswordRulesValidator.MinimumLength;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                // Well above the per-address throttle (LoginThrottle): strangers cannot lock an account with a few requests.
                o.Lockout.MaxFailedAccessAttempts = config.GetValue("Auth:MaxFailedAttempts", 20);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(config.GetValue("Auth:LockoutMinutes", 15));
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._";
            })
            .AddUserStore<AppUserStore>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddPasswordValidator<PasswordRulesValidator>()
            .AddErrorDescriber<ChineseIdentityErrors>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            // Pages use the cookie; the API and the field app send a bearer token.
            .AddPolicyScheme(SmartScheme, "Cookie or bearer", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/denied";
                o.Cookie.Name = "jingzhun.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = ctx => ApiOr(ctx, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = ctx => ApiOr(ctx, StatusCodes.Status403Forbidden),
                    OnValidatePrincipal = SessionValidation.ValidateCookieAsync,
                };
            })
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromHours(config.GetValue("Auth:AccessTokenHours", 8));
                o.RefreshTokenExpiration = TimeSpan.FromDays(config.GetValue("Auth:RefreshTokenDays", 7));
                o.Events = new BearerTokenEvents { OnMessageReceived = SessionValidation.ValidateBearerAsync };
            });
        services.AddSingleton<SecurityStampCache>();
        services.AddScoped<RefreshTokens>();
        services.AddSingleton<LoginThrottle>();
        services.AddRateLimiter(o => LoginThrottle.Configure(o, config));
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        // Behind a reverse proxy on this machine (README: phones in the field) the scheme and client address come from
        // X-Forwarded-Proto/-For; only a proxy on loopback is believed (the defaults' known proxies).
        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(o =>
            o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto);

        services.AddAuthorizationBuilder().AddDefaultPolicy("signed-in", p => p.RequireAuthenticatedUser());
        foreach (var p in Permissions.All)
            services.AddAuthorizationBuilder().AddPolicy(p, policy => policy.RequireAuthenticatedUser().RequireClaim(AppClaims.Permission, p));

        services.AddBadRequestProblems();
        // The automated tests' host names the exception of a 500 in its answer, so a failure a test meets once is diagnosable
        // from the test's message; a real deployment never shows it.
        var namesExceptions = builder.Environment.IsEnvironment("Testing");
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // Status-code-only answers (401, 403, ...) get a Chinese title instead of the HTTP reason phrase; an unhandled
            // exception (the exception handler's English "An error occurred…") gets one too.
            var p = ctx.ProblemDetails;
            if (ctx.Exception is not null && p.Status == StatusCodes.Status500InternalServerError)
            {
                p.Title = null;
                if (namesExceptions) p.Detail = ctx.Exception.ToString() is var e && e.Length > 4000 ? e[..4000] : e;
            }
            if (p.Title is null || p.Title == ReasonPhrases.GetReasonPhrase(p.Status ?? 0))
                p.Title = p.Status switch
                {
                    StatusCodes.Status401Unauthorized => "未登录或登录已过期，请重新登录",
                    StatusCodes.Status403Forbidden => "您没有执行此操作的权限",
                    StatusCodes.Status404NotFound => "记录不存在或不在您的管辖范围内",
                    StatusCodes.Status405MethodNotAllowed => "不支持该请求方法",
                    StatusCodes.Status429TooManyRequests => LoginThrottle.TooManyRequests,
                    StatusCodes.Status500InternalServerError => "服务器内部错误，请稍后重试或联系管理员",
                    _ => p.Title,
                };
        });
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "精准 Jingzhun API";
            doc.Info.Description = "防止返贫动态监测和帮扶系统接口。先调用 POST /api/v1/auth/login 取得 accessToken，再以 Authorization: Bearer <token> 访问。";
            return Task.CompletedTask;
        }));

        ValidatorOptions.Global.LanguageManager.Culture = new CultureInfo("zh-CN");
        services.AddScoped<Policies.PolicyStore>();
        services.AddValidatorsFromAssemblyContaining<PersonalDataProtector>(ServiceLifetime.Scoped);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        StaticAssets.AddCompression(services);
        // Pages are Chinese: write CJK characters as they are, not as &#x...; entities (smaller pages, readable HTML).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Modules";
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Auth/Login");
            o.Conventions.AllowAnonymousToPage("/Shared/Error");
            // Posted values that cannot be read get a Chinese message next to their field, never a 500.
            o.Conventions.ConfigureFilter(new Forms.BindingErrorsFilter());
        });
        return builder;
    }

    private static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // First, so that every answer (errors and static files included) carries the security headers.
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        var cultures = new[] { new CultureInfo("zh-CN"), new CultureInfo("en") };
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("zh-CN"),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
        });
        app.UseExceptionHandler();
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseResponseCompression();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = f => StaticAssets.PrepareResponse(f.Context) });
        // Explicit (not the implicit first-in-pipeline routing) so a re-executed /error/{code} is routed to its page.
        app.UseRouting();
        app.UseAuthentication();
        app.UseHouseholdScope();
        app.UseAuthorization();
        Files.UploadLimits.UseUploadLimits(app);
        app.UseRateLimiter();
        var openApi = app.MapOpenApi();
        var scalar = app.MapScalarApiReference(o => o.WithTitle("精准 Jingzhun API"));
        // The API description helps an attacker map the system: in a real deployment only signed-in users get it.
        if (Deployment.IsReal(app.Environment.EnvironmentName))
        {
            openApi.RequireAuthorization();
            scalar.RequireAuthorization();
        }
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResultStatusCodes = { [HealthStatus.Healthy] = 200, [HealthStatus.Degraded] = 200, [HealthStatus.Unhealthy] = 503 },
        }).AllowAnonymous();
        app.MapRazorPages();
        return app;
    }
}

internal sealed class CurrentUserActor(CurrentUser user) : IAuditActor
{
    public string? UserId => user.Id;
    public string UserName => user.IsAuthenticated ? user.UserName : "系统";
}

internal sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy("数据库可访问") : HealthCheckResult.Unhealthy("数据库不可访问");
}
