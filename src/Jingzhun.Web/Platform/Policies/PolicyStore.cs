using System.Linq.Expressions;
using FluentValidation;
using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Platform.Policies;

/// <summary>
/// The one mechanism behind every policy table: the row in force for a place and year (cached for the request or
/// job), the rows, saving a row for a place and year (checked, validated, audited by the context like every write)
/// and the history of the changes (the audit log, in the reader's scope).
/// </summary>
public sealed class PolicyStore(AppDbContext db, CurrentUser user, IServiceProvider services, TimeProvider clock)
{
    public const int LastYear = 2100;

    private readonly Dictionary<(Type, string, int), PolicyRow> _inForce = [];

    /// <summary>The row in force for a place and year, else the table's fallback values.</summary>
    public async Task<TRow> InForceAsync<TRow>(string regionCode, int year, CancellationToken ct) where TRow : PolicyRow
    {
        var key = (typeof(TRow), PolicyLevel.Of(typeof(TRow)).CodeOf(regionCode), year);
        if (_inForce.TryGetValue(key, out var cached)) return (TRow)cached;
        var row = await db.Set<TRow>().InForceAsync(regionCode, year, ct) ?? services.GetRequiredService<IPolicyTable<TRow>>().Fallback(year);
        _inForce[key] = row;
        return row;
    }

    /// <summary>
    /// The rows in force in a year for every place within <paramref name="within"/> (a province or the country: thousands
    /// of counties), read in one query instead of one per place; the answer gives each place's row as
    /// <see cref="InForceAsync{TRow}"/> would (the place's latest row of the year or before, else the default's, else the fallback).
    /// </summary>
    public async Task<Func<string, TRow>> InForceWithinAsync<TRow>(string within, int year, CancellationToken ct) where TRow : PolicyRow
    {
        var level = PolicyLevel.Of(typeof(TRow));
        var prefix = within.Length > level.Digits ? within[..level.Digits] : within;
        var rows = await db.Set<TRow>().AsNoTracking()
            .Where(p => p.Year <= year && (EF.Property<string>(p, level.Column) == "" || EF.Property<string>(p, level.Column).StartsWith(prefix)))
            .ToListAsync(ct);
        var latest = new Dictionary<string, TRow>(StringComparer.Ordinal);
        foreach (var row in rows)
            if (!latest.TryGetValue(row.RegionCode, out var seen) || seen.Year < row.Year) latest[row.RegionCode] = row;
        var fallback = latest.GetValueOrDefault("") ?? services.GetRequiredService<IPolicyTable<TRow>>().Fallback(year);
        return place => latest.GetValueOrDefault(level.CodeOf(place)) ?? fallback;
    }

    /// <summary>Every row, by place ("" first) and year.</summary>
    public async Task<IReadOnlyList<TRow>> ListAsync<TRow>(CancellationToken ct) where TRow : PolicyRow
    {
        var column = PolicyLevel.Of(typeof(TRow)).Column;
        return await db.Set<TRow>().AsNoTracking().OrderBy(p => EF.Property<string>(p, column)).ThenBy(p => p.Year).ToListAsync(ct);
    }

    /// <summary>
    /// The row code of a request's place (the level's keyword or its digits) and year, if the user may set it:
    /// a national user any row, anyone else the rows of their region or below it (a province its province, a county
    /// its county).
    /// </summary>
    public Outcome<string> Locate(IPolicyTable table, string? place, int year)
    {
        var level = table.Level;
        if (level.Parse(place) is not { } code)
            return Failure.Invalid(level.Parameter, $"{level.CodeName}应为{level.Digits}位数字（{table.DefaultName}用 {level.Keyword}）");
        if (year < table.FirstYear || year > LastYear)
            return Failure.Invalid("year", table.YearMessage);
        if (!PolicyLevel.MaySet(user.RegionCode, code))
            return Failure.Forbidden(code == "" ? $"只有全国级管理员可以修改{table.DefaultName}" : $"只有{level.Owner}管理员可以修改{level.Own}的{table.Title}");
        return code;
    }

    /// <summary>Sets the row of a place and year (a new one, or the existing one overwritten).</summary>
    public async Task<Outcome<TRow>> SaveAsync<TRow, TValues, TView>(PolicyTable<TRow, TValues, TView> table, string? place, int year, TValues values,
        int? version, CancellationToken ct) where TRow : PolicyRow, new() where TValues : notnull
    {
        if (TextLimits.Check(values) is { } tooLong) return tooLong;
        var located = Locate(table, place, year);
        if (!located.Succeeded) return located.Failure!;
        var code = located.Value!;
        // The declared ranges, then the table's own rules (a list of grades, one value against another), if it has any.
        var errors = PolicyFields<TValues>.OutOfRange(values);
        if (services.GetService<IValidator<TValues>>() is { } validator && await validator.ValidateAsync(values, ct) is { IsValid: false } check)
            foreach (var (key, messages) in Failure.Invalid(check).Errors!)
                errors[key] = [.. errors.GetValueOrDefault(key, []).Union(messages)];
        if (errors.Count > 0) return new Failure(FailureKind.Invalid, Forms.FormErrors.FixAndRetry, errors);
        values = table.Normalize(values);
        if (await table.CheckAsync(db.Set<TRow>().AsNoTracking(), code, year, values, ct) is { } failure) return failure;

        var column = table.Level.Column;
        Expression<Func<TRow, bool>> sameRow = p => EF.Property<string>(p, column) == code && p.Year == year;
        var what = $"{table.Level.Name(code)} {year}年起的{table.Title}";
        var row = await db.Set<TRow>().FirstOrDefaultAsync(sameRow, ct);
        if (row is null)
        {
            row = new TRow { Year = year };
            row.Place(code);
            db.Set<TRow>().Add(row);
        }
        // Optimistic concurrency: a stored row is changed only by someone who read its version; a new row needs none.
        else if (Data.Versions.Check(row, version ?? 0, what) is { } stale) return stale;
        PolicyFields<TValues>.CopyTo(values, row);
        row.Stamp(clock.GetUtcNow().UtcDateTime, user.UserName);
        // Someone saved meanwhile, or two administrators added the same place and year at once: named with when.
        if (await db.SaveEditAsync(what, c => db.Set<TRow>().AsNoTracking().FirstOrDefaultAsync(sameRow, c), ct, uniqueKeyMeansTaken: true) is { } lost)
            return lost;
        _inForce.Clear();
        return row;
    }

    /// <summary>The latest changes of a table (who, when, what), as far as the reader's scope shows them.</summary>
    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(IPolicyTable table, int take, CancellationToken ct)
    {
        var type = table.RowType.Name;
        return await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == type)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(take).ToListAsync(ct);
    }
}
