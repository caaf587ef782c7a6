namespace Jingzhun.Web.Modules.Regions.Rules;

/// <summary>
/// Pure rules on statistical division codes (统计用区划代码): 省 2, 市 4, 区县 6, 乡镇 9, 村 12 digits.
/// A node's subtree is every code that starts with it, so a subtree is a range over 12-digit village codes.
/// </summary>
public static class RegionCodes
{
    public static bool IsValid(string? code) =>
        code is { Length: 2 or 4 or 6 or 9 or 12 } && code.All(char.IsAsciiDigit);

    public static RegionLevel LevelOf(string code) => code.Length switch
    {
        2 => RegionLevel.Province,
        4 => RegionLevel.City,
        6 => RegionLevel.County,
        9 => RegionLevel.Township,
        12 => RegionLevel.Village,
        _ => throw new ArgumentException($"不是有效的区划代码：{code}", nameof(code)),
    };

    public static string? ParentOf(string code) => code.Length switch
    {
        2 => null,
        4 => code[..2],
        6 => code[..4],
        9 => code[..6],
        12 => code[..9],
        _ => throw new ArgumentException($"不是有效的区划代码：{code}", nameof(code)),
    };

    /// <summary>The 6-digit county code of a county or lower code; null above county level.</summary>
    public static string? CountyOf(string code) => code.Length >= 6 ? code[..6] : null;

    /// <summary>True when <paramref name="code"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public static bool IsWithin(string code, string ancestor) => code.StartsWith(ancestor, StringComparison.Ordinal);

    /// <summary>
    /// Inclusive bounds over 12-digit village codes for a subtree. Digit-only strings of equal length sort the
    /// same under every collation, so a range uses the index on both SQLite and PostgreSQL (LIKE may not).
    /// </summary>
    public static (string Low, string High) VillageRange(string code) =>
        (code.PadRight(12, '0'), code.PadRight(12, '9')); // "" (the national root) spans every village

    /// <summary>The 12-digit padded form used in official tables (500151 → 500151000000).</summary>
    public static string Padded(string code) => code.PadRight(12, '0');
}
