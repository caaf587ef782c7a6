using Jingzhun.Web.Modules.Exit;
using Jingzhun.Web.Modules.Exit.Rules;
using Jingzhun.Web.Modules.Guarantees;

namespace Jingzhun.Tests.Dashboards;

// Exit standards (DOMAIN.md §8): village incidence < 2% (< 3% in the west); county 三率一度.
public sealed class ExitRulesTests
{
    private static readonly ExitStandard East = new() { Year = 2020, PovertyLine = 4000m };
    private static readonly ExitStandard West = new() { ProvinceCode = "50", Year = 2020, PovertyLine = 4000m, IncidenceMaxPercent = 3m };

    [Theory]
    [InlineData(19, 1000, 2.0, true)]     // 1.9%
    [InlineData(20, 1000, 2.0, false)]    // exactly 2%: not below
    [InlineData(29, 1000, 3.0, true)]     // west
    [InlineData(30, 1000, 3.0, false)]
    public void Village_incidence_must_be_below_the_threshold(int poor, int rural, double max, bool pass)
    {
        var c = ExitRules.Village(poor, rural, (decimal)max);
        Assert.Equal(pass, c.Met);
        Assert.Contains($"{poor}人 ÷ {rural}人", c.Detail);
    }

    // Issue 12: the village's incidence is compared unrounded; 2.99…% is below 3% and its text does not read "3%".
    [Theory]
    [InlineData(2999, 100_000, "3", true, "2.999%")]
    [InlineData(29_999_999, 1_000_000_000, "3", true, "2.9999999%")]
    [InlineData(3000, 100_000, "3", false, "= 3%")]
    [InlineData(3001, 100_000, "3", false, "3.001%")]
    [InlineData(1999, 100_000, "2", true, "1.999%")]
    [InlineData(2001, 100_000, "2", false, "2.001%")]
    [InlineData(249, 10_000, "2.5", true, "（标准：低于2.5%）")]   // the limit is the standard's, whatever it is set to
    [InlineData(250, 10_000, "2.5", false, "2.5%")]
    public void Village_incidence_is_compared_unrounded(int poor, int rural, string max, bool pass, string text)
    {
        var c = ExitRules.Village(poor, rural, decimal.Parse(max, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(pass, c.Met);
        Assert.Contains(text, c.Detail);
    }

    // Issue 12: 三率一度 just below / at / just above each limit, unrounded (2.999%, 1.999%, 89.999%).
    [Theory]
    [InlineData("综合贫困发生率", 2999, 100_000, true)]
    [InlineData("综合贫困发生率", 3000, 100_000, false)]
    [InlineData("综合贫困发生率", 3001, 100_000, false)]
    [InlineData("错退率", 1999, 100_000, true)]
    [InlineData("错退率", 2000, 100_000, false)]
    [InlineData("错退率", 2001, 100_000, false)]
    [InlineData("漏评率", 1999, 100_000, true)]
    [InlineData("漏评率", 2000, 100_000, false)]
    [InlineData("漏评率", 2001, 100_000, false)]
    [InlineData("群众认可度", 89_999, 100_000, false)]
    [InlineData("群众认可度", 90_000, 100_000, true)]
    [InlineData("群众认可度", 90_001, 100_000, true)]
    public void County_three_rates_and_recognition_are_compared_unrounded(string name, int part, int whole, bool met)
    {
        var x = new CountyEvaluationInput(0, 1000, 100, 0, 100, 0, 100, 100);
        x = name switch
        {
            "综合贫困发生率" => x with { PoorPeople = part, RuralPopulation = whole },
            "错退率" => x with { WronglyExited = part, ExitedSampled = whole },
            "漏评率" => x with { MissedFound = part, NonPoorSampled = whole },
            _ => x with { Satisfied = part, Surveyed = whole },
        };
        var c = ExitRules.County(x, West).ToDictionary(k => k.Name);
        Assert.Equal(met, c[name].Met);
        Assert.All(c.Values.Where(v => v.Name != name), v => Assert.True(v.Met, v.Detail));
        Assert.Contains($"{part} ÷ ", c[name].Detail);
    }

    [Fact]
    public void County_limits_come_from_the_standard()
    {
        var strict = new ExitStandard { Year = 2020, PovertyLine = 4000m, IncidenceMaxPercent = 1m, WrongExitMaxPercent = 1m, MissedMaxPercent = 1m, RecognitionMinPercent = 95m };
        var c = ExitRules.County(new CountyEvaluationInput(15, 1000, 100, 1, 100, 1, 100, 94), strict).ToDictionary(k => k.Name);
        Assert.All(c.Values, v => Assert.False(v.Met, v.Detail));
        Assert.Contains("（标准：不低于95%）", c["群众认可度"].Detail);
        Assert.Contains("（标准：低于1%）", c["错退率"].Detail);
    }

    [Fact]
    public void A_village_without_a_recorded_population_cannot_be_judged() =>
        Assert.False(ExitRules.Village(0, null, 2m).Met);

    [Theory]
    // poor, rural, exitedSampled, wrong, nonPoorSampled, missed, surveyed, satisfied, (incidence, wrong, missed, recognition)
    [InlineData(29, 1000, 100, 1, 100, 1, 100, 90, true, true, true, true)]
    [InlineData(30, 1000, 100, 2, 100, 2, 100, 89, false, false, false, false)]   // 3% / 2% / 2% / 89%: each just fails
    public void County_three_rates_and_recognition_at_the_thresholds(int poor, int rural, int exited, int wrong, int nonPoor, int missed,
        int surveyed, int satisfied, bool incidence, bool wrongExit, bool missedRate, bool recognition)
    {
        var c = ExitRules.County(new CountyEvaluationInput(poor, rural, exited, wrong, nonPoor, missed, surveyed, satisfied), West)
            .ToDictionary(x => x.Name);
        Assert.Equal(incidence, c["综合贫困发生率"].Met);
        Assert.Equal(wrongExit, c["错退率"].Met);
        Assert.Equal(missedRate, c["漏评率"].Met);
        Assert.Equal(recognition, c["群众认可度"].Met);
    }

    [Fact]
    public void The_east_uses_two_percent()
    {
        var c = ExitRules.County(new CountyEvaluationInput(25, 1000, 10, 0, 10, 0, 10, 10), East).ToDictionary(x => x.Name);
        Assert.False(c["综合贫困发生率"].Met);   // 2.5% ≥ 2%
        Assert.Contains("2.5%", c["综合贫困发生率"].Detail);
    }

    [Fact]
    public void A_household_exits_when_income_is_above_the_line_and_every_dimension_is_secured()
    {
        var all = Enum.GetValues<Dimension>().Select(d => (d, Verdict.Pass, "达标")).ToList();
        Assert.All(ExitRules.Household(2020, 4000.01m, 4000m, all), c => Assert.True(c.Met));
        var atLine = ExitRules.Household(2020, 4000m, 4000m, all);
        Assert.False(atLine.Single(c => c.Name == "收入").Met);
        var housing = all.Select(x => x.d == Dimension.Housing ? (x.d, Verdict.Fail, "住房安全等级为D级") : x).ToList();
        Assert.False(ExitRules.Household(2020, 9000m, 4000m, housing).Single(c => c.Name == "住房安全").Met);
        Assert.Contains("缺少2020年收入记录", ExitRules.Household(2020, null, 4000m, all)[0].Detail);
    }

    [Fact]
    public void Seeded_standards_follow_the_poverty_line_and_the_western_provinces()
    {
        var seed = ExitStandard.Seed().ToList();
        Assert.Equal(4000m, seed.Single(s => s.ProvinceCode == "" && s.Year == 2020).PovertyLine);
        Assert.Equal(3m, seed.Single(s => s.ProvinceCode == "50" && s.Year == 2020).IncidenceMaxPercent);
        Assert.Equal(2m, seed.Single(s => s.ProvinceCode == "" && s.Year == 2016).IncidenceMaxPercent);
        Assert.Contains("51", ExitStandard.Western);   // 四川
    }
}
