using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Guarantees;

/// <summary>The tables this module owns, as sets of the one context (Platform's context does not know them).</summary>
public static class GuaranteesData
{
    extension(AppDbContext db)
    {
        public DbSet<GuaranteePolicy> GuaranteePolicies => db.Set<GuaranteePolicy>();
        public DbSet<DutyPolicy> DutyPolicies => db.Set<DutyPolicy>();
        public DbSet<Problem> Problems => db.Set<Problem>();
        public DbSet<HouseholdAssessment> Assessments => db.Set<HouseholdAssessment>();
    }
}
