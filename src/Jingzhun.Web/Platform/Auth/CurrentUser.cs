using System.Security.Claims;

namespace Jingzhun.Web.Platform.Auth;

/// <summary>Who is acting in this request: for audit, scope checks and "changed by X" messages.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;
    public string? Id => Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
    public string UserName => Principal?.Identity?.Name ?? "系统";
    public string DisplayName => Principal?.FindFirstValue(AppClaims.DisplayName) is { Length: > 0 } n ? n : UserName;
    public string? RegionCode => Principal?.FindFirstValue(AppClaims.Region);
    public string? Role => Principal?.FindFirstValue(ClaimTypes.Role);
    public bool Has(string permission) => Principal?.HasClaim(AppClaims.Permission, permission) == true;

    /// <summary>True when <paramref name="code"/> lies in the user's subtree (system work: always).</summary>
    public bool CanSee(string code) =>
        !IsAuthenticated ? accessor.HttpContext is null : RegionCode is { } r && code.StartsWith(r, StringComparison.Ordinal);
}
