using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Policies;

namespace Jingzhun.Web.Modules.Admin.ManagePolicies;

/// <summary>
/// What the policy pages share: the registered tables (each module registers its own; this page knows none of them
/// by name), the names of their places and the places the signed-in administrator may set.
/// </summary>
public sealed class PolicyPages(IEnumerable<IPolicyTable> tables, RegionDirectory regions, CurrentUser me)
{
    public IReadOnlyList<IPolicyTable> Tables { get; } = tables.ToList();

    public IPolicyTable? Find(string? key) => Tables.FirstOrDefault(t => t.Key == key);

    /// <summary>"全国" / "默认（未单独设置的区县）", else the region's name and code.</summary>
    public string PlaceName(IPolicyTable table, string code) =>
        code != "" ? $"{regions.NameOf(code)}（{code}）" : table.Level == PolicyLevel.Province ? "全国" : "默认（未单独设置的区县）";

    /// <summary>
    /// The places the user may set a row for (the form's choices, by the request's value: the level's keyword or a
    /// code): a national administrator every one, a province's its province (and its counties), a county's its county.
    /// </summary>
    public IReadOnlyList<(string Value, string Label)> Choices(IPolicyTable table)
    {
        var mine = me.RegionCode;
        var level = table.Level;
        var choices = new List<(string, string)>();
        if (PolicyLevel.MaySet(mine, "")) choices.Add((level.Keyword, PlaceName(table, "")));
        var places = level == PolicyLevel.Province
            ? regions.ChildrenOf("")
            : regions.Search("", mine is { Length: > 0 } m ? m[..Math.Min(m.Length, level.Digits)] : null, int.MaxValue).Where(r => r.Level == RegionLevel.County);
        choices.AddRange(places.Where(r => PolicyLevel.MaySet(mine, r.Code))
            .Select(r => (r.Code, level == PolicyLevel.Province ? PlaceName(table, r.Code) : $"{string.Join(' ', regions.PathOf(r.Code).Select(p => p.Name))}（{r.Code}）")));
        return choices;
    }

    /// <summary>Whether the user may set the row of a place ("" = everywhere).</summary>
    public bool MaySet(string code) => PolicyLevel.MaySet(me.RegionCode, code);

    public bool MaySetAny(IPolicyTable table)
    {
        var mine = me.RegionCode;
        return mine is not null && mine.Length <= table.Level.Digits;
    }

    /// <summary>The value of the form's place field for a row code.</summary>
    public static string ChoiceOf(IPolicyTable table, string code) => code == "" ? table.Level.Keyword : code;
}
