using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry.SearchHouseholds;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Monitoring.ManageLeads;

public sealed record LeadQuery(string? Region, LeadStatus? Status, LeadSource? Source, RiskReason? Reason, long? HouseholdId, int? Page, int? PageSize);

public sealed record LeadRow(long Id, long HouseholdId, string HouseholdNumber, string HeadName, string VillageCode, string RegionPath,
    LeadSource Source, RiskReason? Reason, string Detail, LeadStatus Status, long? CaseId, DateTime CreatedAt, string CreatedBy);

/// <summary>
/// A lead recorded by a person: 农户自主申报 (recorded by the village), 基层干部排查, 部门筛查预警. <see cref="FoundOn"/> (发现日期,
/// default today) is the day the risk was found when it is written up later: the 认定期限 counts from it, so it may lie at
/// most the policy's decision days back.
/// </summary>
public sealed record RecordLeadRequest(long HouseholdId, LeadSource Source,
    [property: Text(500, "风险情况", typeof(RiskLead), nameof(RiskLead.Detail))] string Detail, DateOnly? FoundOn = null, RiskReason? Reason = null);

public sealed class ManageLeadsHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, SweepRisks.SweepRisksHandler policies, TimeProvider clock)
{
    public async Task<Outcome<PageResult<LeadRow>>> SearchAsync(LeadQuery q, CancellationToken ct)
    {
        var query = db.RiskLeads.AsNoTracking();
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        if (region.Value is { } code) query = query.InRegion(code);
        if (q.Status is { } s) query = query.Where(l => l.Status == s);
        if (q.Source is { } src) query = query.Where(l => l.Source == src);
        if (q.Reason is { } r) query = query.Where(l => l.Reason == r);
        if (q.HouseholdId is { } h) query = query.Where(l => l.HouseholdId == h);
        var rows = await query.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).PageAsync(Paging.Of(q.Page, q.PageSize), page =>
            (from l in page
             join hh in db.Households on l.HouseholdId equals hh.Id
             select new LeadRow(l.Id, l.HouseholdId, hh.HouseholdNumber, hh.HeadName, l.VillageCode, "", l.Source, l.Reason, l.Detail,
                 l.Status, l.CaseId, l.CreatedAt, l.CreatedBy)).ToListAsync(ct), ct);
        return rows.Select(x => x with { RegionPath = regions.ShortPath(x.VillageCode) });
    }

    public async Task<Outcome<LeadRow>> RecordAsync(RecordLeadRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var h = await db.Households.AsNoTracking().Where(x => x.Id == r.HouseholdId)
            .Select(x => new { x.Id, x.VillageCode, x.HouseholdNumber, x.HeadName }).FirstOrDefaultAsync(ct);
        if (h is null) return Failure.NotFound("该户");
        if (!Enum.IsDefined(r.Source) || r.Source == LeadSource.SystemSweep)
            return Failure.Invalid("source", "请选择线索来源：农户自主申报、基层干部排查或部门筛查预警");
        if (string.IsNullOrWhiteSpace(r.Detail) || r.Detail.Trim().Length < 4) return Failure.Invalid("detail", "请说明风险情况（至少4个字）");
        if (r.FoundOn is { } found)
        {
            var today = ChinaTime.Today(clock);
            if (found > today) return Failure.Invalid("foundOn", "发现日期不能晚于今天");
            var days = (await policies.PolicyForAsync(h.VillageCode, today.Year, ct)).DecisionDays;
            if (found < today.AddDays(-days))
                return Failure.Invalid("foundOn", $"发现日期不能早于{today.AddDays(-days):yyyy-MM-dd}：线索应在认定期限（{days}天）内登记");
        }
        if (r.Reason is { } reason)
        {
            if (!Enum.IsDefined(reason)) return Failure.Invalid("reason", "风险类型无效");
            // One open lead per household and reason (as the sweeps raise them): a second report of it is the same lead.
            var same = await db.RiskLeads.AsNoTracking().Where(l => l.HouseholdId == h.Id && l.Reason == reason
                && (l.Status == LeadStatus.Open || l.Status == LeadStatus.InProcedure)).FirstOrDefaultAsync(ct);
            if (same is not null)
                return new LeadRow(same.Id, h.Id, h.HouseholdNumber, h.HeadName, h.VillageCode, regions.ShortPath(h.VillageCode), same.Source, same.Reason,
                    same.Detail, same.Status, same.CaseId, same.CreatedAt, same.CreatedBy);
        }
        var lead = RiskLead.Raise(h.Id, h.VillageCode, r.Source, r.Reason, r.Detail, clock.GetUtcNow().UtcDateTime, user.UserName, r.FoundOn);
        // A household already in procedure or under monitoring: the lead joins that case instead of waiting to be taken up.
        var active = await db.MonitoringCases.FirstOrDefaultAsync(c => c.HouseholdId == h.Id
            && c.Stage != CaseStage.NotIncluded && c.Stage != CaseStage.Eliminated, ct);
        if (active is not null) lead.AttachTo(active);
        db.RiskLeads.Add(lead);
        await db.SaveChangesAsync(ct);
        return new LeadRow(lead.Id, h.Id, h.HouseholdNumber, h.HeadName, h.VillageCode, regions.ShortPath(h.VillageCode), lead.Source, lead.Reason,
            lead.Detail, lead.Status, lead.CaseId, lead.CreatedAt, lead.CreatedBy);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/monitoring/leads").WithTags("防返贫监测");
        g.MapGet("", async ([AsParameters] LeadQuery q, ManageLeadsHandler h, CancellationToken ct) => (await h.SearchAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringView).RequireHouseholdInScope()
            .WithName("SearchLeads").WithSummary("风险线索（筛选 region、status、source、reason）");
        g.MapPost("", async (RecordLeadRequest r, ManageLeadsHandler h, CancellationToken ct) =>
                (await h.RecordAsync(r, ct)).ToHttp(l => TypedResults.Created($"/api/v1/monitoring/leads/{l.Id}", l)))
            .RequireAuthorization(Permissions.MonitoringReport)
            .WithName("RecordLead").WithSummary("登记风险线索：农户自主申报（村代录）、基层干部排查、部门筛查预警");
    }
}
