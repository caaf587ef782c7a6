using Jingzhun.Web.Modules.Registry;

namespace Jingzhun.Web.Modules.Employment.Rules;

/// <summary>A wage already paid for months of a year (to compare a new payment with).</summary>
public sealed record PaidMonths(int Year, int FromMonth, int ToMonth, DateOnly PaidOn);

/// <summary>乡村公益性岗位 rules (the positions go to 脱贫劳动力 and 监测对象 first). Pure: today is an input.</summary>
public static class WelfareJobRules
{
    /// <summary>A month's pay above this is a typing error (公益性岗位 pay is a few hundred to two thousand yuan a month).</summary>
    public const decimal MaxMonthlyPay = 10_000m;
    public const int FirstYear = 2013;

    /// <summary>公益性岗位 are for the 脱贫人口 and 监测对象: members of 脱贫户 and 监测户.</summary>
    public static bool IsEligible(HouseholdStatus s) => LoanRules.IsEligible(s);

    public static string IneligibleMessage(HouseholdStatus s) =>
        $"公益性岗位安置脱贫人口和监测对象（脱贫户、监测户的成员），该户为{Platform.Localization.Labels.Of(s)}";

    /// <summary>“1–3月”, or “5月” for one month.</summary>
    public static string MonthsText(int from, int to) => from == to ? $"{from}月" : $"{from}–{to}月";

    /// <returns>null when the position's facts are valid, else the field and the Chinese reason.</returns>
    public static (string Field, string Message)? CheckPosition(WelfareJobType type, string? name, decimal monthlyPay, DateOnly establishedOn, DateOnly today)
    {
        if (!Enum.IsDefined(type)) return ("type", "请选择岗位类型");
        if (string.IsNullOrWhiteSpace(name)) return ("name", "请填写岗位名称，如：村道保洁（一组）");
        if (CheckPay(monthlyPay) is { } pay) return pay;
        if (establishedOn == default) return ("establishedOn", "请填写设岗日期");
        if (establishedOn > today) return ("establishedOn", "设岗日期不能晚于今天");
        if (establishedOn.Year < FirstYear) return ("establishedOn", $"设岗日期不能早于{FirstYear}年");
        return null;
    }

    public static (string Field, string Message)? CheckPay(decimal monthlyPay)
    {
        if (monthlyPay <= 0) return ("monthlyPay", "月补贴应大于0元");
        if (monthlyPay > MaxMonthlyPay) return ("monthlyPay", $"月补贴不能超过{MaxMonthlyPay:0}元");
        if (decimal.Round(monthlyPay, 2) != monthlyPay) return ("monthlyPay", "月补贴最多保留两位小数（分）");
        return null;
    }

    /// <summary>上岗 on a day: not before the position was set up, not after today.</summary>
    public static (string Field, string Message)? CheckStart(DateOnly startedOn, DateOnly establishedOn, DateOnly? currentSince, DateOnly today)
    {
        if (startedOn == default) return ("startedOn", "请填写上岗日期");
        if (startedOn > today) return ("startedOn", "上岗日期不能晚于今天");
        if (startedOn < establishedOn) return ("startedOn", $"上岗日期不能早于设岗日期（{establishedOn:yyyy-MM-dd}）");
        if (currentSince is { } since && startedOn <= since) return ("startedOn", $"更换在岗人员时，新的上岗日期应晚于现任上岗日期（{since:yyyy-MM-dd}）");
        return null;
    }

    /// <summary>离岗 on a day (the holder's last day): not before they started, not after today.</summary>
    public static (string Field, string Message)? CheckEnd(DateOnly endedOn, DateOnly heldSince, DateOnly today)
    {
        if (endedOn == default) return ("endedOn", "请填写离岗日期");
        if (endedOn > today) return ("endedOn", "离岗日期不能晚于今天");
        if (endedOn < heldSince) return ("endedOn", $"离岗日期不能早于上岗日期（{heldSince:yyyy-MM-dd}）");
        return null;
    }

    /// <summary>
    /// A wage for months <paramref name="from"/>–<paramref name="to"/> of <paramref name="year"/>: months the holder held the
    /// position (not before their start, not in the future), paid by today, and none of them paid before.
    /// </summary>
    public static (string Field, string Message)? CheckPayment(int year, int from, int to, decimal amount, DateOnly paidOn, DateOnly heldSince,
        IEnumerable<PaidMonths> paid, DateOnly today)
    {
        if (year < FirstYear || year > today.Year) return ("year", $"发放年度应在{FirstYear}至{today.Year}年之间");
        if (from is < 1 or > 12) return ("fromMonth", "起始月份应在1至12月之间");
        if (to is < 1 or > 12) return ("toMonth", "截止月份应在1至12月之间");
        if (to < from) return ("toMonth", "截止月份不能早于起始月份");
        if (year == today.Year && to > today.Month) return ("toMonth", $"不能发放尚未到来的月份（今天是{today.Month}月）");
        if (year < heldSince.Year || (year == heldSince.Year && from < heldSince.Month))
            return ("fromMonth", $"现任人员{heldSince:yyyy年M月}起在岗，不能为此前的月份发放工资");
        if (amount <= 0) return ("amount", "发放金额应大于0元");
        if (decimal.Round(amount, 2) != amount) return ("amount", "发放金额最多保留两位小数（分）");
        if (amount > MaxMonthlyPay * (to - from + 1)) return ("amount", $"发放金额不能超过每月{MaxMonthlyPay:0}元");
        if (paidOn == default) return ("paidOn", "请填写发放日期");
        if (paidOn > today) return ("paidOn", "发放日期不能晚于今天");
        if (paidOn.Year < year) return ("paidOn", $"发放日期不能早于发放年度（{year}年）");
        if (paid.FirstOrDefault(p => p.Year == year && p.FromMonth <= to && from <= p.ToMonth) is { } twice)
            return ("fromMonth", $"该岗位{year}年{MonthsText(twice.FromMonth, twice.ToMonth)}的工资已于{twice.PaidOn:yyyy-MM-dd}发放，请勿重复发放");
        return null;
    }
}
