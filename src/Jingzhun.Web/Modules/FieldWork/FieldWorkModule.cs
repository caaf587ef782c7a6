using Jingzhun.Web.Modules.FieldWork.ManagePairings;
using Jingzhun.Web.Modules.FieldWork.RecordVisit;
using Jingzhun.Web.Modules.FieldWork.SearchVisits;
using Jingzhun.Web.Modules.FieldWork.SyncHouseholds;
using Jingzhun.Web.Modules.FieldWork.UploadPhotos;

namespace Jingzhun.Web.Modules.FieldWork;

public static class FieldWorkModule
{
    public static IServiceCollection AddFieldWork(this IServiceCollection services) => services
        .AddScoped<FieldWorkAccess>()
        .AddScoped<UploadVisitPhotoHandler>()
        .AddScoped<HouseholdUpdateApplier>()
        .AddScoped<RecordVisitHandler>()
        .AddScoped<SyncHouseholdsHandler>()
        .AddScoped<ManageCadresHandler>()
        .AddScoped<ManagePairingsHandler>()
        .AddScoped<SearchVisitsHandler>()
        .AddScoped<DemoData.FieldWorkDemo>()
        .AddScoped<ManageTeams.ManageTeamsHandler>();

    public static RouteGroupBuilder MapFieldWorkApi(this RouteGroupBuilder api)
    {
        UploadVisitPhotoHandler.Map(api);
        RecordVisitHandler.Map(api);
        SyncHouseholdsHandler.Map(api);
        ManageCadresHandler.Map(api);
        ManagePairingsHandler.Map(api);
        SearchVisitsHandler.Map(api);
        ManageTeams.ManageTeamsHandler.Map(api);
        return api;
    }
}
