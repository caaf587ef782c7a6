using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Regions;
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

    /// <summary>Saves the changes and their audit entries atomically (one transaction).</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var pending = SuppressAudit ? [] : AuditRecorder.Collect(ChangeTracker);
        if (pending.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            AuditEntries.AddRange(pending.Select(p => AuditRecorder.ToEntry(p, actor, now)));
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            return count;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>Records an action that changes no row (revealing an ID number) in the same log.</summary>
    public async Task RecordAsync(AuditAction action, string entityType, string entityId, long? householdId, string regionCode,
        string summary, CancellationToken ct)
    {
        AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime, UserId = actor.UserId, UserName = actor.UserName, Action = action,
            EntityType = entityType, EntityId = entityId, HouseholdId = householdId, RegionCode = regionCode, Summary = summary,
        });
        await base.SaveChangesAsync(true, ct);
    }

    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<HouseholdIncome> Incomes => Set<HouseholdIncome>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Jingzhun.Web.Platform.Files.StoredFile> Files => Set<Jingzhun.Web.Platform.Files.StoredFile>();
    public DbSet<Jingzhun.Web.Platform.Jobs.Job> Jobs => Set<Jingzhun.Web.Platform.Jobs.Job>();
    public DbSet<Jingzhun.Web.Modules.Monitoring.RiskLead> RiskLeads => Set<Jingzhun.Web.Modules.Monitoring.RiskLead>();
    public DbSet<Jingzhun.Web.Modules.Monitoring.MonitoringCase> MonitoringCases => Set<Jingzhun.Web.Modules.Monitoring.MonitoringCase>();
    public DbSet<Jingzhun.Web.Modules.Monitoring.AssistanceMeasure> AssistanceMeasures => Set<Jingzhun.Web.Modules.Monitoring.AssistanceMeasure>();
    public DbSet<Jingzhun.Web.Modules.Dashboards.ExitEvaluation.ExitStandard> ExitStandards => Set<Jingzhun.Web.Modules.Dashboards.ExitEvaluation.ExitStandard>();
    public DbSet<Jingzhun.Web.Modules.Dashboards.ExitEvaluation.HouseholdExit> HouseholdExits => Set<Jingzhun.Web.Modules.Dashboards.ExitEvaluation.HouseholdExit>();
    public DbSet<Jingzhun.Web.Modules.Monitoring.MonitoringPolicy> MonitoringPolicies => Set<Jingzhun.Web.Modules.Monitoring.MonitoringPolicy>();
    public DbSet<Jingzhun.Web.Modules.Guarantees.GuaranteePolicy> GuaranteePolicies => Set<Jingzhun.Web.Modules.Guarantees.GuaranteePolicy>();
    public DbSet<Jingzhun.Web.Modules.Guarantees.Problem> Problems => Set<Jingzhun.Web.Modules.Guarantees.Problem>();
    public DbSet<Jingzhun.Web.Modules.Guarantees.ProblemEvent> ProblemEvents => Set<Jingzhun.Web.Modules.Guarantees.ProblemEvent>();
    public DbSet<Jingzhun.Web.Modules.Guarantees.HouseholdAssessment> Assessments => Set<Jingzhun.Web.Modules.Guarantees.HouseholdAssessment>();
    public DbSet<Jingzhun.Web.Modules.FieldWork.Cadre> Cadres => Set<Jingzhun.Web.Modules.FieldWork.Cadre>();
    public DbSet<Jingzhun.Web.Modules.FieldWork.Pairing> Pairings => Set<Jingzhun.Web.Modules.FieldWork.Pairing>();
    public DbSet<Jingzhun.Web.Modules.FieldWork.WorkTeam> WorkTeams => Set<Jingzhun.Web.Modules.FieldWork.WorkTeam>();
    public DbSet<Jingzhun.Web.Modules.FieldWork.Visit> Visits => Set<Jingzhun.Web.Modules.FieldWork.Visit>();
    public DbSet<Jingzhun.Web.Modules.FieldWork.VisitPhoto> VisitPhotos => Set<Jingzhun.Web.Modules.FieldWork.VisitPhoto>();

    // Read by the query filters at execution time (EF parameterizes context members).
    internal string? ScopeLow => scope.VillageLow;
    internal string? ScopeHigh => scope.VillageHigh;
    internal string? ScopePrefix => scope.RegionCode;

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly, t => t.Namespace?.StartsWith("Jingzhun.Web.Modules", StringComparison.Ordinal) == true || t.Namespace?.StartsWith("Jingzhun.Web.Platform", StringComparison.Ordinal) == true);
        b.Entity<AppUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(50);
            u.Property(x => x.RegionCode).HasMaxLength(12);
            u.Property(x => x.Role).HasMaxLength(30);
            u.HasIndex(x => x.RegionCode);
        });

        b.Entity<Household>().HasQueryFilter(h => ScopeLow == null
            || (string.Compare(h.VillageCode, ScopeLow) >= 0 && string.Compare(h.VillageCode, ScopeHigh) <= 0));
        b.Entity<Member>().HasQueryFilter(m => ScopeLow == null
            || (string.Compare(m.Household.VillageCode, ScopeLow) >= 0 && string.Compare(m.Household.VillageCode, ScopeHigh) <= 0));
        b.Entity<HouseholdIncome>().HasQueryFilter(i => ScopeLow == null
            || (string.Compare(i.Household.VillageCode, ScopeLow) >= 0 && string.Compare(i.Household.VillageCode, ScopeHigh) <= 0));
        b.Entity<Jingzhun.Web.Modules.Guarantees.Problem>().HasQueryFilter(p => ScopeLow == null
            || (string.Compare(p.VillageCode, ScopeLow) >= 0 && string.Compare(p.VillageCode, ScopeHigh) <= 0));
        b.Entity<Jingzhun.Web.Modules.Guarantees.HouseholdAssessment>().HasQueryFilter(a => ScopeLow == null
            || (string.Compare(a.VillageCode, ScopeLow) >= 0 && string.Compare(a.VillageCode, ScopeHigh) <= 0));
        b.Entity<Jingzhun.Web.Modules.Monitoring.RiskLead>().HasQueryFilter(l => ScopeLow == null
            || (string.Compare(l.VillageCode, ScopeLow) >= 0 && string.Compare(l.VillageCode, ScopeHigh) <= 0));
        b.Entity<Jingzhun.Web.Modules.Monitoring.MonitoringCase>().HasQueryFilter(c => ScopeLow == null
            || (string.Compare(c.VillageCode, ScopeLow) >= 0 && string.Compare(c.VillageCode, ScopeHigh) <= 0));
        b.Entity<Jingzhun.Web.Modules.Monitoring.AssistanceMeasure>().HasQueryFilter(m => ScopeLow == null
            || (string.Compare(m.VillageCode, ScopeLow) >= 0 && string.Compare(m.VillageCode, ScopeHigh) <= 0));
        b.Entity<Jingzhun.Web.Modules.Dashboards.ExitEvaluation.HouseholdExit>().HasQueryFilter(e => ScopeLow == null
            || (string.Compare(e.VillageCode, ScopeLow) >= 0 && string.Compare(e.VillageCode, ScopeHigh) <= 0));
        b.Entity<Jingzhun.Web.Modules.FieldWork.Pairing>().HasQueryFilter(p => ScopeLow == null
            || (string.Compare(p.VillageCode, ScopeLow) >= 0 && string.Compare(p.VillageCode, ScopeHigh) <= 0));
        b.Entity<Jingzhun.Web.Modules.FieldWork.WorkTeam>().HasQueryFilter(t => ScopeLow == null
            || (string.Compare(t.VillageCode, ScopeLow) >= 0 && string.Compare(t.VillageCode, ScopeHigh) <= 0));
        b.Entity<Jingzhun.Web.Modules.FieldWork.Visit>().HasQueryFilter(v => ScopeLow == null
            || (string.Compare(v.VillageCode, ScopeLow) >= 0 && string.Compare(v.VillageCode, ScopeHigh) <= 0));
        // A cadre belongs to the village or township they serve; a photo to its uploader's region until it joins a visit.
        b.Entity<Jingzhun.Web.Modules.FieldWork.Cadre>().HasQueryFilter(c => ScopePrefix == null || c.RegionCode.StartsWith(ScopePrefix));
        b.Entity<Jingzhun.Web.Modules.FieldWork.VisitPhoto>().HasQueryFilter(p => ScopePrefix == null || p.RegionCode.StartsWith(ScopePrefix));
        b.Entity<Jingzhun.Web.Modules.Dashboards.Snapshots.RegistrySnapshot>().HasQueryFilter(s => ScopePrefix == null || s.RegionCode.StartsWith(ScopePrefix));
        b.Entity<AuditEntry>().HasQueryFilter(a => ScopePrefix == null || a.RegionCode.StartsWith(ScopePrefix));
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
}
