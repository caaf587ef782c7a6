namespace Jingzhun.Web.Platform.Excel;

/// <summary>
/// The common all-digit date shapes read without the general date parser (the bulk import reads millions): exactly
/// what <c>DateOnly.TryParseExact</c> accepts for "yyyyMMdd" and "yyyy-MM-dd", anything else is left to it.
/// </summary>
public static class DigitDates
{
    /// <summary>"yyyyMMdd" (8 ASCII digits) or "yyyy-MM-dd"; false when <paramref name="s"/> is not in either shape or not a real date.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        int y, m, d;
        if (s.Length == 8 && Digits(s, 0, 8))
            (y, m, d) = (Number(s, 0, 4), Number(s, 4, 2), Number(s, 6, 2));
        else if (s.Length == 10 && s[4] == '-' && s[7] == '-' && Digits(s, 0, 4) && Digits(s, 5, 2) && Digits(s, 8, 2))
            (y, m, d) = (Number(s, 0, 4), Number(s, 5, 2), Number(s, 8, 2));
        else return false;
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int length)
    {
        foreach (var c in s.Slice(start, length))
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    private static int Number(ReadOnlySpan<char> s, int start, int length)
    {
        var n = 0;
        foreach (var c in s.Slice(start, length)) n = n * 10 + (c - '0');
        return n;
    }
}
