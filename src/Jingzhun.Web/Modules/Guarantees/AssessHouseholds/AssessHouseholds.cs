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
public sealed class AssessHouseholdsHandler(AppDbContext db, PolicyStore store, TimeProvider clock) : IRegistryChangeListener
{
    public const string RuleActor = "系统研判";

    public Task<GuaranteePolicy> PolicyForAsync(string villageCode, int year, CancellationToken ct) =>
        store.InForceAsync<GuaranteePolicy>(villageCode, year, ct);

    public Task HouseholdChangedAsync(long householdId, CancellationToken ct) => AssessAsync([householdId], ct);

    /// <summary>After an import the region is re-assessed by a sweep job, not household by household inside the import.</summary>
    public Task RegionChangedAsync(string regionCode, string changedBy, CancellationToken ct) =>
        RegionSweepJob.QueueAfterChangeAsync(db, SweepGuaranteesJob.JobKind, regionCode, changedBy, clock, ct);

    /// <summary>Assesses the given households (those visible to the current scope) and saves; returns problems opened.</summary>
    public async Task<int> AssessAsync(IReadOnlyCollection<long> householdIds, CancellationToken ct)
    {
        var judged = await JudgeAsync(await ReadAsync(householdIds, ct), ct);
        return await SaveAsync(judged, ct);
    }

    /// <summary>What the rules read of a batch of households and what is stored for them, read without tracking.</summary>
    public sealed record Batch(
        IReadOnlyList<(long Id, string VillageCode, HouseholdSnapshot Snapshot)> Households,
        Dictionary<(long, Dimension), StoredVerdict> Stored,
        HashSet<(long, Dimension)> Open,
        HashSet<(long, Dimension, string)> Settled);

    /// <summary>What is compared of a stored verdict (its time is not read: parsing it costs more than the rest).</summary>
    public sealed record StoredVerdict(long Id, string VillageCode, Verdict Verdict, string Reason);

    /// <summary>The verdicts that changed (to write) and the problems to open.</summary>
    public sealed record Judged(IReadOnlyList<AssessmentWrite> Writes, IReadOnlyList<Problem> Problems, DateTime At);

    /// <summary>
    /// Reads a batch with flat queries (households, then their members, stored verdicts and open problems): a nested
    /// member projection costs a correlated query per household. Members are read in key order, as the reasons list
    /// them. The ids go in as one array parameter (json_each on SQLite, = ANY on PostgreSQL): thousands of separate
    /// parameters cost more to bind than the query itself.
    /// </summary>
    public async Task<Batch> ReadAsync(IReadOnlyCollection<long> householdIds, CancellationToken ct)
    {
        var wanted = householdIds.ToArray();
        var households = await db.Households.AsNoTracking()
            .Where(h => EF.Parameter(wanted).Contains(h.Id))
            .Select(h => new
            {
                h.Id, h.VillageCode, h.FoodSecure, h.ClothingSecure, h.HousingGrade, h.IsRelocated, h.RelocationKeysReceived,
                h.WaterLitresPerPersonDay, h.WaterQualityPassed, h.WaterPiped, h.WaterFetchMinutes, h.WaterHorizontalMetres,
                h.WaterVerticalMetres, h.WaterCutoffDaysPerYear, h.WaterShortArea,
            })
            .ToListAsync(ct);
        // The ids come from the scoped household query above, so the members' own (joined) region filter adds nothing.
        var ids = households.Select(h => h.Id).ToList();
        var members = (await db.Members.AsNoTracking().AcrossScopes("household ids come from the scoped household read; the filter's join would double the read")
                .Where(m => EF.Parameter(ids).Contains(m.HouseholdId))
                .OrderBy(m => m.HouseholdId).ThenBy(m => m.Id)
                .Select(m => new { m.HouseholdId, m.Name, m.BirthDate, m.Status, m.SchoolStatus, m.SchoolHealthExemption, m.HomeSchooling, m.HasMedicalInsurance, m.EducationLevel })
                .ToListAsync(ct))
            .ToLookup(m => m.HouseholdId, m => new MemberSnapshot(m.Name, m.BirthDate, m.Status, m.SchoolStatus, m.SchoolHealthExemption,
                m.HomeSchooling, m.HasMedicalInsurance, m.EducationLevel));
        var stored = (await db.Assessments.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.HouseholdId))
                .Select(a => new { a.HouseholdId, a.Dimension, Verdict = new StoredVerdict(a.Id, a.VillageCode, a.Verdict, a.Reason) }).ToListAsync(ct))
            .ToDictionary(a => (a.HouseholdId, a.Dimension), a => a.Verdict);
        var open = (await db.Problems.AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.HouseholdId) && p.Status != ProblemStatus.Verified)
            .Select(p => new { p.HouseholdId, p.Dimension }).ToListAsync(ct)).Select(p => (p.HouseholdId, p.Dimension)).ToHashSet();
        var settled = (await db.Problems.AsNoTracking()
                .Where(p => EF.Parameter(ids).Contains(p.HouseholdId) && p.Status == ProblemStatus.Verified && p.Source == ProblemSource.Rule)
                .Select(p => new { p.HouseholdId, p.Dimension, p.Description }).ToListAsync(ct))
            .Select(p => (p.HouseholdId, p.Dimension, p.Description)).ToHashSet();
        var snapshots = households.Select(h => (h.Id, h.VillageCode, new HouseholdSnapshot(h.FoodSecure, h.ClothingSecure, h.HousingGrade,
            h.IsRelocated, h.RelocationKeysReceived, h.WaterLitresPerPersonDay, h.WaterQualityPassed, h.WaterPiped, h.WaterFetchMinutes,
            h.WaterHorizontalMetres, h.WaterVerticalMetres, h.WaterCutoffDaysPerYear, h.WaterShortArea, members[h.Id].ToList()))).ToList();
        return new Batch(snapshots, stored, open, settled);
    }

    /// <summary>
    /// Applies the rules: a verdict is written only when it differs from the stored one (so a re-run writes almost
    /// nothing), and a failing dimension without an open problem gets one. Touches no database state but the policy
    /// cache, so it can run while the previous batch is being written.
    /// </summary>
    public async Task<Judged> JudgeAsync(Batch batch, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var writes = new List<AssessmentWrite>();
        var problems = new List<Problem>();
        foreach (var (id, village, snapshot) in batch.Households)
        {
            var policy = await PolicyForAsync(village, today.Year, ct);
            foreach (var r in GuaranteeRules.Assess(snapshot, policy, today))
            {
                var reason = Truncate(r.Reason);
                var row = batch.Stored.GetValueOrDefault((id, r.Dimension));
                if (row is null || row.Verdict != r.Verdict || row.Reason != reason || row.VillageCode != village)
                    writes.Add(new AssessmentWrite(row?.Id ?? 0, id, village, r.Dimension, r.Verdict, reason));
                if (r.Verdict == Verdict.Fail && !IsSettled(batch, id, r, row) && batch.Open.Add((id, r.Dimension)))
                    problems.Add(Problem.Open(id, village, r.Dimension, ProblemSource.Rule, SeverityOf(r.Dimension), r.Reason, now, RuleActor));
            }
        }
        return new Judged(writes, problems, now);
    }

    /// <summary>
    /// A failing fact already worked to 已核验: a rule-found problem with the same reason (the rule's reason names the
    /// facts, e.g. "年断水20天，超过15天") was verified, and the facts have not changed since (the stored verdict is still
    /// that failure; had they passed in between, the stored verdict would say so and the failure is found again).
    /// </summary>
    private static bool IsSettled(Batch batch, long id, DimensionResult r, StoredVerdict? stored) =>
        stored is { Verdict: Verdict.Fail } && stored.Reason == Truncate(r.Reason) && batch.Settled.Contains((id, r.Dimension, r.Reason.Trim()));

    private static string Truncate(string reason) => reason.Length > 500 ? reason[..500] : reason;

    /// <summary>
    /// Writes the changed verdicts in bulk and the new problems through EF (audited as before), in one transaction;
    /// returns the problems opened.
    /// </summary>
    public async Task<int> SaveAsync(Judged judged, CancellationToken ct)
    {
        if (judged.Writes.Count == 0 && judged.Problems.Count == 0) return 0;
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await AssessmentWriter.WriteAsync(db, judged.Writes, judged.At, ct);
            var opened = judged.Problems.Count > 0 ? await OpenProblemsAsync(judged.Problems, ct) : 0;
            if (own is not null) await own.CommitAsync(ct);
            return opened;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>
    /// Opens the judged problems inside the caller's transaction. Another assessment of the same household (a sweep, the
    /// household page's panel, a registry change) may have opened the same gap since this one read "none open": the
    /// unique index UX_problems_one_open keeps theirs, and this one opens the rest (<see cref="RacingInserts.AddOnceAsync"/>).
    /// </summary>
    private Task<int> OpenProblemsAsync(IReadOnlyList<Problem> judged, CancellationToken ct) =>
        db.AddOnceAsync(judged, p => (p.HouseholdId, p.Dimension),
            async (pending, c) =>
            {
                var households = pending.Select(p => p.HouseholdId).Distinct().ToArray();
                return (await db.Problems.AsNoTracking()
                        .Where(p => EF.Parameter(households).Contains(p.HouseholdId) && p.Status != ProblemStatus.Verified)
                        .Select(p => new { p.HouseholdId, p.Dimension }).ToListAsync(c))
                    .Select(p => (p.HouseholdId, p.Dimension)).ToHashSet();
            },
            // A fresh copy: detaching took the first event out of the problem's history.
            p => Problem.Open(p.HouseholdId, p.VillageCode, p.Dimension, p.Source, p.Severity, p.Description, p.FoundAt, p.FoundBy), ct);

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

/// <summary>
/// The region-wide re-assessment, for when rules or thresholds change. Each batch is written through a second context
/// (its own connection and transaction) while the next batch is read and judged on the job's own.
/// </summary>
public sealed class SweepGuaranteesJob(AssessHouseholdsHandler assess, AppDbContext db, IServiceScopeFactory scopes) : RegionSweepJob(db), IDisposable
{
    public const string JobKind = "guarantees.sweep";
    public override string Kind => JobKind;
    private IServiceScope? _writer;

    protected override async Task<Func<Task<int>>> ProcessAsync(IReadOnlyCollection<long> householdIds, CancellationToken ct)
    {
        var judged = await assess.JudgeAsync(await assess.ReadAsync(householdIds, ct), ct);
        _writer ??= scopes.CreateScope();
        var writer = _writer.ServiceProvider.GetRequiredService<AssessHouseholdsHandler>();
        var writeDb = _writer.ServiceProvider.GetRequiredService<AppDbContext>();
        return () => Task.Run(async () =>
        {
            var opened = await writer.SaveAsync(judged, ct);
            writeDb.ChangeTracker.Clear();
            return opened;
        }, ct);
    }

    public void Dispose() => _writer?.Dispose();
    protected override string Describe(int done, int found) => $"已研判 {done} 户，新发现问题 {found} 个";

    protected override Task<List<long>> HouseholdIdsAsync(string regionCode, CancellationToken ct) =>
        RegistryData.HouseholdIdsInRegionAsync(Db, regionCode, ct);
}
