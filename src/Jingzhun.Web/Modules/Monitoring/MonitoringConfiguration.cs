using Jingzhun.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Monitoring;

public sealed class RiskLeadConfiguration : IEntityTypeConfiguration<RiskLead>
{
    public void Configure(EntityTypeBuilder<RiskLead> builder)
    {
        builder.ToTable("risk_leads");
        builder.Property(l => l.VillageCode).HasMaxLength(12);
        builder.Property(l => l.CountyCode).HasMaxLength(6);
        builder.Property(l => l.Detail).HasMaxLength(500);
        builder.Property(l => l.CreatedBy).HasMaxLength(64);
        builder.HasOne<Household>().WithMany().HasForeignKey(l => l.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        // No duplicate sweep lead for the same household and reason while one is open (待核查 or 认定中).
        builder.HasIndex(l => new { l.HouseholdId, l.Reason }, "UX_risk_leads_one_open").IsUnique().HasFilter("\"Status\" <= 2 AND \"Reason\" IS NOT NULL");
        builder.HasIndex(l => new { l.VillageCode, l.Status });
        builder.HasIndex(l => l.CaseId);
    }
}

public sealed class MonitoringCaseConfiguration : IEntityTypeConfiguration<MonitoringCase>
{
    public void Configure(EntityTypeBuilder<MonitoringCase> builder)
    {
        builder.ToTable("monitoring_cases");
        builder.Property(c => c.VillageCode).HasMaxLength(12);
        builder.Property(c => c.CountyCode).HasMaxLength(6);
        builder.Property(c => c.RiskTypes).HasMaxLength(200);
        builder.Property(c => c.NotIncludedReason).HasMaxLength(500);
        builder.Property(c => c.ResponsibleCadre).HasMaxLength(50);
        builder.Property(c => c.Plan).HasMaxLength(2000);
        builder.Property(c => c.UpdatedBy).HasMaxLength(64);
        builder.HasOne<Household>().WithMany().HasForeignKey(c => c.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Steps).WithOne().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Measures).WithOne().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Cascade);
        // One active case per household (in procedure or under monitoring); closed cases stay as the record.
        builder.HasIndex(c => c.HouseholdId, "UX_monitoring_cases_one_active").IsUnique().HasFilter("\"Stage\" <> 8 AND \"Stage\" <> 13");
        builder.HasIndex(c => new { c.VillageCode, c.Stage });
    }
}

public sealed class CaseStepRecordConfiguration : IEntityTypeConfiguration<CaseStepRecord>
{
    public void Configure(EntityTypeBuilder<CaseStepRecord> builder)
    {
        builder.ToTable("monitoring_case_steps");
        builder.Property(s => s.Fields).HasMaxLength(4000);
        builder.Property(s => s.Summary).HasMaxLength(500);
        builder.Property(s => s.By).HasMaxLength(64);
        builder.HasIndex(s => new { s.CaseId, s.At });
    }
}

public sealed class AssistanceMeasureConfiguration : IEntityTypeConfiguration<AssistanceMeasure>
{
    public void Configure(EntityTypeBuilder<AssistanceMeasure> builder)
    {
        builder.ToTable("assistance_measures");
        builder.Property(m => m.Description).HasMaxLength(500);
        builder.Property(m => m.Evidence).HasMaxLength(1000);
        builder.Property(m => m.UpdatedBy).HasMaxLength(64);
        builder.Property(m => m.VillageCode).HasMaxLength(12);
        builder.Property(m => m.SourceKind).HasMaxLength(20);
        builder.HasIndex(m => m.CaseId);
        // A ledger's record is one measure of a case, however often the ledger links it.
        builder.HasIndex(m => new { m.CaseId, m.SourceKind, m.SourceId }).IsUnique();
    }
}
