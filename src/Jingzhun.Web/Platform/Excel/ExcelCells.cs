namespace Jingzhun.Web.Platform.Excel;

/// <summary>
/// Formula injection (CSV injection): a text cell beginning with = + - @, tab or CR could run as a formula when a
/// CSV is opened in Excel. CSV exports prefix such cells with a single quote (CsvHelper's
/// <c>InjectionOptions.Escape</c>); xlsx exports write strings as string cells (MiniExcel: <c>t="str"</c>, never a
/// formula), numbers as numbers. The importer takes the quote off again, so an export re-imports unchanged.
/// </summary>
public static class ExcelCells
{
    public static readonly char[] InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'];

    public static string Neutralise(string s) => s.Length > 0 && Array.IndexOf(InjectionCharacters, s[0]) >= 0 ? "'" + s : s;

    /// <summary>The cell as written before <see cref="Neutralise"/>: a leading quote before one of the characters is dropped.</summary>
    public static string Unneutralise(string s) => s.Length >= 2 && s[0] == '\'' && Array.IndexOf(InjectionCharacters, s[1]) >= 0 ? s[1..] : s;
}
