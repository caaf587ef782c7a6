using Jingzhun.Web.Modules.Guarantees.Duties;
using Jingzhun.Web.Modules.Projects.ManageProjects;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.RecordIncome;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Projects.Assets;

public sealed record AssetQuery(string? Region, AssetClass? Class, AssetStatus? Status, long? ProjectId, string? Q, int? Page, int? PageSize);

public sealed record AssetRow(long Id, string Name, AssetClass Class, string RegionCode, string RegionPath, decimal Quantity, string Unit,
    decimal Value, AssetRecipient Owner, string Custodian, AssetStatus Status, long? ProjectId, long? HouseholdId, bool DisposalPending, int Version);

public sealed record AssetEventView(AssetStatus? From, AssetStatus To, string Note, DateTime At, string By);
public sealed record AssetCareView(AssetCareKind Kind, DateOnly On, string Finding, decimal Cost, DateTime At, string By,
    IReadOnlyList<Platform.Files.StoredFileView> Photos);
public sealed record DividendView(long HouseholdId, string HouseholdNumber, string HeadName, decimal Amount, bool InIncome);
public sealed record AssetIncomeView(long Id, int Year, decimal Amount, decimal ToCollective, decimal ToJobs, decimal ToHouseholds,
    DistributionStatus Status, string ProposedBy, DateTime ProposedAt, string? ApprovedBy, DateTime? ApprovedAt, DateOnly? PaidOn, string? PaidBy,
    IReadOnlyList<DividendView> Dividends, int Version);

/// <summary>An asset with its project, household, history, 管护 records and yearly incomes; what the reader may do now.</summary>
public sealed record AssetView(AssetRow Asset, string? ProjectName, string? HouseholdNumber, string? HouseholdHead, DateOnly RegisteredOn,
    string? DisposalReason, string? DisposalRequestedBy, IReadOnlyList<AssetEventView> History, IReadOnlyList<AssetCareView> Cares,
    IReadOnlyList<AssetIncomeView> Incomes, bool CanManage, bool CanDecideDisposal, bool CanApproveIncome, bool CanPayIncome,
    IReadOnlyList<DividendLine> SuggestedDividends, string? DutyNote);

/// <summary>One asset a project leaves at its 资产移交 (every field but the name may be left to its default).</summary>
public sealed record AssetLine(
    [property: Text(100, "资产名称", typeof(ProjectAsset), nameof(ProjectAsset.Name))] string Name,
    AssetClass? Class = null, decimal? Quantity = null,
    [property: Text(20, "计量单位", typeof(ProjectAsset), nameof(ProjectAsset.Unit))] string? Unit = null,
    decimal? Value = null,
    [property: Text(12, "资产所在村", typeof(ProjectAsset), nameof(ProjectAsset.RegionCode))] string? VillageCode = null, long? HouseholdId = null,
    [property: Text(50, "管护责任人", typeof(ProjectAsset), nameof(ProjectAsset.Custodian))] string? Custodian = null);

/// <summary>An asset of an older project registered by hand (登记存量资产).</summary>
public sealed record RegisterAssetRequest(
    [property: Text(100, "资产名称", typeof(ProjectAsset), nameof(ProjectAsset.Name))] string Name,
    AssetClass Class,
    [property: Text(12, "资产所在村", typeof(ProjectAsset), nameof(ProjectAsset.RegionCode))] string VillageCode, decimal Quantity,
    [property: Text(20, "计量单位", typeof(ProjectAsset), nameof(ProjectAsset.Unit))] string Unit,
    decimal Value, AssetRecipient Owner, long? HouseholdId,
    [property: Text(50, "管护责任人", typeof(ProjectAsset), nameof(ProjectAsset.Custodian))] string? Custodian, DateOnly RegisteredOn);

public sealed record UpdateAssetRequest(int Version, AssetStatus? Status,
    [property: Text(50, "管护责任人", typeof(ProjectAsset), nameof(ProjectAsset.Custodian))] string? Custodian,
    [property: Text(500, "说明", typeof(AssetEvent), nameof(AssetEvent.Note))] string? Note);

public sealed record AddCareRequest(int Version, AssetCareKind Kind, DateOnly On,
    [property: Text(500, "管护情况", typeof(AssetCare), nameof(AssetCare.Finding))] string Finding, decimal Cost,
    IReadOnlyList<string>? PhotoIds = null);

public sealed record RequestDisposalRequest(int Version,
    [property: Text(300, "处置原因", typeof(ProjectAsset), nameof(ProjectAsset.DisposalReason))] string Reason);

public sealed record DecideDisposalRequest(int Version, bool? Approve,
    [property: Text(300, "审批意见")] string? Note);

public sealed record DividendLine(long HouseholdId, decimal Amount);

public sealed record ProposeIncomeRequest(int Year, decimal Amount, decimal ToCollective, decimal ToJobs, IReadOnlyList<DividendLine>? Dividends);

public sealed record ApproveIncomeRequest(int Version);

public sealed record PayIncomeRequest(int Version, DateOnly PaidOn);

/// <summary>
/// 扶贫项目资产台账 (issue 17): the assets projects leave (created at 资产移交) or older ones registered by hand; their
/// status, custodian and 管护 records; disposal asked for and approved by different people; the yearly income of
/// 经营性 assets and its 分配方案, proposed, approved by someone else and paid: each household's dividend is added to
/// its 财产性收入 (其中：资产收益分红) of that year through the registry's own income use case, so the monitoring
/// sweep, the elimination check and the exit evaluation all read it.
/// </summary>
public sealed class ManageAssetsHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, SeparationOfDuties duties,
    RecordIncomeHandler incomes, Platform.Files.FileStore files, TimeProvider clock)
{
    public const int MaxDividends = 2000;
    public const string SelfDisposalMessage = "处置申请与审批须由不同的人办理：该处置由您申请，请由其他有审批职责的人员审批";
    public const string SelfIncomeMessage = "收益分配方案的拟定与审批须由不同的人办理：该方案由您拟定，请由其他有审批职责的人员审批";

    private DateOnly Today => ChinaTime.Today(clock);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Outcome<PageResult<AssetRow>>> SearchAsync(AssetQuery q, CancellationToken ct)
    {
        var filtered = Filter(q);
        if (!filtered.Succeeded) return filtered.Failure!;
        // By village (as a ledger is kept), newest entered first within a village: the (RegionCode, …) index yields the rows
        // in order and only one village's rows are sorted, so a page of a province costs what a page of a village does
        // (ordered by Id alone, SQLite sorted all 136,404 经营性 rows of the province). Counted up to “1,000+” past the
        // page: a province has 100,000s of assets and its exact count would cost more than the page.
        var page = await filtered.Value!.OrderBy(a => a.RegionCode).ThenByDescending(a => a.Id)
            .PageCappedAsync(Paging.Of(q.Page, q.PageSize), rows => rows.ToListAsync(ct), ct);
        return page.Select(Row);
    }

    public Outcome<IQueryable<ProjectAsset>> Filter(AssetQuery q)
    {
        var query = db.ProjectAssets.AsNoTracking();
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        if (region.Value is { } code) query = query.InRegion(code);
        if (q.Class is { } c) query = query.Where(a => a.Class == c);
        if (q.Status is { } s) query = query.Where(a => a.Status == s);
        if (q.ProjectId is { } p) query = query.Where(a => a.ProjectId == p);
        if (!string.IsNullOrWhiteSpace(q.Q)) query = query.Where(a => a.Name.Contains(q.Q.Trim()));
        return Outcome<IQueryable<ProjectAsset>>.From(query);
    }

    private AssetRow Row(ProjectAsset a) => new(a.Id, a.Name, a.Class, a.RegionCode, regions.ShortPath(a.RegionCode), a.Quantity, a.Unit, a.Value,
        a.Owner, a.Custodian, a.Status, a.ProjectId, a.HouseholdId, a.DisposalPending, a.Version);

    public async Task<Outcome<AssetView>> GetAsync(long id, CancellationToken ct)
    {
        var a = await db.ProjectAssets.AsNoTracking().Include(x => x.Events).Include(x => x.Cares).AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return Failure.NotFound("该资产");
        var projectName = a.ProjectId is { } pid
            ? await db.Projects.AsNoTracking().Where(p => p.Id == pid).Select(p => p.Name).FirstOrDefaultAsync(ct) : null;
        var planned = await db.AssetIncomes.AsNoTracking().Include(i => i.Dividends).Where(i => i.AssetId == id).OrderByDescending(i => i.Year)
            .ToListAsync(ct);
        var householdIds = planned.SelectMany(i => i.Dividends).Select(d => d.HouseholdId).Append(a.HouseholdId ?? 0).Distinct().ToList();
        var households = await db.Households.AsNoTracking().Where(h => householdIds.Contains(h.Id))
            .Select(h => new { h.Id, h.HouseholdNumber, h.HeadName }).ToDictionaryAsync(h => h.Id, ct);
        var views = planned.Select(i => new AssetIncomeView(i.Id, i.Year, i.Amount, i.ToCollective, i.ToJobs, i.Dividends.Sum(d => d.Amount), i.Status,
            i.ProposedBy, i.ProposedAt, i.ApprovedBy, i.ApprovedAt, i.PaidOn, i.PaidBy,
            // A household outside the reader's scope is counted in the totals but not named.
            i.Dividends.Where(d => households.ContainsKey(d.HouseholdId)).Select(d => new DividendView(d.HouseholdId,
                households[d.HouseholdId].HouseholdNumber, households[d.HouseholdId].HeadName, d.Amount, d.InIncome)).ToList(), i.Version)).ToList();
        string? dutyNote = null;
        var canDecide = a.DisposalPending && user.Has(Permissions.ProjectsApprove);
        if (canDecide && await RefusesAsync(a.RegionCode, a.DisposalRequestedBy, ct))
        {
            canDecide = false;
            dutyNote = SelfDisposalMessage;
        }
        var canApprove = user.Has(Permissions.ProjectsApprove) && views.Any(i => i.Status == DistributionStatus.Proposed);
        if (canApprove && views.First(i => i.Status == DistributionStatus.Proposed) is { } proposed && await RefusesAsync(a.RegionCode, proposed.ProposedBy, ct))
        {
            canApprove = false;
            dutyNote = SelfIncomeMessage;
        }
        var canManage = user.Has(Permissions.ProjectsImplement) && a.Status != AssetStatus.Disposed;
        var suggested = canManage && a.Class == AssetClass.Operating ? await SuggestedDividendsAsync(a, ct) : [];
        return new AssetView(Row(a), projectName, a.HouseholdId is { } hid && households.TryGetValue(hid, out var hh) ? hh.HouseholdNumber : null,
            a.HouseholdId is { } hid2 && households.TryGetValue(hid2, out var hh2) ? hh2.HeadName : null, a.RegisteredOn, a.DisposalReason,
            a.DisposalRequestedBy, a.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new AssetEventView(e.From, e.To, e.Note, e.At, e.By)).ToList(),
            await CareViewsAsync(a.Cares, ct),
            views, canManage, canDecide, canApprove, user.Has(Permissions.FundsManage) && views.Any(i => i.Status == DistributionStatus.Approved),
            suggested, dutyNote);
    }

    /// <summary>
    /// The households a distribution plan starts from: those the asset's project brings along by 入股分红, each with
    /// 0 (the page fills in equal shares of what is left for households).
    /// </summary>
    private async Task<IReadOnlyList<DividendLine>> SuggestedDividendsAsync(ProjectAsset a, CancellationToken ct)
    {
        if (a.ProjectId is not { } pid) return [];
        var ids = await db.Projects.AsNoTracking().Where(p => p.Id == pid).SelectMany(p => p.Beneficiaries)
            .Where(b => b.Benefit == BenefitKind.Dividends).Select(b => b.HouseholdId).ToListAsync(ct);
        var visible = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).OrderBy(h => h.HouseholdNumber).Select(h => h.Id).ToListAsync(ct);
        return visible.Select(h => new DividendLine(h, 0)).ToList();
    }

    /// <summary>Duties are separated per village by the county's policy; an asset above a village (a township's) always separates them.</summary>
    private Task<bool> RefusesAsync(string regionCode, string? firstBy, CancellationToken ct) =>
        duties.RefusesAsync(regionCode, firstBy, user.UserName, ct);

    private static Failure? CheckValue(decimal value, string field) =>
        value < 0 ? Failure.Invalid(field, "资产价值不能为负数")
        : decimal.Round(value, 2) != value ? Failure.Invalid(field, "资产价值最多保留两位小数（分）")
        : value >= 1_000_000_000_000m ? Failure.Invalid(field, "资产价值过大")
        : null;

    private static Failure? CheckQuantity(decimal quantity, string field) =>
        quantity <= 0 || quantity >= 1_000_000_000m || decimal.Round(quantity, 2) != quantity
            ? Failure.Invalid(field, "数量应大于0，最多保留两位小数") : null;

    /// <summary>
    /// The assets a project leaves at its 资产移交. Without lines: one asset named after the project, of the class its
    /// category suggests, worth what was paid (else its budget); handed to households, one 到户类 asset per beneficiary
    /// household, the value shared equally to the fen. Lines are checked: a village of the project, a 到户类 asset given to
    /// one of its households.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<ProjectAsset>>> FromProjectAsync(Project p, AssetRecipient recipient, IReadOnlyList<AssetLine>? lines,
        CancellationToken ct)
    {
        var now = Now;
        var today = Today;
        var note = $"项目 {p.Id} 资产移交登记";
        var beneficiaries = p.Beneficiaries.Select(b => b.HouseholdId).ToList();
        var villages = await db.Households.AsNoTracking().Where(h => beneficiaries.Contains(h.Id))
            .Select(h => new { h.Id, h.VillageCode }).ToDictionaryAsync(h => h.Id, h => h.VillageCode, ct);
        if (lines is not { Count: > 0 })
        {
            var paid = await db.FundPayments.AsNoTracking().Where(x => x.ProjectId == p.Id).Select(x => x.Amount).ToListAsync(ct);
            var value = paid.Count > 0 ? paid.Sum() : p.BudgetTotal;
            var cls = AssetRules.DefaultClass(p.Category, recipient);
            if (cls == AssetClass.Household)
            {
                var households = beneficiaries.Where(villages.ContainsKey).ToList();
                if (households.Count == 0) return Failure.Invalid("assets", "移交给受益户须有受益户：该项目未登记您可见的受益户，请逐项填写资产");
                var shares = AssetRules.EqualShares(value, households.Count);
                return households.Select((h, i) => ProjectAsset.Register(p.Id, p.Name, cls, villages[h], 1, "项", shares[i], recipient, h, "", today, now,
                    user.UserName, note)).ToList();
            }
            return new List<ProjectAsset> { ProjectAsset.Register(p.Id, p.Name, cls, p.RegionCode, 1, "项", value, recipient, null, "", today, now, user.UserName, note) };
        }
        if (lines.Count > 200) return Failure.Invalid("assets", "一个项目一次最多移交200项资产");
        var assets = new List<ProjectAsset>();
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            var f = $"assets[{i}]";
            if (string.IsNullOrWhiteSpace(l.Name)) return Failure.Invalid($"{f}.name", "请填写资产名称");
            var cls = l.Class ?? AssetRules.DefaultClass(p.Category, recipient);
            if (!Enum.IsDefined(cls)) return Failure.Invalid($"{f}.class", "请选择资产类别");
            var quantity = l.Quantity ?? 1;
            if (CheckQuantity(quantity, $"{f}.quantity") is { } badQ) return badQ;
            var value = l.Value ?? 0;
            if (CheckValue(value, $"{f}.value") is { } badV) return badV;
            var region = p.RegionCode;
            if (l.VillageCode is { Length: > 0 } v)
            {
                if (!p.Villages.Contains(v)) return Failure.Invalid($"{f}.villageCode", "资产所在村须是项目所在的村");
                region = v;
            }
            long? household = null;
            if (cls == AssetClass.Household)
            {
                if (l.HouseholdId is not { } h || !villages.TryGetValue(h, out var hv))
                    return Failure.Invalid($"{f}.householdId", "到户类资产须选择该项目的一户受益户");
                household = h;
                region = hv;
            }
            var owner = cls == AssetClass.Household ? AssetRecipient.Households
                : recipient == AssetRecipient.Households ? AssetRecipient.VillageCollective : recipient;
            assets.Add(ProjectAsset.Register(p.Id, l.Name, cls, region, quantity, string.IsNullOrWhiteSpace(l.Unit) ? "项" : l.Unit, value, owner,
                household, l.Custodian ?? "", today, now, user.UserName, note));
        }
        return assets;
    }

    public async Task<Outcome<AssetView>> RegisterAsync(RegisterAssetRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        if (string.IsNullOrWhiteSpace(r.Name)) return Failure.Invalid("name", "请填写资产名称");
        if (!Enum.IsDefined(r.Class)) return Failure.Invalid("class", "请选择资产类别");
        if (!RegionCodes.IsValid(r.VillageCode) || regions.Find(r.VillageCode) is not { Level: RegionLevel.Village })
            return Failure.Invalid("villageCode", "请选择资产所在的村");
        if (!user.CanSee(r.VillageCode)) return Failure.NotFound("该村");
        if (CheckQuantity(r.Quantity, "quantity") is { } badQ) return badQ;
        if (string.IsNullOrWhiteSpace(r.Unit)) return Failure.Invalid("unit", "请填写计量单位，如：座、亩、头、台");
        if (CheckValue(r.Value, "value") is { } badV) return badV;
        if (!Enum.IsDefined(r.Owner)) return Failure.Invalid("owner", "请选择确权后的所有者");
        if (!AssetRules.OwnerFits(r.Class, r.Owner))
            return Failure.Invalid("owner", r.Class == AssetClass.Household ? "到户类资产归受益户所有" : "只有到户类资产归受益户所有");
        if (r.RegisteredOn == default || r.RegisteredOn > Today) return Failure.Invalid("registeredOn", "登记日期不能晚于今天");
        if (r.Class == AssetClass.Household)
        {
            if (r.HouseholdId is not { } hid) return Failure.Invalid("householdId", "到户类资产须选择受益户");
            var village = await db.Households.AsNoTracking().Where(h => h.Id == hid).Select(h => h.VillageCode).FirstOrDefaultAsync(ct);
            if (village is null) return Failure.Invalid("householdId", "受益户不存在或不在您的管辖范围内");
            if (village != r.VillageCode) return Failure.Invalid("householdId", "受益户须在资产所在的村");
        }
        else if (r.HouseholdId is not null) return Failure.Invalid("householdId", "只有到户类资产登记受益户");
        var a = ProjectAsset.Register(null, r.Name, r.Class, r.VillageCode, r.Quantity, r.Unit, r.Value, r.Owner, r.HouseholdId, r.Custodian ?? "",
            r.RegisteredOn, Now, user.UserName, "登记存量资产");
        db.ProjectAssets.Add(a);
        await db.SaveChangesAsync(ct);
        return await GetAsync(a.Id, ct);
    }

    private async Task<Outcome<ProjectAsset>> LoadForEditAsync(long id, int version, CancellationToken ct)
    {
        var a = await db.ProjectAssets.Include(x => x.Events).Include(x => x.Cares).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return Failure.NotFound("该资产");
        if (Versions.Check(a, version, "该资产") is { } stale) return stale;
        if (a.Status == AssetStatus.Disposed) return Failure.Conflict("该资产已处置，只保留记录，不能再修改");
        return a;
    }

    private async Task<Outcome<AssetView>> SaveAsync(long id, CancellationToken ct) =>
        await db.SaveEditAsync("该资产", t => db.ProjectAssets.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, t), ct) is { } conflict
            ? conflict : await GetAsync(id, ct);

    public async Task<Outcome<AssetView>> UpdateAsync(long id, UpdateAssetRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var loaded = await LoadForEditAsync(id, r.Version, ct);
        if (!loaded.Succeeded) return loaded.Failure!;
        var a = loaded.Value!;
        if (r.Status is { } s && (!Enum.IsDefined(s) || s == AssetStatus.Disposed))
            return Failure.Invalid("status", s == AssetStatus.Disposed ? "资产处置须先申请处置并经审批" : "请选择资产状态");
        var custodian = r.Custodian?.Trim();
        if (r.Status is null && custodian is null) return Failure.Invalid("status", "请选择资产状态或填写管护责任人");
        if (r.Status is { } status && status != a.Status)
        {
            if (status is AssetStatus.Idle or AssetStatus.Inefficient or AssetStatus.Damaged && string.IsNullOrWhiteSpace(r.Note))
                return Failure.Invalid("note", $"资产变为“{Labels.Of(status)}”须写明情况");
            a.SetStatus(status, r.Note?.Trim() is { Length: > 0 } n ? n : $"状态变更为{Labels.Of(status)}", Now, user.UserName);
        }
        if (custodian is { Length: > 0 } && custodian != a.Custodian) a.SetCustodian(custodian, Now, user.UserName);
        return await SaveAsync(id, ct);
    }

    public async Task<Outcome<AssetView>> AddCareAsync(long id, AddCareRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var loaded = await LoadForEditAsync(id, r.Version, ct);
        if (!loaded.Succeeded) return loaded.Failure!;
        if (!Enum.IsDefined(r.Kind)) return Failure.Invalid("kind", "请选择管护类型");
        if (r.On == default || r.On > Today) return Failure.Invalid("on", "管护日期不能晚于今天");
        if (r.On < loaded.Value!.RegisteredOn) return Failure.Invalid("on", $"管护日期不能早于资产登记日期（{loaded.Value.RegisteredOn:yyyy-MM-dd}）");
        if (string.IsNullOrWhiteSpace(r.Finding)) return Failure.Invalid("finding", "请填写管护情况");
        if (r.Cost < 0 || decimal.Round(r.Cost, 2) != r.Cost || r.Cost >= 1_000_000_000m)
            return Failure.Invalid("cost", "管护费用应为不小于0的金额（最多两位小数）");
        var photos = await files.CheckPhotosAsync(r.PhotoIds, MaxCarePhotos, "管护照片", ct);
        if (!photos.Succeeded) return photos.Failure!;
        loaded.Value.AddCare(r.Kind, r.On, r.Finding, r.Cost, photos.Value!, Now, user.UserName);
        return await SaveAsync(id, ct);
    }

    public const int MaxCarePhotos = 9;

    /// <summary>The 管护 records, newest first, each with its photos (looked up once for all of them).</summary>
    private async Task<List<AssetCareView>> CareViewsAsync(IReadOnlyList<AssetCare> cares, CancellationToken ct)
    {
        var ids = cares.SelectMany(c => c.Photos).Distinct().ToList();
        var stored = ids.Count == 0 ? [] : (await files.FindAsync(ids, ct)).ToDictionary(f => f.Id);
        return cares.OrderByDescending(c => c.On).ThenByDescending(c => c.Id)
            .Select(c => new AssetCareView(c.Kind, c.On, c.Finding, c.Cost, c.At, c.By,
                c.Photos.Where(stored.ContainsKey).Select(p => stored[p]).ToList())).ToList();
    }

    public async Task<Outcome<AssetView>> RequestDisposalAsync(long id, RequestDisposalRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var loaded = await LoadForEditAsync(id, r.Version, ct);
        if (!loaded.Succeeded) return loaded.Failure!;
        if (loaded.Value!.DisposalPending) return Failure.Conflict("该资产已有待审批的处置申请");
        if (string.IsNullOrWhiteSpace(r.Reason)) return Failure.Invalid("reason", "请填写处置原因，如：损毁无修复价值、拍卖转让");
        loaded.Value.RequestDisposal(r.Reason, Now, user.UserName);
        return await SaveAsync(id, ct);
    }

    public async Task<Outcome<AssetView>> DecideDisposalAsync(long id, DecideDisposalRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var loaded = await LoadForEditAsync(id, r.Version, ct);
        if (!loaded.Succeeded) return loaded.Failure!;
        var a = loaded.Value!;
        if (!a.DisposalPending) return Failure.Conflict("该资产没有待审批的处置申请");
        if (r.Approve is not { } approve) return Failure.Invalid("approve", "请选择同意或不同意处置");
        if (await RefusesAsync(a.RegionCode, a.DisposalRequestedBy, ct)) return Failure.Forbidden(SelfDisposalMessage);
        if (approve) a.ApproveDisposal(r.Note?.Trim() ?? "", Now, user.UserName);
        else a.RejectDisposal(r.Note?.Trim() ?? "", Now, user.UserName);
        return await SaveAsync(id, ct);
    }

    public async Task<Outcome<AssetView>> ProposeIncomeAsync(long id, ProposeIncomeRequest r, CancellationToken ct)
    {
        var a = await db.ProjectAssets.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return Failure.NotFound("该资产");
        if (a.Class != AssetClass.Operating) return Failure.Conflict($"只有经营性资产登记收益和分配方案，该资产为{Labels.Of(a.Class)}");
        if (a.Status == AssetStatus.Disposed) return Failure.Conflict("该资产已处置，不能再登记收益");
        var thisYear = Today.Year;
        if (r.Year < a.RegisteredOn.Year || r.Year > thisYear) return Failure.Invalid("year", $"收益年度应在{a.RegisteredOn.Year}至{thisYear}年之间");
        if (ManageProjectsHandler.CheckMoney(r.Amount, "amount", "收益金额") is { } badAmount) return badAmount;
        foreach (var (v, f, l) in new[] { (r.ToCollective, "toCollective", "分配给村集体的金额"), (r.ToJobs, "toJobs", "用于公益性岗位的金额") })
            if (v != 0 && ManageProjectsHandler.CheckMoney(v, f, l) is { } bad) return bad;
        var lines = r.Dividends ?? [];
        if (lines.Count > MaxDividends) return Failure.Invalid("dividends", $"分红户一次最多{MaxDividends}户");
        for (var i = 0; i < lines.Count; i++)
            if (ManageProjectsHandler.CheckMoney(lines[i].Amount, $"dividends[{i}].amount", "分红金额") is { } bad) return bad;
        if (lines.Select(d => d.HouseholdId).Distinct().Count() != lines.Count) return Failure.Invalid("dividends", "同一户只能列一次");
        if (AssetRules.CheckPlan(r.Amount, r.ToCollective, r.ToJobs, lines.Select(d => d.Amount).ToList()) is { } planError)
            return Failure.Invalid("dividends", planError);
        var ids = lines.Select(d => d.HouseholdId).ToList();
        var found = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).Select(h => new { h.Id, h.VillageCode }).ToListAsync(ct);
        if (found.Count != ids.Count) return Failure.Invalid("dividends", "分红户不存在或不在您的管辖范围内");
        if (found.FirstOrDefault(h => !h.VillageCode.StartsWith(a.RegionCode, StringComparison.Ordinal)) is { } outside)
            return Failure.Invalid("dividends", $"分红户须在资产所在地：{regions.NameOf(outside.VillageCode)}的农户不在范围内");
        if (await db.AssetIncomes.AnyAsync(i => i.AssetId == id && i.Year == r.Year, ct))
            return Failure.Conflict($"该资产{r.Year}年的收益已登记，一年只登记一次");
        db.AssetIncomes.Add(AssetIncome.Propose(a, r.Year, r.Amount, r.ToCollective, r.ToJobs, lines.Select(d => (d.HouseholdId, d.Amount)), Now,
            user.UserName));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return Failure.Conflict($"该资产{r.Year}年的收益已由他人同时登记，请刷新后查看");
        }
        return await GetAsync(id, ct);
    }

    public async Task<Outcome<AssetView>> ApproveIncomeAsync(long incomeId, ApproveIncomeRequest r, CancellationToken ct)
    {
        var i = await db.AssetIncomes.FirstOrDefaultAsync(x => x.Id == incomeId, ct);
        if (i is null) return Failure.NotFound("该收益分配方案");
        if (Versions.Check(i, r.Version, "该收益分配方案") is { } stale) return stale;
        if (i.Status != DistributionStatus.Proposed) return Failure.Conflict($"该方案当前为“{Labels.Of(i.Status)}”，不能再审批");
        if (await RefusesAsync(i.RegionCode, i.ProposedBy, ct)) return Failure.Forbidden(SelfIncomeMessage);
        i.Approve(Now, user.UserName);
        if (await db.SaveEditAsync("该收益分配方案", t => db.AssetIncomes.AsNoTracking().FirstOrDefaultAsync(x => x.Id == incomeId, t), ct) is { } conflict)
            return conflict;
        return await GetAsync(i.AssetId, ct);
    }

    /// <summary>
    /// 发放: the plan is marked paid and each household's dividend is added to its 财产性收入 and 资产收益分红 of the
    /// plan's year, all in one transaction (a refused income rolls the whole payment back). A household with no income
    /// record for that year keeps its dividend on the plan, marked not yet in its income: an income record made of a
    /// dividend alone would read as a collapse of the household's income and raise a false risk lead.
    /// </summary>
    public async Task<Outcome<(AssetView View, int InIncome, int Pending)>> PayIncomeAsync(long incomeId, PayIncomeRequest r, CancellationToken ct)
    {
        var i = await db.AssetIncomes.Include(x => x.Dividends).FirstOrDefaultAsync(x => x.Id == incomeId, ct);
        if (i is null) return Failure.NotFound("该收益分配方案");
        if (Versions.Check(i, r.Version, "该收益分配方案") is { } stale) return stale;
        if (i.Status != DistributionStatus.Approved)
            return Failure.Conflict(i.Status == DistributionStatus.Paid ? "该方案已发放" : "该方案尚未审批，审批后才能发放");
        if (r.PaidOn == default || r.PaidOn > Today) return Failure.Invalid("paidOn", "发放日期不能晚于今天");
        if (r.PaidOn.Year < i.Year) return Failure.Invalid("paidOn", $"发放日期不能早于收益年度（{i.Year}年）");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        i.Pay(r.PaidOn, Now, user.UserName);
        if (await db.SaveEditAsync("该收益分配方案", t => db.AssetIncomes.AsNoTracking().FirstOrDefaultAsync(x => x.Id == incomeId, t), ct) is { } conflict)
            return conflict;
        var ids = i.Dividends.Select(d => d.HouseholdId).ToList();
        var records = await db.Incomes.AsNoTracking().Where(x => ids.Contains(x.HouseholdId) && x.Year == i.Year).ToListAsync(ct);
        var inIncome = 0;
        foreach (var d in i.Dividends.OrderBy(d => d.HouseholdId))
        {
            if (records.FirstOrDefault(x => x.HouseholdId == d.HouseholdId) is not { } record) continue;
            var lines = record.ToLines() with
            {
                PropertyIncome = record.PropertyIncome + d.Amount,
                AssetDividendIncome = record.AssetDividendIncome + d.Amount,
                Version = record.Version,
            };
            var saved = await incomes.SaveAsync(d.HouseholdId, i.Year, lines, ct);
            if (!saved.Succeeded)
            {
                await tx.RollbackAsync(ct);
                return Failure.Conflict($"分红计入户 {d.HouseholdId} 的{i.Year}年收入时未能保存：{saved.Failure!.Message}；本次发放未登记，请处理后重试");
            }
            d.InIncome = true;
            inIncome++;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var view = await GetAsync(i.AssetId, ct);
        return (view.Value!, inIncome, i.Dividends.Count - inIncome);
    }

    public async Task<Outcome<IResult>> ExportAsync(AssetQuery q, CancellationToken ct)
    {
        var filtered = Filter(q);
        if (!filtered.Succeeded) return filtered.Failure!;
        var assets = await filtered.Value!.OrderBy(a => a.RegionCode).ThenBy(a => a.Id).Take(200_000).ToListAsync(ct);
        // The household numbers of the 到户类 assets: with the village code, an export re-imports unchanged (Import).
        var ids = assets.Where(a => a.HouseholdId is not null).Select(a => a.HouseholdId!.Value).Distinct().ToList();
        var numbers = new Dictionary<long, string>();
        foreach (var chunk in ids.Chunk(1000))
            foreach (var h in await db.Households.AsNoTracking().Where(h => chunk.Contains(h.Id)).Select(h => new { h.Id, h.HouseholdNumber }).ToListAsync(ct))
                numbers[h.Id] = h.HouseholdNumber;
        var rows = assets.Select(a => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["资产编号"] = a.Id, ["资产名称"] = a.Name, ["资产类别"] = Labels.Of(a.Class), ["所在村代码"] = a.RegionCode,
            ["所在地区"] = regions.ShortPath(a.RegionCode), ["受益户编号"] = a.HouseholdId is { } hid ? numbers.GetValueOrDefault(hid) : null,
            ["数量"] = a.Quantity, ["单位"] = a.Unit, ["资产价值(元)"] = a.Value, ["所有者"] = Labels.Of(a.Owner), ["管护责任人"] = a.Custodian,
            ["状态"] = Labels.Of(a.Status), ["来源项目编号"] = a.ProjectId, ["登记日期"] = a.RegisteredOn.ToString("yyyy-MM-dd"),
        }).ToList();
        var name = $"扶贫项目资产台账_{regions.NameOf(q.Region ?? user.RegionCode ?? "")}_{Today:yyyyMMdd}.xlsx";
        return Outcome<IResult>.From(await ExcelFile.ResultAsync(rows, "资产台账", name, ct));
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/assets").WithTags("扶贫项目资产");
        g.MapGet("", async ([AsParameters] AssetQuery q, ManageAssetsHandler h, CancellationToken ct) => (await h.SearchAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsView)
            .WithName("SearchAssets").WithSummary("资产台账（筛选：region、class、status、projectId、q）");
        g.MapGet("/export", async ([AsParameters] AssetQuery q, ManageAssetsHandler h, CancellationToken ct) => (await h.ExportAsync(q, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.ProjectsView)
            .ProducesFile().WithName("ExportAssets").WithSummary("导出资产台账（Excel）");
        g.MapGet("/{id:long}", async (long id, ManageAssetsHandler h, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsView)
            .WithName("GetAsset").WithSummary("资产详情：管护、状态变更、收益与分配");
        g.MapPost("", async (RegisterAssetRequest r, ManageAssetsHandler h, CancellationToken ct) =>
                (await h.RegisterAsync(r, ct)).ToHttp(a => TypedResults.Created($"/api/v1/assets/{a.Asset.Id}", a)))
            .RequireAuthorization(Permissions.ProjectsImplement)
            .WithName("RegisterAsset").WithSummary("登记存量资产");
        g.MapPost("/{id:long}/update", async (long id, UpdateAssetRequest r, ManageAssetsHandler h, CancellationToken ct) =>
                (await h.UpdateAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsImplement)
            .WithName("UpdateAsset").WithSummary("变更资产状态或管护责任人");
        g.MapPost("/{id:long}/cares", async (long id, AddCareRequest r, ManageAssetsHandler h, CancellationToken ct) =>
                (await h.AddCareAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsImplement)
            .WithName("AddAssetCare").WithSummary("登记管护记录（巡查、维修、养护）");
        g.MapPost("/{id:long}/disposal", async (long id, RequestDisposalRequest r, ManageAssetsHandler h, CancellationToken ct) =>
                (await h.RequestDisposalAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsImplement)
            .WithName("RequestAssetDisposal").WithSummary("申请处置资产");
        g.MapPost("/{id:long}/disposal/decision", async (long id, DecideDisposalRequest r, ManageAssetsHandler h, CancellationToken ct) =>
                (await h.DecideDisposalAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsApprove)
            .WithName("DecideAssetDisposal").WithSummary("审批资产处置（approve：同意/不同意）");
        g.MapPost("/{id:long}/incomes", async (long id, ProposeIncomeRequest r, ManageAssetsHandler h, CancellationToken ct) =>
                (await h.ProposeIncomeAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsImplement)
            .WithName("ProposeAssetIncome").WithSummary("登记经营性资产年度收益及分配方案（村集体、公益性岗位、分红到户，合计须等于收益）");
        g.MapPost("/incomes/{incomeId:long}/approve", async (long incomeId, ApproveIncomeRequest r, ManageAssetsHandler h, CancellationToken ct) =>
                (await h.ApproveIncomeAsync(incomeId, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsApprove)
            .WithName("ApproveAssetIncome").WithSummary("审批收益分配方案");
        g.MapPost("/incomes/{incomeId:long}/pay", async (long incomeId, PayIncomeRequest r, ManageAssetsHandler h, CancellationToken ct) =>
                (await h.PayIncomeAsync(incomeId, r, ct)).ToHttp(x => TypedResults.Ok(new { x.View, x.InIncome, x.Pending })))
            .RequireAuthorization(Permissions.FundsManage)
            .WithName("PayAssetIncome").WithSummary("发放收益：分红计入各户当年财产性收入（资产收益分红）");
    }
}
