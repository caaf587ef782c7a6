using Jingzhun.Web.Modules.Registry;

namespace Jingzhun.Web.Modules.Exit.Rules;

/// <summary>
/// A household's 未脱贫 status at the end of a past year, for the exit of that year (村退出 counts the poor of the year
/// evaluated, not today's). Without a freeze of the year it follows from the registry's years: identified by then
/// (识别年度 ≤ year) and not exited by then (no 脱贫年度, or a later one). A 一般农户 was never poor; a 监测户 was poor only
/// if it had exited after that year. Pure.
/// </summary>
public static class YearEndStatus
{
    public static bool PoorAt(HouseholdStatus status, int? identifiedYear, int? exitYear, int year) => status switch
    {
        HouseholdStatus.Ordinary => false,
        _ when identifiedYear > year => false,
        _ when exitYear is { } exited => exited > year,
        _ => status == HouseholdStatus.NotExited,
    };

    /// <summary>People of a frozen village who were 未脱贫 at the freeze.</summary>
    public static int PoorPeople(IEnumerable<FrozenHousehold> frozen) =>
        frozen.Where(h => h.Status == HouseholdStatus.NotExited).Sum(h => h.Size);
}
