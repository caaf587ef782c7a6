using Jingzhun.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.DataMatching;

/// <summary>
/// One uploaded department roster (部门数据批次) of a region (a county, or higher for a city or province office), matched against the
/// registry by the ID number's keyed hash. Only counts are kept of it: the file is read once and deleted, and the rows of people who
/// are not in the registry leave nothing but the count <see cref="Unknown"/>.
/// </summary>
[Platform.Data.RegionScoped("RegionCode")]
public sealed class RosterBatch : Platform.Auditing.IAudited, Platform.Data.IVersioned
{
    private RosterBatch() { }

    public long Id { get; private set; }
    public string RegionCode { get; private set; } = "";
    public RosterKind Kind { get; private set; }
    /// <summary>数据期别 as the department labels it (e.g. 2026年11月).</summary>
    public string Period { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string Sha256 { get; private set; } = "";
    public BatchStatus Status { get; private set; }
    public long? JobId { get; private set; }
    public int Rows { get; private set; }
    /// <summary>Rows whose person is an active member of the registry in the region.</summary>
    public int Matched { get; private set; }
    /// <summary>Rows of people not in the registry: counted, their ID numbers never stored.</summary>
    public int Unknown { get; private set; }
    public int Invalid { get; private set; }
    /// <summary>疑点 this batch raised, and the matches an earlier batch had already raised (not raised again).</summary>
    public int NewDoubts { get; private set; }
    public int Repeated { get; private set; }
    /// <summary>The first row errors (row number, column, reason: never the ID number itself), one per line.</summary>
    public string? Errors { get; private set; }
    public string? WithdrawReason { get; private set; }
    public DateTime? WithdrawnAt { get; private set; }
    public string? WithdrawnBy { get; private set; }
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public static RosterBatch Upload(string region, RosterKind kind, string period, string fileName, string sha, DateTime now, string by) => new()
    {
        RegionCode = region, Kind = kind, Period = period.Trim(), FileName = fileName, Sha256 = sha, Status = BatchStatus.Matching, Version = 1,
        CreatedAt = now, CreatedBy = by, UpdatedAt = now, UpdatedBy = by,
    };

    public void Queued(long jobId) => JobId = jobId;

    public void Finish(int rows, int matched, int unknown, int invalid, int newDoubts, int repeated, string? errors, DateTime now)
    {
        Rows = rows; Matched = matched; Unknown = unknown; Invalid = invalid; NewDoubts = newDoubts; Repeated = repeated;
        Errors = errors is { Length: > 4000 } ? errors[..4000] : errors;
        Status = BatchStatus.Done;
        UpdatedAt = now;
        Version++;
    }

    public void Fail(string error, DateTime now)
    {
        Status = BatchStatus.Failed;
        Errors = error.Length > 4000 ? error[..4000] : error;
        UpdatedAt = now;
        Version++;
    }

    public void Withdraw(string reason, DateTime now, string by)
    {
        Status = BatchStatus.Withdrawn;
        WithdrawReason = reason.Trim();
        WithdrawnAt = now;
        WithdrawnBy = by;
        UpdatedAt = now;
        UpdatedBy = by;
        Version++;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), null, RegionCode,
        $"部门数据 {Platform.Localization.Labels.Of(Kind)} {Period}（{Platform.Localization.Labels.Of(Status)}，{Rows} 行，比中 {Matched}，" +
        $"库外 {Unknown}，新疑点 {NewDoubts}{(WithdrawReason is { } r ? $"，撤回原因：{r}" : "")}）");
}

/// <summary>
/// 疑点: a roster row matched to a registry member that fired a rule, with the village's verification task. Belongs to the member's
/// household (its village). Confirmed 属实, it produces its outcome once through the existing mechanism (a risk lead, a problem, a 减员);
/// the same rule on the same member in the same year is one 疑点 across batches.
/// </summary>
[Platform.Data.VillageScoped]
public sealed class Doubt : Platform.Auditing.IAudited, Platform.Data.IVersioned, Platform.Data.IHouseholdOwned
{
    private Doubt() { }

    public long Id { get; private set; }
    public long BatchId { get; private set; }
    public long HouseholdId { get; private set; }
    public long MemberId { get; private set; }
    public string VillageCode { get; private set; } = "";
    public string CountyCode { get; private set; } = "";
    public RosterKind Kind { get; private set; }
    public string Rule { get; private set; } = "";
    public int Year { get; private set; }
    public DoubtOutcome Outcome { get; private set; }
    public string Detail { get; private set; } = "";
    public decimal? Amount { get; private set; }
    public DateOnly? EventDate { get; private set; }
    public DateOnly Deadline { get; private set; }
    public DoubtStatus Status { get; private set; }
    public string? Note { get; private set; }
    /// <summary>佐证照片: stored file ids, comma-separated.</summary>
    public string? PhotoIds { get; private set; }
    public DateTime? VerifiedAt { get; private set; }
    public string? VerifiedBy { get; private set; }
    /// <summary>What 属实 produced: the lead, the problem, or the 减员 done.</summary>
    public long? LeadId { get; private set; }
    public long? ProblemId { get; private set; }
    public bool MemberRemoved { get; private set; }
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public static Doubt Raise(long batchId, long householdId, long memberId, string villageCode, RosterKind kind, Rules.RuleHit hit, int year, decimal? amount,
        DateOnly? eventDate, DateOnly deadline, DateTime now, string by) => new()
    {
        BatchId = batchId, HouseholdId = householdId, MemberId = memberId, VillageCode = villageCode, CountyCode = villageCode[..6], Kind = kind, Rule = hit.Rule,
        Year = year, Outcome = hit.Outcome, Detail = hit.Detail.Length > 500 ? hit.Detail[..500] : hit.Detail, Amount = amount, EventDate = eventDate,
        Deadline = deadline, Status = DoubtStatus.Pending, Version = 1, CreatedAt = now, CreatedBy = by, UpdatedAt = now, UpdatedBy = by,
    };

    public bool IsOverdue(DateOnly today) => Status == DoubtStatus.Pending && today > Deadline;

    public void Verify(bool confirmed, string note, string? photoIds, DateTime now, string by)
    {
        Status = confirmed ? DoubtStatus.Confirmed : DoubtStatus.Rejected;
        Note = note.Trim();
        PhotoIds = string.IsNullOrEmpty(photoIds) ? null : photoIds;
        VerifiedAt = now;
        VerifiedBy = by;
        Touch(now, by);
    }

    public void Produced(long? leadId, long? problemId, bool removed)
    {
        LeadId = leadId;
        ProblemId = problemId;
        MemberRemoved = removed;
    }

    public void Withdraw(DateTime now, string by)
    {
        Status = DoubtStatus.Withdrawn;
        Touch(now, by);
    }

    private void Touch(DateTime now, string by)
    {
        UpdatedAt = now;
        UpdatedBy = by;
        Version++;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), HouseholdId, VillageCode,
        $"比对疑点 {Id}（{Platform.Localization.Labels.Of(Kind)}，{Platform.Localization.Labels.Of(Status)}{(Note is { } n ? $"：{n}" : "")}）");
}

public sealed class RosterBatchConfiguration : IEntityTypeConfiguration<RosterBatch>
{
    public void Configure(EntityTypeBuilder<RosterBatch> builder)
    {
        builder.ToTable("roster_batches");
        builder.Property(b => b.RegionCode).HasMaxLength(12);
        builder.Property(b => b.Period).HasMaxLength(40);
        builder.Property(b => b.FileName).HasMaxLength(200);
        builder.Property(b => b.Sha256).HasMaxLength(64);
        builder.Property(b => b.Errors).HasMaxLength(4000);
        builder.Property(b => b.WithdrawReason).HasMaxLength(200);
        builder.Property(b => b.WithdrawnBy).HasMaxLength(64);
        builder.Property(b => b.CreatedBy).HasMaxLength(64);
        builder.Property(b => b.UpdatedBy).HasMaxLength(64);
        builder.HasIndex(b => new { b.RegionCode, b.Id });
    }
}

public sealed class DoubtConfiguration : IEntityTypeConfiguration<Doubt>
{
    public void Configure(EntityTypeBuilder<Doubt> builder)
    {
        builder.ToTable("doubts");
        builder.Property(d => d.VillageCode).HasMaxLength(12);
        builder.Property(d => d.CountyCode).HasMaxLength(6);
        builder.Property(d => d.Rule).HasMaxLength(30);
        builder.Property(d => d.Detail).HasMaxLength(500);
        builder.Property(d => d.Amount).HasPrecision(14, 2);
        builder.Property(d => d.Note).HasMaxLength(500);
        builder.Property(d => d.PhotoIds).HasMaxLength(400);
        builder.Property(d => d.VerifiedBy).HasMaxLength(64);
        builder.Property(d => d.CreatedBy).HasMaxLength(64);
        builder.Property(d => d.UpdatedBy).HasMaxLength(64);
        builder.HasOne<RosterBatch>().WithMany().HasForeignKey(d => d.BatchId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Household>().WithMany().HasForeignKey(d => d.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(d => d.MemberId).OnDelete(DeleteBehavior.Restrict);
        // "The same match" across batches: a rule on a member in a year; the matcher reads it per county.
        builder.HasIndex(d => new { d.CountyCode, d.Rule, d.MemberId, d.Year });
        builder.HasIndex(d => new { d.VillageCode, d.Status });
        builder.HasIndex(d => d.BatchId);
    }
}

public static class DataMatchingData
{
    extension(Platform.Data.AppDbContext db)
    {
        public DbSet<RosterBatch> RosterBatches => db.Set<RosterBatch>();
        public DbSet<Doubt> Doubts => db.Set<Doubt>();
    }
}
