using Jingzhun.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Guarantees;

public sealed class ProblemConfiguration : IEntityTypeConfiguration<Problem>
{
    public void Configure(EntityTypeBuilder<Problem> builder)
    {
        builder.ToTable("problems");
        builder.Property(p => p.VillageCode).HasMaxLength(12);
        builder.Property(p => p.CountyCode).HasMaxLength(6);
        builder.Property(p => p.Description).HasMaxLength(500);
        builder.Property(p => p.FoundBy).HasMaxLength(64);
        builder.Property(p => p.AssignedUnit).HasMaxLength(100);
        builder.Property(p => p.AssignedPerson).HasMaxLength(50);
        builder.Property(p => p.Measure).HasMaxLength(1000);
        builder.Property(p => p.EvidenceText).HasMaxLength(1000);
        builder.Property(p => p.EvidencePhotoIds).HasMaxLength(400);
        builder.Property(p => p.ResolvedBy).HasMaxLength(64);
        builder.Property(p => p.VerifiedBy).HasMaxLength(64);
        builder.Property(p => p.ReturnReason).HasMaxLength(500);
        builder.Property(p => p.UpdatedBy).HasMaxLength(64);
        builder.HasOne<Household>().WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Events).WithOne().HasForeignKey(e => e.ProblemId).OnDelete(DeleteBehavior.Cascade);
        // One open problem per household and dimension (动态清零 tracks each gap once until it is verified).
        builder.HasIndex(p => new { p.HouseholdId, p.Dimension }, "UX_problems_one_open").IsUnique().HasFilter("\"Status\" <> 5");
        builder.HasIndex(p => new { p.HouseholdId, p.Status });
        builder.HasIndex(p => new { p.VillageCode, p.Status });
        builder.HasIndex(p => p.FoundAt);
    }
}

public sealed class ProblemEventConfiguration : IEntityTypeConfiguration<ProblemEvent>
{
    public void Configure(EntityTypeBuilder<ProblemEvent> builder)
    {
        builder.ToTable("problem_events");
        builder.Property(e => e.Note).HasMaxLength(500);
        builder.Property(e => e.By).HasMaxLength(64);
        builder.HasIndex(e => new { e.ProblemId, e.At });
    }
}

public sealed class HouseholdAssessmentConfiguration : IEntityTypeConfiguration<HouseholdAssessment>
{
    public void Configure(EntityTypeBuilder<HouseholdAssessment> builder)
    {
        builder.ToTable("household_assessments");
        builder.Property(a => a.VillageCode).HasMaxLength(12);
        builder.Property(a => a.Reason).HasMaxLength(500);
        builder.HasOne<Household>().WithMany().HasForeignKey(a => a.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.HouseholdId, a.Dimension }).IsUnique();
        builder.HasIndex(a => new { a.VillageCode, a.Dimension, a.Verdict });
    }
}
