using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Jingzhun.Web.Platform.Data;

/// <summary>
/// Told which villages a committed save changed, for the entity types it watches (the dashboards' per-village figures).
/// Called after the commit, on the request's own path: a figure read after the response is current. A module registers
/// one; Platform knows none.
/// </summary>
public interface IVillageChangeListener
{
    /// <summary>The entity types whose rows feed the listener (households, incomes, problems, cases, visits...).</summary>
    bool Watches(Type entityType);

    /// <summary>
    /// The villages whose watched rows a committed save added, changed or removed (or, for a policy row, the region it
    /// applies to: a province, a county, "" the country), and the households of changed rows that declare only their
    /// household (a member, an income).
    /// </summary>
    Task VillagesChangedAsync(IReadOnlyCollection<string> villages, IReadOnlyCollection<long> households, CancellationToken ct);

    /// <summary>Every village of a region rebuilt from the registry (after a sweep or bulk work that bypassed the saves).</summary>
    Task RebuildAsync(string regionCode, CancellationToken ct);
}

/// <summary>
/// Bulk work (a region sweep, the demo seed) switches the per-save upkeep off for its own flow: the saves' villages are
/// gathered instead, and the work hands them over once at its end (<see cref="DeferredChanges.FlushAsync"/>) or rebuilds
/// its region: <c>using (var changes = VillageChanges.Defer()) { ...; await changes.FlushAsync(db, ct); }</c>.
/// </summary>
public static class VillageChanges
{
    private static readonly AsyncLocal<DeferredChanges?> Deferred = new();

    public static bool IsDeferred => Deferred.Value is not null;

    public static DeferredChanges Defer()
    {
        var changes = new DeferredChanges(Deferred.Value);
        Deferred.Value = changes;
        return changes;
    }

    /// <summary>Gathers a deferred save's villages; false when no bulk work is deferring them.</summary>
    internal static bool Gather(ChangeTracker tracker, IVillageChangeListener listener)
    {
        if (Deferred.Value is not { } changes) return false;
        lock (changes) Collect(tracker, listener, changes.Villages, changes.Households);
        return true;
    }

    public sealed class DeferredChanges(DeferredChanges? outer) : IDisposable
    {
        private bool _done;
        internal HashSet<string> Villages { get; } = new(StringComparer.Ordinal);
        internal HashSet<long> Households { get; } = [];

        /// <summary>Hands the gathered villages to the listener (the upkeep itself runs outside the deferral).</summary>
        public async Task FlushAsync(DbContext db, CancellationToken ct)
        {
            Dispose();
            List<string> villages;
            List<long> households;
            lock (this)
            {
                villages = [.. Villages];
                households = [.. Households];
            }
            if ((villages.Count > 0 || households.Count > 0) && ListenerOf(db) is { } listener)
                await listener.VillagesChangedAsync(villages, households, ct);
        }

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            Deferred.Value = outer;
        }
    }

    /// <summary>The listener of the context's application services (null when none is registered, as in design-time tools).</summary>
    public static IVillageChangeListener? ListenerOf(DbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<IVillageChangeListener>();

    /// <summary>The villages (old and new village code) and households of the watched rows a save is about to write.</summary>
    public static void Collect(ChangeTracker tracker, IVillageChangeListener listener, HashSet<string> villages, HashSet<long> households)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var type = entry.Metadata.ClrType;
            if (!listener.Watches(type)) continue;
            // A policy row (a monitoring range, a visit calendar) changes the figures of its whole region ("" the country).
            if (entry.Entity is Policies.PolicyRow policy) villages.Add(policy.RegionCode);
            else if (VillageProperty(type) is { } property)
            {
                var p = entry.Property(property);
                if (p.CurrentValue is string now && now.Length > 0) villages.Add(now);
                if (entry.State == EntityState.Modified && p.OriginalValue is string was && was.Length > 0) villages.Add(was);
            }
            else if (entry.Entity is IHouseholdOwned owned) households.Add(owned.HouseholdId);
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string?> Properties = new();

    private static string? VillageProperty(Type type) =>
        Properties.GetOrAdd(type, t => t.GetCustomAttribute<VillageScopedAttribute>()?.Property);
}

/// <summary>
/// Hands a save's villages to the listener once they are committed: at once for a save in its own transaction, at the
/// commit of the caller's transaction otherwise (dropped on a rollback).
/// </summary>
internal sealed class VillageCommitInterceptor : DbTransactionInterceptor
{
    public static readonly VillageCommitInterceptor Instance = new();

    public override async Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db) await db.FlushVillageChangesAsync(cancellationToken);
    }

    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is AppDbContext db) db.FlushVillageChangesAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db) db.DropVillageChanges();
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is AppDbContext db) db.DropVillageChanges();
    }
}

/// <summary>
/// A context that sees every region, for system upkeep started from a user's request (the scoped context would see
/// only the user's subtree). Its writes are the caller's to audit; it shares the configured database, not the connection.
/// </summary>
public static class UnscopedContexts
{
    public static AppDbContext Create(IServiceProvider services)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        if (services.GetService<DbContextOptions<PostgresAppDbContext>>() is { } pg)
            return new PostgresAppDbContext(pg, Auth.UnscopedRegion.Instance, Auditing.SystemActor.Instance, clock);
        return new SqliteAppDbContext(services.GetRequiredService<DbContextOptions<SqliteAppDbContext>>(), Auth.UnscopedRegion.Instance,
            Auditing.SystemActor.Instance, clock);
    }
}
