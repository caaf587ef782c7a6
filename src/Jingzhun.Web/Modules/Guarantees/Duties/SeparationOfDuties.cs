using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Policies;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Guarantees.Duties;

/// <summary>
/// 职责分离: the person who did the first of two steps (整改完成 of a problem; 提出 a monitoring case at one level)
/// does not do the second (核验; 审核 at the next level), unless the county's <see cref="DutyPolicy"/> lets a village
/// of that size combine the roles. Also which problems need a photo to be resolved.
/// </summary>
public sealed class SeparationOfDuties(AppDbContext db, PolicyStore store, TimeProvider clock)
{
    public Task<DutyPolicy> PolicyAsync(string villageCode, CancellationToken ct) =>
        store.InForceAsync<DutyPolicy>(villageCode, ChinaTime.Today(clock).Year, ct);

    /// <summary>Whether one person may do both steps in this village: a small village where the county allows it.</summary>
    public async Task<bool> MayCombineAsync(string villageCode, CancellationToken ct)
    {
        var policy = await PolicyAsync(villageCode, ct);
        if (policy.CombinedDutiesMaxHouseholds <= 0) return false;
        var households = await db.Households.AcrossScopes("the size of the record's own village (already in scope); a cadre sees only paired households")
            .CountAsync(h => h.VillageCode == villageCode, ct);
        return households <= policy.CombinedDutiesMaxHouseholds;
    }

    /// <summary>
    /// Whether <paramref name="user"/> is kept from the second step because they did the first (<paramref name="firstBy"/>).
    /// A record above a village (a township's or county's: <paramref name="regionCode"/> shorter than a village code) never
    /// combines the roles: the small-village exemption is a village's.
    /// </summary>
    public async Task<bool> RefusesAsync(string regionCode, string? firstBy, string user, CancellationToken ct) =>
        Did(firstBy, user)
        && (regionCode.Length != 12 || !await MayCombineAsync(regionCode, ct));

    /// <summary>
    /// <see cref="RefusesAsync"/> for a page of records at once: the villages' sizes in one grouped count (the county's
    /// policy is read once per county), so a list of many records costs no query per record.
    /// </summary>
    public async Task<DutyRefusals> RefusalsAsync(IEnumerable<(string RegionCode, string? FirstBy)> records, string user, CancellationToken ct)
    {
        var mine = records.Where(r => Did(r.FirstBy, user)).Select(r => r.RegionCode).ToHashSet(StringComparer.Ordinal);
        var limits = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var village in mine.Where(c => c.Length == 12))
            if ((await PolicyAsync(village, ct)).CombinedDutiesMaxHouseholds is > 0 and var max) limits[village] = max;
        var asked = limits.Keys.ToList();
        var sizes = asked.Count == 0 ? [] : await db.Households
            .AcrossScopes("the size of the records' own villages (already in scope); a cadre sees only paired households")
            .Where(h => asked.Contains(h.VillageCode)).GroupBy(h => h.VillageCode).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        mine.RemoveWhere(c => limits.TryGetValue(c, out var max) && sizes.GetValueOrDefault(c) <= max);
        return new DutyRefusals(mine, user);
    }

    internal static bool Did(string? firstBy, string user) => firstBy is { Length: > 0 } && string.Equals(firstBy, user, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Which of a page's records keep the user from the second step (<see cref="SeparationOfDuties.RefusalsAsync"/>).</summary>
public sealed class DutyRefusals(IReadOnlySet<string> refusedRegions, string user)
{
    public bool Refuses(string regionCode, string? firstBy) =>
        SeparationOfDuties.Did(firstBy, user) && refusedRegions.Contains(regionCode);
}
