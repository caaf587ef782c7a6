using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Jingzhun.Web.Platform.Auth;

/// <summary>
/// Every request's sign-in (cookie or bearer token) must carry the user's current security stamp: locking a user,
/// changing their role or region, or resetting their password (all of which renew the stamp) ends their sessions.
/// The stamp read from the database is remembered for a few seconds (<see cref="SecurityStampCache"/>): a change made
/// by this server ends the sessions at once (the user store forgets the remembered stamp when it writes the account);
/// one made elsewhere (another server on the same database, a command-line verb) within
/// <c>Auth:SessionCheckSeconds</c> (5 s by default; 0 reads the database on every request).
/// </summary>
public static class SessionValidation
{
    /// <summary>Whether <paramref name="principal"/>'s security stamp is its user's current one.</summary>
    public static async Task<bool> IsCurrentAsync(HttpContext ctx, ClaimsPrincipal principal)
    {
        var services = ctx.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var id = principal.FindFirstValue(claims.UserIdClaimType);
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        var cache = services.GetRequiredService<SecurityStampCache>();
        if (id is null) return false;
        if (cache.IsCurrent(id, stamp)) return true;
        var read = cache.BeginRead();
        if (await services.GetRequiredService<SignInManager<AppUser>>().ValidateSecurityStampAsync(principal) is null) return false;
        cache.Remember(id, stamp, read);
        return true;
    }

    /// <summary>
    /// A stale cookie signs the user out (the page then redirects to /login). Only the application cookie: Identity's
    /// own SignInManager.SignOutAsync would also sign out the external and two-factor schemes, which this app does
    /// not register, and fail with a 500 on every page.
    /// </summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext ctx)
    {
        if (ctx.Principal is { } p && await IsCurrentAsync(ctx.HttpContext, p)) return;
        ctx.RejectPrincipal();
        await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// <summary>
    /// A bearer token is refused (401) when its user's stamp has changed since it was issued. A valid token is read
    /// (decrypted) once: the ticket read here is the request's sign-in, with the handler's own checks (an expiry
    /// date, not past); anything else is left to the handler, which refuses it as it stands.
    /// </summary>
    public static async Task ValidateBearerAsync(MessageReceivedContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return;
        var ticket = ctx.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..].Trim());
        if (ticket?.Properties.ExpiresUtc is not { } expires || (ctx.Options.TimeProvider ?? TimeProvider.System).GetUtcNow() >= expires)
            return; // the handler refuses it as it stands
        if (!await IsCurrentAsync(ctx.HttpContext, ticket.Principal))
        {
            ctx.Fail("令牌已失效：账号的密码、角色或状态已变更，请重新登录");
            return;
        }
        ctx.Principal = ticket.Principal;
        ctx.Properties = ticket.Properties;
        ctx.Success();
    }
}

/// <summary>
/// The security stamps read from the database in the last few seconds, by user id (see <see cref="SessionValidation"/>).
/// Only a stamp that matched the database is remembered, so a token issued after a change elsewhere reads the database
/// again instead of being refused. <see cref="Forget"/> is called by the user store on every write of an account; a
/// read that began before it does not remember what it read (it may be the stamp just replaced).
/// </summary>
public sealed class SecurityStampCache(TimeProvider clock, IConfiguration config)
{
    private const int MaxEntries = 10_000;
    private readonly TimeSpan _ttl = TimeSpan.FromSeconds(Math.Max(0, config.GetValue("Auth:SessionCheckSeconds", 5.0)));
    private readonly ConcurrentDictionary<string, (string? Stamp, DateTimeOffset Until)> _stamps = new(StringComparer.Ordinal);
    private long _writes;

    public bool IsCurrent(string userId, string? stamp) =>
        _stamps.TryGetValue(userId, out var known) && known.Stamp == stamp && clock.GetUtcNow() < known.Until;

    /// <summary>Taken before reading the database: a write of any account since then keeps the read from being remembered.</summary>
    public long BeginRead() => Interlocked.Read(ref _writes);

    public void Remember(string userId, string? stamp, long read)
    {
        if (_ttl <= TimeSpan.Zero) return;
        if (_stamps.Count >= MaxEntries) _stamps.Clear();
        _stamps[userId] = (stamp, clock.GetUtcNow() + _ttl);
        // A write that happened meanwhile may have removed the entry before it was set: set it, then check, then undo.
        if (Interlocked.Read(ref _writes) != read) _stamps.TryRemove(userId, out _);
    }

    public void Forget(string userId)
    {
        Interlocked.Increment(ref _writes);
        _stamps.TryRemove(userId, out _);
    }
}
