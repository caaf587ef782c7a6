using Jingzhun.Web.Modules.Registry;

namespace Jingzhun.Web.Modules.Registry.Rules;

public sealed record IdNumberInfo(string Normalized, DateOnly BirthDate, Gender Gender, string AddressCode, bool IsLegacy);

/// <summary>
/// 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence (odd = male), and
/// a check character over the first 17 digits. 15-digit numbers (pre-1999, 6-digit date 19YYMMDD, no check) are
/// accepted and flagged as legacy. Pure: "today" is passed in.
/// </summary>
public static partial class IdNumberRule
{
    /// <summary>A number Excel stored as a number: shown in scientific notation (5.00151E+17), its last digits already lost.</summary>
    public const string ExcelTurnedIntoNumber = "身份证号码被 Excel 当成了数字（显示为科学计数法，如 5.00151E+17，后几位已变成 0）："
        + "请选中身份证号码这一列，设置单元格格式为“文本”，再把号码重新输入或粘贴（也可在号码前加英文单引号 '），保存后重新导入";

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d+(\.\d+)?E\+?\d+$")]
    private static partial System.Text.RegularExpressions.Regex ExcelNumber();

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    public static string Normalize(string? raw) => (raw ?? "").Trim().ToUpperInvariant();

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckChars[sum % 11];
    }

    /// <summary>Validates and decodes; the error is a Chinese message naming what is wrong.</summary>
    public static bool TryParse(string? raw, DateOnly today, out IdNumberInfo? info, out string? error)
    {
        info = null;
        var id = Normalize(raw);
        if (id.Length == 0) { error = "请填写身份证号码"; return false; }
        if (ExcelNumber().IsMatch(id)) { error = ExcelTurnedIntoNumber; return false; }
        if (id.Length == 15)
        {
            if (!id.All(char.IsAsciiDigit)) { error = "15位身份证号码应全部为数字"; return false; }
            if (!TryDate("19" + id[6..12], today, out var legacyBirth, out error)) return false;
            info = new IdNumberInfo(id, legacyBirth, (id[14] - '0') % 2 == 1 ? Gender.Male : Gender.Female, id[..6], true);
            return true;
        }
        if (id.Length != 18) { error = $"身份证号码应为18位（或旧式15位），实际为{id.Length}位"; return false; }
        if (!id[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(id[17]) || id[17] == 'X'))
        { error = "身份证号码前17位应为数字，末位为数字或X"; return false; }
        if (!TryDate(id[6..14], today, out var birth, out error)) return false;
        var expected = CheckCharacter(id.AsSpan(0, 17));
        // The right check character is not told: it would turn a mistyped number into a "valid" wrong one.
        if (id[17] != expected) { error = "身份证号码有误（校验位不符），请对照身份证逐位核对"; return false; }
        info = new IdNumberInfo(id, birth, (id[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female, id[..6], false);
        return true;
    }

    private static bool TryDate(string yyyymmdd, DateOnly today, out DateOnly date, out string? error)
    {
        if (!Platform.Excel.DigitDates.TryParse(yyyymmdd, out date) && !DateOnly.TryParseExact(yyyymmdd, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out date))
        { error = $"身份证号码中的出生日期 {yyyymmdd} 不是有效日期"; return false; }
        if (date > today) { error = $"身份证号码中的出生日期 {date:yyyy-MM-dd} 晚于今天"; return false; }
        if (date.Year < 1880) { error = $"身份证号码中的出生日期 {date:yyyy-MM-dd} 不合理"; return false; }
        error = null;
        return true;
    }

    /// <summary>
    /// Shown everywhere without the reveal permission: 500151***********X (address code and check character only).
    /// The sequence digits stay hidden: with the birth date shown beside it, 500151********123X gave the number back.
    /// A 15-digit number has no check character, so only its address code is shown: 110105*********.
    /// </summary>
    public static string Mask(string normalized) => normalized.Length switch
    {
        < 7 => new string('*', normalized.Length),
        18 => normalized[..6] + new string('*', 11) + normalized[17],
        _ => normalized[..6] + new string('*', normalized.Length - 6),
    };

    /// <summary>Builds a valid 18-digit number (used by the demo generator and tests).</summary>
    public static string Compose(string addressCode, DateOnly birth, int sequence, Gender gender)
    {
        var seq = sequence % 1000;
        if ((seq % 2 == 1) != (gender == Gender.Male)) seq = (seq + 1) % 1000;
        var first17 = $"{addressCode}{birth:yyyyMMdd}{seq:000}";
        return first17 + CheckCharacter(first17);
    }
}
