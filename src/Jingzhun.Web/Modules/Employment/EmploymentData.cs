using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Employment;

/// <summary>The tables this module owns, as sets of the one context.</summary>
public static class EmploymentData
{
    extension(AppDbContext db)
    {
        public DbSet<Microloan> Microloans => db.Set<Microloan>();
        public DbSet<EmploymentRecord> EmploymentRecords => db.Set<EmploymentRecord>();
        public DbSet<WelfareJob> WelfareJobs => db.Set<WelfareJob>();
        public DbSet<WelfareJobPayment> WelfareJobPayments => db.Set<WelfareJobPayment>();
        public DbSet<EmploymentPolicy> EmploymentPolicies => db.Set<EmploymentPolicy>();
        public DbSet<WorkMonitoring.WorkTally> WorkTallies => db.Set<WorkMonitoring.WorkTally>();
        public DbSet<WorkMonitoring.WorkTargetPolicy> WorkTargetPolicies => db.Set<WorkMonitoring.WorkTargetPolicy>();
        // 就业帮扶车间 (their workers are parts: no set) and 技能培训
        public DbSet<Workshops.Workshop> Workshops => db.Set<Workshops.Workshop>();
        public DbSet<Training.TrainingRecord> TrainingRecords => db.Set<Training.TrainingRecord>();
    }
}
