using FluentValidation;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Monitoring.ConfigurePolicy;

/// <summary>The monitoring values of a province ("national" = the national floor) from a year on; ratios are fractions (0.10 = 10%).</summary>
public sealed record MonitoringPolicyValues(
    [property: PolicyField("监测范围（人均纯收入）", 2300, 50000, Unit = "元")] decimal Threshold,
    [property: PolicyField("临界浮动比例", 0, 0.5, Hint = "0.10 表示高出监测范围10%以内")] decimal NearBand,
    [property: PolicyField("收入下降预警比例", 0.05, 0.9, Hint = "0.30 表示比上年下降30%以上")] decimal IncomeDropTrigger,
    [property: PolicyField("合规自付支出预警线（脱贫户、监测户）", 0, 1_000_000, Unit = "元", Hint = "当年合规自付支出达到此数即预警")] decimal OutOfPocketTriggerExited,
    [property: PolicyField("合规自付支出预警线（其他农户）", 0, 1_000_000, Unit = "元", Hint = "当年合规自付支出达到此数即预警")] decimal OutOfPocketTriggerOther,
    [property: PolicyField("认定时限", 1, 60, Unit = "天")] int DecisionDays,
    [property: PolicyField("公示天数", 5, 30, Unit = "天", Message = "村级公示不少于5天，不超过30天")] int PublicityDays,
    [property: PolicyField("风险消除最短监测月数", 1, 36, Unit = "个月")] int EliminationMinMonths,
    [property: PolicyField("风险消除最少帮扶措施数", 1, 10, Unit = "项")] int EliminationMinMeasures,
    [property: PolicyField("收入稳定高于监测范围月数", 1, 36, Unit = "个月", Hint = "原则上不少于半年；一年的收入记录计12个月")] int EliminationStableMonths,
    [property: PolicyField("小额信贷额度上限", 10_000, 1_000_000, Unit = "元")] decimal MicroloanMaxAmount,
    [property: PolicyField("小额信贷期限上限", 1, 10, Unit = "年")] int MicroloanMaxYears);

/// <summary>The rules beyond the fields' ranges: ratios in whole percentage points.</summary>
public sealed class MonitoringPolicyValuesValidator : AbstractValidator<MonitoringPolicyValues>
{
    public MonitoringPolicyValuesValidator()
    {
        RuleFor(v => v.NearBand).Must(v => decimal.Round(v, 2) == v).WithMessage("临界浮动比例按整百分点设置（如 0.10 表示10%）");
        RuleFor(v => v.IncomeDropTrigger).Must(v => decimal.Round(v, 2) == v).WithMessage("收入下降预警比例按整百分点设置（如 0.30 表示30%）");
    }
}

/// <summary>The 防返贫监测 standards (DOMAIN.md §4): per province and year, never below the national floor of the year.</summary>
public sealed class MonitoringPolicyTable : PolicyTable<MonitoringPolicy, MonitoringPolicyValues, ProvincePolicyView<MonitoringPolicyValues>>
{
    public override string Key => "monitoring";
    public override string Title => "防返贫监测标准";
    public override string Description => "监测范围、预警线、认定与公示时限和风险消除条件；省级监测范围不得低于全国底线。";
    public override string DefaultName => "全国底线";
    public override int FirstYear => 2021;
    /// <summary>Each province sets its 监测范围 each year (e.g. 云南 8,050 yuan in 2023, 8,700 in 2025).</summary>
    public override bool SetEachYear => true;
    public override string YearMessage => "防返贫监测自2021年起实施，年度应不早于2021年";
    public override PolicyApi Api => new("/monitoring/policies", "防返贫监测", Permissions.MonitoringView, "防返贫监测标准（按省、年度）",
        "设置某省某年度起的监测标准（如云南2023年8050元；province=national 为全国底线）");

    /// <summary>
    /// The values the policy texts give (DOMAIN.md §4): the 2021 national floor (6,000 yuan, 1.5× the poverty line) and
    /// 云南's ranges of 2023 (8,050) and 2025 (8,700). The national floors of later years are not in the texts: the page
    /// shows the 2021 floor carried forward until an administrator sets them.
    /// </summary>
    public override IEnumerable<MonitoringPolicy> Defaults() =>
    [
        MonitoringPolicy.NationalFloor(2021),
        new() { ProvinceCode = "53", Year = 2023, Threshold = 8050m },
        new() { ProvinceCode = "53", Year = 2025, Threshold = 8700m },
    ];
    public override MonitoringPolicy Fallback(int year) => MonitoringPolicy.NationalFloor(year);
    public override ProvincePolicyView<MonitoringPolicyValues> View(MonitoringPolicy row) => new(row.ProvinceCode, row.Year, ValuesOf(row), row.Version);

    /// <summary>The national floor binds the provinces: a province sets its range at or above it.</summary>
    public override async Task<Failure?> CheckAsync(IQueryable<MonitoringPolicy> rows, string code, int year, MonitoringPolicyValues values, CancellationToken ct)
    {
        if (code == "") return null;
        var floor = await rows.Where(p => p.ProvinceCode == "" && p.Year <= year)
            .OrderByDescending(p => p.Year).Select(p => (decimal?)p.Threshold).FirstOrDefaultAsync(ct);
        return floor is { } f && values.Threshold < f ? Failure.Invalid("threshold", $"省级监测范围不能低于全国底线{f:0.##}元") : null;
    }
}
