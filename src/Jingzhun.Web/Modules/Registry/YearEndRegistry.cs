namespace Jingzhun.Web.Modules.Registry;

/// <summary>One household as frozen at a year's end: its status and size then.</summary>
public sealed record FrozenHousehold(string VillageCode, HouseholdStatus Status, int Size);

/// <summary>The frozen households of one village and the freeze they come from (e.g. "铜梁区2024年度数据冻结").</summary>
public sealed record FrozenVillage(string Source, IReadOnlyList<FrozenHousehold> Households);

/// <summary>
/// The registry as frozen at the end of a year (年度数据冻结), for the modules that judge a past year (村退出): each of the
/// villages (under the region) that a freeze of the year covers, from the nearest such freeze (the village's own before its township's
/// before its county's). Villages no freeze covers are absent. Implemented by Reports (its snapshots).
/// </summary>
public interface IYearEndRegistry
{
    Task<IReadOnlyDictionary<string, FrozenVillage>> FrozenAsync(string regionCode, IReadOnlyList<string> villages, int year, CancellationToken ct);
}
