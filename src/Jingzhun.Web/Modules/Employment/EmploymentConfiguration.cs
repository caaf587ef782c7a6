using Jingzhun.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Employment;

public sealed class MicroloanConfiguration : IEntityTypeConfiguration<Microloan>
{
    public void Configure(EntityTypeBuilder<Microloan> builder)
    {
        builder.ToTable("microloans");
        builder.Property(l => l.VillageCode).HasMaxLength(12);
        builder.Property(l => l.CountyCode).HasMaxLength(6);
        builder.Property(l => l.Bank).HasMaxLength(50);
        builder.Property(l => l.ContractNumber).HasMaxLength(50);
        builder.Property(l => l.UseNote).HasMaxLength(200);
        builder.Property(l => l.CreatedBy).HasMaxLength(64);
        builder.Property(l => l.UpdatedBy).HasMaxLength(64);
        builder.Ignore(l => l.Balance);
        builder.HasOne<Household>().WithMany().HasForeignKey(l => l.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(l => l.BorrowerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(l => l.Repayments).WithOne().HasForeignKey(r => r.LoanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.VillageCode, l.Status });
        builder.HasIndex(l => new { l.CountyCode, l.DueOn });
        builder.HasIndex(l => l.HouseholdId);
    }
}

public sealed class LoanRepaymentConfiguration : IEntityTypeConfiguration<LoanRepayment>
{
    public void Configure(EntityTypeBuilder<LoanRepayment> builder)
    {
        builder.ToTable("microloan_repayments");
        builder.Property(r => r.RecordedBy).HasMaxLength(64);
        builder.HasIndex(r => new { r.LoanId, r.PaidOn });
    }
}

public sealed class EmploymentRecordConfiguration : IEntityTypeConfiguration<EmploymentRecord>
{
    public void Configure(EntityTypeBuilder<EmploymentRecord> builder)
    {
        builder.ToTable("employment_records");
        builder.Property(e => e.VillageCode).HasMaxLength(12);
        builder.Property(e => e.CountyCode).HasMaxLength(6);
        builder.Property(e => e.PlaceName).HasMaxLength(30);
        builder.Property(e => e.Employer).HasMaxLength(100);
        builder.Property(e => e.Sector).HasMaxLength(50);
        builder.Property(e => e.UpdatedBy).HasMaxLength(64);
        builder.Property(e => e.ClientId).HasMaxLength(64);
        builder.HasOne<Household>().WithMany().HasForeignKey(e => e.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.MemberId, e.StartedOn });
        builder.HasIndex(e => new { e.MemberId, e.ClientId }).IsUnique();
        builder.HasIndex(e => new { e.VillageCode, e.Year });
        // A county's job list, newest first, read in index order (a page without sorting the county's records).
        builder.HasIndex(e => new { e.CountyCode, e.StartedOn, e.Id });
        builder.HasIndex(e => e.HouseholdId);
    }
}

public sealed class WelfareJobConfiguration : IEntityTypeConfiguration<WelfareJob>
{
    public void Configure(EntityTypeBuilder<WelfareJob> builder)
    {
        builder.ToTable("welfare_jobs");
        builder.Property(j => j.VillageCode).HasMaxLength(12);
        builder.Property(j => j.CountyCode).HasMaxLength(6);
        builder.Property(j => j.Name).HasMaxLength(50);
        builder.Property(j => j.Description).HasMaxLength(200);
        builder.Property(j => j.CreatedBy).HasMaxLength(64);
        builder.Property(j => j.UpdatedBy).HasMaxLength(64);
        builder.HasOne<Member>().WithMany().HasForeignKey(j => j.HolderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Household>().WithMany().HasForeignKey(j => j.HolderHouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(j => j.Tenures).WithOne().HasForeignKey(t => t.JobId).OnDelete(DeleteBehavior.Cascade);
        // A member holds at most one position at a time (a vacant position's null holder is no key).
        builder.HasIndex(j => j.HolderId).IsUnique();
        builder.HasIndex(j => new { j.VillageCode, j.Type });
        builder.HasIndex(j => j.HolderHouseholdId);
    }
}

public sealed class WelfareJobTenureConfiguration : IEntityTypeConfiguration<WelfareJobTenure>
{
    public void Configure(EntityTypeBuilder<WelfareJobTenure> builder)
    {
        builder.ToTable("welfare_job_tenures");
        builder.HasOne<Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Household>().WithMany().HasForeignKey(t => t.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.JobId, t.StartedOn });
        builder.HasIndex(t => t.HouseholdId);
    }
}

public sealed class WelfareJobPaymentConfiguration : IEntityTypeConfiguration<WelfareJobPayment>
{
    public void Configure(EntityTypeBuilder<WelfareJobPayment> builder)
    {
        builder.ToTable("welfare_job_payments");
        builder.Property(p => p.VillageCode).HasMaxLength(12);
        builder.Property(p => p.CountyCode).HasMaxLength(6);
        builder.Property(p => p.RecordedBy).HasMaxLength(64);
        builder.Ignore(p => p.Months);
        builder.HasOne<WelfareJob>().WithMany().HasForeignKey(p => p.JobId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Household>().WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.JobId, p.Year, p.FromMonth });
        builder.HasIndex(p => new { p.HouseholdId, p.Year });
        builder.HasIndex(p => new { p.MemberId, p.Year });
        builder.HasIndex(p => new { p.VillageCode, p.Year });
    }
}

// --- 就业帮扶车间 and 技能培训 (Workshops/, Training/) ------------------------------------------------------------

public sealed class WorkshopConfiguration : IEntityTypeConfiguration<Workshops.Workshop>
{
    public void Configure(EntityTypeBuilder<Workshops.Workshop> builder)
    {
        builder.ToTable("workshops");
        builder.Property(w => w.VillageCode).HasMaxLength(12);
        builder.Property(w => w.CountyCode).HasMaxLength(6);
        builder.Property(w => w.Name).HasMaxLength(100);
        builder.Property(w => w.Operator).HasMaxLength(100);
        builder.Property(w => w.Industry).HasMaxLength(50);
        builder.Property(w => w.CreatedBy).HasMaxLength(64);
        builder.Property(w => w.UpdatedBy).HasMaxLength(64);
        builder.HasMany(w => w.Workers).WithOne().HasForeignKey(x => x.WorkshopId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(w => new { w.VillageCode, w.Status });
        builder.HasIndex(w => w.CountyCode);
    }
}

public sealed class WorkshopWorkerConfiguration : IEntityTypeConfiguration<Workshops.WorkshopWorker>
{
    public void Configure(EntityTypeBuilder<Workshops.WorkshopWorker> builder)
    {
        builder.ToTable("workshop_workers");
        builder.Property(w => w.AddedBy).HasMaxLength(64);
        builder.Property(w => w.EndedBy).HasMaxLength(64);
        builder.HasOne<Member>().WithMany().HasForeignKey(w => w.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<EmploymentRecord>().WithMany().HasForeignKey(w => w.JobId).OnDelete(DeleteBehavior.Restrict);
        // A member is a current worker of one workshop at most.
        builder.HasIndex(w => w.MemberId, "UX_workshop_workers_one_current").IsUnique().HasFilter("\"EndedOn\" IS NULL");
        builder.HasIndex(w => new { w.WorkshopId, w.EndedOn });
        builder.HasIndex(w => w.JobId);
    }
}

public sealed class TrainingRecordConfiguration : IEntityTypeConfiguration<Training.TrainingRecord>
{
    public void Configure(EntityTypeBuilder<Training.TrainingRecord> builder)
    {
        builder.ToTable("training_records");
        builder.Property(t => t.VillageCode).HasMaxLength(12);
        builder.Property(t => t.CountyCode).HasMaxLength(6);
        builder.Property(t => t.Course).HasMaxLength(100);
        builder.Property(t => t.Organiser).HasMaxLength(100);
        builder.Property(t => t.CertificateNumber).HasMaxLength(50);
        builder.Property(t => t.CreatedBy).HasMaxLength(64);
        builder.Property(t => t.UpdatedBy).HasMaxLength(64);
        builder.HasOne<Household>().WithMany().HasForeignKey(t => t.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.VillageCode, t.StartedOn });
        builder.HasIndex(t => t.HouseholdId);
        builder.HasIndex(t => t.MemberId);
    }
}
