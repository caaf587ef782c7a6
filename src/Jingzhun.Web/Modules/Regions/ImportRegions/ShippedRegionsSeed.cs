using Jingzhun.Web.Platform;

namespace Jingzhun.Web.Modules.Regions.ImportRegions;

/// <summary>The region codes shipped with the product, loaded into an empty database before anything else.</summary>
internal sealed class ShippedRegionsSeed(ImportRegionsHandler import, RegionDirectory directory) : IStartupSeed
{
    public int Order => -100;
    public bool DemoOnly => false;

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        await import.LoadShippedAsync(ct);
        directory.Reload();
        return null;
    }
}
