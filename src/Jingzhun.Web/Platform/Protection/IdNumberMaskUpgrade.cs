using System.Text.RegularExpressions;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Platform.Protection;

/// <summary>
/// One-off conversion, run at every start and idempotent: masked ID numbers stored the old way
/// (500151********123X: the sequence digits shown, so with the birth date the whole number came back) become
/// 500151***********X, in the members table and in the audit entries (summaries and old/new values) that quote them.
/// Rows already in the new shape are not selected, so a converted database costs one scan per table.
/// </summary>
public static partial class IdNumberMaskUpgrade
{
    // 18 digits: address (6) + 8 stars + sequence (3) + check; 15 digits: address (6) + 5 stars + last 4.
    [GeneratedRegex(@"(?<![0-9*])([0-9]{6})\*{8}[0-9]{3}([0-9X])(?![0-9A-Za-z*])")]
    private static partial Regex Old18();

    [GeneratedRegex(@"(?<![0-9*])([0-9]{6})\*{5}[0-9]{4}(?![0-9A-Za-z*])")]
    private static partial Regex Old15();

    public static string Convert(string text) =>
        Old15().Replace(Old18().Replace(text, m => m.Groups[1].Value + "***********" + m.Groups[2].Value),
            m => m.Groups[1].Value + "*********");

    public static async Task RunAsync(AppDbContext db, CancellationToken ct)
    {
        // Portable SQL (SQLite and PostgreSQL both have substr, length and ||).
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE members SET "IdNumberMasked" = substr("IdNumberMasked", 1, 6) || '***********' || substr("IdNumberMasked", 18, 1)
            WHERE length("IdNumberMasked") = 18 AND substr("IdNumberMasked", 7, 11) <> '***********'
            """, ct);
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE members SET "IdNumberMasked" = substr("IdNumberMasked", 1, 6) || '*********'
            WHERE length("IdNumberMasked") = 15 AND substr("IdNumberMasked", 7, 9) <> '*********'
            """, ct);

        const string digit8 = "[0-9][*][*][*][*][*][*][*][*][0-9]", six5four = "[0-9][0-9][0-9][0-9][0-9][0-9][*][*][*][*][*][0-9][0-9][0-9][0-9]";
        // The same bracket patterns serve as a PostgreSQL regular expression and a SQLite GLOB (no braces: FromSqlRaw
        // would read them as parameters).
        var oldShape = db.Database.IsNpgsql()
            ? $"""
              "Summary" ~ '{digit8}' OR "Changes" ~ '{digit8}' OR "Summary" ~ '{six5four}' OR "Changes" ~ '{six5four}'
              """
            : $"""
              "Summary" GLOB '*{digit8}*' OR "Changes" GLOB '*{digit8}*' OR "Summary" GLOB '*{six5four}*' OR "Changes" GLOB '*{six5four}*'
              """;
        var sql = "SELECT * FROM audit_entries WHERE " + oldShape;   // constant text, no user input
        var candidates = await db.AuditEntries.FromSqlRaw(sql)
            .AcrossScopes("start-up conversion of every audit entry").AsNoTracking().Select(a => new { a.Id, a.Summary, a.Changes }).ToListAsync(ct);
        foreach (var a in candidates)
        {
            var summary = Convert(a.Summary);
            var changes = Convert(a.Changes);
            if (summary == a.Summary && changes == a.Changes) continue;   // a phone mask that only looked alike
            await db.AuditEntries.AcrossScopes("start-up conversion of every audit entry").Where(x => x.Id == a.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Summary, summary).SetProperty(x => x.Changes, changes), ct);
        }
    }
}
