using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Jingzhun.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Platform.Auth;

/// <summary>
/// Refresh tokens with rotation and revocation. The bearer handler writes the refresh token (its own protector, like
/// Identity's MapIdentityApi); each carries a random id that is also kept in Identity's user-token table. A refresh
/// consumes the id and issues a new one; an id used twice (a stolen copy) revokes all of the user's refresh tokens;
/// a new security stamp (password reset, lock, role change) invalidates them all; POST /auth/logout revokes one.
/// </summary>
public sealed class RefreshTokens(AppDbContext db, TimeProvider clock, Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions> bearer)
{
    public const string Provider = "Jingzhun.Refresh";
    public const string IdClaim = "jz:rt";

    private TimeSpan Lifetime => bearer.Get(IdentityConstants.BearerScheme).RefreshTokenExpiration;

    /// <summary>Gives the principal a fresh refresh-token id and records it (expired ids of the user are dropped).</summary>
    public async Task IssueAsync(ClaimsPrincipal principal, AppUser user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(IdClaim, id));
        var mine = await db.UserTokens.Where(t => t.UserId == user.Id && t.LoginProvider == Provider).ToListAsync(ct);
        db.UserTokens.RemoveRange(mine.Where(t => !DateTimeOffset.TryParse(t.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var e) || e <= now));
        db.UserTokens.Add(new IdentityUserToken<string>
        {
            UserId = user.Id, LoginProvider = Provider, Name = id, Value = (now + Lifetime).ToString("O", CultureInfo.InvariantCulture),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>True when the id was live and is now used up; false (and every token of the user revoked) otherwise.</summary>
    public async Task<bool> ConsumeAsync(AppUser user, string? id, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(id) && await db.UserTokens
                .Where(t => t.UserId == user.Id && t.LoginProvider == Provider && t.Name == id).ExecuteDeleteAsync(ct) == 1)
            return true;
        await RevokeAllAsync(user.Id, ct);
        return false;
    }

    public Task RevokeAsync(string userId, string id, CancellationToken ct) =>
        db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == id).ExecuteDeleteAsync(ct);

    public Task RevokeAllAsync(string userId, CancellationToken ct) =>
        db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider).ExecuteDeleteAsync(ct);
}
