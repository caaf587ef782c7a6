using Jingzhun.Web.Platform.Files;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Jingzhun.Web.Platform.Excel;

/// <summary>
/// Writes rows to an .xlsx (MiniExcel streams rows, so memory stays flat for large lists) in a temporary file of the
/// private folder (<see cref="PrivateTemp"/>, never the system temp folder) that deletes itself when the response has
/// been sent. Strings are written as string cells (never formulas), numbers as numbers: see <see cref="ExcelCells"/>.
/// Every export prints (<see cref="ExcelPrint"/>): a title row (the download name's region and subject, and the export
/// time), columns as wide as their contents, the header repeated on each A4 landscape page.
/// </summary>
public static class ExcelFile
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static Task<IResult> ResultAsync(IEnumerable<IDictionary<string, object?>> rows, string sheetName, string downloadName,
        CancellationToken ct) =>
        Task.FromResult<IResult>(new Result((file, token) => MiniExcel.SaveAsAsync(file, OrNone(rows), sheetName: sheetName, excelType: ExcelType.XLSX,
            cancellationToken: token), downloadName, ct));

    /// <summary>The row an empty list is written as: a sheet with only its title would leave the reader guessing.</summary>
    public static readonly IReadOnlyDictionary<string, object?> NoRows = new Dictionary<string, object?> { ["说明"] = "没有符合条件的记录" };

    /// <summary>The rows, streamed as they come; none: the <see cref="NoRows"/> row.</summary>
    private static IEnumerable<IDictionary<string, object?>> OrNone(IEnumerable<IDictionary<string, object?>> rows)
    {
        using var e = rows.GetEnumerator();
        if (!e.MoveNext())
        {
            yield return new Dictionary<string, object?>(NoRows);
            yield break;
        }
        do yield return e.Current;
        while (e.MoveNext());
    }

    /// <summary>
    /// A workbook of several sheets (name → rows), e.g. a bulletin's 总体 / 按维度 / 按地区. A configuration adds a frozen
    /// header row (<c>FreezeRowCount = 1</c>) and per-column number formats (<c>DynamicColumns</c>, keyed by header).
    /// </summary>
    public static Task<IResult> SheetsResultAsync(IReadOnlyDictionary<string, IEnumerable<IDictionary<string, object?>>> sheets, string downloadName,
        CancellationToken ct, OpenXmlConfiguration? configuration = null) =>
        Task.FromResult<IResult>(new Result((file, token) => MiniExcel.SaveAsAsync(file, sheets.ToDictionary(s => s.Key, s => (object)OrNone(s.Value).ToList()),
            excelType: ExcelType.XLSX, configuration: configuration, cancellationToken: token), downloadName, ct));

    /// <summary>Writes the workbook when the response is executed (the private folder comes from the request's services).</summary>
    private sealed class Result(Func<Stream, CancellationToken, Task> write, string downloadName, CancellationToken ct) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var temp = httpContext.RequestServices.GetRequiredService<PrivateTemp>();
            var raw = temp.NewPath(".xlsx");
            var path = temp.NewPath(".xlsx");
            var now = httpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            try
            {
                await using (var file = File.Create(raw))
                {
                    await write(file, ct);
                }
                await using (var source = File.OpenRead(raw))
                await using (var target = File.Create(path))
                {
                    ExcelPrint.Apply(source, target, new ExcelPrintLayout(ExcelPrint.TitleOf(downloadName, now)));
                }
            }
            catch
            {
                File.Delete(path);
                throw;
            }
            finally
            {
                File.Delete(raw);
            }
            await TypedResults.File(PrivateTemp.OpenForSending(path), ContentType, downloadName).ExecuteAsync(httpContext);
        }
    }
}
