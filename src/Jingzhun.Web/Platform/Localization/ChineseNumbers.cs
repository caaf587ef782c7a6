using System.Globalization;

namespace Jingzhun.Web.Platform.Localization;

/// <summary>
/// Numbers the way Chinese statistics quote them: below 1万 as written (with thousands separators), from 1万 in 万
/// and from 1亿 in 亿, with at most two decimals and no trailing zeros (12,500 人 → "1.25万人", 5,320,000,000 元 → "53.2亿元").
/// </summary>
public static class ChineseNumbers
{
    private const decimal Wan = 10_000m;
    private const decimal Yi = 100_000_000m;

    /// <param name="value">the number</param>
    /// <param name="unit">appended after the magnitude (人, 户, 元)</param>
    /// <param name="wanFrom">the smallest absolute value written in 万 (per-capita incomes read better as 12,303元, so
    /// pass a larger value for them)</param>
    /// <param name="decimals">decimals of values below 1万 (money: 2)</param>
    public static string Format(decimal value, string unit = "", decimal wanFrom = Wan, int decimals = 0)
    {
        var abs = Math.Abs(value);
        string text;
        if (abs >= Yi) text = Short(value / Yi) + "亿";
        else if (abs >= wanFrom && abs >= Wan) text = Short(value / Wan) + "万";
        else text = Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("#,0." + new string('#', decimals), CultureInfo.InvariantCulture);
        return text + unit;
    }

    public static string Format(int value, string unit = "") => Format((decimal)value, unit);

    public static string Format(long value, string unit = "") => Format((decimal)value, unit);

    /// <summary>A percentage with up to <paramref name="decimals"/> decimals, "—" when there is nothing to divide.</summary>
    public static string Percent(double? value, int decimals = 1) =>
        value is { } v ? Math.Round((decimal)v, decimals, MidpointRounding.AwayFromZero).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture) + "%" : "—";

    // 1.25, 53.2, 123.46 (two decimals at most; 9999.996万 would round to 10000万, shown as such rather than as 1亿)
    private static string Short(decimal scaled) =>
        Math.Round(scaled, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);
}
