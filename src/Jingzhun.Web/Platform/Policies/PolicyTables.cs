using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Platform.Policies;

public static class PolicyTables
{
    /// <summary>
    /// The row in force for a place and a year: the place's own latest row not after the year (its province or its
    /// county, by the table's level), else the latest row for everywhere ("").
    /// </summary>
    public static Task<T?> InForceAsync<T>(this IQueryable<T> table, string regionCode, int year, CancellationToken ct) where T : PolicyRow
    {
        var level = PolicyLevel.Of(typeof(T));
        var code = level.CodeOf(regionCode);
        return table.AsNoTracking()
            .Where(p => (EF.Property<string>(p, level.Column) == code || EF.Property<string>(p, level.Column) == "") && p.Year <= year)
            .OrderByDescending(p => EF.Property<string>(p, level.Column)).ThenByDescending(p => p.Year)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Registers a module's policy table: its declaration, its defaults' seed and the admin page's entry.</summary>
    public static IServiceCollection AddPolicyTable<TTable>(this IServiceCollection services) where TTable : class, IPolicyTable, new()
    {
        var table = new TTable();
        services.AddSingleton(table);
        services.AddSingleton<IPolicyTable>(table);
        var rowInterface = typeof(IPolicyTable<>).MakeGenericType(table.RowType);
        services.AddSingleton(rowInterface, table);
        services.AddScoped(typeof(IStartupSeed), typeof(PolicyDefaultsSeed<>).MakeGenericType(table.RowType));
        return services;
    }

    /// <summary>Maps the table's GET (list) and PUT (set a row) endpoints.</summary>
    public static IEndpointRouteBuilder MapPolicyTable<TTable>(this IEndpointRouteBuilder api) where TTable : class, IPolicyTable
    {
        api.ServiceProvider.GetRequiredService<TTable>().MapApi(api);
        return api;
    }
}

/// <summary>
/// A policy table's defaults (DOMAIN.md), written into the empty table at first start — system work, so one summary
/// in the log rather than an audit entry per row.
/// </summary>
internal sealed class PolicyDefaultsSeed<TRow>(AppDbContext db, IPolicyTable<TRow> table, TimeProvider clock) : IStartupSeed where TRow : PolicyRow
{
    public int Order => 10;
    public bool DemoOnly => false;

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        if (await db.Set<TRow>().AnyAsync(ct)) return null;
        var rows = table.Defaults().ToList();
        foreach (var row in rows) row.Stamp(clock.GetUtcNow().UtcDateTime, Auditing.SystemActor.Instance.UserName);
        db.Set<TRow>().AddRange(rows);
        db.SuppressAudit = true;
        await db.SaveChangesAsync(ct);
        db.SuppressAudit = false;
        return null;
    }
}
