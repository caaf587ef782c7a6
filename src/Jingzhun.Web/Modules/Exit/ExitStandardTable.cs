using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Policies;

namespace Jingzhun.Web.Modules.Exit;

public sealed record ExitStandardValues(
    [property: PolicyField("扶贫标准（人均纯收入）", 1000, 100_000, Unit = "元")] decimal PovertyLine,
    [property: PolicyField("贫困发生率上限", 0, 100, Unit = "%")] decimal IncidenceMaxPercent,
    [property: PolicyField("错退率上限", 0, 100, Unit = "%")] decimal WrongExitMaxPercent,
    [property: PolicyField("漏评率上限", 0, 100, Unit = "%")] decimal MissedMaxPercent,
    [property: PolicyField("群众认可度下限", 0, 100, Unit = "%")] decimal RecognitionMinPercent);

/// <summary>The exit standards (DOMAIN.md §8): per province and year, set by a national or province-level administrator.</summary>
public sealed class ExitStandardTable : PolicyTable<ExitStandard, ExitStandardValues, ExitStandard>
{
    public override string Key => "exit";
    public override string Title => "退出标准";
    public override string Description => "当年扶贫标准线、贫困发生率上限和贫困县退出的三率一度（错退率、漏评率、群众认可度）。";
    public override string DefaultName => "全国标准";
    public override int FirstYear => 2013;
    public override PolicyApi Api => new("/exit/standards", "退出评估", Permissions.RegistryView, "退出标准（扶贫标准线、贫困发生率、三率一度，按省、年度）",
        "设置某省某年度的退出标准（province=national 为全国标准）");

    /// <summary>DOMAIN.md §5: the national line of each year, and 3% incidence in the western provinces.</summary>
    public override IEnumerable<ExitStandard> Defaults() => ExitStandard.Seed();
    public override ExitStandard Fallback(int year) => new() { Year = year, PovertyLine = 4000m };
    public override ExitStandard View(ExitStandard row) => row;
}
