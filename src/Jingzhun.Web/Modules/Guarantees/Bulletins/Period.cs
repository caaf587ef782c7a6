using System.Globalization;
using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Modules.Guarantees.Bulletins;

/// <summary>A bulletin period: a calendar month ("2026-11", 月通报) or an ISO week ("2026-W47", 周调度), in Beijing time.</summary>
public sealed record Period(string Key, bool IsWeek, DateOnly FirstDay, DateOnly EndDay, int Number, int Year)
{
    // Kind Utc: PostgreSQL (timestamptz) refuses an unspecified kind, and SQLite's converter would shift it as local time.
    public DateTime StartUtc => DateTime.SpecifyKind(FirstDay.ToDateTime(TimeOnly.MinValue).AddHours(-8), DateTimeKind.Utc);
    public DateTime EndUtc => DateTime.SpecifyKind(EndDay.ToDateTime(TimeOnly.MinValue).AddHours(-8), DateTimeKind.Utc);
    public string Label => IsWeek ? $"{Year}年第{Number}周（{FirstDay:M月d日}—{EndDay.AddDays(-1):M月d日}）" : $"{Year}年{Number}月";

    /// <summary>
    /// 第N期: the running count of this kind's periods in the region's series of the year, which starts with the
    /// period of the region's first problem (with the year's first period when that came in an earlier year).
    /// </summary>
    public int OrdinalFrom(DateOnly firstProblemDay)
    {
        if (IsWeek)
        {
            var day = firstProblemDay.ToDateTime(TimeOnly.MinValue);
            return ISOWeek.GetYear(day) < Year ? Number : Number - ISOWeek.GetWeekOfYear(day) + 1;
        }
        return firstProblemDay.Year < Year ? Number : Number - firstProblemDay.Month + 1;
    }

    public static bool TryParse(string? key, out Period period)
    {
        period = null!;
        if (string.IsNullOrWhiteSpace(key)) return false;
        key = key.Trim();
        if (key.Length == 8 && key[4] == '-' && (key[5] == 'W' || key[5] == 'w')
            && int.TryParse(key[..4], CultureInfo.InvariantCulture, out var y) && int.TryParse(key[6..], CultureInfo.InvariantCulture, out var w)
            && y is >= 2013 and <= 2100 && w >= 1 && w <= ISOWeek.GetWeeksInYear(y))
        {
            var first = DateOnly.FromDateTime(ISOWeek.ToDateTime(y, w, DayOfWeek.Monday));
            period = new Period($"{y}-W{w:00}", true, first, first.AddDays(7), w, y);
            return true;
        }
        if (DateOnly.TryParseExact(key + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year >= 2013)
        {
            period = new Period($"{d:yyyy-MM}", false, d, d.AddMonths(1), d.Month, d.Year);
            return true;
        }
        return false;
    }

    public static Period Current(TimeProvider clock, bool week)
    {
        var today = ChinaTime.Today(clock);
        var key = week ? $"{ISOWeek.GetYear(today.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(today.ToDateTime(TimeOnly.MinValue)):00}" : $"{today:yyyy-MM}";
        return TryParse(key, out var p) ? p : throw new InvalidOperationException($"无法构造统计周期 {key}");
    }

    public Period Previous()
    {
        var prior = FirstDay.AddDays(-1);
        var dt = prior.ToDateTime(TimeOnly.MinValue);
        var key = IsWeek ? $"{ISOWeek.GetYear(dt)}-W{ISOWeek.GetWeekOfYear(dt):00}" : $"{prior:yyyy-MM}";
        return TryParse(key, out var p) ? p : throw new InvalidOperationException($"无法构造统计周期 {key}");
    }
}
