using Jingzhun.Web.Modules.Partners.Relocation.Rules;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Partners.Relocation;

/// <summary>How a site list is ordered: by people relocated (default) or by 就业率 (lowest first, the ones to help).</summary>
public enum SiteOrder { People = 0, EmploymentRate = 1 }

public sealed record SiteQuery(string? Region, SiteKind? Kind, bool? Large, int? Year, SiteOrder? Order, int? Page, int? PageSize);

/// <summary>A site as listed, with its figures of the year and whether it is a 大型安置点.</summary>
public sealed record SiteRow(long Id, string Name, SiteKind Kind, string CommunityCode, string RegionPath, int? BuiltYear, bool HasSchool, bool HasClinic,
    bool HasServiceCentre, bool HasWorkshop, string? Management, bool IsLarge, SiteTally Figures, int Version);

/// <summary>A site with its record stamps.</summary>
public sealed record SiteView(SiteRow Site, int Year, int LargeSitePeople, DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, string UpdatedBy);

/// <summary>A sub-region's sites summed, ranked by 就业率 (1 = highest; regions without labour last).</summary>
public sealed record RegionTally(string Code, string Name, int Sites, int LargeSites, SiteTally Figures, int? Rank);

/// <summary>
/// A region's relocation figures: its sites summed, per sub-region ranked, and (for a county and below) the relocated
/// households not yet tied to a site.
/// </summary>
public sealed record RelocationFigures(string Region, string RegionName, int Year, int LargeSitePeople, int Sites, int LargeSites, SiteTally Totals,
    IReadOnlyList<RegionTally> Children, int? UnlinkedHouseholds);

/// <summary>A relocated household of a site, as the drill-down lists it (no ID number, no phone).</summary>
public sealed record SiteHouseholdRow(long HouseholdId, string HouseholdNumber, string HeadName, string VillageCode, string RegionPath, HouseholdStatus Status,
    int People, int Labour, int Employed, bool PropertyCertificateIssued, bool HukouMoved, bool HasIndustrySupport, int? RelocatedYear);

/// <summary>新建安置点: in a community (village-level code) of the user's region.</summary>
public sealed record CreateSiteRequest(
    [property: Text(12, "所在社区（村）", typeof(SettlementSite), nameof(SettlementSite.CommunityCode))] string? CommunityCode,
    [property: Text(100, "安置点名称", typeof(SettlementSite), nameof(SettlementSite.Name))] string? Name,
    SiteKind Kind, int? BuiltYear, bool HasSchool, bool HasClinic, bool HasServiceCentre, bool HasWorkshop,
    [property: Text(200, "社区管理", typeof(SettlementSite), nameof(SettlementSite.Management))] string? Management);

/// <summary>修改安置点 on the version read.</summary>
public sealed record EditSiteRequest(
    [property: Text(100, "安置点名称", typeof(SettlementSite), nameof(SettlementSite.Name))] string? Name,
    SiteKind Kind, int? BuiltYear, bool HasSchool, bool HasClinic, bool HasServiceCentre, bool HasWorkshop,
    [property: Text(200, "社区管理", typeof(SettlementSite), nameof(SettlementSite.Management))] string? Management, int Version);

/// <summary>关联搬迁户: a registry household marked 易地扶贫搬迁 is tied to the site; the origin village defaults to its registry village.</summary>
public sealed record LinkHouseholdRequest(long HouseholdId,
    [property: Text(12, "迁出村", typeof(RelocatedHousehold), nameof(RelocatedHousehold.OriginVillageCode))] string? OriginVillageCode = null,
    int? RelocatedYear = null);

/// <summary>How many households 按安置点名称关联 tied to the site.</summary>
public sealed record MatchResult(int Linked, SiteView Site);

public sealed class ManageSitesHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, TimeProvider clock, PolicyStore policies)
{
    private const string Site = "该安置点";

    private int ThisYear => ChinaTime.Today(clock).Year;

    private Task<RelocationPolicy> PolicyAsync(string region, int year, CancellationToken ct) =>
        policies.InForceAsync<RelocationPolicy>(region.Length >= 2 ? region : "", year, ct);

    private static SiteRow Row(SettlementSite s, string path, SiteTally t, int large) => new(s.Id, s.Name, s.Kind, s.CommunityCode, path, s.BuiltYear,
        s.HasSchool, s.HasClinic, s.HasServiceCentre, s.HasWorkshop, s.Management, RelocationRules.IsLarge(t.People, large), t, s.Version);

    private Failure? CheckYear(int? year) => year is { } y && (y < RelocationRules.FirstRelocationYear || y > ThisYear)
        ? Failure.Invalid("year", $"年度应在{RelocationRules.FirstRelocationYear}年至{ThisYear}年之间") : null;

    /// <summary>The sites of the list's filter with their figures, ordered; the whole list (a province has about a thousand sites).</summary>
    private async Task<Outcome<(List<SiteRow> Rows, int Year, int Large)>> RowsAsync(SiteQuery q, CancellationToken ct)
    {
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        if (CheckYear(q.Year) is { } badYear) return badYear;
        if (q.Kind is { } k && !Enum.IsDefined(k)) return Failure.Invalid("kind", "安置方式无效，可选：城镇集中安置、集镇集中安置、中心村集中安置、分散安置");
        if (q.Order is { } o && !Enum.IsDefined(o)) return Failure.Invalid("order", "排序无效，可选：People、EmploymentRate");
        var sites = db.SettlementSites.AsNoTracking();
        if (region.Value is { } code) sites = sites.InRegion(code);
        if (q.Kind is { } kind) sites = sites.Where(s => s.Kind == kind);
        var list = await sites.ToListAsync(ct);
        var year = q.Year ?? ThisYear;
        var large = (await PolicyAsync(region.Value ?? user.RegionCode ?? "", year, ct)).LargeSitePeople;
        var tallies = await SiteTallies.OfAsync(db, [.. list.Select(s => s.Id)], year, ct);
        var rows = list.Select(s => Row(s, regions.ShortPath(s.CommunityCode), tallies[s.Id], large));
        if (q.Large is { } l) rows = rows.Where(r => r.IsLarge == l);
        rows = q.Order == SiteOrder.EmploymentRate
            ? rows.OrderBy(r => r.Figures.EmploymentRate ?? decimal.MaxValue).ThenByDescending(r => r.Figures.People).ThenBy(r => r.Id)
            : rows.OrderByDescending(r => r.Figures.People).ThenBy(r => r.CommunityCode).ThenBy(r => r.Id);
        return (rows.ToList(), year, large);
    }

    public async Task<Outcome<PageResult<SiteRow>>> SearchAsync(SiteQuery q, CancellationToken ct)
    {
        var found = await RowsAsync(q, ct);
        if (!found.Succeeded) return found.Failure!;
        var p = Paging.Of(q.Page, q.PageSize);
        var rows = found.Value.Rows;
        return new PageResult<SiteRow>(rows.Skip((p.Page - 1) * p.Size).Take(p.Size).ToList(), p.Page, p.Size, rows.Count);
    }

    public async Task<Outcome<SiteView>> GetAsync(long id, int? year, CancellationToken ct)
    {
        if (CheckYear(year) is { } badYear) return badYear;
        var s = await db.SettlementSites.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Failure.NotFound(Site);
        var y = year ?? ThisYear;
        var large = (await PolicyAsync(s.CommunityCode, y, ct)).LargeSitePeople;
        var tally = (await SiteTallies.OfAsync(db, [id], y, ct))[id];
        return new SiteView(Row(s, regions.ShortPath(s.CommunityCode), tally, large), y, large, s.CreatedAt, s.CreatedBy, s.UpdatedAt, s.UpdatedBy);
    }

    /// <summary>The region's figures: its sites summed, and per sub-region (ranked by 就业率) for the drill-down.</summary>
    public async Task<Outcome<RelocationFigures>> FiguresAsync(string? region, int? year, CancellationToken ct)
    {
        var asked = regions.Asked(region, user);
        if (!asked.Succeeded) return asked.Failure!;
        if (CheckYear(year) is { } badYear) return badYear;
        var code = asked.Value!;
        var y = year ?? ThisYear;
        var sites = await db.SettlementSites.AsNoTracking().InRegion(code).Select(s => new { s.Id, s.CommunityCode }).ToListAsync(ct);
        var large = (await PolicyAsync(code, y, ct)).LargeSitePeople;
        var tallies = await SiteTallies.OfAsync(db, [.. sites.Select(s => s.Id)], y, ct);
        var totals = tallies.Values.Aggregate(SiteTally.Zero, (a, b) => a.Add(b));
        var children = code.Length >= 12 ? [] : regions.ChildrenOf(code).Select(c =>
        {
            var mine = sites.Where(s => s.CommunityCode.StartsWith(c.Code, StringComparison.Ordinal)).Select(s => tallies[s.Id]).ToList();
            return new RegionTally(c.Code, c.Name, mine.Count, mine.Count(t => RelocationRules.IsLarge(t.People, large)),
                mine.Aggregate(SiteTally.Zero, (a, b) => a.Add(b)), null);
        }).Where(c => c.Sites > 0).ToList();
        var ranked = children.Where(c => c.Figures.EmploymentRate is not null).OrderByDescending(c => c.Figures.EmploymentRate).ThenBy(c => c.Code)
            .Select((c, i) => c with { Rank = i + 1 })
            .Concat(children.Where(c => c.Figures.EmploymentRate is null).OrderBy(c => c.Code)).ToList();
        // Tying households to sites is county work: the count is given for a county and below (a province would scan its
        // ≈85,000 relocated households on every dashboard).
        var relocated = db.RelocatedHouseholds;
        int? unlinked = code.Length < 6 ? null : await db.Households.AsNoTracking().InRegion(code)
            .Where(h => h.IsRelocated && !relocated.Any(r => r.HouseholdId == h.Id)).CountAsync(ct);
        return new RelocationFigures(code, regions.NameOf(code), y, large, sites.Count, tallies.Values.Count(t => RelocationRules.IsLarge(t.People, large)),
            totals, ranked, unlinked);
    }

    /// <summary>The relocated households of a site the reader's scope shows (a township sees its own households of a shared site).</summary>
    public async Task<Outcome<PageResult<SiteHouseholdRow>>> HouseholdsAsync(long id, int? page, int? pageSize, CancellationToken ct)
    {
        if (!await db.SettlementSites.AnyAsync(s => s.Id == id, ct)) return Failure.NotFound(Site);
        var linked = db.RelocatedHouseholds.AsNoTracking().Where(r => r.SiteId == id);
        var rows = from r in linked
                   join h in db.Households.AsNoTracking() on r.HouseholdId equals h.Id
                   orderby h.HouseholdNumber
                   select new SiteHouseholdRow(h.Id, h.HouseholdNumber, h.HeadName, h.VillageCode, "", h.Status,
                       h.Members.Count(m => m.Status == MemberStatus.Active),
                       h.Members.Count(m => m.Status == MemberStatus.Active && (m.LaborSkill == LaborSkill.Ordinary || m.LaborSkill == LaborSkill.Skilled || m.LaborSkill == LaborSkill.Weak)),
                       h.Members.Count(m => m.Status == MemberStatus.Active && m.WorkStatus != WorkStatus.None
                                            && (m.LaborSkill == LaborSkill.Ordinary || m.LaborSkill == LaborSkill.Skilled || m.LaborSkill == LaborSkill.Weak)),
                       r.PropertyCertificateIssued, r.HukouMoved, r.Supports.Any(s => s.Kind == SupportKind.IndustryFund), r.RelocatedYear);
        var result = await rows.PageAsync(Paging.Of(page, pageSize), ct);
        return result with { Items = [.. result.Items.Select(r => r with { RegionPath = regions.ShortPath(r.VillageCode) })] };
    }

    private async Task<Outcome<string>> CommunityAsync(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return Failure.Invalid("communityCode", "请选择安置点所在的社区（村）");
        var c = code.Trim();
        if (regions.Find(c) is not { Level: RegionLevel.Village }) return Failure.Invalid("communityCode", "请选择安置点所在的社区（村级区划）");
        if (!user.CanSee(c)) return Failure.NotFound("该社区（村）");
        return await Task.FromResult(Outcome<string>.From(c));
    }

    public async Task<Outcome<SiteView>> CreateAsync(CreateSiteRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var community = await CommunityAsync(r.CommunityCode);
        if (!community.Succeeded) return community.Failure!;
        var facts = new SiteFacts(r.Name ?? "", r.Kind, r.BuiltYear, r.HasSchool, r.HasClinic, r.HasServiceCentre, r.HasWorkshop, r.Management);
        if (RelocationRules.CheckSite(facts, ThisYear) is { } bad) return Failure.Invalid(bad.Field, bad.Message);
        var county = community.Value![..6];
        var name = facts.Name.Trim();
        if (await db.SettlementSites.AcrossScopes("one site of a name per county: only whether the name is taken is told").AnyAsync(s => s.CountyCode == county && s.Name == name, ct))
            return Failure.Invalid("name", $"本区县已有名为“{name}”的安置点");
        var s = SettlementSite.Register(community.Value, facts, clock.GetUtcNow().UtcDateTime, user.UserName);
        db.SettlementSites.Add(s);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return Failure.Invalid("name", $"本区县已有名为“{name}”的安置点");
        }
        return await GetAsync(s.Id, null, ct);
    }

    public async Task<Outcome<SiteView>> EditAsync(long id, EditSiteRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var s = await db.SettlementSites.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Failure.NotFound(Site);
        if (Versions.Check(s, r.Version, Site) is { } stale) return stale;
        var facts = new SiteFacts(r.Name ?? "", r.Kind, r.BuiltYear, r.HasSchool, r.HasClinic, r.HasServiceCentre, r.HasWorkshop, r.Management);
        if (RelocationRules.CheckSite(facts, ThisYear) is { } bad) return Failure.Invalid(bad.Field, bad.Message);
        s.Edit(facts, clock.GetUtcNow().UtcDateTime, user.UserName);
        if (await db.SaveEditAsync(Site, c => db.SettlementSites.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, c), ct, uniqueKeyMeansTaken: true) is { } failed)
            return failed;
        return await GetAsync(id, null, ct);
    }

    /// <summary>关联搬迁户: a household of the reader's scope, marked 易地扶贫搬迁 in the registry, of the site's county, not yet tied to a site.</summary>
    public async Task<Outcome<SiteView>> LinkAsync(long id, LinkHouseholdRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var s = await db.SettlementSites.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Failure.NotFound(Site);
        var h = await db.Households.AsNoTracking().Where(x => x.Id == r.HouseholdId)
            .Select(x => new { x.Id, x.HouseholdNumber, x.HeadName, x.VillageCode, x.IsRelocated }).FirstOrDefaultAsync(ct);
        if (h is null) return Failure.NotFound("该户");
        if (!h.IsRelocated) return Failure.Invalid("householdId", $"{h.HeadName}户（{h.HouseholdNumber}）在户籍档案中不是易地扶贫搬迁户，请先在户籍档案中标记");
        if (h.VillageCode[..6] != s.CountyCode) return Failure.Invalid("householdId", "只能关联本区县的搬迁户（跨区县安置由安置地区县登记）");
        var origin = string.IsNullOrWhiteSpace(r.OriginVillageCode) ? h.VillageCode : r.OriginVillageCode.Trim();
        if (regions.Find(origin) is not { Level: RegionLevel.Village } || origin[..6] != s.CountyCode)
            return Failure.Invalid("originVillageCode", "迁出村应为本区县的村级区划");
        if (RelocationRules.CheckRelocatedYear(r.RelocatedYear, ThisYear) is { } badYear) return Failure.Invalid(badYear.Field, badYear.Message);
        if (await SiteOfAsync(h.Id, ct) is { } other) return Failure.Conflict($"{h.HeadName}户已关联安置点“{other}”，请在其后续扶持档案中修改");
        db.RelocatedHouseholds.Add(RelocatedHousehold.Link(h.Id, h.VillageCode, id, origin, r.RelocatedYear, clock.GetUtcNow().UtcDateTime, user.UserName));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return Failure.Conflict($"{h.HeadName}户已关联安置点");
        }
        return await GetAsync(id, null, ct);
    }

    private Task<string?> SiteOfAsync(long householdId, CancellationToken ct) =>
        (from r in db.RelocatedHouseholds.AsNoTracking().AcrossScopes("one site per household: the household is in scope, only the site's name is told")
         where r.HouseholdId == householdId
         join s in db.SettlementSites on r.SiteId equals s.Id
         select s.Name).FirstOrDefaultAsync(ct);

    /// <summary>
    /// 按安置点名称关联: every household of the reader's scope in the site's county whose registry 安置点 is the site's name,
    /// marked 易地扶贫搬迁 and tied to no site yet, is tied to it (origin village = registry village).
    /// </summary>
    public async Task<Outcome<MatchResult>> MatchAsync(long id, CancellationToken ct)
    {
        var s = await db.SettlementSites.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Failure.NotFound(Site);
        var relocated = db.RelocatedHouseholds.AsNoTracking();
        var found = await db.Households.AsNoTracking().InRegion(s.CountyCode)
            .Where(h => h.IsRelocated && h.SettlementSite == s.Name && !relocated.Any(r => r.HouseholdId == h.Id))
            .Select(h => new { h.Id, h.VillageCode }).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        db.RelocatedHouseholds.AddRange(found.Select(h => RelocatedHousehold.Link(h.Id, h.VillageCode, id, h.VillageCode, null, now, user.UserName)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return Failure.Conflict("有搬迁户刚被他人关联了安置点，请重试");
        }
        var view = await GetAsync(id, null, ct);
        return view.Succeeded ? new MatchResult(found.Count, view.Value!) : view.Failure!;
    }

    /// <summary>The region's figures and its sites as one workbook.</summary>
    public async Task<Outcome<IResult>> ExcelAsync(SiteQuery q, CancellationToken ct)
    {
        var found = await RowsAsync(q, ct);
        if (!found.Succeeded) return found.Failure!;
        var (rows, year, large) = found.Value;
        var figures = await FiguresAsync(q.Region, year, ct);
        if (!figures.Succeeded) return figures.Failure!;
        Dictionary<string, object?> Cells(SiteTally t) => new()
        {
            ["搬迁户数"] = t.Households, ["搬迁人口"] = t.People, ["劳动力"] = t.Labour, ["务工就业人数"] = t.Employed,
            ["就业率"] = t.EmploymentRate is { } r ? Math.Round(r * 100, 1) + "%" : "—", ["有劳动力的零就业户"] = t.ZeroEmploymentHouseholds,
            ["享受产业帮扶户数"] = t.IndustryHouseholds, [$"{year}年到户产业资金（元）"] = t.IndustryFunds, [$"{year}年生活补贴（元）"] = t.Subsidies,
        };
        var sheets = new Dictionary<string, IEnumerable<IDictionary<string, object?>>>
        {
            ["安置点"] = rows.Count == 0 ? [ExcelFile.NoRows.ToDictionary()] : rows.Select(s => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["安置点"] = s.Name, ["所在地区"] = s.RegionPath, ["安置方式"] = Labels.Of(s.Kind), ["建成年份"] = s.BuiltYear,
                [$"大型安置点（≥{large}人）"] = Labels.YesNo(s.IsLarge),
                ["配套设施"] = Facilities(s), ["社区管理"] = s.Management ?? "",
            }.Concat(Cells(s.Figures)).ToDictionary()),
            ["分地区"] = figures.Value!.Children.Select(c => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["排名（按就业率）"] = c.Rank, ["地区"] = c.Name, ["安置点数"] = c.Sites, ["大型安置点数"] = c.LargeSites,
            }.Concat(Cells(c.Figures)).ToDictionary()),
        };
        var place = regions.NameOf(q.Region is { Length: > 0 } r ? r.Trim() : user.RegionCode ?? "");
        return Outcome<IResult>.From(await ExcelFile.SheetsResultAsync(sheets, $"{place}_易地搬迁安置点_{year}.xlsx", ct));
    }

    /// <summary>配套设施 as one text (学校、卫生室、社区服务中心、帮扶车间).</summary>
    public static string Facilities(SiteRow s) => string.Join("、", new[]
    {
        s.HasSchool ? "学校" : null, s.HasClinic ? "卫生室" : null, s.HasServiceCentre ? "社区服务中心" : null, s.HasWorkshop ? "帮扶车间" : null,
    }.OfType<string>()) is { Length: > 0 } f ? f : "无";

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/partners/relocation").WithTags("易地搬迁后续扶持");
        g.MapGet("/figures", async (string? region, int? year, ManageSitesHandler h, CancellationToken ct) => (await h.FiguresAsync(region, year, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersView)
            .WithName("RelocationFigures").WithSummary("安置点统计：搬迁户、人口、劳动力、就业（人数和就业率）、产业帮扶户、补贴合计；分下级地区按就业率排名");
        g.MapGet("/sites", async ([AsParameters] SiteQuery q, ManageSitesHandler h, CancellationToken ct) => (await h.SearchAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersView)
            .WithName("SearchSettlementSites").WithSummary("安置点列表（筛选 region、kind、large；order=People 或 EmploymentRate；含当年统计）");
        g.MapGet("/sites/export", async ([AsParameters] SiteQuery q, ManageSitesHandler h, CancellationToken ct) => (await h.ExcelAsync(q, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.PartnersView)
            .ProducesFile().WithName("ExportSettlementSites").WithSummary("安置点及分地区统计 Excel");
        g.MapGet("/sites/{id:long}", async (long id, int? year, ManageSitesHandler h, CancellationToken ct) => (await h.GetAsync(id, year, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersView)
            .WithName("GetSettlementSite").WithSummary("一个安置点及其统计");
        g.MapGet("/sites/{id:long}/households", async (long id, int? page, int? pageSize, ManageSitesHandler h, CancellationToken ct) =>
                (await h.HouseholdsAsync(id, page, pageSize, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersView)
            .WithName("SettlementSiteHouseholds").WithSummary("安置点的搬迁户（本人管辖范围内的户）");
        g.MapPost("/sites", async (CreateSiteRequest r, ManageSitesHandler h, CancellationToken ct) =>
                (await h.CreateAsync(r, ct)).ToHttp(v => TypedResults.Created($"/api/v1/partners/relocation/sites/{v.Site.Id}", v)))
            .RequireAuthorization(Permissions.PartnersManage)
            .WithName("CreateSettlementSite").WithSummary("新建安置点（所在社区、名称、安置方式、建成年份、配套设施、社区管理）");
        g.MapPut("/sites/{id:long}", async (long id, EditSiteRequest r, ManageSitesHandler h, CancellationToken ct) => (await h.EditAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersManage)
            .WithName("EditSettlementSite").WithSummary("修改安置点（按读取时的版本）");
        g.MapPost("/sites/{id:long}/households", async (long id, LinkHouseholdRequest r, ManageSitesHandler h, CancellationToken ct) =>
                (await h.LinkAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersManage)
            .WithName("LinkRelocatedHousehold").WithSummary("关联搬迁户（户籍档案中的易地扶贫搬迁户；迁出村默认为户籍所在村）");
        g.MapPost("/sites/{id:long}/households/match", async (long id, ManageSitesHandler h, CancellationToken ct) => (await h.MatchAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersManage)
            .WithName("MatchRelocatedHouseholds").WithSummary("按安置点名称关联：户籍档案“安置点”与本安置点同名的本区县搬迁户");
    }
}
