using System.ComponentModel.DataAnnotations;

namespace Jingzhun.Web.Modules.Guarantees;

public enum ProblemSource
{
    [Display(Name = "系统研判")] Rule = 1,
    [Display(Name = "入户走访")] Visit = 2,
    [Display(Name = "部门数据")] DepartmentData = 3,
    [Display(Name = "督查暗访")] Inspection = 4,
    [Display(Name = "群众反映(12317)")] Complaint = 5,
}

public enum ProblemStatus
{
    [Display(Name = "待交办")] Pending = 1,
    [Display(Name = "已交办")] Assigned = 2,
    [Display(Name = "整改中")] InProgress = 3,
    [Display(Name = "已解决")] Resolved = 4,
    [Display(Name = "已核验")] Verified = 5,
}

public enum Severity
{
    [Display(Name = "紧急")] Urgent = 1,
    [Display(Name = "一般")] Normal = 2,
    [Display(Name = "轻微")] Minor = 3,
}

/// <summary>The step a user asks for; <see cref="Problem.Allowed"/> says from which states.</summary>
public enum ProblemTransition
{
    [Display(Name = "交办")] Assign = 1,
    [Display(Name = "开始整改")] Start = 2,
    [Display(Name = "整改完成")] Resolve = 3,
    [Display(Name = "核验通过")] Verify = 4,
    [Display(Name = "退回重改")] Return = 5,
}

/// <summary>
/// A 两不愁三保障 problem (问题台账) of one household, worked to zero: 待交办 → 已交办 → 整改中 → 已解决 → 已核验,
/// or 已解决 → 整改中 when the township returns it. Only a person resolves a problem, with evidence.
/// </summary>
[Platform.Data.VillageScoped]
public sealed class Problem : Platform.Auditing.IAudited, Platform.Data.IHouseholdOwned, Platform.Data.IVersioned
{
    private Problem() { }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public string VillageCode { get; private set; } = "";
    public string CountyCode { get; private set; } = "";
    public Dimension Dimension { get; private set; }
    public ProblemSource Source { get; private set; }
    public Severity Severity { get; private set; }
    public string Description { get; private set; } = "";
    public ProblemStatus Status { get; private set; }
    public DateTime FoundAt { get; private set; }
    public string FoundBy { get; private set; } = "";
    public string? AssignedUnit { get; private set; }
    public string? AssignedPerson { get; private set; }
    public DateTime? AssignedAt { get; private set; }
    public DateOnly? Deadline { get; private set; }
    public string? Measure { get; private set; }
    public string? EvidenceText { get; private set; }
    /// <summary>Ids of stored evidence photos, comma-separated.</summary>
    public string? EvidencePhotoIds { get; private set; }
    /// <summary>Set when a resolution is submitted, cleared when the township returns it.</summary>
    public DateTime? ResolvedAt { get; private set; }
    public string? ResolvedBy { get; private set; }
    public DateTime? VerifiedAt { get; private set; }
    public string? VerifiedBy { get; private set; }
    public string? ReturnReason { get; private set; }
    public int ReturnCount { get; private set; }
    public int Version { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public List<ProblemEvent> Events { get; private set; } = [];

    public static readonly IReadOnlyDictionary<ProblemTransition, (ProblemStatus From, ProblemStatus To)> Allowed =
        new Dictionary<ProblemTransition, (ProblemStatus, ProblemStatus)>
        {
            [ProblemTransition.Assign] = (ProblemStatus.Pending, ProblemStatus.Assigned),
            [ProblemTransition.Start] = (ProblemStatus.Assigned, ProblemStatus.InProgress),
            [ProblemTransition.Resolve] = (ProblemStatus.InProgress, ProblemStatus.Resolved),
            [ProblemTransition.Verify] = (ProblemStatus.Resolved, ProblemStatus.Verified),
            [ProblemTransition.Return] = (ProblemStatus.Resolved, ProblemStatus.InProgress),
        };

    public bool IsOpen => Status != ProblemStatus.Verified;

    public static Problem Open(long householdId, string villageCode, Dimension dimension, ProblemSource source, Severity severity,
        string description, DateTime now, string by)
    {
        var p = new Problem
        {
            HouseholdId = householdId, VillageCode = villageCode, CountyCode = villageCode[..6], Dimension = dimension,
            Source = source, Severity = severity, Description = description.Trim(), Status = ProblemStatus.Pending,
            FoundAt = now, FoundBy = by, Version = 1, UpdatedAt = now, UpdatedBy = by,
        };
        p.Events.Add(ProblemEvent.Of(null, ProblemStatus.Pending, $"发现问题（{Platform.Localization.Labels.Of(source)}）：{p.Description}", now, by));
        return p;
    }

    public bool CanApply(ProblemTransition t) => Allowed.TryGetValue(t, out var a) && a.From == Status;

    public void Assign(string unit, string person, DateOnly deadline, DateTime now, string by)
    {
        Move(ProblemTransition.Assign, $"交办 {unit} {person}，整改时限 {deadline:yyyy-MM-dd}", now, by);
        AssignedUnit = unit.Trim();
        AssignedPerson = person.Trim();
        AssignedAt = now;
        Deadline = deadline;
    }

    public void Start(string? note, DateTime now, string by) => Move(ProblemTransition.Start, note ?? "开始整改", now, by);

    public void Resolve(string measure, string? evidenceText, IReadOnlyCollection<string> photoIds, DateTime now, string by)
    {
        Move(ProblemTransition.Resolve, $"整改措施：{measure}", now, by);
        Measure = measure.Trim();
        EvidenceText = evidenceText?.Trim();
        EvidencePhotoIds = photoIds.Count == 0 ? null : string.Join(',', photoIds);
        ResolvedAt = now;
        ResolvedBy = by;
    }

    public void Verify(string? note, DateTime now, string by)
    {
        Move(ProblemTransition.Verify, note ?? "乡镇核验通过", now, by);
        VerifiedAt = now;
        VerifiedBy = by;
    }

    public void Return(string reason, DateTime now, string by)
    {
        Move(ProblemTransition.Return, $"退回：{reason}", now, by);
        ReturnReason = reason.Trim();
        ReturnCount++;
        ResolvedAt = null;
        ResolvedBy = null;
    }

    private void Move(ProblemTransition t, string note, DateTime now, string by)
    {
        if (!CanApply(t))
            throw new InvalidOperationException($"问题当前为“{Platform.Localization.Labels.Of(Status)}”，不能执行“{Platform.Localization.Labels.Of(t)}”");
        var from = Status;
        Status = Allowed[t].To;
        Version++;
        UpdatedAt = now;
        UpdatedBy = by;
        Events.Add(ProblemEvent.Of(from, Status, note, now, by));
    }

    /// <summary>Overdue on a day: a deadline passed and no resolution submitted (or it was returned).</summary>
    public bool IsOverdueOn(DateOnly day) => Deadline is { } d && d < day && Status is ProblemStatus.Assigned or ProblemStatus.InProgress;

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), HouseholdId, VillageCode, $"{Platform.Localization.Labels.Of(Dimension)}问题 {Id}（{Platform.Localization.Labels.Of(Status)}）");
}

/// <summary>One step in a problem's history.</summary>
[Platform.Data.PartOf(typeof(Problem))]
[Platform.Auditing.NotAudited("the problem's own history; the problem's status change is audited")]
public sealed class ProblemEvent
{
    public long Id { get; private set; }
    public long ProblemId { get; private set; }
    public ProblemStatus? From { get; private set; }
    public ProblemStatus To { get; private set; }
    public string Note { get; private set; } = "";
    public DateTime At { get; private set; }
    public string By { get; private set; } = "";

    public static ProblemEvent Of(ProblemStatus? from, ProblemStatus to, string note, DateTime at, string by) =>
        new() { From = from, To = to, Note = note.Length > 500 ? note[..500] : note, At = at, By = by };
}

/// <summary>The latest verdict of one household on one dimension (kept for lists, gaps and dashboards).</summary>
[Platform.Data.VillageScoped]
[Platform.Auditing.NotAudited("verdicts written by the sweep (system work), not by a user")]
public sealed class HouseholdAssessment : Platform.Data.IHouseholdOwned
{
    public long Id { get; set; }
    public long HouseholdId { get; set; }
    public string VillageCode { get; set; } = "";
    public Dimension Dimension { get; set; }
    public Verdict Verdict { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>When this verdict and reason were last set: a sweep rewrites a row only when its verdict changed.</summary>
    public DateTime AssessedAt { get; set; }
}
