using System.Collections.Frozen;
using System.Globalization;
using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Platform.Excel;

/// <summary>A problem with one cell (or one row): the row number as in the user's file, the column header, the reason.</summary>
public sealed record RowError(int Row, string Column, string Message);

/// <summary>How an all-or-nothing import reports its bad rows, on a page and through the API.</summary>
public static class ImportErrors
{
    private static int Rows(IReadOnlyList<RowError> errors) => errors.Select(e => e.Row).Distinct().Count();

    /// <summary>The page's message above its table of errors.</summary>
    public static string PageMessage(IReadOnlyList<RowError> errors) => $"导入失败：{Rows(errors)} 行有错误，未导入任何数据。请按下表改正后重新导入。";

    /// <summary>The API's 400: each bad cell as "第N行·列名" → reasons.</summary>
    public static Problems.Failure AsFailure(IReadOnlyList<RowError> errors) =>
        new(Problems.FailureKind.Invalid, $"导入失败：{Rows(errors)} 行有错误，未导入任何数据。请改正后重新导入",
            errors.GroupBy(e => $"第{e.Row}行·{e.Column}").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
}

/// <summary>
/// Reads the cells of one row (in the order of <c>headers</c>) as text, codes, numbers and dates; a cell that is not of
/// its form adds a <see cref="RowError"/> naming the row, the column and the reason, and reads as absent.
/// </summary>
public readonly struct CellReader(string[] f, IReadOnlyList<string> headers, int row, List<RowError> errors)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy-M-d", "yyyy/M/d", "yyyyMMdd", "yyyy.MM.dd", "yyyy.M.d", "yyyy年M月d日", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm"];

    public int Row => row;

    /// <summary>Whether the error list this reader writes to has any error (a reader per row: whether the row has).</summary>
    public bool HasErrors => errors.Count > 0;

    public string Header(int i) => headers[i];

    public string Raw(int i) => (i < f.Length ? f[i] : "").Trim();
    public void Fail(int i, string message) => errors.Add(new RowError(row, headers[i], message));
    private string Name(int i) => headers[i];

    public string? Text(int i) => Raw(i) is { Length: > 0 } s ? s : null;

    /// <summary>A required cell's value, or a row error when it is empty (a malformed cell has its own error already).</summary>
    public T Required<T>(int i, T? value) where T : struct
    {
        if (value is { } v) return v;
        if (Raw(i).Length == 0) Fail(i, $"请填写{headers[i]}");
        return default;
    }

    public T Code<T>(int i, T fallback, bool required = false) where T : struct, Enum
    {
        var s = Raw(i);
        if (s.Length == 0)
        {
            if (required) Fail(i, $"请填写{Name(i)}");
            return fallback;
        }
        if (CodeTable<T>.TryParse(s, out var v)) return v;
        Fail(i, $"“{s}”不是有效的{Name(i)}（可填：{CodeTable<T>.Choices}）");
        return fallback;
    }

    public T? OptCode<T>(int i) where T : struct, Enum
    {
        var s = Raw(i);
        if (s.Length == 0) return null;
        if (CodeTable<T>.TryParse(s, out var v)) return v;
        Fail(i, $"“{s}”不是有效的{Name(i)}（可填：{CodeTable<T>.Choices}）");
        return null;
    }

    public bool Bool(int i) => OptBool(i) ?? false;

    public bool? OptBool(int i)
    {
        var s = Raw(i);
        switch (s)
        {
            case "": return null;
            case "是" or "1" or "Y" or "y" or "√" or "有" or "true" or "TRUE" or "True": return true;
            case "否" or "0" or "N" or "n" or "×" or "无" or "false" or "FALSE" or "False": return false;
            default:
                Fail(i, $"{Name(i)}应填“是”或“否”，实际为“{s}”");
                return null;
        }
    }

    public int? OptInt(int i)
    {
        var s = Raw(i);
        if (s.Length == 0) return null;
        if (int.TryParse(s, NumberStyles.Integer, Inv, out var v)) return v;
        // Excel may hand back 2021 as "2021.0".
        if (decimal.TryParse(s, NumberStyles.Number, Inv, out var d) && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue) return (int)d;
        Fail(i, $"{Name(i)}应为整数，实际为“{s}”");
        return null;
    }

    public decimal? OptDecimal(int i)
    {
        var s = Raw(i);
        if (s.Length == 0) return null;
        if (decimal.TryParse(s.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, Inv, out var v)) return v;
        Fail(i, $"{Name(i)}应为数字，实际为“{s}”");
        return null;
    }

    public decimal Money(int i) => OptDecimal(i) ?? 0m;

    public double? OptDouble(int i)
    {
        var s = Raw(i);
        if (s.Length == 0) return null;
        if (double.TryParse(s, NumberStyles.Float, Inv, out var v)) return v;
        Fail(i, $"{Name(i)}应为数字，实际为“{s}”");
        return null;
    }

    public DateOnly? OptDate(int i)
    {
        var s = Raw(i);
        if (s.Length == 0) return null;
        if (s.Length == 10 && DigitDates.TryParse(s, out var quick)) return quick;
        if (DateOnly.TryParseExact(s, DateFormats, Inv, DateTimeStyles.None, out var d)) return d;
        if (DateTime.TryParseExact(s, DateFormats, Inv, DateTimeStyles.None, out var dt)) return DateOnly.FromDateTime(dt);
        // An Excel date cell read as its serial number (days since 1899-12-30).
        if (double.TryParse(s, NumberStyles.Float, Inv, out var serial) && serial is > 1 and < 2958466)
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        Fail(i, $"{Name(i)}“{s}”不是有效日期（如 2026-01-31）");
        return null;
    }
}

/// <summary>Label (因病), English name (Illness) or numeric code (1) → value, for a code-table enum.</summary>
public static class CodeTable<T> where T : struct, Enum
{
    private static readonly FrozenDictionary<string, T> Lookup = Build();

    public static readonly string Choices = string.Join("、", Labels.For<T>().Select(x => x.Label));

    private static FrozenDictionary<string, T> Build()
    {
        var d = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var (v, label) in Labels.For<T>())
        {
            d[label] = v;
            d[v.ToString()] = v;
            d[Convert.ToInt32(v, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)] = v;
        }
        return d.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public static bool TryParse(string text, out T value) => Lookup.TryGetValue(text, out value);
}
