using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Projects.Collective;

public sealed record RegisterCollectiveOrganizationRequest(
    [property: Text(12, "所在村", typeof(CollectiveOrganization), nameof(CollectiveOrganization.RegionCode))] string VillageCode,
    [property: Text(100, "组织名称", typeof(CollectiveOrganization), nameof(CollectiveOrganization.Name))] string Name,
    [property: Text(18, "统一社会信用代码", typeof(CollectiveOrganization), nameof(CollectiveOrganization.CreditCode))] string? CreditCode,
    DateOnly EstablishedOn, int Members);

/// <summary>Corrects an organisation's facts; <see cref="Version"/> is the version the editor read.</summary>
public sealed record UpdateCollectiveOrganizationRequest(int Version,
    [property: Text(100, "组织名称", typeof(CollectiveOrganization), nameof(CollectiveOrganization.Name))] string Name,
    [property: Text(18, "统一社会信用代码", typeof(CollectiveOrganization), nameof(CollectiveOrganization.CreditCode))] string? CreditCode,
    DateOnly EstablishedOn, int Members);

public sealed record RecordCollectiveIncomeRequest(int Year, CollectiveIncomeSource Source, decimal Amount,
    [property: Text(200, "说明", typeof(CollectiveIncome), nameof(CollectiveIncome.Note))] string? Note);

public sealed record RecordCollectiveDistributionRequest(int Year, decimal ToMembers, int Households, decimal ToWelfare, decimal Retained,
    [property: Text(200, "说明", typeof(CollectiveDistribution), nameof(CollectiveDistribution.Note))] string? Note);

public sealed record CollectiveOrganizationView(long Id, string Name, string? CreditCode, DateOnly EstablishedOn, int Members, string CreatedBy,
    DateTime CreatedAt, int Version, string UpdatedBy, DateTime UpdatedAt);

/// <summary>An income of a source in a year; 资产收益 is computed (from the paid asset distributions) and cannot be typed.</summary>
public sealed record CollectiveSourceAmount(CollectiveIncomeSource Source, decimal Amount, bool Operating, bool Computed, string? Note, string? By,
    DateTime? At);

public sealed record CollectiveDistributionView(decimal ToMembers, int Households, decimal ToWelfare, decimal Retained, decimal Amount, string Note,
    string By, DateTime At);

public sealed record CollectiveYearView(int Year, IReadOnlyList<CollectiveSourceAmount> Incomes, decimal Operating, decimal Total, CollectiveBand Band,
    CollectiveDistributionView? Distribution);

/// <summary>A village's collective: its organisation, each year's income by source with its band, the year's distribution.</summary>
public sealed record CollectiveVillageView(string VillageCode, string VillageName, string RegionPath, CollectiveOrganizationView? Organization,
    IReadOnlyList<CollectiveYearView> Years, bool CanManage);

/// <summary>
/// 村集体经济 (issue 17): the village's 新型农村集体经济组织 registered once; its yearly income recorded by source (资产收益
/// read from the asset ledger's paid distribution plans, not typed); its yearly 收益分配. Township and county staff who
/// carry out projects (projects.implement) record them; everyone who sees projects reads them.
/// </summary>
public sealed class ManageCollectiveHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, CollectiveEconomyQuery query, TimeProvider clock)
{
    private DateOnly Today => ChinaTime.Today(clock);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Outcome<CollectiveVillageView>> VillageAsync(string villageCode, CancellationToken ct)
    {
        if (regions.Find(villageCode) is not { Level: RegionLevel.Village } village || !user.CanSee(villageCode)) return Failure.NotFound("该村");
        var org = await db.CollectiveOrganizations().AsNoTracking().FirstOrDefaultAsync(o => o.RegionCode == villageCode, ct);
        var incomes = org is null ? [] : await db.CollectiveIncomes().AsNoTracking().Where(i => i.OrganizationId == org.Id).ToListAsync(ct);
        var distributions = org is null ? [] : await db.CollectiveDistributions().AsNoTracking().Where(d => d.OrganizationId == org.Id).ToListAsync(ct);
        var assetYears = await db.AssetIncomes.AsNoTracking()
            .Where(i => i.RegionCode == villageCode && i.Status == Assets.DistributionStatus.Paid).Select(i => i.Year).Distinct().ToListAsync(ct);
        var years = incomes.Select(i => i.Year).Concat(distributions.Select(d => d.Year)).Concat(assetYears).Distinct().OrderDescending().ToList();
        var views = new List<CollectiveYearView>();
        foreach (var y in years)
        {
            var row = await query.VillageIncomeAsync(villageCode, y, ct);
            var amounts = Enum.GetValues<CollectiveIncomeSource>().Select(s =>
            {
                if (s == CollectiveIncomeSource.AssetIncome)
                    return new CollectiveSourceAmount(s, row?.AssetIncome ?? 0, true, true, "项目资产收益分配方案中分配给村集体的部分（已发放）", null, null);
                var i = incomes.FirstOrDefault(x => x.Year == y && x.Source == s);
                return new CollectiveSourceAmount(s, i?.Amount ?? 0, CollectiveRules.IsOperating(s), false, i?.Note, i?.By, i?.At);
            }).ToList();
            var d = distributions.FirstOrDefault(x => x.Year == y);
            views.Add(new CollectiveYearView(y, amounts, row?.Operating ?? 0, row?.Total ?? 0, row?.Band ?? CollectiveBand.Shell,
                d is null ? null : new CollectiveDistributionView(d.ToMembers, d.Households, d.ToWelfare, d.Retained, d.Amount, d.Note, d.By, d.At)));
        }
        return new CollectiveVillageView(villageCode, village.Name, regions.ShortPath(villageCode),
            org is null ? null : new CollectiveOrganizationView(org.Id, org.Name, org.CreditCode, org.EstablishedOn, org.Members, org.CreatedBy, org.CreatedAt,
                org.Version, org.UpdatedBy, org.UpdatedAt),
            views, user.Has(Permissions.ProjectsImplement));
    }

    public async Task<Outcome<CollectiveVillageView>> RegisterAsync(RegisterCollectiveOrganizationRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var village = r.VillageCode?.Trim() ?? "";
        if (!RegionCodes.IsValid(village) || regions.Find(village) is not { Level: RegionLevel.Village })
            return Failure.Invalid("villageCode", "请选择集体经济组织所在的村");
        if (!user.CanSee(village)) return Failure.NotFound("该村");
        var facts = CheckFacts(r.Name, r.CreditCode, r.EstablishedOn, r.Members);
        if (!facts.Succeeded) return facts.Failure!;
        var credit = facts.Value!.CreditCode;
        if (await db.CollectiveOrganizations().AnyAsync(o => o.RegionCode == village, ct)) return Failure.Conflict("该村已登记集体经济组织");
        db.CollectiveOrganizations().Add(CollectiveOrganization.Register(village, r.Name, credit, r.EstablishedOn, r.Members, Now, user.UserName));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return Failure.Conflict("该村的集体经济组织已由他人同时登记，请刷新后查看");
        }
        return await VillageAsync(village, ct);
    }

    private sealed record Facts(string? CreditCode);

    /// <summary>An organisation's facts as registered or corrected: its name, 统一社会信用代码 (checked, upper case), founding date, members.</summary>
    private Outcome<Facts> CheckFacts(string? name, string? creditCode, DateOnly establishedOn, int members)
    {
        if (string.IsNullOrWhiteSpace(name)) return Failure.Invalid("name", "请填写组织名称，如：某某村股份经济合作社");
        var credit = string.IsNullOrWhiteSpace(creditCode) ? null : creditCode.Trim().ToUpperInvariant();
        if (credit is not null && !CollectiveRules.IsCreditCode(credit))
            return Failure.Invalid("creditCode", "统一社会信用代码应为18位（数字或除I、O、S、V、Z外的大写字母），且最后一位校验码正确");
        if (establishedOn == default || establishedOn > Today || establishedOn.Year < 1949)
            return Failure.Invalid("establishedOn", "成立日期应在1949年至今天之间");
        if (members is < 1 or > 1_000_000) return Failure.Invalid("members", "成员人数应在1至1000000之间");
        return new Facts(credit);
    }

    /// <summary>Corrects an organisation (name, 统一社会信用代码, founding date, members) under optimistic concurrency.</summary>
    public async Task<Outcome<CollectiveVillageView>> UpdateAsync(long id, UpdateCollectiveOrganizationRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var org = await db.CollectiveOrganizations().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (org is null) return Failure.NotFound("该集体经济组织");
        if (Versions.Check(org, r.Version, "该集体经济组织") is { } stale) return stale;
        var facts = CheckFacts(r.Name, r.CreditCode, r.EstablishedOn, r.Members);
        if (!facts.Succeeded) return facts.Failure!;
        // Its incomes and distributions are of years since its founding (as they were recorded).
        var first = await db.CollectiveIncomes().Where(i => i.OrganizationId == id).MinAsync(i => (int?)i.Year, ct);
        var firstShared = await db.CollectiveDistributions().Where(d => d.OrganizationId == id).MinAsync(d => (int?)d.Year, ct);
        if (new[] { first, firstShared }.Min() is { } earliest && r.EstablishedOn.Year > earliest)
            return Failure.Invalid("establishedOn", $"成立日期不能晚于已登记收入或收益分配的最早年度（{earliest}年）");
        org.Edit(r.Name, facts.Value!.CreditCode, r.EstablishedOn, r.Members, Now, user.UserName);
        if (await db.SaveEditAsync("该集体经济组织", t => db.CollectiveOrganizations().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, t), ct) is { } conflict)
            return conflict;
        return await VillageAsync(org.RegionCode, ct);
    }

    private static Failure? CheckAmount(decimal amount, string field, string label) =>
        amount < 0 ? Failure.Invalid(field, $"{label}不能为负数")
        : decimal.Round(amount, 2) != amount ? Failure.Invalid(field, $"{label}最多保留两位小数（分）")
        : amount >= 100_000_000_000m ? Failure.Invalid(field, $"{label}过大")
        : null;

    private async Task<Outcome<CollectiveOrganization>> OrganizationForYearAsync(long id, int year, CancellationToken ct)
    {
        var org = await db.CollectiveOrganizations().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (org is null) return Failure.NotFound("该集体经济组织");
        if (year < Math.Max(CollectiveEconomyQuery.FirstYear, org.EstablishedOn.Year) || year > Today.Year)
            return Failure.Invalid("year", $"年度应在{Math.Max(CollectiveEconomyQuery.FirstYear, org.EstablishedOn.Year)}至{Today.Year}年之间（不早于组织成立）");
        return org;
    }

    public async Task<Outcome<CollectiveVillageView>> RecordIncomeAsync(long id, RecordCollectiveIncomeRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var found = await OrganizationForYearAsync(id, r.Year, ct);
        if (!found.Succeeded) return found.Failure!;
        var org = found.Value!;
        if (!Enum.IsDefined(r.Source)) return Failure.Invalid("source", "请选择收入来源");
        if (r.Source == CollectiveIncomeSource.AssetIncome)
            return Failure.Invalid("source", "资产收益无需录入：项目资产的收益分配方案发放后，分配给村集体的部分自动计入");
        if (CheckAmount(r.Amount, "amount", "收入金额") is { } bad) return bad;
        var existing = await db.CollectiveIncomes().FirstOrDefaultAsync(i => i.OrganizationId == id && i.Year == r.Year && i.Source == r.Source, ct);
        if (existing is null) db.CollectiveIncomes().Add(CollectiveIncome.Record(org, r.Year, r.Source, r.Amount, r.Note ?? "", Now, user.UserName));
        else existing.Change(r.Amount, r.Note ?? "", Now, user.UserName);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return Failure.Conflict($"该组织{r.Year}年的{Labels.Of(r.Source)}已由他人同时登记，请刷新后查看");
        }
        return await VillageAsync(org.RegionCode, ct);
    }

    public async Task<Outcome<CollectiveVillageView>> RecordDistributionAsync(long id, RecordCollectiveDistributionRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var found = await OrganizationForYearAsync(id, r.Year, ct);
        if (!found.Succeeded) return found.Failure!;
        var org = found.Value!;
        foreach (var (v, f, l) in new[] { (r.ToMembers, "toMembers", "分配到户金额"), (r.ToWelfare, "toWelfare", "公益事业金额"), (r.Retained, "retained", "留存金额") })
            if (CheckAmount(v, f, l) is { } bad) return bad;
        var sum = r.ToMembers + r.ToWelfare + r.Retained;
        if (sum <= 0) return Failure.Invalid("toMembers", "请填写分配金额");
        if (r.Households < 0 || r.Households > 1_000_000) return Failure.Invalid("households", "分配到户的户数应在0至1000000之间");
        if (r.ToMembers > 0 && r.Households == 0) return Failure.Invalid("households", "分配到户的请填写户数");
        var income = await query.VillageIncomeAsync(org.RegionCode, r.Year, ct);
        var total = income?.Total ?? 0;
        if (sum > total)
            return Failure.Invalid("toMembers", $"分配合计 {sum:0.00} 元超过该组织{r.Year}年集体经济收入 {total:0.00} 元");
        var d = await db.CollectiveDistributions().FirstOrDefaultAsync(x => x.OrganizationId == id && x.Year == r.Year, ct);
        if (d is null) db.CollectiveDistributions().Add(d = CollectiveDistribution.Record(org, r.Year, Now, user.UserName));
        d.Set(r.ToMembers, r.Households, r.ToWelfare, r.Retained, r.Note ?? "", Now, user.UserName);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return Failure.Conflict($"该组织{r.Year}年的收益分配已由他人同时登记，请刷新后查看");
        }
        return await VillageAsync(org.RegionCode, ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/collective").WithTags("村集体经济");
        g.MapGet("/summary", async ([AsParameters] CollectiveSummaryQuery q, CollectiveEconomyQuery h, CancellationToken ct) =>
                (await h.SummaryAsync(q.Region, q.Year, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsView)
            .WithName("CollectiveSummary").WithSummary("看板：某地区某年度村集体经济（建立组织的村、空壳村、经营性收入分档），每个数字附其村清单链接");
        g.MapGet("/villages", async ([AsParameters] CollectiveVillagesQuery q, CollectiveEconomyQuery h, CancellationToken ct) =>
                (await h.VillagesAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsView)
            .WithName("CollectiveVillages").WithSummary("村集体经济村清单（filter：Organized、Unorganized、Shell、Low、Middle、High、AtLeastMiddle）");
        g.MapGet("/villages/{villageCode}", async (string villageCode, ManageCollectiveHandler h, CancellationToken ct) =>
                (await h.VillageAsync(villageCode, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsView)
            .WithName("CollectiveVillage").WithSummary("某村集体经济：组织、各年度分来源收入与收益分配");
        g.MapPost("/organizations", async (RegisterCollectiveOrganizationRequest r, ManageCollectiveHandler h, CancellationToken ct) =>
                (await h.RegisterAsync(r, ct)).ToHttp(v => TypedResults.Created($"/api/v1/collective/villages/{v.VillageCode}", v)))
            .RequireAuthorization(Permissions.ProjectsImplement)
            .WithName("RegisterCollectiveOrganization").WithSummary("登记村新型农村集体经济组织");
        g.MapPost("/organizations/{id:long}/update", async (long id, UpdateCollectiveOrganizationRequest r, ManageCollectiveHandler h, CancellationToken ct) =>
                (await h.UpdateAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsImplement)
            .WithName("UpdateCollectiveOrganization").WithSummary("修改集体经济组织信息（名称、统一社会信用代码、成立日期、成员人数；附所读版本）");
        g.MapPost("/organizations/{id:long}/incomes", async (long id, RecordCollectiveIncomeRequest r, ManageCollectiveHandler h, CancellationToken ct) =>
                (await h.RecordIncomeAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsImplement)
            .WithName("RecordCollectiveIncome").WithSummary("登记集体经济组织某年度某来源的收入（再次登记同一来源即更正；资产收益自动计入，不能录入）");
        g.MapPost("/organizations/{id:long}/distributions", async (long id, RecordCollectiveDistributionRequest r, ManageCollectiveHandler h, CancellationToken ct) =>
                (await h.RecordDistributionAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsImplement)
            .WithName("RecordCollectiveDistribution").WithSummary("登记集体经济组织某年度收益分配（分配到户、公益事业、留存，合计不超过当年收入）");
    }
}
