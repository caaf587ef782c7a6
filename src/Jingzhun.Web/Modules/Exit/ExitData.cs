using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Exit;

/// <summary>The tables this module owns, as sets of the one context (Platform's context does not know them).</summary>
public static class ExitData
{
    extension(AppDbContext db)
    {
        public DbSet<ExitStandard> ExitStandards => db.Set<ExitStandard>();
        public DbSet<HouseholdExit> HouseholdExits => db.Set<HouseholdExit>();
    }
}
