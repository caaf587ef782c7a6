using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Jobs;
using Jingzhun.Web.Platform.Problems;
using Jingzhun.Web.Platform.Policies;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Monitoring.SweepRisks;

/// <summary>
/// The system's own risk sweep: raises a lead (source 系统监测预警) for each finding of <see cref="RiskRules"/> that has
/// no open lead yet. Households with an active case (in procedure or under monitoring) are already being looked at.
/// Runs for one household on every registry change and for a whole region as a background job.
/// </summary>
public sealed class SweepRisksHandler(AppDbContext db, PolicyStore store, TimeProvider clock) : IRegistryChangeListener
{
    public const string SweepActor = "系统监测预警";

    /// <summary>The monitoring standards in force for a place (its province's, else the national floor) and year.</summary>
    public Task<MonitoringPolicy> PolicyForAsync(string code, int year, CancellationToken ct) =>
        store.InForceAsync<MonitoringPolicy>(code, year, ct);

    public Task HouseholdChangedAsync(long householdId, CancellationToken ct) => SweepAsync([householdId], ct);

    /// <summary>After an import the region is swept by a job (queued after the guarantees' re-assessment, whose problems it reads).</summary>
    public Task RegionChangedAsync(string regionCode, string changedBy, CancellationToken ct) =>
        RegionSweepJob.QueueAfterChangeAsync(db, SweepRisksJob.JobKind, regionCode, changedBy, clock, ct);

    public async Task<int> SweepAsync(IReadOnlyCollection<long> householdIds, CancellationToken ct)
    {
        // Flat queries, the ids as one array parameter (binding thousands of separate parameters costs more than the query).
        var wanted = householdIds.ToArray();
        var rows = await db.Households.AsNoTracking()
            .Where(h => EF.Parameter(wanted).Contains(h.Id))
            .Select(h => new { h.Id, h.VillageCode, h.Status })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        // One flat query for the incomes (the ids come from the scoped query above); the two latest years kept per household.
        var incomes = (await db.Incomes.AsNoTracking().AcrossScopes("household ids come from the scoped household read; the filter's join would double the read")
                .Where(i => EF.Parameter(ids).Contains(i.HouseholdId))
                .Select(i => new { i.HouseholdId, Point = new IncomePoint(i.Year, i.PerCapitaNetIncome, i.AllowableOutOfPocket, i.HouseholdSize) })
                .ToListAsync(ct))
            .ToLookup(i => i.HouseholdId, i => i.Point);
        var active = (await db.MonitoringCases.AsNoTracking()
            .Where(c => EF.Parameter(ids).Contains(c.HouseholdId) && c.Stage != CaseStage.NotIncluded && c.Stage != CaseStage.Eliminated)
            .Select(c => c.HouseholdId).ToListAsync(ct)).ToHashSet();
        var openLeads = (await db.RiskLeads.AsNoTracking()
            .Where(l => EF.Parameter(ids).Contains(l.HouseholdId) && l.Reason != null && (l.Status == LeadStatus.Open || l.Status == LeadStatus.InProcedure))
            .Select(l => new { l.HouseholdId, l.Reason }).ToListAsync(ct)).Select(l => (l.HouseholdId, l.Reason!.Value)).ToHashSet();
        var problems = (await db.Problems.AsNoTracking()
            .Where(p => EF.Parameter(ids).Contains(p.HouseholdId) && p.Status != ProblemStatus.Verified)
            .GroupBy(p => p.HouseholdId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(g => g.Key, g => g.Count);
        var now = clock.GetUtcNow().UtcDateTime;
        var raised = new List<RiskLead>();
        foreach (var h in rows)
        {
            if (active.Contains(h.Id)) continue;
            var policies = new Dictionary<int, MonitoringPolicy>();
            var latest = incomes[h.Id].OrderByDescending(i => i.Year).Take(2).ToList();
            foreach (var i in latest) policies[i.Year] = await PolicyForAsync(h.VillageCode, i.Year, ct);
            var input = new RiskInput(h.Status, latest, problems.GetValueOrDefault(h.Id));
            foreach (var f in RiskRules.Sweep(input, y => policies[y]))
            {
                if (!openLeads.Add((h.Id, f.Reason))) continue;
                raised.Add(RiskLead.Raise(h.Id, h.VillageCode, LeadSource.SystemSweep, f.Reason, f.Detail, now, SweepActor));
            }
        }
        // A sweep job and a user's change of the same household (its listener sweeps it) may raise the same lead at once:
        // the unique index UX_risk_leads_one_open keeps the first, the other raises the rest.
        if (raised.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return 0;
        }
        return await db.AddOnceAsync(raised, l => (l.HouseholdId, l.Reason),
            async (pending, c) =>
            {
                var households = pending.Select(l => l.HouseholdId).Distinct().ToArray();
                return (await db.RiskLeads.AsNoTracking()
                        .Where(l => EF.Parameter(households).Contains(l.HouseholdId) && l.Reason != null
                                    && (l.Status == LeadStatus.Open || l.Status == LeadStatus.InProcedure))
                        .Select(l => new { l.HouseholdId, l.Reason }).ToListAsync(c))
                    .Select(l => (l.HouseholdId, l.Reason)).ToHashSet();
            },
            l => RiskLead.Raise(l.HouseholdId, l.VillageCode, l.Source, l.Reason, l.Detail, l.CreatedAt, l.CreatedBy), ct);
    }

    public static void Map(RouteGroupBuilder api) =>
        RegionSweepJob.MapStart(api, "/monitoring/sweeps", SweepRisksJob.JobKind)
            .RequireAuthorization(Permissions.MonitoringReview)
            .WithName("SweepRisks").WithSummary("对一个地区全部户进行返贫风险预警筛查（后台任务）").WithTags("防返贫监测");
}

/// <summary>The region-wide risk sweep.</summary>
public sealed class SweepRisksJob(SweepRisksHandler sweep, AppDbContext db) : RegionSweepJob(db)
{
    public const string JobKind = "monitoring.sweep";
    public override string Kind => JobKind;
    protected override async Task<Func<Task<int>>> ProcessAsync(IReadOnlyCollection<long> householdIds, CancellationToken ct)
    {
        // Leads are few and written with the batch (audited through the context); there is nothing left to overlap.
        var raised = await sweep.SweepAsync(householdIds, ct);
        return () => Task.FromResult(raised);
    }
    protected override string Describe(int done, int found) => $"已筛查 {done} 户，新增风险线索 {found} 条";

    protected override Task<List<long>> HouseholdIdsAsync(string regionCode, CancellationToken ct) =>
        RegistryData.HouseholdIdsInRegionAsync(Db, regionCode, ct);
}
