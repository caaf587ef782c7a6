using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Jingzhun.Web.Platform.Auth;

/// <summary>
/// Throttles password guessing without handing strangers a way to lock accounts:
/// (1) ASP.NET Core rate limiting on the two login endpoints (POST /api/v1/auth/login and the /login form), per client
/// address: at most Auth:LoginRequestsPerAddress attempts per Auth:LoginRequestWindowSeconds;
/// (2) per client address and account together: after Auth:LoginFailuresPerAccount failed attempts within
/// Auth:LoginFailureWindowMinutes that address may not try that account again until the window ends.
/// Both answer 429. Identity's own lockout (Auth:MaxFailedAttempts, default 20) stays as the last line against
/// guessing from many addresses; an administrator can lift it (audited).
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    public const string Policy = "login";
    public const string TooManyRequests = "登录请求过于频繁，请稍后再试";

    private readonly PartitionedRateLimiter<string> _failures;
    private readonly TimeSpan _window;

    public LoginThrottle(IConfiguration config)
    {
        var permits = Math.Max(1, config.GetValue("Auth:LoginFailuresPerAccount", 5));
        _window = TimeSpan.FromMinutes(Math.Max(1, config.GetValue("Auth:LoginFailureWindowMinutes", 15)));
        _failures = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = _window, QueueLimit = 0, AutoReplenishment = true }));
    }

    private static string Key(string address, string userName) => address + "\n" + userName.Trim().ToUpperInvariant();

    public static string AddressOf(HttpContext? ctx) => ctx?.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Null when this address may try this account now, else the message to show.</summary>
    public string? Refusal(string address, string userName)
    {
        using var lease = _failures.AttemptAcquire(Key(address, userName), 0);
        if (lease.IsAcquired) return null;
        var minutes = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalMinutes)) : (int)_window.TotalMinutes;
        return $"登录失败次数过多，请 {minutes} 分钟后再试";
    }

    public void RecordFailure(string address, string userName)
    {
        using var _ = _failures.AttemptAcquire(Key(address, userName), 1);
    }

    public void Dispose() => _failures.Dispose();

    /// <summary>The per-address limiter of the login endpoints (other requests are not limited).</summary>
    public static void Configure(RateLimiterOptions o, IConfiguration config)
    {
        var permits = Math.Max(1, config.GetValue("Auth:LoginRequestsPerAddress", 60));
        var window = TimeSpan.FromSeconds(Math.Max(1, config.GetValue("Auth:LoginRequestWindowSeconds", 60)));
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.AddPolicy(Policy, ctx => HttpMethods.IsPost(ctx.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(AddressOf(ctx),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true })
            : RateLimitPartition.GetNoLimiter(""));
        o.OnRejected = async (ctx, ct) =>
        {
            var http = ctx.HttpContext;
            if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after))
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            // The API answers a Chinese ProblemDetails; the login form's 429 is shown by the error page (/error/429).
            if (http.Request.Path.StartsWithSegments("/api"))
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = TooManyRequests },
                });
        };
    }
}
