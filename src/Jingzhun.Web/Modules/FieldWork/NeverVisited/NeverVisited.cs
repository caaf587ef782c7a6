using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.FieldWork.Compliance;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.NeverVisited;

public sealed record NeverVisitedRow(long HouseholdId, string HouseholdNumber, string HeadName, string VillageCode, string VillageName,
    string? CadreName, DateOnly? PairedSince);

public sealed record NeverVisitedView(string RegionCode, string RegionName, int Total, int Paired, IReadOnlyList<NeverVisitedRow> Rows);

/// <summary>Households of a region that no cadre has ever visited (paired ones first: they are the cadres' debt).</summary>
public sealed class NeverVisitedHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, TimeProvider clock)
{
    public const int Shown = 500;

    public async Task<Outcome<NeverVisitedView>> HandleAsync(string? region, CancellationToken ct)
    {
        var asked = RegionRequest.Check(region, null, regions, user, clock);
        if (!asked.Succeeded) return asked.Failure!;
        var code = asked.Value.Code;
        var inForce = db.Set<Pairing>().InForce(Platform.Localization.ChinaTime.Today(clock));
        var query = from h in db.Households.AsNoTracking().InRegion(code)
                    where !db.Set<Visit>().Any(v => v.HouseholdId == h.Id)
                    let pairing = inForce.Where(p => p.HouseholdId == h.Id).Select(p => new { p.CadreId, p.StartedOn }).FirstOrDefault()
                    select new { h.Id, h.HouseholdNumber, h.HeadName, h.VillageCode, CadreId = (long?)pairing!.CadreId, Since = (DateOnly?)pairing.StartedOn };
        var total = await query.CountAsync(ct);
        var paired = await query.CountAsync(x => x.CadreId != null, ct);
        var rows = await query.OrderBy(x => x.CadreId == null).ThenBy(x => x.HouseholdNumber).Take(Shown).ToListAsync(ct);
        var ids = rows.Where(r => r.CadreId != null).Select(r => r.CadreId!.Value).Distinct().ToList();
        var names = await db.Cadres.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return new NeverVisitedView(code, regions.NameOf(code), total, paired, rows.Select(r => new NeverVisitedRow(r.Id, r.HouseholdNumber, r.HeadName,
            r.VillageCode, regions.NameOf(r.VillageCode), r.CadreId is { } c ? names.GetValueOrDefault(c, $"干部{c}") : null, r.Since)).ToList());
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/fieldwork/never-visited", async (string? region, NeverVisitedHandler h, CancellationToken ct) =>
                (await h.HandleAsync(region, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.FieldWorkView)
            .WithName("NeverVisited").WithSummary("从未走访的农户（前500户）").WithTags("走访");
}
