using Microsoft.AspNetCore.Identity;

namespace Jingzhun.Web.Platform.Auth;

/// <summary>A user bound to one region node; sees and changes that subtree only.</summary>
[Platform.Data.NotScoped("accounts are found by name at sign-in, before any scope; user management filters by the admin's region itself")]
public sealed class AppUser : IdentityUser, Platform.Auditing.IAudited
{
    public string DisplayName { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string Role { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>Who changed the account last, and when (stamped by <see cref="AppUserStore"/>; the stale-edit message names them).</summary>
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id, null, RegionCode, $"用户 {UserName}（{DisplayName}）");
}

/// <summary>
/// Identity's store, stamping who changed an account and when on every write (an administrator's edit, an unlock, a
/// failed sign-in counted). The concurrency token of an account is Identity's own ConcurrencyStamp, renewed by every write.
/// Every write and deletion also drops the account's remembered security stamp (<see cref="SecurityStampCache"/>), so that
/// a lock, a new role or a new password ends the account's sessions on this server at once.
/// </summary>
public sealed class AppUserStore(Data.AppDbContext db, Auditing.IAuditActor actor, TimeProvider clock, SecurityStampCache stamps,
    IdentityErrorDescriber? describer = null)
    : Microsoft.AspNetCore.Identity.EntityFrameworkCore.UserOnlyStore<AppUser, Data.AppDbContext, string>(db, describer)
{
    public override Task<IdentityResult> CreateAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        Stamp(user);
        return base.CreateAsync(user, cancellationToken);
    }

    public override async Task<IdentityResult> UpdateAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        Stamp(user);
        try { return await base.UpdateAsync(user, cancellationToken); }
        finally { stamps.Forget(user.Id); }
    }

    public override async Task<IdentityResult> DeleteAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        try { return await base.DeleteAsync(user, cancellationToken); }
        finally { stamps.Forget(user.Id); }
    }

    private void Stamp(AppUser user)
    {
        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        user.UpdatedBy = actor.UserName;
    }
}
