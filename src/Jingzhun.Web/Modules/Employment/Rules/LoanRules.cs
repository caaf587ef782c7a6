using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Modules.Registry;

namespace Jingzhun.Web.Modules.Employment.Rules;

/// <summary>The terms of a loan as typed (contract): what the rules judge.</summary>
public sealed record LoanTerms(string Bank, string ContractNumber, decimal Amount, DateOnly IssuedOn, DateOnly DueOn, decimal RatePercent,
    decimal SubsidyAmount, SubsidyPayer? SubsidyPayer, LoanUse Use, string? UseNote);

/// <summary>扶贫小额信贷 rules (DOMAIN.md §4, §7). Pure: the policy row and today are inputs.</summary>
public static class LoanRules
{
    /// <summary>脱贫人口小额信贷 serves 脱贫户 and 监测户 only.</summary>
    public static bool IsEligible(HouseholdStatus s) => s is HouseholdStatus.Exited or HouseholdStatus.Monitored;

    public static string IneligibleMessage(HouseholdStatus s) =>
        $"脱贫人口小额信贷仅限脱贫户和监测户，该户为{Platform.Localization.Labels.Of(s)}";

    /// <returns>null when the terms are valid and within the policy, else the field and the Chinese reason.</returns>
    public static (string Field, string Message)? Check(LoanTerms t, MonitoringPolicy p, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(t.Bank)) return ("bank", "请填写放贷银行");
        if (string.IsNullOrWhiteSpace(t.ContractNumber)) return ("contractNumber", "请填写借款合同编号");
        if (t.Amount <= 0) return ("amount", "贷款金额应大于0元");
        if (decimal.Round(t.Amount, 2) != t.Amount) return ("amount", "贷款金额最多保留两位小数（分）");
        if (t.IssuedOn > today) return ("issuedOn", "放款日期不能晚于今天");
        if (t.DueOn <= t.IssuedOn) return ("dueOn", "到期日期应晚于放款日期");
        if (t.RatePercent is < 0 or > 24) return ("ratePercent", "年利率应在0%至24%之间");
        if (t.SubsidyAmount < 0) return ("subsidyAmount", "贴息金额不能为负数");
        if (t.SubsidyAmount > 0 && t.SubsidyPayer is null) return ("subsidyPayer", "有贴息的，请选择贴息资金来源");
        if (!Enum.IsDefined(t.Use)) return ("use", "请选择贷款用途");
        // The policy's limits, exactly as the monitoring measures judge them: the max accepted, a fen above refused.
        return MeasureRules.Microloan(t.Amount, t.IssuedOn, t.DueOn, p) is { } f ? (f.Field == "endDate" ? "dueOn" : f.Field, f.Message) : null;
    }

    /// <summary>A repayment: positive, dated between the issue and today, no more principal than the balance.</summary>
    public static (string Field, string Message)? CheckRepayment(DateOnly paidOn, decimal principal, decimal interest, decimal balance, DateOnly issuedOn, DateOnly today)
    {
        if (paidOn < issuedOn) return ("paidOn", "还款日期不能早于放款日期");
        if (paidOn > today) return ("paidOn", "还款日期不能晚于今天");
        if (principal < 0) return ("principal", "还款本金不能为负数");
        if (interest < 0) return ("interest", "还款利息不能为负数");
        if (decimal.Round(principal, 2) != principal) return ("principal", "还款本金最多保留两位小数（分）");
        if (decimal.Round(interest, 2) != interest) return ("interest", "还款利息最多保留两位小数（分）");
        if (principal == 0 && interest == 0) return ("principal", "请填写还款本金或利息");
        if (principal > balance) return ("principal", $"还款本金不能超过贷款余额{balance:0.00}元");
        return null;
    }

    /// <summary>The status on a day: a loan not repaid after its due date is 逾期.</summary>
    public static LoanStatus StatusOn(LoanStatus stored, DateOnly dueOn, DateOnly today) =>
        stored != LoanStatus.Repaid && today > dueOn ? LoanStatus.Overdue : stored;

    /// <summary>Days past due (0 when not overdue).</summary>
    public static int OverdueDays(LoanStatus stored, DateOnly dueOn, DateOnly today) =>
        stored != LoanStatus.Repaid && today > dueOn ? today.DayNumber - dueOn.DayNumber : 0;

    /// <summary>An overdue loan raises a lead once it is at least this many days overdue (the policy's value).</summary>
    public static bool RaisesLead(LoanStatus stored, DateOnly dueOn, DateOnly today, int leadDays) =>
        OverdueDays(stored, dueOn, today) >= leadDays && OverdueDays(stored, dueOn, today) > 0;
}
