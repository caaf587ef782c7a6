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
}
