using System.Linq.Expressions;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Platform.Policies;

/// <summary>A policy row for a province (2-digit code, "" = national) from a year on (DESIGN.md: policy values by year and region).</summary>
public interface IProvincePolicy
{
    string ProvinceCode { get; }
    int Year { get; }
}

public static class PolicyTables
{
    /// <summary>
    /// The row in force for a place and a year: the province's own latest row not after the year, else the national one.
    /// </summary>
    public static Task<T?> InForceAsync<T>(this IQueryable<T> table, string regionCode, int year, CancellationToken ct)
        where T : class, IProvincePolicy
    {
        var province = regionCode.Length >= 2 ? regionCode[..2] : "";
        return table.AsNoTracking()
            .Where(p => (p.ProvinceCode == province || p.ProvinceCode == "") && p.Year <= year)
            .OrderByDescending(p => p.ProvinceCode).ThenByDescending(p => p.Year)
            .FirstOrDefaultAsync(ct);
    }
}

/// <summary>A policy row for a county (6-digit code, "" = default for all) from a year on.</summary>
public interface ICountyPolicy
{
    string CountyCode { get; }
    int Year { get; }
}

public static class CountyPolicyTables
{
    /// <summary>The row in force for a place and a year: the county's own latest row not after the year, else the default one.</summary>
    public static Task<T?> InForceForCountyAsync<T>(this IQueryable<T> table, string regionCode, int year, CancellationToken ct)
        where T : class, ICountyPolicy
    {
        var county = regionCode.Length >= 6 ? regionCode[..6] : "";
        return table.AsNoTracking()
            .Where(p => (p.CountyCode == county || p.CountyCode == "") && p.Year <= year)
            .OrderByDescending(p => p.CountyCode).ThenByDescending(p => p.Year)
            .FirstOrDefaultAsync(ct);
    }
}

/// <summary>
/// Setting a policy row of a place and a year (an upsert) under optimistic concurrency: the stored row is changed only
/// by someone who read its current version; a new row needs none. Two administrators creating the same row at once: the
/// unique key of (place, year) refuses the second, who is told who was first.
/// </summary>
public static class PolicyEdits
{
    /// <summary>The stored row at the version the editor read, or a new row added to the table (the caller sets its values).</summary>
    public static async Task<Outcome<T>> RowToSetAsync<T>(this DbSet<T> table, Expression<Func<T, bool>> key,
        Func<T> create, int version, string what, CancellationToken ct) where T : class, IStamped
    {
        var row = await table.FirstOrDefaultAsync(key, ct);
        if (row is null)
        {
            table.Add(row = create());
            return row;
        }
        return Versions.Check(row, version, what) is { } stale ? stale : row;
    }

    /// <summary>Stamps the row (new version, who, when) and saves it; a stale write answers the stale-edit failure.</summary>
    public static Task<Failure?> SaveRowAsync<T>(this AppDbContext db, T row, Expression<Func<T, bool>> key,
        string what, DateTime now, string by, CancellationToken ct) where T : class, IStamped
    {
        row.Stamp(now, by);
        return db.SaveEditAsync(what, c => db.Set<T>().AsNoTracking().FirstOrDefaultAsync(key, c), ct, uniqueKeyMeansTaken: true);
    }

    /// <summary>"全国 2024年起的…" / "53 2024年起的…" (the place's code): how the messages name a row.</summary>
    public static string Name(string place, int year, string table) => $"{(place == "" ? "全国" : place)} {year}年起的{table}";
}
