using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Jingzhun.Web.Platform.Problems;
using Microsoft.Extensions.Options;

namespace Jingzhun.Web.Platform.Auth;

public sealed record LoginRequest([property: Text(64, "用户名")] string Username, [property: Text(128, "密码")] string Password);

public sealed record RefreshRequest([property: Text(4096, "刷新令牌")] string RefreshToken);

public sealed record MeView(string UserName, string DisplayName, string Role, string RoleLabel, string RegionCode, IReadOnlyList<string> Permissions);

/// <summary>Password check with throttling and lockout, shared by the login page and the token endpoint.</summary>
public sealed class SignInHandler(UserManager<AppUser> users, SignInManager<AppUser> signIn, LoginThrottle throttle, IHttpContextAccessor http)
{
    public sealed record Result(AppUser? User, string? Error, int Status = StatusCodes.Status401Unauthorized);

    private static string? _dummyHash;

    public async Task<Result> CheckAsync(string? username, string? password)
    {
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password)) return new(null, "请输入用户名和密码", StatusCodes.Status400BadRequest);
        var address = LoginThrottle.AddressOf(http.HttpContext);
        if (throttle.Refusal(address, username) is { } refused) return new(null, refused, StatusCodes.Status429TooManyRequests);
        var user = await users.FindByNameAsync(username.Trim());
        if (user is null)
        {
            // As long as a wrong password for a real user: the answer's timing must not tell which user names exist.
            var hasher = users.PasswordHasher;
            _dummyHash ??= hasher.HashPassword(new AppUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18)));
            hasher.VerifyHashedPassword(new AppUser(), _dummyHash, password);
            throttle.RecordFailure(address, username);
            return new(null, "用户名或密码错误");
        }
        var r = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (r.Succeeded) return new(user, null, StatusCodes.Status200OK);
        throttle.RecordFailure(address, username);
        if (r.IsLockedOut)
        {
            var end = await users.GetLockoutEndDateAsync(user);
            return new(null, end is { } e && e.Year < 9999
                ? $"登录失败次数过多，账号已锁定至 {Localization.ChinaTime.Format(e.UtcDateTime)}，可请管理员解锁"
                : "账号已停用，请联系管理员");
        }
        return new(null, "用户名或密码错误");
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/auth").WithTags("认证");
        g.MapPost("/login", async (LoginRequest request, SignInHandler handler, SignInManager<AppUser> signIn, RefreshTokens refresh, CancellationToken ct) =>
            {
                if (TextLimits.Check(request) is { } tooLong) return tooLong.ToProblem();
                var r = await handler.CheckAsync(request.Username, request.Password);
                if (r.User is null)
                    return (IResult)TypedResults.Problem(title: r.Error, statusCode: r.Status);
                var principal = await signIn.CreateUserPrincipalAsync(r.User);
                await refresh.IssueAsync(principal, r.User, ct);
                // The bearer handler writes { tokenType, accessToken, expiresIn, refreshToken }.
                return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
            })
            .AllowAnonymous().RequireRateLimiting(LoginThrottle.Policy)
            .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>().WithName("Login").WithSummary("登录，取得访问令牌（Bearer）和刷新令牌");
        g.MapPost("/refresh", async (RefreshRequest request, SignInManager<AppUser> signIn, RefreshTokens refresh,
                IOptionsMonitor<BearerTokenOptions> options, TimeProvider clock, CancellationToken ct) =>
            {
                if (TextLimits.Check(request) is { } tooLong) return tooLong.ToProblem();
                var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null
                    : options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
                // Expired, forged, or issued before the user's password, role or status changed: sign in again.
                if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
                    || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user || !await signIn.CanSignInAsync(user)
                    || await signIn.UserManager.IsLockedOutAsync(user))
                    return (IResult)TypedResults.Problem(title: "刷新令牌无效或已过期，请重新登录", statusCode: StatusCodes.Status401Unauthorized);
                if (!await refresh.ConsumeAsync(user, ticket.Principal.FindFirst(RefreshTokens.IdClaim)?.Value, ct))
                    return TypedResults.Problem(title: "刷新令牌已被使用过，为安全起见该账号的全部刷新令牌已作废，请重新登录",
                        statusCode: StatusCodes.Status401Unauthorized);
                var principal = await signIn.CreateUserPrincipalAsync(user);
                await refresh.IssueAsync(principal, user, ct);
                return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
            })
            .AllowAnonymous()
            .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>().WithName("RefreshToken").WithSummary("用刷新令牌换取新的访问令牌和刷新令牌（旧刷新令牌随即作废）");
        g.MapPost("/logout", async (RefreshRequest request, RefreshTokens refresh, IOptionsMonitor<BearerTokenOptions> options, CancellationToken ct) =>
            {
                if (TextLimits.Check(request) is { } tooLong) return tooLong.ToProblem();
                var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null
                    : options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
                if (ticket?.Principal.FindFirst(RefreshTokens.IdClaim)?.Value is { } id
                    && ticket.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } userId)
                    await refresh.RevokeAsync(userId, id, ct);
                return TypedResults.NoContent();
            })
            .AllowAnonymous()
            .Produces(StatusCodes.Status204NoContent)
            .WithName("Logout").WithSummary("退出登录：作废该刷新令牌");
        g.MapGet("/me", (CurrentUser me) => TypedResults.Ok(new MeView(me.UserName, me.DisplayName, me.Role ?? "", Roles.LabelOf(me.Role),
                me.RegionCode ?? "", Permissions.All.Where(me.Has).ToList())))
            .RequireAuthorization()
            .WithName("Me").WithSummary("当前用户");
    }
}
