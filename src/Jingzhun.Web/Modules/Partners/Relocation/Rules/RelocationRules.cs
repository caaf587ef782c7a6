using System.ComponentModel.DataAnnotations;

namespace Jingzhun.Web.Modules.Partners.Relocation.Rules;

/// <summary>How a goal of a relocated household stands.</summary>
public enum GoalState
{
    [Display(Name = "已达成")] Met = 1,
    [Display(Name = "未达成")] Unmet = 2,
    [Display(Name = "不适用")] NotApplicable = 3,
}

/// <summary>One line of the 稳得住、有就业、逐步能致富 checklist.</summary>
public sealed record GoalCheck(string Goal, string Item, GoalState State, string Basis);

/// <summary>What the checklist of one household is computed from.</summary>
public sealed record FollowUpFacts(bool KeysReceived, bool PropertyCertificateIssued, bool HukouMoved, int Labour, int Employed,
    bool HasIndustrySupport, decimal? LatestPerCapitaIncome, decimal? PreviousPerCapitaIncome);

public sealed record RuleError(string Field, string Message);

/// <summary>易地搬迁后续扶持 rules: pure, no I/O, no clock.</summary>
public static class RelocationRules
{
    public const int FirstRelocationYear = 2001;

    /// <summary>大型安置点: at least the policy's number of people (compared exactly: 800 is large, 799 is not).</summary>
    public static bool IsLarge(int people, int largeSitePeople) => people >= largeSitePeople;

    /// <summary>就业率 = employed ÷ labour, unrounded (null without labour); pages round it for display only.</summary>
    public static decimal? Rate(int part, int whole) => whole > 0 ? (decimal)part / whole : null;

    /// <summary>
    /// 稳得住 (入住、产权、户籍), 有就业 (有劳动力的搬迁家庭至少一人就业, 国家发展改革委2021年后续扶持指导意见), 逐步能致富
    /// (产业帮扶, 收入增长).
    /// </summary>
    public static IReadOnlyList<GoalCheck> Checklist(FollowUpFacts f) =>
    [
        new("稳得住", "已入住安置房", f.KeysReceived ? GoalState.Met : GoalState.Unmet, f.KeysReceived ? "户籍档案：已领取安置房钥匙" : "户籍档案：尚未领取安置房钥匙"),
        new("稳得住", "不动产权证已办理", f.PropertyCertificateIssued ? GoalState.Met : GoalState.Unmet, "后续扶持档案"),
        new("稳得住", "户籍已迁入安置地", f.HukouMoved ? GoalState.Met : GoalState.Unmet, "后续扶持档案"),
        new("有就业", "有劳动力的家庭至少一人就业",
            f.Labour == 0 ? GoalState.NotApplicable : f.Employed > 0 ? GoalState.Met : GoalState.Unmet,
            f.Labour == 0 ? "家庭无劳动力" : $"劳动力 {f.Labour} 人，务工 {f.Employed} 人"),
        new("逐步能致富", "享受到户产业发展资金", f.HasIndustrySupport ? GoalState.Met : GoalState.Unmet, "后续扶持档案"),
        new("逐步能致富", "人均纯收入较上年增长", IncomeState(f.LatestPerCapitaIncome, f.PreviousPerCapitaIncome),
            f.LatestPerCapitaIncome is { } now && f.PreviousPerCapitaIncome is { } before ? $"{before:0.##} 元 → {now:0.##} 元" : "缺少连续两年的收入记录"),
    ];

    private static GoalState IncomeState(decimal? latest, decimal? previous) =>
        latest is { } now && previous is { } before ? (now > before ? GoalState.Met : GoalState.Unmet) : GoalState.NotApplicable;

    public static RuleError? CheckSite(SiteFacts f, int thisYear)
    {
        if (string.IsNullOrWhiteSpace(f.Name)) return new("name", "请填写安置点名称");
        if (!Enum.IsDefined(f.Kind)) return new("kind", "安置方式无效，可选：城镇集中安置、集镇集中安置、中心村集中安置、分散安置");
        if (f.BuiltYear is { } y && (y < FirstRelocationYear || y > thisYear)) return new("builtYear", $"建成年份应在{FirstRelocationYear}年至{thisYear}年之间");
        return null;
    }

    public static RuleError? CheckRelocatedYear(int? year, int thisYear) =>
        year is { } y && (y < FirstRelocationYear || y > thisYear) ? new("relocatedYear", $"搬迁年份应在{FirstRelocationYear}年至{thisYear}年之间") : null;

    /// <summary>One support: a defined kind, a year not in the future, an amount above zero and at most 100 万元, paid within its year or later.</summary>
    public static RuleError? CheckSupport(SupportKind kind, int year, decimal amount, DateOnly? paidOn, DateOnly today)
    {
        if (!Enum.IsDefined(kind)) return new("kind", "扶持类型无效，可选：到户产业发展资金、水费补贴、电费补贴、取暖补贴、其他生活补贴");
        if (year < FirstRelocationYear || year > today.Year) return new("year", $"扶持年度应在{FirstRelocationYear}年至{today.Year}年之间");
        if (amount <= 0) return new("amount", "金额应大于0");
        if (amount > 1_000_000m) return new("amount", "金额不能超过100万元");
        if (decimal.Round(amount, 2) != amount) return new("amount", "金额最多两位小数");
        if (paidOn is { } d && d > today) return new("paidOn", "发放日期不能晚于今天");
        if (paidOn is { } p && p.Year < year) return new("paidOn", "发放日期不能早于扶持年度");
        return null;
    }
}
