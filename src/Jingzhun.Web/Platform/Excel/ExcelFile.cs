using MiniExcelLibs;

namespace Jingzhun.Web.Platform.Excel;

/// <summary>
/// Writes rows to an .xlsx (MiniExcel streams rows, so memory stays flat for large lists) in a temporary file that
/// deletes itself when the response has been sent.
/// </summary>
public static class ExcelFile
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<IResult> ResultAsync(IEnumerable<IDictionary<string, object?>> rows, string sheetName, string downloadName,
        CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"jingzhun-{Guid.NewGuid():N}.xlsx");
        await using (var file = File.Create(path))
        {
            await MiniExcel.SaveAsAsync(file, rows, sheetName: sheetName, excelType: ExcelType.XLSX, cancellationToken: ct);
        }
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return TypedResults.File(stream, ContentType, downloadName);
    }
}
