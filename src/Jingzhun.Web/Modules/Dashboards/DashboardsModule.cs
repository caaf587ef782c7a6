using Jingzhun.Web.Modules.Dashboards.Dashboard;
using Jingzhun.Web.Platform.Policies;

namespace Jingzhun.Web.Modules.Dashboards;

public static class DashboardsModule
{
    public static IServiceCollection AddDashboards(this IServiceCollection services) => services
        .AddPolicyTable<ExitEvaluation.ExitStandardTable>()
        .AddScoped<DashboardHandler>()
        .AddSingleton<DashboardCache>()
        .AddScoped<ExitEvaluation.EvaluateExitHandler>();

    public static RouteGroupBuilder MapDashboardsApi(this RouteGroupBuilder api)
    {
        DashboardHandler.Map(api);
        ExitEvaluation.EvaluateExitHandler.Map(api);
        api.MapPolicyTable<ExitEvaluation.ExitStandardTable>();
        return api;
    }
}
