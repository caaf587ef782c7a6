using Jingzhun.Web.Platform.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Guarantees;

/// <summary>
/// 职责分离 of a county (6-digit code, "" = the default for every county) from a year on: which small villages may let
/// one person do two steps (整改 and 核验 of a problem, 提出 and 审核 of a monitoring case), and which problems need a
/// photo as evidence. Declared as a policy table by <see cref="Duties.DutyPolicyTable"/>.
/// </summary>
[Platform.Data.NotScoped("duty rules per county (or the default), read by every region under it")]
public sealed class DutyPolicy : CountyPolicyRow
{
    /// <summary>A village with at most this many households may combine the roles; 0 = never.</summary>
    public int CombinedDutiesMaxHouseholds { get; set; }

    /// <summary>The dimensions (Chinese labels, comma-separated) whose problems are resolved only with a photo; "" = none.</summary>
    public string PhotoEvidenceDimensions { get; set; } = "";


    public static DutyPolicy Default(int year) => new() { CountyCode = "", Year = year };

    public bool NeedsPhoto(Dimension d) =>
        Parts(PhotoEvidenceDimensions).Contains(Platform.Localization.Labels.Of(d));

    public static IReadOnlyList<string> Parts(string list) =>
        list.Split([',', '，', '、'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    protected override string AuditTitle => "职责分离规则";
}

public sealed class DutyPolicyConfiguration : IEntityTypeConfiguration<DutyPolicy>
{
    public void Configure(EntityTypeBuilder<DutyPolicy> builder)
    {
        builder.IsPolicyTable("duty_policies");
        builder.Property(p => p.PhotoEvidenceDimensions).HasMaxLength(60);
    }
}
