using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Platform.Data;

public static class RacingInserts
{
    /// <summary>
    /// Adds and saves rows of which a unique index keeps one (one open problem per household and dimension, one open lead
    /// per household and reason). Two writers that both read "none yet" (a sweep and a user's change, the household page
    /// and a sweep, two sweeps) race to insert: the index refuses the later one and its save is rolled back (inside a
    /// transaction, to EF's savepoint); then the rows <paramref name="taken"/> finds by now are dropped and fresh copies of
    /// the others saved. Each round drops at least the row that collided; a violation no visible row explains is thrown.
    /// Returns the rows saved.
    /// </summary>
    public static async Task<int> AddOnceAsync<T, TKey>(this AppDbContext db, IReadOnlyList<T> rows, Func<T, TKey> key,
        Func<IReadOnlyList<T>, CancellationToken, Task<HashSet<TKey>>> taken, Func<T, T> copy, CancellationToken ct) where T : class
    {
        var pending = rows.ToList();
        while (pending.Count > 0)
        {
            var before = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
                .ToHashSet(ReferenceEqualityComparer.Instance);
            db.Set<T>().AddRange(pending);
            try
            {
                await db.SaveChangesAsync(ct);
                return pending.Count;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                // The refused rows and what they brought along (a problem's first event) leave the context.
                foreach (var entry in db.ChangeTracker.Entries().Where(x => x.State == EntityState.Added && !before.Contains(x.Entity)).ToList())
                    entry.State = EntityState.Detached;
                var done = await taken(pending, ct);
                var left = pending.Where(r => !done.Contains(key(r))).ToList();
                if (left.Count == pending.Count) throw;
                pending = left.Select(copy).ToList();
            }
        }
        return 0;
    }
}
