using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Platform.Data;

/// <summary>
/// A record people edit, under optimistic concurrency: <see cref="Version"/> is its concurrency token (the context makes it
/// one for every IVersioned entity), a request carries the version its author read, and a stale write answers 409 with
/// <see cref="Failure.StaleEdit"/>, naming who changed the record and when. The entity (or, for a plain record, its
/// handler) raises the version with every change, together with <see cref="UpdatedAt"/> and <see cref="UpdatedBy"/>.
/// A stored record's version is never 0, so a request without a version never overwrites one.
/// </summary>
public interface IVersioned
{
    int Version { get; }
    DateTime UpdatedAt { get; }
    string UpdatedBy { get; }
}

/// <summary>A plain record (policy rows, region facts, assistance measures) that its handler stamps with <see cref="Versions.Stamp"/>.</summary>
public interface IStamped : IVersioned
{
    new int Version { get; set; }
    new DateTime UpdatedAt { get; set; }
    new string UpdatedBy { get; set; }
}

public static class Versions
{
    /// <summary>Records a change of a plain record: a new version, who and when.</summary>
    public static void Stamp(this IStamped record, DateTime now, string by)
    {
        record.Version++;
        record.UpdatedAt = now;
        record.UpdatedBy = by;
    }

    /// <summary>The stale-edit failure when <paramref name="version"/> is not the stored one; null when it is.</summary>
    public static Failure? Check(IVersioned record, int version, string what) =>
        record.Version == version ? null : Failure.StaleEdit(what, record.UpdatedBy, record.UpdatedAt);

    /// <summary>
    /// Saves an edit checked with <see cref="Check"/>. Someone who saved between that check and this write makes the row's
    /// token differ: the write changes nothing and answers the stale-edit failure, naming them as <paramref name="current"/>
    /// reads the row back. With <paramref name="uniqueKeyMeansTaken"/>, a unique key refusing a new row (someone created the
    /// same row meanwhile, e.g. a policy row of the same province and year) answers the same way.
    /// </summary>
    public static async Task<Failure?> SaveEditAsync<T>(this AppDbContext db, string what, Func<CancellationToken, Task<T?>> current,
        CancellationToken ct, bool uniqueKeyMeansTaken = false) where T : class, IVersioned
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || (uniqueKeyMeansTaken && DbErrors.IsUniqueViolation(e)))
        {
            db.ChangeTracker.Clear();
            return await current(ct) is { } now
                ? Failure.StaleEdit(what, now.UpdatedBy, now.UpdatedAt)
                : Failure.Conflict($"{what}已被他人同时修改或删除，请刷新后重新编辑。");
        }
    }

    /// <summary>Every IVersioned entity's version is its concurrency token.</summary>
    internal static void ConfigureTokens(ModelBuilder b)
    {
        foreach (var type in b.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)))
            b.Entity(type.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
    }
}
