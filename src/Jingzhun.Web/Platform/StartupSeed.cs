namespace Jingzhun.Web.Platform;

/// <summary>
/// First-start data a module owns: its policy defaults (always) and its part of the demo county (when Demo:Seed is
/// on). Each module registers its own in its Add* method; Startup runs them by <see cref="Order"/>, and each seed
/// is idempotent (it does nothing when its data is there).
/// </summary>
public interface IStartupSeed
{
    /// <summary>Policy tables 0–99, accounts 100, the registry 200, then the modules that build on it.</summary>
    int Order { get; }

    bool DemoOnly { get; }

    /// <summary>Seeds and returns a note for the console, printed after every seed has run (or null).</summary>
    Task<string?> SeedAsync(CancellationToken ct);
}

/// <summary>
/// A policy table's national defaults (DOMAIN.md), written into the empty table at first start — system work, so
/// one summary in the log rather than an audit entry per row.
/// </summary>
public abstract class PolicyDefaultsSeed<T>(Data.AppDbContext db, TimeProvider clock) : IStartupSeed where T : class, Data.IStamped
{
    public int Order => 10;
    public bool DemoOnly => false;

    protected abstract IEnumerable<T> Defaults();

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        if (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Set<T>(), ct)) return null;
        var rows = Defaults().ToList();
        foreach (var row in rows)
        {
            row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            row.UpdatedBy = Auditing.SystemActor.Instance.UserName;
        }
        db.Set<T>().AddRange(rows);
        db.SuppressAudit = true;
        await db.SaveChangesAsync(ct);
        db.SuppressAudit = false;
        return null;
    }
}
