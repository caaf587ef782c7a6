using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// "Exports opened and checked": each main Excel export is downloaded by clicking its link on its page, as the official
/// who prints it, and the saved workbook is opened: a title row with the region and the export time in Beijing time,
/// Chinese headers, no ID number or mobile number in clear, every sheet set up for A4 landscape with the header repeated.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ExportsBrowserTests(BrowserApp app)
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [GeneratedRegex(@"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")]
    private static partial Regex IdNumber();

    [GeneratedRegex(@"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^[^A-Za-z]*\p{IsCJKUnifiedIdeographs}[^A-Za-z]*$")]
    private static partial Regex ChineseHeader();

    [SkippableTheory]
    [InlineData("tuqiao", "/households", "导出Excel", "户列表", "土桥镇")]
    [InlineData("tuqiao", "/problems", "导出Excel", "问题台账", "土桥镇")]
    [InlineData("tuqiao", "/fieldwork/coverage", "导出Excel", "走访覆盖", "土桥镇")]
    [InlineData("tl_admin", "/monitoring/stats", "导出Excel", "防返贫监测统计", "铜梁区")]
    [InlineData("tl_admin", "/bulletins", "导出Excel", "通报", "铜梁区")]
    public async Task An_export_downloaded_from_its_page_prints_with_a_title_chinese_headers_and_masked_personal_numbers(
        string user, string path, string link, string subject, string region)
    {
        await using var s = await app.SignInAsync(user);
        var page = s.Page;
        await s.GotoAsync(path);
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.Locator("main").GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).First.ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var file = Path.Combine(Path.GetTempPath(), $"jz-export-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(file);
        try
        {
            var sheets = MiniExcel.GetSheetNames(file);
            Assert.NotEmpty(sheets);
            foreach (var sheet in sheets)
            {
                var rows = MiniExcel.Query(file, useHeaderRow: false, sheetName: sheet).Cast<IDictionary<string, object?>>()
                    .Select(r => r.Values.Select(v => v?.ToString() ?? "").ToList()).ToList();
                Assert.True(rows.Count >= 2, $"{sheet}: no header under the title");
                // Row 1: the region, the subject and the export time in Beijing time.
                var title = string.Join("", rows[0]);
                Assert.Contains(region, title, StringComparison.Ordinal);
                Assert.Contains(subject, title, StringComparison.Ordinal);
                Assert.Contains("北京时间", title, StringComparison.Ordinal);
                Beijing.AssertShows(title, Beijing.Now);
                // Row 2: every header is Chinese.
                var headers = rows[1].Where(h => h.Length > 0).ToList();
                Assert.NotEmpty(headers);
                Assert.All(headers, h => Assert.Matches(ChineseHeader(), h));
                // No ID number or mobile number in clear anywhere.
                foreach (var cell in rows.SelectMany(r => r))
                {
                    Assert.DoesNotMatch(IdNumber(), cell);
                    Assert.DoesNotMatch(Mobile(), cell);
                }
            }
            // Every sheet prints on A4 landscape, fitted to the width, with the header row repeated on each page.
            using var zip = ZipFile.OpenRead(file);
            var parts = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)).ToList();
            Assert.Equal(sheets.Count, parts.Count);
            foreach (var part in parts)
            {
                using var stream = part.Open();
                var setup = XDocument.Load(stream).Root!.Element(Main + "pageSetup");
                Assert.NotNull(setup);
                Assert.Equal("9", (string?)setup.Attribute("paperSize"));
                Assert.Equal("landscape", (string?)setup.Attribute("orientation"));
                Assert.Equal("1", (string?)setup.Attribute("fitToWidth"));
            }
            using (var wb = zip.GetEntry("xl/workbook.xml")!.Open())
            {
                var titles = XDocument.Load(wb).Descendants(Main + "definedName").Where(d => (string?)d.Attribute("name") == "_xlnm.Print_Titles").ToList();
                Assert.Equal(sheets.Count, titles.Count);
                Assert.All(titles, t => Assert.EndsWith("!$2:$2", t.Value, StringComparison.Ordinal));
            }
        }
        finally
        {
            File.Delete(file);
        }
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        s.AssertNoPageErrors();
    }
}
