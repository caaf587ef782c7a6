using Jingzhun.Web.Modules.Projects;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Partners.Cooperation;

public sealed record PartnershipQuery(string? Region, PartnershipKind? Kind, PartnershipStatus? Status, int? Page, int? PageSize);

/// <summary>A partnership in a list; <c>PartnerProvince</c>: the province of a 东西部协作 partner.</summary>
public sealed record PartnershipRow(long Id, PartnershipKind Kind, string PartnerName, string? PartnerRegionCode, string? PartnerProvince,
    string CountyCode, string CountyName, int SinceYear, string ContactUnit, PartnershipStatus Status, int Version);

/// <summary>An agreement of a partnership with its completion summary (indicators completed of those with a target).</summary>
public sealed record AgreementRow(long Id, int Year, string Title, DateOnly? SignedOn, int Assessed, int Completed);

public sealed record PartnershipView(PartnershipRow Partnership, DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, string UpdatedBy,
    IReadOnlyList<AgreementRow> Agreements);

/// <summary>
/// One indicator of an agreement: target, the manual deliveries' sum, the figure the system derives (null: none for this
/// indicator), which one counts, the rate (delivered ÷ target, unrounded) and whether it is complete.
/// </summary>
public sealed record IndicatorLine(CooperationIndicator Indicator, string Label, string Unit, bool Money, decimal? Target, decimal Manual,
    decimal? Derived, string? DerivedRule, decimal Delivered, bool DerivedCounted, decimal? Rate, string RateText, bool Assessed, bool Completed);

public sealed record FundedProject(long Id, string Name, bool CarriesPartnerFunds);

public sealed record DeliveryRow(long Id, CooperationIndicator Indicator, string Label, string Unit, decimal Amount, DateOnly DeliveredOn, string Note,
    IReadOnlyList<FundedProject> Projects, DateTime RecordedAt, string RecordedBy);

public sealed record AgreementView(long Id, int Year, string Title, DateOnly? SignedOn, int Version, PartnershipRow Partnership,
    IReadOnlyList<IndicatorLine> Indicators, int Assessed, int Completed, IReadOnlyList<DeliveryRow> Deliveries, DateTime UpdatedAt, string UpdatedBy);

/// <summary>登记结对关系: the helped county, kind, the helping side, since when, the county's contact unit.</summary>
public sealed record CreatePartnershipRequest(
    [property: Text(6, "受援区县", typeof(Partnership), nameof(Partnership.CountyCode))] string? CountyCode,
    PartnershipKind? Kind,
    [property: Text(100, "帮扶方名称", typeof(Partnership), nameof(Partnership.PartnerName))] string? PartnerName,
    [property: Text(6, "帮扶方区划代码", typeof(Partnership), nameof(Partnership.PartnerRegionCode))] string? PartnerRegionCode,
    int? SinceYear,
    [property: Text(100, "联络单位", typeof(Partnership), nameof(Partnership.ContactUnit))] string? ContactUnit,
    PartnershipStatus? Status = null);

/// <summary>修改结对关系 on the version read (the helped county does not change).</summary>
public sealed record EditPartnershipRequest(
    PartnershipKind? Kind,
    [property: Text(100, "帮扶方名称", typeof(Partnership), nameof(Partnership.PartnerName))] string? PartnerName,
    [property: Text(6, "帮扶方区划代码", typeof(Partnership), nameof(Partnership.PartnerRegionCode))] string? PartnerRegionCode,
    int? SinceYear,
    [property: Text(100, "联络单位", typeof(Partnership), nameof(Partnership.ContactUnit))] string? ContactUnit,
    PartnershipStatus? Status, int Version);

/// <summary>签订年度协议: one per partnership and year.</summary>
public sealed record CreateAgreementRequest(int? Year,
    [property: Text(100, "协议名称或文号", typeof(CooperationAgreement), nameof(CooperationAgreement.Title))] string? Title,
    DateOnly? SignedOn = null);

public sealed record TargetItem(CooperationIndicator Indicator, decimal? Target);

/// <summary>设定年度目标: the indicators listed with a target get it; those left out (or empty) are not assessed.</summary>
public sealed record SetTargetsRequest(IReadOnlyList<TargetItem>? Targets, int Version);

/// <summary>登记到位情况: an amount (万元 or count) of an indicator on a date, with 文号 or note, and for money the projects it funded.</summary>
public sealed record RecordDeliveryRequest(CooperationIndicator? Indicator, decimal? Amount, DateOnly? DeliveredOn,
    [property: Text(200, "文号或说明", typeof(CooperationDelivery), nameof(CooperationDelivery.Note))] string? Note,
    IReadOnlyList<long>? ProjectIds = null);

/// <summary>
/// 东西部协作 and 定点帮扶 (issue 15): partnerships of a helped county, their yearly agreements with targets per indicator,
/// deliveries against them, and the completion per indicator (<see cref="CompletionRules"/>), with figures the system
/// already knows derived by the <see cref="IDerivedIndicatorSource"/>s. Partnerships are county business: they are scoped
/// to the helped county (township and village users see none), and writing needs partners.manage and a county-level
/// (or higher) account.
/// </summary>
public sealed class ManageCooperationHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, TimeProvider clock,
    IEnumerable<IDerivedIndicatorSource> sources)
{
    private const string ThePartnership = "该结对关系";
    private const string TheAgreement = "该协作协议";

    /// <summary>Township and village accounts may not write: partnerships, agreements and deliveries are the county's.</summary>
    private Failure? CountyLevel() => user.RegionCode is { Length: <= 6 } ? null
        : Failure.Forbidden("东西部协作和定点帮扶由区县（及以上）管理，乡镇、村级账号不能登记或修改");

    private PartnershipRow RowOf(Partnership p) => new(p.Id, p.Kind, p.PartnerName, p.PartnerRegionCode, Provinces.NameOf(p.PartnerRegionCode),
        p.CountyCode, regions.NameOf(p.CountyCode), p.SinceYear, p.ContactUnit, p.Status, p.Version);

    public async Task<Outcome<PageResult<PartnershipRow>>> SearchAsync(PartnershipQuery q, CancellationToken ct)
    {
        var query = db.Partnerships.AsNoTracking();
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        if (region.Value is { } code) query = query.InRegion(code[..Math.Min(code.Length, 6)]);
        if (q.Kind is { } k)
        {
            if (!Enum.IsDefined(k)) return Failure.Invalid("kind", "结对类型无效，可选：东西部协作、定点帮扶");
            query = query.Where(p => p.Kind == k);
        }
        if (q.Status is { } s)
        {
            if (!Enum.IsDefined(s)) return Failure.Invalid("status", "状态无效，可选：协作中、已结束");
            query = query.Where(p => p.Status == s);
        }
        var page = await query.OrderBy(p => p.CountyCode).ThenBy(p => p.Kind).ThenBy(p => p.Id).PageAsync(Paging.Of(q.Page, q.PageSize), ct);
        return new PageResult<PartnershipRow>(page.Items.Select(RowOf).ToList(), page.Page, page.PageSize, page.Total, page.Capped);
    }

    public async Task<Outcome<PartnershipView>> GetAsync(long id, CancellationToken ct)
    {
        var p = await db.Partnerships.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return Failure.NotFound(ThePartnership);
        var agreements = await db.CooperationAgreements.AsNoTracking().Include(a => a.Targets).Where(a => a.PartnershipId == id)
            .OrderByDescending(a => a.Year).ToListAsync(ct);
        var rows = new List<AgreementRow>();
        foreach (var a in agreements)
        {
            var lines = await CompletionAsync(p, a, ct);
            rows.Add(new AgreementRow(a.Id, a.Year, a.Title, a.SignedOn, lines.Count(l => l.Assessed), lines.Count(l => l.Completed)));
        }
        return new PartnershipView(RowOf(p), p.CreatedAt, p.CreatedBy, p.UpdatedAt, p.UpdatedBy, rows);
    }

    private Outcome<PartnershipFacts> FactsOf(PartnershipKind? kind, string? partnerName, string? partnerRegion, int? sinceYear, string? contactUnit,
        PartnershipStatus? status)
    {
        if (kind is not { } k || !Enum.IsDefined(k)) return Failure.Invalid("kind", "请选择结对类型（东西部协作或定点帮扶）");
        if (string.IsNullOrWhiteSpace(partnerName)) return Failure.Invalid("partnerName", k == PartnershipKind.EastWest
            ? "请填写帮扶方（东部协作市或区县的名称，如：山东省潍坊市寿光市）" : "请填写帮扶方（中央单位名称）");
        var code = string.IsNullOrWhiteSpace(partnerRegion) ? null : partnerRegion.Trim();
        if (k == PartnershipKind.EastWest)
        {
            if (code is null) return Failure.Invalid("partnerRegionCode", "东西部协作请填写帮扶方的行政区划代码（市4位或区县6位，如寿光市370783）");
            if (code.Length is not (4 or 6) || !code.All(char.IsAsciiDigit) || Provinces.NameOf(code) is null)
                return Failure.Invalid("partnerRegionCode", "帮扶方行政区划代码应为4位（市）或6位（区县）数字，且前两位为有效的省级代码");
        }
        else if (code is not null) return Failure.Invalid("partnerRegionCode", "定点帮扶的帮扶方是中央单位，不填行政区划代码");
        var thisYear = ChinaTime.Today(clock).Year;
        if (sinceYear is not { } y || y < 1996 || y > thisYear + 1) return Failure.Invalid("sinceYear", $"结对起始年度应在1996至{thisYear + 1}年之间");
        if (string.IsNullOrWhiteSpace(contactUnit)) return Failure.Invalid("contactUnit", "请填写本县联络单位（如：区乡村振兴局）");
        var s = status ?? PartnershipStatus.Active;
        if (!Enum.IsDefined(s)) return Failure.Invalid("status", "状态无效，可选：协作中、已结束");
        return new PartnershipFacts(k, partnerName, code, y, contactUnit, s);
    }

    public async Task<Outcome<PartnershipView>> CreateAsync(CreatePartnershipRequest r, CancellationToken ct)
    {
        if (CountyLevel() is { } refused) return refused;
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var county = (r.CountyCode ?? "").Trim();
        if (county.Length == 0 && user.RegionCode is { Length: 6 } own) county = own;
        if (regions.Find(county) is not { Level: RegionLevel.County }) return Failure.Invalid("countyCode", "请选择受援区县（区县级区划）");
        if (!user.CanSee(county)) return Failure.NotFound("该区县");
        var facts = FactsOf(r.Kind, r.PartnerName, r.PartnerRegionCode, r.SinceYear, r.ContactUnit, r.Status);
        if (!facts.Succeeded) return facts.Failure!;
        if (facts.Value!.PartnerRegionCode is { } pc && pc[..2] == county[..2])
            return Failure.Invalid("partnerRegionCode", "东西部协作的帮扶方应为外省（如山东省）的市或区县");
        var p = Partnership.Register(county, facts.Value, clock.GetUtcNow().UtcDateTime, user.UserName);
        db.Partnerships.Add(p);
        await db.SaveChangesAsync(ct);
        return await GetAsync(p.Id, ct);
    }

    public async Task<Outcome<PartnershipView>> EditAsync(long id, EditPartnershipRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var p = await db.Partnerships.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return Failure.NotFound(ThePartnership);
        if (CountyLevel() is { } refused) return refused;
        if (Versions.Check(p, r.Version, ThePartnership) is { } stale) return stale;
        var facts = FactsOf(r.Kind, r.PartnerName, r.PartnerRegionCode, r.SinceYear, r.ContactUnit, r.Status);
        if (!facts.Succeeded) return facts.Failure!;
        if (facts.Value!.PartnerRegionCode is { } pc && pc[..2] == p.CountyCode[..2])
            return Failure.Invalid("partnerRegionCode", "东西部协作的帮扶方应为外省（如山东省）的市或区县");
        p.Edit(facts.Value, clock.GetUtcNow().UtcDateTime, user.UserName);
        if (await db.SaveEditAsync(ThePartnership, c => db.Partnerships.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, c), ct) is { } failed) return failed;
        return await GetAsync(id, ct);
    }

    public async Task<Outcome<AgreementView>> CreateAgreementAsync(long partnershipId, CreateAgreementRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var p = await db.Partnerships.AsNoTracking().FirstOrDefaultAsync(x => x.Id == partnershipId, ct);
        if (p is null) return Failure.NotFound(ThePartnership);
        if (CountyLevel() is { } refused) return refused;
        var thisYear = ChinaTime.Today(clock).Year;
        if (r.Year is not { } year || year < p.SinceYear || year > thisYear + 1)
            return Failure.Invalid("year", $"协议年度应在结对起始年度（{p.SinceYear}年）至{thisYear + 1}年之间");
        if (string.IsNullOrWhiteSpace(r.Title)) return Failure.Invalid("title", "请填写协议名称或文号");
        if (r.SignedOn is { } signed && (signed.Year < year - 1 || signed.Year > year || signed > ChinaTime.Today(clock)))
            return Failure.Invalid("signedOn", "签订日期应在协议年度或其上一年内，且不能晚于今天");
        if (await db.CooperationAgreements.AnyAsync(a => a.PartnershipId == partnershipId && a.Year == year, ct))
            return Failure.Invalid("year", $"{year}年的协作协议已登记，请在该协议中设定目标");
        var a = CooperationAgreement.Sign(p, year, r.Title, r.SignedOn, clock.GetUtcNow().UtcDateTime, user.UserName);
        db.CooperationAgreements.Add(a);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return Failure.Invalid("year", $"{year}年的协作协议已登记，请在该协议中设定目标");
        }
        return await GetAgreementAsync(a.Id, ct);
    }

    public async Task<Outcome<AgreementView>> GetAgreementAsync(long id, CancellationToken ct)
    {
        var a = await db.CooperationAgreements.AsNoTracking().Include(x => x.Targets).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return Failure.NotFound(TheAgreement);
        var p = await db.Partnerships.AsNoTracking().FirstAsync(x => x.Id == a.PartnershipId, ct);
        var lines = await CompletionAsync(p, a, ct);
        var deliveries = await db.CooperationDeliveries.AsNoTracking().Where(d => d.AgreementId == id)
            .OrderByDescending(d => d.DeliveredOn).ThenByDescending(d => d.Id).ToListAsync(ct);
        var projectIds = deliveries.SelectMany(d => d.Projects).Distinct().ToArray();
        var source = FundSourceOf(p.Kind);
        var projects = projectIds.Length == 0 ? [] : await db.Projects.AsNoTracking().Where(x => EF.Parameter(projectIds).Contains(x.Id))
            .Select(x => new FundedProject(x.Id, x.Name, x.Budgets.Any(b => b.Source == source))).ToDictionaryAsync(x => x.Id, ct);
        var rows = deliveries.Select(d => new DeliveryRow(d.Id, d.Indicator, Labels.Of(d.Indicator), CooperationIndicators.Of(d.Indicator).Unit, d.Amount,
            d.DeliveredOn, d.Note, d.Projects.Where(projects.ContainsKey).Select(x => projects[x]).ToList(), d.RecordedAt, d.RecordedBy)).ToList();
        return new AgreementView(a.Id, a.Year, a.Title, a.SignedOn, a.Version, RowOf(p), lines, lines.Count(l => l.Assessed), lines.Count(l => l.Completed),
            rows, a.UpdatedAt, a.UpdatedBy);
    }

    /// <summary>The fund source a partner's money carries in the project library.</summary>
    public static FundSource FundSourceOf(PartnershipKind kind) => kind == PartnershipKind.EastWest ? FundSource.EastWest : FundSource.CentralUnits;

    /// <summary>
    /// The completion of every indicator: its target, the manual deliveries summed, the derived figure of the source that
    /// derives it (if any), the figure that counts (<see cref="CompletionRules.Counted"/>), the rate and 完成.
    /// </summary>
    private async Task<List<IndicatorLine>> CompletionAsync(Partnership p, CooperationAgreement a, CancellationToken ct)
    {
        var manual = await db.CooperationDeliveries.AsNoTracking().Where(d => d.AgreementId == a.Id)
            .GroupBy(d => d.Indicator).Select(g => new { g.Key, Sum = g.Sum(d => d.Amount) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var scope = new AgreementScope(a.Id, p.Id, p.Kind, p.CountyCode, a.Year, p.PartnerRegionCode);
        var derived = new Dictionary<CooperationIndicator, decimal>();
        var rules = new Dictionary<CooperationIndicator, string>();
        foreach (var s in sources)
        {
            foreach (var (i, v) in await s.DeriveAsync(scope, ct)) derived[i] = v;
            foreach (var (i, rule) in s.Rules) rules[i] = rule;
        }
        var targets = a.Targets.ToDictionary(t => t.Indicator, t => t.Target);
        return CooperationIndicators.All.Select(info =>
        {
            decimal? target = targets.TryGetValue(info.Indicator, out var t) ? t : null;
            var m = manual.GetValueOrDefault(info.Indicator);
            decimal? d = derived.TryGetValue(info.Indicator, out var dv) ? dv : null;
            var (delivered, counted) = CompletionRules.Counted(m, d);
            var rate = CompletionRules.Rate(target, delivered);
            return new IndicatorLine(info.Indicator, info.Label, info.Unit, info.Money, target, m, d, d is null ? null : rules.GetValueOrDefault(info.Indicator),
                delivered, counted, rate, CompletionRules.Display(rate), CompletionRules.Assessed(target), CompletionRules.Completed(target, delivered));
        }).ToList();
    }

    public async Task<Outcome<AgreementView>> SetTargetsAsync(long id, SetTargetsRequest r, CancellationToken ct)
    {
        var a = await db.CooperationAgreements.Include(x => x.Targets).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return Failure.NotFound(TheAgreement);
        if (CountyLevel() is { } refused) return refused;
        if (Versions.Check(a, r.Version, TheAgreement) is { } stale) return stale;
        var targets = new Dictionary<CooperationIndicator, decimal>();
        foreach (var item in r.Targets ?? [])
        {
            if (item is null || !Enum.IsDefined(item.Indicator)) return Failure.Invalid("targets", "指标无效");
            if (item.Target is not { } value) continue;
            if (targets.ContainsKey(item.Indicator)) return Failure.Invalid("targets", $"{Labels.Of(item.Indicator)}重复填写");
            if (CooperationIndicators.CheckFigure(item.Indicator, value, "目标") is { } bad) return Failure.Invalid("targets", bad);
            if (value > 0) targets[item.Indicator] = value;
        }
        a.SetTargets(targets, clock.GetUtcNow().UtcDateTime, user.UserName);
        if (await db.SaveEditAsync(TheAgreement, c => db.CooperationAgreements.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, c), ct) is { } failed) return failed;
        return await GetAgreementAsync(id, ct);
    }

    public async Task<Outcome<AgreementView>> RecordDeliveryAsync(long id, RecordDeliveryRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var a = await db.CooperationAgreements.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return Failure.NotFound(TheAgreement);
        if (CountyLevel() is { } refused) return refused;
        if (r.Indicator is not { } indicator || !Enum.IsDefined(indicator)) return Failure.Invalid("indicator", "请选择指标");
        if (r.Amount is not { } amount || amount <= 0) return Failure.Invalid("amount", $"请填写到位数量（大于0，单位：{CooperationIndicators.Of(indicator).Unit}）");
        if (CooperationIndicators.CheckFigure(indicator, amount, "到位数量") is { } bad) return Failure.Invalid("amount", bad);
        if (r.DeliveredOn is not { } on) return Failure.Invalid("deliveredOn", "请填写到位日期");
        if (on.Year != a.Year) return Failure.Invalid("deliveredOn", $"到位日期应在协议年度（{a.Year}年）内");
        if (on > ChinaTime.Today(clock)) return Failure.Invalid("deliveredOn", "到位日期不能晚于今天");
        var projectIds = (r.ProjectIds ?? []).Distinct().ToArray();
        if (projectIds.Length > 0)
        {
            if (!CooperationIndicators.FundsProjects(indicator)) return Failure.Invalid("projectIds", "只有财政援助资金和社会帮扶资金可以关联所支持的项目");
            if (projectIds.Length > 20) return Failure.Invalid("projectIds", "一笔资金最多关联20个项目");
            var found = await db.Projects.AsNoTracking().Where(x => EF.Parameter(projectIds).Contains(x.Id) && x.CountyCode == a.CountyCode).Select(x => x.Id).ToListAsync(ct);
            if (projectIds.Except(found).FirstOrDefault() is var missing and not 0)
                return Failure.Invalid("projectIds", $"项目 {missing} 不存在或不是本区县的项目");
        }
        var d = CooperationDelivery.Record(a, indicator, amount, on, r.Note ?? "", projectIds, clock.GetUtcNow().UtcDateTime, user.UserName);
        db.CooperationDeliveries.Add(d);
        await db.SaveChangesAsync(ct);
        return await GetAgreementAsync(id, ct);
    }

    /// <summary>撤销 a delivery recorded by mistake: it leaves the completion; the audit log keeps what it was and who removed it.</summary>
    public async Task<Outcome<AgreementView>> RemoveDeliveryAsync(long id, long deliveryId, CancellationToken ct)
    {
        var d = await db.CooperationDeliveries.FirstOrDefaultAsync(x => x.Id == deliveryId && x.AgreementId == id, ct);
        if (d is null) return Failure.NotFound("该到位记录");
        if (CountyLevel() is { } refused) return refused;
        db.CooperationDeliveries.Remove(d);
        await db.SaveChangesAsync(ct);
        return await GetAgreementAsync(id, ct);
    }

    /// <summary>The agreement's completion table and its deliveries as one workbook.</summary>
    public async Task<Outcome<IResult>> ExcelAsync(long id, CancellationToken ct)
    {
        var found = await GetAgreementAsync(id, ct);
        if (!found.Succeeded) return found.Failure!;
        var v = found.Value!;
        var sheets = new Dictionary<string, IEnumerable<IDictionary<string, object?>>>
        {
            ["完成情况"] = v.Indicators.Select(l => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["指标"] = l.Label, ["单位"] = l.Unit, ["年度目标"] = l.Target, ["登记到位"] = l.Manual, ["系统统计"] = l.Derived,
                ["计入完成"] = l.Delivered, ["计入口径"] = l.DerivedCounted ? "系统统计" : "登记到位",
                ["完成率"] = l.Assessed ? l.RateText : "未设目标", ["是否完成"] = l.Assessed ? (l.Completed ? "完成" : "未完成") : "不考核",
            }),
            ["到位明细"] = v.Deliveries.Select(d => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["指标"] = d.Label, ["数量"] = d.Amount, ["单位"] = d.Unit, ["到位日期"] = d.DeliveredOn.ToString("yyyy-MM-dd"), ["文号或说明"] = d.Note,
                ["支持项目"] = string.Join("、", d.Projects.Select(x => x.Name)), ["登记人"] = d.RecordedBy, ["登记时间"] = ChinaTime.Format(d.RecordedAt),
            }),
        };
        return Outcome<IResult>.From(await ExcelFile.SheetsResultAsync(sheets,
            $"{v.Partnership.CountyName}_{v.Year}年{Labels.Of(v.Partnership.Kind)}协议完成情况_{ChinaTime.Today(clock):yyyyMMdd}.xlsx", ct));
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/partners/cooperation").WithTags("东西部协作与定点帮扶");
        g.MapGet("/partnerships", async ([AsParameters] PartnershipQuery q, ManageCooperationHandler h, CancellationToken ct) => (await h.SearchAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersView)
            .WithName("SearchPartnerships").WithSummary("结对关系（东西部协作、定点帮扶；筛选 region、kind、status）");
        g.MapGet("/partnerships/{id:long}", async (long id, ManageCooperationHandler h, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersView)
            .WithName("GetPartnership").WithSummary("一个结对关系及其年度协议（含各年完成指标数）");
        g.MapPost("/partnerships", async (CreatePartnershipRequest r, ManageCooperationHandler h, CancellationToken ct) =>
                (await h.CreateAsync(r, ct)).ToHttp(v => TypedResults.Created($"/api/v1/partners/cooperation/partnerships/{v.Partnership.Id}", v)))
            .RequireAuthorization(Permissions.PartnersManage)
            .WithName("CreatePartnership").WithSummary("登记结对关系（区县级及以上账号）");
        g.MapPut("/partnerships/{id:long}", async (long id, EditPartnershipRequest r, ManageCooperationHandler h, CancellationToken ct) => (await h.EditAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersManage)
            .WithName("EditPartnership").WithSummary("修改结对关系（按读取时的版本）");
        g.MapPost("/partnerships/{id:long}/agreements", async (long id, CreateAgreementRequest r, ManageCooperationHandler h, CancellationToken ct) =>
                (await h.CreateAgreementAsync(id, r, ct)).ToHttp(v => TypedResults.Created($"/api/v1/partners/cooperation/agreements/{v.Id}", v)))
            .RequireAuthorization(Permissions.PartnersManage)
            .WithName("CreateCooperationAgreement").WithSummary("登记年度协作协议（每个结对关系每年一份）");
        g.MapGet("/agreements/{id:long}", async (long id, ManageCooperationHandler h, CancellationToken ct) => (await h.GetAgreementAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersView)
            .WithName("GetCooperationAgreement").WithSummary("年度协议：各指标目标、到位（登记与系统统计）、完成率和到位明细");
        g.MapGet("/agreements/{id:long}/export", async (long id, ManageCooperationHandler h, CancellationToken ct) => (await h.ExcelAsync(id, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.PartnersView)
            .ProducesFile().WithName("ExportCooperationAgreement").WithSummary("年度协议完成情况 Excel（完成情况、到位明细）");
        g.MapPut("/agreements/{id:long}/targets", async (long id, SetTargetsRequest r, ManageCooperationHandler h, CancellationToken ct) => (await h.SetTargetsAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersManage)
            .WithName("SetCooperationTargets").WithSummary("设定年度目标（按读取时的版本；未列出或为空的指标不考核）");
        g.MapPost("/agreements/{id:long}/deliveries", async (long id, RecordDeliveryRequest r, ManageCooperationHandler h, CancellationToken ct) =>
                (await h.RecordDeliveryAsync(id, r, ct)).ToHttp(v => TypedResults.Created($"/api/v1/partners/cooperation/agreements/{id}", v)))
            .RequireAuthorization(Permissions.PartnersManage)
            .WithName("RecordCooperationDelivery").WithSummary("登记到位情况（资金可关联所支持的项目）");
        g.MapDelete("/agreements/{id:long}/deliveries/{deliveryId:long}", async (long id, long deliveryId, ManageCooperationHandler h, CancellationToken ct) =>
                (await h.RemoveDeliveryAsync(id, deliveryId, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersManage)
            .WithName("RemoveCooperationDelivery").WithSummary("撤销误登记的到位记录（审计日志保留原记录）");
    }
}
