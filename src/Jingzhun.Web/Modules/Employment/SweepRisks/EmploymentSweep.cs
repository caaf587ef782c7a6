using Jingzhun.Web.Modules.Employment.ManageEmployment;
using Jingzhun.Web.Modules.Employment.Rules;
using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Jobs;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Policies;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Employment.SweepRisks;

/// <summary>
/// The employment and microcredit sweep: brings members' 务工状况 up to date with their records, and raises a monitoring
/// risk lead (source 系统监测预警) for a loan overdue the policy's days (小额信贷逾期) and for a member whose job ended the
/// policy's days ago with no new one (因务工就业不稳). Each loan and each ended job raises at most one lead, ever (it is
/// marked), and a household has at most one open lead per reason (the leads' unique index). A household already in
/// procedure or under monitoring gets the lead on its case.
/// </summary>
public sealed class EmploymentSweepHandler(AppDbContext db, PolicyStore store, TimeProvider clock)
{
    public const string SweepActor = "系统监测预警";

    public async Task<int> SweepAsync(IReadOnlyCollection<long> householdIds, CancellationToken ct)
    {
        var ids = householdIds.ToArray();
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var policies = new Dictionary<string, EmploymentPolicy>();
        async Task<EmploymentPolicy> PolicyOf(string village)
        {
            if (!policies.TryGetValue(village[..2], out var p)) policies[village[..2]] = p = await store.InForceAsync<EmploymentPolicy>(village, today.Year, ct);
            return p;
        }

        var loans = await db.Microloans.Where(l => EF.Parameter(ids).Contains(l.HouseholdId)
            && l.Status != LoanStatus.Repaid && l.OverdueLeadAt == null && l.DueOn < today).ToListAsync(ct);
        var ended = await db.EmploymentRecords.Where(e => EF.Parameter(ids).Contains(e.HouseholdId) && e.EndedOn != null && e.JoblessLeadAt == null)
            .ToListAsync(ct);
        var memberIds = await db.EmploymentRecords.AsNoTracking().Where(e => EF.Parameter(ids).Contains(e.HouseholdId))
            .Select(e => e.MemberId).Distinct().ToListAsync(ct);
        await ManageEmploymentHandler.RefreshAsync(db, memberIds, clock, SweepActor, ct);
        // Loans of households whose monitoring began since: measures of their plans.
        await ManageLoans.LoanMeasures.LinkAsync(db, ids, now, SweepActor, ct);
        if (loans.Count == 0 && ended.Count == 0) return 0;

        var endedMembers = ended.Select(e => e.MemberId).Distinct().ToArray();
        var spans = (await db.EmploymentRecords.AsNoTracking().Where(e => EF.Parameter(endedMembers).Contains(e.MemberId))
                .Select(e => new { e.Id, e.MemberId, Span = new JobSpan(e.Place, e.Year, e.Months, e.StartedOn, e.EndedOn) }).ToListAsync(ct))
            .ToLookup(e => e.MemberId);
        var names = await db.Members.AsNoTracking().Where(m => EF.Parameter(endedMembers).Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);

        var findings = new List<(long HouseholdId, string Village, RiskReason Reason, string Detail)>();
        foreach (var l in loans)
        {
            var days = (await PolicyOf(l.VillageCode)).LoanOverdueLeadDays;
            if (!LoanRules.RaisesLead(l.Status, l.DueOn, today, days)) continue;
            l.MarkOverdueLead(now);
            findings.Add((l.HouseholdId, l.VillageCode, RiskReason.LoanOverdue,
                $"小额信贷逾期{LoanRules.OverdueDays(l.Status, l.DueOn, today)}天：{l.Bank} 合同{l.ContractNumber}，{l.DueOn:yyyy-MM-dd}到期，余额{l.Balance:0.00}元"));
        }
        foreach (var e in ended)
        {
            var days = (await PolicyOf(e.VillageCode)).JoblessLeadDays;
            var member = spans[e.MemberId].ToList();
            var mine = member.First(x => x.Id == e.Id).Span;
            if (!WorkRules.LostJob(member.Select(x => x.Span).ToList(), mine, today, days)) continue;
            e.MarkJoblessLead(now);
            findings.Add((e.HouseholdId, e.VillageCode, RiskReason.UnstableEmployment,
                $"{names.GetValueOrDefault(e.MemberId)}在{e.Employer}的务工于{e.EndedOn:yyyy-MM-dd}结束，{today.DayNumber - e.EndedOn!.Value.DayNumber}天无新的务工记录"));
        }
        if (findings.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return 0;
        }

        var households = findings.Select(f => f.HouseholdId).Distinct().ToArray();
        var open = (await db.RiskLeads.AsNoTracking()
                .Where(l => EF.Parameter(households).Contains(l.HouseholdId) && l.Reason != null && (l.Status == LeadStatus.Open || l.Status == LeadStatus.InProcedure))
                .Select(l => new { l.HouseholdId, l.Reason }).ToListAsync(ct))
            .Select(l => (l.HouseholdId, l.Reason!.Value)).ToHashSet();
        var cases = await db.MonitoringCases.Where(c => EF.Parameter(households).Contains(c.HouseholdId)
            && c.Stage != CaseStage.NotIncluded && c.Stage != CaseStage.Eliminated).ToDictionaryAsync(c => c.HouseholdId, ct);
        var raised = new List<RiskLead>();
        foreach (var f in findings)
        {
            // A second overdue loan or lost job of a household with an open lead of that reason: the open lead covers it.
            if (!open.Add((f.HouseholdId, f.Reason))) continue;
            var lead = RiskLead.Raise(f.HouseholdId, f.Village, LeadSource.SystemSweep, f.Reason, f.Detail, now, SweepActor);
            if (cases.TryGetValue(f.HouseholdId, out var c)) lead.AttachTo(c);
            raised.Add(lead);
        }
        if (raised.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return 0;
        }
        // A sweep job and another sweep of the same households may raise the same lead at once: the unique index keeps one.
        return await db.AddOnceAsync(raised, l => (l.HouseholdId, l.Reason),
            async (pending, c) =>
            {
                var hs = pending.Select(l => l.HouseholdId).Distinct().ToArray();
                return (await db.RiskLeads.AsNoTracking()
                        .Where(l => EF.Parameter(hs).Contains(l.HouseholdId) && l.Reason != null
                                    && (l.Status == LeadStatus.Open || l.Status == LeadStatus.InProcedure))
                        .Select(l => new { l.HouseholdId, l.Reason }).ToListAsync(c))
                    .Select(l => (l.HouseholdId, l.Reason)).ToHashSet();
            },
            l => RiskLead.Raise(l.HouseholdId, l.VillageCode, l.Source, l.Reason, l.Detail, l.CreatedAt, l.CreatedBy), ct);
    }

    public static void Map(RouteGroupBuilder api) =>
        RegionSweepJob.MapStart(api, "/employment/sweeps", EmploymentSweepJob.JobKind)
            .RequireAuthorization(Permissions.MonitoringReview)
            .WithName("SweepEmployment").WithSummary("就业与小额信贷预警：更新务工状况，逾期贷款和务工中断生成风险线索（后台任务）").WithTags("就业与小额信贷");
}

/// <summary>The region-wide employment and microcredit sweep.</summary>
public sealed class EmploymentSweepJob(EmploymentSweepHandler sweep, AppDbContext db) : RegionSweepJob(db)
{
    public const string JobKind = "employment.sweep";
    public override string Kind => JobKind;
    protected override async Task<Func<Task<int>>> ProcessAsync(IReadOnlyCollection<long> householdIds, CancellationToken ct)
    {
        var raised = await sweep.SweepAsync(householdIds, ct);
        return () => Task.FromResult(raised);
    }
    protected override string Describe(int done, int found) => $"已筛查 {done} 户，新增风险线索 {found} 条";

    protected override Task<List<long>> HouseholdIdsAsync(string regionCode, CancellationToken ct) =>
        RegistryData.HouseholdIdsInRegionAsync(Db, regionCode, ct);
}
