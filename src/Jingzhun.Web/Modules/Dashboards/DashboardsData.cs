using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Dashboards;

/// <summary>The tables this module owns, as sets of the one context (Platform's context does not know them).</summary>
public static class DashboardsData
{
    extension(AppDbContext db)
    {
        public DbSet<ExitEvaluation.ExitStandard> ExitStandards => db.Set<ExitEvaluation.ExitStandard>();
        public DbSet<ExitEvaluation.HouseholdExit> HouseholdExits => db.Set<ExitEvaluation.HouseholdExit>();
    }
}
