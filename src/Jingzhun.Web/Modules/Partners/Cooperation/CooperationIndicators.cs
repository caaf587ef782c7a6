using System.ComponentModel.DataAnnotations;
using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Modules.Partners.Cooperation;

/// <summary>东西部协作 (an eastern city or county helps) or 中央单位定点帮扶 (a central unit helps).</summary>
public enum PartnershipKind
{
    [Display(Name = "东西部协作")] EastWest = 1,
    [Display(Name = "定点帮扶")] CentralUnit = 2,
}

public enum PartnershipStatus
{
    [Display(Name = "协作中")] Active = 1,
    [Display(Name = "已结束")] Ended = 2,
}

/// <summary>
/// The indicators of a yearly agreement (协议), as the 东西部协作考核 reads them. Each has a unit; targets, deliveries and
/// completion are one mechanism for all of them (<see cref="CooperationIndicators"/>).
/// </summary>
public enum CooperationIndicator
{
    [Display(Name = "财政援助资金")] FiscalAid = 1,
    [Display(Name = "社会帮扶资金")] SocialAid = 2,
    [Display(Name = "劳务协作：到协作地就业")] LabourInPartnerProvince = 3,
    [Display(Name = "劳务协作：就地就近就业")] LabourAtHome = 4,
    [Display(Name = "消费帮扶：采购")] ConsumptionPurchase = 5,
    [Display(Name = "消费帮扶：帮销")] ConsumptionSales = 6,
    [Display(Name = "选派挂职干部")] SecondedCadres = 7,
    [Display(Name = "选派专业技术人才")] SecondedTechnicians = 8,
    [Display(Name = "产业合作：引进企业")] Enterprises = 9,
    [Display(Name = "产业合作：企业实际投资")] EnterpriseInvestment = 10,
    [Display(Name = "结对学校")] PairedSchools = 11,
    [Display(Name = "结对医院")] PairedHospitals = 12,
}

/// <summary>What an indicator counts in: 万元 (two decimals) or whole people / enterprises / schools.</summary>
public sealed record IndicatorInfo(CooperationIndicator Indicator, string Label, string Unit, bool Money)
{
    /// <summary>A figure of this indicator as shown (万元 with two decimals, counts whole).</summary>
    public string Format(decimal value) => Money ? value.ToString("0.00") : value.ToString("0");
}

public static class CooperationIndicators
{
    public static readonly IReadOnlyList<IndicatorInfo> All = Enum.GetValues<CooperationIndicator>().Select(i => new IndicatorInfo(i, Labels.Of(i), i switch
    {
        CooperationIndicator.FiscalAid or CooperationIndicator.SocialAid or CooperationIndicator.ConsumptionPurchase
            or CooperationIndicator.ConsumptionSales or CooperationIndicator.EnterpriseInvestment => "万元",
        CooperationIndicator.Enterprises => "个",
        CooperationIndicator.PairedSchools or CooperationIndicator.PairedHospitals => "所",
        _ => "人",
    }, i is CooperationIndicator.FiscalAid or CooperationIndicator.SocialAid or CooperationIndicator.ConsumptionPurchase
        or CooperationIndicator.ConsumptionSales or CooperationIndicator.EnterpriseInvestment)).ToList();

    public static IndicatorInfo Of(CooperationIndicator i) => All[(int)i - 1];

    /// <summary>Money received that may have funded projects (资金 indicators link to the projects they paid for).</summary>
    public static bool FundsProjects(CooperationIndicator i) => i is CooperationIndicator.FiscalAid or CooperationIndicator.SocialAid;

    /// <summary>The largest figure accepted for one delivery or target (万元 or count).</summary>
    public const decimal MaxFigure = 10_000_000m;

    /// <summary>A target or delivered figure: not negative, not absurd, 万元 to two decimals, counts whole. Null when fine.</summary>
    public static string? CheckFigure(CooperationIndicator i, decimal value, string what)
    {
        var info = Of(i);
        if (value < 0) return $"{info.Label}的{what}不能为负数";
        if (value > MaxFigure) return $"{info.Label}的{what}过大（不超过{MaxFigure:0}{info.Unit}）";
        if (info.Money && decimal.Round(value, 2) != value) return $"{info.Label}的{what}以万元计，最多两位小数";
        if (!info.Money && decimal.Truncate(value) != value) return $"{info.Label}的{what}应为整数（{info.Unit}）";
        return null;
    }
}

/// <summary>
/// The completion rule of the 东西部协作考核, pure: an indicator with a target above zero is 完成 when what was delivered
/// reaches the target, compared exactly (decimals, unrounded: 99.995 of 100 is not complete, though it shows as 100.0%);
/// the rate is delivered ÷ target, rounded only for display. An indicator without a target (none or 0) is not assessed.
/// </summary>
public static class CompletionRules
{
    public static bool Assessed(decimal? target) => target is > 0;

    public static bool Completed(decimal? target, decimal delivered) => target is > 0 && delivered >= target.Value;

    /// <summary>delivered ÷ target, unrounded; null when the indicator is not assessed.</summary>
    public static decimal? Rate(decimal? target, decimal delivered) => target is > 0 ? delivered / target.Value : null;

    /// <summary>The rate as shown: a percentage with one decimal ("99.9%"); "—" when not assessed.</summary>
    public static string Display(decimal? rate) => rate is { } r ? decimal.Round(r * 100, 1, MidpointRounding.AwayFromZero).ToString("0.0") + "%" : "—";

    /// <summary>
    /// The figure that counts for an indicator: for a derived indicator (劳务协作 from employment records) the derived
    /// count replaces the manual deliveries as soon as there is one record (derived &gt; 0); else the manual sum.
    /// </summary>
    public static (decimal Delivered, bool DerivedCounted) Counted(decimal manual, decimal? derived) =>
        derived is > 0 ? (derived.Value, true) : (manual, false);
}
