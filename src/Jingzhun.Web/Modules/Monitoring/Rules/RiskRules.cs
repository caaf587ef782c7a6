using System.ComponentModel.DataAnnotations;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Modules.Monitoring.Rules;

/// <summary>Why the sweep raised a lead; at most one open lead per household and reason.</summary>
public enum RiskReason
{
    [Display(Name = "人均纯收入低于监测范围")] IncomeBelowThreshold = 1,
    [Display(Name = "人均纯收入接近监测范围")] IncomeNearThreshold = 2,
    [Display(Name = "收入大幅下降")] IncomeDrop = 3,
    [Display(Name = "合规自付支出较大")] HighOutOfPocket = 4,
    [Display(Name = "脱贫户存在两不愁三保障问题")] GuaranteeProblem = 5,
    /// <summary>A member's job ended with no new one (raised by the employment module's sweep).</summary>
    [Display(Name = "因务工就业不稳")] UnstableEmployment = 6,
    /// <summary>A 小额信贷 loan overdue (raised by the employment module's sweep): 金融 / 因产业项目失败.</summary>
    [Display(Name = "小额信贷逾期")] LoanOverdue = 7,
}

public sealed record IncomePoint(int Year, decimal PerCapitaNetIncome, decimal AllowableOutOfPocket, int HouseholdSize);

public sealed record RiskInput(HouseholdStatus Status, IReadOnlyList<IncomePoint> Incomes, int OpenGuaranteeProblems);

public sealed record RiskFinding(RiskReason Reason, string Detail);

/// <summary>
/// The system's own risk sweep (DOMAIN.md §4): pure, the policy row for the income year is an input. Judges the
/// latest income year; thresholds are inclusive ("within the range" = at or below the threshold).
/// </summary>
public static class RiskRules
{
    public static IReadOnlyList<RiskFinding> Sweep(RiskInput h, Func<int, MonitoringPolicy> policyFor)
    {
        var findings = new List<RiskFinding>();
        var latest = h.Incomes.OrderByDescending(i => i.Year).FirstOrDefault();
        if (latest is not null)
        {
            var p = policyFor(latest.Year);
            var income = latest.PerCapitaNetIncome;
            var band = p.NearBandTop;
            if (income <= p.Threshold)
                findings.Add(new(RiskReason.IncomeBelowThreshold, $"{latest.Year}年人均纯收入{income:0.##}元，不高于监测范围{p.Threshold:0.##}元"));
            else if (income <= band)
                findings.Add(new(RiskReason.IncomeNearThreshold,
                    $"{latest.Year}年人均纯收入{income:0.##}元，在监测范围{p.Threshold:0.##}元以上{p.NearBand:P0}以内（{band:0.####}元）"));
            var previous = h.Incomes.FirstOrDefault(i => i.Year == latest.Year - 1);
            if (previous is { PerCapitaNetIncome: > 0 })
            {
                // Compared exactly (fall > trigger × previous); the share is only for the text.
                var fall = previous.PerCapitaNetIncome - income;
                var drop = fall / previous.PerCapitaNetIncome;
                if (fall > p.IncomeDropTrigger * previous.PerCapitaNetIncome)
                    findings.Add(new(RiskReason.IncomeDrop,
                        $"人均纯收入由{previous.Year}年{previous.PerCapitaNetIncome:0.##}元降至{latest.Year}年{income:0.##}元，下降{drop:P1}（超过{p.IncomeDropTrigger:P0}）"));
            }
            if (p.IsHighOutOfPocket(latest.AllowableOutOfPocket, h.Status))
                findings.Add(new(RiskReason.HighOutOfPocket,
                    $"{latest.Year}年合规自付支出{latest.AllowableOutOfPocket:0.##}元，达到{Labels.Of(h.Status)}预警线{p.OutOfPocketTrigger(h.Status):0.##}元"));
        }
        if (h.Status == HouseholdStatus.Exited && h.OpenGuaranteeProblems > 0)
            findings.Add(new(RiskReason.GuaranteeProblem, $"脱贫户有{h.OpenGuaranteeProblems}个未清零的两不愁三保障问题"));
        return findings;
    }
}
