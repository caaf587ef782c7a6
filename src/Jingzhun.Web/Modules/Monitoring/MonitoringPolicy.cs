using Jingzhun.Web.Modules.Registry;
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
    /// <summary>
    /// 合规自付支出 at or above this (yuan, per household and year) raises a lead for a 脱贫户 (or 未脱贫户) or a monitored
    /// household (DOMAIN.md §6, 医保部门筛查预警: ≥ 5,000 yuan for 脱贫人口 and 监测对象) ...
    /// </summary>
    public decimal OutOfPocketTriggerExited { get; set; } = 5000m;
    /// <summary>... and at or above this for every other household (≥ 20,000 yuan).</summary>
    public decimal OutOfPocketTriggerOther { get; set; } = 20000m;
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

    /// <summary>脱贫人口小额信贷: at most this amount per household (50,000 yuan) ...</summary>
    public decimal MicroloanMaxAmount { get; set; } = 50000m;
    /// <summary>... for at most this many years (3).</summary>
    public int MicroloanMaxYears { get; set; } = 3;

    public static MonitoringPolicy NationalFloor(int year) => new() { ProvinceCode = "", Year = year };

    /// <summary>The 合规自付支出 warning line of a household of this status (the one place this choice is made).</summary>
    public decimal OutOfPocketTrigger(HouseholdStatus status) =>
        status is HouseholdStatus.Exited or HouseholdStatus.NotExited or HouseholdStatus.Monitored ? OutOfPocketTriggerExited : OutOfPocketTriggerOther;

    /// <summary>Whether a year's 合规自付支出 reaches the household's warning line ("≥", inclusive).</summary>
    public bool IsHighOutOfPocket(decimal amount, HouseholdStatus status) => amount >= OutOfPocketTrigger(status);

    /// <summary>The top of the "near the range" band, unrounded (监测范围 × (1 + 临界浮动比例)).</summary>
    public decimal NearBandTop => Threshold * (1 + NearBand);

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
