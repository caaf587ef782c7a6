using Jingzhun.Web.Modules.Employment.Rules;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Employment.Training;

/// <summary>Filters of the training list: <c>year</c> is the year a course started.</summary>
public sealed record TrainingQuery(string? Region, long? HouseholdId, long? MemberId, int? Year, TrainingKind? Kind, int? Page, int? PageSize);

/// <summary>A training in a list: the member's ID number masked.</summary>
public sealed record TrainingRow(long Id, long HouseholdId, string HouseholdNumber, string VillageCode, string RegionPath, long MemberId, string MemberName,
    string MemberIdNumberMasked, string Course, TrainingKind Kind, string Organiser, DateOnly StartedOn, DateOnly EndedOn, int? Hours,
    CertificateKind Certificate, string? CertificateNumber, int Version);

/// <summary>登记技能培训 of a member.</summary>
public sealed record RecordTrainingRequest(long MemberId,
    [property: Text(100, "课程名称", typeof(TrainingRecord), nameof(TrainingRecord.Course))] string? Course,
    TrainingKind? Kind,
    [property: Text(100, "培训机构", typeof(TrainingRecord), nameof(TrainingRecord.Organiser))] string? Organiser,
    DateOnly StartedOn, DateOnly EndedOn, int? Hours, CertificateKind? Certificate,
    [property: Text(50, "证书编号", typeof(TrainingRecord), nameof(TrainingRecord.CertificateNumber))] string? CertificateNumber);

/// <summary>修改技能培训 on the version read (the member stays).</summary>
public sealed record EditTrainingRequest(
    [property: Text(100, "课程名称", typeof(TrainingRecord), nameof(TrainingRecord.Course))] string? Course,
    TrainingKind? Kind,
    [property: Text(100, "培训机构", typeof(TrainingRecord), nameof(TrainingRecord.Organiser))] string? Organiser,
    DateOnly StartedOn, DateOnly EndedOn, int? Hours, CertificateKind? Certificate,
    [property: Text(50, "证书编号", typeof(TrainingRecord), nameof(TrainingRecord.CertificateNumber))] string? CertificateNumber,
    int Version);

public sealed class ManageTrainingHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, TimeProvider clock)
{
    private IQueryable<TrainingRow> Rows(IQueryable<TrainingRecord> records) =>
        from t in records
        join h in db.Households on t.HouseholdId equals h.Id
        join m in db.Members on t.MemberId equals m.Id
        select new TrainingRow(t.Id, t.HouseholdId, h.HouseholdNumber, t.VillageCode, "", t.MemberId, m.Name, m.IdNumberMasked, t.Course, t.Kind, t.Organiser,
            t.StartedOn, t.EndedOn, t.Hours, t.Certificate, t.CertificateNumber, t.Version);

    private Outcome<IQueryable<TrainingRecord>> Filtered(TrainingQuery q)
    {
        var query = db.TrainingRecords.AsNoTracking();
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        if (region.Value is { } code) query = query.InRegion(code);
        if (q.HouseholdId is { } h) query = query.Where(t => t.HouseholdId == h);
        if (q.MemberId is { } m) query = query.Where(t => t.MemberId == m);
        if (q.Year is { } y)
        {
            if (y is < 2000 or > 2100) return Failure.Invalid("year", "年度应在2000至2100之间");
            var (from, to) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
            query = query.Where(t => t.StartedOn >= from && t.StartedOn <= to);
        }
        if (q.Kind is { } k)
        {
            if (!Enum.IsDefined(k)) return Failure.Invalid("kind", "培训类型无效");
            query = query.Where(t => t.Kind == k);
        }
        return Outcome<IQueryable<TrainingRecord>>.From(query.OrderByDescending(t => t.StartedOn).ThenByDescending(t => t.Id));
    }

    public async Task<Outcome<PageResult<TrainingRow>>> SearchAsync(TrainingQuery q, CancellationToken ct)
    {
        var query = Filtered(q);
        if (!query.Succeeded) return query.Failure!;
        var rows = await query.Value!.PageAsync(Paging.Of(q.Page, q.PageSize), page => Rows(page).ToListAsync(ct), ct);
        return rows.Select(r => r with { RegionPath = regions.ShortPath(r.VillageCode) });
    }

    public async Task<Outcome<TrainingRow>> GetAsync(long id, CancellationToken ct)
    {
        var row = await Rows(db.TrainingRecords.AsNoTracking().Where(t => t.Id == id)).FirstOrDefaultAsync(ct);
        if (row is null) return Failure.NotFound("该培训记录");
        return row with { RegionPath = regions.ShortPath(row.VillageCode) };
    }

    public async Task<Outcome<TrainingRow>> RecordAsync(RecordTrainingRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var m = await db.Members.AsNoTracking().Where(x => x.Id == r.MemberId)
            .Select(x => new { x.Id, x.HouseholdId, x.Household.VillageCode, x.Status }).FirstOrDefaultAsync(ct);
        if (m is null) return Failure.NotFound("该成员");
        if (m.Status != MemberStatus.Active) return Failure.Invalid("memberId", "该成员已不在册");
        var facts = Facts(r.Course, r.Kind, r.Organiser, r.StartedOn, r.EndedOn, r.Hours, r.Certificate, r.CertificateNumber);
        if (Check(r.Kind, facts) is { } bad) return bad;
        var t = TrainingRecord.Record(m.HouseholdId, m.VillageCode, m.Id, facts, clock.GetUtcNow().UtcDateTime, user.UserName);
        db.TrainingRecords.Add(t);
        await db.SaveChangesAsync(ct);
        return await GetAsync(t.Id, ct);
    }

    public async Task<Outcome<TrainingRow>> EditAsync(long id, EditTrainingRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var t = await db.TrainingRecords.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null) return Failure.NotFound("该培训记录");
        if (Versions.Check(t, r.Version, "该培训记录") is { } stale) return stale;
        var facts = Facts(r.Course, r.Kind, r.Organiser, r.StartedOn, r.EndedOn, r.Hours, r.Certificate, r.CertificateNumber);
        if (Check(r.Kind, facts) is { } bad) return bad;
        t.Edit(facts, clock.GetUtcNow().UtcDateTime, user.UserName);
        if (await db.SaveEditAsync("该培训记录", c => db.TrainingRecords.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, c), ct) is { } failed) return failed;
        return await GetAsync(id, ct);
    }

    private static TrainingFacts Facts(string? course, TrainingKind? kind, string? organiser, DateOnly startedOn, DateOnly endedOn, int? hours,
        CertificateKind? certificate, string? number) =>
        new(course ?? "", kind ?? 0, organiser ?? "", startedOn, endedOn, hours, certificate ?? CertificateKind.None, number);

    private Failure? Check(TrainingKind? kind, TrainingFacts f)
    {
        if (kind is null) return Failure.Invalid("kind", "请选择培训类型");
        return TrainingRules.Check(f, ChinaTime.Today(clock)) is { } bad ? Failure.Invalid(bad.Field, bad.Message) : null;
    }

    /// <summary>The list as filtered (ID numbers masked) as a workbook.</summary>
    public async Task<Outcome<IResult>> ExcelAsync(TrainingQuery q, CancellationToken ct)
    {
        var query = Filtered(q);
        if (!query.Succeeded) return query.Failure!;
        var rows = await Rows(query.Value!).ToListAsync(ct);
        var sheet = rows.Select(t => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["地区"] = regions.ShortPath(t.VillageCode), ["户编号"] = t.HouseholdNumber, ["姓名"] = t.MemberName, ["身份证号"] = t.MemberIdNumberMasked,
            ["课程名称"] = t.Course, ["培训类型"] = Labels.Of(t.Kind), ["培训机构"] = t.Organiser, ["开始日期"] = t.StartedOn.ToString("yyyy-MM-dd"),
            ["结束日期"] = t.EndedOn.ToString("yyyy-MM-dd"), ["学时"] = t.Hours, ["证书"] = Labels.Of(t.Certificate), ["证书编号"] = t.CertificateNumber,
        });
        var place = q.Region is { Length: > 0 } r ? regions.NameOf(r) : regions.NameOf(user.RegionCode ?? "");
        return Outcome<IResult>.From(await ExcelFile.ResultAsync(sheet, "技能培训", $"{place}_技能培训{(q.Year is { } y ? $"_{y}年" : "")}_{ChinaTime.Today(clock):yyyyMMdd}.xlsx", ct));
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/employment/training").WithTags("就业与小额信贷");
        g.MapGet("", async ([AsParameters] TrainingQuery q, ManageTrainingHandler h, CancellationToken ct) => (await h.SearchAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringView).RequireHouseholdInScope()
            .WithName("SearchTraining").WithSummary("技能培训台账（筛选 region、householdId、memberId、year、kind；身份证号脱敏）");
        g.MapGet("/export", async ([AsParameters] TrainingQuery q, ManageTrainingHandler h, CancellationToken ct) => (await h.ExcelAsync(q, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.MonitoringView).RequireHouseholdInScope()
            .ProducesFile().WithName("ExportTraining").WithSummary("技能培训台账 Excel（身份证号脱敏）");
        g.MapGet("/{id:long}", async (long id, ManageTrainingHandler h, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringView)
            .WithName("GetTraining").WithSummary("一条技能培训记录");
        g.MapPost("", async (RecordTrainingRequest r, ManageTrainingHandler h, CancellationToken ct) =>
                (await h.RecordAsync(r, ct)).ToHttp(v => TypedResults.Created($"/api/v1/employment/training/{v.Id}", v)))
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("RecordTraining").WithSummary("登记技能培训（课程、类型、培训机构、起止日期、学时、证书）");
        g.MapPut("/{id:long}", async (long id, EditTrainingRequest r, ManageTrainingHandler h, CancellationToken ct) => (await h.EditAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("EditTraining").WithSummary("修改技能培训（按读取时的版本）");
    }
}
