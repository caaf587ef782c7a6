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

    /// <summary>
    /// An amount of money as officials write it: from 1万 in 万 or 亿 (680,720 → "68.07万"), below it with its two decimals
    /// (8,700.50); "—" for none. Per-capita incomes pass <paramref name="wanFrom"/> 100,000 (12,303.00元 reads better).
    /// Display only: values compared, stored or exported stay exact.
    /// </summary>
    public static string Money(decimal? value, string unit = "", decimal wanFrom = Wan) => value switch
    {
        null => "—",
        { } v when Math.Abs(v) >= wanFrom && Math.Abs(v) >= Wan => Format(v, unit),
        { } v => Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("#,0.00", CultureInfo.InvariantCulture) + unit,
    };

    /// <summary>A per-capita income: in yuan with two decimals below 10万 (12,303.50元), in 万 above.</summary>
    public static string PerCapita(decimal? value, string unit = "") => Money(value, unit, PerCapitaWanFrom);

    public const decimal PerCapitaWanFrom = 100_000m;

    public static string Format(long value, string unit = "") => Format((decimal)value, unit);

    /// <summary>A percentage with up to <paramref name="decimals"/> decimals, "—" when there is nothing to divide.</summary>
    public static string Percent(double? value, int decimals = 1) =>
        value is { } v ? Math.Round((decimal)v, decimals, MidpointRounding.AwayFromZero).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture) + "%" : "—";

    // 1.25, 53.2, 123.46 (two decimals at most; 9999.996万 would round to 10000万, shown as such rather than as 1亿)
    private static string Short(decimal scaled) =>
        Math.Round(scaled, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);
}
