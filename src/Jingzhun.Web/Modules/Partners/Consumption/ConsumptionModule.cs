namespace Jingzhun.Web.Modules.Partners.Consumption;

public static class ConsumptionModule
{
    public static IServiceCollection AddConsumption(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapConsumptionApi(this RouteGroupBuilder api) => api;
}
