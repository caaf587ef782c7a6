using Jingzhun.Web.Modules.FieldWork.Rules;
using Jingzhun.Web.Platform.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.FieldWork;

/// <summary>
/// 四必见 and authenticity values of a county (6-digit code, "" = the default for every county) from a year on
/// (DOMAIN.md §5). The row in force is the county's latest row not after the year, else the default one. Declared as
/// a policy table by <see cref="ConfigureVisitPolicy.VisitPolicyTable"/>.
/// </summary>
[Platform.Data.NotScoped("visit standards per county (or the default), read by every region under it")]
public sealed class VisitPolicy : CountyPolicyRow
{
    /// <summary>传统节日: a visit from this many days before the festival ...</summary>
    public int FestivalDaysBefore { get; set; } = 7;
    /// <summary>... to this many days after it counts.</summary>
    public int FestivalDaysAfter { get; set; } = 7;
    /// <summary>危难时刻: a visit within this many days of the flag.</summary>
    public int EmergencyDays { get; set; } = 3;
    /// <summary>A pairing that starts fewer days than this before an obligation falls due does not owe it yet.</summary>
    public int PairingGraceDays { get; set; } = 10;
    public int GpsThresholdMetres { get; set; } = 1000;
    public int LateEntryDays { get; set; } = 3;
    public int MaxVisitsPerDay { get; set; } = 12;
    public int TownshipSwitchMinutes { get; set; } = 30;
    /// <summary>走访需户主签字: a visit is stored only with the household head's signature (issue 14).</summary>
    public bool SignatureRequired { get; set; }

    public static VisitPolicy Default(int year) => new() { CountyCode = "", Year = year };

    public VisitCalendarPolicy Calendar => new(FestivalDaysBefore, FestivalDaysAfter, EmergencyDays: EmergencyDays, PairingGraceDays: PairingGraceDays);
    public AuthenticityPolicy Authenticity => new(GpsThresholdMetres, LateEntryDays, MaxVisitsPerDay, TownshipSwitchMinutes);

    protected override string AuditTitle => "走访标准";
}

public sealed class VisitPolicyConfiguration : IEntityTypeConfiguration<VisitPolicy>
{
    public void Configure(EntityTypeBuilder<VisitPolicy> builder)
    {
        builder.IsPolicyTable("visit_policies");
    }
}
