using Jingzhun.Web.Platform.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Projects.Collective;

public sealed class CollectiveOrganizationConfiguration : IEntityTypeConfiguration<CollectiveOrganization>
{
    public void Configure(EntityTypeBuilder<CollectiveOrganization> builder)
    {
        builder.ToTable("collective_organizations");
        builder.Property(o => o.CountyCode).HasMaxLength(6);
        builder.Property(o => o.RegionCode).HasMaxLength(12);
        builder.Property(o => o.Name).HasMaxLength(100);
        builder.Property(o => o.CreditCode).HasMaxLength(18);
        builder.Property(o => o.CreatedBy).HasMaxLength(64);
        builder.Property(o => o.UpdatedBy).HasMaxLength(64);
        builder.HasIndex(o => o.RegionCode).IsUnique();
    }
}

public sealed class CollectiveIncomeConfiguration : IEntityTypeConfiguration<CollectiveIncome>
{
    public void Configure(EntityTypeBuilder<CollectiveIncome> builder)
    {
        builder.ToTable("collective_incomes");
        builder.Property(i => i.RegionCode).HasMaxLength(12);
        builder.Property(i => i.Note).HasMaxLength(200);
        builder.Property(i => i.By).HasMaxLength(64);
        builder.HasOne<CollectiveOrganization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.OrganizationId, i.Year, i.Source }).IsUnique();
        builder.HasIndex(i => new { i.RegionCode, i.Year });
    }
}

public sealed class CollectiveDistributionConfiguration : IEntityTypeConfiguration<CollectiveDistribution>
{
    public void Configure(EntityTypeBuilder<CollectiveDistribution> builder)
    {
        builder.ToTable("collective_distributions");
        builder.Property(d => d.RegionCode).HasMaxLength(12);
        builder.Property(d => d.Note).HasMaxLength(200);
        builder.Property(d => d.By).HasMaxLength(64);
        builder.Ignore(d => d.Amount);
        builder.HasOne<CollectiveOrganization>().WithMany().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.OrganizationId, d.Year }).IsUnique();
        builder.HasIndex(d => new { d.RegionCode, d.Year });
    }
}

public sealed class LeadingIndustryConfiguration : IEntityTypeConfiguration<LeadingIndustry>
{
    public void Configure(EntityTypeBuilder<LeadingIndustry> builder)
    {
        builder.ToTable("leading_industries");
        builder.Property(i => i.CountyCode).HasMaxLength(6);
        builder.Property(i => i.Name).HasMaxLength(50);
        builder.Property(i => i.Product).HasMaxLength(100);
        builder.Property(i => i.By).HasMaxLength(64);
        builder.HasIndex(i => new { i.CountyCode, i.Name }).IsUnique();
    }
}

public sealed class IndustryBaseConfiguration : IEntityTypeConfiguration<IndustryBase>
{
    public void Configure(EntityTypeBuilder<IndustryBase> builder)
    {
        builder.ToTable("industry_bases");
        builder.Property(b => b.CountyCode).HasMaxLength(6);
        builder.Property(b => b.RegionCode).HasMaxLength(12);
        builder.Property(b => b.Name).HasMaxLength(100);
        builder.Property(b => b.Product).HasMaxLength(100);
        builder.Property(b => b.VillageCodes).HasMaxLength(400);
        builder.Property(b => b.Operators).HasMaxLength(200);
        builder.Property(b => b.By).HasMaxLength(64);
        builder.Property(b => b.UpdatedBy).HasMaxLength(64);
        builder.Ignore(b => b.Villages);
        builder.HasOne<LeadingIndustry>().WithMany().HasForeignKey(b => b.IndustryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(b => b.Projects).WithOne().HasForeignKey(p => p.IndustryBaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => b.RegionCode);
        builder.HasIndex(b => b.IndustryId);
    }
}

public sealed class IndustryBaseProjectConfiguration : IEntityTypeConfiguration<IndustryBaseProject>
{
    public void Configure(EntityTypeBuilder<IndustryBaseProject> builder)
    {
        builder.ToTable("industry_base_projects");
        builder.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.IndustryBaseId, p.ProjectId }).IsUnique();
        builder.HasIndex(p => p.ProjectId);
    }
}

public sealed class CollectiveBandPolicyConfiguration : IEntityTypeConfiguration<CollectiveBandPolicy>
{
    public void Configure(EntityTypeBuilder<CollectiveBandPolicy> builder) => builder.IsPolicyTable("collective_band_policies");
}
