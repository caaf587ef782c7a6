namespace Jingzhun.Web.Modules.Partners.Relocation;

public static class RelocationModule
{
    public static IServiceCollection AddRelocation(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapRelocationApi(this RouteGroupBuilder api) => api;
}
