using Jingzhun.Web.Platform.Files;

namespace Jingzhun.Web.Platform.Excel;

/// <summary>
/// What the list imports (银行月报, 销售记录, 扶持发放表, 到位情况) share: a template of their columns with a sheet that
/// explains each, and reading an uploaded file into rows with the same Chinese answers for an unreadable, empty or too
/// long file.
/// </summary>
public static class ImportLists
{
    /// <summary>The template: the columns over an empty first row, and a 填写说明 sheet (列名, 是否必填, 填写说明).</summary>
    public static Task<IResult> TemplateAsync(string sheet, IReadOnlyList<(string Header, bool Required, string Hint)> columns, string fileName,
        CancellationToken ct) =>
        ExcelFile.SheetsResultAsync(new Dictionary<string, IEnumerable<IDictionary<string, object?>>>
        {
            [sheet] = [columns.ToDictionary(c => c.Header, _ => (object?)null)],
            ["填写说明"] = columns.Select(c => (IDictionary<string, object?>)new Dictionary<string, object?>
                { ["列名"] = c.Header, ["是否必填"] = c.Required ? "必填" : "选填", ["填写说明"] = c.Hint }),
        }, fileName, ct);

    public static TableLayout Layout(IReadOnlyList<(string Header, bool Required, string Hint)> columns) =>
        new(columns.Select(c => c.Header).ToList(), columns.Where(c => c.Required).Select(c => c.Header).ToList());

    /// <summary>The file's rows (at most <paramref name="maxRows"/>), or why there are none to import.</summary>
    public static (List<RawRow> Rows, string? Error) Read(Stream file, TableLayout layout, int maxRows, IConfiguration config, PrivateTemp temp,
        CancellationToken ct)
    {
        List<RawRow> rows;
        try
        {
            rows = TableFileReader.Read(file, layout, ct, XlsxLimits.From(config), temp.Folder).Take(maxRows + 1).ToList();
        }
        catch (UnreadableFileException e)
        {
            return ([], e.Message);
        }
        if (rows.Count == 0) return ([], "文件中没有数据行：请在模板的列名下方逐行填写后导入");
        if (rows.Count > maxRows) return ([], $"一次最多导入 {maxRows} 行：请拆分成多个文件导入");
        return (rows, null);
    }
}
