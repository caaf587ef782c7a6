using Jingzhun.Web.Modules.Regions.BrowseRegions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Regions.EditRegion;

/// <summary>
/// What a county records about its places: a village's 农村户籍人口; a county's assistance flags and class. With the
/// region's <see cref="Version"/> as the editor read it (optimistic concurrency).
/// </summary>
public sealed record RegionFacts(int? RuralPopulation, bool? IsNationalKeyCounty, bool? IsCityKeyCounty, CountyClass? CountyClass, int Version = 0);

/// <summary>Sets region facts inside the editor's subtree (audited). Population for villages, flags for counties.</summary>
public sealed class EditRegionHandler(AppDbContext db, RegionDirectory regions, BrowseRegionsHandler browse, CurrentUser user, TimeProvider clock)
{
    public async Task<Outcome<RegionView>> HandleAsync(string code, RegionFacts f, CancellationToken ct)
    {
        var region = await db.Regions.FirstOrDefaultAsync(r => r.Code == code, ct);
        if (region is null || !user.CanSee(code)) return Failure.NotFound("该地区");
        if (f.RuralPopulation is { } p)
        {
            if (region.Level != RegionLevel.Village) return Failure.Invalid("ruralPopulation", "农村户籍人口按村登记，上级自动汇总");
            if (p is < 0 or > 200_000) return Failure.Invalid("ruralPopulation", "农村户籍人口应在0至20万之间");
            region.RuralPopulation = p;
        }
        if (f.IsNationalKeyCounty is not null || f.IsCityKeyCounty is not null || f.CountyClass is not null)
        {
            if (region.Level != RegionLevel.County) return Failure.Invalid("countyClass", "帮扶县标识只能设置在区县");
            // A county does not classify itself: the flags are set from the city or province level.
            if (user.RegionCode is not { } mine || mine.Length >= 6) return Failure.Forbidden("区县帮扶标识由市级或省级设置");
            if (f.CountyClass is { } c && !Enum.IsDefined(c)) return Failure.Invalid("countyClass", "区县分类无效");
            region.IsNationalKeyCounty = f.IsNationalKeyCounty ?? region.IsNationalKeyCounty;
            region.IsCityKeyCounty = f.IsCityKeyCounty ?? region.IsCityKeyCounty;
            region.CountyClass = f.CountyClass ?? region.CountyClass;
        }
        // Checked after the input (a bad value is a 400 whatever the version); nothing is saved before.
        var what = $"区划 {region.Name}（{code}）的登记信息";
        if (Versions.Check(region, f.Version, what) is { } stale) return stale;
        region.Stamp(clock.GetUtcNow().UtcDateTime, user.UserName);
        if (await db.SaveEditAsync(what, t => db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == code, t), ct) is { } conflict)
            return conflict;
        regions.Invalidate();
        return browse.View(regions.Find(code)!);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/regions/{code}", async (string code, RegionFacts f, EditRegionHandler h, CancellationToken ct) => (await h.HandleAsync(code, f, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegionsEdit)
            .WithName("EditRegion").WithSummary("登记村农村户籍人口（贫困发生率分母）；市、省级设置区县帮扶标识").WithTags("行政区划");
}
