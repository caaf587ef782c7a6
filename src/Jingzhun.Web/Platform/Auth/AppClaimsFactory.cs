using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Jingzhun.Web.Platform.Auth;

/// <summary>Adds the region, display name, role and the role's permissions to the sign-in principal.</summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        id.AddClaim(new Claim(AppClaims.Region, user.RegionCode));
        id.AddClaim(new Claim(AppClaims.DisplayName, user.DisplayName));
        id.AddClaim(new Claim(ClaimTypes.Role, user.Role));
        foreach (var p in Roles.Find(user.Role)?.Permissions ?? [])
            id.AddClaim(new Claim(AppClaims.Permission, p));
        return id;
    }
}
