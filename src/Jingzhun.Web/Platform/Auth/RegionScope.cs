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
public sealed class HttpRegionScope : IRegionScope
{
    private const string Nothing = "~";

    public HttpRegionScope(IHttpContextAccessor accessor)
    {
        var user = accessor.HttpContext?.User;
        if (user is null) return;
        var code = user.FindFirst(AppClaims.Region)?.Value;
        if (code == "")
        {
            (RegionCode, VillageLow, VillageHigh) = ("", "000000000000", "999999999999");
        }
        else if (code is not null && RegionCodes.IsValid(code))
        {
            RegionCode = code;
            (VillageLow, VillageHigh) = RegionCodes.VillageRange(code);
        }
        else
        {
            (RegionCode, VillageLow, VillageHigh) = (Nothing, Nothing, Nothing);
        }
    }

    public string? RegionCode { get; }
    public string? VillageLow { get; }
    public string? VillageHigh { get; }
}
