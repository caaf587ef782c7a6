using System.Reflection;
using System.Text.RegularExpressions;
using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Jingzhun.Tests.Architecture;

/// <summary>
/// Scope and audit by construction: every entity of the model says where it belongs and whether it is audited, and
/// Platform turned that into a filter. A new entity that says nothing fails here, not in production.
/// </summary>
public sealed class EntityScopeTests
{
    // ASP.NET Core Identity's own tables: reached only through UserManager for an account the caller already holds
    // (AppUser itself declares its allow-list reason). They carry no region.
    private static readonly HashSet<string> IdentityTables =
    [
        "IdentityRole", "IdentityRoleClaim`1", "IdentityUserClaim`1", "IdentityUserLogin`1", "IdentityUserRole`1", "IdentityUserToken`1",
    ];

    private static IModel Model()
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var db = new SqliteAppDbContext(options, UnscopedRegion.Instance, SystemActor.Instance, TimeProvider.System);
        return db.Model;
    }

    private static List<IEntityType> Entities() =>
        Model().GetEntityTypes().Where(t => !t.IsOwned() && !IdentityTables.Contains(t.ClrType.Name)).ToList();

    [Fact]
    public void Every_entity_declares_exactly_one_scope()
    {
        var kinds = new[] { typeof(VillageScopedAttribute), typeof(RegionScopedAttribute), typeof(ScopedThroughAttribute), typeof(PartOfAttribute), typeof(NotScopedAttribute) };
        var wrong = Entities()
            .Select(t => (t.ClrType.Name, Count: kinds.Count(k => t.ClrType.IsDefined(k, false))))
            .Where(x => x.Count != 1).Select(x => $"{x.Name}: {x.Count} scope declarations").ToList();
        Assert.True(wrong.Count == 0, "Declare [VillageScoped], [RegionScoped], [ScopedThrough], [PartOf] or [NotScoped(reason)]:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Every_scoped_entity_has_its_region_filter_and_every_household_entity_its_pairing_filter()
    {
        var missing = new List<string>();
        foreach (var t in Entities())
        {
            var keys = t.GetDeclaredQueryFilters().Select(f => f.Key).ToHashSet();
            var scoped = t.ClrType.IsDefined(typeof(VillageScopedAttribute)) || t.ClrType.IsDefined(typeof(RegionScopedAttribute))
                || t.ClrType.IsDefined(typeof(ScopedThroughAttribute));
            if (scoped && !keys.Contains("region")) missing.Add($"{t.ClrType.Name}: no region filter");
            if ((typeof(IHouseholdOwned).IsAssignableFrom(t.ClrType) || t.ClrType.IsDefined(typeof(HouseholdKeyAttribute))) && !keys.Contains("paired")) missing.Add($"{t.ClrType.Name}: no pairing filter");
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void Entities_with_a_household_id_are_household_owned_or_say_why_not()
    {
        // A household-bound row that a pairing cadre must not see outside their households implements IHouseholdOwned.
        var notOwned = Entities().Where(t => t.FindProperty("HouseholdId") is not null && !typeof(IHouseholdOwned).IsAssignableFrom(t.ClrType))
            .Select(t => t.ClrType.Name).Order().ToList();
        // AuditEntry: the audit log, read only with audit.view (county and above), never by a cadre.
        // RegistrySnapshotRow: a frozen year-end copy read by county statistics, not by cadres.
        // WorkLogHousehold: part of a work log, which is its author's region's record.
        // ProjectBeneficiary: part of a project (a region's record); the project page names only households the reader's own scope shows.
        // ProjectAsset: a region's asset (a 到户类 one names its household); AssetDividend: part of an asset's income plan; the
        // asset page names only households the reader's own scope shows. Neither module is open to a pairing cadre.
        // ProductHousehold: part of a 消费帮扶 product (a region's record); the product page names only households the reader's own
        // scope shows, and the partners module is not open to a pairing cadre.
        // SamplingFrameUnit: part of a 回头看 campaign (a region's record): the frame's ids as fixed at the draw, never listed.
        Assert.Equal(["AssetDividend", "AuditEntry", "ProductHousehold", "ProjectAsset", "ProjectBeneficiary", "RegistrySnapshotRow", "SamplingFrameUnit",
            "WorkLogHousehold"], notOwned);
    }

    [Fact]
    public void Parts_of_an_aggregate_have_no_set_of_their_own_and_belong_to_their_root()
    {
        // Sets are the context's own properties and the modules' extension properties (static getters returning DbSet<T>).
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var sets = typeof(AppDbContext).Assembly.GetTypes().SelectMany(t => t.GetMethods(all))
            .Where(m => m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(DbSet<>) && !m.IsGenericMethodDefinition)
            .Select(m => m.ReturnType.GetGenericArguments()[0]).ToHashSet();
        var wrong = new List<string>();
        foreach (var t in Entities())
        {
            if (t.ClrType.GetCustomAttribute<PartOfAttribute>() is not { } part) continue;
            if (sets.Contains(t.ClrType)) wrong.Add($"{t.ClrType.Name} has a DbSet: it could be queried past its root's filter");
            if (!t.GetForeignKeys().Any(fk => fk.PrincipalEntityType.ClrType == part.Root)) wrong.Add($"{t.ClrType.Name} has no foreign key to {part.Root.Name}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Every_entity_is_audited_or_says_why_not()
    {
        var wrong = Entities().Where(t => typeof(IAudited).IsAssignableFrom(t.ClrType) == t.ClrType.IsDefined(typeof(NotAuditedAttribute), false))
            .Select(t => t.ClrType.Name).ToList();
        Assert.True(wrong.Count == 0, "Implement IAudited or declare [NotAudited(reason)] (exactly one):\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Personal_data_never_reaches_the_audit_log_in_clear()
    {
        // ID numbers (cipher and keyed hash), phones and health are [Sensitive]: the log says they changed, not what to.
        var sensitive = Entities().SelectMany(t => t.GetProperties())
            .Where(p => p.PropertyInfo?.IsDefined(typeof(SensitiveAttribute), false) == true)
            .Select(p => $"{p.DeclaringType.ClrType.Name}.{p.Name}").ToHashSet();
        var personal = Entities().SelectMany(t => t.GetProperties())
            .Where(p => Regex.IsMatch(p.Name, "^(IdNumber(Cipher|Hash)|Phone(Protected)?|Health.*|Disability.*)$"))
            .Select(p => $"{p.DeclaringType.ClrType.Name}.{p.Name}").ToList();
        Assert.NotEmpty(personal);
        Assert.DoesNotContain(personal, p => !sensitive.Contains(p));
    }

    [Fact]
    public void The_scope_is_crossed_only_through_AcrossScopes_with_a_reason()
    {
        var src = Path.Combine(Root(), "src", "Jingzhun.Web");
        var raw = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.EndsWith("Scoping.cs"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => x.line.Contains("IgnoreQueryFilters(", StringComparison.Ordinal) && !x.line.TrimStart().StartsWith("//"))
            .Select(x => $"{Path.GetRelativePath(src, x.f)}:{x.i + 1}").ToList();
        Assert.True(raw.Count == 0, "Use .AcrossScopes(\"reason\") (Platform/Data/Scoping.cs) instead of IgnoreQueryFilters:\n" + string.Join("\n", raw));
    }

    internal static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Jingzhun.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Jingzhun.slnx not found above " + AppContext.BaseDirectory);
    }
}
