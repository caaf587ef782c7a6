using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.Rules;
using Jingzhun.Web.Modules.Registry.Validation;

namespace Jingzhun.Tests.Registry;

public sealed class RegistryValidatorTests
{
    // 2026-11-24 12:00 Beijing time.
    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 24, 4, 0, 0, TimeSpan.Zero);
    }

    private static readonly TimeProvider Clock = new FixedClock();

    private static HouseholdFacts ExitedHousehold() => new()
    {
        Status = HouseholdStatus.Exited, Attribute = PovertyAttribute.GeneralExited, IdentifiedYear = 2014, ExitYear = 2017,
        IdentificationStandard = IdentificationStandard.National, MainCause = PovertyCause.Illness, Class321 = Class321.Watch,
    };

    private static MemberFacts Member(string id) => new() { Name = "张三", IdNumber = id, Relationship = Relationship.Head };

    private static string[] Errors<T>(FluentValidation.IValidator<T> v, T value) =>
        v.Validate(value).Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}").ToArray();

    [Fact]
    public void A_complete_exited_household_is_valid() =>
        Assert.Empty(Errors(new HouseholdFactsValidator(Clock), ExitedHousehold()));

    // 建档立卡户 carry a 主要致贫原因; a 监测户 identified from a 一般农户 has none (its risks are in the monitoring case), so
    // its record must still pass (an export of it re-imports).
    [Theory]
    [InlineData(HouseholdStatus.Exited, false)]
    [InlineData(HouseholdStatus.NotExited, false)]
    [InlineData(HouseholdStatus.Monitored, true)]
    [InlineData(HouseholdStatus.Ordinary, true)]
    public void A_main_cause_is_required_of_registered_poor_households_only(HouseholdStatus status, bool validWithout)
    {
        var h = status switch
        {
            HouseholdStatus.NotExited => ExitedHousehold() with { Status = status, Attribute = PovertyAttribute.General, ExitYear = null },
            HouseholdStatus.Exited => ExitedHousehold(),
            _ => new HouseholdFacts { Status = status },
        };
        var errors = Errors(new HouseholdFactsValidator(Clock), h with { MainCause = null });
        Assert.Equal(validWithout, !errors.Any(e => e.StartsWith("MainCause", StringComparison.Ordinal)));
        Assert.DoesNotContain(Errors(new HouseholdFactsValidator(Clock), h with { MainCause = PovertyCause.Illness }), e => e.StartsWith("MainCause", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ExitYear", "脱贫户须填写脱贫年度")]
    [InlineData("Attribute", "脱贫户的属性应为")]
    [InlineData("SecondCause", "不能与主要致贫原因重复")]
    [InlineData("SettlementSite", "须填写安置点")]
    [InlineData("MainCause", "代码表")]
    [InlineData("Phone", "联系电话")]
    [InlineData("IdentifiedYear", "识别年度应在2013至2026年之间")]
    public void Household_errors_name_the_field_in_chinese(string field, string message)
    {
        var h = ExitedHousehold();
        h = field switch
        {
            "ExitYear" => h with { ExitYear = null },
            "Attribute" => h with { Attribute = PovertyAttribute.General },
            "SecondCause" => h with { SecondCause = PovertyCause.Illness },
            "SettlementSite" => h with { IsRelocated = true },
            "MainCause" => h with { MainCause = PovertyCause.Accident }, // a monitoring risk type, not a registry cause
            "Phone" => h with { Phone = "12345" },
            _ => h with { IdentifiedYear = 2027, ExitYear = null },
        };
        Assert.Contains(Errors(new HouseholdFactsValidator(Clock), h), e => e.StartsWith(field) && e.Contains(message));
    }

    [Fact]
    public void Member_id_number_checksum_date_and_consistency_are_checked()
    {
        var v = new MemberFactsValidator(Clock);
        Assert.Empty(Errors(v, Member("11010519491231002X")));
        Assert.Contains(Errors(v, Member("110105194912310021")), e => e.Contains("校验位不符") && !e.Contains("应为", StringComparison.Ordinal));
        Assert.Contains(Errors(v, Member(IdNumberRule.Compose("500151", new DateOnly(2026, 11, 25), 1, Gender.Male))), e => e.Contains("晚于今天"));
        Assert.Contains(Errors(v, Member("11010519491231002X") with { Gender = Gender.Male }), e => e.StartsWith("Gender") && e.Contains("性别与身份证号码不符"));
        Assert.Contains(Errors(v, Member("11010519491231002X") with { BirthDate = new DateOnly(1949, 12, 30) }), e => e.Contains("出生日期与身份证号码不符"));
    }

    [Fact]
    public void Member_dependent_fields_are_required()
    {
        var v = new MemberFactsValidator(Clock);
        var m = Member("11010519491231002X");
        Assert.Contains(Errors(v, m with { HealthStatus = HealthStatus.Disabled }), e => e.Contains("残疾等级"));
        Assert.Contains(Errors(v, m with { WorkStatus = WorkStatus.OutOfProvince }), e => e.Contains("务工时间"));
        Assert.Contains(Errors(v, m with { Ethnicity = "99" }), e => e.Contains("民族"));
        Assert.Contains(Errors(v, m with { Name = "" }), e => e.Contains("请填写姓名"));
    }

    [Fact]
    public void Income_sub_lines_cannot_exceed_their_parent_line()
    {
        var v = new IncomeLinesValidator();
        var ok = new IncomeLines { WageIncome = 10000, PublicWelfareJobIncome = 3000, TransferIncome = 5000, PensionIncome = 2000, DibaoIncome = 3000 };
        Assert.Empty(Errors(v, ok));
        Assert.Contains(Errors(v, ok with { PublicWelfareJobIncome = 10000.01m }), e => e.Contains("不能大于工资性收入"));
        Assert.Contains(Errors(v, ok with { DibaoIncome = 3000.01m }), e => e.Contains("转移性收入应不小于"));
        Assert.Contains(Errors(v, ok with { WageIncome = -1 }), e => e.Contains("应在0至1亿元之间"));
        Assert.Contains(Errors(v, ok with { WageIncome = 1.005m, PublicWelfareJobIncome = 0 }), e => e.Contains("最多保留两位小数"));
    }
}
