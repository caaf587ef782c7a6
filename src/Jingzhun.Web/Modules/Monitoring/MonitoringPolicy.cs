using Jingzhun.Web.Platform.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Monitoring;

/// <summary>
/// 防止返贫动态监测 policy values for a province ("" = national floor) and year (DOMAIN.md §4). The row in force is the
/// most specific province row of the year, else the national row of the latest year not after it. Declared as a
/// policy table by <see cref="ConfigurePolicy.MonitoringPolicyTable"/>.
/// </summary>
[Platform.Data.NotScoped("policy values per province, read by every region under it")]
public sealed class MonitoringPolicy : ProvincePolicyRow
{
    /// <summary>监测范围: per-capita net income at or below this is within the range (2021 national floor 6,000 yuan).</summary>
    public decimal Threshold { get; set; } = 6000m;
    /// <summary>"Near the threshold": within this share above it (0.10 = up to 10% above) raises a lead too.</summary>
    public decimal NearBand { get; set; } = 0.10m;
    /// <summary>A drop of more than this share against the previous year raises a lead (0.30 = 30%).</summary>
    public decimal IncomeDropTrigger { get; set; } = 0.30m;
    /// <summary>合规自付支出 above this (yuan, per household and year) raises a lead (突发严重困难户 test).</summary>
    public decimal OutOfPocketTrigger { get; set; } = 10000m;
    /// <summary>中农组发〔2021〕7号: no more than 15 days from the first lead to the decision.</summary>
    public int DecisionDays { get; set; } = 15;
    /// <summary>村级公示 lasts at least this many days.</summary>
    public int PublicityDays { get; set; } = 5;
    /// <summary>风险消除: monitored at least this many months, ...</summary>
    public int EliminationMinMonths { get; set; } = 6;
    /// <summary>... with at least this many measures received, ...</summary>
    public int EliminationMinMeasures { get; set; } = 1;
    /// <summary>... and the latest income above the range for at least this many months ("stably above, in principle
    /// at least half a year"; a year's income record covers 12).</summary>
    public int EliminationStableMonths { get; set; } = 6;

    public static MonitoringPolicy NationalFloor(int year) => new() { ProvinceCode = "", Year = year };

    protected override string AuditTitle => "防返贫监测政策参数";
}

public sealed class MonitoringPolicyConfiguration : IEntityTypeConfiguration<MonitoringPolicy>
{
    public void Configure(EntityTypeBuilder<MonitoringPolicy> builder)
    {
        builder.IsPolicyTable("monitoring_policies");
        builder.Property(p => p.NearBand).HasPrecision(5, 4);
        builder.Property(p => p.IncomeDropTrigger).HasPrecision(5, 4);
        // Rows kept from before the column: the half-year of the policy text (a database default, so a migration fills them).
        builder.Property(p => p.EliminationStableMonths).HasDefaultValue(6);
    }
}
