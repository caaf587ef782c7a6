namespace Jingzhun.Web.Modules.FieldWork;

public static class FieldWorkModule
{
    public static IServiceCollection AddFieldWork(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapFieldWorkApi(this RouteGroupBuilder api) => api;
}
