using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Partners.Cooperation;

/// <summary>The tables of 东西部协作 and 定点帮扶, as sets of the one context (an agreement's targets are parts: no set).</summary>
public static class CooperationData
{
    extension(AppDbContext db)
    {
        public DbSet<Partnership> Partnerships => db.Set<Partnership>();
        public DbSet<CooperationAgreement> CooperationAgreements => db.Set<CooperationAgreement>();
        public DbSet<CooperationDelivery> CooperationDeliveries => db.Set<CooperationDelivery>();
    }
}

public sealed class PartnershipConfiguration : IEntityTypeConfiguration<Partnership>
{
    public void Configure(EntityTypeBuilder<Partnership> builder)
    {
        builder.ToTable("partnerships");
        builder.Property(p => p.CountyCode).HasMaxLength(6);
        builder.Property(p => p.PartnerName).HasMaxLength(100);
        builder.Property(p => p.PartnerRegionCode).HasMaxLength(6);
        builder.Property(p => p.ContactUnit).HasMaxLength(100);
        builder.Property(p => p.CreatedBy).HasMaxLength(64);
        builder.Property(p => p.UpdatedBy).HasMaxLength(64);
        builder.HasIndex(p => new { p.CountyCode, p.Kind });
    }
}

public sealed class CooperationAgreementConfiguration : IEntityTypeConfiguration<CooperationAgreement>
{
    public void Configure(EntityTypeBuilder<CooperationAgreement> builder)
    {
        builder.ToTable("cooperation_agreements");
        builder.Property(a => a.CountyCode).HasMaxLength(6);
        builder.Property(a => a.Title).HasMaxLength(100);
        builder.Property(a => a.CreatedBy).HasMaxLength(64);
        builder.Property(a => a.UpdatedBy).HasMaxLength(64);
        builder.HasOne<Partnership>().WithMany().HasForeignKey(a => a.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Targets).WithOne().HasForeignKey(t => t.AgreementId).OnDelete(DeleteBehavior.Cascade);
        // One agreement per partnership and year.
        builder.HasIndex(a => new { a.PartnershipId, a.Year }).IsUnique();
        builder.HasIndex(a => new { a.CountyCode, a.Year });
    }
}

public sealed class AgreementTargetConfiguration : IEntityTypeConfiguration<AgreementTarget>
{
    public void Configure(EntityTypeBuilder<AgreementTarget> builder)
    {
        builder.ToTable("cooperation_targets");
        builder.HasIndex(t => new { t.AgreementId, t.Indicator }).IsUnique();
    }
}

public sealed class CooperationDeliveryConfiguration : IEntityTypeConfiguration<CooperationDelivery>
{
    public void Configure(EntityTypeBuilder<CooperationDelivery> builder)
    {
        builder.ToTable("cooperation_deliveries");
        builder.Property(d => d.CountyCode).HasMaxLength(6);
        builder.Property(d => d.Note).HasMaxLength(200);
        builder.Property(d => d.ProjectIds).HasMaxLength(200);
        builder.Property(d => d.RecordedBy).HasMaxLength(64);
        builder.Ignore(d => d.Projects);
        builder.HasOne<CooperationAgreement>().WithMany().HasForeignKey(d => d.AgreementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.AgreementId, d.Indicator });
        builder.HasIndex(d => d.CountyCode);
    }
}
