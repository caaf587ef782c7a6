using Jingzhun.Web.Platform.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Employment;

/// <summary>
/// 就业帮扶 and 小额信贷 warning values of a province ("" = national default) from a year on. The loan limits themselves
/// (amount, term) are the monitoring policy's (<see cref="Monitoring.MonitoringPolicy.MicroloanMaxAmount"/>).
/// Declared as a policy table by <see cref="ConfigurePolicy.EmploymentPolicyTable"/>.
/// </summary>
[Platform.Data.NotScoped("policy values per province, read by every region under it")]
public sealed class EmploymentPolicy : ProvincePolicyRow
{
    /// <summary>A loan overdue this many days raises a risk lead (金融风险).</summary>
    public int LoanOverdueLeadDays { get; set; } = 30;
    /// <summary>A member whose job ended this many days ago with no new one raises a 因务工就业不稳 lead.</summary>
    public int JoblessLeadDays { get; set; } = 30;

    public static EmploymentPolicy Default(int year) => new() { ProvinceCode = "", Year = year };

    protected override string AuditTitle => "就业帮扶与小额信贷预警参数";
}

public sealed class EmploymentPolicyConfiguration : IEntityTypeConfiguration<EmploymentPolicy>
{
    public void Configure(EntityTypeBuilder<EmploymentPolicy> builder) => builder.IsPolicyTable("employment_policies");
}
