using Jingzhun.Web.Modules.Registry;
using System.Text.Json;
using Jingzhun.Web.Modules.FieldWork.UploadPhotos;
using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Guarantees.ManageProblems;
using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Monitoring.ManageLeads;
using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.RecordVisit;

/// <summary>
/// A finding at the door: a 两不愁三保障 problem (dimension, text) or a monitoring risk lead (text, and the risk's reason
/// where the cadre knows it, e.g. UnstableEmployment 因务工就业不稳: one open lead per household and reason).
/// </summary>
public sealed record VisitFinding(
    [property: Text(20, "发现类型")] string? Type,
    [property: Text(20, "问题维度")] string? Dimension,
    [property: Text(500, "发现的情况", typeof(Guarantees.Problem), nameof(Guarantees.Problem.Description))] string? Text,
    [property: Text(20, "紧急程度")] string? Severity = null,
    [property: Text(30, "风险类型")] string? Reason = null)
{
    public RiskReason? ReasonValue => Enum.TryParse<RiskReason>(Reason, true, out var r) && Enum.IsDefined(r) ? r : null;
    public Dimension? DimensionValue => Enum.TryParse<Dimension>(Dimension, true, out var d) && Enum.IsDefined(d) ? d : null;
    public Severity? SeverityValue => Enum.TryParse<Severity>(Severity, true, out var s) && Enum.IsDefined(s) ? s : null;
}

/// <summary>Kind and finding codes are strings so that one unknown code makes that visit invalid, not the whole batch.</summary>
public sealed record VisitInput(
    [property: Text(64, "客户端编号", typeof(Visit), nameof(Visit.ClientId))] string? ClientId, long HouseholdId, DateTime? VisitedAt,
    [property: Text(20, "走访类型")] string? Kind, double? Latitude, double? Longitude, double? Accuracy,
    [property: Text(2000, "走访情况", typeof(Visit), nameof(Visit.Notes))] string? Notes, IReadOnlyList<string>? PhotoIds, HouseholdUpdate? HouseholdUpdate, IReadOnlyList<VisitFinding>? Findings,
    long? CadreId = null,
    [property: Text(32, "户主签字", typeof(VisitPhoto), nameof(VisitPhoto.StoredFileId))] string? SignatureId = null)
{
    public VisitKind? KindValue => Enum.TryParse<VisitKind>(Kind, true, out var k) && Enum.IsDefined(k) && !int.TryParse(Kind, out _) ? k : null;
}

public sealed record VisitBatch(IReadOnlyList<VisitInput>? Visits);

public static class VisitStatus
{
    public const string Created = "created";
    public const string Duplicate = "duplicate";
    public const string Conflict = "conflict";
    public const string Invalid = "invalid";
    public const string NotFound = "notFound";
}

public sealed record VisitResult(string? ClientId, string Status, long? VisitId, VisitUpdateState? UpdateState, int? HouseholdVersion,
    IReadOnlyDictionary<string, string>? Errors, VisitConflict? Conflict, IReadOnlyList<long> ProblemIds, IReadOnlyList<long> LeadIds,
    IReadOnlyList<string> Warnings);

public sealed record VisitBatchResult(IReadOnlyList<VisitResult> Results);

public sealed record ResolveRequest([property: Text(20, "处理方式")] string? Action, int BaseVersion);

public sealed record ResolveResult(string ClientId, long VisitId, VisitUpdateState UpdateState, int HouseholdVersion);

public sealed record VisitState(string ClientId, long VisitId, long HouseholdId, DateTime VisitedAt, VisitKind Kind, VisitUpdateState UpdateState,
    IReadOnlyList<string> PhotoIds, string? SignatureId);

/// <summary>
/// Records visits (one from the web or the API, a batch from the field app): idempotent by client id, the household
/// update applied through the registry handlers unless the household moved on (then kept, as a conflict), findings
/// opened through the problem and lead handlers — each visit all or nothing, in one transaction.
/// </summary>
public sealed class RecordVisitHandler(AppDbContext db, FieldWorkAccess access, HouseholdUpdateApplier applier,
    ManageProblemsHandler problems, ManageLeadsHandler leads, Platform.Policies.PolicyStore policies, CurrentUser user, TimeProvider clock)
{
    public const int MaxBatch = 50;
    public const int MaxPhotos = 9;

    public async Task<Outcome<VisitBatchResult>> RecordBatchAsync(VisitBatch batch, CancellationToken ct)
    {
        if (batch.Visits is null || batch.Visits.Count == 0) return Failure.Invalid("visits", "没有要同步的走访记录");
        if (batch.Visits.Count > MaxBatch) return Failure.Invalid("visits", $"每次最多同步{MaxBatch}条走访记录，请分批提交");
        var results = new List<VisitResult>();
        foreach (var v in batch.Visits)
        {
            var r = await RecordAsync(v, ct);
            results.Add(r.Status == VisitStatus.NotFound ? r with { Status = VisitStatus.Invalid } : r);
        }
        return new VisitBatchResult(results);
    }

    public async Task<VisitResult> RecordAsync(VisitInput v, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var errors = Check(v);
        if (errors.Count > 0) return Invalid(v.ClientId, errors);
        if (await ExistingAsync(v.ClientId!, ct) is { } existing) return existing;

        var households = await access.HouseholdsAsync(ct);
        var h = await households.AsNoTracking().Where(x => x.Id == v.HouseholdId)
            .Select(x => new { x.Id, x.VillageCode, x.Version }).FirstOrDefaultAsync(ct);
        if (h is null)
            return Invalid(v.ClientId, new() { ["householdId"] = "该户不存在或不在您的结对帮扶范围内" }) with { Status = VisitStatus.NotFound };
        var cadre = await CadreForAsync(v, h.Id, ct);
        if (!cadre.Succeeded) return Invalid(v.ClientId, Flatten(cadre.Failure!));

        var photoIds = (v.PhotoIds ?? []).Distinct().ToList();
        var photos = await db.VisitPhotos.Where(p => photoIds.Contains(p.StoredFileId)).ToListAsync(ct);
        if (photos.Count != photoIds.Count) return Invalid(v.ClientId, new() { ["photoIds"] = "照片不存在或无权使用，请重新上传" });
        if (photos.Any(p => p.VisitId is not null)) return Invalid(v.ClientId, new() { ["photoIds"] = "照片已用于另一条走访记录" });
        var signature = await SignatureAsync(v, h.VillageCode, photoIds, ct);
        if (!signature.Succeeded) return Invalid(v.ClientId, Flatten(signature.Failure!));
        if (signature.Value is { } signed)
        {
            signed.IsSignature = true;
            photos.Add(signed);
            photoIds.Add(signed.StoredFileId);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var visit = Visit.Record(v.ClientId!, h.Id, h.VillageCode, cadre.Value, ChinaTime.ToUtc(v.VisitedAt!.Value), v.KindValue!.Value,
            v.Latitude, v.Longitude, v.Accuracy, v.Notes, now, user.UserName);
        db.Visits.Add(visit);
        foreach (var p in photos) visit.Photos.Add(p);
        // A visit's photos belong to the household's village from now on: its officers and everyone above see them.
        var files = await db.Files.Where(f => photoIds.Contains(f.Id)).ToListAsync(ct);
        foreach (var p in photos) p.RegionCode = h.VillageCode;
        foreach (var f in files) f.RegionCode = h.VillageCode;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // The same visit sent twice at once: the other request stored it first.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await ExistingAsync(v.ClientId!, ct) ?? throw new InvalidOperationException("走访记录重复但未找到已保存的记录", ex);
        }

        var status = VisitStatus.Created;
        int? version = h.Version;
        VisitConflict? conflict = null;
        if (v.HouseholdUpdate is { IsEmpty: false } update)
        {
            var json = JsonSerializer.Serialize(update, HouseholdUpdateApplier.Json);
            if (update.BaseVersion != h.Version)
            {
                conflict = await applier.ConflictAsync(h.Id, update, ct);
                visit.CarryUpdate(json, update.BaseVersion, VisitUpdateState.Conflict);
                status = VisitStatus.Conflict;
            }
            else
            {
                var applied = await applier.ApplyAsync(h.Id, update, ct);
                if (!applied.Succeeded)
                {
                    await tx.RollbackAsync(ct);
                    return Invalid(v.ClientId, Flatten(applied.Failure!, "householdUpdate"));
                }
                version = applied.Value;
                visit.CarryUpdate(json, update.BaseVersion, VisitUpdateState.Applied);
            }
        }

        var problemIds = new List<long>();
        var leadIds = new List<long>();
        var warnings = new List<string>();
        for (var i = 0; i < (v.Findings?.Count ?? 0); i++)
        {
            var f = v.Findings![i];
            if (f.Type == "problem")
            {
                var r = await problems.OpenAsync(new OpenProblemRequest(h.Id, f.DimensionValue!.Value, ProblemSource.Visit, f.SeverityValue ?? Severity.Normal, f.Text!), ct);
                if (r.Succeeded) problemIds.Add(r.Value!.Id);
                else if (r.Failure!.Kind == FailureKind.Conflict) warnings.Add(r.Failure.Message);
                else
                {
                    await tx.RollbackAsync(ct);
                    return Invalid(v.ClientId, Flatten(r.Failure, $"findings[{i}]"));
                }
            }
            else
            {
                var r = await leads.RecordAsync(new RecordLeadRequest(h.Id, LeadSource.CadreCheck, f.Text!, Reason: f.ReasonValue), ct);
                if (!r.Succeeded)
                {
                    await tx.RollbackAsync(ct);
                    return Invalid(v.ClientId, Flatten(r.Failure!, $"findings[{i}]"));
                }
                leadIds.Add(r.Value!.Id);
            }
        }
        visit.LinkFindings(problemIds, leadIds);
        await RecordHomePointAsync(households, h.Id, h.VillageCode, v, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new VisitResult(v.ClientId, status, visit.Id, visit.UpdateState, version, null, conflict, problemIds, leadIds, warnings);
    }

    /// <summary>
    /// The household head's signature: an image uploaded like a photo (POST /sync/photos) and named by its id. Required
    /// where the county's visit standard in force for the visit's year says 走访需户主签字.
    /// </summary>
    private async Task<Outcome<VisitPhoto?>> SignatureAsync(VisitInput v, string village, List<string> photoIds, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(v.SignatureId))
        {
            var year = ChinaTime.ToLocal(ChinaTime.ToUtc(v.VisitedAt!.Value)).Year;
            var policy = await policies.InForceAsync<VisitPolicy>(village, year, ct);
            return policy.SignatureRequired
                ? Failure.Invalid("signatureId", "本县要求走访须有户主签字：请户主在签字框内签字，或上传户主签字的纸质走访记录")
                : (VisitPhoto?)null;
        }
        if (photoIds.Contains(v.SignatureId)) return Failure.Invalid("signatureId", "户主签字不能同时作为走访照片");
        var signature = await db.VisitPhotos.FirstOrDefaultAsync(p => p.StoredFileId == v.SignatureId, ct);
        if (signature is null) return Failure.Invalid("signatureId", "户主签字图片不存在或无权使用，请重新签字");
        if (signature.VisitId is not null) return Failure.Invalid("signatureId", "户主签字图片已用于另一条走访记录，请重新签字");
        return signature;
    }

    /// <summary>
    /// A household without a home point takes the first visit's location as its home, when the fix is at least as precise
    /// as the county's GPS distance limit (a coarse fix would make later visits at the door look far away).
    /// </summary>
    private async Task RecordHomePointAsync(IQueryable<Household> households, long householdId, string village, VisitInput v, DateTime now, CancellationToken ct)
    {
        if (v.Latitude is not { } lat || v.Longitude is not { } lon) return;
        var policy = await policies.InForceAsync<VisitPolicy>(village, ChinaTime.Today(clock).Year, ct);
        if (v.Accuracy is not { } accuracy || accuracy > policy.GpsThresholdMetres) return;
        var household = await households.FirstOrDefaultAsync(x => x.Id == householdId, ct);
        household?.RecordHomePoint(lat, lon, now);
    }

    /// <summary>The user's choice on a conflicting update: apply it over the version they were shown, or discard it.</summary>
    public async Task<Outcome<ResolveResult>> ResolveAsync(string clientId, ResolveRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var visits = await access.VisitsAsync(ct);
        var visit = await visits.FirstOrDefaultAsync(x => x.ClientId == clientId, ct);
        if (visit is null) return Failure.NotFound("该走访记录");
        if (visit.UpdateState != VisitUpdateState.Conflict) return Failure.Conflict("该走访没有待确认的户信息更新");
        if (r.Action is not ("apply" or "discard")) return Failure.Invalid("action", "请选择“apply”（采用我的修改）或“discard”（放弃我的修改）");
        int version;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (r.Action == "apply")
        {
            var update = JsonSerializer.Deserialize<HouseholdUpdate>(visit.HouseholdUpdateJson!, HouseholdUpdateApplier.Json)! with { BaseVersion = r.BaseVersion };
            var applied = await applier.ApplyAsync(visit.HouseholdId, update, ct);
            if (!applied.Succeeded)
            {
                await tx.RollbackAsync(ct);
                return applied.Failure!;
            }
            version = applied.Value;
            visit.Settle(applied: true);
        }
        else
        {
            visit.Settle(applied: false);
            version = await db.Households.Where(x => x.Id == visit.HouseholdId).Select(x => x.Version).FirstAsync(ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ResolveResult(clientId, visit.Id, visit.UpdateState, version);
    }

    public async Task<Outcome<VisitState>> StateAsync(string clientId, CancellationToken ct)
    {
        var visits = await access.VisitsAsync(ct);
        var v = await visits.AsNoTracking().Include(x => x.Photos).FirstOrDefaultAsync(x => x.ClientId == clientId, ct);
        if (v is null) return Failure.NotFound("该走访记录");
        return new VisitState(v.ClientId, v.Id, v.HouseholdId, v.VisitedAt, v.Kind, v.UpdateState,
            v.Photos.Where(p => !p.IsSignature).Select(p => p.StoredFileId).ToList(), v.Photos.FirstOrDefault(p => p.IsSignature)?.StoredFileId);
    }

    private async Task<VisitResult?> ExistingAsync(string clientId, CancellationToken ct)
    {
        var v = await db.Visits.AcrossScopes("client ids are unique nationwide; visibility is checked next").AsNoTracking().FirstOrDefaultAsync(x => x.ClientId == clientId, ct);
        if (v is null) return null;
        var visible = await (await access.VisitsAsync(ct)).AnyAsync(x => x.Id == v.Id, ct);
        if (!visible) return Invalid(clientId, new() { ["clientId"] = "该客户端编号已被其他走访记录使用，请重新生成" });
        VisitConflict? conflict = null;
        if (v.UpdateState == VisitUpdateState.Conflict)
            conflict = await applier.ConflictAsync(v.HouseholdId, JsonSerializer.Deserialize<HouseholdUpdate>(v.HouseholdUpdateJson!, HouseholdUpdateApplier.Json)!, ct);
        var version = await db.Households.Where(x => x.Id == v.HouseholdId).Select(x => x.Version).FirstAsync(ct);
        return new VisitResult(clientId, VisitStatus.Duplicate, v.Id, v.UpdateState, version, null, conflict, Ids(v.ProblemIds), Ids(v.LeadIds), []);
    }

    private async Task<Outcome<long>> CadreForAsync(VisitInput v, long householdId, CancellationToken ct)
    {
        var today = Platform.Localization.ChinaTime.Today(clock);
        if (v.CadreId is { } requested && !access.IsCadreRole)
        {
            var c = await db.Cadres.AsNoTracking().FirstOrDefaultAsync(x => x.Id == requested, ct);
            if (c is null) return Failure.Invalid("cadreId", "所选帮扶干部不存在或不在您的管辖范围内");
            return c.Id;
        }
        if (await access.MyCadreAsync(ct) is { } mine) return mine.Id;
        var paired = await db.Pairings.InForce(today).Where(p => p.HouseholdId == householdId).Select(p => (long?)p.CadreId).FirstOrDefaultAsync(ct);
        return paired is { } id ? id : Failure.Invalid("cadreId", "该户没有结对帮扶干部，请选择走访干部");
    }

    private Dictionary<string, string> Check(VisitInput v)
    {
        var e = new Dictionary<string, string>();
        if (v.ClientId is null || !UploadVisitPhotoHandler.ClientIdPattern().IsMatch(v.ClientId))
            e["clientId"] = "客户端编号应为8至64位字母、数字、下划线或连字符";
        var now = clock.GetUtcNow().UtcDateTime;
        if (v.VisitedAt is not { } at) e["visitedAt"] = "请填写走访时间";
        else if (ChinaTime.ToUtc(at) > now.AddMinutes(10)) e["visitedAt"] = "走访时间不能晚于现在";
        else if (ChinaTime.ToUtc(at) < now.AddDays(-400)) e["visitedAt"] = "走访时间不能早于400天前";
        if (v.KindValue is null) e["kind"] = "请选择走访类型：月度例行、传统节日、寒来暑往或危难时刻";
        if (v.Latitude is < -90 or > 90) e["latitude"] = "纬度应在-90至90之间";
        if (v.Longitude is < -180 or > 180) e["longitude"] = "经度应在-180至180之间";
        if ((v.Latitude is null) != (v.Longitude is null)) e["latitude"] = "经纬度应同时填写";
        if (v.Accuracy is < 0 or > 100000) e["accuracy"] = "定位精度应为0至100000米";
        if (v.PhotoIds?.Count > MaxPhotos) e["photoIds"] = $"每次走访最多{MaxPhotos}张照片";
        if (v.HouseholdUpdate is { BaseVersion: < 1 }) e["householdUpdate.baseVersion"] = "请提交读取时的户信息版本号";
        for (var i = 0; i < (v.Findings?.Count ?? 0); i++)
        {
            var f = v.Findings![i];
            if (f.Type is not ("problem" or "lead")) e[$"findings[{i}].type"] = "发现的问题类型应为 problem（两不愁三保障问题）或 lead（风险线索）";
            else if (f.Type == "problem" && f.DimensionValue is null) e[$"findings[{i}].dimension"] = "请选择问题所属维度（不愁吃、不愁穿、义务教育、基本医疗、住房安全、饮水安全）";
            if (f.Severity is not null && f.SeverityValue is null) e[$"findings[{i}].severity"] = "紧急程度应为 Urgent、Normal 或 Minor";
            if (!string.IsNullOrWhiteSpace(f.Reason) && f.ReasonValue is null) e[$"findings[{i}].reason"] = "风险类型无效（如 UnstableEmployment 因务工就业不稳）";
            if (string.IsNullOrWhiteSpace(f.Text)) e[$"findings[{i}].text"] = "请描述发现的情况";
        }
        // A text over its limit is named as such, whatever else is wrong with it.
        foreach (var (k, m) in TextLimits.Check(v)?.Errors ?? new Dictionary<string, string[]>()) e[k] = m[0];
        return e;
    }

    private static VisitResult Invalid(string? clientId, Dictionary<string, string> errors) =>
        new(clientId, VisitStatus.Invalid, null, null, null, errors, null, [], [], []);

    private static Dictionary<string, string> Flatten(Failure f, string prefix = "")
    {
        static string Key(string prefix, string k) => prefix.Length == 0 || k.StartsWith(prefix, StringComparison.Ordinal) ? k : $"{prefix}.{k}";
        if (f.Errors is null || f.Errors.Count == 0) return new() { [prefix.Length == 0 ? "visit" : prefix] = f.Message };
        return f.Errors.ToDictionary(x => Key(prefix, x.Key), x => string.Join("；", x.Value));
    }

    private static List<long> Ids(string? csv) => csv is null ? [] : csv.Split(',').Select(long.Parse).ToList();

    public static void Map(RouteGroupBuilder api)
    {
        var sync = api.MapGroup("/sync").WithTags("驻村帮扶");
        sync.MapPost("/visits", async (VisitBatch batch, RecordVisitHandler h, CancellationToken ct) =>
                (await h.RecordBatchAsync(batch, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryEdit)
            .WithName("SyncVisits").WithSummary("批量同步走访记录（按 clientId 幂等；户信息版本冲突时保存走访、暂不更新户信息）");
        sync.MapPost("/visits/{clientId}/resolve", async (string clientId, ResolveRequest r, RecordVisitHandler h, CancellationToken ct) =>
                await h.ResolveAsync(clientId, r, ct) is var o && !o.Succeeded && o.Failure!.Kind == FailureKind.Conflict
                    ? await h.ConflictProblemAsync(clientId, o.Failure, ct) : o.ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryEdit)
            .Produces<ResolveResult>().WithName("ResolveVisitConflict").WithSummary("处理走访户信息冲突：apply 采用我的修改（重新校验）或 discard 放弃");
        sync.MapGet("/visits/{clientId}", async (string clientId, RecordVisitHandler h, CancellationToken ct) =>
                (await h.StateAsync(clientId, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryView)
            .WithName("GetSyncedVisit").WithSummary("按 clientId 查询走访是否已同步");
        api.MapPost("/visits", async (VisitInput v, RecordVisitHandler h, CancellationToken ct) =>
            {
                var r = await h.RecordAsync(v, ct);
                return r.Status switch
                {
                    VisitStatus.Created or VisitStatus.Conflict => TypedResults.Created($"/api/v1/visits/{r.VisitId}", r),
                    VisitStatus.Duplicate => TypedResults.Ok(r),
                    VisitStatus.NotFound => Failure.NotFound("该户").ToProblem(),
                    _ => TypedResults.ValidationProblem(r.Errors!.ToDictionary(e => e.Key, e => new[] { e.Value }), title: "提交的数据有误，请按提示修改"),
                };
            })
            .RequireAuthorization(Permissions.RegistryEdit)
            .WithTags("驻村帮扶").Produces<VisitResult>(StatusCodes.Status201Created).Produces<VisitResult>().WithName("RecordVisit").WithSummary("登记一次走访（与同步接口同一处理）");
    }

    /// <summary>409 for a resolve that met a newer household version: carries the version to show the user.</summary>
    private async Task<IResult> ConflictProblemAsync(string clientId, Failure f, CancellationToken ct)
    {
        var v = await db.Visits.AsNoTracking().FirstOrDefaultAsync(x => x.ClientId == clientId, ct);
        var version = v is null ? (int?)null : await db.Households.Where(x => x.Id == v.HouseholdId).Select(x => x.Version).FirstAsync(ct);
        return TypedResults.Problem(title: f.Message, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["serverVersion"] = version });
    }
}
