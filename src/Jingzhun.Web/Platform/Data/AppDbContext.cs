using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Platform.Data;

/// <summary>
/// The one context. Region scope is a global query filter on every regional table, so a query written by a
/// handler can never see outside the current user's subtree (background work runs with an unscoped context).
/// </summary>
public abstract class AppDbContext(DbContextOptions options, IRegionScope scope, IAuditActor actor, TimeProvider clock)
    : IdentityDbContext<AppUser>(options)
{
    /// <summary>Bulk loads (the demo seed, imports) record one summary entry instead of one per row.</summary>
    public bool SuppressAudit { get; set; }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Set on the read side's context when it reads a hot standby (<see cref="ReadDb"/>): it chooses the host as its
    /// connection opens, and it never saves.
    /// </summary>
    internal ReadRoute? ReadRoute { get; init; }

    private void RefuseOnReadSide()
    {
        if (ReadRoute is not null) throw new InvalidOperationException("只读副本的上下文不能保存更改：写操作请使用 AppDbContext（主库）。");
    }

    /// <summary>Saves the changes and their audit entries atomically (one transaction).</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseOnReadSide();
        CollectVillageChanges();
        var pending = SuppressAudit ? [] : AuditRecorder.Collect(ChangeTracker);
        if (pending.Count == 0)
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (Database.CurrentTransaction is null) await FlushVillageChangesAsync(cancellationToken);
            return saved;
        }
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            AuditEntries.AddRange(pending.Select(p => AuditRecorder.ToEntry(p, actor, now)));
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            if (Database.CurrentTransaction is null) await FlushVillageChangesAsync(cancellationToken);
            return count;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    // The villages whose watched rows this context saved and has not yet handed over (VillageChanges.cs): kept until the
    // transaction that holds them commits.
    private IVillageChangeListener? _villageListener;
    private bool _villageListenerLooked;
    private HashSet<string>? _changedVillages;
    private HashSet<long>? _changedHouseholds;

    private IVillageChangeListener? VillageListener
    {
        get
        {
            if (!_villageListenerLooked)
            {
                _villageListener = VillageChanges.ListenerOf(this);
                _villageListenerLooked = true;
            }
            return _villageListener;
        }
    }

    private void CollectVillageChanges()
    {
        if (VillageListener is not { } listener || VillageChanges.Gather(ChangeTracker, listener)) return;
        _changedVillages ??= new HashSet<string>(StringComparer.Ordinal);
        _changedHouseholds ??= [];
        VillageChanges.Collect(ChangeTracker, listener, _changedVillages, _changedHouseholds);
    }

    internal async Task FlushVillageChangesAsync(CancellationToken ct)
    {
        if (_changedVillages is not { } villages || _changedHouseholds is not { } households || VillageListener is not { } listener) return;
        _changedVillages = null;
        _changedHouseholds = null;
        if (villages.Count == 0 && households.Count == 0) return;
        await listener.VillagesChangedAsync(villages, households, ct);
    }

    internal void DropVillageChanges()
    {
        _changedVillages = null;
        _changedHouseholds = null;
    }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(VillageCommitInterceptor.Instance);

    /// <summary>Records an action that changes no row (revealing an ID number) in the same log.</summary>
    public async Task RecordAsync(AuditAction action, string entityType, string entityId, long? householdId, string regionCode,
        string summary, CancellationToken ct)
    {
        RefuseOnReadSide();
        AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime, UserId = actor.UserId, UserName = actor.UserName, Action = action,
            EntityType = entityType, EntityId = entityId, HouseholdId = householdId, RegionCode = regionCode, Summary = summary,
        });
        await base.SaveChangesAsync(true, ct);
    }

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    // Each module declares its own sets (C# extension properties in <Module>Data.cs): the context knows no module.
    public DbSet<Jingzhun.Web.Platform.Files.StoredFile> Files => Set<Jingzhun.Web.Platform.Files.StoredFile>();
    public DbSet<Jingzhun.Web.Platform.Jobs.Job> Jobs => Set<Jingzhun.Web.Platform.Jobs.Job>();

    // Read by the query filters at execution time (EF parameterizes context members).
    internal string? ScopeLow => scope.VillageLow;
    internal string? ScopeHigh => scope.VillageHigh;
    internal string? ScopePrefix => scope.RegionCode;
    internal long[]? ScopeHouseholds => scope.Households;
    internal long? ScopeCadre => scope.CadreId;
    internal string? ActorId => actor.UserId;

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly, t => t.Namespace?.StartsWith("Jingzhun.Web.Modules", StringComparison.Ordinal) == true || t.Namespace?.StartsWith("Jingzhun.Web.Platform", StringComparison.Ordinal) == true);
        b.Entity<AppUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(50);
            u.Property(x => x.RegionCode).HasMaxLength(12);
            u.Property(x => x.Role).HasMaxLength(30);
            u.Property(x => x.UpdatedBy).HasMaxLength(64);
            u.HasIndex(x => x.RegionCode);
        });

        Versions.ConfigureTokens(b);
        // Region (and for a pairing cadre, household) filters come from what each entity declares: see Scoping.cs.
        ScopeFilters.Apply(b, this);
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, IRegionScope scope, IAuditActor actor, TimeProvider clock)
    : AppDbContext(options, scope, actor, clock)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        // SQLite has no decimal type: money is stored as integer fen so that sums and comparisons are exact.
        c.Properties<decimal>().HaveConversion<FenConverter>();
        c.Properties<decimal?>().HaveConversion<FenConverter>();
        // SQLite keeps no time zone: every stored time is UTC, so read it back as UTC.
        c.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, IRegionScope scope, IAuditActor actor, TimeProvider clock)
    : AppDbContext(options, scope, actor, clock)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        c.Properties<decimal>().HavePrecision(14, 2);
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        // Properties marked [CodePointOrder] compare in code-point order, as on SQLite (BINARY).
        foreach (var entity in b.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
                if (property.PropertyInfo?.GetCustomAttributes(typeof(CodePointOrderAttribute), false).Length > 0)
                    b.Entity(entity.ClrType).Property(property.Name).UseCollation("C");
    }
}

/// <summary>
/// The text compares in code-point order on every database (PostgreSQL's "C"; SQLite's BINARY already is): a prefix is then
/// a contiguous range an index serves, in the same order on both (a linguistic collation would neither serve "starts with"
/// from an index nor keep a prefix contiguous).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CodePointOrderAttribute : Attribute;
