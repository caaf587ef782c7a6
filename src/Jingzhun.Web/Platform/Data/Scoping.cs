using System.Linq.Expressions;
using System.Reflection;
using Jingzhun.Web.Modules.Regions.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Jingzhun.Web.Platform.Data;

// An entity says where it belongs; Platform turns that into the region filter (AppDbContext.OnModelCreating), so a
// new entity cannot forget its scope. The architecture test fails for an entity that declares none of these.

/// <summary>The entity belongs to one village: a 12-digit village code, filtered by the user's village range.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class VillageScopedAttribute(string property = "VillageCode") : Attribute
{
    public string Property { get; } = property;
}

/// <summary>The entity belongs to a region of any level (county, township, village): filtered by code prefix.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RegionScopedAttribute(string property = "RegionCode") : Attribute
{
    public string Property { get; } = property;

    /// <summary>
    /// The users below the row's region read it too (a county's 主导产业 by its townships and villages): the filter also
    /// keeps the rows of the regions above the user's own, never a neighbour's. Writing stays with the handlers, which
    /// check that the user's region holds the row's (<c>CurrentUser.CanSee</c>).
    /// </summary>
    public bool ReadBelow { get; init; }
}

/// <summary>The entity belongs to the scoped entity its navigation points to (a member to its household).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ScopedThroughAttribute(string navigation) : Attribute
{
    public string Navigation { get; } = navigation;
}

/// <summary>
/// Part of an aggregate whose root is scoped (a problem's events): it has no DbSet, is only loaded through its
/// root (Include), so the root's filter decides. The architecture test checks both.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PartOfAttribute(Type root) : Attribute
{
    public Type Root { get; } = root;
}

/// <summary>Deliberately visible across regions; the reason is part of the allow-list the architecture test reads.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NotScopedAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}

/// <summary>The entity belongs to one household: a pairing cadre sees it only for the households paired with them.</summary>
public interface IHouseholdOwned
{
    long HouseholdId { get; }
}

/// <summary>
/// A record of one pairing cadre (the cadre record, their work logs): a pairing cadre sees only their own. The
/// property holds the cadre's id.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CadreKeyAttribute(string property) : Attribute
{
    public string Property { get; } = property;
}

/// <summary>The household itself: its key is what a pairing cadre's household list holds.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class HouseholdKeyAttribute(string property) : Attribute
{
    public string Property { get; } = property;
}

/// <summary>How the region filters are built from the declarations.</summary>
internal static class ScopeFilters
{
    public const string Region = "region";
    public const string Paired = "paired";
    public const string OwnCadre = "own-cadre";

    private static readonly MethodInfo Compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
    private static readonly MethodInfo StartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
    private static readonly MethodInfo ContainsId = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(long));
    private static readonly MethodInfo OneParameter = typeof(EF).GetMethod(nameof(EF.Parameter))!.MakeGenericMethod(typeof(long[]));

    public static void Apply(ModelBuilder b, AppDbContext context)
    {
        var ctx = Expression.Constant(context);
        foreach (var type in b.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.BaseType is null).ToList())
        {
            var clr = type.ClrType;
            var e = Expression.Parameter(clr, "e");
            var region = RegionPredicate(clr, e, ctx);
            if (region is not null) b.Entity(clr).HasQueryFilter(Region, Expression.Lambda(region, e));
            var householdKey = clr.GetCustomAttribute<HouseholdKeyAttribute>()?.Property
                ?? (typeof(IHouseholdOwned).IsAssignableFrom(clr) ? nameof(IHouseholdOwned.HouseholdId) : null);
            if (householdKey is not null)
            {
                // A cadre's scope (ScopeHouseholds) lists the households paired with them; null for every other role.
                // One list parameter (json_each on SQLite, = ANY on PostgreSQL): by default EF 10 writes the list into
                // the SQL by its value (for everyone but a cadre, a null list, the IN is dropped), so the SQL of every
                // query of a household or its records was rebuilt on every execution, under a lock (issue 18: 9% of a
                // household list's time under load, and most of the app's lock contention).
                var ids = Expression.Property(ctx, nameof(AppDbContext.ScopeHouseholds));
                var paired = Expression.OrElse(Expression.Equal(ids, Expression.Constant(null, ids.Type)),
                    Expression.Call(ContainsId, Expression.Call(OneParameter, ids), Expression.Property(e, householdKey)));
                b.Entity(clr).HasQueryFilter(Paired, Expression.Lambda(paired, e));
            }
            if (clr.GetCustomAttribute<CadreKeyAttribute>() is { } cadreKey)
            {
                var own = Expression.Property(ctx, nameof(AppDbContext.ScopeCadre));
                var mine = Expression.OrElse(Expression.Equal(own, Expression.Constant(null, typeof(long?))),
                    Expression.Equal(Expression.Convert(Expression.Property(e, cadreKey.Property), typeof(long?)), own));
                b.Entity(clr).HasQueryFilter(OwnCadre, Expression.Lambda(mine, e));
            }
        }
    }

    /// <summary>
    /// The codes from <paramref name="low"/> (the region's own code) to <paramref name="high"/> (its code padded with 9s):
    /// for digit codes exactly those starting with the region's code, as a range an index serves on both databases (a
    /// prefix match alone reads every row on SQLite). It goes with the prefix match, which stays the definition.
    /// </summary>
    internal static Expression PrefixRange(Expression code, Expression low, Expression high)
    {
        var zero = Expression.Constant(0);
        return Expression.AndAlso(
            Expression.GreaterThanOrEqual(Expression.Call(Compare, code, low), zero),
            Expression.LessThanOrEqual(Expression.Call(Compare, code, high), zero));
    }

    /// <summary>The region predicate for <paramref name="clr"/> on <paramref name="e"/>, or null when it has none.</summary>
    private static Expression? RegionPredicate(Type clr, Expression e, Expression ctx)
    {
        if (clr.GetCustomAttribute<VillageScopedAttribute>() is { } v)
        {
            var code = Expression.Property(e, v.Property);
            var low = Expression.Property(ctx, nameof(AppDbContext.ScopeLow));
            var high = Expression.Property(ctx, nameof(AppDbContext.ScopeHigh));
            var zero = Expression.Constant(0);
            return Expression.OrElse(Expression.Equal(low, Expression.Constant(null, typeof(string))),
                Expression.AndAlso(
                    Expression.GreaterThanOrEqual(Expression.Call(Compare, code, low), zero),
                    Expression.LessThanOrEqual(Expression.Call(Compare, code, high), zero)));
        }
        if (clr.GetCustomAttribute<RegionScopedAttribute>() is { } r)
        {
            var prefix = Expression.Property(ctx, nameof(AppDbContext.ScopePrefix));
            var high = Expression.Property(ctx, nameof(AppDbContext.ScopeHigh));
            var code = Expression.Property(e, r.Property);
            Expression mine = Expression.AndAlso(Expression.Call(code, StartsWith, prefix), PrefixRange(code, prefix, high));
            if (r.ReadBelow) mine = Expression.OrElse(mine, Expression.Call(prefix, StartsWith, code));
            return Expression.OrElse(Expression.Equal(prefix, Expression.Constant(null, typeof(string))), mine);
        }
        if (clr.GetCustomAttribute<ScopedThroughAttribute>() is { } t)
        {
            var nav = clr.GetProperty(t.Navigation) ?? throw new InvalidOperationException($"{clr.Name}.{t.Navigation} does not exist");
            return RegionPredicate(nav.PropertyType, Expression.Property(e, nav), ctx)
                ?? throw new InvalidOperationException($"{clr.Name} is scoped through {nav.PropertyType.Name}, which declares no region scope");
        }
        return null;
    }

    /// <summary>The declared scope of an entity type, for the architecture test and docs/architecture.md.</summary>
    public static string Describe(Type clr) =>
        clr.GetCustomAttribute<VillageScopedAttribute>() is { } v ? $"village:{v.Property}"
        : clr.GetCustomAttribute<RegionScopedAttribute>() is { } r ? $"region:{r.Property}" + (r.ReadBelow ? " (read below)" : "")
        : clr.GetCustomAttribute<ScopedThroughAttribute>() is { } t ? $"through:{t.Navigation}"
        : clr.GetCustomAttribute<PartOfAttribute>() is { } p ? $"part-of:{p.Root.Name}"
        : clr.GetCustomAttribute<NotScopedAttribute>() is { } n ? $"not-scoped:{n.Reason}"
        : "";
}

/// <summary>The one toolkit for "inside this region" predicates on scoped entities (a sub-region the user asked for).</summary>
public static class RegionQueries
{
    /// <summary>Rows of <paramref name="code"/>'s subtree, by the entity's declared village or region code.</summary>
    public static IQueryable<T> InRegion<T>(this IQueryable<T> query, string code) where T : class
    {
        var e = Expression.Parameter(typeof(T), "e");
        Expression predicate;
        if (typeof(T).GetCustomAttribute<VillageScopedAttribute>() is { } v)
        {
            var (low, high) = RegionCodes.VillageRange(code);
            var c = Expression.Property(e, v.Property);
            var compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
            predicate = Expression.AndAlso(
                Expression.GreaterThanOrEqual(Expression.Call(compare, c, Param(low)), Expression.Constant(0)),
                Expression.LessThanOrEqual(Expression.Call(compare, c, Param(high)), Expression.Constant(0)));
        }
        else if (typeof(T).GetCustomAttribute<RegionScopedAttribute>() is { } r)
        {
            var c = Expression.Property(e, r.Property);
            predicate = Expression.AndAlso(Expression.Call(c, typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!, Param(code)),
                ScopeFilters.PrefixRange(c, Param(code), Param(RegionCodes.VillageRange(code).High)));
        }
        else throw new InvalidOperationException($"{typeof(T).Name} declares no village or region scope");
        return query.Where(Expression.Lambda<Func<T, bool>>(predicate, e));
    }

    // A closure member, so EF sends the value as a parameter (one cached plan for every region).
    private static Expression Param(string value) => Expression.Property(Expression.Constant(new Box(value)), nameof(Box.Value));

    private sealed class Box(string value)
    {
        public string Value { get; } = value;
    }
}

/// <summary>The one way past the scope filters, so every use names its reason (docs/architecture.md lists them).</summary>
public static class ScopeEscapes
{
    /// <summary>
    /// Switches off the scope filters of the WHOLE query this set takes part in (EF applies IgnoreQueryFilters to
    /// the query, not to one set): use it only on a query that joins nothing scoped, with ids already in scope.
    /// </summary>
    public static IQueryable<T> AcrossScopes<T>(this IQueryable<T> query, string reason) where T : class =>
        string.IsNullOrWhiteSpace(reason) ? throw new ArgumentException("state why the scope is crossed", nameof(reason)) : query.IgnoreQueryFilters();
}
