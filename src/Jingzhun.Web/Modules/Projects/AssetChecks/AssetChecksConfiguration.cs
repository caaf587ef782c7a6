using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Projects.AssetChecks;

public sealed class AssetCheckConfiguration : IEntityTypeConfiguration<AssetCheck>
{
    public void Configure(EntityTypeBuilder<AssetCheck> builder)
    {
        builder.ToTable("asset_checks");
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.CountyCode).HasMaxLength(6);
        builder.Property(c => c.RegionCode).HasMaxLength(12);
        builder.Property(c => c.CreatedBy).HasMaxLength(64);
        builder.Property(c => c.ClosedBy).HasMaxLength(64);
        builder.Property(c => c.UpdatedBy).HasMaxLength(64);
        builder.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.CheckId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.RegionCode, c.Year });
    }
}

public sealed class AssetCheckLineConfiguration : IEntityTypeConfiguration<AssetCheckLine>
{
    public void Configure(EntityTypeBuilder<AssetCheckLine> builder)
    {
        builder.ToTable("asset_check_lines");
        builder.Property(l => l.RegionCode).HasMaxLength(12);
        builder.Property(l => l.AssetName).HasMaxLength(100);
        builder.Property(l => l.Note).HasMaxLength(500);
        builder.Property(l => l.CheckedBy).HasMaxLength(64);
        builder.Property(l => l.UpdatedBy).HasMaxLength(64);
        builder.Property(l => l.PhotoIds).HasMaxLength(400);
        builder.Ignore(l => l.IsProblem);
        builder.Ignore(l => l.Photos);
        builder.HasOne<Assets.ProjectAsset>().WithMany().HasForeignKey(l => l.AssetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.CheckId, l.AssetId }).IsUnique();
        builder.HasIndex(l => l.AssetId);
        builder.HasIndex(l => l.RegionCode);
    }
}

public sealed class AssetRectificationConfiguration : IEntityTypeConfiguration<AssetRectification>
{
    public void Configure(EntityTypeBuilder<AssetRectification> builder)
    {
        builder.ToTable("asset_rectifications");
        builder.Property(r => r.RegionCode).HasMaxLength(12);
        builder.Property(r => r.Problem).HasMaxLength(500);
        builder.Property(r => r.ResponsiblePerson).HasMaxLength(50);
        builder.Property(r => r.ResponsibleUnit).HasMaxLength(100);
        builder.Property(r => r.OpenedBy).HasMaxLength(64);
        builder.Property(r => r.Measure).HasMaxLength(500);
        builder.Property(r => r.RectifiedBy).HasMaxLength(64);
        builder.Property(r => r.VerifiedBy).HasMaxLength(64);
        builder.Property(r => r.ReturnReason).HasMaxLength(300);
        builder.Property(r => r.AssetOutcome).HasMaxLength(200);
        builder.Property(r => r.UpdatedBy).HasMaxLength(64);
        builder.HasOne<AssetCheck>().WithMany().HasForeignKey(r => r.CheckId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AssetCheckLine>().WithOne().HasForeignKey<AssetRectification>(r => r.LineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Assets.ProjectAsset>().WithMany().HasForeignKey(r => r.AssetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.CheckId);
        builder.HasIndex(r => r.AssetId);
        builder.HasIndex(r => new { r.RegionCode, r.Status });
    }
}
