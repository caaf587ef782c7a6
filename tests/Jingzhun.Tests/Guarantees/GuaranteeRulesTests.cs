using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Guarantees.Rules;
using Jingzhun.Web.Modules.Registry;

namespace Jingzhun.Tests.Guarantees;

// 两不愁三保障 and 饮水安全 (DOMAIN.md §3; T/CHES 18-2018), with the national default thresholds.
public sealed class GuaranteeRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly GuaranteePolicy Policy = GuaranteePolicy.NationalDefault(2021);

    private static MemberSnapshot Person(string name, int age, SchoolStatus school = SchoolStatus.NotInSchool, bool insured = true,
        MemberStatus status = MemberStatus.Active, bool exempt = false, bool homeSchooling = false) =>
        new(name, Today.AddYears(-age).AddDays(-10), status, school, exempt, homeSchooling, insured);

    private static HouseholdSnapshot Household(params MemberSnapshot[] members) => new(
        FoodSecure: true, ClothingSecure: true, HousingGrade: HousingGrade.A, IsRelocated: false, RelocationKeysReceived: false,
        WaterLitresPerPersonDay: 60, WaterQualityPassed: true, WaterPiped: true, WaterFetchMinutes: 0, WaterHorizontalMetres: 0,
        WaterVerticalMetres: 0, WaterCutoffDaysPerYear: 3, WaterShortArea: false,
        Members: members.Length == 0 ? [Person("张三", 45)] : members);

    [Fact]
    public void A_household_with_everything_secured_passes_all_six()
    {
        var results = GuaranteeRules.Assess(Household(), Policy, Today);
        Assert.Equal(6, results.Count);
        Assert.All(results, r => Assert.Equal(Verdict.Pass, r.Verdict));
    }

    [Theory]
    [InlineData(true, Verdict.Pass)]
    [InlineData(false, Verdict.Fail)]
    [InlineData(null, Verdict.Unknown)]
    public void Food_and_clothing_come_from_the_recorded_answer(bool? secure, Verdict expected)
    {
        var h = Household() with { FoodSecure = secure, ClothingSecure = secure };
        Assert.Equal(expected, GuaranteeRules.Food(h).Verdict);
        Assert.Equal(expected, GuaranteeRules.Clothing(h).Verdict);
    }

    [Theory]
    // age, school status, exemption, 送教上门, verdict, reason fragment
    [InlineData(12, SchoolStatus.NotInSchool, false, false, Verdict.Fail, "成员 李四（12岁）非在校生，且无送教上门或健康原因")]
    [InlineData(12, SchoolStatus.Primary, false, false, Verdict.Pass, "均在校")]
    [InlineData(7, SchoolStatus.NotInSchool, false, false, Verdict.Fail, "（7岁）")]
    [InlineData(6, SchoolStatus.NotInSchool, false, false, Verdict.Pass, "无义务教育阶段适龄儿童")]   // turned 6 in November: starts next September
    [InlineData(15, SchoolStatus.NotInSchool, false, false, Verdict.Fail, "（15岁）")]
    [InlineData(16, SchoolStatus.NotInSchool, false, false, Verdict.Pass, "无义务教育阶段适龄儿童")]    // past compulsory age: not a failure
    [InlineData(5, SchoolStatus.NotInSchool, false, false, Verdict.Pass, "无义务教育阶段适龄儿童")]
    [InlineData(10, SchoolStatus.NotInSchool, true, true, Verdict.Pass, "因身体原因送教上门")]  // health exemption with 送教上门
    [InlineData(10, SchoolStatus.NotInSchool, true, false, Verdict.Fail, "未落实送教上门")]     // exempt but nobody teaches at home
    public void Compulsory_education_checks_every_child_of_school_age(int age, SchoolStatus school, bool exempt, bool home,
        Verdict expected, string reason)
    {
        var r = GuaranteeRules.Education(Household(Person("张三", 40), Person("李四", age, school, exempt: exempt, homeSchooling: home)), Policy, Today);
        Assert.Equal(expected, r.Verdict);
        Assert.Contains(reason, r.Reason);
    }

    [Theory]
    // birth, day judged, in compulsory-school age: from the first 1 September after the sixth birthday
    [InlineData("2020-08-31", "2026-08-31", false)]   // turned 6 on the last day of August: not yet
    [InlineData("2020-08-31", "2026-09-01", true)]    // the autumn term after it
    [InlineData("2020-09-01", "2026-09-01", false)]   // turns 6 on 1 September itself: the next year's term
    [InlineData("2020-09-01", "2027-08-31", false)]
    [InlineData("2020-09-01", "2027-09-01", true)]
    [InlineData("2020-02-29", "2026-08-31", false)]   // leap-day birth: sixth birthday 28 Feb 2026
    [InlineData("2020-02-29", "2026-09-01", true)]
    [InlineData("2019-12-31", "2026-08-31", false)]   // a year-end birth starts the autumn after
    [InlineData("2019-12-31", "2026-09-01", true)]
    // ... until the sixteenth birthday
    [InlineData("2010-03-15", "2026-03-14", true)]
    [InlineData("2010-03-15", "2026-03-15", false)]
    [InlineData("2008-02-29", "2024-02-28", true)]    // leap-day birth: sixteenth birthday 29 Feb 2024
    [InlineData("2008-02-29", "2024-02-29", false)]
    [InlineData("2010-12-31", "2026-12-30", true)]
    [InlineData("2010-12-31", "2026-12-31", false)]
    public void Compulsory_school_age_runs_from_the_autumn_after_the_sixth_birthday_to_the_sixteenth(string birth, string on, bool expected) =>
        Assert.Equal(expected, GuaranteeRules.InCompulsoryAge(DateOnly.Parse(birth), null, DateOnly.Parse(on), Policy));

    [Theory]
    [InlineData(null, true)]
    [InlineData(EducationLevel.Primary, true)]
    [InlineData(EducationLevel.JuniorHigh, false)]    // 初中毕业: nine years completed
    [InlineData(EducationLevel.SeniorHigh, false)]
    [InlineData(EducationLevel.Vocational, false)]
    [InlineData(EducationLevel.College, false)]
    public void Nine_years_completed_end_compulsory_school_age_before_sixteen(EducationLevel? level, bool expected) =>
        Assert.Equal(expected, GuaranteeRules.InCompulsoryAge(new DateOnly(2011, 6, 1), level, new DateOnly(2026, 11, 24), Policy));

    [Theory]
    [InlineData("2025-08-31", true)]    // in the eighth school year: a recorded 初中 is not yet a completion
    [InlineData("2025-09-01", false)]   // the ninth school year (started 1 Sep 2017) has begun
    [InlineData("2026-06-30", false)]
    public void A_completed_level_counts_from_the_ninth_school_year(string on, bool inAge) =>
        Assert.Equal(inAge, GuaranteeRules.InCompulsoryAge(new DateOnly(2011, 6, 1), EducationLevel.JuniorHigh, DateOnly.Parse(on), Policy));

    [Fact]
    public void A_fifteen_year_old_who_finished_junior_high_and_left_school_is_not_a_drop_out()
    {
        var graduate = Person("李四", 15) with { EducationLevel = EducationLevel.JuniorHigh };
        Assert.Equal(Verdict.Pass, GuaranteeRules.Education(Household(Person("张三", 40), graduate), Policy, Today).Verdict);
        var dropOut = Person("李四", 15) with { EducationLevel = EducationLevel.Primary };
        Assert.Equal(Verdict.Fail, GuaranteeRules.Education(Household(Person("张三", 40), dropOut), Policy, Today).Verdict);
    }

    [Fact]
    public void The_policy_ages_move_the_bounds()
    {
        var seven = GuaranteePolicy.NationalDefault(2021);
        seven.SchoolAgeFrom = 7;
        seven.SchoolAgeTo = 14;
        Assert.False(GuaranteeRules.InCompulsoryAge(new DateOnly(2020, 8, 31), null, new DateOnly(2026, 9, 1), seven));
        Assert.True(GuaranteeRules.InCompulsoryAge(new DateOnly(2020, 8, 31), null, new DateOnly(2026, 9, 1), Policy));
        Assert.False(GuaranteeRules.InCompulsoryAge(new DateOnly(2011, 3, 15), null, new DateOnly(2026, 3, 15), seven));
        Assert.True(GuaranteeRules.InCompulsoryAge(new DateOnly(2011, 3, 15), null, new DateOnly(2026, 3, 14), Policy));
    }

    [Fact]
    public void A_child_who_left_the_household_is_not_judged()
    {
        var r = GuaranteeRules.Education(Household(Person("张三", 40), Person("李四", 12, status: MemberStatus.MovedOut)), Policy, Today);
        Assert.Equal(Verdict.Pass, r.Verdict);
    }

    [Fact]
    public void Medical_insurance_names_every_uninsured_member()
    {
        var r = GuaranteeRules.Medical(Household(Person("张三", 40), Person("李四", 70, insured: false), Person("王五", 8, insured: false)));
        Assert.Equal(Verdict.Fail, r.Verdict);
        Assert.Equal("成员 李四、王五 未参加城乡居民基本医疗保险", r.Reason);
    }

    [Fact]
    public void A_member_without_insurance_who_died_last_month_is_not_a_failure()
    {
        var r = GuaranteeRules.Medical(Household(Person("张三", 40), Person("李四", 80, insured: false, status: MemberStatus.Deceased)));
        Assert.Equal(Verdict.Pass, r.Verdict);
    }

    [Theory]
    [InlineData(HousingGrade.A, false, false, Verdict.Pass)]
    [InlineData(HousingGrade.B, false, false, Verdict.Pass)]
    [InlineData(HousingGrade.C, false, false, Verdict.Fail)]
    [InlineData(HousingGrade.D, false, false, Verdict.Fail)]
    [InlineData(HousingGrade.D, true, true, Verdict.Pass)]    // relocated with the keys: the old D-grade house no longer counts
    [InlineData(HousingGrade.D, true, false, Verdict.Fail)]   // relocation planned, keys not yet received
    [InlineData(null, false, false, Verdict.Unknown)]
    [InlineData(null, true, true, Verdict.Pass)]
    public void Housing_is_safe_at_grade_a_or_b_or_after_relocation_with_keys(HousingGrade? grade, bool relocated, bool keys, Verdict expected)
    {
        var r = GuaranteeRules.Housing(Household() with { HousingGrade = grade, IsRelocated = relocated, RelocationKeysReceived = keys }, Policy);
        Assert.Equal(expected, r.Verdict);
    }

    [Theory]
    // litres, short area, verdict — the thresholds are inclusive (35; 20 in water-short areas)
    [InlineData(35.0, false, Verdict.Pass)]
    [InlineData(34.9, false, Verdict.Fail)]
    [InlineData(20.0, true, Verdict.Pass)]
    [InlineData(19.9, true, Verdict.Fail)]
    [InlineData(25.0, false, Verdict.Fail)]
    public void Water_quantity_at_the_thresholds(double litres, bool shortArea, Verdict expected)
    {
        var r = GuaranteeRules.Water(Household() with { WaterLitresPerPersonDay = (decimal)litres, WaterShortArea = shortArea }, Policy);
        Assert.Equal(expected, r.Verdict);
    }

    [Theory]
    // not piped: a trip within 20 minutes, or within 800 m horizontally and 80 m vertically
    [InlineData(20, 2000, 200, Verdict.Pass)]
    [InlineData(21, 800, 80, Verdict.Pass)]
    [InlineData(21, 801, 80, Verdict.Fail)]
    [InlineData(21, 800, 81, Verdict.Fail)]
    [InlineData(null, 800, 80, Verdict.Pass)]
    [InlineData(null, null, null, Verdict.Unknown)]
    public void Water_convenience_when_not_piped(int? minutes, int? horizontal, int? vertical, Verdict expected)
    {
        var h = Household() with { WaterPiped = false, WaterFetchMinutes = minutes, WaterHorizontalMetres = horizontal, WaterVerticalMetres = vertical };
        Assert.Equal(expected, GuaranteeRules.Water(h, Policy).Verdict);
    }

    [Theory]
    [InlineData(36, Verdict.Pass)]
    [InlineData(37, Verdict.Fail)]
    public void Water_supply_guarantee_allows_at_most_36_days_of_cut_off(int days, Verdict expected) =>
        Assert.Equal(expected, GuaranteeRules.Water(Household() with { WaterCutoffDaysPerYear = days }, Policy).Verdict);

    // Every 饮水 limit (T/CHES 18-2018) just below, at and just above, read from the policy (here a stricter one, so a
    // literal 35/20/800/80/36 in the rule would be caught): quantity ≥ 40, trip ≤ 15 min, ≤ 500 m / ≤ 50 m, ≤ 20 days.
    [Theory]
    [InlineData("litres", "39.99", Verdict.Fail)]
    [InlineData("litres", "40", Verdict.Pass)]
    [InlineData("litres", "40.01", Verdict.Pass)]
    [InlineData("shortLitres", "24.99", Verdict.Fail)]
    [InlineData("shortLitres", "25", Verdict.Pass)]
    [InlineData("shortLitres", "25.01", Verdict.Pass)]
    [InlineData("minutes", "14", Verdict.Pass)]
    [InlineData("minutes", "15", Verdict.Pass)]
    [InlineData("minutes", "16", Verdict.Fail)]
    [InlineData("horizontal", "499", Verdict.Pass)]
    [InlineData("horizontal", "500", Verdict.Pass)]
    [InlineData("horizontal", "501", Verdict.Fail)]
    [InlineData("vertical", "49", Verdict.Pass)]
    [InlineData("vertical", "50", Verdict.Pass)]
    [InlineData("vertical", "51", Verdict.Fail)]
    [InlineData("cutoff", "19", Verdict.Pass)]
    [InlineData("cutoff", "20", Verdict.Pass)]
    [InlineData("cutoff", "21", Verdict.Fail)]
    public void Water_limits_come_from_the_policy_below_at_and_above(string limit, string value, Verdict expected)
    {
        var p = GuaranteePolicy.NationalDefault(2025);
        (p.WaterLitresPerPersonDay, p.WaterLitresPerPersonDayShortArea, p.WaterFetchMinutes) = (40m, 25m, 15);
        (p.WaterHorizontalMetres, p.WaterVerticalMetres, p.WaterCutoffDaysPerYear) = (500, 50, 20);
        var v = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var far = Household() with { WaterPiped = false, WaterFetchMinutes = 99, WaterHorizontalMetres = 0, WaterVerticalMetres = 0 };
        var h = limit switch
        {
            "litres" => Household() with { WaterLitresPerPersonDay = v },
            "shortLitres" => Household() with { WaterLitresPerPersonDay = v, WaterShortArea = true },
            "minutes" => far with { WaterFetchMinutes = (int)v, WaterHorizontalMetres = 9999 },
            "horizontal" => far with { WaterHorizontalMetres = (int)v },
            "vertical" => far with { WaterVerticalMetres = (int)v },
            _ => Household() with { WaterCutoffDaysPerYear = (int)v },
        };
        var r = GuaranteeRules.Water(h, p);
        Assert.True(expected == r.Verdict, r.Reason);
    }

    [Fact]
    public void A_quantity_just_below_the_limit_is_not_shown_as_the_limit() =>
        Assert.Contains("水量34.99升/人·日，低于35升", GuaranteeRules.Water(Household() with { WaterLitresPerPersonDay = 34.99m }, Policy).Reason);

    [Fact]
    public void Water_quality_failure_and_missing_data()
    {
        var bad = GuaranteeRules.Water(Household() with { WaterQualityPassed = false }, Policy);
        Assert.Equal(Verdict.Fail, bad.Verdict);
        Assert.Contains("水质不达标", bad.Reason);
        var gap = GuaranteeRules.Water(Household() with { WaterLitresPerPersonDay = null, WaterQualityPassed = null }, Policy);
        Assert.Equal(Verdict.Unknown, gap.Verdict);
        Assert.Equal("未采集：水量、水质", gap.Reason);
        // A failing indicator is reported even when another is missing: a known gap is not hidden by an unknown one.
        var both = GuaranteeRules.Water(Household() with { WaterLitresPerPersonDay = null, WaterCutoffDaysPerYear = 50 }, Policy);
        Assert.Equal(Verdict.Fail, both.Verdict);
    }

    [Fact]
    public void Thresholds_come_from_the_policy_not_from_the_code()
    {
        var strict = GuaranteePolicy.NationalDefault(2025);
        strict.WaterLitresPerPersonDay = 60;
        strict.SchoolAgeTo = 17;
        strict.SafeHousingGrades = "A";
        var h = Household(Person("张三", 40), Person("李四", 16)) with { HousingGrade = HousingGrade.B };
        var results = GuaranteeRules.Assess(h with { WaterLitresPerPersonDay = 50 }, strict, Today).ToDictionary(r => r.Dimension);
        Assert.Equal(Verdict.Fail, results[Dimension.Water].Verdict);
        Assert.Equal(Verdict.Fail, results[Dimension.Education].Verdict);
        Assert.Equal(Verdict.Fail, results[Dimension.Housing].Verdict);
    }
}
