using FluentValidation;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Problems;

namespace Jingzhun.Web.Modules.Guarantees.ConfigurePolicy;

/// <summary>The thresholds of one province (or "national") from one year on.</summary>
public sealed record GuaranteePolicyValues(
    [property: PolicyField("义务教育起始年龄", 5, 8, Unit = "岁")] int SchoolAgeFrom,
    [property: PolicyField("义务教育截止年龄", 14, 18, Unit = "岁")] int SchoolAgeTo,
    [property: PolicyField("安全住房等级", Hint = "A、B、C、D 中的一个或多个，用逗号分隔")]
    [property: Text(20, "安全住房等级", typeof(GuaranteePolicy), nameof(GuaranteePolicy.SafeHousingGrades))] string SafeHousingGrades,
    [property: PolicyField("人均日供水量标准", 10, 200, Unit = "升")] decimal WaterLitresPerPersonDay,
    [property: PolicyField("缺水地区人均日供水量标准", 5, 200, Unit = "升")] decimal WaterLitresPerPersonDayShortArea,
    [property: PolicyField("取水往返时间", 5, 120, Unit = "分钟")] int WaterFetchMinutes,
    [property: PolicyField("取水水平距离", 100, 5000, Unit = "米")] int WaterHorizontalMetres,
    [property: PolicyField("取水垂直距离", 10, 500, Unit = "米")] int WaterVerticalMetres,
    [property: PolicyField("年断水天数上限", 0, 120, Unit = "天")] int WaterCutoffDaysPerYear,
    [property: PolicyField("紧急问题整改时限", 1, 365, Unit = "天")] int DeadlineDaysUrgent,
    [property: PolicyField("一般问题整改时限", 1, 365, Unit = "天")] int DeadlineDaysNormal,
    [property: PolicyField("轻微问题整改时限", 1, 365, Unit = "天")] int DeadlineDaysMinor);

/// <summary>The rules beyond the fields' ranges.</summary>
public sealed class GuaranteePolicyValuesValidator : AbstractValidator<GuaranteePolicyValues>
{
    public GuaranteePolicyValuesValidator()
    {
        RuleFor(v => v.SafeHousingGrades).Must(g => GuaranteePolicy.Grades(g ?? "") is { Count: > 0 } parts && parts.All(p => p is "A" or "B" or "C" or "D"))
            .WithMessage("安全住房等级应为 A、B、C、D 中的一个或多个，用逗号分隔");
        RuleFor(v => v.WaterLitresPerPersonDayShortArea).LessThanOrEqualTo(v => v.WaterLitresPerPersonDay).WithMessage("缺水地区标准不应高于一般地区标准");
    }
}

/// <summary>The 两不愁三保障 policy table: per province and year; a user sets only their own province (or, nationally, any).</summary>
public sealed class GuaranteePolicyTable : PolicyTable<GuaranteePolicy, GuaranteePolicyValues, ProvincePolicyView<GuaranteePolicyValues>>
{
    public override string Key => "guarantees";
    public override string Title => "两不愁三保障研判参数";
    public override string Description => "义务教育年龄、安全住房等级、饮水安全标准和问题整改时限；修改后请发起重新研判。";
    public override string DefaultName => "全国默认值";
    public override int FirstYear => 2013;
    public override PolicyApi Api => new("/guarantees/policies", "两不愁三保障", Permissions.GuaranteesView, "两不愁三保障研判参数（按省、年度）",
        "设置某省某年度起的研判参数（province=national 为全国默认值；修改后请发起重新研判）");

    public override IEnumerable<GuaranteePolicy> Defaults() => [GuaranteePolicy.NationalDefault(2021)];
    public override GuaranteePolicy Fallback(int year) => GuaranteePolicy.NationalDefault(year);
    public override ProvincePolicyView<GuaranteePolicyValues> View(GuaranteePolicy row) => new(row.ProvinceCode, row.Year, ValuesOf(row), row.Version);

    public override GuaranteePolicyValues Normalize(GuaranteePolicyValues values) =>
        values with { SafeHousingGrades = string.Join(',', GuaranteePolicy.Grades(values.SafeHousingGrades).Order()) };
}
