namespace Jingzhun.Web.Modules.Partners.Cooperation;

/// <summary>
/// 东西部协作 and 定点帮扶: partnerships, yearly agreements, deliveries and completion. A figure the system already knows
/// for an indicator is an <see cref="IDerivedIndicatorSource"/> (劳务协作 from the employment records, 消费帮扶：采购 from the
/// sales that name the partnership).
/// </summary>
public static class CooperationModule
{
    public static IServiceCollection AddCooperation(this IServiceCollection services) => services
        .AddScoped<ManageCooperationHandler>()
        .AddScoped<ImportDeliveries.DeliveryListImportHandler>()
        .AddScoped<IDerivedIndicatorSource, LabourCooperationSource>()
        .AddScoped<IDerivedIndicatorSource, ConsumptionPurchaseSource>()
        .AddScoped<Platform.IStartupSeed, CooperationDemoSeed>();

    public static RouteGroupBuilder MapCooperationApi(this RouteGroupBuilder api)
    {
        ManageCooperationHandler.Map(api);
        ImportDeliveries.DeliveryListImportHandler.Map(api);
        return api;
    }
}
