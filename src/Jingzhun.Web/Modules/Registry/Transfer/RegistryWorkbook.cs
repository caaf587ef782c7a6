using MiniExcelLibs;

namespace Jingzhun.Web.Modules.Registry.Transfer;

/// <summary>The registry file as CSV or XLSX (every cell text, so that ID numbers stay exact), streamed row by row.</summary>
public static class RegistryWorkbook
{
    public const string SheetName = "户籍档案";

    public static int WriteCsv(Stream output, IEnumerable<RegistryRow> rows)
    {
        var n = 0;
        using var writer = new RegistryCsvWriter(output, leaveOpen: true);
        foreach (var r in rows)
        {
            writer.Write(r);
            n++;
        }
        return n;
    }

    public static async Task<int> WriteAsync(Stream output, IEnumerable<RegistryRow> rows, CancellationToken ct)
    {
        var n = 0;
        await MiniExcel.SaveAsAsync(output, rows.Select(r =>
        {
            n++;
            return AsCells(RegistryRowText.Format(r));
        }), sheetName: SheetName, excelType: ExcelType.XLSX, cancellationToken: ct);
        return n;
    }

    public static IDictionary<string, object?> AsCells(string[] fields, IEnumerable<KeyValuePair<string, object?>>? before = null)
    {
        var d = new Dictionary<string, object?>();
        if (before is not null) foreach (var kv in before) d[kv.Key] = kv.Value;
        for (var i = 0; i < fields.Length; i++) d[RegistryColumns.Headers[i]] = fields[i];
        return d;
    }
}
