using System.ComponentModel.DataAnnotations;
using Jingzhun.Web.Modules.Registry;

namespace Jingzhun.Web.Modules.Monitoring.Rules;

/// <summary>The three kinds of monitoring object (DOMAIN.md §4).</summary>
public enum MonitoringKind
{
    [Display(Name = "脱贫不稳定户")] UnstableExited = 1,
    [Display(Name = "边缘易致贫户")] EdgeProne = 2,
    [Display(Name = "突发严重困难户")] SevereHardship = 3,
}

/// <summary>Checks a decision's kind against the household's status before monitoring and its latest income.</summary>
public static class KindRules
{
    /// <returns>null when the kind fits, else the Chinese reason it does not.</returns>
    public static string? Check(MonitoringKind kind, HouseholdStatus statusBefore, decimal? latestIncome, MonitoringPolicy p) => kind switch
    {
        MonitoringKind.UnstableExited when statusBefore != HouseholdStatus.Exited =>
            "脱贫不稳定户须为脱贫户；一般农户请认定为边缘易致贫户或突发严重困难户",
        MonitoringKind.EdgeProne when statusBefore != HouseholdStatus.Ordinary =>
            "边缘易致贫户须为一般农户；脱贫户请认定为脱贫不稳定户或突发严重困难户",
        MonitoringKind.UnstableExited or MonitoringKind.EdgeProne when latestIncome is null =>
            "缺少收入记录，无法判断是否在监测范围内，请先录入收入",
        MonitoringKind.UnstableExited or MonitoringKind.EdgeProne when latestIncome > p.Threshold =>
            $"人均纯收入{latestIncome:0.##}元高于监测范围{p.Threshold:0.##}元：如因病因灾因意外导致基本生活严重困难，请认定为突发严重困难户",
        MonitoringKind.SevereHardship when latestIncome is not null && latestIncome <= p.Threshold =>
            $"人均纯收入{latestIncome:0.##}元在监测范围{p.Threshold:0.##}元以内，应认定为{(statusBefore == HouseholdStatus.Exited ? "脱贫不稳定户" : "边缘易致贫户")}",
        _ when !Enum.IsDefined(kind) => "监测对象类型无效",
        _ => null,
    };
}
