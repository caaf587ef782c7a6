using System.ComponentModel.DataAnnotations;

namespace Jingzhun.Web.Modules.Employment.Workshops;

/// <summary>A 帮扶车间's state: 在营 takes new workers; 停产 keeps its roll but takes none.</summary>
public enum WorkshopStatus
{
    [Display(Name = "在营")] Operating = 1,
    [Display(Name = "停产")] Suspended = 2,
}

/// <summary>The facts of a workshop as typed (名称, 经营主体, 行业, 认定日期, 状态).</summary>
public sealed record WorkshopFacts(string Name, string Operator, string Industry, DateOnly RecognisedOn, WorkshopStatus Status);

/// <summary>
/// 就业帮扶车间: a workshop recognised in a village (it belongs to the village where it stands) that employs registered
/// members of the county's households near home. Its workers are part of it; each worker's job is an
/// <see cref="EmploymentRecord"/> of channel 帮扶车间, so 务工状况 and 务工监测 count them.
/// </summary>
[Platform.Data.VillageScoped]
public sealed class Workshop : Platform.Auditing.IAudited, Platform.Data.IVersioned
{
    private Workshop() { }

    public long Id { get; private set; }
    public string VillageCode { get; private set; } = "";
    public string CountyCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    /// <summary>经营主体: the company or cooperative that runs it.</summary>
    public string Operator { get; private set; } = "";
    public string Industry { get; private set; } = "";
    /// <summary>认定日期: when the county recognised it as a 帮扶车间.</summary>
    public DateOnly RecognisedOn { get; private set; }
    public WorkshopStatus Status { get; private set; }
    public List<WorkshopWorker> Workers { get; private set; } = [];
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public static Workshop Register(string villageCode, WorkshopFacts f, DateTime now, string by)
    {
        var w = new Workshop { VillageCode = villageCode, CountyCode = villageCode[..6], Version = 1, CreatedAt = now, CreatedBy = by };
        w.Apply(f, now, by);
        return w;
    }

    public void Edit(WorkshopFacts f, DateTime now, string by)
    {
        Apply(f, now, by);
        Version++;
    }

    /// <summary>A worker joins; <paramref name="jobId"/> is the job recorded for them (channel 帮扶车间).</summary>
    public WorkshopWorker Hire(long memberId, DateOnly startedOn, decimal monthlyWage, long jobId, DateTime now, string by)
    {
        var worker = new WorkshopWorker(memberId, startedOn, monthlyWage, jobId, now, by);
        Workers.Add(worker);
        Touch(now, by);
        return worker;
    }

    /// <summary>A worker leaves (离岗): their job ends the same day.</summary>
    public void Release(WorkshopWorker worker, DateOnly endedOn, DateTime now, string by)
    {
        worker.End(endedOn, now, by);
        Touch(now, by);
    }

    private void Apply(WorkshopFacts f, DateTime now, string by)
    {
        Name = f.Name.Trim();
        Operator = f.Operator.Trim();
        Industry = f.Industry.Trim();
        RecognisedOn = f.RecognisedOn;
        Status = f.Status;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    private void Touch(DateTime now, string by)
    {
        UpdatedAt = now;
        UpdatedBy = by;
        Version++;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), null, VillageCode, $"帮扶车间 {Name}（{Workers.Count(w => w.EndedOn is null)}人在岗）");
}

/// <summary>One registered worker of a workshop: the member, start, monthly wage, end, and the job recorded for them.</summary>
[Platform.Data.PartOf(typeof(Workshop))]
[Platform.Auditing.NotAudited("part of the audited workshop: adding or releasing a worker changes the workshop (its version), and the worker's job is audited as a 务工记录")]
public sealed class WorkshopWorker
{
    private WorkshopWorker() { }

    public WorkshopWorker(long memberId, DateOnly startedOn, decimal monthlyWage, long jobId, DateTime at, string by)
    {
        MemberId = memberId; StartedOn = startedOn; MonthlyWage = monthlyWage; JobId = jobId; AddedAt = at; AddedBy = by;
    }

    public long Id { get; private set; }
    public long WorkshopId { get; private set; }
    public long MemberId { get; private set; }
    public DateOnly StartedOn { get; private set; }
    public decimal MonthlyWage { get; private set; }
    public DateOnly? EndedOn { get; private set; }
    /// <summary>The member's 务工记录 (channel 帮扶车间) this work is: ended with it.</summary>
    public long JobId { get; private set; }
    public DateTime AddedAt { get; private set; }
    public string AddedBy { get; private set; } = "";
    public DateTime? EndedAt { get; private set; }
    public string? EndedBy { get; private set; }

    internal void End(DateOnly endedOn, DateTime at, string by)
    {
        EndedOn = endedOn;
        EndedAt = at;
        EndedBy = by;
    }
}
