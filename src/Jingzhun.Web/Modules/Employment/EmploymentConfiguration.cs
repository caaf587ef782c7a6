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
