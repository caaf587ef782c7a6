using Jingzhun.Web.Modules.FieldWork.ManagePairings;
using Jingzhun.Web.Modules.FieldWork.RecordVisit;
using Jingzhun.Web.Modules.FieldWork.SearchVisits;
using Jingzhun.Web.Modules.FieldWork.SyncHouseholds;
using Jingzhun.Web.Modules.FieldWork.UploadPhotos;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Policies;

namespace Jingzhun.Web.Modules.FieldWork;

/// <summary>
/// Field work: cadres, pairings, teams, visits and the field app's sync (the doing side), and 四必见 compliance,
/// authenticity signals, work logs and 月研判 meetings (the supervision side).
/// </summary>
public static class FieldWorkModule
{
    public static IServiceCollection AddFieldWork(this IServiceCollection services) => services
        .AddPolicyTable<ConfigureVisitPolicy.VisitPolicyTable>()
        .AddScoped<Platform.IStartupSeed, DemoData.FieldWorkDemoSeed>()
        .AddScoped<Platform.IStartupSeed, DemoData.DemoFiguresSeed>()
        .AddScoped<FieldWorkAccess>()
        .AddScoped<Platform.Auth.IHouseholdScopeSource, CadreScope>()
        .AddHouseholdPanel(30, "走访记录", null, HouseholdPanel.FieldWorkPanelModel.Path)
        .AddScoped<UploadVisitPhotoHandler>()
        .AddScoped<HouseholdUpdateApplier>()
        .AddScoped<RecordVisitHandler>()
        .AddScoped<SyncHouseholdsHandler>()
        .AddScoped<ManageCadresHandler>()
        .AddScoped<Platform.Forms.IPickerSource, Pickers.CadrePicker>()
        .AddScoped<Platform.Forms.IPickerSource, Pickers.TeamPicker>()
        .AddScoped<ManagePairingsHandler>()
        .AddScoped<SearchVisitsHandler>()
        .AddScoped<DemoData.FieldWorkDemo>()
        .AddScoped<ManageTeams.ManageTeamsHandler>()
        .AddScoped<Compliance.ComplianceLoader>()
        .AddScoped<DemoData.ComplianceDemo>()
        .AddScoped<VisitTodo.VisitTodoHandler>()
        .AddScoped<VisitCoverage.VisitCoverageHandler>()
        .AddScoped<NeverVisited.NeverVisitedHandler>()
        .AddScoped<VisitSignals.VisitSignalsHandler>()
        .AddScoped<WorkLogs.WorkLogsHandler>()
        .AddScoped<ReviewMeetings.ReviewMeetingsHandler>()
        .AddScoped<FlagEmergency.FlagEmergencyHandler>();

    public static RouteGroupBuilder MapFieldWorkApi(this RouteGroupBuilder api)
    {
        UploadVisitPhotoHandler.Map(api);
        RecordVisitHandler.Map(api);
        SyncHouseholdsHandler.Map(api);
        ManageCadresHandler.Map(api);
        ManagePairingsHandler.Map(api);
        SearchVisitsHandler.Map(api);
        ManageTeams.ManageTeamsHandler.Map(api);
        VisitTodo.VisitTodoHandler.Map(api);
        VisitCoverage.VisitCoverageHandler.Map(api);
        NeverVisited.NeverVisitedHandler.Map(api);
        VisitSignals.VisitSignalsHandler.Map(api);
        WorkLogs.WorkLogsHandler.Map(api);
        ReviewMeetings.ReviewMeetingsHandler.Map(api);
        api.MapPolicyTable<ConfigureVisitPolicy.VisitPolicyTable>();
        FlagEmergency.FlagEmergencyHandler.Map(api);
        return api;
    }
}
