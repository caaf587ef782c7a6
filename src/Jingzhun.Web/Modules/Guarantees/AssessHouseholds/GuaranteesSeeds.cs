using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.DemoData;
using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Guarantees.AssessHouseholds;

/// <summary>The national 两不愁三保障 values of 2021 (DOMAIN.md §3), into an empty policy table.</summary>
internal sealed class GuaranteePolicySeed(AppDbContext db, TimeProvider clock) : PolicyDefaultsSeed<GuaranteePolicy>(db, clock)
{
    protected override IEnumerable<GuaranteePolicy> Defaults() => [GuaranteePolicy.NationalDefault(2021)];
}

/// <summary>The demo's gaps become its first problems, as a county's first sweep would find them (once).</summary>
internal sealed class GuaranteesDemoSeed(AppDbContext db, AssessHouseholdsHandler assess, ILogger<GuaranteesDemoSeed> log) : IStartupSeed
{
    public int Order => 300;
    public bool DemoOnly => true;

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        if (await db.Assessments.AnyAsync(ct)) return null;
        var ids = await db.Households.Where(h => h.CountyCode == DemoSeeder.County).Select(h => h.Id).ToListAsync(ct);
        if (ids.Count == 0) return null;
        var opened = 0;
        db.SuppressAudit = true;
        foreach (var batch in ids.Chunk(500)) { opened += await assess.AssessAsync(batch, ct); db.ChangeTracker.Clear(); }
        db.SuppressAudit = false;
        log.LogInformation("两不愁三保障研判：发现问题 {Count} 个", opened);
        return null;
    }
}
