using Jingzhun.Web.Modules.Regions.Rules;

namespace Jingzhun.Web.Platform.Auth;

/// <summary>The region subtree the current request may see; unscoped (all nulls) for system work.</summary>
public interface IRegionScope
{
    string? RegionCode { get; }
    string? VillageLow { get; }
    string? VillageHigh { get; }

    /// <summary>
    /// For a pairing cadre, the households paired with them (set by the field-work module for each request); null for
    /// every other role, whose region alone decides.
    /// </summary>
    long[]? Households { get; }

    /// <summary>For a pairing cadre, their own cadre record's id (their records only); null for every other role.</summary>
    long? CadreId { get; }
}

public sealed class UnscopedRegion : IRegionScope
{
    public static readonly UnscopedRegion Instance = new();
    public string? RegionCode => null;
    public string? VillageLow => null;
    public string? VillageHigh => null;
    public long[]? Households => null;
    public long? CadreId => null;
}

/// <summary>
/// Scope of the signed-in user, from the region claim. "" is the national root (system administrators).
/// An HTTP request without a valid region claim (anonymous) gets an empty range and sees nothing; code that runs
/// outside a request (start-up, background jobs) is system work and unscoped.
/// </summary>
public sealed class HttpRegionScope(IHttpContextAccessor accessor) : IRegionScope
{
    private const string Nothing = "~";

    // Read on first use, not in the constructor: the cookie handler's security-stamp check builds the
    // AppDbContext (and so this scope) before authentication has set HttpContext.User.
    private (string? Code, string? Low, string? High)? _scope;

    private (string? Code, string? Low, string? High) Scope => _scope ??= Resolve();

    private (string? Code, string? Low, string? High) Resolve()
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

    public string? RegionCode => Scope.Code;
    public string? VillageLow => Scope.Low;
    public string? VillageHigh => Scope.High;
    public long[]? Households => (accessor.HttpContext?.Items[NarrowKey] as HouseholdScope)?.Households;
    public long? CadreId => (accessor.HttpContext?.Items[NarrowKey] as HouseholdScope)?.CadreId;

    private const string NarrowKey = "jingzhun.scope.narrowed";

    /// <summary>Narrows this request's scope to a cadre's paired households and own records.</summary>
    public static void Narrow(HttpContext context, HouseholdScope scope) => context.Items[NarrowKey] = scope;
}
