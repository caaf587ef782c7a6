using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Guarantees.AssessHouseholds;
using Jingzhun.Web.Modules.Guarantees.Bulletins;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry.SearchHouseholds;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Guarantees.ManageProblems;

/// <summary>The problem list's filters (page, API, export and the bulletin's drill-down share them).</summary>
public sealed record ProblemQuery(string? Region, Dimension? Dimension, ProblemStatus? Status, bool? Overdue, ProblemSource? Source,
    string? Responsible, long? HouseholdId, string? Period, ProblemMeasure? Measure, int? Page, int? PageSize);

public sealed record ProblemRow(long Id, long HouseholdId, string HouseholdNumber, string HeadName, string VillageCode, string RegionPath,
    Dimension Dimension, ProblemSource Source, Severity Severity, string Description, ProblemStatus Status, DateTime FoundAt,
    string? AssignedUnit, string? AssignedPerson, DateOnly? Deadline, bool IsOverdue, int OverdueDays, int Version);

public sealed record ProblemEventView(ProblemStatus? From, ProblemStatus To, string Note, DateTime At, string By);

/// <summary>
/// A problem with its history. <c>NextSteps</c> are the steps the reader may do now; <c>DutyNote</c> says why the
/// verification is not theirs when they resolved it themselves; <c>PhotoRequired</c>, that resolving it needs a photo.
/// </summary>
public sealed record ProblemView(ProblemRow Problem, string? Measure, string? EvidenceText, IReadOnlyList<StoredFileView> Photos,
    DateTime? ResolvedAt, string? ResolvedBy, DateTime? VerifiedAt, string? VerifiedBy, string? ReturnReason, int ReturnCount,
    IReadOnlyList<ProblemTransition> NextSteps, IReadOnlyList<ProblemEventView> History, string? DutyNote = null, bool PhotoRequired = false);

public sealed record OpenProblemRequest(long HouseholdId, Dimension Dimension, ProblemSource Source, Severity Severity,
    [property: Text(500, "问题描述", typeof(Problem), nameof(Problem.Description))] string Description);

/// <summary>The next step and its fields: assign (unit, person, deadline?), resolve (measure, evidence), return (reason).</summary>
public sealed record TransitionRequest(ProblemTransition Transition, int Version,
    [property: Text(100, "责任单位", typeof(Problem), nameof(Problem.AssignedUnit))] string? Unit = null,
    [property: Text(50, "责任人", typeof(Problem), nameof(Problem.AssignedPerson))] string? Person = null,
    DateOnly? Deadline = null,
    [property: Text(500, "备注", typeof(ProblemEvent), nameof(ProblemEvent.Note))] string? Note = null,
    [property: Text(1000, "整改措施", typeof(Problem), nameof(Problem.Measure))] string? Measure = null,
    [property: Text(1000, "佐证说明", typeof(Problem), nameof(Problem.EvidenceText))] string? EvidenceText = null,
    IReadOnlyList<string>? PhotoIds = null,
    [property: Text(500, "退回原因", typeof(Problem), nameof(Problem.ReturnReason))] string? Reason = null);

/// <summary>A problem opened now (<c>Opened</c>) or the household's open problem of that dimension it was linked to.</summary>
public sealed record OpenedProblem(ProblemRow Problem, bool Opened);

public sealed record BulkAssignRequest(IReadOnlyList<long> Ids,
    [property: Text(100, "责任单位", typeof(Problem), nameof(Problem.AssignedUnit))] string Unit,
    [property: Text(50, "责任人", typeof(Problem), nameof(Problem.AssignedPerson))] string Person, DateOnly? Deadline);

public sealed record BulkAssignResult(int Assigned, IReadOnlyList<string> Skipped);

public sealed class ManageProblemsHandler(AppDbContext db, ReadDb read, AssessHouseholdsHandler assess, FileStore files, RegionDirectory regions,
    CurrentUser user, Duties.SeparationOfDuties duties, TimeProvider clock)
{
    /// <summary>The steps that check the resolution: not for the person who resolved it (职责分离).</summary>
    private static bool ChecksResolution(ProblemTransition t) => t is ProblemTransition.Verify or ProblemTransition.Return;

    public const string SelfVerifyMessage = "整改与核验须由不同的人办理：该问题由您提交整改完成，请由其他有核验职责的人员核验";

    public static readonly IReadOnlyDictionary<ProblemTransition, string> PermissionOf = new Dictionary<ProblemTransition, string>
    {
        [ProblemTransition.Assign] = Permissions.GuaranteesAssign,
        [ProblemTransition.Start] = Permissions.GuaranteesWork,
        [ProblemTransition.Resolve] = Permissions.GuaranteesWork,
        [ProblemTransition.Verify] = Permissions.GuaranteesVerify,
        [ProblemTransition.Return] = Permissions.GuaranteesVerify,
    };

    private DateOnly Today => ChinaTime.Today(clock);

    public Outcome<IQueryable<Problem>> Filter(ProblemQuery q)
    {
        // The ledger's list and export read the standby (ReadDb).
        var query = read.Db.Problems.AsNoTracking();
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        if (region.Value is { } code) query = query.InRegion(code);
        if (q.Dimension is { } d) query = query.Where(p => p.Dimension == d);
        if (q.Status is { } s) query = query.Where(p => p.Status == s);
        if (q.Source is { } src) query = query.Where(p => p.Source == src);
        if (q.HouseholdId is { } hid) query = query.Where(p => p.HouseholdId == hid);
        if (!string.IsNullOrWhiteSpace(q.Responsible))
            query = query.Where(p => p.AssignedPerson!.Contains(q.Responsible.Trim()) || p.AssignedUnit!.Contains(q.Responsible.Trim()));
        var today = Today;
        if (q.Overdue == true)
            query = query.Where(p => p.Deadline < today && (p.Status == ProblemStatus.Assigned || p.Status == ProblemStatus.InProgress));
        if (q.Measure is { } measure)
        {
            var period = Period.Current(clock, false);
            if (q.Period is not null && !Period.TryParse(q.Period, out period))
                return Failure.Invalid("period", "统计周期格式应为 2026-11（月）或 2026-W47（周）");
            var (start, asOf, asOfDay) = Bounds(period);
            query = query.Where(ProblemMeasures.Where(measure, start, asOf, asOfDay));
        }
        return Outcome<IQueryable<Problem>>.From(query);
    }

    /// <summary>The instants a period's figures are taken between: its start, and its end or now if earlier.</summary>
    public (DateTime Start, DateTime AsOf, DateOnly AsOfDay) Bounds(Period p)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return p.EndUtc <= now ? (p.StartUtc, p.EndUtc, p.EndDay) : (p.StartUtc, now, Today);
    }

    public async Task<Outcome<PageResult<ProblemRow>>> SearchAsync(ProblemQuery q, CancellationToken ct)
    {
        var filtered = Filter(q);
        if (!filtered.Succeeded) return filtered.Failure!;
        var rows = await filtered.Value!.OrderByDescending(p => p.FoundAt).ThenByDescending(p => p.Id)
            .PageAsync(Paging.Of(q.Page, q.PageSize), page => Rows(page, read.Db).ToListAsync(ct), ct);
        return rows.Select(Finish);
    }

    /// <summary>The rows of <paramref name="query"/>, joined to the households of the same context.</summary>
    private static IQueryable<ProblemRow> Rows(IQueryable<Problem> query, AppDbContext source) =>
        from p in query
        join h in source.Households on p.HouseholdId equals h.Id
        select new ProblemRow(p.Id, p.HouseholdId, h.HouseholdNumber, h.HeadName, p.VillageCode, "", p.Dimension, p.Source, p.Severity,
            p.Description, p.Status, p.FoundAt, p.AssignedUnit, p.AssignedPerson, p.Deadline, false, 0, p.Version);

    private ProblemRow Finish(ProblemRow r)
    {
        var overdue = r.Deadline is { } d && d < Today && r.Status is ProblemStatus.Assigned or ProblemStatus.InProgress;
        return r with
        {
            RegionPath = regions.ShortPath(r.VillageCode), IsOverdue = overdue,
            OverdueDays = overdue ? Today.DayNumber - r.Deadline!.Value.DayNumber : 0,
        };
    }

    public async Task<Outcome<ProblemView>> GetAsync(long id, CancellationToken ct)
    {
        var p = await db.Problems.AsNoTracking().Include(x => x.Events).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return Failure.NotFound("该问题");
        var row = await Rows(db.Problems.AsNoTracking().Where(x => x.Id == id), db).FirstAsync(ct);
        var photos = p.EvidencePhotoIds is null ? [] : await files.FindAsync(p.EvidencePhotoIds.Split(','), ct);
        var next = Problem.Allowed.Where(a => a.Value.From == p.Status && user.Has(PermissionOf[a.Key])).Select(a => a.Key).ToList();
        string? dutyNote = null;
        if (next.Any(ChecksResolution) && await duties.RefusesAsync(p.VillageCode, p.ResolvedBy, user.UserName, ct))
        {
            next.RemoveAll(ChecksResolution);
            dutyNote = SelfVerifyMessage;
        }
        var photoRequired = (await duties.PolicyAsync(p.VillageCode, ct)).NeedsPhoto(p.Dimension);
        return new ProblemView(Finish(row), p.Measure, p.EvidenceText, photos, p.ResolvedAt, p.ResolvedBy, p.VerifiedAt, p.VerifiedBy,
            p.ReturnReason, p.ReturnCount, next,
            p.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new ProblemEventView(e.From, e.To, e.Note, e.At, e.By)).ToList(),
            dutyNote, photoRequired);
    }

    public async Task<Outcome<ProblemRow>> OpenAsync(OpenProblemRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var h = await db.Households.AsNoTracking().Where(x => x.Id == r.HouseholdId).Select(x => new { x.Id, x.VillageCode }).FirstOrDefaultAsync(ct);
        if (h is null) return Failure.NotFound("该户");
        if (!Enum.IsDefined(r.Dimension)) return Failure.Invalid("dimension", "请选择问题所属维度");
        if (!Enum.IsDefined(r.Source) || r.Source == ProblemSource.Rule) return Failure.Invalid("source", "请选择问题来源：入户走访、部门数据、督查暗访或群众反映");
        if (!Enum.IsDefined(r.Severity)) return Failure.Invalid("severity", "请选择紧急程度");
        if (string.IsNullOrWhiteSpace(r.Description) || r.Description.Trim().Length < 4) return Failure.Invalid("description", "请描述问题（至少4个字）");
        if (await OpenIdAsync(h.Id, r.Dimension, ct) is { } e)
            return Failure.Conflict($"该户“{Labels.Of(r.Dimension)}”已有未核验的问题（编号 {e}），请在原问题中跟进，不要重复登记");
        var p = Problem.Open(h.Id, h.VillageCode, r.Dimension, r.Source, r.Severity, r.Description, clock.GetUtcNow().UtcDateTime, user.UserName);
        db.Problems.Add(p);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (Platform.Data.DbErrors.IsUniqueViolation(ex))
        {
            // A later save in the same request must not insert it again.
            foreach (var ev in p.Events.ToList()) db.Entry(ev).State = EntityState.Detached;
            db.Entry(p).State = EntityState.Detached;
            return Failure.Conflict($"该户“{Labels.Of(r.Dimension)}”已有未核验的问题，请刷新后查看");
        }
        return await RowAsync(p.Id, ct);
    }

    private async Task<ProblemRow> RowAsync(long id, CancellationToken ct) =>
        Finish(await Rows(db.Problems.AsNoTracking().Where(x => x.Id == id), db).FirstAsync(ct));

    private Task<long?> OpenIdAsync(long householdId, Dimension dimension, CancellationToken ct) => db.Problems.AsNoTracking()
        .Where(p => p.HouseholdId == householdId && p.Dimension == dimension && p.Status != ProblemStatus.Verified)
        .Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Opens the problem, or finds the household's open problem of that dimension (one open problem per household and
    /// dimension): a check that finds what the ledger already follows links to it instead of failing.
    /// </summary>
    public async Task<Outcome<OpenedProblem>> OpenOrLinkAsync(OpenProblemRequest r, CancellationToken ct)
    {
        if (Enum.IsDefined(r.Dimension) && await OpenIdAsync(r.HouseholdId, r.Dimension, ct) is { } id)
            return new OpenedProblem(await RowAsync(id, ct), false);
        var opened = await OpenAsync(r, ct);
        if (opened.Succeeded) return new OpenedProblem(opened.Value!, true);
        // Opened by someone else between the look and the insert: link to theirs.
        if (await OpenIdAsync(r.HouseholdId, r.Dimension, ct) is { } raced)
            return new OpenedProblem(await RowAsync(raced, ct), false);
        return opened.Failure!;
    }

    public async Task<Outcome<ProblemView>> TransitionAsync(long id, TransitionRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var p = await db.Problems.Include(x => x.Events).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return Failure.NotFound("该问题");
        if (!PermissionOf.TryGetValue(r.Transition, out var permission)) return Failure.Invalid("transition", "未知的操作");
        if (!user.Has(permission)) return Failure.Forbidden($"您的角色不能执行“{Labels.Of(r.Transition)}”");
        if (p.Version != r.Version)
            return Failure.Conflict($"该问题已被 {p.UpdatedBy} 于 {ChinaTime.Format(p.UpdatedAt)} 处理，当前为“{Labels.Of(p.Status)}”，请刷新后重试");
        if (!p.CanApply(r.Transition))
            return Failure.Conflict($"问题当前为“{Labels.Of(p.Status)}”，不能执行“{Labels.Of(r.Transition)}”");
        if (ChecksResolution(r.Transition) && await duties.RefusesAsync(p.VillageCode, p.ResolvedBy, user.UserName, ct))
            return Failure.Forbidden(SelfVerifyMessage);
        var now = clock.GetUtcNow().UtcDateTime;
        switch (r.Transition)
        {
            case ProblemTransition.Assign:
                var deadline = await DeadlineAsync(p, r.Deadline, ct);
                if (!deadline.Succeeded) return deadline.Failure!;
                if (string.IsNullOrWhiteSpace(r.Unit)) return Failure.Invalid("unit", "请填写责任单位");
                if (string.IsNullOrWhiteSpace(r.Person)) return Failure.Invalid("person", "请填写责任人");
                p.Assign(r.Unit.Trim(), r.Person.Trim(), deadline.Value, now, user.UserName);
                break;
            case ProblemTransition.Start:
                p.Start(r.Note, now, user.UserName);
                break;
            case ProblemTransition.Resolve:
                if (string.IsNullOrWhiteSpace(r.Measure)) return Failure.Invalid("measure", "请填写已采取的整改措施");
                if (string.IsNullOrWhiteSpace(r.EvidenceText)) return Failure.Invalid("evidenceText", "请填写整改佐证说明");
                var ids = r.PhotoIds?.Where(x => !string.IsNullOrWhiteSpace(x)).Distinct().ToList() ?? [];
                if (ids.Count > 9) return Failure.Invalid("photoIds", "佐证照片最多9张");
                if (ids.Count > 0 && (await files.FindAsync(ids, ct)).Count != ids.Count) return Failure.Invalid("photoIds", "佐证照片不存在或无权使用，请重新上传");
                if (ids.Count == 0 && (await duties.PolicyAsync(p.VillageCode, ct)).NeedsPhoto(p.Dimension))
                    return Failure.Invalid("photoIds", $"“{Labels.Of(p.Dimension)}”问题整改完成须上传佐证照片（本县职责分离规则）");
                p.Resolve(r.Measure.Trim(), r.EvidenceText.Trim(), ids, now, user.UserName);
                break;
            case ProblemTransition.Verify:
                p.Verify(r.Note, now, user.UserName);
                break;
            case ProblemTransition.Return:
                if (string.IsNullOrWhiteSpace(r.Reason)) return Failure.Invalid("reason", "请填写退回原因");
                p.Return(r.Reason.Trim(), now, user.UserName);
                break;
        }
        // Someone who moved the problem between the check above and this write is named too.
        if (await db.SaveEditAsync("该问题", t => db.Problems.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, t), ct) is { } conflict)
            return conflict;
        return await GetAsync(id, ct);
    }

    private async Task<Outcome<DateOnly>> DeadlineAsync(Problem p, DateOnly? requested, CancellationToken ct)
    {
        if (requested is { } d)
            return d < Today ? Failure.Invalid("deadline", "整改时限不能早于今天") : d;
        return (await DefaultDeadlineAsync(p.VillageCode, p.Severity, ct)).Date;
    }

    /// <summary>The deadline given when the assigner names none: today plus the days the policy in force gives the severity.</summary>
    public async Task<(int Days, DateOnly Date)> DefaultDeadlineAsync(string villageCode, Severity severity, CancellationToken ct)
    {
        var days = (await assess.PolicyForAsync(villageCode, Today.Year, ct)).DeadlineDays(severity);
        return (days, Today.AddDays(days));
    }

    public async Task<Outcome<BulkAssignResult>> BulkAssignAsync(BulkAssignRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        if (!user.Has(Permissions.GuaranteesAssign)) return Failure.Forbidden("您的角色不能交办问题");
        if (r.Ids is not { Count: > 0 }) return Failure.Invalid("ids", "请选择要交办的问题");
        if (r.Ids.Count > 500) return Failure.Invalid("ids", "一次最多交办500个问题");
        if (string.IsNullOrWhiteSpace(r.Unit)) return Failure.Invalid("unit", "请填写责任单位");
        if (string.IsNullOrWhiteSpace(r.Person)) return Failure.Invalid("person", "请填写责任人");
        if (r.Deadline is { } dl && dl < Today) return Failure.Invalid("deadline", "整改时限不能早于今天");
        var problems = await db.Problems.Include(p => p.Events).Where(p => r.Ids.Contains(p.Id)).ToListAsync(ct);
        var skipped = r.Ids.Except(problems.Select(p => p.Id)).Select(id => $"问题 {id} 不存在或不在您的管辖范围内").ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var assigned = 0;
        foreach (var p in problems)
        {
            if (!p.CanApply(ProblemTransition.Assign)) { skipped.Add($"问题 {p.Id} 当前为“{Labels.Of(p.Status)}”，未交办"); continue; }
            var deadline = await DeadlineAsync(p, r.Deadline, ct);
            p.Assign(r.Unit.Trim(), r.Person.Trim(), deadline.Value, now, user.UserName);
            assigned++;
        }
        await db.SaveChangesAsync(ct);
        return new BulkAssignResult(assigned, skipped);
    }

    public async Task<Outcome<IResult>> ExportAsync(ProblemQuery q, CancellationToken ct)
    {
        var filtered = Filter(q);
        if (!filtered.Succeeded) return filtered.Failure!;
        var rows = Rows(filtered.Value!.OrderBy(p => p.VillageCode).ThenBy(p => p.FoundAt), read.Db).AsEnumerable().Select(Finish)
            .Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["问题编号"] = r.Id, ["户编号"] = r.HouseholdNumber, ["户主"] = r.HeadName, ["所在地区"] = r.RegionPath,
                ["维度"] = Labels.Of(r.Dimension), ["来源"] = Labels.Of(r.Source), ["紧急程度"] = Labels.Of(r.Severity),
                ["问题描述"] = r.Description, ["状态"] = Labels.Of(r.Status), ["发现时间"] = ChinaTime.Format(r.FoundAt),
                ["责任单位"] = r.AssignedUnit, ["责任人"] = r.AssignedPerson, ["整改时限"] = r.Deadline?.ToString("yyyy-MM-dd"),
                ["是否逾期"] = r.IsOverdue ? "是" : "否", ["逾期天数"] = r.OverdueDays,
            });
        var name = $"问题台账_{regions.NameOf(q.Region ?? user.RegionCode ?? "")}_{Today:yyyyMMdd}.xlsx";
        return Outcome<IResult>.From(await ExcelFile.ResultAsync(rows, "问题台账", name, ct));
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/problems").WithTags("两不愁三保障");
        g.MapGet("", async ([AsParameters] ProblemQuery q, ManageProblemsHandler h, CancellationToken ct) =>
                (await h.SearchAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.GuaranteesView).RequireHouseholdInScope()
            .WithName("SearchProblems").WithSummary("问题台账（筛选：region、dimension、status、overdue、source、responsible；measure+period 与通报口径一致）");
        g.MapGet("/export", async ([AsParameters] ProblemQuery q, ManageProblemsHandler h, CancellationToken ct) =>
                (await h.ExportAsync(q, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.GuaranteesView).RequireHouseholdInScope()
            .ProducesFile().WithName("ExportProblems").WithSummary("导出问题台账（Excel）");
        g.MapGet("/{id:long}", async (long id, ManageProblemsHandler h, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.GuaranteesView)
            .WithName("GetProblem").WithSummary("问题详情与处理过程");
        g.MapPost("", async (OpenProblemRequest r, ManageProblemsHandler h, CancellationToken ct) =>
                (await h.OpenAsync(r, ct)).ToHttp(p => TypedResults.Created($"/api/v1/problems/{p.Id}", p)))
            .RequireAuthorization(Permissions.GuaranteesReport)
            .WithName("OpenProblem").WithSummary("人工登记问题（入户走访、部门数据、督查暗访、群众反映）");
        g.MapPost("/{id:long}/transitions", async (long id, TransitionRequest r, ManageProblemsHandler h, CancellationToken ct) =>
                (await h.TransitionAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.GuaranteesView)
            // Each transition checks its own permission in the handler; a role with none of them is refused up front.
            .RequireAuthorization(p => p.RequireClaim(AppClaims.Permission, Permissions.GuaranteesAssign, Permissions.GuaranteesWork, Permissions.GuaranteesVerify))
            .WithName("TransitionProblem").WithSummary("推进问题：Assign 交办 / Start 开始整改 / Resolve 整改完成 / Verify 核验 / Return 退回");
        g.MapPost("/bulk-assign", async (BulkAssignRequest r, ManageProblemsHandler h, CancellationToken ct) =>
                (await h.BulkAssignAsync(r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.GuaranteesAssign)
            .WithName("BulkAssignProblems").WithSummary("批量交办");
    }
}
