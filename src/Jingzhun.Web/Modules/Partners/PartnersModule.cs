using Jingzhun.Web.Modules.Partners.Consumption;
using Jingzhun.Web.Modules.Partners.Cooperation;
using Jingzhun.Web.Modules.Partners.Relocation;

namespace Jingzhun.Web.Modules.Partners;

/// <summary>
/// 易地扶贫搬迁后续扶持 (settlement sites and relocated households' follow-up), 消费帮扶 (recognised products and their
/// sales) and 东西部协作 / 定点帮扶 (partnerships, yearly agreements and what was delivered against them), issue 15.
/// Sits above Registry, Projects and Employment: it reads their public types and never writes their tables directly.
/// </summary>
public static class PartnersModule
{
    public static IServiceCollection AddPartners(this IServiceCollection services) => services
        // 易地扶贫搬迁后续扶持
        .AddRelocation()
        // 消费帮扶
        .AddConsumption()
        // 东西部协作 and 定点帮扶
        .AddCooperation();

    public static RouteGroupBuilder MapPartnersApi(this RouteGroupBuilder api) => api
        .MapRelocationApi()
        .MapConsumptionApi()
        .MapCooperationApi();
}
