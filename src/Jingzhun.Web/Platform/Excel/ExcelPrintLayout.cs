using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Jingzhun.Web.Platform.Excel;

/// <summary>
/// What an official needs to print an export: an optional title row above the header (region, subject, when it was
/// exported), columns as wide as their contents, the header frozen and repeated on every printed page, A4 landscape
/// fitted to the page width with page numbers; and, for an error workbook, the bad cells filled red.
/// </summary>
/// <param name="Title">The title row's text; null writes no title row (a file that is imported again, e.g. the error list).</param>
/// <param name="BadCells">Cells to highlight: (data row, column), both 0-based, data rows counted below the header.</param>
public sealed record ExcelPrintLayout(string? Title, IReadOnlySet<(int Row, int Column)>? BadCells = null);

/// <summary>
/// Applies an <see cref="ExcelPrintLayout"/> to a workbook that MiniExcel wrote (it has no page setup, title or width
/// API): each worksheet is rewritten as a stream (XmlReader to XmlWriter, twice: once to measure the columns, once to
/// write), so a long list costs no more memory than a short one. Row and cell references move down one row under a
/// title; the styles gain a title font and a red fill.
/// </summary>
public static class ExcelPrint
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const int MeasuredRows = 2000;
    private static readonly string[] AfterMerges = ["phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions",
        "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors",
        "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

    /// <summary>The title of an export: the download name's words and the export time in Beijing time.</summary>
    public static string TitleOf(string downloadName, DateTime utcNow) =>
        Path.GetFileNameWithoutExtension(downloadName).Replace('_', ' ') + $"　（导出时间：{Localization.ChinaTime.Format(utcNow)} 北京时间）";

    public static void Apply(Stream source, Stream target, ExcelPrintLayout layout)
    {
        using var input = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        using var output = new ZipArchive(target, ZipArchiveMode.Create, leaveOpen: true);
        var styles = new MemoryStream();
        var (titleStyle, badStyle) = (0, 0);
        if (input.GetEntry("xl/styles.xml") is { } stylesEntry)
        {
            using var from = stylesEntry.Open();
            (titleStyle, badStyle) = AddStyles(from, styles);
        }
        foreach (var entry in input.Entries)
        {
            var isSheet = entry.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal) && entry.FullName.EndsWith(".xml", StringComparison.Ordinal);
            int[] widths = [];
            if (isSheet)
                using (var measure = entry.Open()) widths = Measure(measure);
            var copy = output.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            using var from = entry.Open();
            using var to = copy.Open();
            if (entry.FullName == "xl/styles.xml") to.Write(styles.GetBuffer(), 0, (int)styles.Length);
            else if (entry.FullName == "xl/workbook.xml") WriteWorkbook(from, to, layout.Title is not null);
            else if (isSheet) new SheetWriter(layout, widths, titleStyle, badStyle).Write(from, to);
            else from.CopyTo(to);
        }
    }

    // ---- styles: a bold 14 pt title font and a red fill, appended (existing indices stay valid) ----

    /// <summary>Style indices of <see cref="AddStyles"/>: the title's and a bad cell's cellXfs entries.</summary>
    private static (int Title, int Bad) AddStyles(Stream from, Stream to)
    {
        var doc = XDocument.Load(from);
        XNamespace ns = doc.Root!.Name.Namespace;
        XElement Get(string name)
        {
            var e = doc.Root.Element(ns + name);
            if (e is null) { e = new XElement(ns + name); doc.Root.Add(e); }
            return e;
        }
        var fonts = Get("fonts");
        fonts.Add(new XElement(ns + "font", new XElement(ns + "b"), new XElement(ns + "sz", new XAttribute("val", 14)), new XElement(ns + "name", new XAttribute("val", "宋体"))));
        var titleFont = fonts.Elements(ns + "font").Count() - 1;
        fonts.SetAttributeValue("count", titleFont + 1);
        var fills = Get("fills");
        fills.Add(new XElement(ns + "fill", new XElement(ns + "patternFill", new XAttribute("patternType", "solid"),
            new XElement(ns + "fgColor", new XAttribute("rgb", "FFFFC7CE")), new XElement(ns + "bgColor", new XAttribute("indexed", 64)))));
        var badFill = fills.Elements(ns + "fill").Count() - 1;
        fills.SetAttributeValue("count", badFill + 1);
        var xfs = Get("cellXfs");
        xfs.Add(new XElement(ns + "xf", new XAttribute("numFmtId", 0), new XAttribute("fontId", titleFont), new XAttribute("fillId", 0),
            new XAttribute("borderId", 0), new XAttribute("xfId", 0), new XAttribute("applyFont", 1)));
        xfs.Add(new XElement(ns + "xf", new XAttribute("numFmtId", 49), new XAttribute("fontId", 0), new XAttribute("fillId", badFill),
            new XAttribute("borderId", 0), new XAttribute("xfId", 0), new XAttribute("applyFill", 1), new XAttribute("applyNumberFormat", 1)));
        var count = xfs.Elements(ns + "xf").Count();
        xfs.SetAttributeValue("count", count);
        doc.Save(to);
        return (count - 2, count - 1);
    }

    // ---- workbook: the header row repeats on every printed page; the filter range moves down under a title ----

    private static void WriteWorkbook(Stream from, Stream to, bool titled)
    {
        var doc = XDocument.Load(from);
        XNamespace ns = doc.Root!.Name.Namespace;
        var names = doc.Root.Element(ns + "definedNames");
        if (names is null)
        {
            names = new XElement(ns + "definedNames");
            var sheetsElement = doc.Root.Element(ns + "sheets")!;
            sheetsElement.AddAfterSelf(names);
        }
        if (titled)
            foreach (var d in names.Elements(ns + "definedName").ToList())
                d.Value = Regex.Replace(d.Value, @"\$(\d+)", m => "$" + (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1));
        var header = titled ? 2 : 1;
        var i = 0;
        foreach (var sheet in doc.Root.Element(ns + "sheets")!.Elements(ns + "sheet"))
        {
            var name = "'" + sheet.Attribute("name")!.Value.Replace("'", "''", StringComparison.Ordinal) + "'";
            names.Add(new XElement(ns + "definedName", new XAttribute("name", "_xlnm.Print_Titles"), new XAttribute("localSheetId", i++), $"{name}!${header}:${header}"));
        }
        doc.Save(to);
    }

    // ---- worksheets ----

    /// <summary>Display width of each column (a CJK character counts two) over the first rows, within 8 to 60.</summary>
    private static int[] Measure(Stream sheet)
    {
        var widths = new List<int>();
        using var r = XmlReader.Create(sheet, new XmlReaderSettings { IgnoreWhitespace = true });
        var column = -1;
        var rows = 0;
        while (r.Read())
        {
            if (r.NodeType != XmlNodeType.Element) continue;
            if (r.LocalName == "row" && ++rows > MeasuredRows) break;
            if (r.LocalName == "c") column = ColumnOf(r.GetAttribute("r")) ?? column + 1;
            else if (r.LocalName is "v" or "t" && column >= 0)
            {
                var text = r.ReadElementContentAsString();
                var w = text.Sum(ch => ch > 0x2E80 ? 2 : 1);
                while (widths.Count <= column) widths.Add(0);
                widths[column] = Math.Max(widths[column], w);
            }
        }
        return widths.Select(w => Math.Clamp(w + 2, 8, 60)).ToArray();
    }

    /// <summary>One worksheet copied node by node, with the layout's additions in their schema places.</summary>
    private sealed class SheetWriter(ExcelPrintLayout layout, int[] widths, int titleStyle, int badStyle)
    {
        private static readonly HashSet<string> Replaced = ["dimension", "sheetPr", "sheetViews", "cols", "printOptions", "pageMargins", "pageSetup", "headerFooter"];
        private readonly int shift = layout.Title is null ? 0 : 1;
        private XmlWriter w = null!;
        private string prefix = "";
        private bool tailWritten;
        private int dataRow = -2;   // the header row is -1, data rows count from 0
        private int column = -1;
        private readonly List<XElement> deferred = [];

        public void Write(Stream from, Stream to)
        {
            using var r = XmlReader.Create(from, new XmlReaderSettings { IgnoreWhitespace = true });
            using var writer = XmlWriter.Create(to, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) });
            w = writer;
            w.WriteStartDocument(true);
            var advance = true;
            while (true)
            {
                if (advance && !r.Read()) break;
                advance = true;
                switch (r.NodeType)
                {
                    case XmlNodeType.Element when Replaced.Contains(r.LocalName):
                        r.Skip();          // leaves the reader on the next node
                        advance = false;
                        break;
                    case XmlNodeType.Element when Array.IndexOf(AfterMerges, r.LocalName) >= 0:
                        // Kept for the end, after the page setup (MiniExcel's async writer puts its drawing out of schema order).
                        deferred.Add((XElement)XNode.ReadFrom(r));
                        advance = false;
                        break;
                    case XmlNodeType.Element:
                        Start(r);
                        break;
                    case XmlNodeType.EndElement:
                        if (r.LocalName == "worksheet")
                        {
                            Tail();
                            foreach (var e in deferred) e.WriteTo(w);
                        }
                        w.WriteFullEndElement();
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                        w.WriteString(r.Value);
                        break;
                }
            }
        }

        private static string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private void Empty(string name, params (string Name, string Value)[] attributes)
        {
            w.WriteStartElement(prefix, name, Main);
            foreach (var (k, v) in attributes) w.WriteAttributeString(k, v);
            w.WriteEndElement();
        }

        private void Start(XmlReader r)
        {
            var name = r.LocalName;
            if (name == "worksheet") prefix = r.Prefix;
            if (name == "sheetData") Columns();
            var attributes = new List<(string Prefix, string Name, string Ns, string Value)>();
            if (r.MoveToFirstAttribute())
            {
                do attributes.Add((r.Prefix, r.LocalName, r.NamespaceURI, r.Value));
                while (r.MoveToNextAttribute());
                r.MoveToElement();
            }
            var empty = r.IsEmptyElement;
            if (name == "row") { dataRow++; column = -1; }
            var bad = false;
            if (name == "c")
            {
                column = ColumnOf(attributes.FirstOrDefault(a => a.Name == "r" && a.Ns == "").Value) ?? column + 1;
                bad = layout.BadCells?.Contains((dataRow, column)) == true;
            }
            w.WriteStartElement(r.Prefix, name, r.NamespaceURI);
            foreach (var a in attributes)
            {
                var value = a.Value;
                if (a.Ns == "")
                {
                    if ((name, a.Name) is ("row", "r")) value = N(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) + shift);
                    else if ((name, a.Name) is ("c", "r")) value = Shift(value, shift);
                    else if ((name, a.Name) is ("autoFilter", "ref") or ("mergeCell", "ref") or ("dataValidation", "sqref")) value = ShiftRange(value, shift);
                    else if ((name, a.Name) is ("c", "s") && bad) continue;
                }
                w.WriteAttributeString(a.Prefix, a.Name, a.Ns, value);
            }
            if (bad) w.WriteAttributeString("s", N(badStyle));
            if (name == "worksheet") Head();
            if (name == "sheetData" && layout.Title is not null) TitleRow();
            if (empty) w.WriteEndElement();
        }

        /// <summary>Page setup for fitting, and the title and header frozen while scrolling.</summary>
        private void Head()
        {
            w.WriteStartElement(prefix, "sheetPr", Main);
            Empty("pageSetUpPr", ("fitToPage", "1"));
            w.WriteEndElement();
            var frozen = 1 + shift;
            w.WriteStartElement(prefix, "sheetViews", Main);
            w.WriteStartElement(prefix, "sheetView", Main);
            w.WriteAttributeString("workbookViewId", "0");
            Empty("pane", ("ySplit", N(frozen)), ("topLeftCell", $"A{frozen + 1}"), ("activePane", "bottomLeft"), ("state", "frozen"));
            w.WriteEndElement();
            w.WriteEndElement();
        }

        private void Columns()
        {
            if (widths.Length == 0) return;
            w.WriteStartElement(prefix, "cols", Main);
            for (var i = 0; i < widths.Length; i++)
                Empty("col", ("min", N(i + 1)), ("max", N(i + 1)), ("width", N(widths[i])), ("customWidth", "1"));
            w.WriteEndElement();
        }

        private void TitleRow()
        {
            w.WriteStartElement(prefix, "row", Main);
            w.WriteAttributeString("r", "1");
            w.WriteAttributeString("ht", "26");
            w.WriteAttributeString("customHeight", "1");
            w.WriteStartElement(prefix, "c", Main);
            w.WriteAttributeString("r", "A1");
            w.WriteAttributeString("s", N(titleStyle));
            w.WriteAttributeString("t", "inlineStr");
            w.WriteStartElement(prefix, "is", Main);
            w.WriteElementString(prefix, "t", Main, layout.Title);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }

        /// <summary>What follows the cells in schema order: the title's merge, then print options, margins, A4 landscape, page numbers.</summary>
        private void Tail()
        {
            if (tailWritten) return;
            tailWritten = true;
            if (layout.Title is not null)
            {
                w.WriteStartElement(prefix, "mergeCells", Main);
                w.WriteAttributeString("count", "1");
                Empty("mergeCell", ("ref", $"A1:{Letters(Math.Max(1, widths.Length) - 1)}1"));
                w.WriteEndElement();
            }
            Empty("printOptions", ("horizontalCentered", "1"));
            Empty("pageMargins", ("left", "0.4"), ("right", "0.4"), ("top", "0.6"), ("bottom", "0.6"), ("header", "0.3"), ("footer", "0.3"));
            Empty("pageSetup", ("paperSize", "9"), ("orientation", "landscape"), ("fitToWidth", "1"), ("fitToHeight", "0"));
            w.WriteStartElement(prefix, "headerFooter", Main);
            w.WriteElementString(prefix, "oddFooter", Main, "&C第 &P 页，共 &N 页");
            w.WriteEndElement();
        }
    }

    private static int? ColumnOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var n = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetterUpper(reference[i]); i++) n = n * 26 + (reference[i] - 'A' + 1);
        return i == 0 ? null : n - 1;
    }

    private static string Letters(int column)
    {
        var s = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }

    private static string Shift(string reference, int shift)
    {
        if (shift == 0) return reference;
        var i = 0;
        while (i < reference.Length && !char.IsAsciiDigit(reference[i])) i++;
        return i < reference.Length && int.TryParse(reference[i..], out var row) ? reference[..i] + (row + shift) : reference;
    }

    private static string ShiftRange(string range, int shift) =>
        shift == 0 ? range : string.Join(' ', range.Split(' ').Select(part => string.Join(':', part.Split(':').Select(p => Shift(p, shift)))));
}
