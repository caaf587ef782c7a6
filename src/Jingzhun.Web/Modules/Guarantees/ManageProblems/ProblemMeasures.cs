using System.Linq.Expressions;

namespace Jingzhun.Web.Modules.Guarantees.ManageProblems;

/// <summary>What a bulletin counts; the problem list can filter by the same measure and period.</summary>
public enum ProblemMeasure
{
    Found = 1,       // 新发现: found in the period
    Resolved = 2,    // 已解决: resolution submitted in the period (and not returned)
    Verified = 3,    // 已核验: verified in the period
    Outstanding = 4, // 未清零: found before the period's end (or now) and not verified by then
    Overdue = 5,     // 逾期: outstanding, past its deadline, and no accepted resolution by then
}

/// <summary>
/// One definition of each bulletin figure, used by the bulletin and by the problem list filter, so the two always
/// agree. Times are UTC instants; "as of" is the period's end or now, whichever is earlier.
/// </summary>
public static class ProblemMeasures
{
    public static Expression<Func<Problem, bool>> Where(ProblemMeasure measure, DateTime start, DateTime asOf, DateOnly asOfDay) => measure switch
    {
        ProblemMeasure.Found => p => p.FoundAt >= start && p.FoundAt < asOf,
        ProblemMeasure.Resolved => p => p.ResolvedAt >= start && p.ResolvedAt < asOf,
        ProblemMeasure.Verified => p => p.VerifiedAt >= start && p.VerifiedAt < asOf,
        ProblemMeasure.Outstanding => p => p.FoundAt < asOf && (p.VerifiedAt == null || p.VerifiedAt >= asOf),
        ProblemMeasure.Overdue => p => p.FoundAt < asOf && (p.VerifiedAt == null || p.VerifiedAt >= asOf)
            && p.Deadline < asOfDay && (p.ResolvedAt == null || p.ResolvedAt >= asOf),
        _ => throw new ArgumentOutOfRangeException(nameof(measure)),
    };
}
