namespace Jingzhun.Web.Modules.Sampling;

/// <summary>
/// 回头看 抽样核查 (issue 16): campaigns with a sample size from a target margin of error, a seeded reproducible draw
/// (simple or stratified), questionnaires per sampled household (findings become monitoring risk leads), and the weighted
/// estimates of 错退率, 漏评率 and 群众认可度 with 95% intervals against the exit standard's limits. Sits above Registry,
/// Monitoring and Exit: it reads their public types and raises leads through Monitoring's handler.
/// </summary>
public static class SamplingModule
{
    public static IServiceCollection AddSampling(this IServiceCollection services) => services
        .AddScoped<ManageSamplingHandler>()
        .AddScoped<Platform.IStartupSeed, DemoData.SamplingDemoSeed>();

    public static RouteGroupBuilder MapSamplingApi(this RouteGroupBuilder api)
    {
        ManageSamplingHandler.Map(api);
        return api;
    }
}
