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
        builder.Property(e => e.PhotoIds).HasMaxLength(400);
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

public sealed class ProjectAssetConfiguration : IEntityTypeConfiguration<Assets.ProjectAsset>
{
    public void Configure(EntityTypeBuilder<Assets.ProjectAsset> builder)
    {
        builder.ToTable("project_assets");
        builder.Property(a => a.Name).HasMaxLength(100);
        builder.Property(a => a.CountyCode).HasMaxLength(6);
        builder.Property(a => a.RegionCode).HasMaxLength(12);
        builder.Property(a => a.Unit).HasMaxLength(20);
        builder.Property(a => a.Custodian).HasMaxLength(50);
        builder.Property(a => a.DisposalReason).HasMaxLength(300);
        builder.Property(a => a.DisposalRequestedBy).HasMaxLength(64);
        builder.Property(a => a.DisposalApprovedBy).HasMaxLength(64);
        builder.Property(a => a.UpdatedBy).HasMaxLength(64);
        builder.Ignore(a => a.DisposalPending);
        builder.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Household>().WithMany().HasForeignKey(a => a.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Events).WithOne().HasForeignKey(e => e.AssetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Cares).WithOne().HasForeignKey(c => c.AssetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.RegionCode, a.Class, a.Status });
        builder.HasIndex(a => a.ProjectId);
        builder.HasIndex(a => a.HouseholdId);
    }
}

public sealed class AssetEventConfiguration : IEntityTypeConfiguration<Assets.AssetEvent>
{
    public void Configure(EntityTypeBuilder<Assets.AssetEvent> builder)
    {
        builder.ToTable("asset_events");
        builder.Property(e => e.Note).HasMaxLength(500);
        builder.Property(e => e.By).HasMaxLength(64);
        builder.HasIndex(e => new { e.AssetId, e.At });
    }
}

public sealed class AssetCareConfiguration : IEntityTypeConfiguration<Assets.AssetCare>
{
    public void Configure(EntityTypeBuilder<Assets.AssetCare> builder)
    {
        builder.ToTable("asset_cares");
        builder.Property(c => c.Finding).HasMaxLength(500);
        builder.Property(c => c.PhotoIds).HasMaxLength(400);
        builder.Property(c => c.By).HasMaxLength(64);
        builder.HasIndex(c => new { c.AssetId, c.On });
    }
}

public sealed class AssetIncomeConfiguration : IEntityTypeConfiguration<Assets.AssetIncome>
{
    public void Configure(EntityTypeBuilder<Assets.AssetIncome> builder)
    {
        builder.ToTable("asset_incomes");
        builder.Property(i => i.RegionCode).HasMaxLength(12);
        builder.Property(i => i.ProposedBy).HasMaxLength(64);
        builder.Property(i => i.ApprovedBy).HasMaxLength(64);
        builder.Property(i => i.PaidBy).HasMaxLength(64);
        builder.Property(i => i.UpdatedBy).HasMaxLength(64);
        builder.HasOne<Assets.ProjectAsset>().WithMany().HasForeignKey(i => i.AssetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Dividends).WithOne().HasForeignKey(d => d.AssetIncomeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.AssetId, i.Year }).IsUnique();
        builder.HasIndex(i => i.RegionCode);
    }
}

public sealed class AssetDividendConfiguration : IEntityTypeConfiguration<Assets.AssetDividend>
{
    public void Configure(EntityTypeBuilder<Assets.AssetDividend> builder)
    {
        builder.ToTable("asset_dividends");
        builder.HasOne<Household>().WithMany().HasForeignKey(d => d.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.AssetIncomeId, d.HouseholdId }).IsUnique();
        builder.HasIndex(d => d.HouseholdId);
    }
}
