using Jingzhun.Web.Modules.DataMatching.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.DataMatching;

/// <summary>
/// 大数据比对规则 of a province ("" = national default) from a year on: the thresholds of the rules and how long the village has to
/// verify each kind of 疑点. Seeded with DOMAIN.md §6's example county rules.
/// </summary>
[Platform.Data.NotScoped("policy values per province, read by every region under it")]
public sealed class MatchingPolicy : ProvincePolicyRow
{
    public decimal MedicalExited { get; set; } = MatchThresholds.Example.MedicalExited;
    public decimal MedicalOther { get; set; } = MatchThresholds.Example.MedicalOther;
    public decimal EducationCost { get; set; } = MatchThresholds.Example.EducationCost;
    public decimal VehicleValue { get; set; } = MatchThresholds.Example.VehicleValue;
    public decimal DisasterLoss { get; set; } = MatchThresholds.Example.DisasterLoss;
    public int EligibilityDays { get; set; } = MatchThresholds.Example.EligibilityDays;
    public int RiskDays { get; set; } = MatchThresholds.Example.RiskDays;
    public int ProblemDays { get; set; } = MatchThresholds.Example.ProblemDays;
    public int CorrectionDays { get; set; } = MatchThresholds.Example.CorrectionDays;

    public MatchThresholds Thresholds => new(MedicalExited, MedicalOther, EducationCost, VehicleValue, DisasterLoss, EligibilityDays, RiskDays, ProblemDays,
        CorrectionDays);

    public static MatchingPolicy Default(int year) => new() { ProvinceCode = "", Year = year };

    protected override string AuditTitle => "大数据比对规则";
}

public sealed class MatchingPolicyConfiguration : IEntityTypeConfiguration<MatchingPolicy>
{
    public void Configure(EntityTypeBuilder<MatchingPolicy> builder)
    {
        builder.IsPolicyTable("matching_policies");
        foreach (var p in new[] { nameof(MatchingPolicy.MedicalExited), nameof(MatchingPolicy.MedicalOther), nameof(MatchingPolicy.EducationCost),
                     nameof(MatchingPolicy.VehicleValue), nameof(MatchingPolicy.DisasterLoss) })
            builder.Property<decimal>(p).HasPrecision(12, 2);
    }
}

public sealed record MatchingPolicyValues(
    [property: PolicyField("医保住院自付预警线（脱贫人口和监测对象）", 0, 1_000_000, Unit = "元", Hint = "本年度住院自付达到此数即为疑点")] decimal MedicalExited,
    [property: PolicyField("医保住院自付预警线（其他农户）", 0, 1_000_000, Unit = "元")] decimal MedicalOther,
    [property: PolicyField("教育自付费用预警线", 0, 1_000_000, Unit = "元", Hint = "高中、中职阶段本年度自付超过此数即为疑点")] decimal EducationCost,
    [property: PolicyField("车辆价值限额", 0, 10_000_000, Unit = "元", Hint = "建档立卡户成员车辆价值达到此数即为识别疑点")] decimal VehicleValue,
    [property: PolicyField("灾情损失预警线", 0, 10_000_000, Unit = "元")] decimal DisasterLoss,
    [property: PolicyField("识别/退出资格疑点核实期限", 1, 90, Unit = "天")] int EligibilityDays,
    [property: PolicyField("风险预警疑点核实期限", 1, 30, Unit = "天", Hint = "核实属实后转为风险线索，认定时限从线索起算")] int RiskDays,
    [property: PolicyField("两不愁三保障问题疑点核实期限", 1, 30, Unit = "天")] int ProblemDays,
    [property: PolicyField("死亡减员疑点核实期限", 1, 90, Unit = "天")] int CorrectionDays);

public sealed class MatchingPolicyTable : PolicyTable<MatchingPolicy, MatchingPolicyValues, ProvincePolicyView<MatchingPolicyValues>>
{
    public override string Key => "matching";
    public override string Title => "大数据比对规则";
    public override string Description => "部门数据比对的预警线、限额和各类疑点的核实期限（按省、年度）。";
    public override string DefaultName => "全国默认";
    public override int FirstYear => 2021;
    public override string YearMessage => "年度应不早于2021年";
    public override PolicyApi Api => new("/matching/policies", "大数据比对", Permissions.MatchingView, "大数据比对规则（按省、年度）",
        "设置某省某年度起的比对预警线和核实期限（province=national 为全国默认）");

    public override IEnumerable<MatchingPolicy> Defaults() => [MatchingPolicy.Default(FirstYear)];
    public override MatchingPolicy Fallback(int year) => MatchingPolicy.Default(year);
    public override ProvincePolicyView<MatchingPolicyValues> View(MatchingPolicy row) => new(row.ProvinceCode, row.Year, ValuesOf(row), row.Version);
}
