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
    public static string Format(DateTime utc) => ToLocal(utc).ToString("yyyy-MM-dd HH:mm");
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow().UtcDateTime));
}
