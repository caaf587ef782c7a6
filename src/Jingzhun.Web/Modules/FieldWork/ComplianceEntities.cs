using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.FieldWork;

/// <summary>
/// 危难时刻: a household flagged by village or township staff on a day, with the reason (illness, disaster, accident).
/// Its paired cadre owes a visit within the county's EmergencyDays. A monitoring risk lead for heavy unavoidable
/// spending (突发严重困难) counts the same way from the day it is opened, without a flag being written.
/// </summary>
[Platform.Data.VillageScoped]
public sealed class EmergencyFlag : Platform.Auditing.IAudited, Platform.Data.IHouseholdOwned
{
    private EmergencyFlag() { }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public string VillageCode { get; private set; } = "";
    public DateOnly FlaggedOn { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public static EmergencyFlag Raise(long householdId, string villageCode, DateOnly on, string reason, DateTime now, string by) => new()
    {
        HouseholdId = householdId, VillageCode = villageCode, FlaggedOn = on, Reason = reason.Trim(), CreatedAt = now, CreatedBy = by,
    };

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), HouseholdId, VillageCode, $"危难时刻 {FlaggedOn:yyyy-MM-dd}（{Reason}）");
}

/// <summary>工作日志: what a cadre or a resident work team did on a day, with photos and the households (or project) concerned.</summary>
[Platform.Data.RegionScoped]
[Platform.Data.CadreKey(nameof(CadreId))]
public sealed class WorkLog : Platform.Auditing.IAudited
{
    private WorkLog() { }

    public long Id { get; private set; }
    /// <summary>The village (or township) the work was done in: the scope filter uses it.</summary>
    public string RegionCode { get; private set; } = "";
    public long? CadreId { get; private set; }
    public long? WorkTeamId { get; private set; }
    public DateOnly Date { get; private set; }
    public string Text { get; private set; } = "";
    /// <summary>There is no project module yet: the project is named in free text.</summary>
    public string? ProjectName { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public List<WorkLogHousehold> Households { get; private set; } = [];
    public List<WorkLogPhoto> Photos { get; private set; } = [];

    public static WorkLog Write(string regionCode, long? cadreId, long? teamId, DateOnly date, string text, string? project,
        IEnumerable<long> householdIds, IEnumerable<(string FileId, string Sha256)> photos, DateTime now, string by)
    {
        var log = new WorkLog
        {
            RegionCode = regionCode, CadreId = cadreId, WorkTeamId = teamId, Date = date, Text = text.Trim(),
            ProjectName = string.IsNullOrWhiteSpace(project) ? null : project.Trim(), CreatedAt = now, CreatedBy = by,
        };
        log.Households.AddRange(householdIds.Distinct().Select(h => new WorkLogHousehold { HouseholdId = h }));
        log.Photos.AddRange(photos.DistinctBy(p => p.FileId).Select(p => new WorkLogPhoto { StoredFileId = p.FileId, Sha256 = p.Sha256 }));
        return log;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), null, RegionCode, $"工作日志 {Date:yyyy-MM-dd}（{Households.Count}户，{Photos.Count}张照片）");
}

[Platform.Data.PartOf(typeof(WorkLog))]
[Platform.Auditing.NotAudited("rows of a work log, audited with it")]
public sealed class WorkLogHousehold
{
    public long Id { get; set; }
    public long WorkLogId { get; set; }
    public long HouseholdId { get; set; }
}

[Platform.Data.PartOf(typeof(WorkLog))]
[Platform.Auditing.NotAudited("rows of a work log, audited with it")]
public sealed class WorkLogPhoto
{
    public long Id { get; set; }
    public long WorkLogId { get; set; }
    public string StoredFileId { get; set; } = "";
    public string Sha256 { get; set; } = "";
}

/// <summary>月研判: a township's monthly review meeting on assistance problems (seed 002: 318 meetings, 390 problems a year).</summary>
[Platform.Data.RegionScoped(nameof(TownshipCode))]
public sealed class ReviewMeeting : Platform.Auditing.IAudited
{
    private ReviewMeeting() { }

    public long Id { get; private set; }
    public string TownshipCode { get; private set; } = "";
    public DateOnly HeldOn { get; private set; }
    public string Attendees { get; private set; } = "";
    public string? Summary { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public List<ReviewItem> Items { get; private set; } = [];

    public static ReviewMeeting Hold(string townshipCode, DateOnly heldOn, string attendees, string? summary, IEnumerable<ReviewItem> items,
        DateTime now, string by)
    {
        var m = new ReviewMeeting
        {
            TownshipCode = townshipCode, HeldOn = heldOn, Attendees = attendees.Trim(),
            Summary = string.IsNullOrWhiteSpace(summary) ? null : summary.Trim(), CreatedAt = now, CreatedBy = by,
        };
        m.Items.AddRange(items);
        return m;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), null, TownshipCode, $"月研判会议 {HeldOn:yyyy-MM-dd}（{Items.Count}个问题）");
}

/// <summary>One problem discussed at a meeting: linked to an open 两不愁三保障 problem or risk lead (or described), the decision and who acts.</summary>
[Platform.Data.PartOf(typeof(ReviewMeeting))]
[Platform.Auditing.NotAudited("items of a meeting, audited with it")]
public sealed class ReviewItem
{
    public long Id { get; set; }
    public long ReviewMeetingId { get; set; }
    public long? ProblemId { get; set; }
    public long? RiskLeadId { get; set; }
    [MaxLength(500)] public string Subject { get; set; } = "";
    [MaxLength(1000)] public string Decision { get; set; } = "";
    [MaxLength(100)] public string ActedBy { get; set; } = "";
    /// <summary>Set when the problem was settled through the meeting's decision (研判解决).</summary>
    public DateOnly? ResolvedOn { get; set; }
}

public sealed class ComplianceConfiguration :
    IEntityTypeConfiguration<EmergencyFlag>, IEntityTypeConfiguration<WorkLog>, IEntityTypeConfiguration<WorkLogHousehold>,
    IEntityTypeConfiguration<WorkLogPhoto>, IEntityTypeConfiguration<ReviewMeeting>, IEntityTypeConfiguration<ReviewItem>
{
    public void Configure(EntityTypeBuilder<EmergencyFlag> b)
    {
        b.ToTable("emergency_flags");
        b.Property(f => f.VillageCode).HasMaxLength(12);
        b.Property(f => f.Reason).HasMaxLength(200);
        b.Property(f => f.CreatedBy).HasMaxLength(64);
        b.HasOne<Registry.Household>().WithMany().HasForeignKey(f => f.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => new { f.VillageCode, f.FlaggedOn });
    }

    public void Configure(EntityTypeBuilder<WorkLog> b)
    {
        b.ToTable("work_logs");
        b.Property(l => l.RegionCode).HasMaxLength(12);
        b.Property(l => l.Text).HasMaxLength(4000);
        b.Property(l => l.ProjectName).HasMaxLength(100);
        b.Property(l => l.CreatedBy).HasMaxLength(64);
        b.HasOne<Cadre>().WithMany().HasForeignKey(l => l.CadreId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<WorkTeam>().WithMany().HasForeignKey(l => l.WorkTeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(l => l.Households).WithOne().HasForeignKey(h => h.WorkLogId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(l => l.Photos).WithOne().HasForeignKey(p => p.WorkLogId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => new { l.RegionCode, l.Date });
    }

    public void Configure(EntityTypeBuilder<WorkLogHousehold> b)
    {
        b.ToTable("work_log_households");
        b.HasOne<Registry.Household>().WithMany().HasForeignKey(h => h.HouseholdId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<WorkLogPhoto> b)
    {
        b.ToTable("work_log_photos");
        b.Property(p => p.StoredFileId).HasMaxLength(32);
        b.Property(p => p.Sha256).HasMaxLength(64);
        b.HasOne<Platform.Files.StoredFile>().WithMany().HasForeignKey(p => p.StoredFileId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ReviewMeeting> b)
    {
        b.ToTable("review_meetings");
        b.Property(m => m.TownshipCode).HasMaxLength(12);
        b.Property(m => m.Attendees).HasMaxLength(1000);
        b.Property(m => m.Summary).HasMaxLength(2000);
        b.Property(m => m.CreatedBy).HasMaxLength(64);
        b.HasMany(m => m.Items).WithOne().HasForeignKey(i => i.ReviewMeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => new { m.TownshipCode, m.HeldOn });
    }

    public void Configure(EntityTypeBuilder<ReviewItem> b) => b.ToTable("review_items");
}
