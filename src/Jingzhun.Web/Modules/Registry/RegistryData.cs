using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry;

/// <summary>The tables this module owns, as sets of the one context (Platform's context does not know them).</summary>
public static class RegistryData
{
    extension(AppDbContext db)
    {
        public DbSet<Household> Households => db.Set<Household>();
        public DbSet<Member> Members => db.Set<Member>();
        public DbSet<HouseholdIncome> Incomes => db.Set<HouseholdIncome>();
    }

    /// <summary>The ids of a region's households in id order (region sweeps walk them in batches).</summary>
    public static Task<List<long>> HouseholdIdsInRegionAsync(AppDbContext db, string regionCode, CancellationToken ct) =>
        db.Households.AsNoTracking().InRegion(regionCode).OrderBy(h => h.Id).Select(h => h.Id).ToListAsync(ct);
}
