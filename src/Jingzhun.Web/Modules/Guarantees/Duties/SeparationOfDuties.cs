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
        firstBy is { Length: > 0 } && string.Equals(firstBy, user, StringComparison.OrdinalIgnoreCase)
        && (regionCode.Length != 12 || !await MayCombineAsync(regionCode, ct));
}
