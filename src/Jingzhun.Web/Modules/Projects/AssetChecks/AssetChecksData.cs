using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Projects.AssetChecks;

/// <summary>The tables of 资产核查: batches, their lines and the 整改 of the problems found.</summary>
public static class AssetChecksData
{
    extension(AppDbContext db)
    {
        public DbSet<AssetCheck> AssetChecks => db.Set<AssetCheck>();
        public DbSet<AssetCheckLine> AssetCheckLines => db.Set<AssetCheckLine>();
        public DbSet<AssetRectification> AssetRectifications => db.Set<AssetRectification>();
    }
}
