using Jingzhun.Web.Modules.Exit.Rules;
using Jingzhun.Web.Modules.Registry;

namespace Jingzhun.Tests.Exit;

// 村退出 counts the 未脱贫 of the year evaluated: identified by its end and not exited by its end.
public sealed class YearEndStatusTests
{
    [Theory]
    [InlineData(HouseholdStatus.NotExited, 2014, null, 2013, false)]   // identified the year after
    [InlineData(HouseholdStatus.NotExited, 2014, null, 2014, true)]    // identified that year
    [InlineData(HouseholdStatus.NotExited, 2014, null, 2025, true)]
    [InlineData(HouseholdStatus.NotExited, null, null, 2025, true)]    // no 识别年度: today's status
    [InlineData(HouseholdStatus.Exited, 2014, 2024, 2023, true)]       // exited the year after
    [InlineData(HouseholdStatus.Exited, 2014, 2024, 2024, false)]      // exited that year: not poor at its end
    [InlineData(HouseholdStatus.Exited, 2014, 2024, 2025, false)]
    [InlineData(HouseholdStatus.Exited, 2016, 2018, 2015, false)]      // not yet identified
    [InlineData(HouseholdStatus.Monitored, 2014, 2019, 2018, true)]    // a 脱贫户 now monitored, poor before its exit
    [InlineData(HouseholdStatus.Monitored, 2014, 2019, 2019, false)]
    [InlineData(HouseholdStatus.Monitored, null, null, 2025, false)]   // monitored from a 一般农户: never registered poor
    [InlineData(HouseholdStatus.Ordinary, 2014, null, 2020, false)]
    public void Poor_at_the_end_of_a_year_follows_the_identification_and_exit_years(HouseholdStatus status, int? identified, int? exited,
        int year, bool poor) =>
        Assert.Equal(poor, YearEndStatus.PoorAt(status, identified, exited, year));

    [Fact]
    public void A_frozen_village_counts_the_people_of_its_households_then_not_exited()
    {
        FrozenHousehold H(HouseholdStatus s, int size) => new("500151101001", s, size);
        Assert.Equal(5, YearEndStatus.PoorPeople([H(HouseholdStatus.NotExited, 2), H(HouseholdStatus.NotExited, 3), H(HouseholdStatus.Exited, 4),
            H(HouseholdStatus.Monitored, 1), H(HouseholdStatus.Ordinary, 6)]));
        Assert.Equal(0, YearEndStatus.PoorPeople([]));
    }
}
