using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Jingzhun.Web.Platform.Excel;

/// <summary>
/// Writes rows to an .xlsx (MiniExcel streams rows, so memory stays flat for large lists) in a temporary file that
/// deletes itself when the response has been sent.
/// </summary>
public static class ExcelFile
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static Task<IResult> ResultAsync(IEnumerable<IDictionary<string, object?>> rows, string sheetName, string downloadName,
        CancellationToken ct) =>
        WriteAsync(file => MiniExcel.SaveAsAsync(file, rows, sheetName: sheetName, excelType: ExcelType.XLSX, cancellationToken: ct), downloadName);

    /// <summary>
    /// A workbook of several sheets (name → rows), e.g. a bulletin's 总体 / 按维度 / 按地区. A configuration adds a frozen
    /// header row (<c>FreezeRowCount = 1</c>) and per-column number formats (<c>DynamicColumns</c>, keyed by header).
    /// </summary>
    public static Task<IResult> SheetsResultAsync(IReadOnlyDictionary<string, IEnumerable<IDictionary<string, object?>>> sheets, string downloadName,
        CancellationToken ct, OpenXmlConfiguration? configuration = null) =>
        WriteAsync(file => MiniExcel.SaveAsAsync(file, sheets.ToDictionary(s => s.Key, s => (object)s.Value.ToList()), excelType: ExcelType.XLSX,
            configuration: configuration, cancellationToken: ct), downloadName);

    private static async Task<IResult> WriteAsync(Func<Stream, Task> write, string downloadName)
    {
        var path = Path.Combine(Path.GetTempPath(), $"jingzhun-{Guid.NewGuid():N}.xlsx");
        await using (var file = File.Create(path))
        {
            await write(file);
        }
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return TypedResults.File(stream, ContentType, downloadName);
    }
}
