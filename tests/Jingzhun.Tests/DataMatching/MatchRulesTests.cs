using System.Globalization;
using Jingzhun.Web.Modules.DataMatching;
using Jingzhun.Web.Modules.DataMatching.Rules;
using Jingzhun.Web.Modules.Registry;

namespace Jingzhun.Tests.DataMatching;

/// <summary>大数据比对 rules (DOMAIN.md §6): each limit just below, at and just above, on the exact amounts; who each rule concerns.</summary>
public sealed class MatchRulesTests
{
    private static readonly DateOnly Day = new(2026, 12, 4);
    private static readonly MatchThresholds T = MatchThresholds.Example;

    private static MemberFactsForMatch Member(HouseholdStatus s = HouseholdStatus.Exited, HealthStatus h = HealthStatus.Healthy, int? grade = null,
        bool dibao = false, bool tekun = false, DateOnly? birth = null) => new(s, h, grade, dibao, tekun, birth ?? new DateOnly(1970, 5, 1));

    private static string? Rule(RosterKind kind, decimal? amount = null, string? category = null, MemberFactsForMatch? m = null) =>
        MatchRules.Evaluate(kind, new RosterFacts(amount, category, null), m ?? Member(), T, Day)?.Rule;

    [Theory]
    // 医保: ≥ 5,000 for 脱贫人口 and 监测对象 (and the not yet exited), ≥ 20,000 for the others.
    [InlineData(HouseholdStatus.Exited, "4999.99", null)]
    [InlineData(HouseholdStatus.Exited, "5000", "medical")]
    [InlineData(HouseholdStatus.Monitored, "5000.01", "medical")]
    [InlineData(HouseholdStatus.NotExited, "5000", "medical")]
    [InlineData(HouseholdStatus.Ordinary, "19999.99", null)]
    [InlineData(HouseholdStatus.Ordinary, "20000", "medical")]
    [InlineData(HouseholdStatus.Ordinary, "20000.01", "medical")]
    public void Medical_costs_are_compared_exactly_with_the_line_of_the_household_type(HouseholdStatus status, string amount, string? expected) =>
        Assert.Equal(expected, Rule(RosterKind.Medical, decimal.Parse(amount, CultureInfo.InvariantCulture), m: Member(status)));

    [Theory]
    [InlineData(RosterKind.Vehicle, "29999.99", null)]
    [InlineData(RosterKind.Vehicle, "30000", "vehicle")]
    [InlineData(RosterKind.Vehicle, "30000.01", "vehicle")]
    [InlineData(RosterKind.Disaster, "9999.99", null)]
    [InlineData(RosterKind.Disaster, "10000", "disaster")]
    [InlineData(RosterKind.Disaster, "10000.01", "disaster")]
    // 教育: more than 10,000 (strictly).
    [InlineData(RosterKind.School, "9999.99", null)]
    [InlineData(RosterKind.School, "10000", null)]
    [InlineData(RosterKind.School, "10000.01", "education-cost")]
    public void Amount_limits_fire_at_their_limit_and_not_just_below(RosterKind kind, string amount, string? expected) =>
        Assert.Equal(expected, Rule(kind, decimal.Parse(amount, CultureInfo.InvariantCulture), kind == RosterKind.School ? "在读" : null));

    [Theory]
    [InlineData(RosterKind.Prison)]
    [InlineData(RosterKind.Business)]
    [InlineData(RosterKind.PublicEmployee)]
    public void Eligibility_doubts_concern_registered_households_only(RosterKind kind)
    {
        Assert.Equal(DoubtOutcome.Eligibility, MatchRules.Evaluate(kind, new RosterFacts(null, null, null), Member(), T, Day)!.Outcome);
        Assert.Null(Rule(kind, m: Member(HouseholdStatus.Ordinary)));
        Assert.Null(Rule(RosterKind.Vehicle, 90000m, m: Member(HouseholdStatus.Ordinary)));
        Assert.Null(Rule(RosterKind.Property, category: "商品房", m: Member(HouseholdStatus.Ordinary)));
        Assert.Equal("property", Rule(RosterKind.Property, category: "商铺"));
    }

    [Fact]
    public void New_assistance_and_disability_are_new_only_when_the_registry_does_not_have_them()
    {
        Assert.Equal("assistance", Rule(RosterKind.Assistance, category: "低保"));
        Assert.Null(Rule(RosterKind.Assistance, category: "低保", m: Member(dibao: true)));
        Assert.Null(Rule(RosterKind.Assistance, category: "特困", m: Member(tekun: true)));
        Assert.Equal("assistance", Rule(RosterKind.Assistance, category: "临时救助", m: Member(dibao: true)));
        Assert.Equal("disability", Rule(RosterKind.Disability, category: "二级"));
        Assert.Null(Rule(RosterKind.Disability, m: Member(h: HealthStatus.Disabled)));
        Assert.Null(Rule(RosterKind.Disability, m: Member(grade: 3)));
    }

    [Theory]
    [InlineData(5, null)]
    [InlineData(6, "dropout")]
    [InlineData(16, "dropout")]
    [InlineData(17, null)]
    public void A_dropout_is_a_compulsory_education_problem_from_6_to_16(int age, string? expected)
    {
        var birth = Day.AddYears(-age);
        Assert.Equal(expected, Rule(RosterKind.School, category: "辍学", m: Member(birth: birth)));
        // One day short of the birthday: still the younger age.
        Assert.Equal(age == 17 ? "dropout" : age == 6 ? null : expected, Rule(RosterKind.School, category: "辍学", m: Member(birth: birth.AddDays(1))));
    }

    [Fact]
    public void Deaths_are_corrections_dangerous_houses_and_dropouts_are_problems_of_their_dimension()
    {
        var death = MatchRules.Evaluate(RosterKind.Death, new RosterFacts(null, "户籍注销", new DateOnly(2026, 10, 1)), Member(HouseholdStatus.Ordinary), T, Day)!;
        Assert.Equal(DoubtOutcome.Correction, death.Outcome);
        Assert.Contains("户籍注销（2026-10-01）", death.Detail);
        Assert.Null(Rule(RosterKind.DangerousHouse, category: "B级"));
        var house = MatchRules.Evaluate(RosterKind.DangerousHouse, new RosterFacts(null, "D级", null), Member(), T, Day)!;
        Assert.Equal((DoubtOutcome.Problem, Web.Modules.Guarantees.Dimension.Housing), (house.Outcome, house.Dimension!.Value));
        Assert.Equal(7, T.DaysFor(DoubtOutcome.RiskLead));
        Assert.Equal(15, T.DaysFor(DoubtOutcome.Correction));
    }

    [Fact]
    public void Every_kind_has_its_template_and_every_rule_its_catalog_entry()
    {
        foreach (var kind in Enum.GetValues<RosterKind>())
        {
            Assert.True(MatchRules.Columns.ContainsKey(kind), kind.ToString());
            Assert.Contains(MatchRules.Catalog, c => c.Kind == kind);
        }
    }
}
