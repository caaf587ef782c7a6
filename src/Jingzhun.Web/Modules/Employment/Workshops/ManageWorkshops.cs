using Jingzhun.Web.Modules.Employment.ManageEmployment;
using Jingzhun.Web.Modules.Employment.Rules;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Employment.Workshops;

public sealed record WorkshopQuery(string? Region, WorkshopStatus? Status, int? Page, int? PageSize);

/// <summary>
/// A workshop in a list, with its current workers (吸纳务工人数) and of them the members of 脱贫户 (脱贫人口) and of 监测户
/// (监测对象).
/// </summary>
public sealed record WorkshopRow(long Id, string Name, string Operator, string Industry, string VillageCode, string RegionPath, DateOnly RecognisedOn,
    WorkshopStatus Status, int Workers, int ExitedWorkers, int MonitoredWorkers, int Version);

/// <summary>A worker of a workshop as listed: the member's ID number masked.</summary>
public sealed record WorkerRow(long Id, long MemberId, string MemberName, string MemberIdNumberMasked, long HouseholdId, string HouseholdNumber,
    string VillageCode, string RegionPath, HouseholdStatus HouseholdStatus, DateOnly StartedOn, decimal MonthlyWage, DateOnly? EndedOn, long JobId);

/// <summary>
/// One workshop with its workers. <c>WorkersOutOfScope</c>: workers whose households the reader's scope does not show (a
/// township sees its workshop's workers from other townships counted, not named).
/// </summary>
public sealed record WorkshopView(WorkshopRow Workshop, DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, string UpdatedBy,
    IReadOnlyList<WorkerRow> Workers, int WorkersOutOfScope);

/// <summary>认定帮扶车间: a workshop of a village.</summary>
public sealed record CreateWorkshopRequest(
    [property: Text(12, "所在村", typeof(Workshop), nameof(Workshop.VillageCode))] string? VillageCode,
    [property: Text(100, "车间名称", typeof(Workshop), nameof(Workshop.Name))] string? Name,
    [property: Text(100, "经营主体", typeof(Workshop), nameof(Workshop.Operator))] string? Operator,
    [property: Text(50, "所属行业", typeof(Workshop), nameof(Workshop.Industry))] string? Industry,
    DateOnly RecognisedOn, WorkshopStatus? Status = null);

/// <summary>修改帮扶车间 on the version read.</summary>
public sealed record EditWorkshopRequest(
    [property: Text(100, "车间名称", typeof(Workshop), nameof(Workshop.Name))] string? Name,
    [property: Text(100, "经营主体", typeof(Workshop), nameof(Workshop.Operator))] string? Operator,
    [property: Text(50, "所属行业", typeof(Workshop), nameof(Workshop.Industry))] string? Industry,
    DateOnly RecognisedOn, WorkshopStatus Status, int Version);

/// <summary>登记务工人员: a registered member of the county starts work in the workshop.</summary>
public sealed record AddWorkerRequest(long MemberId, DateOnly StartedOn, decimal MonthlyWage);

/// <summary>离岗: the worker leaves on <c>EndedOn</c>; <c>Version</c> is the workshop's version read.</summary>
public sealed record EndWorkerRequest(DateOnly EndedOn, int Version);

public sealed class ManageWorkshopsHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, TimeProvider clock, ManageEmploymentHandler jobs)
{
    private IQueryable<WorkshopRow> Rows(IQueryable<Workshop> workshops) =>
        workshops.Select(w => new WorkshopRow(w.Id, w.Name, w.Operator, w.Industry, w.VillageCode, "", w.RecognisedOn, w.Status, 0, 0, 0, w.Version));

    /// <summary>
    /// The rows with their place and current workers counted. The counts cross the scope on purpose: a workshop the reader
    /// sees counts all its workers, who may live in other townships of its county; the query gives numbers, no names.
    /// </summary>
    private async Task<List<WorkshopRow>> CompleteAsync(IReadOnlyList<WorkshopRow> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToArray();
        var counts = await (from x in db.Workshops.AcrossScopes("counts of the current workers of workshops already in the reader's scope; no names leave the query")
                                .Where(w => EF.Parameter(ids).Contains(w.Id)).SelectMany(w => w.Workers).Where(x => x.EndedOn == null)
                            join m in db.Members on x.MemberId equals m.Id
                            join h in db.Households on m.HouseholdId equals h.Id
                            group h.Status by x.WorkshopId into g
                            select new
                            {
                                Id = g.Key, All = g.Count(), Exited = g.Count(s => s == HouseholdStatus.Exited), Monitored = g.Count(s => s == HouseholdStatus.Monitored),
                            }).ToDictionaryAsync(c => c.Id, ct);
        return rows.Select(r => counts.TryGetValue(r.Id, out var c)
            ? r with { RegionPath = regions.ShortPath(r.VillageCode), Workers = c.All, ExitedWorkers = c.Exited, MonitoredWorkers = c.Monitored }
            : r with { RegionPath = regions.ShortPath(r.VillageCode) }).ToList();
    }

    public async Task<Outcome<PageResult<WorkshopRow>>> SearchAsync(WorkshopQuery q, CancellationToken ct)
    {
        var query = db.Workshops.AsNoTracking();
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        if (region.Value is { } code) query = query.InRegion(code);
        if (q.Status is { } s)
        {
            if (!Enum.IsDefined(s)) return Failure.Invalid("status", "车间状态无效，可选：在营、停产");
            query = query.Where(w => w.Status == s);
        }
        var page = await query.OrderBy(w => w.VillageCode).ThenBy(w => w.Id).PageAsync(Paging.Of(q.Page, q.PageSize), p => Rows(p).ToListAsync(ct), ct);
        var rows = await CompleteAsync(page.Items, ct);
        return page with { Items = rows };
    }

    public async Task<Outcome<WorkshopView>> GetAsync(long id, CancellationToken ct)
    {
        var w = await db.Workshops.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (w is null) return Failure.NotFound("该帮扶车间");
        var row = (await CompleteAsync(await Rows(db.Workshops.AsNoTracking().Where(x => x.Id == id)).ToListAsync(ct), ct))[0];
        var all = await db.Workshops.AsNoTracking().Where(x => x.Id == id).SelectMany(x => x.Workers).CountAsync(ct);
        var workers = (await WorkerRows(db.Workshops.AsNoTracking().Where(x => x.Id == id)).ToListAsync(ct))
            .OrderBy(x => x.EndedOn is null ? 0 : 1).ThenByDescending(x => x.StartedOn).ThenBy(x => x.Id)
            .Select(x => x with { RegionPath = regions.ShortPath(x.VillageCode) }).ToList();
        return new WorkshopView(row, w.CreatedAt, w.CreatedBy, w.UpdatedAt, w.UpdatedBy, workers, all - workers.Count);
    }

    /// <summary>The workers of the workshops whose households the reader's scope shows (members and households are scoped).</summary>
    private IQueryable<WorkerRow> WorkerRows(IQueryable<Workshop> workshops) =>
        from x in workshops.SelectMany(w => w.Workers)
        join m in db.Members on x.MemberId equals m.Id
        join h in db.Households on m.HouseholdId equals h.Id
        select new WorkerRow(x.Id, x.MemberId, m.Name, m.IdNumberMasked, h.Id, h.HouseholdNumber, h.VillageCode, "", h.Status, x.StartedOn, x.MonthlyWage,
            x.EndedOn, x.JobId);

    public async Task<Outcome<WorkshopView>> CreateAsync(CreateWorkshopRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        if (string.IsNullOrWhiteSpace(r.VillageCode)) return Failure.Invalid("villageCode", "请选择车间所在的村");
        var village = r.VillageCode.Trim();
        if (regions.Find(village) is not { Level: RegionLevel.Village }) return Failure.Invalid("villageCode", "请选择车间所在的村（村级区划）");
        if (!user.CanSee(village)) return Failure.NotFound("该村");
        var facts = new WorkshopFacts(r.Name ?? "", r.Operator ?? "", r.Industry ?? "", r.RecognisedOn, r.Status ?? WorkshopStatus.Operating);
        if (WorkshopRules.Check(facts, ChinaTime.Today(clock)) is { } bad) return Failure.Invalid(bad.Field, bad.Message);
        var w = Workshop.Register(village, facts, clock.GetUtcNow().UtcDateTime, user.UserName);
        db.Workshops.Add(w);
        await db.SaveChangesAsync(ct);
        return await GetAsync(w.Id, ct);
    }

    public async Task<Outcome<WorkshopView>> EditAsync(long id, EditWorkshopRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var w = await db.Workshops.Include(x => x.Workers).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (w is null) return Failure.NotFound("该帮扶车间");
        if (Versions.Check(w, r.Version, "该帮扶车间") is { } stale) return stale;
        var facts = new WorkshopFacts(r.Name ?? "", r.Operator ?? "", r.Industry ?? "", r.RecognisedOn, r.Status);
        if (WorkshopRules.Check(facts, ChinaTime.Today(clock)) is { } bad) return Failure.Invalid(bad.Field, bad.Message);
        w.Edit(facts, clock.GetUtcNow().UtcDateTime, user.UserName);
        if (await db.SaveEditAsync("该帮扶车间", c => db.Workshops.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, c), ct) is { } failed) return failed;
        return await GetAsync(id, ct);
    }

    /// <summary>
    /// 登记务工人员: the member's job is recorded through the jobs use case (channel 帮扶车间, employer the workshop, 乡镇内 or
    /// 乡外县内 by where the workshop stands), so their 务工状况 and the month's 务工监测 follow; the worker row keeps the
    /// job's id. Job, worker and tally are one transaction.
    /// </summary>
    public async Task<Outcome<WorkshopView>> AddWorkerAsync(long id, AddWorkerRequest r, CancellationToken ct)
    {
        var w = await db.Workshops.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (w is null) return Failure.NotFound("该帮扶车间");
        if (w.Status != WorkshopStatus.Operating) return Failure.Invalid("memberId", $"{w.Name}已停产，不能登记新的务工人员");
        var today = ChinaTime.Today(clock);
        if (WorkshopRules.CheckWorker(r.StartedOn, r.MonthlyWage, today) is { } bad) return Failure.Invalid(bad.Field, bad.Message);
        var m = await db.Members.AsNoTracking().Where(x => x.Id == r.MemberId)
            .Select(x => new { x.Id, x.Name, x.Status, x.Household.VillageCode }).FirstOrDefaultAsync(ct);
        if (m is null) return Failure.NotFound("该成员");
        if (m.Status != MemberStatus.Active) return Failure.Invalid("memberId", $"{m.Name}已不在册，不能登记为务工人员");
        if (m.VillageCode[..6] != w.CountyCode) return Failure.Invalid("memberId", "帮扶车间只登记本县（区）建档立卡的家庭成员");
        if (await CurrentWorkshopOfAsync(m.Id, ct) is { } other) return Failure.Invalid("memberId", $"{m.Name}已是“{other}”的在岗务工人员，请先在该车间登记离岗");

        var (jobStart, months) = WorkshopRules.JobOf(r.StartedOn, today);
        // The job carries a key of its own, by which the worker row finds it (and a retried call finds the same job).
        var key = $"workshop-{w.Id}-{Guid.NewGuid():N}";
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var recorded = await jobs.RecordAsync(new RecordJobRequest(m.Id, WorkshopRules.PlaceOf(w.VillageCode, m.VillageCode), null, w.Name, w.Industry, months,
            r.MonthlyWage, JobChannel.Workshop, jobStart, null, key), ct);
        if (!recorded.Succeeded) return recorded.Failure!;
        var jobId = await db.EmploymentRecords.Where(e => e.MemberId == m.Id && e.ClientId == key).Select(e => e.Id).FirstAsync(ct);
        db.ChangeTracker.Clear();
        var workshop = await db.Workshops.Include(x => x.Workers).FirstAsync(x => x.Id == id, ct);
        workshop.Hire(m.Id, r.StartedOn, r.MonthlyWage, jobId, clock.GetUtcNow().UtcDateTime, user.UserName);
        try
        {
            if (await db.SaveEditAsync("该帮扶车间", c => db.Workshops.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, c), ct) is { } failed) return failed;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Someone registered the member in a workshop at the same moment.
            return Failure.Invalid("memberId", $"{m.Name}已是其他帮扶车间的在岗务工人员，请先在该车间登记离岗");
        }
        await tx.CommitAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>The workshop (anywhere) where the member is a current worker: a member works in one workshop at a time.</summary>
    private Task<string?> CurrentWorkshopOfAsync(long memberId, CancellationToken ct) =>
        db.Workshops.AsNoTracking().AcrossScopes("one current workshop per member: the member is in scope, a workshop of another township may hold them; only its name is told")
            .Where(w => w.Workers.Any(x => x.MemberId == memberId && x.EndedOn == null)).Select(w => w.Name).FirstOrDefaultAsync(ct);

    /// <summary>离岗: the worker's job ends the same day (through the jobs use case), in one transaction with the worker row.</summary>
    public async Task<Outcome<WorkshopView>> EndWorkerAsync(long workerId, EndWorkerRequest r, CancellationToken ct)
    {
        var w = await db.Workshops.Include(x => x.Workers).FirstOrDefaultAsync(x => x.Workers.Any(y => y.Id == workerId), ct);
        if (w is null) return Failure.NotFound("该务工人员");
        var worker = w.Workers.Single(x => x.Id == workerId);
        // Ended already as asked (a retry whose answer was lost): nothing to change.
        if (worker.EndedOn == r.EndedOn) return await GetAsync(w.Id, ct);
        if (worker.EndedOn is { } ended) return Failure.Invalid("endedOn", $"该务工人员已于{ended:yyyy-MM-dd}离岗");
        if (Versions.Check(w, r.Version, "该帮扶车间") is { } stale) return stale;
        if (r.EndedOn < worker.StartedOn) return Failure.Invalid("endedOn", "离岗日期不能早于入职日期");
        if (r.EndedOn > ChinaTime.Today(clock)) return Failure.Invalid("endedOn", "离岗日期不能晚于今天");
        var job = await db.EmploymentRecords.AsNoTracking().Where(e => e.Id == worker.JobId)
            .Select(e => new { e.Id, e.StartedOn, e.Version }).FirstOrDefaultAsync(ct);
        if (job is null) return Failure.NotFound("该务工人员的务工记录");
        if (r.EndedOn < job.StartedOn) return Failure.Invalid("endedOn", $"离岗日期不能早于本年务工记录的开始日期（{job.StartedOn:yyyy-MM-dd}）");

        var workshopId = w.Id;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var months = Math.Min(12, WorkRules.MaxMonths(job.StartedOn, r.EndedOn));
        var endedJob = await jobs.EndAsync(job.Id, new EndJobRequest(r.EndedOn, months, job.Version), ct);
        if (!endedJob.Succeeded) return endedJob.Failure!;
        db.ChangeTracker.Clear();
        var workshop = await db.Workshops.Include(x => x.Workers).FirstAsync(x => x.Id == workshopId, ct);
        workshop.Release(workshop.Workers.Single(x => x.Id == workerId), r.EndedOn, clock.GetUtcNow().UtcDateTime, user.UserName);
        if (await db.SaveEditAsync("该帮扶车间", c => db.Workshops.AsNoTracking().FirstOrDefaultAsync(x => x.Id == workshopId, c), ct) is { } failed) return failed;
        await tx.CommitAsync(ct);
        return await GetAsync(workshopId, ct);
    }

    /// <summary>The workshops of a region and their current workers (ID numbers masked) as one workbook.</summary>
    public async Task<Outcome<IResult>> ExcelAsync(WorkshopQuery q, CancellationToken ct)
    {
        var found = await SearchAsync(q with { Page = 1, PageSize = 200 }, ct);
        if (!found.Succeeded) return found.Failure!;
        var all = new List<WorkshopRow>(found.Value!.Items);
        for (var page = 2; all.Count < found.Value.Total; page++)
            all.AddRange((await SearchAsync(q with { Page = page, PageSize = 200 }, ct)).Value!.Items);
        var ids = all.Select(w => w.Id).ToArray();
        var names = all.ToDictionary(w => w.Id, w => w.Name);
        var workers = (await (from w in db.Workshops.AsNoTracking().Where(w => EF.Parameter(ids).Contains(w.Id))
                              from x in w.Workers.Where(x => x.EndedOn == null)
                              join m in db.Members on x.MemberId equals m.Id
                              join h in db.Households on m.HouseholdId equals h.Id
                              orderby w.Id, x.StartedOn
                              select new { w.Id, h.VillageCode, h.HouseholdNumber, m.Name, m.IdNumberMasked, h.Status, x.StartedOn, x.MonthlyWage }).ToListAsync(ct));
        var sheets = new Dictionary<string, IEnumerable<IDictionary<string, object?>>>
        {
            ["帮扶车间"] = all.Select(w => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["地区"] = w.RegionPath, ["车间名称"] = w.Name, ["经营主体"] = w.Operator, ["所属行业"] = w.Industry,
                ["认定日期"] = w.RecognisedOn.ToString("yyyy-MM-dd"), ["状态"] = Labels.Of(w.Status), ["吸纳务工人数"] = w.Workers,
                ["其中脱贫人口"] = w.ExitedWorkers, ["其中监测对象"] = w.MonitoredWorkers,
            }),
            ["在岗务工人员"] = workers.Select(x => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["车间名称"] = names[x.Id], ["户所在地区"] = regions.ShortPath(x.VillageCode), ["户编号"] = x.HouseholdNumber, ["姓名"] = x.Name,
                ["身份证号"] = x.IdNumberMasked, ["户类型"] = Labels.Of(x.Status), ["入职日期"] = x.StartedOn.ToString("yyyy-MM-dd"), ["月工资（元）"] = x.MonthlyWage,
            }),
        };
        var place = q.Region is { Length: > 0 } r ? regions.NameOf(r) : regions.NameOf(user.RegionCode ?? "");
        return Outcome<IResult>.From(await ExcelFile.SheetsResultAsync(sheets, $"{place}_帮扶车间_{ChinaTime.Today(clock):yyyyMMdd}.xlsx", ct));
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/employment/workshops").WithTags("就业与小额信贷");
        g.MapGet("", async ([AsParameters] WorkshopQuery q, ManageWorkshopsHandler h, CancellationToken ct) => (await h.SearchAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringView)
            .WithName("SearchWorkshops").WithSummary("帮扶车间台账（筛选 region、status；含吸纳务工人数、其中脱贫人口和监测对象）");
        g.MapGet("/export", async ([AsParameters] WorkshopQuery q, ManageWorkshopsHandler h, CancellationToken ct) => (await h.ExcelAsync(q, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.MonitoringView)
            .ProducesFile().WithName("ExportWorkshops").WithSummary("帮扶车间及在岗务工人员 Excel（身份证号脱敏）");
        g.MapGet("/{id:long}", async (long id, ManageWorkshopsHandler h, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringView)
            .WithName("GetWorkshop").WithSummary("一个帮扶车间及其务工人员（身份证号脱敏）");
        g.MapPost("", async (CreateWorkshopRequest r, ManageWorkshopsHandler h, CancellationToken ct) =>
                (await h.CreateAsync(r, ct)).ToHttp(v => TypedResults.Created($"/api/v1/employment/workshops/{v.Workshop.Id}", v)))
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("CreateWorkshop").WithSummary("登记帮扶车间（所在村、名称、经营主体、行业、认定日期、状态）");
        g.MapPut("/{id:long}", async (long id, EditWorkshopRequest r, ManageWorkshopsHandler h, CancellationToken ct) => (await h.EditAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("EditWorkshop").WithSummary("修改帮扶车间（按读取时的版本）");
        g.MapPost("/{id:long}/workers", async (long id, AddWorkerRequest r, ManageWorkshopsHandler h, CancellationToken ct) =>
                (await h.AddWorkerAsync(id, r, ct)).ToHttp(v => TypedResults.Created($"/api/v1/employment/workshops/{id}", v)))
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("AddWorkshopWorker").WithSummary("登记务工人员（同时登记其务工记录：渠道帮扶车间，乡镇内或乡外县内务工）");
        g.MapPost("/workers/{workerId:long}/end", async (long workerId, EndWorkerRequest r, ManageWorkshopsHandler h, CancellationToken ct) =>
                (await h.EndWorkerAsync(workerId, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("EndWorkshopWorker").WithSummary("务工人员离岗（同时结束其务工记录；version 为车间的版本）");
    }
}
