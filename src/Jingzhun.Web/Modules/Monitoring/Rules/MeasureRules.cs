using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Modules.Monitoring.Rules;

/// <summary>Limits on assistance measures (DOMAIN.md §4), from the <see cref="MonitoringPolicy"/> in force. Pure.</summary>
public static class MeasureRules
{
    /// <summary>
    /// 脱贫人口小额信贷: no more than the policy's amount (50,000 yuan) for no more than its years (3): both ends allowed,
    /// a loan from 2024-02-29 may run to 2027-02-28 (the same day three years on, or the month's last day).
    /// </summary>
    /// <returns>null when the loan fits, else the field and the Chinese reason.</returns>
    public static (string Field, string Message)? Microloan(decimal? amount, DateOnly start, DateOnly? end, MonitoringPolicy p)
    {
        if (amount > p.MicroloanMaxAmount) return ("amount", $"脱贫人口小额信贷额度不超过{ChineseNumbers.Format(p.MicroloanMaxAmount, "元")}");
        if (end is { } e && e > start.AddYears(p.MicroloanMaxYears)) return ("endDate", $"脱贫人口小额信贷期限不超过{p.MicroloanMaxYears}年");
        return null;
    }
}
