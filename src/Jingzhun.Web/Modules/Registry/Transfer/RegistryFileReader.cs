using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace Jingzhun.Web.Modules.Registry.Transfer;

/// <summary>A data row of the file: its row number as the user sees it, and its cells in <see cref="RegistryColumns.All"/> order.</summary>
public sealed record RawRow(int Row, string[] Fields);

/// <summary>
/// Reads a registry file (CSV or XLSX) row by row without loading it whole. CSV may be UTF-8 (with or without BOM)
/// or GB18030/GBK (what Excel in China saves): the encoding is detected from the bytes. Columns are found by their
/// header, so their order and extra columns do not matter.
/// </summary>
public static class RegistryFileReader
{
    public static readonly string[] RequiredHeaders =
        [RegistryColumns.HouseholdNumber, RegistryColumns.VillageCode, RegistryColumns.Name, RegistryColumns.IdNumber, "与户主关系", "户类型"];

    static RegistryFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

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

    /// <summary>The rows of the file; throws <see cref="InvalidDataException"/> (Chinese message) when required columns are missing.</summary>
    public static IEnumerable<RawRow> Read(Stream seekable, CancellationToken ct) =>
        IsXlsx(seekable) ? ReadXlsx(seekable, ct) : ReadCsv(seekable, DetectEncoding(seekable), ct);

    private static int[] MapHeaders(IReadOnlyList<string> headers)
    {
        var map = new int[RegistryColumns.All.Count];
        Array.Fill(map, -1);
        for (var i = 0; i < headers.Count; i++)
        {
            var k = RegistryColumns.IndexOf(headers[i].Trim().TrimStart('\uFEFF'));
            if (k >= 0 && map[k] < 0) map[k] = i;
        }
        var missing = RequiredHeaders.Where(h => map[RegistryColumns.IndexOf(h)] < 0).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"文件缺少必需的列：{string.Join("、", missing)}（请使用导入模板，第一行为列名）");
        return map;
    }

    private static string[] Project(int[] map, Func<int, string> cell)
    {
        var fields = new string[map.Length];
        for (var k = 0; k < map.Length; k++) fields[k] = map[k] < 0 ? "" : cell(map[k]);
        return fields;
    }

    private static IEnumerable<RawRow> ReadCsv(Stream stream, Encoding encoding, CancellationToken ct)
    {
        using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, 1 << 16, leaveOpen: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null, DetectDelimiter = false };
        using var csv = new CsvParser(text, config);
        if (!csv.Read()) throw new InvalidDataException("文件为空");
        var map = MapHeaders(csv.Record ?? []);
        while (csv.Read())
        {
            ct.ThrowIfCancellationRequested();
            var record = csv.Record!;
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            yield return new RawRow(csv.Row, Project(map, i => i < record.Length ? record[i] : ""));
        }
    }

    private static IEnumerable<RawRow> ReadXlsx(Stream stream, CancellationToken ct)
    {
        int[]? map = null;
        var row = 0;
        foreach (IDictionary<string, object?> cells in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            ct.ThrowIfCancellationRequested();
            row++;
            var values = cells.Values.Select(CellText).ToList();
            if (map is null)
            {
                map = MapHeaders(values);
                continue;
            }
            if (values.All(string.IsNullOrWhiteSpace)) continue;
            yield return new RawRow(row, Project(map, i => i < values.Count ? values[i] : ""));
        }
        if (map is null) throw new InvalidDataException("文件为空");
    }

    private static string CellText(object? v) => v switch
    {
        null => "",
        string s => s,
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
