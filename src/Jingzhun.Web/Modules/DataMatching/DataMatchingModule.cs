using Jingzhun.Web.Modules.DataMatching.MatchRosters;
using Jingzhun.Web.Modules.DataMatching.VerifyDoubts;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Jobs;
using Jingzhun.Web.Platform.Policies;

namespace Jingzhun.Web.Modules.DataMatching;

/// <summary>
/// 大数据比对 (issue 16): department rosters matched against the registry by the ID number's keyed hash, rules per province and year,
/// 疑点 verified by the villages (page and field app), and what a confirmed 疑点 becomes through Monitoring (a lead), Guarantees (a
/// problem) and Registry (a 减员). Sits above those modules and talks to them through their handlers.
/// </summary>
public static class DataMatchingModule
{
    public static IServiceCollection AddDataMatching(this IServiceCollection services) => services
        .AddPolicyTable<MatchingPolicyTable>()
        .AddScoped<RosterMatcher>()
        .AddScoped<ManageRostersHandler>()
        .AddScoped<IJobHandler, MatchRosterJob>()
        .AddScoped<VerifyDoubtsHandler>()
        .AddHouseholdPanel(26, "大数据比对疑点", Platform.Auth.Permissions.MatchingView, MatchingPanelModel.Path)
        .AddScoped<Platform.IStartupSeed, DemoData.MatchingDemoSeed>();

    public static RouteGroupBuilder MapDataMatchingApi(this RouteGroupBuilder api)
    {
        ManageRostersHandler.Map(api);
        VerifyDoubtsHandler.Map(api);
        api.MapPolicyTable<MatchingPolicyTable>();
        return api;
    }
}
