using FluentValidation;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Partners.Consumption;

/// <summary>
/// 消费帮扶目标 of a county for a year: the sales of its recognised products it means to reach (万元). The default row's 0
/// says "no target set"; a county without its own row keeps the latest earlier one.
/// </summary>
[Platform.Data.NotScoped("a county's target (or the default), read by every region under it")]
public sealed class ConsumptionTargetPolicy : CountyPolicyRow
{
    public const decimal MaxTarget = 10_000_000m;

    /// <summary>消费帮扶目标 (万元); 0 = none set.</summary>
    public decimal SalesTargetWan { get; set; }

    public static ConsumptionTargetPolicy Default(int year) => new() { CountyCode = "", Year = year, SalesTargetWan = 0m };

    protected override string AuditTitle => "消费帮扶目标";
}

public sealed class ConsumptionTargetPolicyConfiguration : IEntityTypeConfiguration<ConsumptionTargetPolicy>
{
    public void Configure(EntityTypeBuilder<ConsumptionTargetPolicy> builder) => builder.IsPolicyTable("consumption_target_policies");
}

public sealed record ConsumptionTargetValues(
    [property: PolicyField("消费帮扶目标", 0, 10_000_000, Unit = "万元", Hint = "当年本区县认定帮扶产品的销售额目标；填 0 表示未设目标")]
    decimal SalesTargetWan);

public sealed class ConsumptionTargetValuesValidator : AbstractValidator<ConsumptionTargetValues>
{
    public ConsumptionTargetValuesValidator() =>
        RuleFor(v => v.SalesTargetWan).InclusiveBetween(0m, ConsumptionTargetPolicy.MaxTarget).WithMessage("消费帮扶目标应在0至10000000万元之间");
}

/// <summary>消费帮扶目标 per county and year (issue 15); a county admin sets their county's, a national admin the default.</summary>
public sealed class ConsumptionTargetPolicyTable : PolicyTable<ConsumptionTargetPolicy, ConsumptionTargetValues, CountyPolicyView<ConsumptionTargetValues>>
{
    /// <summary>铜梁区 (the demo county): 150 万元 a year from 2021.</summary>
    public const string SeededCounty = "500151";
    public const decimal SeededTargetWan = 150m;

    public override string Key => "consumption-targets";
    public override string Title => "消费帮扶目标";
    public override string Description => "各区县当年消费帮扶（认定帮扶产品销售额）目标；未设当年目标的区县沿用此前最近一年的目标，默认 0 表示未设目标。消费帮扶统计的完成率 = 销售额 ÷ 目标。";
    public override string DefaultName => "默认（未设目标）";
    public override int FirstYear => 2021;
    public override string YearMessage => "年度应不早于2021年";
    public override PolicyApi Api => new("/partners/consumption/targets", "消费帮扶", Permissions.PartnersView, "消费帮扶目标（按区县、年度）",
        "设置某区县某年度的消费帮扶目标（万元；county=default 为默认值，0 表示未设目标）");

    public override IEnumerable<ConsumptionTargetPolicy> Defaults() =>
        [ConsumptionTargetPolicy.Default(FirstYear), new() { CountyCode = SeededCounty, Year = FirstYear, SalesTargetWan = SeededTargetWan }];
    public override ConsumptionTargetPolicy Fallback(int year) => ConsumptionTargetPolicy.Default(year);
    public override CountyPolicyView<ConsumptionTargetValues> View(ConsumptionTargetPolicy row) => new(row.CountyCode, row.Year, ValuesOf(row), row.Version);
}
