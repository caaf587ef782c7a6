using Jingzhun.Web.Modules.Employment.Rules;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Employment.ManageEmployment;

public sealed record JobQuery(string? Region, long? HouseholdId, long? MemberId, int? Year, int? Page, int? PageSize);

/// <summary>A job in a list: the member's ID number masked.</summary>
public sealed record JobRow(long Id, long HouseholdId, string HouseholdNumber, string VillageCode, string RegionPath, long MemberId, string MemberName,
    string MemberIdNumberMasked, int Year, WorkStatus Place, string? PlaceName, string Employer, string? Sector, int Months, decimal MonthlyWage,
    JobChannel Channel, DateOnly StartedOn, DateOnly? EndedOn, int Version);

/// <summary>登记务工: one job of a member (a year's record; an ended job gives its end date).</summary>
public sealed record RecordJobRequest(long MemberId, WorkStatus Place,
    [property: Text(30, "务工所在省（市）", typeof(EmploymentRecord), nameof(EmploymentRecord.PlaceName))] string? PlaceName,
    [property: Text(100, "就业单位", typeof(EmploymentRecord), nameof(EmploymentRecord.Employer))] string? Employer,
    [property: Text(50, "从事行业", typeof(EmploymentRecord), nameof(EmploymentRecord.Sector))] string? Sector,
    int Months, decimal MonthlyWage, JobChannel Channel, DateOnly StartedOn, DateOnly? EndedOn,
    [property: Text(64, "客户端编号", typeof(EmploymentRecord), nameof(EmploymentRecord.ClientId))] string? ClientId = null);

/// <summary>务工结束 (离职、返乡) on the version read, with the months worked.</summary>
public sealed record EndJobRequest(DateOnly EndedOn, int Months, int Version);

/// <summary>The field app's copy of the jobs it may end or add to; Capped when there were more than it takes.</summary>
public sealed record FieldJobs(IReadOnlyList<JobRow> Jobs, bool Capped)
{
    public const int Max = 2000;
}

/// <summary>A member's 务工状况 as the records give it.</summary>
public sealed record MemberWorkView(long MemberId, string Name, WorkStatus WorkStatus, int? WorkMonths, IReadOnlyList<JobRow> Jobs);

public sealed class ManageEmploymentHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, TimeProvider clock, ILogger<ManageEmploymentHandler> log)
{
    private IQueryable<JobRow> Rows(IQueryable<EmploymentRecord> jobs) =>
        from e in jobs
        join h in db.Households on e.HouseholdId equals h.Id
        join m in db.Members on e.MemberId equals m.Id
        select new JobRow(e.Id, e.HouseholdId, h.HouseholdNumber, e.VillageCode, "", e.MemberId, m.Name, m.IdNumberMasked, e.Year, e.Place, e.PlaceName,
            e.Employer, e.Sector, e.Months, e.MonthlyWage, e.Channel, e.StartedOn, e.EndedOn, e.Version);

    public async Task<Outcome<PageResult<JobRow>>> SearchAsync(JobQuery q, CancellationToken ct)
    {
        var query = db.EmploymentRecords.AsNoTracking();
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        if (region.Value is { } code) query = query.InRegion(code);
        // A county's records in the order of the (CountyCode, StartedOn, Id) index.
        if (region.Value is { Length: 6 } county) query = query.Where(e => e.CountyCode == county);
        if (q.HouseholdId is { } h) query = query.Where(e => e.HouseholdId == h);
        if (q.MemberId is { } m) query = query.Where(e => e.MemberId == m);
        if (q.Year is { } y) query = query.Where(e => e.Year == y);
        var rows = await query.OrderByDescending(e => e.StartedOn).ThenByDescending(e => e.Id)
            .PageAsync(Paging.Of(q.Page, q.PageSize), page => Rows(page).ToListAsync(ct), ct);
        return rows.Select(r => r with { RegionPath = regions.ShortPath(r.VillageCode) });
    }

    public async Task<Outcome<MemberWorkView>> MemberAsync(long memberId, CancellationToken ct)
    {
        var m = await db.Members.AsNoTracking().Where(x => x.Id == memberId)
            .Select(x => new { x.Id, x.Name, x.WorkStatus, x.WorkMonths }).FirstOrDefaultAsync(ct);
        if (m is null) return Failure.NotFound("该成员");
        var jobs = (await Rows(db.EmploymentRecords.AsNoTracking().Where(e => e.MemberId == memberId)).ToListAsync(ct))
            .OrderByDescending(e => e.StartedOn).ThenByDescending(e => e.Id).ToList();
        return new MemberWorkView(m.Id, m.Name, m.WorkStatus, m.WorkMonths, jobs.Select(r => r with { RegionPath = regions.ShortPath(r.VillageCode) }).ToList());
    }

    /// <summary>One job (in the user's region), for the 务工结束 form.</summary>
    public async Task<Outcome<JobRow>> JobAsync(long id, CancellationToken ct)
    {
        var row = await Rows(db.EmploymentRecords.AsNoTracking().Where(e => e.Id == id)).FirstOrDefaultAsync(ct);
        if (row is null) return Failure.NotFound("该务工记录");
        return row with { RegionPath = regions.ShortPath(row.VillageCode) };
    }

    public async Task<Outcome<MemberWorkView>> RecordAsync(RecordJobRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var m = await db.Members.AsNoTracking().Where(x => x.Id == r.MemberId)
            .Select(x => new { x.Id, x.HouseholdId, x.Household.VillageCode, x.Status }).FirstOrDefaultAsync(ct);
        if (m is null) return Failure.NotFound("该成员");
        // The field app's retry of an update the server already has (its answer was lost): the same record, not a second.
        var clientId = string.IsNullOrWhiteSpace(r.ClientId) ? null : r.ClientId.Trim();
        if (clientId is not null && await db.EmploymentRecords.AnyAsync(e => e.MemberId == m.Id && e.ClientId == clientId, ct))
            return await MemberAsync(m.Id, ct);
        if (m.Status != MemberStatus.Active) return Failure.Invalid("memberId", "该成员已不在册");
        var facts = new JobFacts(r.Place, r.PlaceName, r.Employer ?? "", r.Sector, r.Months, r.MonthlyWage, r.Channel, r.StartedOn, r.EndedOn);
        if (WorkRules.Check(facts, ChinaTime.Today(clock)) is { } bad) return Failure.Invalid(bad.Field, bad.Message);
        db.EmploymentRecords.Add(EmploymentRecord.Start(m.HouseholdId, m.VillageCode, m.Id, facts, clock.GetUtcNow().UtcDateTime, user.UserName, clientId));
        await db.SaveChangesAsync(ct);
        await RefreshAsync(db, [m.Id], clock, user.UserName, ct);
        await WorkMonitoring.WorkTallies.RefreshVillageAsync(db, m.VillageCode, clock, log, ct);
        return await MemberAsync(m.Id, ct);
    }

    public async Task<Outcome<MemberWorkView>> EndAsync(long id, EndJobRequest r, CancellationToken ct)
    {
        var job = await db.EmploymentRecords.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (job is null) return Failure.NotFound("该务工记录");
        // Ended already as asked (a retry from the field app whose answer was lost): nothing to change.
        if (job.EndedOn == r.EndedOn && job.Months == r.Months) return await MemberAsync(job.MemberId, ct);
        if (Versions.Check(job, r.Version, "该务工记录") is { } stale) return stale;
        var facts = new JobFacts(job.Place, job.PlaceName, job.Employer, job.Sector, r.Months, job.MonthlyWage, job.Channel, job.StartedOn, r.EndedOn);
        if (WorkRules.Check(facts, ChinaTime.Today(clock)) is { } bad) return Failure.Invalid(bad.Field, bad.Message);
        job.End(r.EndedOn, r.Months, clock.GetUtcNow().UtcDateTime, user.UserName);
        if (await db.SaveEditAsync("该务工记录", c => db.EmploymentRecords.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, c), ct) is { } failed) return failed;
        await RefreshAsync(db, [job.MemberId], clock, user.UserName, ct);
        await WorkMonitoring.WorkTallies.RefreshVillageAsync(db, job.VillageCode, clock, log, ct);
        return await MemberAsync(job.MemberId, ct);
    }

    /// <summary>
    /// The jobs the field app keeps on the phone: those of the user's households (a pairing cadre's own) still running
    /// or recorded this year, so a cadre can end one or add one at the door without signal.
    /// </summary>
    public async Task<FieldJobs> ForFieldAsync(CancellationToken ct)
    {
        var year = ChinaTime.Today(clock).Year;
        var rows = await Rows(db.EmploymentRecords.AsNoTracking().Where(e => e.EndedOn == null || e.Year >= year)
                .OrderByDescending(e => e.StartedOn).ThenByDescending(e => e.Id).Take(FieldJobs.Max))
            .ToListAsync(ct);
        return new FieldJobs(rows.Select(r => r with { RegionPath = regions.ShortPath(r.VillageCode) }).ToList(), rows.Count == FieldJobs.Max);
    }

    /// <summary>
    /// Derives the members' 务工状况 and months from their records (<see cref="WorkRules.Derive"/>) and writes them to the
    /// registry where they changed. Members without a record keep what was entered by hand. Returns how many changed.
    /// </summary>
    public static async Task<int> RefreshAsync(AppDbContext db, IReadOnlyCollection<long> memberIds, TimeProvider clock, string by, CancellationToken ct)
    {
        var ids = memberIds.ToArray();
        var jobs = (await db.EmploymentRecords.AsNoTracking().Where(e => EF.Parameter(ids).Contains(e.MemberId))
                .Select(e => new { e.MemberId, Span = new JobSpan(e.Place, e.Year, e.Months, e.StartedOn, e.EndedOn) }).ToListAsync(ct))
            .ToLookup(e => e.MemberId, e => e.Span);
        var members = await db.Members.Include(m => m.Household).Where(m => EF.Parameter(ids).Contains(m.Id)).ToListAsync(ct);
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = 0;
        foreach (var m in members.Where(m => jobs.Contains(m.Id)))
        {
            var (status, months) = WorkRules.Derive(jobs[m.Id], today);
            if (m.RecordWork(status, months, now, by)) changed++;
        }
        await db.SaveChangesAsync(ct);
        return changed;
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/employment").WithTags("就业与小额信贷");
        g.MapGet("/sync/jobs", async (ManageEmploymentHandler h, CancellationToken ct) => TypedResults.Ok(await h.ForFieldAsync(ct)))
            .RequireAuthorization(Permissions.MonitoringView)
            .WithName("FieldJobs").WithSummary("手机端离线用：本人范围内（帮扶干部为结对户）在岗及本年度的务工记录");
        g.MapGet("/jobs", async ([AsParameters] JobQuery q, ManageEmploymentHandler h, CancellationToken ct) => (await h.SearchAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringView).RequireHouseholdInScope()
            .WithName("SearchJobs").WithSummary("务工台账（筛选 region、householdId、memberId、year；身份证号脱敏）");
        g.MapGet("/members/{memberId:long}", async (long memberId, ManageEmploymentHandler h, CancellationToken ct) => (await h.MemberAsync(memberId, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringView)
            .WithName("GetMemberWork").WithSummary("一名成员的务工状况及务工记录");
        g.MapPost("/jobs", async (RecordJobRequest r, ManageEmploymentHandler h, CancellationToken ct) =>
                (await h.RecordAsync(r, ct)).ToHttp(v => TypedResults.Created($"/api/v1/employment/members/{v.MemberId}", v)))
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("RecordJob").WithSummary("登记务工记录（由记录推算成员的务工状况和务工月数）");
        g.MapPost("/jobs/{id:long}/end", async (long id, EndJobRequest r, ManageEmploymentHandler h, CancellationToken ct) =>
                (await h.EndAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("EndJob").WithSummary("务工结束（离职、返乡）");
    }
}
