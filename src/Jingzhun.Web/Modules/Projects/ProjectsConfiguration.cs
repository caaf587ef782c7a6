using Jingzhun.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Projects;

public sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.ToTable("projects");
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.CountyCode).HasMaxLength(6);
        builder.Property(p => p.RegionCode).HasMaxLength(12);
        builder.Property(p => p.VillageCodes).HasMaxLength(400);
        builder.Property(p => p.SubType).HasMaxLength(50);
        builder.Property(p => p.ImplementingUnit).HasMaxLength(100);
        builder.Property(p => p.ProposedBy).HasMaxLength(64);
        builder.Property(p => p.CompletedBy).HasMaxLength(64);
        builder.Property(p => p.TerminationReason).HasMaxLength(500);
        builder.Property(p => p.UpdatedBy).HasMaxLength(64);
        builder.Ignore(p => p.BudgetTotal);
        builder.Ignore(p => p.Villages);
        builder.HasMany(p => p.Budgets).WithOne().HasForeignKey(b => b.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Beneficiaries).WithOne().HasForeignKey(b => b.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Events).WithOne().HasForeignKey(e => e.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.RegionCode, p.Year });
        builder.HasIndex(p => new { p.CountyCode, p.Year, p.Stage });
    }
}

public sealed class ProjectBudgetConfiguration : IEntityTypeConfiguration<ProjectBudget>
{
    public void Configure(EntityTypeBuilder<ProjectBudget> builder)
    {
        builder.ToTable("project_budgets");
        builder.HasIndex(b => new { b.ProjectId, b.Source }).IsUnique();
    }
}

public sealed class ProjectBeneficiaryConfiguration : IEntityTypeConfiguration<ProjectBeneficiary>
{
    public void Configure(EntityTypeBuilder<ProjectBeneficiary> builder)
    {
        builder.ToTable("project_beneficiaries");
        builder.HasOne<Household>().WithMany().HasForeignKey(b => b.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => new { b.ProjectId, b.HouseholdId }).IsUnique();
        builder.HasIndex(b => b.HouseholdId);
    }
}

public sealed class ProjectEventConfiguration : IEntityTypeConfiguration<ProjectEvent>
{
    public void Configure(EntityTypeBuilder<ProjectEvent> builder)
    {
        builder.ToTable("project_events");
        builder.Property(e => e.Note).HasMaxLength(500);
        builder.Property(e => e.By).HasMaxLength(64);
        builder.HasIndex(e => new { e.ProjectId, e.At });
    }
}

public sealed class FundAllocationConfiguration : IEntityTypeConfiguration<FundAllocation>
{
    public void Configure(EntityTypeBuilder<FundAllocation> builder)
    {
        builder.ToTable("fund_allocations");
        builder.Property(a => a.DocumentNumber).HasMaxLength(60);
        builder.Property(a => a.CountyCode).HasMaxLength(6);
        builder.Property(a => a.UpdatedBy).HasMaxLength(64);
        builder.HasIndex(a => new { a.CountyCode, a.Year, a.Source });
    }
}

public sealed class FundAssignmentConfiguration : IEntityTypeConfiguration<FundAssignment>
{
    public void Configure(EntityTypeBuilder<FundAssignment> builder)
    {
        builder.ToTable("fund_assignments");
        builder.Property(a => a.RegionCode).HasMaxLength(12);
        builder.Property(a => a.By).HasMaxLength(64);
        builder.HasOne<FundAllocation>().WithMany().HasForeignKey(a => a.AllocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.AllocationId);
        builder.HasIndex(a => a.ProjectId);
    }
}

public sealed class FundPaymentConfiguration : IEntityTypeConfiguration<FundPayment>
{
    public void Configure(EntityTypeBuilder<FundPayment> builder)
    {
        builder.ToTable("fund_payments");
        builder.Property(p => p.RegionCode).HasMaxLength(12);
        builder.Property(p => p.VoucherNumber).HasMaxLength(60);
        builder.Property(p => p.Payee).HasMaxLength(100);
        builder.Property(p => p.By).HasMaxLength(64);
        builder.HasOne<FundAllocation>().WithMany().HasForeignKey(p => p.AllocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.ProjectId, p.AllocationId });
        builder.HasIndex(p => new { p.AllocationId, p.PaidOn });
    }
}
