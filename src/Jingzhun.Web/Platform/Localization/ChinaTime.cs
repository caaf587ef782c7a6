namespace Jingzhun.Web.Platform.Localization;

/// <summary>Times are stored in UTC and shown in Beijing time (Asia/Shanghai, no DST).</summary>
public static class ChinaTime
{
    private static readonly TimeZoneInfo Zone = Find();

    private static TimeZoneInfo Find()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "北京时间", "北京时间"); }
    }

    public static DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
    /// <summary>An instant as UTC: a time without a zone (e.g. "2026-12-05T10:00" in a request) is Beijing time.</summary>
    public static DateTime ToUtc(DateTime t) => t.Kind switch
    {
        DateTimeKind.Utc => t,
        DateTimeKind.Local => t.ToUniversalTime(),
        _ => TimeZoneInfo.ConvertTimeToUtc(t, Zone),
    };

    public static string Format(DateTime utc) => ToLocal(utc).ToString("yyyy-MM-dd HH:mm");
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow().UtcDateTime));

    /// <summary>The next moment strictly after <paramref name="nowUtc"/> that is <paramref name="at"/> in Beijing, in UTC (a daily schedule).</summary>
    public static DateTime NextDaily(DateTime nowUtc, TimeOnly at)
    {
        var local = ToLocal(nowUtc);
        var candidate = DateOnly.FromDateTime(local).ToDateTime(at);
        if (candidate <= local) candidate = candidate.AddDays(1);
        return nowUtc + (candidate - local);
    }
}
