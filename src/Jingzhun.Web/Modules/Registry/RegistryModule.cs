using Jingzhun.Web.Platform;
using Jingzhun.Web.Modules.Registry.DemoData;
using Jingzhun.Web.Modules.Registry.ExportHouseholds;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Modules.Registry.ManageMembers;
using Jingzhun.Web.Modules.Registry.RecordIncome;
using Jingzhun.Web.Modules.Registry.RegisterHousehold;
using Jingzhun.Web.Modules.Registry.RevealIdNumber;
using Jingzhun.Web.Modules.Registry.SearchHouseholds;
using Jingzhun.Web.Modules.Registry.UpdateHousehold;

namespace Jingzhun.Web.Modules.Registry;

public static class RegistryModule
{
    public static IServiceCollection AddRegistry(this IServiceCollection services) => services
        .AddScoped<Platform.IStartupSeed, DemoData.DemoAccountsSeed>()
        .AddScoped<Platform.IStartupSeed, DemoData.DemoAccountsNoteSeed>()
        .AddScoped<Platform.IStartupSeed, DemoData.DemoPasswordGuardSeed>()
        .AddScoped<Platform.IStartupSeed, DemoData.DemoPopulationSeed>()
        .AddScoped<MemberIdentities>()
        .AddScoped<HouseholdInScopePageFilter>()
        .Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
            o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(HouseholdInScopePageFilter))))
        .AddScoped<DemoData.GenerateRegistry>()
        .AddCommandLineVerb<Transfer.GenerateVerb>()
        .AddCommandLineVerb<Transfer.ImportVerb>()
        .AddCommandLineVerb<Transfer.ExportVerb>()
        .AddScoped<RegistryChanges>()
        .AddScoped<RegisterHouseholdHandler>()
        .AddScoped<UpdateHouseholdHandler>()
        .AddScoped<GetHouseholdHandler>()
        .AddScoped<SearchHouseholdsHandler>()
        .ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, HouseholdListJson.Default))
        .AddScoped<Platform.Forms.IPickerSource, HouseholdPicker>()
        .AddScoped<ExportHouseholdsHandler>()
        .AddScoped<ManageMembersHandler>()
        .AddScoped<RecordIncomeHandler>()
        .AddScoped<RevealIdNumberHandler>()
        .AddScoped<Transfer.RegistryImporter>()
        .AddScoped<Transfer.RegistryExporter>()
        .AddScoped<ImportHouseholds.ImportHouseholdsHandler>()
        .AddSingleton<ImportHouseholds.ImportFiles>()
        .AddSingleton<ImportHouseholds.ImportFilesCleanup>()
        .AddHostedService(sp => sp.GetRequiredService<ImportHouseholds.ImportFilesCleanup>())
        .AddScoped<Platform.Jobs.IJobHandler, ImportHouseholds.ImportHouseholdsJob>()
        .AddScoped<ExportRegistry.ExportRegistryHandler>()
        .AddScoped<DemoSeeder>();

    public static RouteGroupBuilder MapRegistryApi(this RouteGroupBuilder api)
    {
        ExportHouseholdsHandler.Map(api);
        ImportHouseholds.ImportHouseholdsHandler.Map(api);
        ExportRegistry.ExportRegistryHandler.Map(api);
        SearchHouseholdsHandler.Map(api);
        RegisterHouseholdHandler.Map(api);
        GetHouseholdHandler.Map(api);
        UpdateHouseholdHandler.Map(api);
        ManageMembersHandler.Map(api);
        RecordIncomeHandler.Map(api);
        RevealIdNumberHandler.Map(api);
        return api;
    }
}
