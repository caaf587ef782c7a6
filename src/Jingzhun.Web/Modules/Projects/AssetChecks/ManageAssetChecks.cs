using Jingzhun.Web.Modules.Guarantees.Duties;
using Jingzhun.Web.Modules.Projects.Assets;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Projects.AssetChecks;

public sealed record AssetCheckQuery(string? Region, int? Year, AssetCheckStatus? Status, int? Page, int? PageSize);

/// <summary>A batch and its progress: lines checked of all, problems found, their 整改 done and verified.</summary>
public sealed record AssetCheckRow(long Id, string Name, int Year, string RegionCode, string RegionPath, DateOnly StartOn, DateOnly DueOn,
    AssetCheckStatus Status, int Lines, int Checked, int Problems, int Rectified, int Verified, string CreatedBy, DateTime CreatedAt, int Version);

public sealed record AssetCheckLineView(long Id, long AssetId, string AssetName, AssetClass AssetClass, string RegionPath, AssetStatus LedgerStatus,
    CheckFinding? Finding, DateOnly? CheckedOn, string? Note, string? CheckedBy, DateTime? CheckedAt, long? RectificationId, int Version,
    IReadOnlyList<Platform.Files.StoredFileView> Photos);

public sealed record RectificationView(long Id, long LineId, long AssetId, string AssetName, string RegionPath, CheckFinding Finding, string Problem,
    string ResponsiblePerson, string ResponsibleUnit, DateOnly Deadline, RectificationStatus Status, string OpenedBy, DateTime OpenedAt,
    string? Measure, DateOnly? RectifiedOn, string? RectifiedBy, string? VerifiedBy, DateTime? VerifiedAt, string? ReturnReason, bool Overdue,
    bool CanRectify, bool CanVerify, string? DutyNote, int Version, string? AssetOutcome);

/// <summary>A batch with its lines and 整改 items; what the reader may do now.</summary>
public sealed record AssetCheckView(AssetCheckRow Check, string? ClosedBy, DateTime? ClosedAt, IReadOnlyList<AssetCheckLineView> Lines,
    IReadOnlyList<RectificationView> Rectifications, bool CanRecord, bool CanClose);

/// <summary>What the checks of one asset found (its page).</summary>
public sealed record AssetFindingView(long CheckId, string CheckName, AssetCheckStatus CheckStatus, CheckFinding? Finding, DateOnly? CheckedOn,
    string? Note, string? CheckedBy, RectificationStatus? Rectification, DateOnly? Deadline);

public sealed record RectificationQuery(string? Region, RectificationStatus? Status, bool? Overdue, int? Page, int? PageSize);

/// <summary>A 整改 item of any batch the reader sees (the cross-batch list): its asset, village, batch, finding, who and by when.</summary>
public sealed record RectificationRow(long Id, long CheckId, string CheckName, long LineId, long AssetId, string AssetName, string RegionCode, string RegionPath,
    CheckFinding Finding, string Problem, string ResponsiblePerson, string ResponsibleUnit, DateOnly Deadline, RectificationStatus Status, bool Overdue,
    DateOnly? RectifiedOn, string? VerifiedBy);

public sealed record CreateAssetCheckRequest(
    [property: Text(100, "核查批次名称", typeof(AssetCheck), nameof(AssetCheck.Name))] string Name,
    int Year,
    [property: Text(12, "核查地区", typeof(AssetCheck), nameof(AssetCheck.RegionCode))] string RegionCode,
    DateOnly StartOn, DateOnly DueOn);

/// <summary>A finding; a problem (缺失, 闲置, 损毁) also names who rectifies it and by when; photos taken on the spot (uploaded first, at most 9).</summary>
public sealed record RecordFindingRequest(int Version, CheckFinding Finding, DateOnly CheckedOn,
    [property: Text(500, "核查情况", typeof(AssetCheckLine), nameof(AssetCheckLine.Note))] string? Note,
    [property: Text(50, "整改责任人", typeof(AssetRectification), nameof(AssetRectification.ResponsiblePerson))] string? ResponsiblePerson,
    [property: Text(100, "整改责任单位", typeof(AssetRectification), nameof(AssetRectification.ResponsibleUnit))] string? ResponsibleUnit,
    DateOnly? Deadline, IReadOnlyList<string>? PhotoIds = null);

public sealed record CloseAssetCheckRequest(int Version);

public sealed record RectifyRequest(int Version,
    [property: Text(500, "整改情况", typeof(AssetRectification), nameof(AssetRectification.Measure))] string? Measure,
    DateOnly RectifiedOn);

public sealed record VerifyRectificationRequest(int Version, bool? Passed,
    [property: Text(300, "退回原因", typeof(AssetRectification), nameof(AssetRectification.ReturnReason))] string? Note);

/// <summary>
/// 资产核查 (issue 17): a batch lists the assets of a county or township that are not 已处置; each is checked on the spot
/// (账实相符, 资产缺失, 闲置, 损毁). A problem opens a 整改 item (responsible person and unit, deadline) and goes into the
/// asset's own history; 闲置 and 损毁 also set the asset's status, so the ledger says what the check found. A 整改 is
/// recorded as done and verified by someone else (职责分离, as the ledger's disposal and income plans). The batch is
/// closed once every line is checked; its findings export to Excel.
/// </summary>
public sealed class ManageAssetChecksHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, SeparationOfDuties duties,
    Platform.Files.FileStore files, TimeProvider clock)
{
    public const int MaxLines = 10_000;
    public const int MaxFindingPhotos = 9;
    public const string SelfVerifyMessage = "整改与核实须由不同的人办理：该整改由您登记，请由其他有审核职责的人员核实";

    private DateOnly Today => ChinaTime.Today(clock);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Outcome<PageResult<AssetCheckRow>>> SearchAsync(AssetCheckQuery q, CancellationToken ct)
    {
        var query = db.AssetChecks.AsNoTracking();
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        if (region.Value is { } code) query = query.InRegion(code);
        if (q.Year is { } y) query = query.Where(c => c.Year == y);
        if (q.Status is { } s) query = query.Where(c => c.Status == s);
        var page = await query.OrderByDescending(c => c.Id).PageAsync(Paging.Of(q.Page, q.PageSize), rows => rows.ToListAsync(ct), ct);
        return new PageResult<AssetCheckRow>(await RowsAsync(page.Items, ct), page.Page, page.PageSize, page.Total);
    }

    /// <summary>The batches with their progress, counted in two grouped reads.</summary>
    private async Task<List<AssetCheckRow>> RowsAsync(IReadOnlyList<AssetCheck> checks, CancellationToken ct)
    {
        var ids = checks.Select(c => c.Id).ToList();
        var lines = await db.AssetCheckLines.AsNoTracking().Where(l => ids.Contains(l.CheckId)).GroupBy(l => l.CheckId)
            .Select(g => new
            {
                g.Key, Lines = g.Count(), Checked = g.Count(l => l.Finding != null),
                Problems = g.Count(l => l.Finding == CheckFinding.Missing || l.Finding == CheckFinding.Idle || l.Finding == CheckFinding.Damaged),
            }).ToDictionaryAsync(x => x.Key, ct);
        var fixes = await db.AssetRectifications.AsNoTracking().Where(r => ids.Contains(r.CheckId)).GroupBy(r => r.CheckId)
            .Select(g => new
            {
                g.Key, Rectified = g.Count(r => r.Status != RectificationStatus.Pending), Verified = g.Count(r => r.Status == RectificationStatus.Verified),
            }).ToDictionaryAsync(x => x.Key, ct);
        return checks.Select(c =>
        {
            var l = lines.GetValueOrDefault(c.Id);
            var f = fixes.GetValueOrDefault(c.Id);
            return new AssetCheckRow(c.Id, c.Name, c.Year, c.RegionCode, regions.ShortPath(c.RegionCode), c.StartOn, c.DueOn, c.Status,
                l?.Lines ?? 0, l?.Checked ?? 0, l?.Problems ?? 0, f?.Rectified ?? 0, f?.Verified ?? 0, c.CreatedBy, c.CreatedAt, c.Version);
        }).ToList();
    }

    public async Task<Outcome<AssetCheckView>> GetAsync(long id, CancellationToken ct)
    {
        var c = await db.AssetChecks.AsNoTracking().Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Failure.NotFound("该核查批次");
        var fixes = await db.AssetRectifications.AsNoTracking().Where(r => r.CheckId == id).OrderBy(r => r.Id).ToListAsync(ct);
        var byLine = fixes.ToDictionary(r => r.LineId, r => r.Id);
        var names = c.Lines.ToDictionary(l => l.Id, l => l.AssetName);
        var row = (await RowsAsync([c], ct))[0];
        var canWork = user.Has(Permissions.ProjectsImplement);
        var canReview = user.Has(Permissions.ProjectsReview);
        // Who may verify, for every 整改 of the page in one read (not one per item).
        var refusals = await duties.RefusalsAsync(fixes.Where(r => canReview && r.Status == RectificationStatus.Done).Select(r => (r.RegionCode, r.RectifiedBy)),
            user.UserName, ct);
        var views = new List<RectificationView>();
        foreach (var r in fixes)
        {
            string? dutyNote = null;
            var canVerify = canReview && r.Status == RectificationStatus.Done;
            if (canVerify && refusals.Refuses(r.RegionCode, r.RectifiedBy))
            {
                canVerify = false;
                dutyNote = SelfVerifyMessage;
            }
            views.Add(new RectificationView(r.Id, r.LineId, r.AssetId, names.GetValueOrDefault(r.LineId, ""), regions.ShortPath(r.RegionCode), r.Finding,
                r.Problem, r.ResponsiblePerson, r.ResponsibleUnit, r.Deadline, r.Status, r.OpenedBy, r.OpenedAt, r.Measure, r.RectifiedOn, r.RectifiedBy,
                r.VerifiedBy, r.VerifiedAt, r.ReturnReason, r.Status != RectificationStatus.Verified && r.Deadline < Today,
                canWork && r.Status == RectificationStatus.Pending, canVerify, dutyNote, r.Version, r.AssetOutcome));
        }
        // The findings' photos, looked up once for the whole batch.
        var photoIds = c.Lines.SelectMany(l => l.Photos).Distinct().ToList();
        var stored = photoIds.Count == 0 ? [] : (await files.FindAsync(photoIds, ct)).ToDictionary(f => f.Id);
        var lines = c.Lines.OrderBy(l => l.RegionCode).ThenBy(l => l.AssetId).Select(l => new AssetCheckLineView(l.Id, l.AssetId, l.AssetName, l.AssetClass,
            regions.ShortPath(l.RegionCode), l.LedgerStatus, l.Finding, l.CheckedOn, l.Note, l.CheckedBy, l.CheckedAt, byLine.TryGetValue(l.Id, out var rid) ? rid : null,
            l.Version, [.. l.Photos.Where(stored.ContainsKey).Select(p => stored[p])])).ToList();
        var open = c.Status == AssetCheckStatus.Open;
        return new AssetCheckView(row, c.ClosedBy, c.ClosedAt, lines, views, canWork && open, canWork && open && row.Checked == row.Lines);
    }

    /// <summary>
    /// The 整改 items of every batch in the reader's region (filters: a region below it, a status, only the overdue), the
    /// earliest deadline first. Each set is read through its own scope filter, so a township sees its own villages' items,
    /// also those of a county's batch.
    /// </summary>
    public async Task<Outcome<PageResult<RectificationRow>>> RectificationsAsync(RectificationQuery q, CancellationToken ct)
    {
        var rows = RectificationRows(q);
        if (!rows.Succeeded) return rows.Failure!;
        var page = await rows.Value!.PageAsync(Paging.Of(q.Page, q.PageSize), ct);
        return page.Select(r => r with { RegionPath = regions.ShortPath(r.RegionCode) });
    }

    public const int MaxExportRows = 100_000;

    public async Task<Outcome<IResult>> ExportRectificationsAsync(RectificationQuery q, CancellationToken ct)
    {
        var read = RectificationRows(q);
        if (!read.Succeeded) return read.Failure!;
        var rows = (await read.Value!.Take(MaxExportRows).ToListAsync(ct)).Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["整改编号"] = r.Id, ["资产编号"] = r.AssetId, ["资产名称"] = r.AssetName, ["所在村"] = regions.ShortPath(r.RegionCode),
            ["核查批次"] = r.CheckName, ["核查结果"] = Labels.Of(r.Finding), ["发现的问题"] = r.Problem, ["整改责任人"] = r.ResponsiblePerson,
            ["整改责任单位"] = r.ResponsibleUnit, ["整改时限"] = r.Deadline.ToString("yyyy-MM-dd"), ["整改状态"] = Labels.Of(r.Status),
            ["是否逾期"] = r.Overdue ? "已逾期" : "", ["整改日期"] = r.RectifiedOn?.ToString("yyyy-MM-dd"), ["核实人"] = r.VerifiedBy,
        }).ToList();
        var name = $"资产核查整改事项_{regions.NameOf(q.Region ?? user.RegionCode ?? "")}_{Today:yyyyMMdd}.xlsx";
        return Outcome<IResult>.From(await ExcelFile.ResultAsync(rows, "整改事项", name, ct));
    }

    /// <summary>The filtered, ordered rows (region path left empty: filled in for the page read).</summary>
    private Outcome<IQueryable<RectificationRow>> RectificationRows(RectificationQuery q)
    {
        var fixes = db.AssetRectifications.AsNoTracking();
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        if (region.Value is { } code) fixes = fixes.InRegion(code);
        if (q.Status is { } s)
        {
            if (!Enum.IsDefined(s)) return Failure.Invalid("status", "整改状态应为：待整改、已整改或已核实");
            fixes = fixes.Where(r => r.Status == s);
        }
        var today = Today;
        if (q.Overdue == true) fixes = fixes.Where(r => r.Status != RectificationStatus.Verified && r.Deadline < today);
        // A county's batch is not in a township's scope: its name is then shown as the county's, its items still listed.
        var rows = from r in fixes
                   join l in db.AssetCheckLines.AsNoTracking() on r.LineId equals l.Id
                   join c in db.AssetChecks.AsNoTracking() on r.CheckId equals c.Id into checks
                   from c in checks.DefaultIfEmpty()
                   orderby r.Deadline, r.Id
                   select new RectificationRow(r.Id, r.CheckId, c != null ? c.Name : UpperCheckName, r.LineId, r.AssetId, l.AssetName, r.RegionCode, "",
                       r.Finding, r.Problem, r.ResponsiblePerson, r.ResponsibleUnit, r.Deadline, r.Status,
                       r.Status != RectificationStatus.Verified && r.Deadline < today, r.RectifiedOn, r.VerifiedBy);
        return Outcome<IQueryable<RectificationRow>>.From(rows);
    }

    public const string UpperCheckName = "上级核查批次";

    /// <summary>The lines of one asset in the batches the reader sees, newest batch first.</summary>
    public async Task<IReadOnlyList<AssetFindingView>> OfAssetAsync(long assetId, CancellationToken ct)
    {
        var found = await (from l in db.AssetCheckLines.AsNoTracking()
                           join c in db.AssetChecks.AsNoTracking() on l.CheckId equals c.Id
                           where l.AssetId == assetId
                           orderby c.Id descending
                           select new { l.Id, c.Name, CheckId = c.Id, c.Status, l.Finding, l.CheckedOn, l.Note, l.CheckedBy }).ToListAsync(ct);
        var lineIds = found.Select(f => f.Id).ToList();
        var fixes = await db.AssetRectifications.AsNoTracking().Where(r => lineIds.Contains(r.LineId))
            .Select(r => new { r.LineId, r.Status, r.Deadline }).ToDictionaryAsync(r => r.LineId, ct);
        return found.Select(f => new AssetFindingView(f.CheckId, f.Name, f.Status, f.Finding, f.CheckedOn, f.Note, f.CheckedBy,
            fixes.TryGetValue(f.Id, out var r) ? r.Status : null, fixes.TryGetValue(f.Id, out var r2) ? r2.Deadline : null)).ToList();
    }

    /// <summary>Duties are separated per village by the county's policy; a line above a village always separates them.</summary>
    private Task<bool> RefusesAsync(string regionCode, string? firstBy, CancellationToken ct) =>
        duties.RefusesAsync(regionCode, firstBy, user.UserName, ct);

    public async Task<Outcome<AssetCheckView>> CreateAsync(CreateAssetCheckRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        if (string.IsNullOrWhiteSpace(r.Name)) return Failure.Invalid("name", "请填写核查批次名称，如：2026年土桥镇扶贫项目资产核查");
        var thisYear = Today.Year;
        if (r.Year < 2013 || r.Year > thisYear + 1) return Failure.Invalid("year", $"核查年度应在2013至{thisYear + 1}年之间");
        if (string.IsNullOrWhiteSpace(r.RegionCode) || !RegionCodes.IsValid(r.RegionCode)
            || regions.Find(r.RegionCode) is not { Level: RegionLevel.County or RegionLevel.Township })
            return Failure.Invalid("regionCode", "请选择核查的区县或乡镇");
        if (!user.CanSee(r.RegionCode)) return Failure.NotFound("该地区");
        if (r.StartOn == default) return Failure.Invalid("startOn", "请填写开始日期");
        if (r.DueOn == default || r.DueOn < r.StartOn) return Failure.Invalid("dueOn", "截止日期不能早于开始日期");
        var assets = await db.ProjectAssets.AsNoTracking().InRegion(r.RegionCode).Where(a => a.Status != AssetStatus.Disposed)
            .OrderBy(a => a.RegionCode).ThenBy(a => a.Id).Take(MaxLines + 1).ToListAsync(ct);
        if (assets.Count == 0) return Failure.Invalid("regionCode", $"{regions.NameOf(r.RegionCode)}没有需要核查的资产（资产台账中未处置的资产为空）");
        if (assets.Count > MaxLines) return Failure.Invalid("regionCode", $"一个批次最多核查{MaxLines}项资产，请按乡镇分批核查");
        var check = AssetCheck.Create(r.Name, r.Year, r.RegionCode, r.StartOn, r.DueOn, assets, Now, user.UserName);
        db.AssetChecks.Add(check);
        await db.SaveChangesAsync(ct);
        return await GetAsync(check.Id, ct);
    }

    /// <summary>
    /// Records a line's finding. A problem opens its 整改 and is written into the asset's history through the asset's own
    /// status change (闲置, 损毁 set the status; 资产缺失 keeps it and says so), all in one save.
    /// </summary>
    public async Task<Outcome<AssetCheckView>> RecordFindingAsync(long lineId, RecordFindingRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var line = await db.AssetCheckLines.FirstOrDefaultAsync(l => l.Id == lineId, ct);
        if (line is null) return Failure.NotFound("该核查资产");
        var check = await db.AssetChecks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == line.CheckId, ct);
        if (check is null) return Failure.NotFound("该核查资产");
        if (check.Status == AssetCheckStatus.Closed) return Failure.Conflict("该核查批次已结束，不能再登记核查结果");
        if (line.Finding is { } done) return Failure.Conflict($"该资产已登记核查结果（{Labels.Of(done)}），不能重复登记");
        if (Versions.Check(line, r.Version, "该核查资产") is { } stale) return stale;
        if (!Enum.IsDefined(r.Finding)) return Failure.Invalid("finding", "请选择核查结果：账实相符、资产缺失、闲置或损毁");
        if (r.CheckedOn == default || r.CheckedOn > Today) return Failure.Invalid("checkedOn", "核查日期不能晚于今天");
        if (r.CheckedOn < check.StartOn) return Failure.Invalid("checkedOn", $"核查日期不能早于本批次开始日期（{check.StartOn:yyyy-MM-dd}）");
        var note = r.Note?.Trim() ?? "";
        var problem = r.Finding != CheckFinding.Exists;
        if (problem)
        {
            if (note.Length == 0) return Failure.Invalid("note", $"核查结果为“{Labels.Of(r.Finding)}”须写明发现的问题");
            if (string.IsNullOrWhiteSpace(r.ResponsiblePerson)) return Failure.Invalid("responsiblePerson", "请填写整改责任人");
            if (string.IsNullOrWhiteSpace(r.ResponsibleUnit)) return Failure.Invalid("responsibleUnit", "请填写整改责任单位");
            if (r.Deadline is not { } deadline || deadline < r.CheckedOn) return Failure.Invalid("deadline", "请填写整改时限，不能早于核查日期");
        }
        var photos = await files.CheckPhotosAsync(r.PhotoIds, MaxFindingPhotos, "核查照片", ct);
        if (!photos.Succeeded) return photos.Failure!;
        line.Record(r.Finding, r.CheckedOn, note, photos.Value!, Now, user.UserName);
        if (problem)
        {
            db.AssetRectifications.Add(AssetRectification.Open(line, note, r.ResponsiblePerson!, r.ResponsibleUnit!, r.Deadline!.Value, Now, user.UserName));
            var asset = await db.ProjectAssets.FirstOrDefaultAsync(a => a.Id == line.AssetId, ct);
            // An asset disposed since the batch was made keeps its record unchanged; the finding and its 整改 still stand.
            if (asset is not null && asset.Status != AssetStatus.Disposed)
            {
                var status = r.Finding switch { CheckFinding.Idle => AssetStatus.Idle, CheckFinding.Damaged => AssetStatus.Damaged, _ => asset.Status };
                asset.SetStatus(status, $"资产核查“{check.Name}”：{Labels.Of(r.Finding)}，{note}", Now, user.UserName);
            }
        }
        if (await db.SaveEditAsync("该核查资产", t => db.AssetCheckLines.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lineId, t), ct) is { } conflict)
            return conflict;
        return await GetAsync(line.CheckId, ct);
    }

    public async Task<Outcome<AssetCheckView>> CloseAsync(long id, CloseAssetCheckRequest r, CancellationToken ct)
    {
        var c = await db.AssetChecks.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Failure.NotFound("该核查批次");
        if (c.Status == AssetCheckStatus.Closed) return Failure.Conflict("该核查批次已结束");
        if (Versions.Check(c, r.Version, "该核查批次") is { } stale) return stale;
        var unchecked_ = await db.AssetCheckLines.CountAsync(l => l.CheckId == id && l.Finding == null, ct);
        if (unchecked_ > 0) return Failure.Conflict($"尚有{unchecked_}项资产未核查，全部核查后才能结束本批次");
        c.Close(Now, user.UserName);
        if (await db.SaveEditAsync("该核查批次", t => db.AssetChecks.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, t), ct) is { } conflict)
            return conflict;
        return await GetAsync(id, ct);
    }

    private async Task<Outcome<AssetRectification>> LoadRectificationAsync(long id, int version, CancellationToken ct)
    {
        var r = await db.AssetRectifications.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return Failure.NotFound("该整改事项");
        if (Versions.Check(r, version, "该整改事项") is { } stale) return stale;
        return r;
    }

    private async Task<Outcome<AssetCheckView>> SaveRectificationAsync(AssetRectification r, CancellationToken ct) =>
        await db.SaveEditAsync("该整改事项", t => db.AssetRectifications.AsNoTracking().FirstOrDefaultAsync(x => x.Id == r.Id, t), ct) is { } conflict
            ? conflict : await GetAsync(r.CheckId, ct);

    public async Task<Outcome<AssetCheckView>> RectifyAsync(long id, RectifyRequest req, CancellationToken ct)
    {
        if (TextLimits.Check(req) is { } tooLong) return tooLong;
        var loaded = await LoadRectificationAsync(id, req.Version, ct);
        if (!loaded.Succeeded) return loaded.Failure!;
        var r = loaded.Value!;
        if (r.Status != RectificationStatus.Pending) return Failure.Conflict($"该整改事项当前为“{Labels.Of(r.Status)}”，不能再登记整改");
        if (string.IsNullOrWhiteSpace(req.Measure)) return Failure.Invalid("measure", "请写明整改情况，如：已追回并登记、已修复恢复使用");
        var opened = DateOnly.FromDateTime(ChinaTime.ToLocal(r.OpenedAt));
        if (req.RectifiedOn == default || req.RectifiedOn > Today) return Failure.Invalid("rectifiedOn", "整改日期不能晚于今天");
        if (req.RectifiedOn < opened) return Failure.Invalid("rectifiedOn", $"整改日期不能早于发现问题的日期（{opened:yyyy-MM-dd}）");
        r.Rectify(req.Measure, req.RectifiedOn, Now, user.UserName);
        return await SaveRectificationAsync(r, ct);
    }

    public async Task<Outcome<AssetCheckView>> VerifyAsync(long id, VerifyRectificationRequest req, CancellationToken ct)
    {
        if (TextLimits.Check(req) is { } tooLong) return tooLong;
        var loaded = await LoadRectificationAsync(id, req.Version, ct);
        if (!loaded.Succeeded) return loaded.Failure!;
        var r = loaded.Value!;
        if (r.Status != RectificationStatus.Done)
            return Failure.Conflict(r.Status == RectificationStatus.Verified ? "该整改事项已核实" : "该整改事项尚未整改完成，整改后才能核实");
        if (req.Passed is not { } passed) return Failure.Invalid("passed", "请选择核实通过或退回重改");
        if (await RefusesAsync(r.RegionCode, r.RectifiedBy, ct)) return Failure.Forbidden(SelfVerifyMessage);
        if (passed) r.Verify(await RestoreAssetAsync(r, ct), Now, user.UserName);
        else if (string.IsNullOrWhiteSpace(req.Note)) return Failure.Invalid("note", "退回重改须写明原因");
        else r.Return(req.Note, Now, user.UserName);
        return await SaveRectificationAsync(r, ct);
    }

    public const string RestoredOutcome = "资产状态已恢复为正常运营";

    /// <summary>
    /// A verified 整改 of a 闲置 or 损毁 finding puts the asset back to 正常运营 through its own status history (saved with the
    /// verification). The asset is left as it is, and the outcome says why, when it has been disposed since, or when its
    /// status was changed after the finding (someone already decided it; the check does not overwrite that). A 资产缺失
    /// finding never changed the status (the asset kept it, the finding is in its history), so its verified 整改 — the
    /// asset found again or its loss dealt with — changes nothing either: null.
    /// </summary>
    private async Task<string?> RestoreAssetAsync(AssetRectification r, CancellationToken ct)
    {
        if (r.Finding is not (CheckFinding.Idle or CheckFinding.Damaged)) return null;
        var asset = await db.ProjectAssets.Include(a => a.Events).FirstOrDefaultAsync(a => a.Id == r.AssetId, ct);
        if (asset is null) return null;
        if (asset.Status == AssetStatus.Disposed) return "资产已处置，状态未变更";
        var found = await (from l in db.AssetCheckLines.AsNoTracking()
                           join c in db.AssetChecks.AsNoTracking() on l.CheckId equals c.Id
                           where l.Id == r.LineId
                           select new { l.CheckedAt, c.Name }).FirstOrDefaultAsync(ct);
        var expected = r.Finding == CheckFinding.Idle ? AssetStatus.Idle : AssetStatus.Damaged;
        // The finding's own entry (written with it) is not a change after it.
        var own = $"资产核查“{found?.Name}”";
        if (asset.Events.Where(e => e.From != e.To && e.At >= found?.CheckedAt && !e.Note.StartsWith(own, StringComparison.Ordinal))
                .OrderBy(e => e.At).ThenBy(e => e.Id).LastOrDefault() is { } since)
            return $"资产状态已于{ChinaTime.Format(since.At)}由{since.By}改为{Labels.Of(since.To)}，未变更";
        if (asset.Status != expected) return $"资产状态现为{Labels.Of(asset.Status)}，未变更";
        var fix = r.Measure is { Length: > 0 } m ? $"{r.Problem}；整改：{m}" : r.Problem;
        asset.SetStatus(AssetStatus.Operating, $"资产核查整改已核实：{fix}", Now, user.UserName);
        return RestoredOutcome;
    }

    public async Task<Outcome<IResult>> ExportAsync(long id, CancellationToken ct)
    {
        var got = await GetAsync(id, ct);
        if (!got.Succeeded) return got.Failure!;
        var v = got.Value!;
        var fixes = v.Rectifications.ToDictionary(r => r.LineId);
        var rows = v.Lines.Select(l =>
        {
            var f = fixes.GetValueOrDefault(l.Id);
            return (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["资产编号"] = l.AssetId, ["资产名称"] = l.AssetName, ["资产类别"] = Labels.Of(l.AssetClass), ["所在地区"] = l.RegionPath,
                ["台账状态（建批时）"] = Labels.Of(l.LedgerStatus), ["核查结果"] = l.Finding is { } fd ? Labels.Of(fd) : "未核查",
                ["核查日期"] = l.CheckedOn?.ToString("yyyy-MM-dd"), ["核查情况"] = l.Note, ["核查人"] = l.CheckedBy,
                ["整改责任人"] = f?.ResponsiblePerson, ["整改责任单位"] = f?.ResponsibleUnit, ["整改时限"] = f?.Deadline.ToString("yyyy-MM-dd"),
                ["整改状态"] = f is null ? null : Labels.Of(f.Status), ["整改情况"] = f?.Measure, ["整改日期"] = f?.RectifiedOn?.ToString("yyyy-MM-dd"),
                ["核实人"] = f?.VerifiedBy,
            };
        }).ToList();
        var name = $"资产核查_{v.Check.Id}_{regions.NameOf(v.Check.RegionCode)}_{Today:yyyyMMdd}.xlsx";
        return Outcome<IResult>.From(await ExcelFile.ResultAsync(rows, "资产核查", name, ct));
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/asset-checks").WithTags("资产核查");
        g.MapGet("", async ([AsParameters] AssetCheckQuery q, ManageAssetChecksHandler h, CancellationToken ct) => (await h.SearchAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsView)
            .WithName("SearchAssetChecks").WithSummary("资产核查批次及进度（筛选：region、year、status）");
        g.MapGet("/rectifications", async ([AsParameters] RectificationQuery q, ManageAssetChecksHandler h, CancellationToken ct) =>
                (await h.RectificationsAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsView)
            .WithName("SearchAssetRectifications").WithSummary("各核查批次的整改事项（筛选：region、status、overdue=true 只看逾期）");
        g.MapGet("/rectifications/export", async ([AsParameters] RectificationQuery q, ManageAssetChecksHandler h, CancellationToken ct) =>
                (await h.ExportRectificationsAsync(q, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.ProjectsView)
            .ProducesFile().WithName("ExportAssetRectifications").WithSummary("导出整改事项（Excel）");
        g.MapGet("/{id:long}", async (long id, ManageAssetChecksHandler h, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsView)
            .WithName("GetAssetCheck").WithSummary("核查批次：逐项核查结果与整改");
        g.MapGet("/{id:long}/export", async (long id, ManageAssetChecksHandler h, CancellationToken ct) => (await h.ExportAsync(id, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.ProjectsView)
            .ProducesFile().WithName("ExportAssetCheck").WithSummary("导出核查结果（Excel）");
        g.MapPost("", async (CreateAssetCheckRequest r, ManageAssetChecksHandler h, CancellationToken ct) =>
                (await h.CreateAsync(r, ct)).ToHttp(v => TypedResults.Created($"/api/v1/asset-checks/{v.Check.Id}", v)))
            .RequireAuthorization(Permissions.ProjectsImplement)
            .WithName("CreateAssetCheck").WithSummary("新建核查批次（列出该区县或乡镇未处置的资产）");
        g.MapPost("/lines/{lineId:long}/finding", async (long lineId, RecordFindingRequest r, ManageAssetChecksHandler h, CancellationToken ct) =>
                (await h.RecordFindingAsync(lineId, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsImplement)
            .WithName("RecordAssetFinding").WithSummary("登记核查结果（缺失、闲置、损毁生成整改事项）");
        g.MapPost("/{id:long}/close", async (long id, CloseAssetCheckRequest r, ManageAssetChecksHandler h, CancellationToken ct) =>
                (await h.CloseAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsImplement)
            .WithName("CloseAssetCheck").WithSummary("结束核查批次（须全部核查）");
        g.MapPost("/rectifications/{rectificationId:long}/done", async (long rectificationId, RectifyRequest r, ManageAssetChecksHandler h, CancellationToken ct) =>
                (await h.RectifyAsync(rectificationId, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsImplement)
            .WithName("RectifyAssetProblem").WithSummary("登记整改完成");
        g.MapPost("/rectifications/{rectificationId:long}/verify", async (long rectificationId, VerifyRectificationRequest r, ManageAssetChecksHandler h,
                CancellationToken ct) => (await h.VerifyAsync(rectificationId, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsReview)
            .WithName("VerifyAssetRectification").WithSummary("核实整改（passed：通过/退回重改；登记整改的人不能核实）");
    }
}
