using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.FieldWork.Compliance;
using Jingzhun.Web.Modules.FieldWork.Rules;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.VisitSignals;

public sealed record SignalRow(string Kind, string KindLabel, long VisitId, DateTime VisitedAt, long HouseholdId, string HouseholdNumber,
    string HeadName, string CadreName, string VillageName, string Detail);

public sealed record SignalCount(string Kind, string Label, int Count);

public sealed record SignalsView(string RegionCode, string RegionName, string Month, int Visits, IReadOnlyList<SignalCount> Counts, IReadOnlyList<SignalRow> Rows);

/// <summary>
/// 走访真实性 signals for the visits of a region in a month (township and county staff): far GPS points, points that
/// cannot be checked, one photo on two visits (looked for in every visit of the region, not only this month's),
/// late entries, too many visits a day and township hopping.
/// </summary>
public sealed class VisitSignalsHandler(AppDbContext db, PolicyStore policies, RegionDirectory regions, CurrentUser user, TimeProvider clock)
{
    public async Task<Outcome<SignalsView>> HandleAsync(string? region, string? month, SignalKind? kind, CancellationToken ct)
    {
        var asked = RegionRequest.Check(region, month, regions, user, clock);
        if (!asked.Succeeded) return asked.Failure!;
        var (code, year, m) = asked.Value;
        var policy = await policies.InForceAsync<VisitPolicy>(code, year, ct);
        // Beijing months: midnight of the 1st in Beijing is 16:00 UTC the day before.
        var monthStart = new DateOnly(year, m, 1);
        var (fromUtc, toUtc) = (ComplianceLoader.StartUtc(monthStart), ComplianceLoader.StartUtc(monthStart.AddMonths(1)));
        var inMonth = await Facts(db.Visits.InRegion(code).Where(v => v.VisitedAt >= fromUtc && v.VisitedAt < toUtc), ct);
        var ids = inMonth.Select(v => v.VisitId).ToHashSet();
        var hashes = inMonth.SelectMany(v => v.PhotoHashes).Distinct().ToList();
        var others = await db.VisitPhotos.AsNoTracking().Where(p => hashes.Contains(p.Sha256) && p.VisitId != null).Select(p => p.VisitId!.Value).Distinct().ToListAsync(ct);
        var extra = others.Where(id => !ids.Contains(id)).ToList();
        var all = extra.Count == 0 ? inMonth : [.. inMonth, .. await Facts(db.Visits.Where(v => extra.Contains(v.Id)), ct)];

        // Every cadre's day counts in full, even the visits outside this region, for "too many a day" and township hopping.
        var signals = AuthenticityRules.Check(all, policy.Authenticity).Where(s => ids.Contains(s.VisitId)).ToList();
        var counts = Enum.GetValues<SignalKind>().Select(k => new SignalCount(k.ToString(), Label(k), signals.Count(s => s.Kind == k))).ToList();
        if (kind is { } only) signals = signals.Where(s => s.Kind == only).ToList();
        var byId = inMonth.ToDictionary(v => v.VisitId);
        var hh = byId.Values.Select(v => v.HouseholdId).Distinct().ToList();
        var households = await db.Households.AsNoTracking().Where(h => hh.Contains(h.Id)).ToDictionaryAsync(h => h.Id, h => new { h.HouseholdNumber, h.HeadName, h.VillageCode }, ct);
        var cadreIds = byId.Values.Select(v => v.CadreId).Distinct().ToList();
        var cadres = await db.Cadres.AsNoTracking().Where(c => cadreIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var rows = signals.OrderBy(s => s.Kind).ThenByDescending(s => byId[s.VisitId].VisitedAt).Take(1000).Select(s =>
        {
            var h = households.GetValueOrDefault(s.HouseholdId);
            return new SignalRow(s.Kind.ToString(), Label(s.Kind), s.VisitId, byId[s.VisitId].VisitedAt, s.HouseholdId, h?.HouseholdNumber ?? "",
                h?.HeadName ?? "", cadres.GetValueOrDefault(s.CadreId, $"干部{s.CadreId}"), regions.NameOf(h?.VillageCode), s.Detail);
        }).ToList();
        return new SignalsView(code, regions.NameOf(code), $"{year:0000}-{m:00}", inMonth.Count, counts, rows);
    }

    /// <summary>The facts a check needs, with times in Beijing time.</summary>
    private async Task<List<VisitFacts>> Facts(IQueryable<Visit> visits, CancellationToken ct)
    {
        var rows = await (from v in visits.AsNoTracking()
                          join h in db.Households.AsNoTracking() on v.HouseholdId equals h.Id
                          select new
                          {
                              v.Id, v.HouseholdId, v.CadreId, v.VisitedAt, v.EnteredAt, v.VillageCode, v.Latitude, v.Longitude, HomeLat = h.Latitude, HomeLon = h.Longitude,
                              Hashes = v.Photos.Select(p => p.Sha256).ToList(),
                          }).ToListAsync(ct);
        return rows.Select(r => new VisitFacts(r.Id, r.HouseholdId, r.CadreId, ChinaTime.ToLocal(r.VisitedAt), ChinaTime.ToLocal(r.EnteredAt),
            r.VillageCode.Length >= 9 ? r.VillageCode[..9] : r.VillageCode, r.Latitude, r.Longitude, r.HomeLat, r.HomeLon, r.Hashes)).ToList();
    }

    public static string Label(SignalKind k) => k switch
    {
        SignalKind.FarFromHome => "定位偏离住址",
        SignalKind.GpsUnverifiable => "定位无法核验",
        SignalKind.ReusedPhoto => "照片重复使用",
        SignalKind.LateEntry => "补录超期",
        SignalKind.TooManyPerDay => "单日走访过多",
        _ => "短时跨乡镇",
    };

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/fieldwork/signals", async (string? region, string? month, SignalKind? kind, VisitSignalsHandler h, CancellationToken ct) =>
                (await h.HandleAsync(region, month, kind, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.FieldWorkSupervise)
            .WithName("VisitSignals").WithSummary("走访真实性核查信号（乡镇、区县）").WithTags("走访");
}
