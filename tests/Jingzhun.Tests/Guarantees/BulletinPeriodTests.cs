using Jingzhun.Web.Modules.Guarantees.Bulletins;

namespace Jingzhun.Tests.Guarantees;

// 第N期: bulletins are numbered as a running count per region and year, from the period of the region's first problem.
public sealed class BulletinPeriodTests
{
    private static Period Of(string key) => Period.TryParse(key, out var p) ? p : throw new ArgumentException(key);

    [Theory]
    [InlineData("2026-11", "2025-07-03", 11)]   // problems since an earlier year: the year's first month is 第1期
    [InlineData("2026-11", "2026-01-01", 11)]
    [InlineData("2026-11", "2026-03-10", 9)]    // the region's first problem in March: March is 第1期
    [InlineData("2026-11", "2026-10-31", 2)]
    [InlineData("2026-11", "2026-11-30", 1)]
    [InlineData("2026-01", "2025-12-31", 1)]    // year end: a problem of 31 December counts from the new year's first month
    public void A_month_is_numbered_from_the_regions_first_problem_in_the_year(string period, string firstProblem, int number) =>
        Assert.Equal(number, Of(period).OrdinalFrom(DateOnly.Parse(firstProblem)));

    [Theory]
    [InlineData("2026-W47", "2026-11-02", 3)]   // W45, W46, W47
    [InlineData("2026-W47", "2026-11-15", 2)]   // the Sunday before W47 is in W46
    [InlineData("2026-W47", "2026-11-16", 1)]   // the Monday of W47
    [InlineData("2026-W53", "2026-01-01", 53)]  // 1 January 2026 is a Thursday: ISO week 1 of 2026
    [InlineData("2027-W01", "2026-12-30", 1)]   // in ISO week 2026-W53: an earlier ISO year
    [InlineData("2027-W02", "2027-01-03", 2)]   // Sunday 3 January 2027 still belongs to 2026-W53
    public void A_week_is_numbered_by_iso_weeks_of_its_iso_year(string period, string firstProblem, int number) =>
        Assert.Equal(number, Of(period).OrdinalFrom(DateOnly.Parse(firstProblem)));
}
