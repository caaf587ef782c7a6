using Jingzhun.Web.Modules.Employment.LoanStats;
using Jingzhun.Web.Modules.Employment.ManageEmployment;
using Jingzhun.Web.Modules.Employment.ManageLoans;
using Jingzhun.Web.Modules.Employment.SweepRisks;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Jobs;
using Jingzhun.Web.Platform.Policies;

namespace Jingzhun.Web.Modules.Employment;

/// <summary>
/// 就业帮扶 and 小额信贷 (issue 13): members' jobs deriving their 务工状况, microloans with repayments and figures, and a
/// sweep that raises monitoring leads for overdue loans and lost jobs. Sits above Monitoring (it raises its leads).
/// </summary>
public static class EmploymentModule
{
    public static IServiceCollection AddEmployment(this IServiceCollection services) => services
        .AddPolicyTable<ConfigurePolicy.EmploymentPolicyTable>()
        .AddPolicyTable<WorkMonitoring.WorkTargetPolicyTable>()
        .AddScoped<WorkMonitoring.WorkMonitoringHandler>()
        .AddScoped<IJobHandler, WorkMonitoring.WorkTallyJob>()
        .AddNightlyJob(WorkMonitoring.WorkTallyJob.JobKind, 40)
        .AddScoped<ManageLoansHandler>()
        .AddScoped<ImportLoans.LoanListImportHandler>()
        .AddScoped<LoanStatsHandler>()
        .AddScoped<ManageEmploymentHandler>()
        .AddScoped<WelfareJobs.ManageWelfareJobsHandler>()
        .AddScoped<EmploymentSweepHandler>()
        .AddScoped<IJobHandler, EmploymentSweepJob>()
        .AddNightlyJob(EmploymentSweepJob.JobKind, 30)
        .AddHouseholdPanel(25, "就业与小额信贷", Permissions.MonitoringView, HouseholdPanel.EmploymentPanelModel.Path)
        .AddScoped<DemoData.EmploymentDemo>()
        .AddCommandLineVerb<DemoData.GenerateEmploymentVerb>()
        .AddScoped<Platform.IStartupSeed, DemoData.EmploymentDemoSeed>()
        .AddScoped<Platform.IStartupSeed, DemoData.WelfareJobDemoSeed>()
        // 就业帮扶车间 and 技能培训
        .AddScoped<Workshops.ManageWorkshopsHandler>()
        .AddScoped<Training.ManageTrainingHandler>()
        .AddScoped<Platform.IStartupSeed, DemoData.WorkshopDemoSeed>();

    public static RouteGroupBuilder MapEmploymentApi(this RouteGroupBuilder api)
    {
        ManageLoansHandler.Map(api);
        ImportLoans.LoanListImportHandler.Map(api);
        LoanStatsHandler.Map(api);
        ManageEmploymentHandler.Map(api);
        WelfareJobs.ManageWelfareJobsHandler.Map(api);
        EmploymentSweepHandler.Map(api);
        api.MapPolicyTable<ConfigurePolicy.EmploymentPolicyTable>();
        api.MapPolicyTable<WorkMonitoring.WorkTargetPolicyTable>();
        WorkMonitoring.WorkMonitoringHandler.Map(api);
        // 就业帮扶车间 and 技能培训
        Workshops.ManageWorkshopsHandler.Map(api);
        Training.ManageTrainingHandler.Map(api);
        return api;
    }
}
