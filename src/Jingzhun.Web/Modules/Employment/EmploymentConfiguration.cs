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
        builder.HasIndex(e => e.HouseholdId);
    }
}
