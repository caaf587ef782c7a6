using Jingzhun.Web.Modules.FieldWork.Rules;

namespace Jingzhun.Tests.FieldWork;

// 四必见 (DOMAIN.md §5): monthly, 春节/端午/中秋 by the lunisolar calendar, 寒来暑往, 危难时刻.
public sealed class VisitCalendarTests
{
    private static readonly VisitCalendarPolicy Policy = new();
    private static readonly PairingSpan[] PairedLongAgo = [new(new DateOnly(2020, 1, 1), null)];

    [Theory]
    [InlineData(Festival.SpringFestival, 2024, "2024-02-10")]
    [InlineData(Festival.SpringFestival, 2025, "2025-01-29")]
    [InlineData(Festival.SpringFestival, 2026, "2026-02-17")]
    [InlineData(Festival.SpringFestival, 2027, "2027-02-06")]
    [InlineData(Festival.DragonBoat, 2024, "2024-06-10")]
    [InlineData(Festival.DragonBoat, 2025, "2025-05-31")]   // 2025 has a leap 6th month (after 端午)
    [InlineData(Festival.DragonBoat, 2026, "2026-06-19")]
    [InlineData(Festival.DragonBoat, 2027, "2027-06-09")]
    [InlineData(Festival.MidAutumn, 2024, "2024-09-17")]
    [InlineData(Festival.MidAutumn, 2025, "2025-10-06")]    // after the leap month: index shifts by one
    [InlineData(Festival.MidAutumn, 2026, "2026-09-25")]
    [InlineData(Festival.MidAutumn, 2027, "2027-09-15")]
    [InlineData(Festival.MidAutumn, 2023, "2023-09-29")]    // 2023 had a leap 2nd month, before 端午 and 中秋
    [InlineData(Festival.DragonBoat, 2023, "2023-06-22")]
    [InlineData(Festival.DragonBoat, 2020, "2020-06-25")]   // 2020 had a leap 4th month, right before the 5th
    public void Festival_dates_come_from_the_lunisolar_calendar(Festival f, int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), VisitCalendar.FestivalDate(f, year));

    [Fact]
    public void Winter_spans_the_year_boundary()
    {
        var w = VisitCalendar.SeasonWindow(VisitSeason.Winter, 2025, Policy);
        Assert.Equal((new DateOnly(2025, 12, 1), new DateOnly(2026, 2, 28)), (w.From, w.To));
        Assert.Equal(new DateOnly(2028, 2, 29), VisitCalendar.SeasonWindow(VisitSeason.Winter, 2027, Policy).To);   // leap February
        var s = VisitCalendar.SeasonWindow(VisitSeason.Summer, 2026, Policy);
        Assert.Equal((new DateOnly(2026, 7, 1), new DateOnly(2026, 8, 31)), (s.From, s.To));
    }

    private static IReadOnlyList<VisitObligation> For(int y, int m, PairingSpan[] pairings, DateOnly[] visits, params DateOnly[] emergencies) =>
        VisitCalendar.ObligationsFor(y, m, pairings, visits, emergencies, Policy);

    [Fact]
    public void A_winter_visit_in_December_meets_the_winter_obligation_shown_in_January_and_February()
    {
        DateOnly[] visits = [new(2025, 12, 5)];
        foreach (var (y, m) in new[] { (2025, 12), (2026, 1), (2026, 2) })
        {
            var winter = Assert.Single(For(y, m, PairedLongAgo, visits), o => o.Kind == VisitObligationKind.Season);
            Assert.Equal("2025-26年冬季（寒来）", winter.Label);
            Assert.Equal(new DateOnly(2025, 12, 5), winter.MetOn);
        }
        Assert.DoesNotContain(For(2026, 3, PairedLongAgo, visits), o => o.Kind == VisitObligationKind.Season);
        // A visit in January 2025 belongs to winter 2024-25, not winter 2025-26.
        var next = Assert.Single(For(2026, 1, PairedLongAgo, [new(2025, 1, 10)]), o => o.Kind == VisitObligationKind.Season);
        Assert.False(next.Met);
        Assert.True(next.IsOverdue(new DateOnly(2026, 3, 1)));
        Assert.False(next.IsOverdue(new DateOnly(2026, 2, 28)));
    }

    [Fact]
    public void Obligations_of_a_household_for_a_month()
    {
        // February 2026: monthly, 春节 (2026-02-17, window 02-10..02-24) and winter 2025-26.
        var list = For(2026, 2, PairedLongAgo, [new(2026, 2, 3)]);
        Assert.Equal(["2月例行走访", "2026年春节走访", "2025-26年冬季（寒来）"], list.Select(o => o.Label));
        Assert.True(list[0].Met);
        Assert.False(list[1].Met);       // 02-03 is before the festival window
        Assert.Equal(new DateOnly(2026, 2, 24), list[1].DueBy);
        Assert.True(list[2].Met);
        // July 2026: monthly and summer only.
        Assert.Equal([VisitObligationKind.Monthly, VisitObligationKind.Season], For(2026, 7, PairedLongAgo, []).Select(o => o.Kind));
    }

    [Fact]
    public void A_festival_window_crossing_months_shows_in_both()
    {
        // 春节 2025-01-29: window 01-22..02-05.
        var jan = Assert.Single(For(2025, 1, PairedLongAgo, [new(2025, 2, 4)]), o => o.Kind == VisitObligationKind.Festival);
        Assert.Equal(new DateOnly(2025, 2, 4), jan.MetOn);
        Assert.Single(For(2025, 2, PairedLongAgo, []), o => o.Kind == VisitObligationKind.Festival);
        Assert.DoesNotContain(For(2025, 3, PairedLongAgo, []), o => o.Kind == VisitObligationKind.Festival);
    }

    [Theory]
    [InlineData(21, true)]   // paired on the 21st of a 31-day month: exactly 10 days before the month ends
    [InlineData(22, false)]  // too late in the month: the first monthly visit is owed next month
    [InlineData(1, true)]
    public void A_household_paired_mid_month(int day, bool owesThisMonth)
    {
        PairingSpan[] pairing = [new(new DateOnly(2026, 3, day), null)];
        Assert.Equal(owesThisMonth, For(2026, 3, pairing, []).Any(o => o.Kind == VisitObligationKind.Monthly));
        Assert.Single(For(2026, 4, pairing, []), o => o.Kind == VisitObligationKind.Monthly);
        Assert.Empty(For(2026, 2, pairing, []));
    }

    [Fact]
    public void A_pairing_that_ended_before_the_month_owes_nothing_and_a_rotation_keeps_the_household_due()
    {
        Assert.Empty(For(2026, 5, [new(new DateOnly(2025, 1, 1), new DateOnly(2026, 4, 30))], []));
        PairingSpan[] rotated = [new(new DateOnly(2025, 1, 1), new DateOnly(2026, 5, 15)), new(new DateOnly(2026, 5, 16), null)];
        Assert.Single(For(2026, 5, rotated, []), o => o.Kind == VisitObligationKind.Monthly);
    }

    [Fact]
    public void An_emergency_is_owed_within_N_days()
    {
        var flagged = new DateOnly(2026, 4, 29);
        var open = Assert.Single(For(2026, 4, PairedLongAgo, [], flagged), o => o.Kind == VisitObligationKind.Emergency);
        Assert.Equal(new DateOnly(2026, 5, 2), open.DueBy);
        Assert.True(open.IsOverdue(new DateOnly(2026, 5, 3)));
        var met = Assert.Single(For(2026, 5, PairedLongAgo, [new(2026, 5, 2)], flagged), o => o.Kind == VisitObligationKind.Emergency);
        Assert.True(met.Met);
        Assert.DoesNotContain(For(2026, 4, [new(new DateOnly(2026, 4, 30), null)], [], flagged), o => o.Kind == VisitObligationKind.Emergency);
    }

    [Fact]
    public void A_county_can_widen_the_festival_window()
    {
        var wide = Policy with { FestivalDaysBefore = 15 };
        // 端午 2026-06-19: the default window starts 06-12, the wide one 06-04.
        Assert.False(VisitCalendar.ObligationsFor(2026, 6, PairedLongAgo, [new(2026, 6, 5)], [], Policy).Single(o => o.Kind == VisitObligationKind.Festival).Met);
        Assert.True(VisitCalendar.ObligationsFor(2026, 6, PairedLongAgo, [new(2026, 6, 5)], [], wide).Single(o => o.Kind == VisitObligationKind.Festival).Met);
    }
}
