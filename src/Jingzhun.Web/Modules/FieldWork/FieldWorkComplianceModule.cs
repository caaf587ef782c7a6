using Jingzhun.Web.Modules.FieldWork.Compliance;

namespace Jingzhun.Web.Modules.FieldWork;

/// <summary>四必见 compliance, authenticity signals, work logs and 月研判 meetings (the supervision side of field work).</summary>
public static class FieldWorkComplianceModule
{
    public static IServiceCollection AddFieldWorkCompliance(this IServiceCollection services)
    {
        services.AddScoped<ComplianceLoader>();
        services.AddScoped<DemoData.ComplianceDemo>();
        services.AddScoped<VisitTodo.VisitTodoHandler>();
        services.AddScoped<VisitCoverage.VisitCoverageHandler>();
        services.AddScoped<NeverVisited.NeverVisitedHandler>();
        services.AddScoped<VisitSignals.VisitSignalsHandler>();
        services.AddScoped<WorkLogs.WorkLogsHandler>();
        services.AddScoped<ReviewMeetings.ReviewMeetingsHandler>();
        services.AddScoped<ConfigureVisitPolicy.ConfigureVisitPolicyHandler>();
        services.AddScoped<FlagEmergency.FlagEmergencyHandler>();
        return services;
    }

    public static RouteGroupBuilder MapFieldWorkComplianceApi(this RouteGroupBuilder api)
    {
        VisitTodo.VisitTodoHandler.Map(api);
        VisitCoverage.VisitCoverageHandler.Map(api);
        NeverVisited.NeverVisitedHandler.Map(api);
        VisitSignals.VisitSignalsHandler.Map(api);
        WorkLogs.WorkLogsHandler.Map(api);
        ReviewMeetings.ReviewMeetingsHandler.Map(api);
        ConfigureVisitPolicy.ConfigureVisitPolicyHandler.Map(api);
        FlagEmergency.FlagEmergencyHandler.Map(api);
        return api;
    }
}
