using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Projects.Collective;

public sealed record AddLeadingIndustryRequest(
    [property: Text(6, "区县", typeof(LeadingIndustry), nameof(LeadingIndustry.CountyCode))] string CountyCode,
    [property: Text(50, "主导产业", typeof(LeadingIndustry), nameof(LeadingIndustry.Name))] string Name,
    [property: Text(100, "主要产品", typeof(LeadingIndustry), nameof(LeadingIndustry.Product))] string Product);

public sealed record CreateIndustryBaseRequest(
    [property: Text(12, "基地所在地区", typeof(IndustryBase), nameof(IndustryBase.RegionCode))] string RegionCode,
    long? IndustryId,
    [property: Text(100, "基地名称", typeof(IndustryBase), nameof(IndustryBase.Name))] string Name,
    [property: Text(100, "主要产品", typeof(IndustryBase), nameof(IndustryBase.Product))] string Product,
    decimal AreaMu, IReadOnlyList<string>? VillageCodes, int Households, int PoorHouseholds,
    [property: Text(200, "龙头企业/合作社", typeof(IndustryBase), nameof(IndustryBase.Operators))] string Operators,
    FarmerLinkMethod LinkMethod, IReadOnlyList<long>? ProjectIds) : IIndustryBaseFields;

/// <summary>Corrects a base (its place stays); <see cref="Version"/> is the version the editor read.</summary>
public sealed record UpdateIndustryBaseRequest(int Version, long? IndustryId,
    [property: Text(100, "基地名称", typeof(IndustryBase), nameof(IndustryBase.Name))] string Name,
    [property: Text(100, "主要产品", typeof(IndustryBase), nameof(IndustryBase.Product))] string Product,
    decimal AreaMu, IReadOnlyList<string>? VillageCodes, int Households, int PoorHouseholds,
    [property: Text(200, "龙头企业/合作社", typeof(IndustryBase), nameof(IndustryBase.Operators))] string Operators,
    FarmerLinkMethod LinkMethod, IReadOnlyList<long>? ProjectIds) : IIndustryBaseFields;

/// <summary>What a base is, as registered and as corrected (checked by one rule set).</summary>
public interface IIndustryBaseFields
{
    long? IndustryId { get; }
    string Name { get; }
    string Product { get; }
    decimal AreaMu { get; }
    IReadOnlyList<string>? VillageCodes { get; }
    int Households { get; }
    int PoorHouseholds { get; }
    string Operators { get; }
    FarmerLinkMethod LinkMethod { get; }
    IReadOnlyList<long>? ProjectIds { get; }
}

public sealed record IndustryQuery(string? Region);

public sealed record LeadingIndustryView(long Id, string CountyCode, string CountyName, string Name, string Product, int Bases, decimal AreaMu);

public sealed record LinkedProject(long Id, string Name, int Year);

public sealed record IndustryBaseView(long Id, string RegionCode, string RegionPath, long? IndustryId, string? IndustryName, string Name, string Product,
    decimal AreaMu, IReadOnlyList<string> VillageCodes, IReadOnlyList<string> VillageNames, int Households, int PoorHouseholds, string Operators,
    FarmerLinkMethod LinkMethod, IReadOnlyList<LinkedProject> Projects, string By, DateTime At, int Version, string UpdatedBy, DateTime UpdatedAt);

/// <summary>What the base form offers for a region: its villages, its county's industries, its 产业发展 projects.</summary>
public sealed record BaseFormOptions(string RegionCode, string RegionName, IReadOnlyList<(string Code, string Name)> Villages,
    IReadOnlyList<LeadingIndustryView> Industries, IReadOnlyList<LinkedProject> Projects);

public sealed record IndustryView(string Region, string RegionName, IReadOnlyList<LeadingIndustryView> Industries, IReadOnlyList<IndustryBaseView> Bases,
    decimal AreaMu, int Households, int PoorHouseholds, bool CanManage);

/// <summary>
/// 主导产业 and 产业基地 (issue 17): a county's leading industries; its bases (a township's, or the county's when they
/// span townships) with their villages, area, the households brought in (脱贫户/监测户 among them), the 龙头企业/合作社
/// and their 联农带农 method, and the county's projects that built them.
/// </summary>
public sealed class ManageIndustryHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, TimeProvider clock)
{
    public const int MaxVillages = 30;
    public const int MaxProjects = 50;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Outcome<IndustryView>> ListAsync(IndustryQuery q, CancellationToken ct)
    {
        var asked = regions.Asked(q.Region, user);
        if (!asked.Succeeded) return asked.Failure!;
        var code = asked.Value!;
        var bases = await db.IndustryBases().AsNoTracking().Include(b => b.Projects).InRegion(code).OrderBy(b => b.RegionCode).ThenBy(b => b.Id)
            .ToListAsync(ct);
        // The industries of the counties in the region, or of the county above it (a township's or village's own county: the
        // scope declaration lets its users read their county's rows, never another county's).
        var county = code.Length > 6 ? code[..6] : null;
        var industries = await (county is null ? db.LeadingIndustries().InRegion(code) : db.LeadingIndustries().Where(i => i.CountyCode == county))
            .AsNoTracking().OrderBy(i => i.CountyCode).ThenBy(i => i.Id).ToListAsync(ct);
        var views = await ViewsAsync(bases, industries, ct);
        return new IndustryView(code, regions.NameOf(code),
            industries.Select(i => new LeadingIndustryView(i.Id, i.CountyCode, regions.NameOf(i.CountyCode), i.Name, i.Product,
                bases.Count(b => b.IndustryId == i.Id), bases.Where(b => b.IndustryId == i.Id).Sum(b => b.AreaMu))).ToList(),
            views, bases.Sum(b => b.AreaMu), bases.Sum(b => b.Households), bases.Sum(b => b.PoorHouseholds), user.Has(Permissions.ProjectsImplement));
    }

    public async Task<Outcome<IndustryBaseView>> GetBaseAsync(long id, CancellationToken ct)
    {
        var b = await db.IndustryBases().AsNoTracking().Include(x => x.Projects).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (b is null) return Failure.NotFound("该产业基地");
        var industries = await db.LeadingIndustries().AsNoTracking().Where(i => i.Id == b.IndustryId).ToListAsync(ct);
        return (await ViewsAsync([b], industries, ct))[0];
    }

    private async Task<List<IndustryBaseView>> ViewsAsync(List<IndustryBase> bases, List<LeadingIndustry> industries, CancellationToken ct)
    {
        var ids = bases.SelectMany(b => b.Projects).Select(p => p.ProjectId).Distinct().ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new LinkedProject(p.Id, p.Name, p.Year))
            .ToDictionaryAsync(p => p.Id, ct);
        return bases.Select(b => new IndustryBaseView(b.Id, b.RegionCode, regions.ShortPath(b.RegionCode), b.IndustryId,
            industries.FirstOrDefault(i => i.Id == b.IndustryId)?.Name, b.Name, b.Product, b.AreaMu, b.Villages,
            b.Villages.Select(v => regions.NameOf(v)).ToList(), b.Households, b.PoorHouseholds, b.Operators, b.LinkMethod,
            b.Projects.Where(p => projects.ContainsKey(p.ProjectId)).Select(p => projects[p.ProjectId]).OrderBy(p => p.Id).ToList(), b.By, b.At,
            b.Version, b.UpdatedBy, b.UpdatedAt)).ToList();
    }

    public async Task<Outcome<BaseFormOptions>> FormOptionsAsync(string region, CancellationToken ct)
    {
        if (!RegionCodes.IsValid(region) || regions.Find(region) is not { Level: RegionLevel.County or RegionLevel.Township } place)
            return Failure.Invalid("regionCode", "请选择基地所在的乡镇（跨乡镇的基地选择区县）");
        if (!user.CanSee(region)) return Failure.NotFound("该地区");
        var county = region[..6];
        var villages = (place.Level == RegionLevel.Township ? [place] : regions.ChildrenOf(region))
            .SelectMany(t => regions.ChildrenOf(t.Code)).Where(v => v.Level == RegionLevel.Village)
            .Select(v => (v.Code, place.Level == RegionLevel.Township ? v.Name : regions.ShortPath(v.Code))).ToList();
        var industries = await db.LeadingIndustries().AsNoTracking().Where(i => i.CountyCode == county).OrderBy(i => i.Id).ToListAsync(ct);
        var projects = await db.Projects.AsNoTracking().InRegion(region).Where(p => p.CountyCode == county && p.Category == ProjectCategory.Industry)
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.Id).Take(200).Select(p => new LinkedProject(p.Id, p.Name, p.Year)).ToListAsync(ct);
        return new BaseFormOptions(region, regions.ShortPath(region), villages,
            industries.Select(i => new LeadingIndustryView(i.Id, i.CountyCode, regions.NameOf(i.CountyCode), i.Name, i.Product, 0, 0)).ToList(), projects);
    }

    public async Task<Outcome<LeadingIndustryView>> AddIndustryAsync(AddLeadingIndustryRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var county = r.CountyCode?.Trim() ?? "";
        if (!RegionCodes.IsValid(county) || regions.Find(county) is not { Level: RegionLevel.County }) return Failure.Invalid("countyCode", "请选择区县");
        if (!user.CanSee(county)) return Failure.NotFound("该区县");
        if (string.IsNullOrWhiteSpace(r.Name)) return Failure.Invalid("name", "请填写主导产业，如：精品蔬菜");
        if (string.IsNullOrWhiteSpace(r.Product)) return Failure.Invalid("product", "请填写主要产品，如：莴笋、辣椒");
        var name = r.Name.Trim();
        if (await db.LeadingIndustries().AnyAsync(i => i.CountyCode == county && i.Name == name, ct)) return Failure.Conflict($"该区县已登记主导产业“{name}”");
        var i = LeadingIndustry.Of(county, name, r.Product, Now, user.UserName);
        db.LeadingIndustries().Add(i);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return Failure.Conflict($"该区县已登记主导产业“{name}”");
        }
        return new LeadingIndustryView(i.Id, i.CountyCode, regions.NameOf(i.CountyCode), i.Name, i.Product, 0, 0);
    }

    public async Task<Outcome<IndustryBaseView>> CreateBaseAsync(CreateIndustryBaseRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var region = r.RegionCode?.Trim() ?? "";
        if (!RegionCodes.IsValid(region) || regions.Find(region) is not { Level: RegionLevel.County or RegionLevel.Township })
            return Failure.Invalid("regionCode", "请选择基地所在的乡镇（跨乡镇的基地选择区县）");
        if (!user.CanSee(region)) return Failure.NotFound("该地区");
        var checkedFields = await CheckAsync(region, r, ct);
        if (!checkedFields.Succeeded) return checkedFields.Failure!;
        var (villages, projectIds) = checkedFields.Value!;
        var b = IndustryBase.Create(region, r.IndustryId, r.Name, r.Product, r.AreaMu, villages, r.Households, r.PoorHouseholds, r.Operators,
            r.LinkMethod, projectIds, Now, user.UserName);
        db.IndustryBases().Add(b);
        await db.SaveChangesAsync(ct);
        return await GetBaseAsync(b.Id, ct);
    }

    /// <summary>Corrects a base the user sees (its place stays) under optimistic concurrency.</summary>
    public async Task<Outcome<IndustryBaseView>> UpdateBaseAsync(long id, UpdateIndustryBaseRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var b = await db.IndustryBases().Include(x => x.Projects).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (b is null) return Failure.NotFound("该产业基地");
        if (Versions.Check(b, r.Version, "该产业基地") is { } stale) return stale;
        var checkedFields = await CheckAsync(b.RegionCode, r, ct);
        if (!checkedFields.Succeeded) return checkedFields.Failure!;
        var (villages, projectIds) = checkedFields.Value!;
        b.Edit(r.IndustryId, r.Name, r.Product, r.AreaMu, villages, r.Households, r.PoorHouseholds, r.Operators, r.LinkMethod, projectIds, Now,
            user.UserName);
        if (await db.SaveEditAsync("该产业基地", t => db.IndustryBases().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, t), ct) is { } conflict)
            return conflict;
        return await GetBaseAsync(id, ct);
    }

    /// <summary>A base's fields for its place: the villages (in the place) and the projects (of its county) it names, distinct.</summary>
    private async Task<Outcome<(List<string> Villages, List<long> ProjectIds)>> CheckAsync(string region, IIndustryBaseFields r, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(r.Name)) return Failure.Invalid("name", "请填写基地名称");
        if (string.IsNullOrWhiteSpace(r.Product)) return Failure.Invalid("product", "请填写主要产品");
        var county = region[..6];
        if (r.IndustryId is { } industryId && !await db.LeadingIndustries().AnyAsync(i => i.Id == industryId && i.CountyCode == county, ct))
            return Failure.Invalid("industryId", "主导产业不存在或不属于该区县");
        if (r.AreaMu <= 0 || decimal.Round(r.AreaMu, 2) != r.AreaMu || r.AreaMu >= 100_000_000m)
            return Failure.Invalid("areaMu", "基地面积应大于0亩，最多保留两位小数");
        var villages = (r.VillageCodes ?? []).Select(v => v?.Trim() ?? "").Where(v => v.Length > 0).Distinct().ToList();
        if (villages.Count == 0) return Failure.Invalid("villageCodes", "请选择基地涉及的村");
        if (villages.Count > MaxVillages) return Failure.Invalid("villageCodes", $"一个基地最多涉及{MaxVillages}个村");
        if (villages.FirstOrDefault(v => regions.Find(v) is not { Level: RegionLevel.Village } || !v.StartsWith(region, StringComparison.Ordinal)) is { } outside)
            return Failure.Invalid("villageCodes", $"涉及的村须在基地所在地区内：{regions.NameOf(outside)}不在范围内");
        if (r.Households is < 0 or > 10_000_000) return Failure.Invalid("households", "带动户数应为不小于0的整数");
        if (r.PoorHouseholds < 0 || r.PoorHouseholds > r.Households) return Failure.Invalid("poorHouseholds", "其中脱贫户和监测户数不能超过带动户数");
        if (string.IsNullOrWhiteSpace(r.Operators)) return Failure.Invalid("operators", "请填写带动农户的龙头企业或合作社");
        if (!Enum.IsDefined(r.LinkMethod)) return Failure.Invalid("linkMethod", "请选择联农带农方式");
        var projectIds = (r.ProjectIds ?? []).Distinct().ToList();
        if (projectIds.Count > MaxProjects) return Failure.Invalid("projectIds", $"一个基地最多关联{MaxProjects}个项目");
        var found = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id) && p.CountyCode == county).CountAsync(ct);
        if (found != projectIds.Count) return Failure.Invalid("projectIds", "关联的项目不存在、不属于该区县或不在您的管辖范围内");
        return (villages, projectIds);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/industry").WithTags("产业基地");
        g.MapGet("", async ([AsParameters] IndustryQuery q, ManageIndustryHandler h, CancellationToken ct) => (await h.ListAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsView)
            .WithName("ListIndustry").WithSummary("某地区的主导产业与产业基地");
        g.MapGet("/bases/{id:long}", async (long id, ManageIndustryHandler h, CancellationToken ct) => (await h.GetBaseAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsView)
            .WithName("GetIndustryBase").WithSummary("产业基地详情：涉及村、带动户数、经营主体、联农带农方式、关联项目");
        g.MapPost("/industries", async (AddLeadingIndustryRequest r, ManageIndustryHandler h, CancellationToken ct) =>
                (await h.AddIndustryAsync(r, ct)).ToHttp(v => TypedResults.Created($"/api/v1/industry?region={v.CountyCode}", v)))
            .RequireAuthorization(Permissions.ProjectsApprove)
            .WithName("AddLeadingIndustry").WithSummary("登记区县主导产业");
        g.MapPost("/bases/{id:long}/update", async (long id, UpdateIndustryBaseRequest r, ManageIndustryHandler h, CancellationToken ct) =>
                (await h.UpdateBaseAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsImplement)
            .WithName("UpdateIndustryBase").WithSummary("修改产业基地（所在地不变；附所读版本）");
        g.MapPost("/bases", async (CreateIndustryBaseRequest r, ManageIndustryHandler h, CancellationToken ct) =>
                (await h.CreateBaseAsync(r, ct)).ToHttp(v => TypedResults.Created($"/api/v1/industry/bases/{v.Id}", v)))
            .RequireAuthorization(Permissions.ProjectsImplement)
            .WithName("CreateIndustryBase").WithSummary("登记产业基地（涉及村、面积、带动户数、龙头企业/合作社、联农带农方式、关联项目）");
    }
}
