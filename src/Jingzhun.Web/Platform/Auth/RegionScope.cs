using Jingzhun.Web.Modules.Regions.Rules;

namespace Jingzhun.Web.Platform.Auth;

/// <summary>The region subtree the current request may see; unscoped (all nulls) for system work.</summary>
public interface IRegionScope
{
    string? RegionCode { get; }
    string? VillageLow { get; }
    string? VillageHigh { get; }
}

public sealed class UnscopedRegion : IRegionScope
{
    public static readonly UnscopedRegion Instance = new();
    public string? RegionCode => null;
    public string? VillageLow => null;
    public string? VillageHigh => null;
}

/// <summary>
/// Scope of the signed-in user, from the region claim. "" is the national root (system administrators).
/// An HTTP request without a valid region claim (anonymous) gets an empty range and sees nothing; code that runs
/// outside a request (start-up, background jobs) is system work and unscoped.
/// </summary>
public sealed class HttpRegionScope(IHttpContextAccessor accessor) : IRegionScope
{
    private const string Nothing = "~";

    // Read at each use, not at construction: the database context (and this scope with it) can be created while the
    // cookie is being validated (security stamp check), before the request's user is set.
    private (string? Code, string? Low, string? High) Current()
    {
        var user = accessor.HttpContext?.User;
        if (user is null) return (null, null, null);
        var code = user.FindFirst(AppClaims.Region)?.Value;
        if (code == "") return ("", "000000000000", "999999999999");
        if (code is not null && RegionCodes.IsValid(code))
        {
            var (low, high) = RegionCodes.VillageRange(code);
            return (code, low, high);
        }
        return (Nothing, Nothing, Nothing);
    }

    public string? RegionCode => Current().Code;
    public string? VillageLow => Current().Low;
    public string? VillageHigh => Current().High;
}
