using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Jobs;
using Jingzhun.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Employment.WorkMonitoring;

/// <summary>Computes and stores the month's <see cref="WorkTally"/> of the villages of a county or a part of one.</summary>
public static class WorkTallies
{
    /// <summary>
    /// Recomputes the month's figures of every village under <paramref name="place"/> (a county, township or village code)
    /// from the registry, replacing what was stored for that month in one transaction. Returns the villages written.
    /// </summary>
    public static async Task<int> ComputeAsync(AppDbContext db, string place, int year, int month, DateTime now, CancellationToken ct)
    {
        var county = place[..6];
        var households = db.Households.AsNoTracking().InRegion(place)
            .Where(h => h.Status == HouseholdStatus.Exited || h.Status == HouseholdStatus.Monitored);
        var people = from m in db.Members.AsNoTracking()
                     where m.CountyCode == county && m.Status == MemberStatus.Active
                     join h in households on m.HouseholdId equals h.Id
                     select new { h.VillageCode, m.LaborSkill, m.WorkStatus, m.HealthStatus };
        var figures = await people.GroupBy(p => p.VillageCode).Select(g => new
        {
            Village = g.Key,
            People = g.Count(),
            Labour = g.Count(p => p.LaborSkill == LaborSkill.Ordinary || p.LaborSkill == LaborSkill.Skilled || p.LaborSkill == LaborSkill.Weak),
            Employed = g.Count(p => p.WorkStatus != WorkStatus.None),
            OutsideCounty = g.Count(p => p.WorkStatus == WorkStatus.InProvince || p.WorkStatus == WorkStatus.OutOfProvince),
            OutsideProvince = g.Count(p => p.WorkStatus == WorkStatus.OutOfProvince),
            Jobless = g.Count(p => p.WorkStatus == WorkStatus.None
                                   && (p.LaborSkill == LaborSkill.Ordinary || p.LaborSkill == LaborSkill.Skilled || p.LaborSkill == LaborSkill.Weak)),
            Ill = g.Count(p => p.WorkStatus == WorkStatus.None
                               && (p.LaborSkill == LaborSkill.Ordinary || p.LaborSkill == LaborSkill.Skilled || p.LaborSkill == LaborSkill.Weak)
                               && (p.HealthStatus == HealthStatus.SeriousIllness || p.HealthStatus == HealthStatus.Disabled)),
            Weak = g.Count(p => p.WorkStatus == WorkStatus.None && p.LaborSkill == LaborSkill.Weak
                                && p.HealthStatus != HealthStatus.SeriousIllness && p.HealthStatus != HealthStatus.Disabled),
        }).ToListAsync(ct);
        // 务工中断: jobless labour whose recorded job has ended.
        var afterJob = (await (from e in db.EmploymentRecords.AsNoTracking().InRegion(place)
                               where e.EndedOn != null
                               join m in db.Members.AsNoTracking() on e.MemberId equals m.Id
                               where m.Status == MemberStatus.Active && m.WorkStatus == WorkStatus.None
                                     && (m.LaborSkill == LaborSkill.Ordinary || m.LaborSkill == LaborSkill.Skilled || m.LaborSkill == LaborSkill.Weak)
                               join h in households on m.HouseholdId equals h.Id
                               select new { h.VillageCode, e.MemberId }).Distinct().ToListAsync(ct))
            .GroupBy(x => x.VillageCode).ToDictionary(g => g.Key, g => g.Count());

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // Joins the caller's transaction when there is one (a workshop worker's job and its tally commit together).
            await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            await db.WorkTallies.InRegion(place).Where(t => t.Year == year && t.Month == month).ExecuteDeleteAsync(ct);
            db.WorkTallies.AddRange(figures.Select(f => new WorkTally
            {
                VillageCode = f.Village, CountyCode = county, Year = year, Month = month, People = f.People, LabourForce = f.Labour,
                Employed = f.Employed, OutsideCounty = f.OutsideCounty, OutsideProvince = f.OutsideProvince, JoblessLabour = f.Jobless,
                JoblessAfterJob = afterJob.GetValueOrDefault(f.Village), JoblessIllness = f.Ill, JoblessWeak = f.Weak, ComputedAt = now,
            }));
            await db.SaveChangesAsync(ct);
            if (tx is not null) await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return figures.Count;
        });
    }

    /// <summary>
    /// This month's figures of one village again after a job of one of its members changed. Another tally writing the same
    /// month at once wins (it read the same registry or a newer one): the job change itself is already saved.
    /// </summary>
    public static async Task RefreshVillageAsync(AppDbContext db, string village, TimeProvider clock, ILogger log, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        try
        {
            await ComputeAsync(db, village, today.Year, today.Month, clock.GetUtcNow().UtcDateTime, ct);
        }
        catch (DbUpdateException e)
        {
            db.ChangeTracker.Clear();
            log.LogInformation(e, "务工监测：村 {Village} 的本月统计由同时进行的统计写入", village);
        }
    }

    /// <summary>The county codes under a region (the region itself when it is a county or below).</summary>
    public static IReadOnlyList<string> CountiesUnder(RegionDirectory regions, string code)
    {
        if (code.Length >= 6) return [code];
        var found = new List<string>();
        void Walk(string c)
        {
            foreach (var child in regions.ChildrenOf(c))
                if (child.Level == RegionLevel.County) found.Add(child.Code);
                else if (child.Level < RegionLevel.County) Walk(child.Code);
        }
        Walk(code);
        return found;
    }
}

/// <summary>
/// 更新务工监测统计: this month's <see cref="WorkTally"/> of every village of a region, county by county (each county one
/// transaction; a cancelled job keeps the counties done, and running it again is safe).
/// </summary>
public sealed class WorkTallyJob(AppDbContext db, RegionDirectory regions, TimeProvider clock) : IJobHandler
{
    public const string JobKind = "employment.tally";
    public string Kind => JobKind;

    public async Task<string> RunAsync(Job job, IJobProgress progress, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        // The counties that have households (or a tally of this month to clear): the country's tree has ~2,800 counties.
        var places = new List<string>();
        foreach (var c in WorkTallies.CountiesUnder(regions, job.RegionCode))
            if (await db.Households.AsNoTracking().InRegion(c).AnyAsync(ct)
                || await db.WorkTallies.AsNoTracking().InRegion(c).AnyAsync(t => t.Year == today.Year && t.Month == today.Month, ct))
                places.Add(c);
        var villages = 0;
        await progress.ReportAsync(0, places.Count, $"已统计 0 / {places.Count} 个区县", ct);
        for (var i = 0; i < places.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            villages += await WorkTallies.ComputeAsync(db, places[i], today.Year, today.Month, clock.GetUtcNow().UtcDateTime, ct);
            await progress.ReportAsync(i + 1, places.Count, $"已统计 {i + 1} / {places.Count} 个区县", ct);
        }
        return $"已统计 {today.Year}年{today.Month}月 {places.Count} 个区县、{villages} 个村的务工情况";
    }
}
