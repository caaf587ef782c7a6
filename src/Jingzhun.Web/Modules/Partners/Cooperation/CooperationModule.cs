namespace Jingzhun.Web.Modules.Partners.Cooperation;

public static class CooperationModule
{
    public static IServiceCollection AddCooperation(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapCooperationApi(this RouteGroupBuilder api) => api;
}
