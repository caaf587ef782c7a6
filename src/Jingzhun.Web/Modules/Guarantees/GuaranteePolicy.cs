using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Guarantees;

/// <summary>
/// Thresholds of the 两不愁三保障 rules for a province (2-digit code, "" = national default) from a year on.
/// The row in force for a household is the most specific region with the latest year not after the assessment year.
/// </summary>
[Platform.Data.NotScoped("policy values per province, read by every region under it")]
public sealed class GuaranteePolicy : Platform.Policies.IProvincePolicy, Platform.Auditing.IAudited, Platform.Data.IStamped
{
    public long Id { get; set; }
    public string ProvinceCode { get; set; } = "";
    public int Year { get; set; }
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
    public int Version { get; set; } = 1;
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    public static GuaranteePolicy NationalDefault(int year) => new() { ProvinceCode = "", Year = year };

    public IReadOnlySet<string> SafeGrades() => SafeHousingGrades.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), null, ProvinceCode, $"两不愁三保障政策参数 {ProvinceCode} {Year}年");
}

public sealed class GuaranteePolicyConfiguration : IEntityTypeConfiguration<GuaranteePolicy>
{
    public void Configure(EntityTypeBuilder<GuaranteePolicy> builder)
    {
        builder.ToTable("guarantee_policies");
        builder.Property(p => p.ProvinceCode).HasMaxLength(2);
        builder.Property(p => p.SafeHousingGrades).HasMaxLength(20);
        builder.Property(p => p.UpdatedBy).HasMaxLength(64);
        builder.HasIndex(p => new { p.ProvinceCode, p.Year }).IsUnique();
    }
}
