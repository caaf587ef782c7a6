using Jingzhun.Web.Modules.Monitoring.IdentifyHouseholds;
using Jingzhun.Web.Modules.Monitoring.ManageLeads;
using Jingzhun.Web.Modules.Monitoring.MonitoringStats;
using Jingzhun.Web.Modules.Monitoring.PublicNotice;
using Jingzhun.Web.Modules.Monitoring.SweepRisks;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Jobs;
using Jingzhun.Web.Platform.Policies;

namespace Jingzhun.Web.Modules.Monitoring;

public static class MonitoringModule
{
    /// <summary>Register after the guarantees module: the sweep reads the problems that re-assessment just opened.</summary>
    public static IServiceCollection AddMonitoring(this IServiceCollection services) => services
        .AddPolicyTable<ConfigurePolicy.MonitoringPolicyTable>()
        .AddScoped<Platform.IStartupSeed, DemoData.MonitoringDemoSeed>()
        .AddScoped<SweepRisksHandler>()
        .AddScoped<IRegistryChangeListener>(sp => sp.GetRequiredService<SweepRisksHandler>())
        .AddScoped<IJobHandler, SweepRisksJob>()
        .AddNightlyJob(SweepRisksJob.JobKind, 20)
        .AddHouseholdPanel(20, "防返贫监测", Permissions.MonitoringView, HouseholdPanel.MonitoringPanelModel.Path)
        .AddScoped<ManageLeadsHandler>()
        .AddScoped<IdentifyHouseholdsHandler>()
        .AddScoped<MonitoringStatsHandler>()
        .AddScoped<PublicNoticeHandler>()
        .AddScoped<DemoData.MonitoringDemo>();

    public static RouteGroupBuilder MapMonitoringApi(this RouteGroupBuilder api)
    {
        SweepRisksHandler.Map(api);
        ManageLeadsHandler.Map(api);
        IdentifyHouseholdsHandler.Map(api);
        MonitoringStatsHandler.Map(api);
        PublicNoticeHandler.Map(api);
        api.MapPolicyTable<ConfigurePolicy.MonitoringPolicyTable>();
        return api;
    }
}
