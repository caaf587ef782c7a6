using Jingzhun.Web.Platform;
using Jingzhun.Web.Modules.Regions.BrowseRegions;
using Jingzhun.Web.Modules.Regions.ImportRegions;

namespace Jingzhun.Web.Modules.Regions;

public static class RegionsModule
{
    public static IServiceCollection AddRegions(this IServiceCollection services) => services
        .AddScoped<Platform.IStartupSeed, ImportRegions.ShippedRegionsSeed>()
        .AddSingleton<RegionDirectory>()
        .AddScoped<ImportRegionsHandler>()
        .AddCommandLineVerb<ImportRegionsVerb>()
        .AddScoped<BrowseRegionsHandler>()
        .AddScoped<EditRegion.EditRegionHandler>();

    public static RouteGroupBuilder MapRegionsApi(this RouteGroupBuilder api)
    {
        BrowseRegionsHandler.Map(api);
        EditRegion.EditRegionHandler.Map(api);
        return api;
    }
}
