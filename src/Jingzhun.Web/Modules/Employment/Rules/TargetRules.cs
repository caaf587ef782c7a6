namespace Jingzhun.Web.Modules.Employment.Rules;

/// <summary>
/// 务工监测 completion: employed ÷ target (the seed's 76.93 万 ÷ target = 102.4%). Compared as exact fractions; only the
/// percentage shown is rounded.
/// </summary>
public static class TargetRules
{
    /// <summary>The target in force: the county's own for the year when set (&gt; 0), else last year's figure (null when neither).</summary>
    public static int? TargetOf(int? ownTarget, int? lastYearEmployed) =>
        ownTarget is > 0 ? ownTarget : lastYearEmployed is > 0 ? lastYearEmployed : null;

    /// <summary>达标: employed at or above the target.</summary>
    public static bool Reached(long employed, long target) => target > 0 && employed >= target;

    /// <summary>The percentage for display, one decimal (102.4); null without a target.</summary>
    public static double? Percent(long numerator, long? denominator) =>
        denominator is > 0 ? Math.Round(100m * numerator / denominator.Value, 1, MidpointRounding.AwayFromZero) is var p ? (double)p : null : null;

    /// <summary>
    /// Orders two places by completion (a/b against c/d), highest first, without rounding: a place without a target comes
    /// last. Negative when the first ranks before the second.
    /// </summary>
    public static int CompareCompletion(long employedA, long? targetA, long employedB, long? targetB)
    {
        var hasA = targetA is > 0;
        var hasB = targetB is > 0;
        if (!hasA || !hasB) return hasA == hasB ? 0 : hasA ? -1 : 1;
        // a/b > c/d ⇔ a·d > c·b (b, d > 0); counts are far below 2^31, so the products fit in a long.
        return (employedB * targetA!.Value).CompareTo(employedA * targetB!.Value);
    }
}
