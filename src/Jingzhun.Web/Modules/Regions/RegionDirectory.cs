using System.Collections.Frozen;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Regions;

/// <summary>
/// An in-memory copy of the region tree (tens of thousands of rows, rarely changed) for names, paths and
/// children without a query per row. Reloaded after an import.
/// </summary>
public sealed class RegionDirectory(IServiceScopeFactory scopes)
{
    private volatile Snapshot? _snapshot;

    /// <param name="Provinces">The country's children, in code order.</param>
    /// <param name="RuralSums">农村户籍人口 summed over the villages below each node ("" the country); absent where none is recorded.</param>
    private sealed record Snapshot(FrozenDictionary<string, Region> ByCode, FrozenDictionary<string, Region[]> Children, Region[] Provinces,
        FrozenDictionary<string, int> RuralSums);

    private Snapshot Current => _snapshot ?? Load();

    public void Reload() => Load();

    private Snapshot Load()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var all = db.Regions.AsNoTracking().ToList();
        var byCode = all.ToFrozenDictionary(r => r.Code);
        var snap = new Snapshot(
            byCode,
            all.Where(r => r.ParentCode is not null).GroupBy(r => r.ParentCode!)
                .ToFrozenDictionary(g => g.Key, g => g.OrderBy(r => r.Code, StringComparer.Ordinal).ToArray()),
            all.Where(r => r.Level == RegionLevel.Province).OrderBy(r => r.Code, StringComparer.Ordinal).ToArray(),
            RuralSumsOf(all, byCode));
        _snapshot = snap;
        return snap;
    }

    /// <summary>Each village's 农村户籍人口 added to the village and every node above it, up to the country.</summary>
    private static FrozenDictionary<string, int> RuralSumsOf(List<Region> all, FrozenDictionary<string, Region> byCode)
    {
        var sums = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var village in all.Where(r => r.Level == RegionLevel.Village && r.RuralPopulation is not null))
        {
            var n = village.RuralPopulation!.Value;
            Region? top = null;
            for (var r = village; r is not null; r = r.ParentCode is { } parent ? byCode.GetValueOrDefault(parent) : null)
            {
                sums[r.Code] = sums.GetValueOrDefault(r.Code) + n;
                top = r;
            }
            if (top?.Level == RegionLevel.Province) sums[""] = sums.GetValueOrDefault("") + n;
        }
        return sums.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>农村户籍人口 summed over the villages below a node, or the village's own (null when none is recorded).</summary>
    public int? RuralPopulationOf(string code) => Current.RuralSums.TryGetValue(code, out var n) ? n : null;

    public void Invalidate() => _snapshot = null;

    public Region? Find(string? code) => code is not null && Current.ByCode.TryGetValue(code, out var r) ? r : null;

    public string NameOf(string? code) => code == "" ? "全国" : Find(code)?.Name ?? code ?? "";

    /// <summary>Every region under <paramref name="code"/>, depth first (the code itself not included).</summary>
    public IEnumerable<Region> Descendants(string code)
    {
        foreach (var child in ChildrenOf(code))
        {
            yield return child;
            foreach (var d in Descendants(child.Code)) yield return d;
        }
    }

    /// <summary>
    /// <paramref name="code"/> itself when its code has at least <paramref name="length"/> digits, else the regions under
    /// it whose codes have that length (4: the cities, 6: the counties): work on a large region split into parts.
    /// </summary>
    public IEnumerable<string> PartsOf(string code, int length) =>
        code.Length >= length ? [code] : ChildrenOf(code).SelectMany(c => PartsOf(c.Code, length));

    public IReadOnlyList<Region> ChildrenOf(string code) =>
        code == "" ? Current.Provinces
        : Current.Children.TryGetValue(code, out var c) ? c : [];

    /// <summary>Ancestors from the province down to the node itself.</summary>
    public IReadOnlyList<Region> PathOf(string code)
    {
        var path = new List<Region>();
        for (var r = Find(code); r is not null; r = Find(r.ParentCode)) path.Insert(0, r);
        return path;
    }

    /// <summary>"铜梁区 土桥镇 六赢村": the names below the city level, for lists.</summary>
    public string ShortPath(string code) =>
        string.Join(' ', PathOf(code).Where(r => r.Level >= RegionLevel.County).Select(r => r.Name));

    public IEnumerable<Region> Search(string text, string? within, int limit) =>
        Current.ByCode.Values
            .Where(r => r.Name.Contains(text, StringComparison.Ordinal) && (within is null || r.Code.StartsWith(within, StringComparison.Ordinal)))
            .OrderBy(r => r.Level).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Take(limit);
}
