using System.ComponentModel.DataAnnotations;

namespace Jingzhun.Web.Modules.FieldWork;

/// <summary>走访类型: the kinds of visit of the "四必见" mechanism (seed 002).</summary>
public enum VisitKind
{
    [Display(Name = "月度例行")] Monthly = 1,
    [Display(Name = "传统节日")] Festival = 2,
    [Display(Name = "寒来暑往")] Seasonal = 3,
    [Display(Name = "危难时刻")] Emergency = 4,
}

/// <summary>What became of the household update a visit carried.</summary>
public enum VisitUpdateState
{
    [Display(Name = "无更新")] None = 0,
    [Display(Name = "已更新")] Applied = 1,
    [Display(Name = "待确认（数据冲突）")] Conflict = 2,
    [Display(Name = "已放弃")] Discarded = 3,
}

/// <summary>调整召回的原因 (seed 002: 对作风不实、能力不强、帮扶效果不好的……及时调整召回).</summary>
public enum CadreRecallReason
{
    [Display(Name = "作风不实")] Conduct = 1,
    [Display(Name = "能力不强")] Ability = 2,
    [Display(Name = "帮扶效果不好")] Results = 3,
    [Display(Name = "其他")] Other = 9,
}

/// <summary>帮扶干部. The phone is kept encrypted; lists show the masked form. A cadre may sign in through a linked account.</summary>
[Platform.Data.RegionScoped]
[Platform.Data.CadreKey(nameof(Id))]
public sealed class Cadre : Platform.Auditing.IAudited, Platform.Data.IVersioned
{
    private Cadre() { }

    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>派出单位 (区农业农村委, 镇政府, 村委会…).</summary>
    public string Unit { get; private set; } = "";
    [Platform.Auditing.Sensitive]
    public string? PhoneProtected { get; private set; }
    public string? PhoneMasked { get; private set; }
    /// <summary>The region the cadre serves (a village or a township); the scope filter uses it.</summary>
    public string RegionCode { get; private set; } = "";
    public DateOnly ActiveFrom { get; private set; }
    public DateOnly? ActiveTo { get; private set; }
    public string? UserId { get; private set; }
    /// <summary>调整召回: the day the cadre was recalled (their last day), why, and the note; null while not recalled.</summary>
    public DateOnly? RecalledOn { get; private set; }
    public CadreRecallReason? RecallReason { get; private set; }
    public string? RecallNote { get; private set; }
    public int Version { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    /// <summary>调整召回: the cadre's service ends on <paramref name="on"/>; their pairings end with it (the handler ends them).</summary>
    public void Recall(DateOnly on, CadreRecallReason reason, string? note, DateTime now, string by)
    {
        if (RecalledOn is not null) throw new InvalidOperationException($"帮扶干部 {Name} 已于 {RecalledOn:yyyy-MM-dd} 调整召回");
        RecalledOn = on;
        RecallReason = reason;
        RecallNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        ActiveTo = on;
        Version++;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    /// <summary>Serving on a day: within the 帮扶期, and not recalled (a recall takes effect on its day).</summary>
    public bool IsActiveOn(DateOnly day) => ActiveFrom <= day && (ActiveTo is null || ActiveTo >= day) && (RecalledOn is null || RecalledOn > day);

    public static Cadre Create(string name, string unit, (string? Protected, string? Masked) phone, string regionCode,
        DateOnly from, DateOnly? to, string? userId, DateTime now, string by)
    {
        var c = new Cadre();
        c.Set(name, unit, phone, regionCode, from, to, userId, now, by);
        return c;
    }

    public void Set(string name, string unit, (string? Protected, string? Masked) phone, string regionCode,
        DateOnly from, DateOnly? to, string? userId, DateTime now, string by)
    {
        Name = name.Trim();
        Unit = unit.Trim();
        PhoneProtected = phone.Protected;
        PhoneMasked = phone.Masked;
        RegionCode = regionCode;
        ActiveFrom = from;
        ActiveTo = to;
        UserId = string.IsNullOrWhiteSpace(userId) ? null : userId;
        Version++;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), null, RegionCode, RecalledOn is { } on
        ? $"帮扶干部 {Name}（{Unit}）调整召回 {on:yyyy-MM-dd}：{Platform.Localization.Labels.Of(RecallReason)}{(RecallNote is null ? "" : "，" + RecallNote)}"
        : $"帮扶干部 {Name}（{Unit}）");
}

/// <summary>
/// 结对帮扶: one cadre and one household over a period. Rotation ends the active pairing and starts a new one, so
/// history is kept; a household has at most one active pairing (unique index on the open rows).
/// </summary>
[Platform.Data.VillageScoped]
public sealed class Pairing : Platform.Auditing.IAudited, Platform.Data.IHouseholdOwned
{
    private Pairing() { }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public long CadreId { get; private set; }
    public string VillageCode { get; private set; } = "";
    public DateOnly StartedOn { get; private set; }
    public DateOnly? EndedOn { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    /// <summary>Changed when the pairing starts or ends: the sync delta picks up pairing changes with it.</summary>
    public DateTime ChangedAt { get; private set; }
    /// <summary>
    /// The cadre's last day of service (their 帮扶期 end), kept with the pairing: after it the household is 未结对 until a
    /// new cadre is paired, read without a join to the cadre (who may be registered outside the reader's region).
    /// </summary>
    public DateOnly? CadreLeavesOn { get; private set; }

    public bool IsActive => EndedOn is null;

    /// <summary>In force on a day: not ended, and its cadre still serving (see <see cref="PairingsInForce"/>).</summary>
    public bool InForceOn(DateOnly day) => EndedOn is null && (CadreLeavesOn is null || CadreLeavesOn >= day);

    public static Pairing Start(long householdId, long cadreId, string villageCode, DateOnly from, DateTime now, string by,
        DateOnly? cadreLeavesOn = null) => new()
    {
        HouseholdId = householdId, CadreId = cadreId, VillageCode = villageCode, StartedOn = from, CreatedAt = now, CreatedBy = by, ChangedAt = now,
        CadreLeavesOn = cadreLeavesOn,
    };

    /// <summary>The cadre's period of service changed (edited end date, rotation).</summary>
    public void FollowCadre(DateOnly? leavesOn, DateTime now)
    {
        if (CadreLeavesOn == leavesOn) return;
        CadreLeavesOn = leavesOn;
        ChangedAt = now;
    }

    /// <summary>Ends the pairing on the cadre's last day (a recall), never before its own start.</summary>
    public void EndOn(DateOnly last, DateTime now)
    {
        EndedOn = last < StartedOn ? StartedOn : last;
        CadreLeavesOn = last;
        ChangedAt = now;
    }

    /// <summary>Ends the pairing the day before the successor starts (never before its own start).</summary>
    public void End(DateOnly successorStart, DateTime now)
    {
        var last = successorStart.AddDays(-1);
        EndedOn = last < StartedOn ? StartedOn : last;
        ChangedAt = now;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), HouseholdId, VillageCode, IsActive ? $"结对帮扶 干部{CadreId} 自{StartedOn:yyyy-MM-dd}" : $"结束结对 干部{CadreId} 至{EndedOn:yyyy-MM-dd}");
}

/// <summary>驻村工作队: the resident team of a village, led by its 第一书记.</summary>
[Platform.Data.VillageScoped]
public sealed class WorkTeam : Platform.Auditing.IAudited, Platform.Data.IVersioned
{
    private WorkTeam() { }

    public long Id { get; private set; }
    public string VillageCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public long FirstSecretaryId { get; private set; }
    public DateOnly StartedOn { get; private set; }
    public DateOnly? EndedOn { get; private set; }
    public int Version { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public List<WorkTeamMember> Members { get; private set; } = [];

    public static WorkTeam Create(string villageCode, string name, long firstSecretaryId, DateOnly from, DateOnly? to,
        IEnumerable<long> memberIds, DateTime now, string by)
    {
        var t = new WorkTeam { VillageCode = villageCode };
        t.Set(name, firstSecretaryId, from, to, memberIds, now, by);
        return t;
    }

    public void Set(string name, long firstSecretaryId, DateOnly from, DateOnly? to, IEnumerable<long> memberIds, DateTime now, string by)
    {
        Name = name.Trim();
        FirstSecretaryId = firstSecretaryId;
        StartedOn = from;
        EndedOn = to;
        var wanted = memberIds.Append(firstSecretaryId).Distinct().ToHashSet();
        Members.RemoveAll(m => !wanted.Contains(m.CadreId));
        foreach (var id in wanted.Where(id => Members.All(m => m.CadreId != id))) Members.Add(new WorkTeamMember { CadreId = id });
        // Raised with every change, membership included: the team row is written even when only its members changed.
        Version++;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), null, VillageCode, $"驻村工作队 {Name}");
}

[Platform.Data.PartOf(typeof(WorkTeam))]
[Platform.Auditing.NotAudited("membership rows of a team; the team's change is audited")]
public sealed class WorkTeamMember
{
    public long Id { get; set; }
    public long WorkTeamId { get; set; }
    public long CadreId { get; set; }
}

/// <summary>
/// 走访: one visit of a cadre to a household. <see cref="ClientId"/> is made by the device and unique, so a retried
/// sync never stores a visit twice. A household update that met a newer server version is kept here, not applied.
/// </summary>
[Platform.Data.VillageScoped]
public sealed class Visit : Platform.Auditing.IAudited, Platform.Data.IHouseholdOwned
{
    private Visit() { }

    public long Id { get; private set; }
    public string ClientId { get; private set; } = "";
    public long HouseholdId { get; private set; }
    public string VillageCode { get; private set; } = "";
    public long CadreId { get; private set; }
    public DateTime VisitedAt { get; private set; }
    public DateTime EnteredAt { get; private set; }
    public VisitKind Kind { get; private set; }
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }
    public double? Accuracy { get; private set; }
    public string? Notes { get; private set; }
    public VisitUpdateState UpdateState { get; private set; }
    /// <summary>The household update as sent (JSON), kept while it waits for the user's decision, and after.</summary>
    public string? HouseholdUpdateJson { get; private set; }
    public int? UpdateBaseVersion { get; private set; }
    /// <summary>Problems (两不愁三保障) and risk leads opened from this visit, comma-separated ids.</summary>
    public string? ProblemIds { get; private set; }
    public string? LeadIds { get; private set; }
    public string CreatedBy { get; private set; } = "";
    /// <summary>The visit's photos, and the household head's signature among them (<see cref="VisitPhoto.IsSignature"/>).</summary>
    public List<VisitPhoto> Photos { get; private set; } = [];

    public static Visit Record(string clientId, long householdId, string villageCode, long cadreId, DateTime visitedAt, VisitKind kind,
        double? latitude, double? longitude, double? accuracy, string? notes, DateTime now, string by) => new()
    {
        ClientId = clientId, HouseholdId = householdId, VillageCode = villageCode, CadreId = cadreId, VisitedAt = visitedAt,
        EnteredAt = now, Kind = kind, Latitude = latitude, Longitude = longitude, Accuracy = accuracy,
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(), CreatedBy = by,
    };

    public void CarryUpdate(string json, int baseVersion, VisitUpdateState state)
    {
        HouseholdUpdateJson = json;
        UpdateBaseVersion = baseVersion;
        UpdateState = state;
    }

    /// <summary>The user's decision on a conflicting update: applied (after validation) or discarded.</summary>
    public void Settle(bool applied)
    {
        if (UpdateState != VisitUpdateState.Conflict) throw new InvalidOperationException("该走访没有待确认的户信息更新");
        UpdateState = applied ? VisitUpdateState.Applied : VisitUpdateState.Discarded;
    }

    public void LinkFindings(IEnumerable<long> problemIds, IEnumerable<long> leadIds)
    {
        var p = string.Join(',', problemIds);
        var l = string.Join(',', leadIds);
        ProblemIds = p.Length == 0 ? null : p;
        LeadIds = l.Length == 0 ? null : l;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), HouseholdId, VillageCode, $"走访（{Platform.Localization.Labels.Of(Kind)}）{Platform.Localization.ChinaTime.Format(VisitedAt)}");
}

/// <summary>
/// A visit photo: the stored (location-stripped) file, its content hash (the same photo used twice is a signal),
/// and what the EXIF said at upload: when and where it was taken. Uploaded before the visit it belongs to.
/// </summary>
[Platform.Data.RegionScoped]
public sealed class VisitPhoto : Platform.Auditing.IAudited
{
    public long Id { get; set; }
    public string ClientId { get; set; } = "";
    public long? VisitId { get; set; }
    public string StoredFileId { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public DateTime? TakenAt { get; set; }
    public double? ExifLatitude { get; set; }
    public double? ExifLongitude { get; set; }
    /// <summary>The uploader's region (the scope filter uses it until the photo joins a visit).</summary>
    public string RegionCode { get; set; } = "";
    public string UploadedBy { get; set; } = "";
    public DateTime UploadedAt { get; set; }
    /// <summary>The household head's signature (drawn on the phone or the web form, or a photo of the signed paper), not a photo of the visit.</summary>
    public bool IsSignature { get; set; }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), null, RegionCode, IsSignature ? $"户主签字 {StoredFileId}" : $"走访照片 {StoredFileId}");
}
