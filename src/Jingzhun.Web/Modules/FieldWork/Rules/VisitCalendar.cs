using System.Globalization;

namespace Jingzhun.Web.Modules.FieldWork.Rules;

/// <summary>Why a household is due a visit: the four 必见 of the "321" mechanism (DOMAIN.md §5, seed 002).</summary>
public enum VisitObligationKind { Monthly = 1, Festival = 2, Season = 3, Emergency = 4 }

public enum Festival { SpringFestival = 1, DragonBoat = 2, MidAutumn = 3 }

public enum VisitSeason { Summer = 1, Winter = 2 }

/// <summary>The 四必见 values a rule needs (read from the county's row of <see cref="VisitPolicy"/>).</summary>
public sealed record VisitCalendarPolicy(
    int FestivalDaysBefore = 7, int FestivalDaysAfter = 7,
    int SummerFromMonth = 7, int SummerToMonth = 8,
    int WinterFromMonth = 12, int WinterToMonth = 2,
    int EmergencyDays = 3, int PairingGraceDays = 10);

/// <summary>One obligation: a visit is owed within [From, DueBy]; met when a visit falls in that window.</summary>
public sealed record VisitObligation(VisitObligationKind Kind, string Label, DateOnly From, DateOnly DueBy, DateOnly? MetOn)
{
    public bool Met => MetOn is not null;
    public bool IsOverdue(DateOnly today) => !Met && DueBy < today;
}

/// <summary>A pairing of the household with a cadre (结对), To inclusive, null while in force.</summary>
public sealed record PairingSpan(DateOnly From, DateOnly? To)
{
    public bool Covers(DateOnly d) => From <= d && (To is null || d <= To);
}

/// <summary>
/// The 四必见 calendar. Every paired household is owed: a visit in every calendar month (月上门); one within a window
/// around 春节, 端午 and 中秋 (traditional festivals by the Chinese lunisolar calendar); one in summer and one in winter
/// (寒来暑往; winter spans the year boundary: winter 2025 = Dec 2025 + Jan–Feb 2026); and one within N days of an
/// emergency flag (危难时刻). Pure: no clock, no I/O.
/// </summary>
public static class VisitCalendar
{
    private static readonly ChineseLunisolarCalendar Lunar = new();

    /// <summary>The Gregorian date of a festival in a Gregorian year (春节 1/1, 端午 5/5, 中秋 8/15 of the lunar year that starts in it).</summary>
    public static DateOnly FestivalDate(Festival festival, int year)
    {
        var (month, day) = festival switch
        {
            Festival.SpringFestival => (1, 1),
            Festival.DragonBoat => (5, 5),
            _ => (8, 15),
        };
        // In a leap year the calendar numbers 13 months; GetLeapMonth gives the leap month's index (闰四月 = 5), so every
        // ordinary month from it on shifts by one.
        var leap = Lunar.GetLeapMonth(year);
        if (leap > 0 && month >= leap) month++;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, month, day, 0, 0, 0, 0));
    }

    public static string Label(Festival f) => f switch
    {
        Festival.SpringFestival => "春节",
        Festival.DragonBoat => "端午",
        _ => "中秋",
    };

    /// <summary>The season's window of a year (winter belongs to the year it starts in: winter 2025 ends in February 2026).</summary>
    public static (DateOnly From, DateOnly To, string Label) SeasonWindow(VisitSeason season, int year, VisitCalendarPolicy p)
    {
        var (fromMonth, toMonth) = season == VisitSeason.Summer ? (p.SummerFromMonth, p.SummerToMonth) : (p.WinterFromMonth, p.WinterToMonth);
        var from = new DateOnly(year, fromMonth, 1);
        var toYear = toMonth < fromMonth ? year + 1 : year;
        var to = new DateOnly(toYear, toMonth, DateTime.DaysInMonth(toYear, toMonth));
        var label = season == VisitSeason.Summer ? $"{year}年夏季（暑往）" : $"{year}-{(toYear % 100):00}年冬季（寒来）";
        return (from, to, label);
    }

    /// <summary>
    /// The obligations of one household whose window overlaps the month, each marked met or not by the visit dates.
    /// An obligation binds only when some pairing started at least PairingGraceDays before it falls due and had not
    /// ended before its window opened (a household paired on the 25th owes its first monthly visit next month); an
    /// emergency binds when the household is paired on the day it is flagged.
    /// </summary>
    public static IReadOnlyList<VisitObligation> ObligationsFor(int year, int month, IReadOnlyList<PairingSpan> pairings,
        IReadOnlyCollection<DateOnly> visits, IReadOnlyCollection<DateOnly> emergencies, VisitCalendarPolicy p)
    {
        var monthStart = new DateOnly(year, month, 1);
        var monthEnd = monthStart.AddMonths(1).AddDays(-1);
        var list = new List<VisitObligation>();

        void Add(VisitObligationKind kind, string label, DateOnly from, DateOnly due)
        {
            if (from > monthEnd || due < monthStart) return;
            if (!pairings.Any(s => s.From <= due.AddDays(-p.PairingGraceDays) && (s.To is null || s.To >= from))) return;
            list.Add(new VisitObligation(kind, label, from, due, FirstIn(visits, from, due)));
        }

        Add(VisitObligationKind.Monthly, $"{month}月例行走访", monthStart, monthEnd);
        foreach (var f in Enum.GetValues<Festival>())
            for (var y = year - 1; y <= year + 1; y++)
            {
                var day = FestivalDate(f, y);
                Add(VisitObligationKind.Festival, $"{y}年{Label(f)}走访", day.AddDays(-p.FestivalDaysBefore), day.AddDays(p.FestivalDaysAfter));
            }
        foreach (var s in Enum.GetValues<VisitSeason>())
            for (var y = year - 1; y <= year; y++)
            {
                var w = SeasonWindow(s, y, p);
                Add(VisitObligationKind.Season, w.Label, w.From, w.To);
            }
        foreach (var e in emergencies.Distinct().Order())
        {
            var due = e.AddDays(p.EmergencyDays);
            if (e > monthEnd || due < monthStart || !pairings.Any(s => s.Covers(e))) continue;
            list.Add(new VisitObligation(VisitObligationKind.Emergency, $"危难时刻（{e:M月d日}）", e, due, FirstIn(visits, e, due)));
        }
        return list;
    }

    private static DateOnly? FirstIn(IReadOnlyCollection<DateOnly> visits, DateOnly from, DateOnly to)
    {
        DateOnly? first = null;
        foreach (var v in visits)
            if (v >= from && v <= to && (first is null || v < first)) first = v;
        return first;
    }
}
