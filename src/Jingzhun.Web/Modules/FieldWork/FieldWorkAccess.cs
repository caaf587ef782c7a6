using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork;

/// <summary>
/// Who may see which household in field work: a user with the Cadre role only the households actively paired with
/// their own Cadre record; every other role its region subtree (the query filters already do that).
/// </summary>
public sealed class FieldWorkAccess(AppDbContext db, CurrentUser user, TimeProvider clock)
{
    private Cadre? _mine;
    private bool _looked;

    public bool IsCadreRole => user.Role == Roles.Cadre;

    /// <summary>The signed-in user's own Cadre record (looked up past the region filter: it is the user's own).</summary>
    public async Task<Cadre?> MyCadreAsync(CancellationToken ct)
    {
        if (_looked) return _mine;
        _looked = true;
        _mine = user.Id is { } id ? await db.Cadres.AcrossScopes("the signed-in user's own cadre record, which may serve outside the account's region").FirstOrDefaultAsync(c => c.UserId == id, ct) : null;
        return _mine;
    }

    public async Task<IQueryable<Household>> HouseholdsAsync(CancellationToken ct)
    {
        if (!IsCadreRole) return db.Households;
        var mine = await MyCadreAsync(ct);
        if (mine is null) return db.Households.Where(h => false);
        var cadreId = mine.Id;
        var inForce = db.Set<Pairing>().InForce(Platform.Localization.ChinaTime.Today(clock));
        return db.Households.Where(h => inForce.Any(p => p.HouseholdId == h.Id && p.CadreId == cadreId));
    }

    public async Task<IQueryable<Visit>> VisitsAsync(CancellationToken ct)
    {
        var households = await HouseholdsAsync(ct);
        return IsCadreRole ? db.Visits.Where(v => households.Any(h => h.Id == v.HouseholdId)) : db.Visits;
    }
}
