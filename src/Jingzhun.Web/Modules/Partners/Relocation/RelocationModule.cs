using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Modules.Registry.GetHousehold;

namespace Jingzhun.Web.Modules.Partners.Relocation;

/// <summary>易地扶贫搬迁后续扶持: settlement sites, relocated households' follow-up and the sites' figures.</summary>
public static class RelocationModule
{
    public static IServiceCollection AddRelocation(this IServiceCollection services) => services
        .AddPolicyTable<RelocationPolicyTable>()
        .AddScoped<ManageSitesHandler>()
        .AddScoped<ManageFollowUpHandler>()
        .AddScoped<ImportSupports.SupportListImportHandler>()
        .AddHouseholdPanel(28, "易地搬迁后续扶持", Permissions.PartnersView, RelocationPanelModel.Path)
        .AddScoped<Platform.IStartupSeed, RelocationDemoSeed>()
        .AddCommandLineVerb<GenerateRelocationVerb>();

    public static RouteGroupBuilder MapRelocationApi(this RouteGroupBuilder api)
    {
        ManageSitesHandler.Map(api);
        ManageFollowUpHandler.Map(api);
        ImportSupports.SupportListImportHandler.Map(api);
        api.MapPolicyTable<RelocationPolicyTable>();
        return api;
    }
}
