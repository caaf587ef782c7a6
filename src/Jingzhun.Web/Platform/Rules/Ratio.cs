using System.Globalization;

namespace Jingzhun.Web.Platform.Rules;

/// <summary>
/// A ratio of two counts (poor people ÷ rural population, wrongly exited ÷ sampled, verified ÷ found), compared with
/// a percentage limit exactly: part × 100 against limit × whole, in decimal, never a rounded percentage (a county at
/// 2.999% passes "低于3%", a 群众认可度 of 89.999% fails "不低于90%"). Rounding is for display only, and
/// <see cref="Display"/> never shows a figure that reads as the other side of the limit. Pure.
/// </summary>
public readonly record struct Ratio(long Part, long Whole) : IComparable<Ratio>
{
    /// <summary>Nothing to divide (no population, an empty sample).</summary>
    public bool IsEmpty => Whole <= 0;

    /// <summary>"低于 limit%" (strict).</summary>
    public bool IsBelowPercent(decimal limit) => !IsEmpty && Part * 100m < limit * Whole;

    /// <summary>"不低于 limit%" (inclusive).</summary>
    public bool IsAtLeastPercent(decimal limit) => !IsEmpty && Part * 100m >= limit * Whole;

    /// <summary>"不高于 limit%" (inclusive).</summary>
    public bool IsAtMostPercent(decimal limit) => !IsEmpty && Part * 100m <= limit * Whole;

    /// <summary>"高于 limit%" (strict).</summary>
    public bool IsAbovePercent(decimal limit) => !IsEmpty && Part * 100m > limit * Whole;

    /// <summary>The percentage, unrounded (decimal's 28 digits), null when empty: for display and sorting.</summary>
    public decimal? Percent => IsEmpty ? null : Part * 100m / Whole;

    /// <summary>The percentage for a report column as a double, rounded only at <paramref name="decimals"/> for display.</summary>
    public double? RoundedPercent(int decimals) => Percent is { } p ? (double)Math.Round(p, decimals, MidpointRounding.AwayFromZero) : null;

    /// <summary>Exact order by cross-multiplication (an empty ratio sorts first).</summary>
    public int CompareTo(Ratio other)
    {
        if (IsEmpty || other.IsEmpty) return (IsEmpty ? 0 : 1) - (other.IsEmpty ? 0 : 1);
        return ((Int128)Part * other.Whole).CompareTo((Int128)other.Part * Whole);
    }

    /// <summary>
    /// The percentage with <paramref name="decimals"/> decimals (no trailing zeros, without the "%"), given more decimals
    /// where the rounded figure would sit on the other side of <paramref name="limit"/> (or on it) than the exact value:
    /// 2,999 ÷ 100,000 against 3% reads "2.999", not "3".
    /// </summary>
    public string Display(decimal limit, int decimals = 2)
    {
        if (Percent is not { } exact) return "—";
        var side = exact.CompareTo(limit);
        for (var d = decimals; d <= 12; d++)
        {
            var shown = Math.Round(exact, d, MidpointRounding.AwayFromZero);
            if (shown.CompareTo(limit) == side) return Format(shown, d);
        }
        // Still on the limit after 12 decimals: cut towards the exact value's side.
        var cut = Math.Round(exact, 12, side < 0 ? MidpointRounding.ToNegativeInfinity : MidpointRounding.ToPositiveInfinity);
        return Format(cut, 12);
    }

    private static string Format(decimal value, int decimals) =>
        value.ToString("0." + new string('#', Math.Max(decimals, 1)), CultureInfo.InvariantCulture);

    public static bool operator <(Ratio a, Ratio b) => a.CompareTo(b) < 0;
    public static bool operator <=(Ratio a, Ratio b) => a.CompareTo(b) <= 0;
    public static bool operator >(Ratio a, Ratio b) => a.CompareTo(b) > 0;
    public static bool operator >=(Ratio a, Ratio b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Part}/{Whole}";
}
