using Jingzhun.Web.Modules.Guarantees.Rules;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Jobs;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Jingzhun.Web.Platform.Policies;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Guarantees.AssessHouseholds;

public sealed record GuaranteePanel(long HouseholdId, DateTime? AssessedAt, IReadOnlyList<DimensionView> Dimensions);

public sealed record DimensionView(Dimension Dimension, string DimensionLabel, Verdict Verdict, string VerdictLabel, string Reason,
    long? OpenProblemId, ProblemStatus? OpenProblemStatus);

/// <summary>
/// Judges households against the 两不愁三保障 rules with the policy in force, stores the verdicts, and opens one
/// problem (source 系统研判) per failing dimension that has none open. A pass never closes a problem: only a person
/// resolves one, with evidence.
/// </summary>
public sealed class AssessHouseholdsHandler(AppDbContext db, TimeProvider clock) : IRegistryChangeListener
{
    public const string RuleActor = "系统研判";

    private readonly Dictionary<(string, int), GuaranteePolicy> _policies = [];

    public async Task<GuaranteePolicy> PolicyForAsync(string villageCode, int year, CancellationToken ct)
    {
        var province = villageCode[..2];
        if (_policies.TryGetValue((province, year), out var cached)) return cached;
        var policy = await db.GuaranteePolicies.InForceAsync(province, year, ct) ?? GuaranteePolicy.NationalDefault(year);
        return _policies[(province, year)] = policy;
    }

    public Task HouseholdChangedAsync(long householdId, CancellationToken ct) => AssessAsync([householdId], ct);

    /// <summary>Assesses the given households (those visible to the current scope) and saves; returns problems opened.</summary>
    public async Task<int> AssessAsync(IReadOnlyCollection<long> householdIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var households = await db.Households.AsNoTracking()
            .Where(h => householdIds.Contains(h.Id))
            .Select(h => new
            {
                h.Id, h.VillageCode,
                Snapshot = new HouseholdSnapshot(h.FoodSecure, h.ClothingSecure, h.HousingGrade, h.IsRelocated, h.RelocationKeysReceived,
                    h.WaterLitresPerPersonDay, h.WaterQualityPassed, h.WaterPiped, h.WaterFetchMinutes, h.WaterHorizontalMetres,
                    h.WaterVerticalMetres, h.WaterCutoffDaysPerYear, h.WaterShortArea,
                    h.Members.Select(m => new MemberSnapshot(m.Name, m.BirthDate, m.Status, m.SchoolStatus, m.SchoolHealthExemption,
                        m.HomeSchooling, m.HasMedicalInsurance)).ToList()),
            })
            .ToListAsync(ct);
        var ids = households.Select(h => h.Id).ToList();
        var stored = (await db.Assessments.Where(a => ids.Contains(a.HouseholdId)).ToListAsync(ct))
            .ToDictionary(a => (a.HouseholdId, a.Dimension));
        var open = (await db.Problems.AsNoTracking().Where(p => ids.Contains(p.HouseholdId) && p.Status != ProblemStatus.Verified)
            .Select(p => new { p.HouseholdId, p.Dimension }).ToListAsync(ct)).Select(p => (p.HouseholdId, p.Dimension)).ToHashSet();
        var opened = 0;
        foreach (var h in households)
        {
            var policy = await PolicyForAsync(h.VillageCode, today.Year, ct);
            foreach (var r in GuaranteeRules.Assess(h.Snapshot, policy, today))
            {
                if (!stored.TryGetValue((h.Id, r.Dimension), out var row))
                    db.Assessments.Add(row = new HouseholdAssessment { HouseholdId = h.Id, Dimension = r.Dimension });
                row.VillageCode = h.VillageCode;
                row.Verdict = r.Verdict;
                row.Reason = r.Reason.Length > 500 ? r.Reason[..500] : r.Reason;
                row.AssessedAt = now;
                if (r.Verdict == Verdict.Fail && open.Add((h.Id, r.Dimension)))
                {
                    db.Problems.Add(Problem.Open(h.Id, h.VillageCode, r.Dimension, ProblemSource.Rule, SeverityOf(r.Dimension), r.Reason, now, RuleActor));
                    opened++;
                }
            }
        }
        await db.SaveChangesAsync(ct);
        return opened;
    }

    // Housing and food gaps endanger life and health first; clothing and data-like gaps can take longer.
    public static Severity SeverityOf(Dimension d) => d switch
    {
        Dimension.Housing or Dimension.Food or Dimension.Water => Severity.Urgent,
        Dimension.Education or Dimension.Medical => Severity.Normal,
        _ => Severity.Normal,
    };

    public async Task<Outcome<GuaranteePanel>> PanelAsync(long householdId, CancellationToken ct)
    {
        if (!await db.Households.AnyAsync(h => h.Id == householdId, ct)) return Failure.NotFound("该户");
        var rows = await db.Assessments.AsNoTracking().Where(a => a.HouseholdId == householdId).ToListAsync(ct);
        if (rows.Count == 0)
        {
            await AssessAsync([householdId], ct);
            rows = await db.Assessments.AsNoTracking().Where(a => a.HouseholdId == householdId).ToListAsync(ct);
        }
        var open = await db.Problems.AsNoTracking().Where(p => p.HouseholdId == householdId && p.Status != ProblemStatus.Verified)
            .Select(p => new { p.Id, p.Dimension, p.Status }).ToListAsync(ct);
        var dims = rows.OrderBy(r => r.Dimension).Select(r =>
        {
            var p = open.FirstOrDefault(o => o.Dimension == r.Dimension);
            return new DimensionView(r.Dimension, Labels.Of(r.Dimension), r.Verdict, Labels.Of(r.Verdict), r.Reason, p?.Id, p?.Status);
        }).ToList();
        return new GuaranteePanel(householdId, rows.Max(r => (DateTime?)r.AssessedAt), dims);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/households/{id:long}/guarantees", async (long id, AssessHouseholdsHandler h, CancellationToken ct) =>
                (await h.PanelAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.GuaranteesView)
            .WithName("GetGuarantees").WithSummary("两不愁三保障及饮水安全六项研判结果（含原因）").WithTags("两不愁三保障");
        RegionSweepJob.MapStart(api, "/guarantees/sweeps", SweepGuaranteesJob.JobKind)
            .RequireAuthorization(Permissions.GuaranteesAssign)
            .WithName("SweepGuarantees").WithSummary("对一个地区全部户重新研判（后台任务，返回任务进度地址）").WithTags("两不愁三保障");
    }
}

/// <summary>The region-wide re-assessment, for when rules or thresholds change.</summary>
public sealed class SweepGuaranteesJob(AssessHouseholdsHandler assess, AppDbContext db) : RegionSweepJob(db)
{
    public const string JobKind = "guarantees.sweep";
    public override string Kind => JobKind;
    protected override Task<int> ProcessAsync(IReadOnlyCollection<long> householdIds, CancellationToken ct) => assess.AssessAsync(householdIds, ct);
    protected override string Describe(int done, int found) => $"已研判 {done} 户，新发现问题 {found} 个";
}
