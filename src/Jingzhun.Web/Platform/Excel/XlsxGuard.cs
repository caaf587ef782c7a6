using System.IO.Compression;
using System.Xml;

namespace Jingzhun.Web.Platform.Excel;

/// <summary>A file that cannot be read safely or at all; the message is Chinese and tells the user what to do.</summary>
public sealed class UnreadableFileException(string message) : Exception(message);

/// <summary>Bounds on what an uploaded workbook may unpack to (configuration section Import).</summary>
public sealed record XlsxLimits(long MaxUncompressedBytes, double MaxCompressionRatio, int MaxRows, int MaxCellChars, int MaxColumns)
{
    public static XlsxLimits From(IConfiguration config) => new(
        config.GetValue("Import:MaxUncompressedBytes", 1024L * 1024 * 1024),
        config.GetValue("Import:MaxCompressionRatio", 200.0),
        config.GetValue("Import:MaxRows", 3_000_000),
        config.GetValue("Import:MaxCellChars", 1000),
        config.GetValue("Import:MaxColumns", 500));

    public static readonly XlsxLimits Default = new(1024L * 1024 * 1024, 200.0, 3_000_000, 1000, 500);
}

/// <summary>
/// Checks an .xlsx before any reader unpacks it (a zip bomb drove the server to 6.9 GiB): it must be a zip with a
/// workbook; the declared sizes and compression ratios must be plausible; then the sheets and shared strings are
/// unpacked once as a stream (the real sizes count, not what the zip claims) and scanned with an XML reader that
/// reads text in chunks, so no cell longer than the limit, no row beyond the limit and no column beyond the limit
/// ever reaches MiniExcel, which holds a cell's text whole. Memory stays at a few buffers whatever the file.
/// </summary>
public static class XlsxGuard
{
    public const string Corrupt = "文件不是有效的 Excel 工作簿（.xlsx），或已损坏、未完整上传：请用 Excel 打开检查后另存为 .xlsx 再导入";

    public static void Check(Stream seekable, XlsxLimits limits, CancellationToken ct)
    {
        var start = seekable.Position;
        try
        {
            using var zip = Open(seekable);
            if (zip.GetEntry("xl/workbook.xml") is null)
                throw new UnreadableFileException("压缩包中没有 Excel 工作簿（缺少 xl/workbook.xml）：请上传 Excel 保存的 .xlsx 文件");
            var max = limits.MaxUncompressedBytes;
            long declared = 0;
            foreach (var e in zip.Entries)
            {
                declared += e.Length;
                if (declared > max) throw TooBig(max);
                if (e.Length > 1024 * 1024 && e.Length > limits.MaxCompressionRatio * Math.Max(1, e.CompressedLength))
                    throw new UnreadableFileException($"文件中的 {e.FullName} 压缩比异常（超过 {limits.MaxCompressionRatio:0} 倍），疑似恶意构造的文件，已拒绝导入");
            }
            long actual = 0;
            foreach (var e in zip.Entries.Where(e => IsScanned(e.FullName)))
            {
                ct.ThrowIfCancellationRequested();
                using var raw = e.Open();
                using var counted = new CountingStream(raw, max - actual, max);
                Scan(counted, e.FullName, limits, ct);
                actual += counted.Count;
            }
        }
        catch (UnreadableFileException) { throw; }
        catch (OperationCanceledException) { throw; }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or NotSupportedException or ArgumentException)
        {
            throw new UnreadableFileException(Corrupt);
        }
        finally
        {
            seekable.Position = start;
        }
    }

    private static ZipArchive Open(Stream s)
    {
        try
        {
            return new ZipArchive(s, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new UnreadableFileException(Corrupt);
        }
    }

    private static UnreadableFileException TooBig(long max) =>
        new($"Excel 文件解压后超过 {max / 1024 / 1024} MB 的上限：请拆分成多个文件，或另存为 CSV 后导入");

    private static bool IsScanned(string name) =>
        name.Equals("xl/sharedStrings.xml", StringComparison.OrdinalIgnoreCase)
        || (name.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase));

    private static void Scan(Stream xml, string name, XlsxLimits limits, CancellationToken ct)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true,
            MaxCharactersInDocument = 0, MaxCharactersFromEntities = 1024, CloseInput = false,
        };
        using var reader = XmlReader.Create(xml, settings);
        var chunk = new char[4096];
        var sheet = !name.EndsWith("sharedStrings.xml", StringComparison.OrdinalIgnoreCase);
        var nodes = 0L;
        while (reader.Read())
        {
            if ((++nodes & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when sheet && reader.LocalName == "row":
                    if (int.TryParse(reader.GetAttribute("r"), System.Globalization.CultureInfo.InvariantCulture, out var r) && r > limits.MaxRows + 1)
                        throw new UnreadableFileException($"工作表行数超过 {limits.MaxRows} 行的上限（第 {r} 行）：请拆分成多个文件导入");
                    break;
                case XmlNodeType.Element when sheet && reader.LocalName == "c":
                    if (ColumnOf(reader.GetAttribute("r")) is var col && col > limits.MaxColumns)
                        throw new UnreadableFileException($"工作表列数超过 {limits.MaxColumns} 列的上限（单元格 {reader.GetAttribute("r")}）：请删除多余的列后导入");
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    long length = 0;
                    int n;
                    while ((n = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                    {
                        length += n;
                        if (length > limits.MaxCellChars)
                            throw new UnreadableFileException($"文件中有单元格超过 {limits.MaxCellChars} 个字符的上限：请检查文件内容（每个单元格应为一项信息）");
                    }
                    break;
            }
        }
    }

    /// <summary>1-based column of a cell reference such as "AB12" (0 when absent).</summary>
    private static int ColumnOf(string? reference)
    {
        if (reference is null) return 0;
        var col = 0;
        foreach (var ch in reference)
        {
            if (ch is >= 'A' and <= 'Z') col = col * 26 + (ch - 'A' + 1);
            else break;
            if (col > 1_000_000) break;
        }
        return col;
    }

    /// <summary>Counts what is actually unpacked and stops at the limit, whatever the zip's directory claims.</summary>
    private sealed class CountingStream(Stream inner, long limit, long total) : Stream
    {
        public long Count { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            Count += n;
            if (Count > limit) throw TooBig(total);
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
