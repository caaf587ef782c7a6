using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Partners.Relocation;

/// <summary>The tables of 易地扶贫搬迁后续扶持, as sets of the one context (supports are parts of their record: no set).</summary>
public static class RelocationData
{
    extension(AppDbContext db)
    {
        public DbSet<SettlementSite> SettlementSites => db.Set<SettlementSite>();
        public DbSet<RelocatedHousehold> RelocatedHouseholds => db.Set<RelocatedHousehold>();
        public DbSet<RelocationPolicy> RelocationPolicies => db.Set<RelocationPolicy>();
    }
}
