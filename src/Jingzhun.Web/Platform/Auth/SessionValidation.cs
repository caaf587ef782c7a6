using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Jingzhun.Web.Platform.Auth;

/// <summary>
/// Every request's sign-in (cookie or bearer token) must carry the user's current security stamp: locking a user,
/// changing their role or region, or resetting their password (all of which renew the stamp) ends their sessions at
/// once. One primary-key read per request, not cached.
/// </summary>
public static class SessionValidation
{
    public static async Task<AppUser?> CurrentUserAsync(HttpContext ctx, ClaimsPrincipal principal) =>
        await ctx.RequestServices.GetRequiredService<SignInManager<AppUser>>().ValidateSecurityStampAsync(principal);

    /// <summary>
    /// A stale cookie signs the user out (the page then redirects to /login). Only the application cookie: Identity's
    /// own SignInManager.SignOutAsync would also sign out the external and two-factor schemes, which this app does
    /// not register, and fail with a 500 on every page.
    /// </summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext ctx)
    {
        if (ctx.Principal is { } p && await CurrentUserAsync(ctx.HttpContext, p) is not null) return;
        ctx.RejectPrincipal();
        await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// <summary>A bearer token is refused (401) when its user's stamp has changed since it was issued.</summary>
    public static async Task ValidateBearerAsync(MessageReceivedContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return;
        var ticket = ctx.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..].Trim());
        if (ticket is null) return; // the handler refuses it as it stands
        if (await CurrentUserAsync(ctx.HttpContext, ticket.Principal) is null)
            ctx.Fail("令牌已失效：账号的密码、角色或状态已变更，请重新登录");
    }
}
