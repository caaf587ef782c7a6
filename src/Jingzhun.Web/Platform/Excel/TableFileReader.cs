using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Jingzhun.Web.Platform.Excel;

/// <summary>A data row of the file: its row number as the user sees it, and its cells in the order of the reader's headers.</summary>
public sealed record RawRow(int Row, string[] Fields);

/// <summary>The columns a file is read into (in this order) and those it must have.</summary>
public sealed record TableLayout(IReadOnlyList<string> Headers, IReadOnlyList<string> Required)
{
    public int IndexOf(string header)
    {
        for (var i = 0; i < Headers.Count; i++)
            if (Headers[i] == header) return i;
        return -1;
    }
}

/// <summary>
/// Reads a table file (CSV or XLSX: the registry, the project library, the fund ledgers) row by row without loading it whole. CSV may be UTF-8 (with or without BOM)
/// or GB18030/GBK (what Excel in China saves): the encoding is detected from the bytes. Columns are found by their
/// header, so their order and extra columns do not matter.
/// </summary>
public static class TableFileReader
{
    /// <summary>How many rows above the header an xlsx may have (an export's title row).</summary>
    private const int RowsBeforeHeader = 3;

    static TableFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static bool IsXlsx(Stream seekable)
    {
        Span<byte> head = stackalloc byte[4];
        var n = seekable.Read(head);
        seekable.Position = 0;
        return n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    /// <summary>UTF-8 when the bytes decode as UTF-8 (BOM or not), otherwise GB18030 (a superset of GBK and GB2312).</summary>
    public static Encoding DetectEncoding(Stream seekable)
    {
        var buffer = new byte[1 << 16];
        var n = seekable.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        seekable.Position = 0;
        if (n >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) return new UTF8Encoding(false);
        // Ignore a multi-byte character cut off at the end of the sample.
        var end = n;
        if (n == buffer.Length)
            while (end > 0 && end > n - 4 && (buffer[end - 1] & 0xC0) == 0x80) end--;
        if (n == buffer.Length && end > 0 && buffer[end - 1] >= 0xC0) end--;
        try
        {
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(buffer, 0, end);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030");
        }
    }

    /// <summary>
    /// The rows of the file. Throws <see cref="UnreadableFileException"/> (Chinese message) when required columns are
    /// missing, the file is not a CSV or workbook, is damaged, or breaks a limit (size unpacked, rows, cell length):
    /// whatever is uploaded, memory stays bounded and the user reads why the file was refused.
    /// </summary>
    public static IEnumerable<RawRow> Read(Stream seekable, TableLayout layout, CancellationToken ct, XlsxLimits? limits = null, string? tempFolder = null)
    {
        // Lazy: the checks run when the rows are first asked for, inside the importer's handling of file errors.
        foreach (var row in Checked(seekable, layout, limits ?? XlsxLimits.Default, tempFolder, ct)) yield return row;
    }

    private static IEnumerable<RawRow> Checked(Stream seekable, TableLayout layout, XlsxLimits limits, string? tempFolder, CancellationToken ct)
    {
        if (IsXlsx(seekable))
        {
            XlsxGuard.Check(seekable, limits, ct);
            return Guarded(ReadXlsx(seekable, layout, limits, tempFolder, ct), XlsxGuard.Corrupt);
        }
        CheckText(seekable);
        return Guarded(ReadCsv(seekable, layout, DetectEncoding(seekable), limits, ct), "文件无法按 CSV 读取：请使用导入模板，另存为 UTF-8 或 GBK 编码的 CSV，或 Excel (.xlsx)");
    }

    /// <summary>A CSV must be text in UTF-8 or GBK: UTF-16 (what “Unicode 文本” saves) and binary files are refused up front.</summary>
    private static void CheckText(Stream seekable)
    {
        var head = new byte[4096];
        var n = seekable.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        seekable.Position = 0;
        if (n == 0) throw new UnreadableFileException("文件为空");
        if (n >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
            throw new UnreadableFileException("文件是 UTF-16（Unicode 文本）编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 Excel 工作簿 (.xlsx) 后导入");
        if (head.AsSpan(0, n).Contains((byte)0))
            throw new UnreadableFileException("文件不是 CSV 文本，也不是 Excel 工作簿 (.xlsx)：请使用导入模板");
    }

    /// <summary>Any failure of the underlying reader becomes a Chinese file error (never an English exception text).</summary>
    private static IEnumerable<RawRow> Guarded(IEnumerable<RawRow> rows, string message)
    {
        using var e = rows.GetEnumerator();
        while (true)
        {
            try
            {
                if (!e.MoveNext()) yield break;
            }
            catch (UnreadableFileException) { throw; }
            catch (OperationCanceledException) { throw; }
            catch (Exception ex) when (ex is InvalidDataException or System.Xml.XmlException or IOException or FormatException or InvalidOperationException
                                          or NotSupportedException or ArgumentException or IndexOutOfRangeException or KeyNotFoundException or CsvHelperException
                                          or DecoderFallbackException or InvalidCastException or OverflowException)
            {
                throw new UnreadableFileException(ex is MaxFieldSizeException ? "文件中有单元格超过长度上限：请检查文件内容（每个单元格应为一项信息）" : message);
            }
            yield return e.Current;
        }
    }

    private static void CheckRow(int row, int count, string[] fields, XlsxLimits limits)
    {
        if (count > limits.MaxRows) throw new UnreadableFileException($"文件超过 {limits.MaxRows} 行的上限：请拆分成多个文件导入");
        foreach (var f in fields)
            if (f.Length > limits.MaxCellChars)
                throw new UnreadableFileException($"第 {row} 行有单元格超过 {limits.MaxCellChars} 个字符的上限：请检查文件内容（每个单元格应为一项信息）");
    }

    /// <summary>Where each of the layout's columns is in the file (-1: absent), or null when a required one is missing.</summary>
    private static int[]? TryMapHeaders(TableLayout layout, IReadOnlyList<string> headers, out List<string> missing)
    {
        var map = new int[layout.Headers.Count];
        Array.Fill(map, -1);
        for (var i = 0; i < headers.Count; i++)
        {
            var k = layout.IndexOf(headers[i].Trim().TrimStart('\uFEFF'));
            if (k >= 0 && map[k] < 0) map[k] = i;
        }
        missing = layout.Required.Where(h => map[layout.IndexOf(h)] < 0).ToList();
        return missing.Count > 0 ? null : map;
    }

    private static int[] MapHeaders(TableLayout layout, IReadOnlyList<string> headers) =>
        TryMapHeaders(layout, headers, out var missing) ?? throw MissingColumns(missing);

    private static UnreadableFileException MissingColumns(List<string> missing) =>
        new($"文件缺少必需的列：{string.Join("、", missing)}（请使用导入模板，第一行为列名）");

    private static string[] Project(int[] map, Func<int, string> cell)
    {
        var fields = new string[map.Length];
        for (var k = 0; k < map.Length; k++) fields[k] = map[k] < 0 ? "" : cell(map[k]);
        return fields;
    }

    private static IEnumerable<RawRow> ReadCsv(Stream stream, TableLayout layout, Encoding encoding, XlsxLimits limits, CancellationToken ct)
    {
        using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, 1 << 16, leaveOpen: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = null, MissingFieldFound = null, DetectDelimiter = false,
            // A field is held whole by the parser: a cap keeps one 400 MB "cell" out of memory.
            MaxFieldSize = limits.MaxCellChars * 4L,
        };
        using var csv = new CsvParser(text, config);
        if (!csv.Read()) throw new UnreadableFileException("文件为空");
        var map = MapHeaders(layout, csv.Record ?? []);
        var count = 0;
        while (csv.Read())
        {
            ct.ThrowIfCancellationRequested();
            // Each field is read once, by position, straight into the layout's order (no record array in between).
            var width = csv.Count;
            var fields = new string[map.Length];
            var blank = true;
            for (var k = 0; k < map.Length; k++)
            {
                var f = map[k] >= 0 && map[k] < width ? ExcelCells.Unneutralise(csv[map[k]]) : "";
                fields[k] = f;
                blank &= string.IsNullOrWhiteSpace(f);
            }
            if (blank && AllBlank(csv, width)) continue;
            CheckRow(csv.Row, ++count, fields, limits);
            yield return new RawRow(csv.Row, fields);
        }
    }

    /// <summary>A row whose every cell is empty or blank (the columns outside the layout too) is skipped, as Excel leaves them.</summary>
    private static bool AllBlank(CsvParser csv, int width)
    {
        for (var i = 0; i < width; i++)
            if (!string.IsNullOrWhiteSpace(csv[i])) return false;
        return true;
    }

    private static IEnumerable<RawRow> ReadXlsx(Stream stream, TableLayout layout, XlsxLimits limits, string? tempFolder, CancellationToken ct)
    {
        int[]? map = null;
        var row = 0;
        var count = 0;
        List<string>? firstMissing = null;
        // Large shared-string tables are cached on disk by MiniExcel: in the private folder, never the system temp folder.
        var config = new OpenXmlConfiguration { EnableSharedStringCache = tempFolder is not null, SharedStringCachePath = tempFolder ?? "" };
        foreach (IDictionary<string, object?> cells in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX, configuration: config))
        {
            ct.ThrowIfCancellationRequested();
            row++;
            var values = cells.Values.Select(CellText).ToList();
            if (map is null)
            {
                // The header is the first row with every required column; an export's title row may come before it.
                map = TryMapHeaders(layout, values, out var missing);
                if (firstMissing is null || missing.Count < firstMissing.Count) firstMissing = missing; // the likeliest header row's gaps
                if (map is null && row >= RowsBeforeHeader) throw MissingColumns(firstMissing);
                continue;
            }
            if (values.All(string.IsNullOrWhiteSpace)) continue;
            var fields = Project(map, i => i < values.Count ? ExcelCells.Unneutralise(values[i]) : "");
            CheckRow(row, ++count, fields, limits);
            yield return new RawRow(row, fields);
        }
        if (map is null) throw firstMissing is null ? new UnreadableFileException("文件为空") : MissingColumns(firstMissing);
    }

    /// <summary>A cell as text: dates as 2026-01-31, numbers without exponent or trailing zeros, booleans 是/否.</summary>
    public static string CellText(object? v) => v switch
    {
        null => "",
        string s => s,
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        // A number of more than 15 digits (an ID number typed into a number cell) has lost its last digits: shown as Excel
        // shows it (5.00151196803153E+17), so that the row's error explains how to fix the column instead of a wrong number.
        double d when Math.Abs(d) >= 1e15 => d.ToString("0.##############E+0", CultureInfo.InvariantCulture),
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
