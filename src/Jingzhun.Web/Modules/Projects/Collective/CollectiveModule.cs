using Jingzhun.Web.Platform.Policies;

namespace Jingzhun.Web.Modules.Projects.Collective;

/// <summary>村集体经济 and 产业基地 (issue 17, last slice), registered by <see cref="ProjectsModule"/>.</summary>
public static class CollectiveModule
{
    public static IServiceCollection AddCollective(this IServiceCollection services) => services
        .AddPolicyTable<CollectiveBandPolicyTable>()
        .AddScoped<Platform.IStartupSeed, CollectiveDemoSeed>()
        .AddScoped<CollectiveEconomyQuery>()
        .AddScoped<ManageCollectiveHandler>()
        .AddScoped<ManageIndustryHandler>();

    public static RouteGroupBuilder MapCollectiveApi(this RouteGroupBuilder api)
    {
        ManageCollectiveHandler.Map(api);
        ManageIndustryHandler.Map(api);
        api.MapPolicyTable<CollectiveBandPolicyTable>();
        return api;
    }
}
