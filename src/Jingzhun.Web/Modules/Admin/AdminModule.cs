using Jingzhun.Web.Modules.Admin.ManageBackups;
using Jingzhun.Web.Modules.Admin.ManageUsers;
using Jingzhun.Web.Modules.Admin.SearchAudit;

namespace Jingzhun.Web.Modules.Admin;

public static class AdminModule
{
    public static IServiceCollection AddAdmin(this IServiceCollection services) => services
        .AddScoped<ManageUsersHandler>()
        .AddScoped<SearchAuditHandler>()
        .AddScoped<ManageBackupsHandler>()
        .AddScoped<ManagePolicies.PolicyPages>();

    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder api)
    {
        ManageUsersHandler.Map(api);
        SearchAuditHandler.Map(api);
        ManageBackupsHandler.Map(api);
        return api;
    }
}
