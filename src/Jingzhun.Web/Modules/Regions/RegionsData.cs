using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Regions;

/// <summary>The tables this module owns, as sets of the one context (Platform's context does not know them).</summary>
public static class RegionsData
{
    extension(AppDbContext db)
    {
        public DbSet<Region> Regions => db.Set<Region>();
    }
}
