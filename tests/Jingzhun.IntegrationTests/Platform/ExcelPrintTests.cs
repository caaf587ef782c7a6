using System.IO.Compression;
using System.Net;
using System.Xml.Linq;
using Jingzhun.IntegrationTests.Infrastructure;
using MiniExcelLibs;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// Issue 14, "Excel exports print": every export (Platform/Excel) has a title row naming the region and the export time,
/// columns as wide as their contents, the header frozen and repeated on each printed page, A4 landscape fitted to the
/// width; the rows read back under the header as before.
/// </summary>
public abstract class ExcelPrintTests(TestApp app) : ApiTests(app)
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static XDocument Part(byte[] xlsx, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        using var s = zip.GetEntry(name)!.Open();
        return XDocument.Load(s);
    }

    /// <summary>The fill colour (ARGB) of the first cell whose text is <paramref name="text"/>, or null for no fill.</summary>
    public static string? FillOf(byte[] xlsx, string text)
    {
        var sheet = Part(xlsx, "xl/worksheets/sheet1.xml");
        var cell = sheet.Descendants(Main + "c").First(c => c.Value == text);
        var s = (int?)cell.Attribute("s") ?? 0;
        var styles = Part(xlsx, "xl/styles.xml").Root!;
        var fillId = (int?)styles.Element(Main + "cellXfs")!.Elements(Main + "xf").ElementAt(s).Attribute("fillId") ?? 0;
        return styles.Element(Main + "fills")!.Elements(Main + "fill").ElementAt(fillId).Descendants(Main + "fgColor").FirstOrDefault()?.Attribute("rgb")?.Value;
    }

    [DbFact]
    public async Task The_household_list_export_prints_on_A4_landscape_with_a_title_and_the_header_on_every_page()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var name = NewName();
        var household = await RegisterAsync(county, places.HomeVillage, headName: name);
        var r = await county.GetAsync($"/api/v1/households/export?q={name}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var bytes = await r.Content.ReadAsByteArrayAsync();

        var sheet = Part(bytes, "xl/worksheets/sheet1.xml").Root!;
        var title = sheet.Descendants(Main + "row").First();
        Assert.Equal("1", (string?)title.Attribute("r"));
        Assert.Contains("铜梁区", title.Value);   // the user's own region when none is asked
        Assert.Matches(@"导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2} 北京时间", title.Value);
        var setup = sheet.Element(Main + "pageSetup")!;
        Assert.Equal("9", (string?)setup.Attribute("paperSize"));           // A4
        Assert.Equal("landscape", (string?)setup.Attribute("orientation"));
        Assert.Equal("1", (string?)setup.Attribute("fitToWidth"));
        Assert.Equal("1", (string?)sheet.Element(Main + "sheetPr")!.Element(Main + "pageSetUpPr")!.Attribute("fitToPage"));
        var pane = sheet.Descendants(Main + "pane").Single();
        Assert.Equal("2", (string?)pane.Attribute("ySplit"));
        // Widths follow the contents: the 所在地区 column is wider than the narrowest.
        var widths = sheet.Element(Main + "cols")!.Elements(Main + "col").Select(c => (double)c.Attribute("width")!).ToList();
        Assert.True(widths.Count >= 5 && widths.Max() > widths.Min(), string.Join(",", widths));
        var printTitles = Part(bytes, "xl/workbook.xml").Descendants(Main + "definedName").Single(d => (string?)d.Attribute("name") == "_xlnm.Print_Titles");
        Assert.EndsWith("!$2:$2", printTitles.Value);

        // The rows read back under the header (row 2), as the plain export did.
        var rows = new MemoryStream(bytes).Query(useHeaderRow: true, startCell: "A2").Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal(household.Number, row["户编号"]);
        Assert.Null(FillOf(bytes, household.Number));
    }

    [DbFact]
    public async Task An_export_that_finds_nothing_says_so_under_its_title()
    {
        var county = await As("tl_admin");
        var r = await county.GetAsync($"/api/v1/households/export?q={NewName()}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var bytes = await r.Content.ReadAsByteArrayAsync();
        Assert.Contains("户列表", Part(bytes, "xl/worksheets/sheet1.xml").Root!.Descendants(Main + "row").First().Value);
        var rows = new MemoryStream(bytes).Query(useHeaderRow: true, startCell: "A2").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("没有符合条件的记录", Assert.Single(rows)["说明"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteExcelPrintTests(SqliteApp app) : ExcelPrintTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresExcelPrintTests(PostgresApp app) : ExcelPrintTests(app);
