using System.Security.Claims;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork;

/// <summary>
/// 结对帮扶干部 see the households paired with them, nothing else of their village: the account's region bounds them,
/// the active pairings of their own cadre record choose within it (a 村干部 account is the role that sees the village).
/// </summary>
internal sealed class CadreScope(AppDbContext db, TimeProvider clock) : IHouseholdScopeSource
{
    public async Task<HouseholdScope?> ScopeForAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.FindFirstValue(ClaimTypes.Role) != Roles.Cadre) return null;
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var cadreId = await db.Cadres.AcrossScopes("the user's own cadre record defines this scope")
            .Where(c => c.UserId == id).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        if (cadreId is null) return new HouseholdScope([], -1);
        var households = await db.Pairings.AcrossScopes("the user's own pairings define this scope")
            .Where(p => p.CadreId == cadreId).InForce(Platform.Localization.ChinaTime.Today(clock)).Select(p => p.HouseholdId).Distinct().ToArrayAsync(ct);
        return new HouseholdScope(households, cadreId);
    }
}

/// <summary>Names of cadres whose ids come from rows already in scope (a county cadre may serve a village household).</summary>
internal static class CadreNames
{
    public static Task<Dictionary<long, Cadre>> LookupAsync(AppDbContext db, IEnumerable<long> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return db.Cadres.AsNoTracking().AcrossScopes("cadre ids taken from rows already in the user's scope")
            .Where(c => list.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
    }
}
