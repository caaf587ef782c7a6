using Jingzhun.Web.Modules.Dashboards.Dashboard;

namespace Jingzhun.Web.Modules.Dashboards;

public static class DashboardsModule
{
    public static IServiceCollection AddDashboards(this IServiceCollection services) => services
        .AddScoped<Platform.IStartupSeed, ExitEvaluation.ExitStandardSeed>()
        .AddScoped<DashboardHandler>()
        .AddSingleton<DashboardCache>()
        .AddScoped<ExitEvaluation.EvaluateExitHandler>()
        .AddScoped<ExitEvaluation.ConfigureExitStandardHandler>();

    public static RouteGroupBuilder MapDashboardsApi(this RouteGroupBuilder api)
    {
        DashboardHandler.Map(api);
        ExitEvaluation.EvaluateExitHandler.Map(api);
        ExitEvaluation.ConfigureExitStandardHandler.Map(api);
        return api;
    }
}
