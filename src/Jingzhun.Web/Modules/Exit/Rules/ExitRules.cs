using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Monitoring.Rules;

namespace Jingzhun.Web.Modules.Exit.Rules;

public sealed record CountyEvaluationInput(
    int PoorPeople, int RuralPopulation,            // 综合贫困发生率
    int ExitedSampled, int WronglyExited,           // 错退率: wrongly exited among the sampled exited
    int NonPoorSampled, int MissedFound,            // 漏评率: eligible households found among the sampled non-registered
    int Surveyed, int Satisfied);                   // 群众认可度

/// <summary>
/// Exit standards (DOMAIN.md §8). Household: per-capita net income stably above the year's line and 两不愁三保障 (and
/// water) secured. Village: 贫困发生率 below 2% (3% in the west). County, 三率一度: 综合贫困发生率 and 错退率 and 漏评率
/// below their limits, 群众认可度 at or above 90%. Limits are strict ("低于"), recognition inclusive ("不低于"). Pure.
/// </summary>
public static class ExitRules
{
    public static double? Rate(int part, int whole) => whole <= 0 ? null : Math.Round(100.0 * part / whole, 2);

    public static IReadOnlyList<Condition> Household(int year, decimal? perCapitaIncome, decimal line, IReadOnlyList<(Dimension Dimension, Verdict Verdict, string Reason)> dimensions)
    {
        var list = new List<Condition>
        {
            new("收入", perCapitaIncome > line, perCapitaIncome is null
                ? $"缺少{year}年收入记录" : $"{year}年人均纯收入{perCapitaIncome:0.##}元，{(perCapitaIncome > line ? "高于" : "未超过")}当年扶贫标准{line:0.##}元"),
        };
        foreach (var d in Enum.GetValues<Dimension>())
        {
            var v = dimensions.FirstOrDefault(x => x.Dimension == d);
            list.Add(new(Platform.Localization.Labels.Of(d), v.Verdict == Verdict.Pass,
                v.Reason is null ? "尚未研判" : v.Verdict == Verdict.Unknown ? $"信息缺失：{v.Reason}" : v.Reason));
        }
        return list;
    }

    public static Condition Village(int poorPeople, int? ruralPopulation, decimal maxPercent)
    {
        if (ruralPopulation is not > 0) return new("贫困发生率", false, "未登记农村户籍人口，无法计算贫困发生率");
        var rate = Rate(poorPeople, ruralPopulation.Value)!.Value;
        return new("贫困发生率", (decimal)rate < maxPercent, $"{poorPeople}人 ÷ {ruralPopulation}人 = {rate:0.##}%（标准：低于{maxPercent:0.#}%）");
    }

    public static IReadOnlyList<Condition> County(CountyEvaluationInput x, ExitStandard s)
    {
        Condition Below(string name, int part, int whole, decimal max, string what) => Rate(part, whole) is { } r
            ? new(name, (decimal)r < max, $"{what}{part} ÷ {whole} = {r:0.##}%（标准：低于{max:0.#}%）")
            : new(name, false, $"缺少{what}的样本数");
        var recognition = Rate(x.Satisfied, x.Surveyed);
        return
        [
            Below("综合贫困发生率", x.PoorPeople, x.RuralPopulation, s.IncidenceMaxPercent, "未脱贫人口"),
            Below("错退率", x.WronglyExited, x.ExitedSampled, s.WrongExitMaxPercent, "错退户"),
            Below("漏评率", x.MissedFound, x.NonPoorSampled, s.MissedMaxPercent, "漏评户"),
            recognition is { } r
                ? new("群众认可度", (decimal)r >= s.RecognitionMinPercent, $"认可{x.Satisfied} ÷ 受访{x.Surveyed} = {r:0.##}%（标准：不低于{s.RecognitionMinPercent:0.#}%）")
                : new("群众认可度", false, "缺少受访人数"),
        ];
    }
}
