using Jingzhun.Web.Modules.Partners.Relocation.Rules;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Partners.Relocation;

/// <summary>A member of working age as the follow-up shows them: 劳动力类型 and 务工状况 (kept by the employment records).</summary>
public sealed record LabourRow(string Name, LaborSkill LaborSkill, WorkStatus WorkStatus);

public sealed record SupportRow(long Id, SupportKind Kind, int Year, decimal Amount, DateOnly? PaidOn, string? Note, DateTime AddedAt, string AddedBy);

/// <summary>搬迁户后续扶持档案 of one household: its site and origin, steps, labour, supports and the goal checklist.</summary>
public sealed record FollowUpView(long HouseholdId, string HouseholdNumber, string HeadName, string VillageCode, string RegionPath, HouseholdStatus Status,
    int People, long SiteId, string SiteName, string SiteRegionPath, string OriginVillageCode, string OriginRegionPath, int? RelocatedYear,
    bool KeysReceived, bool PropertyCertificateIssued, bool HukouMoved, IReadOnlyList<LabourRow> Labour, IReadOnlyList<SupportRow> Supports,
    IReadOnlyList<GoalCheck> Checklist, int Version, DateTime UpdatedAt, string UpdatedBy);

/// <summary>修改后续扶持档案 on the version read (安置点, 迁出村, 搬迁年份, 不动产权证, 户籍迁移).</summary>
public sealed record EditFollowUpRequest(long SiteId,
    [property: Text(12, "迁出村", typeof(RelocatedHousehold), nameof(RelocatedHousehold.OriginVillageCode))] string? OriginVillageCode,
    int? RelocatedYear, bool PropertyCertificateIssued, bool HukouMoved, int Version);

/// <summary>登记扶持: 到户产业发展资金 or a 生活 subsidy paid to the household.</summary>
public sealed record AddSupportRequest(SupportKind Kind, int Year, decimal Amount, DateOnly? PaidOn,
    [property: Text(200, "备注", typeof(RelocationSupport), nameof(RelocationSupport.Note))] string? Note, int Version);

public sealed class ManageFollowUpHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, TimeProvider clock)
{
    private const string Record = "该户的后续扶持档案";

    /// <summary>The household's record, or null when the household is in scope and relocated but tied to no site yet.</summary>
    public async Task<Outcome<FollowUpView?>> GetAsync(long householdId, CancellationToken ct)
    {
        var h = await db.Households.AsNoTracking().Where(x => x.Id == householdId)
            .Select(x => new { x.Id, x.HouseholdNumber, x.HeadName, x.VillageCode, x.Status, x.RelocationKeysReceived, x.LatestIncomeYear }).FirstOrDefaultAsync(ct);
        if (h is null) return Failure.NotFound("该户");
        var r = await db.RelocatedHouseholds.AsNoTracking().Include(x => x.Supports).FirstOrDefaultAsync(x => x.HouseholdId == householdId, ct);
        if (r is null) return Outcome<FollowUpView?>.From(null);
        var site = await db.SettlementSites.AsNoTracking().AcrossScopes("the site of a household in scope: its name and place only")
            .Where(s => s.Id == r.SiteId).Select(s => new { s.Name, s.CommunityCode }).FirstAsync(ct);
        var members = await db.Members.AsNoTracking().Where(m => m.HouseholdId == householdId && m.Status == MemberStatus.Active)
            .OrderBy(m => m.Id).Select(m => new LabourRow(m.Name, m.LaborSkill, m.WorkStatus)).ToListAsync(ct);
        var labour = members.Where(m => m.LaborSkill is LaborSkill.Ordinary or LaborSkill.Skilled or LaborSkill.Weak).ToList();
        var incomes = await db.Incomes.AsNoTracking().Where(i => i.HouseholdId == householdId).OrderByDescending(i => i.Year).Take(2)
            .Select(i => new { i.Year, i.PerCapitaNetIncome }).ToListAsync(ct);
        var latest = incomes.FirstOrDefault();
        var previous = incomes.Count == 2 && incomes[1].Year == latest!.Year - 1 ? incomes[1] : null;
        var checklist = RelocationRules.Checklist(new FollowUpFacts(h.RelocationKeysReceived, r.PropertyCertificateIssued, r.HukouMoved, labour.Count,
            labour.Count(m => m.WorkStatus != WorkStatus.None), r.Supports.Any(s => s.Kind == SupportKind.IndustryFund),
            latest?.PerCapitaNetIncome, previous?.PerCapitaNetIncome));
        var supports = r.Supports.OrderByDescending(s => s.Year).ThenByDescending(s => s.Id)
            .Select(s => new SupportRow(s.Id, s.Kind, s.Year, s.Amount, s.PaidOn, s.Note, s.AddedAt, s.AddedBy)).ToList();
        return new FollowUpView(h.Id, h.HouseholdNumber, h.HeadName, h.VillageCode, regions.ShortPath(h.VillageCode), h.Status, members.Count,
            r.SiteId, site.Name, regions.ShortPath(site.CommunityCode), r.OriginVillageCode, regions.ShortPath(r.OriginVillageCode), r.RelocatedYear,
            h.RelocationKeysReceived, r.PropertyCertificateIssued, r.HukouMoved, labour, supports, checklist, r.Version, r.UpdatedAt, r.UpdatedBy);
    }

    /// <summary>Whether the registry marks the household (in scope) 易地扶贫搬迁.</summary>
    public Task<bool> IsRelocatedAsync(long householdId, CancellationToken ct) =>
        db.Households.AsNoTracking().AnyAsync(h => h.Id == householdId && h.IsRelocated, ct);

    private async Task<Outcome<FollowUpView>> ViewAsync(long householdId, CancellationToken ct)
    {
        var v = await GetAsync(householdId, ct);
        return !v.Succeeded ? v.Failure! : v.Value is { } view ? view : Failure.NotFound(Record);
    }

    public async Task<Outcome<FollowUpView>> EditAsync(long householdId, EditFollowUpRequest req, CancellationToken ct)
    {
        if (TextLimits.Check(req) is { } tooLong) return tooLong;
        var r = await db.RelocatedHouseholds.Include(x => x.Supports).FirstOrDefaultAsync(x => x.HouseholdId == householdId, ct);
        if (r is null) return Failure.NotFound(Record);
        if (Versions.Check(r, req.Version, Record) is { } stale) return stale;
        var today = ChinaTime.Today(clock);
        if (RelocationRules.CheckRelocatedYear(req.RelocatedYear, today.Year) is { } badYear) return Failure.Invalid(badYear.Field, badYear.Message);
        var origin = string.IsNullOrWhiteSpace(req.OriginVillageCode) ? r.VillageCode : req.OriginVillageCode.Trim();
        if (regions.Find(origin) is not { Level: RegionLevel.Village } || origin[..6] != r.CountyCode)
            return Failure.Invalid("originVillageCode", "迁出村应为本区县的村级区划");
        if (req.SiteId != r.SiteId)
        {
            // Moved to another site: one the user sees, in the household's county.
            var site = await db.SettlementSites.AsNoTracking().Where(s => s.Id == req.SiteId).Select(s => new { s.CountyCode }).FirstOrDefaultAsync(ct);
            if (site is null) return Failure.Invalid("siteId", "所选安置点不存在或不在您的管辖范围内");
            if (site.CountyCode != r.CountyCode) return Failure.Invalid("siteId", "只能选择本区县的安置点");
        }
        r.Edit(req.SiteId, origin, req.RelocatedYear, req.PropertyCertificateIssued, req.HukouMoved, clock.GetUtcNow().UtcDateTime, user.UserName);
        if (await db.SaveEditAsync(Record, c => db.RelocatedHouseholds.AsNoTracking().FirstOrDefaultAsync(x => x.HouseholdId == householdId, c), ct) is { } failed)
            return failed;
        return await ViewAsync(householdId, ct);
    }

    public async Task<Outcome<FollowUpView>> AddSupportAsync(long householdId, AddSupportRequest req, CancellationToken ct)
    {
        if (TextLimits.Check(req) is { } tooLong) return tooLong;
        var r = await db.RelocatedHouseholds.Include(x => x.Supports).FirstOrDefaultAsync(x => x.HouseholdId == householdId, ct);
        if (r is null) return Failure.NotFound(Record);
        if (Versions.Check(r, req.Version, Record) is { } stale) return stale;
        if (RelocationRules.CheckSupport(req.Kind, req.Year, req.Amount, req.PaidOn, ChinaTime.Today(clock)) is { } bad) return Failure.Invalid(bad.Field, bad.Message);
        r.Grant(req.Kind, req.Year, req.Amount, req.PaidOn, req.Note, clock.GetUtcNow().UtcDateTime, user.UserName);
        if (await db.SaveEditAsync(Record, c => db.RelocatedHouseholds.AsNoTracking().FirstOrDefaultAsync(x => x.HouseholdId == householdId, c), ct) is { } failed)
            return failed;
        return await ViewAsync(householdId, ct);
    }

    /// <summary>撤销一笔扶持 typed in error, on the record's version read.</summary>
    public async Task<Outcome<FollowUpView>> RemoveSupportAsync(long householdId, long supportId, int version, CancellationToken ct)
    {
        var r = await db.RelocatedHouseholds.Include(x => x.Supports).FirstOrDefaultAsync(x => x.HouseholdId == householdId, ct);
        if (r is null) return Failure.NotFound(Record);
        if (r.Supports.FirstOrDefault(s => s.Id == supportId) is not { } support) return Failure.NotFound("该笔扶持");
        if (Versions.Check(r, version, Record) is { } stale) return stale;
        r.Withdraw(support, clock.GetUtcNow().UtcDateTime, user.UserName);
        if (await db.SaveEditAsync(Record, c => db.RelocatedHouseholds.AsNoTracking().FirstOrDefaultAsync(x => x.HouseholdId == householdId, c), ct) is { } failed)
            return failed;
        return await ViewAsync(householdId, ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/partners/relocation/households").WithTags("易地搬迁后续扶持");
        g.MapGet("/{householdId:long}", async (long householdId, ManageFollowUpHandler h, CancellationToken ct) =>
                (await h.ViewAsync(householdId, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersView)
            .WithName("GetRelocationFollowUp").WithSummary("搬迁户后续扶持档案：安置点、迁出村、不动产权证、户籍迁移、劳动力就业、扶持记录和“稳得住、有就业、逐步能致富”清单");
        g.MapPut("/{householdId:long}", async (long householdId, EditFollowUpRequest r, ManageFollowUpHandler h, CancellationToken ct) =>
                (await h.EditAsync(householdId, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersManage)
            .WithName("EditRelocationFollowUp").WithSummary("修改后续扶持档案（按读取时的版本）");
        g.MapPost("/{householdId:long}/supports", async (long householdId, AddSupportRequest r, ManageFollowUpHandler h, CancellationToken ct) =>
                (await h.AddSupportAsync(householdId, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersManage)
            .WithName("AddRelocationSupport").WithSummary("登记扶持：到户产业发展资金或水费、电费、取暖等生活补贴（version 为档案的版本）");
        g.MapDelete("/{householdId:long}/supports/{supportId:long}", async (long householdId, long supportId, int version, ManageFollowUpHandler h, CancellationToken ct) =>
                (await h.RemoveSupportAsync(householdId, supportId, version, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersManage)
            .WithName("RemoveRelocationSupport").WithSummary("撤销误录的一笔扶持（version 为档案的版本）");
    }
}
