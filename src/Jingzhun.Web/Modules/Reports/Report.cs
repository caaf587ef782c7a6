using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Modules.Reports;

/// <summary>How a column is shown on the page and formatted in Excel.</summary>
/// <remarks>Money: sums (万 from 1万 on the page); PerCapita: per-capita incomes (yuan below 10万). Excel keeps every number exact.</remarks>
public enum ColumnFormat { Text, Count, Money, Percent, PerCapita }

/// <summary>A column of a report table: a stable key (JSON), a Chinese header (page, print, Excel) and a format.</summary>
public sealed record ReportColumn(string Key, string Header, ColumnFormat Format = ColumnFormat.Count)
{
    /// <summary>Excel number format; percentages are stored as fractions (0.174 → 17.4%).</summary>
    public string? ExcelFormat => Format switch
    {
        ColumnFormat.Count => "#,##0",
        ColumnFormat.Money or ColumnFormat.PerCapita => "#,##0.00",
        ColumnFormat.Percent => "0.0%",
        _ => null,
    };
}

/// <summary>
/// One table of a report (one Excel sheet). Rows are keyed by <see cref="ReportColumn.Key"/>; the optional total row
/// is the last line of the page and the sheet. <paramref name="Link"/> gives, per row, the region to drill into.
/// </summary>
public sealed record ReportTable(string Key, string Title, IReadOnlyList<ReportColumn> Columns,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows, IReadOnlyDictionary<string, object?>? Total, string? Note = null);

/// <summary>A computed report: shared by the page, the printable page, the JSON rows and the workbook.</summary>
public sealed record Report(string Name, string Title, string RegionCode, string RegionName, int? Year, DateTime AsOf,
    IReadOnlyList<ReportTable> Tables, string? Summary = null);

/// <summary>An entry of the report centre.</summary>
public sealed record ReportInfo(string Name, string Title, string Description, bool UsesYear, bool Available = true);

public static class ReportCatalog
{
    public const string Households = "households";
    public const string Causes = "causes";
    public const string Income = "income";
    public const string Problems = "problems";
    public const string Monitoring = "monitoring";
    public const string Visits = "visits";

    public static readonly IReadOnlyList<ReportInfo> All =
    [
        new(Households, "户数人数统计表", "按下级地区、户类型（脱贫户、未脱贫户、监测户、一般农户）统计户数和人数；按贫困户属性统计", false),
        new(Causes, "主要致贫原因统计表", "按下级地区统计各主要致贫原因的户数", false),
        new(Income, "人均纯收入统计表", "2014年至上年度有收入记录农户的人均纯收入，及年均增长率", false),
        new(Problems, "两不愁三保障问题统计表", "按下级地区、维度统计发现、已核验、未清零问题数；可选年度", true),
        new(Monitoring, "防返贫监测对象统计表", "按下级地区、监测类型统计监测户、认定中、风险已消除户数", false),
        new(Visits, "走访统计表", "按下级地区统计本月结对户走访率（四必见）、逾期任务、节日和寒来暑往走访完成数及本年走访次数", false),
    ];

    public static ReportInfo? Find(string? name) => All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Cell text for the page and the print: counts and sums from 1万 in 万/亿 (68.07万), smaller ones with thousands
/// separators, money with two decimals, percentages to 0.1. Display only; the Excel export keeps the exact numbers.</summary>
public static class ReportText
{
    public static string Cell(object? value, ColumnFormat format) => value switch
    {
        null => "—",
        string s => s,
        int i => format == ColumnFormat.Count ? ChineseNumbers.Format(i) : i.ToString(),
        decimal d => format == ColumnFormat.PerCapita ? ChineseNumbers.PerCapita(d) : ChineseNumbers.Money(d),
        double p when format == ColumnFormat.Percent => (p * 100).ToString("0.0") + "%",
        double p => p.ToString("0.##"),
        _ => value.ToString() ?? "",
    };

    public static bool IsNumber(ColumnFormat f) => f != ColumnFormat.Text;
}
