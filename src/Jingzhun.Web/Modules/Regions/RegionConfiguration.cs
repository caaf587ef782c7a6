using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Regions;

public sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.ToTable("regions");
        b.HasKey(r => r.Code);
        b.Property(r => r.Code).HasMaxLength(12);
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.ParentCode).HasMaxLength(12);
        b.Property(r => r.UpdatedBy).HasMaxLength(64);
        b.HasIndex(r => r.ParentCode);
        b.HasIndex(r => r.Name);
    }
}
