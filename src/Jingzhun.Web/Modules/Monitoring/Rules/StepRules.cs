using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Problems;

namespace Jingzhun.Web.Modules.Monitoring.Rules;

/// <summary>
/// The checks on one identification step's form (入户核查 … 县级审定 and the 风险消除 steps): pure, today and the
/// policy row are inputs. Each answers null when the fields are complete, else the failure naming the first wrong field.
/// What the household's records say about a kind is <see cref="KindRules"/>; where a step leads is
/// <see cref="MonitoringCase.Transitions"/>.
/// </summary>
public static class StepRules
{
    /// <summary>A text worth recording: trimmed, at least <paramref name="min"/> characters; else null.</summary>
    public static string? Text(string? s, int min = 2) => string.IsNullOrWhiteSpace(s) || s.Trim().Length < min ? null : s.Trim();

    /// <summary>A step's date: given, and not after today.</summary>
    public static Failure? Dated(DateOnly? d, DateOnly today, string field, string label) =>
        d is null ? Failure.Invalid(field, $"请填写{label}") : d > today ? Failure.Invalid(field, $"{label}不能晚于今天") : null;

    /// <summary>
    /// Where a step may start at the earliest: the day the lead was raised, or the day of the step it follows if later
    /// (<see cref="What"/> names that day in the message).
    /// </summary>
    public sealed record Earliest(DateOnly Day, string What);

    /// <summary>A recorded step's day: its form's date (a publicity's end), or for 启动风险消除 the day it was recorded.</summary>
    public sealed record StepDay(CaseStep Step, DateOnly Day);

    /// <summary>
    /// The earliest day the next step may be dated: not before the lead (the 15-day clock's start), nor before the
    /// latest day of the steps already recorded in this procedure. Undated steps (信息比对, 审核, 审定) add no day.
    /// </summary>
    public static Earliest EarliestNext(DateOnly leadDay, IEnumerable<StepDay> recorded)
    {
        var earliest = new Earliest(leadDay, "风险线索提出日期");
        foreach (var s in recorded)
            if (s.Day >= earliest.Day) earliest = new Earliest(s.Day, DayName(s.Step));
        return earliest;
    }

    private static string DayName(CaseStep step) => step switch
    {
        CaseStep.Visit => "入户核查日期",
        CaseStep.Consent => "承诺授权日期",
        CaseStep.Appraisal => "民主评议日期",
        CaseStep.EliminationAppraisal => "风险消除民主评议日期",
        CaseStep.Publicity or CaseStep.EliminationPublicity => "公示结束日期",
        CaseStep.StartElimination => "启动风险消除日期",
        _ => "上一步骤日期",
    };

    /// <summary>A step's date not before <paramref name="earliest"/> (none given: not checked).</summary>
    public static Failure? NotBefore(DateOnly? d, Earliest? earliest, string field, string label) =>
        d is { } day && earliest is { } e && day < e.Day ? Failure.Invalid(field, $"{label}不能早于{e.What}（{e.Day:yyyy-MM-dd}）") : null;

    /// <summary>Risk types are the twelve causes plus the three monitoring-only ones; at least one.</summary>
    public static bool AreRiskTypes(IReadOnlyList<PovertyCause>? risks) => risks is { Count: > 0 } && risks.All(Enum.IsDefined);

    /// <summary>入户核查: the date (not before the lead) and what was found (at least 4 characters).</summary>
    public static Failure? Visit(DateOnly? date, string? findings, DateOnly today, Earliest? earliest = null) =>
        Dated(date, today, "date", "核查日期") ?? NotBefore(date, earliest, "date", "核查日期")
        ?? (Text(findings, 4) is null ? Failure.Invalid("findings", "请填写入户核查情况（至少4个字）") : null);

    /// <summary>承诺授权: the day the household signed (not before the 入户核查) and the stored scan of what it signed.</summary>
    public static Failure? Consent(DateOnly? date, string? scanFileId, DateOnly today, Earliest? earliest = null) =>
        Dated(date, today, "date", "签署日期") ?? NotBefore(date, earliest, "date", "签署日期")
        ?? (string.IsNullOrWhiteSpace(scanFileId) ? Failure.Invalid("scanFileId", "请上传户主签字的承诺书和授权书扫描件") : null);

    /// <summary>信息比对: the departments' answer, or "暂无" when none came.</summary>
    public static string ComparisonResult(string? findings) => Text(findings) ?? "暂无部门比对数据";

    /// <summary>
    /// 民主评议 (or the 风险消除 one): date, participants, result; an agreed identification proposes a kind and its
    /// risks, a refusal gives its reason.
    /// </summary>
    public static Failure? Appraisal(DateOnly? date, int? participants, bool? agreed, MonitoringKind? kind, IReadOnlyList<PovertyCause>? risks,
        string? reason, bool elimination, DateOnly today, Earliest? earliest = null)
    {
        if ((Dated(date, today, "date", "评议日期") ?? NotBefore(date, earliest, "date", "评议日期")) is { } f) return f;
        if (participants is not > 0) return Failure.Invalid("participants", "请填写参加评议人数");
        if (agreed is not { } yes) return Failure.Invalid("agreed", "请选择评议结果");
        if (yes && !elimination)
        {
            if (kind is not { } k || !Enum.IsDefined(k)) return Failure.Invalid("kind", "请选择拟认定的监测对象类型");
            if (!AreRiskTypes(risks)) return Failure.Invalid("riskTypes", "请选择至少一项风险类型");
        }
        if (!yes && Text(reason) is null) return Failure.Invalid("reason", "评议不同意的，请填写理由");
        return null;
    }

    /// <summary>村级公示 days, both ends counted (3月1日 to 3月5日 is 5 days).</summary>
    public static int PublicityDays(DateOnly start, DateOnly end) => end.DayNumber - start.DayNumber + 1;

    /// <summary>
    /// 村级公示: starts on or after the 民主评议 (and the lead), lasts at least the policy's days, recorded after it ended
    /// (the end not after today); an objection needs its handling.
    /// </summary>
    public static Failure? Publicity(DateOnly? start, DateOnly? end, string? objections, string? handling, int minDays, DateOnly today,
        Earliest? earliest = null)
    {
        if (start is not { } s) return Failure.Invalid("startDate", "请填写公示开始日期");
        if (NotBefore(s, earliest, "startDate", "公示开始日期") is { } early) return early;
        if (end is not { } e) return Failure.Invalid("endDate", "请填写公示结束日期");
        if (e < s) return Failure.Invalid("endDate", "公示结束日期不能早于开始日期");
        var days = PublicityDays(s, e);
        if (days < minDays) return Failure.Invalid("endDate", $"村级公示不少于{minDays}天，本次仅{days}天");
        if (e > today) return Failure.Invalid("endDate", "公示尚未结束，结束后再登记公示结果");
        if (Text(objections) is not null && Text(handling) is null) return Failure.Invalid("objectionHandling", "有异议的，请填写异议处理情况");
        return null;
    }

    /// <summary>乡镇审核 (or the 风险消除 one): agreed or not, with an opinion.</summary>
    public static Failure? Review(bool? agreed, string? opinion) =>
        agreed is null ? Failure.Invalid("agreed", "请选择审核意见")
        : Text(opinion) is null ? Failure.Invalid("opinion", "请填写审核意见")
        : null;

    /// <summary>
    /// 县级审定: include or not; not included needs a reason; included needs a kind and risk types (the appraisal's
    /// proposal when the county keeps it).
    /// </summary>
    public static Failure? Decision(bool? include, string? reason, MonitoringKind? kind, IReadOnlyList<PovertyCause> risks) =>
        include switch
        {
            null => Failure.Invalid("agreed", "请选择审定结果：纳入监测或不纳入"),
            false => Text(reason) is null ? Failure.Invalid("reason", "不纳入监测的，请填写理由") : null,
            true when kind is null => Failure.Invalid("kind", "请选择监测对象类型"),
            true when !AreRiskTypes(risks) => Failure.Invalid("riskTypes", "请选择至少一项风险类型"),
            true => null,
        };

    /// <summary>启动风险消除: only when every condition is met; the unmet ones are listed with their numbers.</summary>
    public static Failure? StartElimination(IReadOnlyList<Condition> conditions)
    {
        var unmet = conditions.Where(x => !x.Met).ToList();
        return unmet.Count == 0 ? null
            : new Failure(FailureKind.Invalid, "尚不符合风险消除条件",
                new Dictionary<string, string[]> { ["conditions"] = unmet.Select(x => $"{x.Name}：{x.Detail}").ToArray() });
    }

    /// <summary>风险消除县级审定: agreed or not; a refusal gives its reason.</summary>
    public static Failure? Elimination(bool? agreed, string? reason) =>
        agreed is null ? Failure.Invalid("agreed", "请选择审定结果")
        : agreed == false && Text(reason) is null ? Failure.Invalid("reason", "不同意风险消除的，请填写理由")
        : null;
}
