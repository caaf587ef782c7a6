using Jingzhun.Web.Platform.Policies;

namespace Jingzhun.Web.Modules.Exit;

/// <summary>贫困退出: the exit standard (a policy table), households judged against it, the exit procedure and the county's 三率一度.</summary>
public static class ExitModule
{
    public static IServiceCollection AddExit(this IServiceCollection services) => services
        .AddPolicyTable<ExitStandardTable>()
        .AddScoped<EvaluateExitHandler>();

    public static RouteGroupBuilder MapExitApi(this RouteGroupBuilder api)
    {
        EvaluateExitHandler.Map(api);
        api.MapPolicyTable<ExitStandardTable>();
        return api;
    }
}
