using Jingzhun.Web.Modules.FieldWork.Rules;

namespace Jingzhun.Tests.FieldWork;

public sealed class AuthenticityRulesTests
{
    private static readonly AuthenticityPolicy Policy = new(GpsThresholdMetres: 1000, LateEntryDays: 3, MaxVisitsPerDay: 3, TownshipSwitchMinutes: 30);
    // 铜梁区 government, roughly.
    private const double HomeLat = 29.8447, HomeLon = 106.0566;

    private static VisitFacts Visit(long id, long household = 1, long cadre = 7, string at = "2026-03-02 10:00", string? entered = null,
        double? lat = HomeLat, double? lon = HomeLon, string township = "500151101", params string[] photos) =>
        new(id, household, cadre, DateTime.Parse(at), DateTime.Parse(entered ?? at), township, lat, lon, HomeLat, HomeLon, photos);

    [Fact]
    public void Haversine_distance_is_right_on_known_points()
    {
        // One degree of latitude ≈ 111.2 km; Beijing–Shanghai ≈ 1,068 km.
        Assert.InRange(AuthenticityRules.DistanceMetres(29, 106, 30, 106), 111_100, 111_300);
        Assert.InRange(AuthenticityRules.DistanceMetres(39.9042, 116.4074, 31.2304, 121.4737), 1_060_000, 1_075_000);
        Assert.Equal(0, AuthenticityRules.DistanceMetres(HomeLat, HomeLon, HomeLat, HomeLon), 6);
    }

    [Theory]
    [InlineData(0.008, GpsVerdict.Near)]   // ≈ 890 m north
    [InlineData(0.010, GpsVerdict.Far)]    // ≈ 1,112 m north
    public void A_point_beyond_the_threshold_is_flagged(double dLat, GpsVerdict verdict) =>
        Assert.Equal(verdict, AuthenticityRules.CheckGps(HomeLat, HomeLon, HomeLat + dLat, HomeLon, 1000).Verdict);

    [Fact]
    public void No_home_location_or_no_gps_cannot_be_verified_and_is_not_a_pass()
    {
        var noHome = AuthenticityRules.CheckGps(null, null, HomeLat, HomeLon, 1000);
        var noFix = AuthenticityRules.CheckGps(HomeLat, HomeLon, null, null, 1000);
        Assert.Equal((GpsVerdict.Unverifiable, GpsVerdict.Unverifiable), (noHome.Verdict, noFix.Verdict));
        Assert.StartsWith("无法核验", noHome.Reason);
        Assert.Contains(AuthenticityRules.Check([Visit(1, lat: null, lon: null)], Policy), s => s.Kind == SignalKind.GpsUnverifiable);
    }

    [Fact]
    public void A_clean_visit_raises_nothing() =>
        Assert.Empty(AuthenticityRules.Check([Visit(1, photos: "aa"), Visit(2, household: 2, at: "2026-03-02 11:00", photos: "bb")], Policy));

    [Fact]
    public void One_photo_on_two_households_flags_both_visits()
    {
        var signals = AuthenticityRules.Check([Visit(1, household: 1, photos: "same"), Visit(2, household: 2, at: "2026-03-02 14:00", photos: ["same", "x"])], Policy);
        Assert.Equal([1L, 2L], signals.Where(s => s.Kind == SignalKind.ReusedPhoto).Select(s => s.VisitId).Order());
        Assert.Contains("不同农户", signals.First().Detail);
    }

    [Fact]
    public void One_photo_twice_on_the_same_visit_is_not_reuse() =>
        Assert.Empty(AuthenticityRules.Check([Visit(1, photos: ["same", "same"])], Policy));

    [Theory]
    [InlineData("2026-03-05 10:00", false)]   // exactly 3 days later
    [InlineData("2026-03-05 10:01", true)]
    public void Entered_more_than_N_days_after_the_visit_is_late(string entered, bool late) =>
        Assert.Equal(late, AuthenticityRules.Check([Visit(1, entered: entered)], Policy).Any(s => s.Kind == SignalKind.LateEntry));

    [Fact]
    public void More_visits_a_day_than_plausible_flags_that_day()
    {
        var day = Enumerable.Range(0, 4).Select(i => Visit(i + 1, household: i + 1, at: $"2026-03-02 {9 + i}:00")).ToList();
        Assert.Equal(4, AuthenticityRules.Check(day, Policy).Count(s => s.Kind == SignalKind.TooManyPerDay));
        Assert.Empty(AuthenticityRules.Check(day.Take(3).ToList(), Policy));
        // Another cadre's visits the same day do not add up.
        Assert.Empty(AuthenticityRules.Check([.. day.Take(3), Visit(9, cadre: 8, household: 9)], Policy));
    }

    [Fact]
    public void Two_townships_within_minutes_is_flagged()
    {
        var signals = AuthenticityRules.Check([Visit(1, at: "2026-03-02 10:00"), Visit(2, household: 2, at: "2026-03-02 10:20", township: "500151102")], Policy);
        var hop = Assert.Single(signals, s => s.Kind == SignalKind.TownshipHopping);
        Assert.Equal(2, hop.VisitId);
        Assert.DoesNotContain(AuthenticityRules.Check([Visit(1, at: "2026-03-02 10:00"), Visit(2, household: 2, at: "2026-03-02 11:00", township: "500151102")], Policy),
            s => s.Kind == SignalKind.TownshipHopping);
    }
}
