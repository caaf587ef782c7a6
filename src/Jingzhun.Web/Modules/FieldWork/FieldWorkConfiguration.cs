using Jingzhun.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.FieldWork;

public sealed class CadreConfiguration : IEntityTypeConfiguration<Cadre>
{
    public void Configure(EntityTypeBuilder<Cadre> builder)
    {
        builder.ToTable("cadres");
        builder.Property(c => c.Name).HasMaxLength(50);
        builder.Property(c => c.Unit).HasMaxLength(100);
        builder.Property(c => c.PhoneProtected).HasMaxLength(400);
        builder.Property(c => c.PhoneMasked).HasMaxLength(20);
        builder.Property(c => c.RegionCode).HasMaxLength(12);
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.Property(c => c.UpdatedBy).HasMaxLength(64);
        builder.Property(c => c.RecallNote).HasMaxLength(200);
        builder.HasIndex(c => c.RegionCode);
        builder.HasIndex(c => c.UserId).IsUnique();
    }
}

public sealed class PairingConfiguration : IEntityTypeConfiguration<Pairing>
{
    public void Configure(EntityTypeBuilder<Pairing> builder)
    {
        builder.ToTable("pairings");
        builder.Property(p => p.VillageCode).HasMaxLength(12);
        builder.Property(p => p.CreatedBy).HasMaxLength(64);
        builder.HasOne<Household>().WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Cadre>().WithMany().HasForeignKey(p => p.CadreId).OnDelete(DeleteBehavior.Restrict);
        // At most one active pairing per household: concurrent pairings of the same household cannot both win.
        builder.HasIndex(p => p.HouseholdId, "UX_pairings_one_active").IsUnique().HasFilter("\"EndedOn\" IS NULL");
        builder.HasIndex(p => new { p.CadreId, p.EndedOn });
        builder.HasIndex(p => new { p.VillageCode, p.EndedOn });
        builder.HasIndex(p => p.ChangedAt);
    }
}

public sealed class WorkTeamConfiguration : IEntityTypeConfiguration<WorkTeam>
{
    public void Configure(EntityTypeBuilder<WorkTeam> builder)
    {
        builder.ToTable("work_teams");
        builder.Property(t => t.VillageCode).HasMaxLength(12);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.UpdatedBy).HasMaxLength(64);
        builder.HasOne<Cadre>().WithMany().HasForeignKey(t => t.FirstSecretaryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.WorkTeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.VillageCode);
    }
}

public sealed class WorkTeamMemberConfiguration : IEntityTypeConfiguration<WorkTeamMember>
{
    public void Configure(EntityTypeBuilder<WorkTeamMember> builder)
    {
        builder.ToTable("work_team_members");
        builder.HasOne<Cadre>().WithMany().HasForeignKey(m => m.CadreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.WorkTeamId, m.CadreId }).IsUnique();
    }
}

public sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> builder)
    {
        builder.ToTable("visits");
        builder.Property(v => v.ClientId).HasMaxLength(64);
        builder.Property(v => v.VillageCode).HasMaxLength(12);
        builder.Property(v => v.Notes).HasMaxLength(2000);
        builder.Property(v => v.HouseholdUpdateJson).HasMaxLength(20000);
        builder.Property(v => v.ProblemIds).HasMaxLength(200);
        builder.Property(v => v.LeadIds).HasMaxLength(200);
        builder.Property(v => v.CreatedBy).HasMaxLength(64);
        builder.HasOne<Household>().WithMany().HasForeignKey(v => v.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Cadre>().WithMany().HasForeignKey(v => v.CadreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(v => v.Photos).WithOne().HasForeignKey(p => p.VisitId).OnDelete(DeleteBehavior.Cascade);
        // Idempotent sync: a retried batch (even two at once) finds the visit already there.
        builder.HasIndex(v => v.ClientId).IsUnique();
        builder.HasIndex(v => new { v.HouseholdId, v.VisitedAt });
        builder.HasIndex(v => new { v.CadreId, v.VisitedAt });
        builder.HasIndex(v => new { v.VillageCode, v.VisitedAt });
    }
}

public sealed class VisitPhotoConfiguration : IEntityTypeConfiguration<VisitPhoto>
{
    public void Configure(EntityTypeBuilder<VisitPhoto> builder)
    {
        builder.ToTable("visit_photos");
        builder.Property(p => p.ClientId).HasMaxLength(64);
        builder.Property(p => p.StoredFileId).HasMaxLength(32);
        builder.Property(p => p.Sha256).HasMaxLength(64);
        builder.Property(p => p.RegionCode).HasMaxLength(12);
        builder.Property(p => p.UploadedBy).HasMaxLength(64);
        builder.HasOne<Platform.Files.StoredFile>().WithMany().HasForeignKey(p => p.StoredFileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.ClientId).IsUnique();
        builder.HasIndex(p => p.Sha256);
    }
}
