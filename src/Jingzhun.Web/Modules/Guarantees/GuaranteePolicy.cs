using Jingzhun.Web.Platform.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Guarantees;

/// <summary>
/// Thresholds of the 两不愁三保障 rules for a province (2-digit code, "" = national default) from a year on.
/// The row in force for a household is the most specific region with the latest year not after the assessment year.
/// Declared as a policy table by <see cref="ConfigurePolicy.GuaranteePolicyTable"/>.
/// </summary>
[Platform.Data.NotScoped("policy values per province, read by every region under it")]
public sealed class GuaranteePolicy : Platform.Policies.ProvincePolicyRow
{
    // 义务教育: ages of compulsory schooling (义务教育法: 6 to 15, nine years).
    public int SchoolAgeFrom { get; set; } = 6;
    public int SchoolAgeTo { get; set; } = 15;
    // 住房安全: grades that count as safe (A, B); C and D only when relocated with keys.
    public string SafeHousingGrades { get; set; } = "A,B";
    // 饮水安全 (T/CHES 18-2018 农村饮水安全评价准则).
    public decimal WaterLitresPerPersonDay { get; set; } = 35m;
    public decimal WaterLitresPerPersonDayShortArea { get; set; } = 20m;
    public int WaterFetchMinutes { get; set; } = 20;
    public int WaterHorizontalMetres { get; set; } = 800;
    public int WaterVerticalMetres { get; set; } = 80;
    public int WaterCutoffDaysPerYear { get; set; } = 36;
    // 问题整改时限 by severity, in days from assignment.
    public int DeadlineDaysUrgent { get; set; } = 7;
    public int DeadlineDaysNormal { get; set; } = 30;
    public int DeadlineDaysMinor { get; set; } = 60;

    public static GuaranteePolicy NationalDefault(int year) => new() { ProvinceCode = "", Year = year };

    public IReadOnlySet<string> SafeGrades() => Grades(SafeHousingGrades).ToHashSet();

    public static IReadOnlyList<string> Grades(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>整改时限: the days a problem of this severity is given from its assignment (the one place this rule lives).</summary>
    public int DeadlineDays(Severity severity) => severity switch
    {
        Severity.Urgent => DeadlineDaysUrgent,
        Severity.Minor => DeadlineDaysMinor,
        _ => DeadlineDaysNormal,
    };

    protected override string AuditTitle => "两不愁三保障政策参数";
}

public sealed class GuaranteePolicyConfiguration : IEntityTypeConfiguration<GuaranteePolicy>
{
    public void Configure(EntityTypeBuilder<GuaranteePolicy> builder)
    {
        builder.IsPolicyTable("guarantee_policies");
        builder.Property(p => p.SafeHousingGrades).HasMaxLength(20);
    }
}
