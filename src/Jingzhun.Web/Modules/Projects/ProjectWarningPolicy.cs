using Jingzhun.Web.Platform.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Projects;

/// <summary>
/// 项目预警 of a county ("" = the default) from a year on: a project whose plan was issued this many days ago and has not
/// started, or completed this many days ago and not accepted, is flagged in the list.
/// </summary>
[Platform.Data.NotScoped("warning days per county (or the default), read by every region under it")]
public sealed class ProjectWarningPolicy : CountyPolicyRow
{
    public int NotStartedDays { get; set; }
    public int NotAcceptedDays { get; set; }
    /// <summary>A started project whose progress is more than this many percentage points behind its planned time is flagged.</summary>
    public int BehindProgressPoints { get; set; }

    public const int DefaultBehindProgressPoints = 20;

    public static ProjectWarningPolicy Default(int year) => new()
    {
        CountyCode = "", Year = year, NotStartedDays = 60, NotAcceptedDays = 90, BehindProgressPoints = DefaultBehindProgressPoints,
    };

    protected override string AuditTitle => "项目预警规则";
}

public sealed class ProjectWarningPolicyConfiguration : IEntityTypeConfiguration<ProjectWarningPolicy>
{
    public void Configure(EntityTypeBuilder<ProjectWarningPolicy> builder)
    {
        builder.IsPolicyTable("project_warning_policies");
        // Rows set before the progress check existed take the default (a value is always 1–100: 0 is never written).
        builder.Property(x => x.BehindProgressPoints).HasDefaultValue(ProjectWarningPolicy.DefaultBehindProgressPoints);
    }
}
