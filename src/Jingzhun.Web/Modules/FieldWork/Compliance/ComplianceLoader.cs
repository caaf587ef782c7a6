using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.FieldWork.Rules;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Policies;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.Compliance;

/// <summary>A paired household and what it is owed in a month (the cadre is the one paired at the month's end, or last).</summary>
public sealed record HouseholdDue(long HouseholdId, string HouseholdNumber, string HeadName, string VillageCode, long CadreId,
    IReadOnlyList<VisitObligation> Obligations)
{
    public VisitObligation? Monthly => Obligations.FirstOrDefault(o => o.Kind == VisitObligationKind.Monthly);
    public bool AnyOverdue(DateOnly today) => Obligations.Any(o => o.IsOverdue(today));
}

/// <summary>The month's compliance of a region (or one cadre's households), and the policy it was judged by.</summary>
public sealed record MonthCompliance(int Year, int Month, VisitPolicy Policy, IReadOnlyList<HouseholdDue> Households);

/// <summary>
/// Reads pairings, visits and emergencies of a region around a month and applies the 四必见 calendar. Everything is
/// scoped by the query filters; the month window reaches back three months (winter began in December) and a month
/// ahead (a festival window may end in the next month).
/// </summary>
public sealed class ComplianceLoader(AppDbContext db, PolicyStore policies)
{
    public async Task<MonthCompliance> LoadAsync(string regionCode, int year, int month, long? cadreId, CancellationToken ct)
    {
        var policy = await policies.InForceAsync<VisitPolicy>(regionCode, year, ct);
        var monthStart = new DateOnly(year, month, 1);
        var monthEnd = monthStart.AddMonths(1).AddDays(-1);
        var from = monthStart.AddMonths(-3);
        var to = monthEnd.AddMonths(1);

        // A pairing ends with its record or with its cadre's service (recalled, rotated out), whichever comes first.
        var pairingQuery = db.Pairings.AsNoTracking().InRegion(regionCode).Where(p => p.StartedOn <= monthEnd && (p.EndedOn == null || p.EndedOn >= from)
            && (p.CadreLeavesOn == null || p.CadreLeavesOn >= from));
        if (cadreId is { } cid)
        {
            // A cadre's list: the households paired with them in the month, judged on all their pairings (rotation).
            var mine = db.Pairings.Where(p => p.CadreId == cid && p.StartedOn <= monthEnd && (p.EndedOn == null || p.EndedOn >= monthStart)
                && (p.CadreLeavesOn == null || p.CadreLeavesOn >= monthStart)).Select(p => p.HouseholdId);
            pairingQuery = pairingQuery.Where(p => mine.Contains(p.HouseholdId));
        }
        var pairings = (await pairingQuery.Select(p => new { p.HouseholdId, p.CadreId, p.StartedOn, p.EndedOn, p.CadreLeavesOn }).ToListAsync(ct))
            .Select(p => new { p.HouseholdId, p.CadreId, p.StartedOn, EndedOn = p.EndedOn is { } e && (p.CadreLeavesOn is null || e <= p.CadreLeavesOn) ? e : p.CadreLeavesOn })
            .ToList();
        if (pairings.Count == 0) return new MonthCompliance(year, month, policy, []);

        var fromUtc = StartUtc(from);
        var toUtc = StartUtc(to.AddDays(1));
        var ids = pairings.Select(p => p.HouseholdId).Distinct().ToList();
        var visitQuery = db.Visits.AsNoTracking().Where(v => v.VisitedAt >= fromUtc && v.VisitedAt < toUtc);
        visitQuery = cadreId is null
            ? visitQuery.InRegion(regionCode)
            : visitQuery.Where(v => ids.Contains(v.HouseholdId));
        var visits = (await visitQuery.Select(v => new { v.HouseholdId, v.VisitedAt }).ToListAsync(ct))
            .ToLookup(v => v.HouseholdId, v => DateOnly.FromDateTime(ChinaTime.ToLocal(v.VisitedAt)));

        var emergencyFrom = monthStart.AddDays(-policy.EmergencyDays);
        var flags = await db.EmergencyFlags.AsNoTracking()
            .InRegion(regionCode).Where(f => f.FlaggedOn >= emergencyFrom && f.FlaggedOn <= monthEnd)
            .Select(f => new { f.HouseholdId, f.FlaggedOn }).ToListAsync(ct);
        // 突发严重困难: a risk lead for heavy unavoidable spending is an emergency from the day it was opened.
        var leadFrom = StartUtc(emergencyFrom);
        var leadTo = StartUtc(monthEnd.AddDays(1));
        var leads = await db.RiskLeads.AsNoTracking()
            .InRegion(regionCode).Where(l => l.Reason == Monitoring.Rules.RiskReason.HighOutOfPocket && l.CreatedAt >= leadFrom && l.CreatedAt < leadTo)
            .Select(l => new { l.HouseholdId, l.CreatedAt }).ToListAsync(ct);
        var emergencies = flags.Select(f => (f.HouseholdId, Day: f.FlaggedOn))
            .Concat(leads.Select(l => (l.HouseholdId, Day: DateOnly.FromDateTime(ChinaTime.ToLocal(l.CreatedAt)))))
            .ToLookup(e => e.HouseholdId, e => e.Day);

        var households = await db.Households.AsNoTracking()
            .InRegion(regionCode)
            .Where(h => cadreId == null || ids.Contains(h.Id))
            .Select(h => new { h.Id, h.HouseholdNumber, h.HeadName, h.VillageCode }).ToListAsync(ct);
        var calendar = policy.Calendar;
        var list = new List<HouseholdDue>();
        var byHousehold = pairings.ToLookup(p => p.HouseholdId);
        foreach (var h in households)
        {
            var spans = byHousehold[h.Id].ToList();
            if (spans.Count == 0) continue;
            var obligations = VisitCalendar.ObligationsFor(year, month, spans.Select(s => new PairingSpan(s.StartedOn, s.EndedOn)).ToList(),
                visits[h.Id].ToList(), emergencies[h.Id].ToList(), calendar);
            if (obligations.Count == 0) continue;
            var cadre = spans.OrderByDescending(s => s.EndedOn is null).ThenByDescending(s => s.StartedOn).First().CadreId;
            if (cadreId is { } c && cadre != c && spans.All(s => s.CadreId != c)) continue;
            list.Add(new HouseholdDue(h.Id, h.HouseholdNumber, h.HeadName, h.VillageCode, cadreId ?? cadre, obligations));
        }
        return new MonthCompliance(year, month, policy, list);
    }

    /// <summary>The UTC instant a Beijing day starts (00:00 +08:00).</summary>
    public static DateTime StartUtc(DateOnly day) => DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue).AddHours(-8), DateTimeKind.Utc);

    /// <summary>"2026-03" → (2026, 3); empty → the current month in Beijing time; null when the text is no month.</summary>
    public static (int Year, int Month)? ParseMonth(string? text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text)) return (today.Year, today.Month);
        return DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", out var d) && d.Year is >= 2015 and <= 2100 ? (d.Year, d.Month) : null;
    }
}
