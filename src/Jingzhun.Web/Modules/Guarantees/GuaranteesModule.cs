using Jingzhun.Web.Modules.Guarantees.AssessHouseholds;
using Jingzhun.Web.Modules.Guarantees.Bulletins;
using Jingzhun.Web.Modules.Guarantees.ManageProblems;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Jobs;
using Jingzhun.Web.Platform.Policies;

namespace Jingzhun.Web.Modules.Guarantees;

public static class GuaranteesModule
{
    public static IServiceCollection AddGuarantees(this IServiceCollection services) => services
        .AddPolicyTable<ConfigurePolicy.GuaranteePolicyTable>()
        .AddPolicyTable<Duties.DutyPolicyTable>()
        .AddScoped<Duties.SeparationOfDuties>()
        .AddScoped<Platform.IStartupSeed, GuaranteesDemoSeed>()
        .AddScoped<AssessHouseholdsHandler>()
        .AddScoped<IRegistryChangeListener>(sp => sp.GetRequiredService<AssessHouseholdsHandler>())
        .AddScoped<IJobHandler, SweepGuaranteesJob>()
        .AddNightlyJob(SweepGuaranteesJob.JobKind, 10)
        .AddHouseholdPanel(10, "两不愁三保障", Permissions.GuaranteesView, HouseholdPanel.GuaranteesPanelModel.Path)
        .AddScoped<ManageProblemsHandler>()
        .AddScoped<BulletinsHandler>();

    public static RouteGroupBuilder MapGuaranteesApi(this RouteGroupBuilder api)
    {
        AssessHouseholdsHandler.Map(api);
        ManageProblemsHandler.Map(api);
        BulletinsHandler.Map(api);
        api.MapPolicyTable<ConfigurePolicy.GuaranteePolicyTable>();
        api.MapPolicyTable<Duties.DutyPolicyTable>();
        return api;
    }
}
