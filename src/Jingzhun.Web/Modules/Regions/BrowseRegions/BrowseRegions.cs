using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;

namespace Jingzhun.Web.Modules.Regions.BrowseRegions;

public sealed record RegionView(string Code, string Name, RegionLevel Level, string LevelLabel, string? ParentCode, bool HasChildren,
    bool IsNationalKeyCounty, bool IsCityKeyCounty, CountyClass? CountyClass, int? RuralPopulation = null, int Version = 0);

/// <summary>Children and search for the region picker; a user sees the nodes on their path and their subtree.</summary>
public sealed class BrowseRegionsHandler(RegionDirectory regions, CurrentUser user)
{
    private bool Visible(string code) =>
        user.RegionCode is { } r && (code.StartsWith(r, StringComparison.Ordinal) || r.StartsWith(code, StringComparison.Ordinal));

    public RegionView View(Region r) => new(r.Code, r.Name, r.Level, Labels.Of(r.Level), r.ParentCode,
        regions.ChildrenOf(r.Code).Count > 0, r.IsNationalKeyCounty, r.IsCityKeyCounty, r.CountyClass, r.RuralPopulation, r.Version);

    public Outcome<IReadOnlyList<RegionView>> Children(string code)
    {
        if (code != "" && (!RegionCodes.IsValid(code) || regions.Find(code) is null || !Visible(code))) return Failure.NotFound("该地区");
        var scope = user.RegionCode ?? "~";
        return Outcome<IReadOnlyList<RegionView>>.From(regions.ChildrenOf(code)
            .Where(c => c.Code.StartsWith(scope, StringComparison.Ordinal) || scope.StartsWith(c.Code, StringComparison.Ordinal))
            .Select(View).ToList());
    }

    public IReadOnlyList<RegionView> Search(string text, int limit = 20) =>
        string.IsNullOrWhiteSpace(text) ? [] : regions.Search(text.Trim(), user.RegionCode is { Length: > 0 } r ? r : null, limit).Select(View).ToList();

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/regions").WithTags("行政区划").RequireAuthorization();
        g.MapGet("/{code}/children", (string code, BrowseRegionsHandler h) => h.Children(code == "root" ? "" : code).ToHttp(TypedResults.Ok))
            .WithName("GetRegionChildren").WithSummary("下级区划（root 表示全国各省）");
        g.MapGet("/{code}", (string code, RegionDirectory regions, BrowseRegionsHandler h) =>
                regions.Find(code) is { } r && h.Visible(code) ? Results.Ok(h.View(r)) : Failure.NotFound("该地区").ToProblem())
            .Produces<RegionView>().WithName("GetRegion").WithSummary("区划信息");
        g.MapGet("/search", (string q, BrowseRegionsHandler h) => TypedResults.Ok(h.Search(q)))
            .WithName("SearchRegions").WithSummary("按名称搜索本辖区内的区划");
    }
}
