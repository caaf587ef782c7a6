using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Policies;

namespace Jingzhun.Web.Modules.Employment.ConfigurePolicy;

public sealed record EmploymentPolicyValues(
    [property: PolicyField("小额信贷逾期预警天数", 1, 365, Unit = "天", Hint = "贷款逾期达到此天数即生成风险线索")] int LoanOverdueLeadDays,
    [property: PolicyField("务工中断预警天数", 1, 365, Unit = "天", Hint = "务工结束后达到此天数仍无新的务工记录即生成风险线索")] int JoblessLeadDays);

/// <summary>The employment and microcredit warnings per province and year (issue 13).</summary>
public sealed class EmploymentPolicyTable : PolicyTable<EmploymentPolicy, EmploymentPolicyValues, ProvincePolicyView<EmploymentPolicyValues>>
{
    public override string Key => "employment";
    public override string Title => "就业帮扶与小额信贷预警";
    public override string Description => "小额信贷逾期多少天、务工中断多少天生成防返贫监测风险线索。贷款额度和期限见防返贫监测标准。";
    public override string DefaultName => "全国默认";
    public override int FirstYear => 2021;
    public override string YearMessage => "年度应不早于2021年";
    public override PolicyApi Api => new("/employment/policies", "就业与小额信贷", Permissions.MonitoringView, "就业帮扶与小额信贷预警参数（按省、年度）",
        "设置某省某年度起的预警参数（province=national 为全国默认）");

    public override IEnumerable<EmploymentPolicy> Defaults() => [EmploymentPolicy.Default(FirstYear)];
    public override EmploymentPolicy Fallback(int year) => EmploymentPolicy.Default(year);
    public override ProvincePolicyView<EmploymentPolicyValues> View(EmploymentPolicy row) => new(row.ProvinceCode, row.Year, ValuesOf(row), row.Version);
}
