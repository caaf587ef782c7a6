using Jingzhun.Web.Modules.FieldWork.RecordVisit;
using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.SyncHouseholds;

/// <summary>The signed-in cadre, and the county's GPS distance limit: the visit form warns at the door when the phone is farther from the home point.</summary>
public sealed record SyncCadre(long Id, string Name, string Unit, int GpsThresholdMetres);

public sealed record SyncMember(long Id, string Name, string Relation, string Gender, int Age, WorkStatus WorkStatus, string WorkStatusLabel,
    int? WorkMonths, HealthStatus HealthStatus, string Health);

public sealed record SyncIncome(int Year, IncomeLines Lines, decimal PerCapitaNetIncome);

public sealed record SyncLastVisit(DateTime VisitedAt, VisitKind Kind, string KindLabel, string CadreName);

public sealed record SyncProblem(long Id, Dimension Dimension, string DimensionLabel, string Text, ProblemStatus Status);

public sealed record SyncLead(long Id, LeadSource Source, string SourceLabel, string Text, LeadStatus Status);

public sealed record SyncHousehold(long Id, string Number, string VillageCode, string VillageName, string HeadName, int Size,
    HouseholdStatus Status, string StatusLabel, string? Address, double? Latitude, double? Longitude, int Version, DateTime UpdatedAt,
    DateOnly PairedSince, IReadOnlyList<SyncMember> Members, VisitFacts Facts, SyncIncome? Income, SyncLastVisit? LastVisit,
    IReadOnlyList<SyncProblem> OpenProblems, IReadOnlyList<SyncLead> OpenLeads, bool SignatureRequired);

public sealed record SyncHouseholdsResult(DateTime ServerTime, SyncCadre Cadre, IReadOnlyList<SyncHousehold> Households, IReadOnlyList<long> Removed);

/// <summary>
/// The field app's download: the signed-in cadre's actively paired households with what a visit needs, all of
/// them or only those changed since the last download (record, pairing, visits, problems, leads).
/// </summary>
public sealed class SyncHouseholdsHandler(AppDbContext db, FieldWorkAccess access, RegionDirectory regions, Platform.Policies.PolicyStore policies, TimeProvider clock)
{
    private const string Paired = "the cadre's own pairings and paired households, which may lie outside the account's region";

    public async Task<Outcome<SyncHouseholdsResult>> HandleAsync(DateTime? since, CancellationToken ct)
    {
        var serverTime = clock.GetUtcNow().UtcDateTime;
        var cadre = await access.MyCadreAsync(ct);
        if (cadre is null) return Failure.Forbidden("您的账号未关联帮扶干部，不能使用走访同步");
        // Pairings are read past the region filter: a cadre from a county unit may serve a village outside its own.
        var pairings = await db.Pairings.AcrossScopes(Paired).AsNoTracking().Where(p => p.CadreId == cadre.Id)
            .Select(p => new { p.HouseholdId, p.StartedOn, p.EndedOn, p.ChangedAt, p.CadreLeavesOn }).ToListAsync(ct);
        var day = ChinaTime.Today(clock);
        bool InForce(DateOnly? ended, DateOnly? leaves) => ended is null && (leaves is null || leaves >= day);
        var active = pairings.Where(p => InForce(p.EndedOn, p.CadreLeavesOn)).ToDictionary(p => p.HouseholdId, p => p.StartedOn);
        var ids = active.Keys.ToList();
        var removed = new List<long>();
        if (since is { } s0)
        {
            var s = s0.ToUniversalTime();
            var changed = pairings.Where(p => InForce(p.EndedOn, p.CadreLeavesOn) && p.ChangedAt > s).Select(p => p.HouseholdId).ToHashSet();
            changed.UnionWith(await db.Households.AcrossScopes(Paired).Where(h => ids.Contains(h.Id) && h.UpdatedAt > s).Select(h => h.Id).ToListAsync(ct));
            // A member's record changes on its own (务工状况 derived from a job recorded at the door or in the office).
            changed.UnionWith(await db.Members.AcrossScopes(Paired).Where(m => ids.Contains(m.HouseholdId) && m.UpdatedAt > s).Select(m => m.HouseholdId).ToListAsync(ct));
            changed.UnionWith(await db.Visits.AcrossScopes(Paired).Where(v => ids.Contains(v.HouseholdId) && v.EnteredAt > s).Select(v => v.HouseholdId).ToListAsync(ct));
            changed.UnionWith(await db.Problems.AcrossScopes(Paired).Where(p => ids.Contains(p.HouseholdId) && p.UpdatedAt > s).Select(p => p.HouseholdId).ToListAsync(ct));
            changed.UnionWith(await db.RiskLeads.AcrossScopes(Paired).Where(l => ids.Contains(l.HouseholdId) && l.CreatedAt > s).Select(l => l.HouseholdId).ToListAsync(ct));
            // Ended since the last download, or whose cadre's service ended since then (the day passed, nothing was written).
            var sinceDay = DateOnly.FromDateTime(ChinaTime.ToLocal(s));
            removed = pairings.Where(p => !InForce(p.EndedOn, p.CadreLeavesOn) && (p.ChangedAt > s || p.CadreLeavesOn >= sinceDay.AddDays(-1))
                    && !active.ContainsKey(p.HouseholdId))
                .Select(p => p.HouseholdId).Distinct().ToList();
            ids = ids.Where(changed.Contains).ToList();
        }
        var households = await db.Households.AcrossScopes(Paired).AsNoTracking().Include(h => h.Members).Include(h => h.Incomes)
            .Where(h => ids.Contains(h.Id)).OrderBy(h => h.HouseholdNumber).ToListAsync(ct);
        var lastVisits = (await (from v in db.Visits.AcrossScopes(Paired)
                                 where ids.Contains(v.HouseholdId)
                                 join c in db.Cadres.AcrossScopes(Paired) on v.CadreId equals c.Id
                                 select new { v.HouseholdId, v.VisitedAt, v.Kind, c.Name }).ToListAsync(ct))
            .GroupBy(v => v.HouseholdId).ToDictionary(g => g.Key, g => g.MaxBy(v => v.VisitedAt)!);
        var problems = (await db.Problems.AcrossScopes(Paired).AsNoTracking()
                .Where(p => ids.Contains(p.HouseholdId) && p.Status != ProblemStatus.Verified).ToListAsync(ct))
            .ToLookup(p => p.HouseholdId);
        var leads = (await db.RiskLeads.AcrossScopes(Paired).AsNoTracking()
                .Where(l => ids.Contains(l.HouseholdId) && (l.Status == LeadStatus.Open || l.Status == LeadStatus.InProcedure)).ToListAsync(ct))
            .ToLookup(l => l.HouseholdId);
        var today = ChinaTime.Today(clock);
        // 走访需户主签字 is the household's county's choice (a cadre may serve villages of another county).
        var signing = new Dictionary<string, bool>();
        foreach (var county in households.Select(h => h.VillageCode[..Math.Min(6, h.VillageCode.Length)]).Distinct())
            signing[county] = (await policies.InForceAsync<VisitPolicy>(county, today.Year, ct)).SignatureRequired;
        var list = households.Select(h =>
        {
            var income = h.Incomes.OrderByDescending(i => i.Year).FirstOrDefault();
            var last = lastVisits.GetValueOrDefault(h.Id);
            return new SyncHousehold(h.Id, h.HouseholdNumber, h.VillageCode, regions.ShortPath(h.VillageCode), h.HeadName, h.Size, h.Status,
                Labels.Of(h.Status), h.Address, h.Latitude, h.Longitude, h.Version, h.UpdatedAt, active[h.Id],
                h.Members.Where(m => m.Status == MemberStatus.Active).OrderBy(m => m.Relationship).ThenBy(m => m.BirthDate)
                    .Select(m => new SyncMember(m.Id, m.Name, Labels.Of(m.Relationship), Labels.Of(m.Gender), m.AgeOn(today), m.WorkStatus,
                        Labels.Of(m.WorkStatus), m.WorkMonths, m.HealthStatus, Labels.Of(m.HealthStatus))).ToList(),
                VisitFacts.Of(h),
                income is null ? null : new SyncIncome(income.Year, income.ToLines(), income.PerCapitaNetIncome),
                last is null ? null : new SyncLastVisit(last.VisitedAt, last.Kind, Labels.Of(last.Kind), last.Name),
                problems[h.Id].Select(p => new SyncProblem(p.Id, p.Dimension, Labels.Of(p.Dimension), p.Description, p.Status)).ToList(),
                leads[h.Id].Select(l => new SyncLead(l.Id, l.Source, Labels.Of(l.Source), l.Detail, l.Status)).ToList(),
                signing[h.VillageCode[..Math.Min(6, h.VillageCode.Length)]]);
        }).ToList();
        var policy = await policies.InForceAsync<VisitPolicy>(cadre.RegionCode, today.Year, ct);
        return new SyncHouseholdsResult(serverTime, new SyncCadre(cadre.Id, cadre.Name, cadre.Unit, policy.GpsThresholdMetres), list, removed);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/sync/households", async (DateTime? since, SyncHouseholdsHandler h, CancellationToken ct) =>
                (await h.HandleAsync(since, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryView)
            .WithTags("驻村帮扶").WithName("SyncHouseholds").WithSummary("下载本人结对帮扶户（since 之后有变化的户；不带 since 为全部）");
}
