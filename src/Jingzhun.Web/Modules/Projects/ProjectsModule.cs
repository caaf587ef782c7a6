using Jingzhun.Web.Modules.Projects.Collective;
using Jingzhun.Web.Modules.Projects.ManageFunds;
using Jingzhun.Web.Modules.Projects.ManageProjects;
using Jingzhun.Web.Modules.Projects.SpendingProgress;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform;

namespace Jingzhun.Web.Modules.Projects;

/// <summary>衔接项目库 and 衔接资金 (issue 17, first slice): projects through their stages, allocations, assignments, payments, 支出进度.</summary>
public static class ProjectsModule
{
    public static IServiceCollection AddProjects(this IServiceCollection services) => services
        .AddPolicyTable<Warnings.ProjectWarningPolicyTable>()
        .AddPolicyTable<Warnings.ProjectNoticePolicyTable>()
        .AddScoped<Platform.IStartupSeed, DemoData.ProjectsDemoSeed>()
        .AddCommandLineVerb<DemoData.GenerateProjectsVerb>()
        .AddScoped<ManageProjectsHandler>()
        .AddScoped<ManageFundsHandler>()
        .AddScoped<SpendingProgressHandler>()
        .AddScoped<Assets.ManageAssetsHandler>()
        .AddScoped<Import.ProjectsImportHandler>()
        .AddScoped<AssetChecks.ManageAssetChecksHandler>()
        .AddScoped<Summary.ProjectSummaryHandler>()
        .AddCollective()
        .AddHouseholdPanel(27, "帮扶项目", Jingzhun.Web.Platform.Auth.Permissions.ProjectsView, HouseholdPanel.ProjectsPanelModel.Path);

    public static RouteGroupBuilder MapProjectsApi(this RouteGroupBuilder api)
    {
        SpendingProgressHandler.Map(api);
        Summary.ProjectSummaryHandler.Map(api);
        ManageFundsHandler.Map(api);
        ManageProjectsHandler.Map(api);
        Assets.ManageAssetsHandler.Map(api);
        Import.ProjectsImportHandler.Map(api);
        AssetChecks.ManageAssetChecksHandler.Map(api);
        api.MapPolicyTable<Warnings.ProjectWarningPolicyTable>();
        api.MapPolicyTable<Warnings.ProjectNoticePolicyTable>();
        api.MapCollectiveApi();
        return api;
    }
}
