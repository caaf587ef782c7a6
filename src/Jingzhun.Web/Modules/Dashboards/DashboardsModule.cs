using Jingzhun.Web.Modules.Dashboards.Dashboard;
using Jingzhun.Web.Modules.Dashboards.Figures;
using Jingzhun.Web.Platform.Data;

namespace Jingzhun.Web.Modules.Dashboards;

public static class DashboardsModule
{
    public static IServiceCollection AddDashboards(this IServiceCollection services) => services
        .AddScoped<DashboardHandler>()
        .AddScoped<FigureUpkeep>()
        .AddScoped<IVillageChangeListener>(sp => sp.GetRequiredService<FigureUpkeep>())
        .AddSingleton<FigureState>()
        .AddHostedService<FigureStartup>();

    public static RouteGroupBuilder MapDashboardsApi(this RouteGroupBuilder api)
    {
        DashboardHandler.Map(api);
        return api;
    }
}
