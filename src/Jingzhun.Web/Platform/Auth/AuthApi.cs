using Microsoft.AspNetCore.Identity;

namespace Jingzhun.Web.Platform.Auth;

public sealed record LoginRequest(string Username, string Password);

public sealed record MeView(string UserName, string DisplayName, string Role, string RoleLabel, string RegionCode, IReadOnlyList<string> Permissions);

/// <summary>Password check with lockout, shared by the login page and the token endpoint.</summary>
public sealed class SignInHandler(UserManager<AppUser> users, SignInManager<AppUser> signIn)
{
    public sealed record Result(AppUser? User, string? Error);

    public async Task<Result> CheckAsync(string? username, string? password)
    {
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password)) return new(null, "请输入用户名和密码");
        var user = await users.FindByNameAsync(username.Trim());
        if (user is null) return new(null, "用户名或密码错误");
        var r = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (r.Succeeded) return new(user, null);
        if (r.IsLockedOut)
        {
            var end = await users.GetLockoutEndDateAsync(user);
            return new(null, end is { } e && e.Year < 9999
                ? $"登录失败次数过多，账号已锁定至 {Localization.ChinaTime.Format(e.UtcDateTime)}"
                : "账号已停用，请联系管理员");
        }
        return new(null, "用户名或密码错误");
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/auth").WithTags("认证");
        g.MapPost("/login", async (LoginRequest request, SignInHandler handler, SignInManager<AppUser> signIn) =>
            {
                var r = await handler.CheckAsync(request.Username, request.Password);
                if (r.User is null)
                    return (IResult)TypedResults.Problem(title: r.Error, statusCode: StatusCodes.Status401Unauthorized);
                var principal = await signIn.CreateUserPrincipalAsync(r.User);
                // The bearer handler writes { tokenType, accessToken, expiresIn, refreshToken }.
                return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
            })
            .AllowAnonymous()
            .WithName("Login").WithSummary("登录，取得访问令牌（Bearer）");
        g.MapGet("/me", (CurrentUser me) => TypedResults.Ok(new MeView(me.UserName, me.DisplayName, me.Role ?? "", Roles.LabelOf(me.Role),
                me.RegionCode ?? "", Permissions.All.Where(me.Has).ToList())))
            .RequireAuthorization()
            .WithName("Me").WithSummary("当前用户");
    }
}
