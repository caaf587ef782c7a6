using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Reports.Snapshots;

/// <summary>The year-end registry from the snapshots (年度数据冻结): per village, the rows of the nearest freeze of the year.</summary>
public sealed class YearEndSnapshots(AppDbContext db, RegionDirectory regions) : IYearEndRegistry
{
    public async Task<IReadOnlyDictionary<string, FrozenVillage>> FrozenAsync(string regionCode, IReadOnlyList<string> villages, int year, CancellationToken ct)
    {
        // Freezes of the region, of a region above it or of one below it. A freeze above the user's own region still covers
        // the user's villages: its header (code, year, label) is read across scopes, its rows only through their own filter.
        var above = Enumerable.Range(1, regionCode.Length).Select(n => regionCode[..n]).ToList();
        var freezes = await db.Set<RegistrySnapshot>().AcrossScopes("a freeze above the user's region covers the user's villages; its rows are read in scope")
            .Where(s => s.Year == year && (above.Contains(s.RegionCode) || s.RegionCode.StartsWith(regionCode)))
            .Select(s => new { s.Id, s.RegionCode, s.Label }).ToListAsync(ct);
        if (freezes.Count == 0) return new Dictionary<string, FrozenVillage>();
        var ids = freezes.Select(f => f.Id).ToList();
        var rows = (await db.Set<RegistrySnapshotRow>().AsNoTracking().InRegion(regionCode)
                .Where(r => ids.Contains(r.SnapshotId))
                .Select(r => new { r.SnapshotId, r.VillageCode, r.Status, r.Size }).ToListAsync(ct))
            .ToLookup(r => (r.SnapshotId, r.VillageCode));
        var result = new Dictionary<string, FrozenVillage>(StringComparer.Ordinal);
        foreach (var village in villages)
        {
            var nearest = freezes.Where(f => village.StartsWith(f.RegionCode, StringComparison.Ordinal)).MaxBy(f => f.RegionCode.Length);
            if (nearest is null) continue;
            result[village] = new FrozenVillage($"{regions.NameOf(nearest.RegionCode)}{nearest.Label}",
                rows[(nearest.Id, village)].Select(r => new FrozenHousehold(r.VillageCode, r.Status, r.Size)).ToList());
        }
        return result;
    }
}
