namespace Jingzhun.Web.Modules.FieldWork.Rules;

public enum SignalKind { FarFromHome = 1, GpsUnverifiable = 2, ReusedPhoto = 3, LateEntry = 4, TooManyPerDay = 5, TownshipHopping = 6 }

/// <summary>Thresholds of the authenticity checks (from the county's <see cref="VisitPolicy"/> row).</summary>
public sealed record AuthenticityPolicy(int GpsThresholdMetres = 1000, int LateEntryDays = 3, int MaxVisitsPerDay = 12, int TownshipSwitchMinutes = 30);

public enum GpsVerdict { Near = 1, Far = 2, Unverifiable = 3 }

public sealed record GpsCheck(GpsVerdict Verdict, double? DistanceMetres, string Reason);

/// <summary>What a check needs of one visit (times in Beijing time).</summary>
public sealed record VisitFacts(long VisitId, long HouseholdId, long CadreId, DateTime VisitedAt, DateTime EnteredAt, string TownshipCode,
    double? Latitude, double? Longitude, double? HomeLatitude, double? HomeLongitude, IReadOnlyList<string> PhotoHashes);

public sealed record Signal(SignalKind Kind, long VisitId, long HouseholdId, long CadreId, string Detail);

/// <summary>
/// Checks that a visit really happened where and when it says (the county must be able to see that visits really
/// happen: issue 5). A check that cannot be made is "无法核验", never a pass. Pure: no clock, no I/O.
/// </summary>
public static class AuthenticityRules
{
    private const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>Great-circle distance (haversine) in metres.</summary>
    public static double DistanceMetres(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    public static GpsCheck CheckGps(double? homeLat, double? homeLon, double? lat, double? lon, int thresholdMetres)
    {
        if (homeLat is null || homeLon is null) return new(GpsVerdict.Unverifiable, null, "无法核验：农户未登记住址坐标");
        if (lat is null || lon is null) return new(GpsVerdict.Unverifiable, null, "无法核验：走访记录无定位");
        var d = DistanceMetres(homeLat.Value, homeLon.Value, lat.Value, lon.Value);
        return d > thresholdMetres
            ? new(GpsVerdict.Far, d, $"走访定位距农户住址 {FormatDistance(d)}，超过 {FormatDistance(thresholdMetres)}")
            : new(GpsVerdict.Near, d, $"距农户住址 {FormatDistance(d)}");
    }

    public static string FormatDistance(double metres) => metres >= 1000 ? $"{metres / 1000:0.0} 公里" : $"{metres:0} 米";

    /// <summary>Entered (synced or typed in) more than N whole days after the visit took place.</summary>
    public static bool IsLate(DateTime visitedAt, DateTime enteredAt, int lateDays) => enteredAt - visitedAt > TimeSpan.FromDays(lateDays);

    /// <summary>Every signal over a set of visits: GPS, late entry, one photo on two visits, too many per cadre a day, township hopping.</summary>
    public static IReadOnlyList<Signal> Check(IReadOnlyList<VisitFacts> visits, AuthenticityPolicy p)
    {
        var signals = new List<Signal>();
        foreach (var v in visits)
        {
            var gps = CheckGps(v.HomeLatitude, v.HomeLongitude, v.Latitude, v.Longitude, p.GpsThresholdMetres);
            if (gps.Verdict == GpsVerdict.Far) signals.Add(new(SignalKind.FarFromHome, v.VisitId, v.HouseholdId, v.CadreId, gps.Reason));
            else if (gps.Verdict == GpsVerdict.Unverifiable) signals.Add(new(SignalKind.GpsUnverifiable, v.VisitId, v.HouseholdId, v.CadreId, gps.Reason));
            if (IsLate(v.VisitedAt, v.EnteredAt, p.LateEntryDays))
                signals.Add(new(SignalKind.LateEntry, v.VisitId, v.HouseholdId, v.CadreId,
                    $"走访于 {v.VisitedAt:yyyy-MM-dd}，{(v.EnteredAt - v.VisitedAt).TotalDays:0} 天后才录入（超过 {p.LateEntryDays} 天）"));
        }
        signals.AddRange(ReusedPhotos(visits));
        signals.AddRange(ImplausibleDays(visits, p));
        return signals;
    }

    /// <summary>One photo (by content hash) on two or more visits: every such visit is flagged, naming the others.</summary>
    public static IEnumerable<Signal> ReusedPhotos(IReadOnlyList<VisitFacts> visits)
    {
        var byHash = visits.SelectMany(v => v.PhotoHashes.Distinct().Select(h => (Hash: h, Visit: v))).GroupBy(x => x.Hash);
        foreach (var g in byHash)
        {
            var users = g.Select(x => x.Visit).DistinctBy(v => v.VisitId).ToList();
            if (users.Count < 2) continue;
            var households = users.Select(u => u.HouseholdId).Distinct().Count();
            foreach (var v in users)
            {
                var others = string.Join("、", users.Where(o => o.VisitId != v.VisitId).Select(o => $"#{o.VisitId}"));
                var what = households > 1 ? "同一张照片用于不同农户的走访" : "同一张照片用于同一农户的多次走访";
                yield return new(SignalKind.ReusedPhoto, v.VisitId, v.HouseholdId, v.CadreId, $"{what}（另见走访 {others}）");
            }
        }
    }

    /// <summary>A cadre's day: more visits than plausible, or two townships within a few minutes of each other.</summary>
    public static IEnumerable<Signal> ImplausibleDays(IReadOnlyList<VisitFacts> visits, AuthenticityPolicy p)
    {
        foreach (var day in visits.GroupBy(v => (v.CadreId, DateOnly.FromDateTime(v.VisitedAt))))
        {
            var ordered = day.OrderBy(v => v.VisitedAt).ThenBy(v => v.VisitId).ToList();
            if (ordered.Count > p.MaxVisitsPerDay)
                foreach (var v in ordered)
                    yield return new(SignalKind.TooManyPerDay, v.VisitId, v.HouseholdId, v.CadreId,
                        $"同一干部 {day.Key.Item2:yyyy-MM-dd} 走访 {ordered.Count} 户，超过每日 {p.MaxVisitsPerDay} 户");
            for (var i = 1; i < ordered.Count; i++)
            {
                var (a, b) = (ordered[i - 1], ordered[i]);
                if (a.TownshipCode != b.TownshipCode && b.VisitedAt - a.VisitedAt < TimeSpan.FromMinutes(p.TownshipSwitchMinutes))
                    yield return new(SignalKind.TownshipHopping, b.VisitId, b.HouseholdId, b.CadreId,
                        $"与走访 #{a.VisitId} 相隔 {(b.VisitedAt - a.VisitedAt).TotalMinutes:0} 分钟却在不同乡镇");
            }
        }
    }
}
