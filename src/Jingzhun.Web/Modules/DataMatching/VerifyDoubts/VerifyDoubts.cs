using Jingzhun.Web.Modules.DataMatching.Rules;
using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Guarantees.ManageProblems;
using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Monitoring.ManageLeads;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.ManageMembers;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.DataMatching.VerifyDoubts;

public sealed record DoubtQuery(string? Region, DoubtStatus? Status, RosterKind? Kind, DoubtOutcome? Outcome, long? BatchId, long? HouseholdId,
    bool? Overdue, int? Page, int? PageSize);

public sealed record DoubtRow(long Id, long BatchId, long HouseholdId, string HouseholdNumber, string HeadName, long MemberId, string MemberName,
    string VillageCode, string RegionPath, RosterKind Kind, string KindLabel, string Rule, string RuleLabel, DoubtOutcome Outcome, string OutcomeLabel,
    string Detail, string Deadline, bool Overdue, DoubtStatus Status, string StatusLabel, string? Note, DateTime? VerifiedAt, string? VerifiedBy,
    long? LeadId, long? ProblemId, bool MemberRemoved, int Version);

public sealed record DoubtView(DoubtRow Doubt, string Period, IReadOnlyList<StoredFileView> Photos, bool MayVerify, string? Refusal);

public sealed record VerifyRequest(bool? Confirmed,
    [property: Text(500, "核实情况", typeof(Doubt), nameof(Doubt.Note))] string? Note, IReadOnlyList<string>? PhotoIds, int Version);

/// <summary>疑点 found, verified, confirmed and overdue of one department or region.</summary>
public sealed record DoubtTally(string Key, string Label, int Found, int Verified, int Confirmed, int Pending, int Overdue)
{
    /// <summary>核实率: verified of found, exact (the ranking compares the fractions, the page rounds for display).</summary>
    public double VerifiedRate => Found == 0 ? 0 : (double)Verified / Found;
}

public sealed record DoubtFigures(string Region, string RegionName, DoubtTally Total, IReadOnlyList<DoubtTally> ByDepartment, IReadOnlyList<DoubtTally> ByRegion);

/// <summary>
/// 疑点核实: the village verifies each 疑点 属实 / 不属实 with a note (and photos). 属实 produces the rule's outcome once, through the
/// existing mechanisms: a 部门筛查预警 risk lead (Monitoring), a 部门数据 problem (Guarantees; an open one of the dimension is linked,
/// not duplicated), a 减员 (Registry: 死亡 on the roster's date). The person who uploaded the roster does not verify its 疑点 (职责分离).
/// </summary>
public sealed class VerifyDoubtsHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, TimeProvider clock, FileStore files,
    ManageLeadsHandler leads, ManageProblemsHandler problems, ManageMembersHandler members)
{
    private const string What = "该疑点";
    public const int MaxPhotos = 6;

    private IQueryable<Doubt> Filtered(DoubtQuery q, string? region, DateOnly today)
    {
        var query = db.Doubts.AsNoTracking();
        if (region is { } code) query = query.InRegion(code);
        if (q.Status is { } s) query = query.Where(d => d.Status == s);
        if (q.Kind is { } k) query = query.Where(d => d.Kind == k);
        if (q.Outcome is { } o) query = query.Where(d => d.Outcome == o);
        if (q.BatchId is { } b) query = query.Where(d => d.BatchId == b);
        if (q.HouseholdId is { } h) query = query.Where(d => d.HouseholdId == h);
        if (q.Overdue == true) query = query.Where(d => d.Status == DoubtStatus.Pending && d.Deadline < today);
        return query;
    }

    private Failure? Check(DoubtQuery q)
    {
        if (q.Status is { } s && !Enum.IsDefined(s)) return Failure.Invalid("status", "核实状态无效，可选：待核实、属实、不属实、已撤回");
        if (q.Kind is { } k && !Enum.IsDefined(k)) return Failure.Invalid("kind", "部门数据种类无效");
        if (q.Outcome is { } o && !Enum.IsDefined(o)) return Failure.Invalid("outcome", "疑点类型无效");
        return null;
    }

    private async Task<List<DoubtRow>> RowsAsync(IQueryable<Doubt> page, DateOnly today, CancellationToken ct)
    {
        var rows = await (from d in page
                          join h in db.Households on d.HouseholdId equals h.Id
                          join m in db.Members on d.MemberId equals m.Id
                          select new { d, h.HouseholdNumber, h.HeadName, MemberName = m.Name }).ToListAsync(ct);
        return [.. rows.Select(x => Row(x.d, x.HouseholdNumber, x.HeadName, x.MemberName, today))];
    }

    private DoubtRow Row(Doubt d, string number, string head, string member, DateOnly today) =>
        new(d.Id, d.BatchId, d.HouseholdId, number, head, d.MemberId, member, d.VillageCode, regions.ShortPath(d.VillageCode), d.Kind, Labels.Of(d.Kind), d.Rule,
            RuleLabel(d.Rule), d.Outcome, Labels.Of(d.Outcome), d.Detail, d.Deadline.ToString("yyyy-MM-dd"), d.IsOverdue(today), d.Status, Labels.Of(d.Status),
            d.Note, d.VerifiedAt, d.VerifiedBy, d.LeadId, d.ProblemId, d.MemberRemoved, d.Version);

    public static string RuleLabel(string rule) => MatchRules.Catalog.FirstOrDefault(c => c.Rule == rule).Label ?? rule;

    public async Task<Outcome<PageResult<DoubtRow>>> SearchAsync(DoubtQuery q, CancellationToken ct)
    {
        if (Check(q) is { } bad) return bad;
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        var today = ChinaTime.Today(clock);
        var ordered = Filtered(q, region.Value, today).OrderBy(d => d.Status).ThenBy(d => d.Deadline).ThenBy(d => d.Id);
        return await ordered.PageAsync(Paging.Of(q.Page, q.PageSize, 50), page => RowsAsync(page, today, ct), ct);
    }

    /// <summary>The 待核实 疑点 of the user's villages (the field app's task list), the nearest deadline first.</summary>
    public Task<Outcome<PageResult<DoubtRow>>> MineAsync(int? page, int? pageSize, CancellationToken ct) =>
        SearchAsync(new DoubtQuery(null, DoubtStatus.Pending, null, null, null, null, null, page, pageSize ?? 200), ct);

    public async Task<Outcome<DoubtView>> GetAsync(long id, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var row = (await RowsAsync(db.Doubts.AsNoTracking().Where(d => d.Id == id), today, ct)).FirstOrDefault();
        if (row is null) return Failure.NotFound(What);
        var batch = await db.RosterBatches.AcrossScopes("the batch of a 疑点 in scope: its period and uploader only")
            .Where(b => b.Id == row.BatchId).Select(b => new { b.Period, b.CreatedBy }).FirstAsync(ct);
        var photoIds = await db.Doubts.AsNoTracking().Where(d => d.Id == id).Select(d => d.PhotoIds).FirstAsync(ct);
        var photos = photoIds is null ? [] : await files.FindAsync(photoIds.Split(','), ct);
        var refusal = Refusal(row.Status, batch.CreatedBy);
        return new DoubtView(row, batch.Period, photos, refusal is null, refusal);
    }

    private string? Refusal(DoubtStatus status, string uploadedBy)
    {
        if (!user.Has(Permissions.MatchingVerify)) return "您没有核实疑点的权限";
        if (status == DoubtStatus.Withdrawn) return "该疑点所在批次已撤回，无需核实";
        if (uploadedBy == user.UserName) return "职责分离：上传该批部门数据的人不能核实其疑点，请由村（乡镇）核实";
        return null;
    }

    public async Task<Outcome<DoubtView>> VerifyAsync(long id, VerifyRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var d = await db.Doubts.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (d is null) return Failure.NotFound(What);
        if (r.Confirmed is not { } confirmed) return Failure.Invalid("confirmed", "请选择核实结果：属实或不属实");
        // A replay of the same answer (the field app syncing again after a lost reply) is answered, not refused.
        if (d.Status is DoubtStatus.Confirmed or DoubtStatus.Rejected)
            return (d.Status == DoubtStatus.Confirmed) == confirmed
                ? await GetAsync(id, ct)
                : Failure.Conflict($"该疑点已由 {d.VerifiedBy} 核实为“{Labels.Of(d.Status)}”，不能改为“{(confirmed ? "属实" : "不属实")}”");
        var uploadedBy = await db.RosterBatches.AcrossScopes("the uploader of the 疑点's batch, for the separation of duties")
            .Where(b => b.Id == d.BatchId).Select(b => b.CreatedBy).FirstAsync(ct);
        if (Refusal(d.Status, uploadedBy) is { } refusal) return Failure.Forbidden(refusal);
        if (d.Version != r.Version) return Failure.StaleEdit("该疑点", d.UpdatedBy, d.UpdatedAt);
        if (string.IsNullOrWhiteSpace(r.Note) || r.Note.Trim().Length < 4) return Failure.Invalid("note", "请填写核实情况（至少4个字）");
        var photos = await files.CheckPhotosAsync(r.PhotoIds, MaxPhotos, "核实照片", ct);
        if (!photos.Succeeded) return photos.Failure!;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        d.Verify(confirmed, r.Note, photos.Value!.Count == 0 ? null : string.Join(',', photos.Value), now, user.UserName);
        if (confirmed && await ProduceAsync(d, ct) is { } failed)
        {
            await tx.RollbackAsync(ct);
            return failed;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(ct);
            return Failure.StaleEdit("该疑点", d.UpdatedBy, d.UpdatedAt);
        }
        await tx.CommitAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>What 属实 becomes, through the module that owns it; one outcome per 疑点 (the 疑点 is verified once).</summary>
    private async Task<Failure?> ProduceAsync(Doubt d, CancellationToken ct)
    {
        var label = RuleLabel(d.Rule);
        var memberName = await db.Members.AsNoTracking().Where(m => m.Id == d.MemberId).Select(m => m.Name).FirstAsync(ct);
        var text = $"部门数据比对（{Labels.Of(d.Kind)}）核实属实：{memberName}，{d.Detail}";
        if (text.Length > 500) text = text[..500];
        switch (d.Outcome)
        {
            case DoubtOutcome.RiskLead:
                var reason = d.Rule switch { "medical" => Monitoring.Rules.RiskReason.HighOutOfPocket, "unemployment" => Monitoring.Rules.RiskReason.UnstableEmployment,
                    _ => (Monitoring.Rules.RiskReason?)null };
                var lead = await leads.RecordAsync(new RecordLeadRequest(d.HouseholdId, LeadSource.DepartmentScreening, text, null, reason), ct);
                if (!lead.Succeeded) return lead.Failure;
                d.Produced(lead.Value!.Id, null, false);
                return null;
            case DoubtOutcome.Problem:
                var dimension = d.Rule == "dangerous-house" ? Dimension.Housing : Dimension.Education;
                var opened = await problems.OpenAsync(new OpenProblemRequest(d.HouseholdId, dimension, ProblemSource.DepartmentData, Severity.Urgent, text), ct);
                if (opened.Succeeded)
                {
                    d.Produced(null, opened.Value!.Id, false);
                    return null;
                }
                if (opened.Failure!.Kind != FailureKind.Conflict) return opened.Failure;
                // Already an open problem of that dimension: the 疑点 joins it instead of a second one.
                var existing = await db.Problems.AsNoTracking().Where(p => p.HouseholdId == d.HouseholdId && p.Dimension == dimension
                    && p.Status != ProblemStatus.Verified).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
                d.Produced(null, existing, false);
                return null;
            case DoubtOutcome.Correction:
                var m = await db.Members.AsNoTracking().Where(x => x.Id == d.MemberId).Select(x => new { x.Status, x.Version }).FirstAsync(ct);
                if (m.Status != MemberStatus.Active)
                {
                    d.Produced(null, null, false);
                    return null;
                }
                var date = d.EventDate is { } e && e <= ChinaTime.Today(clock) ? e : ChinaTime.Today(clock);
                var removed = await members.RemoveAsync(d.MemberId, new RemoveMemberRequest(MemberStatus.Deceased, date,
                    $"部门数据比对核实属实（{label}）", m.Version), ct);
                if (!removed.Succeeded) return removed.Failure;
                d.Produced(null, null, true);
                return null;
            default:
                // 资格疑点: confirmed, it stays on the county's list of 属实 eligibility 疑点 for the 识别/退出 decision; nothing changes by itself.
                d.Produced(null, null, false);
                return null;
        }
    }

    /// <summary>核实进度: 疑点 found, verified, confirmed and overdue, by department and by sub-region, ranked by 核实率 (lowest first).</summary>
    public async Task<Outcome<DoubtFigures>> FiguresAsync(string? region, CancellationToken ct)
    {
        var place = regions.Filter(region);
        if (!place.Succeeded) return place.Failure!;
        var code = place.Value ?? user.RegionCode ?? "";
        var today = ChinaTime.Today(clock);
        var query = db.Doubts.AsNoTracking().Where(d => d.Status != DoubtStatus.Withdrawn);
        if (code != "") query = query.InRegion(code);
        var childLength = code.Length switch { 0 => 2, 2 => 4, 4 => 6, 6 => 9, _ => 12 };
        var raw = await query.GroupBy(d => new { d.Kind, Child = d.VillageCode.Substring(0, childLength), d.Status, Late = d.Deadline < today })
            .Select(g => new { g.Key.Kind, g.Key.Child, g.Key.Status, g.Key.Late, N = g.Count() }).ToListAsync(ct);
        var items = raw.Select(x => (x.Kind, x.Child, x.Status, x.Late, x.N)).ToList();
        var total = Sum(code, regions.NameOf(code), items.Select(x => (x.Status, x.Late, x.N)));
        var byDept = items.GroupBy(x => x.Kind).Select(g => Sum(g.Key.ToString(), Labels.Of(g.Key), g.Select(x => (x.Status, x.Late, x.N))))
            .OrderBy(t => t.VerifiedRate).ThenByDescending(t => t.Found).ToList();
        var byRegion = items.GroupBy(x => x.Child).Select(g => Sum(g.Key, regions.NameOf(g.Key), g.Select(x => (x.Status, x.Late, x.N))))
            .OrderBy(t => t.VerifiedRate).ThenByDescending(t => t.Overdue).ThenBy(t => t.Key).ToList();
        return new DoubtFigures(code, regions.NameOf(code), total, byDept, byRegion);
    }

    private static DoubtTally Sum(string key, string label, IEnumerable<(DoubtStatus Status, bool Late, int N)> rows)
    {
        int found = 0, verified = 0, confirmed = 0, pending = 0, overdue = 0;
        foreach (var (status, late, n) in rows)
        {
            found += n;
            if (status is DoubtStatus.Confirmed or DoubtStatus.Rejected) verified += n;
            if (status == DoubtStatus.Confirmed) confirmed += n;
            if (status == DoubtStatus.Pending) pending += n;
            if (status == DoubtStatus.Pending && late) overdue += n;
        }
        return new DoubtTally(key, label, found, verified, confirmed, pending, overdue);
    }

    /// <summary>疑点清单 (Excel): names and masked nothing else; no ID number is in a 疑点 at all.</summary>
    public async Task<IResult> ExportAsync(DoubtQuery q, CancellationToken ct)
    {
        if (Check(q) is { } bad) return bad.ToProblem();
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!.ToProblem();
        var today = ChinaTime.Today(clock);
        var ordered = Filtered(q, region.Value, today).OrderBy(d => d.VillageCode).ThenBy(d => d.Id).Take(100_000);
        var rows = await RowsAsync(ordered, today, ct);
        return await ExcelFile.ResultAsync(rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["疑点编号"] = r.Id, ["地区"] = r.RegionPath, ["户编号"] = r.HouseholdNumber, ["户主"] = r.HeadName, ["成员"] = r.MemberName,
            ["部门数据"] = r.KindLabel, ["比对规则"] = r.RuleLabel, ["疑点类型"] = r.OutcomeLabel, ["疑点情况"] = r.Detail, ["核实期限"] = r.Deadline,
            ["是否逾期"] = r.Overdue ? "逾期" : "", ["核实状态"] = r.StatusLabel, ["核实情况"] = r.Note ?? "", ["核实人"] = r.VerifiedBy ?? "",
            ["核实时间"] = r.VerifiedAt is { } at ? ChinaTime.Format(at) : "",
        }), "比对疑点", $"比对疑点_{ChinaTime.Today(clock):yyyyMMdd}.xlsx", ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/matching/doubts").WithTags("大数据比对");
        g.MapGet("", async ([AsParameters] DoubtQuery q, VerifyDoubtsHandler h, CancellationToken ct) => (await h.SearchAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MatchingView).RequireHouseholdInScope()
            .WithName("SearchDoubts").WithSummary("比对疑点（筛选 region、status、kind、outcome、batchId、householdId、overdue）");
        g.MapGet("/mine", async (int? page, int? pageSize, VerifyDoubtsHandler h, CancellationToken ct) => (await h.MineAsync(page, pageSize, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MatchingVerify).WithName("MyDoubts").WithSummary("我的待核实疑点（外勤应用离线核实用）");
        g.MapGet("/figures", async (string? region, VerifyDoubtsHandler h, CancellationToken ct) => (await h.FiguresAsync(region, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MatchingView).WithName("DoubtFigures").WithSummary("疑点核实进度：按部门、按地区（核实率从低到高）");
        g.MapGet("/export", ([AsParameters] DoubtQuery q, VerifyDoubtsHandler h, CancellationToken ct) => h.ExportAsync(q, ct))
            .RequireAuthorization(Permissions.MatchingView).ProducesFile().WithName("ExportDoubts").WithSummary("导出比对疑点（Excel）");
        g.MapGet("/{id:long}", async (long id, VerifyDoubtsHandler h, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MatchingView).WithName("GetDoubt").WithSummary("比对疑点");
        g.MapPost("/{id:long}/verify", async (long id, VerifyRequest r, VerifyDoubtsHandler h, CancellationToken ct) => (await h.VerifyAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MatchingVerify).WithName("VerifyDoubt")
            .WithSummary("核实疑点：属实（转风险线索、问题或减员）或不属实，附核实情况和照片；同一结果重复提交返回当前状态");
    }
}
