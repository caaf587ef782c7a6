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
