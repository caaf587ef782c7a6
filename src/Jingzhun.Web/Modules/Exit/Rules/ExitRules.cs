using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Platform.Rules;

namespace Jingzhun.Web.Modules.Exit.Rules;

public sealed record CountyEvaluationInput(
    int PoorPeople, int RuralPopulation,            // 综合贫困发生率
    int ExitedSampled, int WronglyExited,           // 错退率: wrongly exited among the sampled exited
    int NonPoorSampled, int MissedFound,            // 漏评率: eligible households found among the sampled non-registered
    int Surveyed, int Satisfied);                   // 群众认可度

/// <summary>
/// Exit standards (DOMAIN.md §8). Household: per-capita net income stably above the year's line and 两不愁三保障 (and
/// water) secured. Village: 贫困发生率 below 2% (3% in the west). County, 三率一度: 综合贫困发生率 and 错退率 and 漏评率
/// below their limits, 群众认可度 at or above 90%. Limits are strict ("低于"), recognition inclusive ("不低于"). Every
/// ratio is compared exactly (<see cref="Ratio"/>): the limit from <see cref="ExitStandard"/>, rounding only in the text. Pure.
/// </summary>
public static class ExitRules
{
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
        var rate = new Ratio(poorPeople, ruralPopulation.Value);
        return new("贫困发生率", rate.IsBelowPercent(maxPercent),
            $"{poorPeople}人 ÷ {ruralPopulation}人 = {rate.Display(maxPercent)}%（标准：低于{Limit(maxPercent)}%）");
    }

    private static string Limit(decimal percent) => percent.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    public static IReadOnlyList<Condition> County(CountyEvaluationInput x, ExitStandard s)
    {
        Condition Below(string name, int part, int whole, decimal max, string what) => new Ratio(part, whole) is { IsEmpty: false } r
            ? new(name, r.IsBelowPercent(max), $"{what}{part} ÷ {whole} = {r.Display(max)}%（标准：低于{Limit(max)}%）")
            : new(name, false, $"缺少{what}的样本数");
        var recognition = new Ratio(x.Satisfied, x.Surveyed);
        var min = s.RecognitionMinPercent;
        return
        [
            Below("综合贫困发生率", x.PoorPeople, x.RuralPopulation, s.IncidenceMaxPercent, "未脱贫人口"),
            Below("错退率", x.WronglyExited, x.ExitedSampled, s.WrongExitMaxPercent, "错退户"),
            Below("漏评率", x.MissedFound, x.NonPoorSampled, s.MissedMaxPercent, "漏评户"),
            recognition.IsEmpty
                ? new("群众认可度", false, "缺少受访人数")
                : new("群众认可度", recognition.IsAtLeastPercent(min), $"认可{x.Satisfied} ÷ 受访{x.Surveyed} = {recognition.Display(min)}%（标准：不低于{Limit(min)}%）"),
        ];
    }
}
