using System.Text.Json;
using Jingzhun.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Jingzhun.Web.Platform.Auditing;

/// <summary>
/// Turns tracked changes of audited entities into <see cref="AuditEntry"/> rows. Values are captured before the
/// save (old and new), keys after it (identity values are known only then). Secrets never reach the log: the
/// ID number appears masked, the phone masked, password hashes and stamps not at all.
/// </summary>
internal static class AuditRecorder
{
    /// <summary>What a sensitive value is recorded as: the log tells that it changed, not what it is.</summary>
    public const string Hidden = "（受保护，不记录）";

    // Bookkeeping columns every entity may have, and Identity's secrets (declared on its base class, so they cannot
    // carry [Sensitive]). Personal data is marked [Sensitive] on the entity itself.
    private static readonly HashSet<string> Skipped =
    [
        "Version", "UpdatedAt", "UpdatedBy", "CreatedAt",
        nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp),
        nameof(AppUser.NormalizedUserName), nameof(AppUser.NormalizedEmail), nameof(AppUser.AccessFailedCount), nameof(AppUser.PhoneNumber), nameof(AppUser.Email), "Events", "Steps", "Measures", "Log",
        "HouseholdId", "Id", "CountyCode",
    ];

    internal sealed record Pending(EntityEntry Entry, AuditAction Action, string Type, Dictionary<string, object?[]> Changes);

    public static List<Pending> Collect(ChangeTracker tracker)
    {
        var list = new List<Pending>();
        foreach (var e in tracker.Entries())
        {
            if (e.Entity is not IAudited) continue;
            // A job is audited when someone asks for it; the runner's status and progress updates are not user writes.
            if (e.Entity is Jobs.Job && e.State != EntityState.Added) continue;
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var changes = new Dictionary<string, object?[]>();
            foreach (var p in e.Properties)
            {
                var name = p.Metadata.Name;
                if (Skipped.Contains(name) || p.Metadata.IsShadowProperty()) continue;
                var sensitive = p.Metadata.PropertyInfo?.IsDefined(typeof(SensitiveAttribute), false) == true;
                var (oldV, newV) = e.State switch
                {
                    EntityState.Added => (null, p.CurrentValue),
                    EntityState.Deleted => (p.OriginalValue, null),
                    _ => (p.OriginalValue, p.CurrentValue),
                };
                if (e.State == EntityState.Modified && Equals(oldV, newV)) continue;
                if (e.State == EntityState.Added && newV is null) continue;
                changes[name] = sensitive ? [oldV is null ? null : Hidden, newV is null ? null : Hidden] : [Plain(oldV), Plain(newV)];
            }
            if (e.State == EntityState.Modified && changes.Count == 0) continue;
            var action = e.State switch
            {
                EntityState.Added => AuditAction.Create,
                EntityState.Deleted => AuditAction.Delete,
                // A workflow's state moved (a household's or member's Status, a case's Stage): a status change.
                _ when changes.ContainsKey("Status") || changes.ContainsKey("Stage") => AuditAction.StatusChange,
                _ => AuditAction.Update,
            };
            list.Add(new Pending(e, action, e.Entity.GetType().Name, changes));
        }
        return list;
    }

    public static AuditEntry ToEntry(Pending p, IAuditActor actor, DateTime now)
    {
        var (id, householdId, region, summary) = ((IAudited)p.Entry.Entity).DescribeForAudit();
        return new AuditEntry
        {
            At = now,
            UserId = actor.UserId,
            UserName = actor.UserName,
            Action = p.Action,
            EntityType = p.Type,
            EntityId = id,
            HouseholdId = householdId,
            RegionCode = region,
            Summary = summary.Length > 200 ? summary[..200] : summary,
            Changes = JsonSerializer.Serialize(p.Changes, JsonOptions),
        };
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static object? Plain(object? v) => v switch
    {
        null => null,
        Enum e => e.ToString(),
        DateOnly d => d.ToString("yyyy-MM-dd"),
        DateTime t => t.ToString("O"),
        _ => v,
    };
}
