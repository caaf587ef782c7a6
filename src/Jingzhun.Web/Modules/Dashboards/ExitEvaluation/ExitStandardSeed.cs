using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Dashboards.ExitEvaluation;

/// <summary>The exit standards of DOMAIN.md §5 as national defaults, into an empty table.</summary>
internal sealed class ExitStandardSeed(AppDbContext db) : IStartupSeed
{
    public int Order => 10;
    public bool DemoOnly => false;

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        if (await db.ExitStandards.AnyAsync(ct)) return null;
        db.ExitStandards.AddRange(ExitStandard.Seed());
        db.SuppressAudit = true;
        await db.SaveChangesAsync(ct);
        db.SuppressAudit = false;
        return null;
    }
}
