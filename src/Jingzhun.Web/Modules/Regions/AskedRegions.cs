using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Problems;

namespace Jingzhun.Web.Modules.Regions;

/// <summary>
/// "Which region did the user ask for", answered one way everywhere: a code that is not a region is a 400 naming the
/// field; a report on a region outside the user's subtree is a 404 (as if it did not exist) and no code means the
/// user's own region; a list filtered by a region outside the subtree is empty, no code means no filter.
/// </summary>
public static class AskedRegions
{
    /// <summary>The region a report, figure or export is asked for: the named one, or the user's own when none is named.</summary>
    public static Outcome<string> Asked(this RegionDirectory regions, string? region, CurrentUser user, string field = "region")
    {
        var code = string.IsNullOrWhiteSpace(region) ? user.RegionCode ?? "" : region.Trim();
        return Check(regions, code, user, field) ?? Outcome<string>.From(code);
    }

    /// <summary>
    /// A list's optional region filter: null when none is named, else a well-formed code (400 otherwise). A place outside
    /// the user's subtree filters to an empty list, since the scope filters already hold the list to the subtree.
    /// </summary>
    public static Outcome<string?> Filter(this RegionDirectory regions, string? region, string field = "region")
    {
        if (string.IsNullOrWhiteSpace(region)) return Outcome<string?>.From(null);
        var code = region.Trim();
        return RegionCodes.IsValid(code) ? Outcome<string?>.From(code) : Failure.Invalid(field, "区划代码无效");
    }

    private static Failure? Check(RegionDirectory regions, string code, CurrentUser user, string field) =>
        code != "" && (!RegionCodes.IsValid(code) || regions.Find(code) is null) ? Failure.Invalid(field, "区划代码无效")
        : !user.CanSee(code) ? Failure.NotFound("该地区")
        : null;
}
