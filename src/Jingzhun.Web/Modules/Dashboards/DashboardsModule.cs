using Jingzhun.Web.Modules.Dashboards.Dashboard;

namespace Jingzhun.Web.Modules.Dashboards;

public static class DashboardsModule
{
    public static IServiceCollection AddDashboards(this IServiceCollection services) => services
        .AddScoped<DashboardHandler>()
        .AddSingleton<DashboardCache>();

    public static RouteGroupBuilder MapDashboardsApi(this RouteGroupBuilder api)
    {
        DashboardHandler.Map(api);
        return api;
    }
}
