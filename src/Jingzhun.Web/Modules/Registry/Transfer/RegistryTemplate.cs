using System.IO.Compression;
using System.Text;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using MiniExcelLibs;

namespace Jingzhun.Web.Modules.Registry.Transfer;

/// <summary>
/// The import template: the registry file's headers, one example household (a head and a child), and drop-down lists
/// for the coded columns. MiniExcel writes the sheet; it has no data-validation API, so the lists are added to the
/// sheet XML afterwards (OOXML &lt;dataValidations&gt;, inline lists of at most 255 characters).
/// </summary>
public static class RegistryTemplate
{
    public const string FileName = "户籍档案导入模板.xlsx";
    private const int ValidatedRows = 5000;

    public static IReadOnlyList<RegistryRow> Example()
    {
        var household = new HouseholdFacts
        {
            Status = HouseholdStatus.Exited, Attribute = PovertyAttribute.GeneralExited, IdentifiedYear = 2015, ExitYear = 2018,
            IdentificationStandard = IdentificationStandard.National, MainCause = PovertyCause.Illness, Class321 = Class321.Watch,
            Address = "高桥村3组", Phone = "13800000000", HousingGrade = HousingGrade.B, FoodSecure = true, ClothingSecure = true,
            WaterLitresPerPersonDay = 80, WaterQualityPassed = true, WaterPiped = true, HasElectricity = true, HasHardenedRoad = true,
            HasBroadband = true, HasSanitaryToilet = true,
        };
        var income = new IncomeLines { WageIncome = 24000, ProductionIncome = 6000, ProductionExpense = 1500, TransferIncome = 3600, PensionIncome = 1800 };
        const string number = "5001511012010001", village = "500151101201"; // 土桥镇 高桥村
        return
        [
            new(number, village, household, new MemberFacts
            {
                Name = "张三", IdNumber = Rules.IdNumberRule.Compose("500224", new DateOnly(1968, 3, 15), 31, Gender.Male), Relationship = Relationship.Head, Gender = Gender.Male,
                BirthDate = new DateOnly(1968, 3, 15), EducationLevel = EducationLevel.JuniorHigh, HealthStatus = HealthStatus.ChronicIllness,
                WorkStatus = WorkStatus.InCounty, WorkMonths = 8, HasMedicalInsurance = true, HasCriticalIllnessInsurance = true, HasPensionInsurance = true,
            }, IncomeYear: 2025, Income: income),
            new(number, village, household, new MemberFacts
            {
                Name = "张小明", IdNumber = Rules.IdNumberRule.Compose("500151", new DateOnly(2010, 9, 12), 17, Gender.Male), Relationship = Relationship.Son, Gender = Gender.Male,
                BirthDate = new DateOnly(2010, 9, 12), EducationLevel = EducationLevel.Primary, SchoolStatus = SchoolStatus.Grade7To9,
                HasMedicalInsurance = true, HasCriticalIllnessInsurance = true, LaborSkill = LaborSkill.None,
            }, IncomeYear: 2025, Income: income),
        ];
    }

    private static readonly HashSet<string> ExampleIds = Example().Select(r => r.Member.IdNumber).ToHashSet(StringComparer.Ordinal);

    /// <summary>The ID number is one of the example rows' (the importer refuses them whatever the household number).</summary>
    public static bool IsExample(string? idNumber) => ExampleIds.Contains(Rules.IdNumberRule.Normalize(idNumber));

    public static async Task<IResult> ResultAsync(CancellationToken ct)
    {
        var bytes = await BuildAsync(ct);
        return TypedResults.File(bytes, ExcelFile.ContentType, FileName);
    }

    public static async Task<byte[]> BuildAsync(CancellationToken ct)
    {
        using var sheet = new MemoryStream();
        await MiniExcel.SaveAsAsync(sheet, Example().Select(r => RegistryWorkbook.AsCells(RegistryRowText.Format(r))),
            sheetName: RegistryWorkbook.SheetName, excelType: ExcelType.XLSX, cancellationToken: ct);
        return AddLists(sheet.ToArray());
    }

    private static IEnumerable<(string Header, IEnumerable<string> Choices)> Lists()
    {
        var yesNo = new[] { "是", "否" };
        foreach (var c in RegistryColumns.All)
        {
            var choices = c.Property switch
            {
                nameof(HouseholdFacts.Status) when c.Scope == ColumnScope.Household => Labels.For<HouseholdStatus>().Select(x => x.Label),
                nameof(HouseholdFacts.Attribute) => Labels.For<PovertyAttribute>().Select(x => x.Label),
                nameof(HouseholdFacts.IdentificationStandard) => Labels.For<IdentificationStandard>().Select(x => x.Label),
                nameof(HouseholdFacts.MainCause) or nameof(HouseholdFacts.SecondCause) or nameof(HouseholdFacts.ThirdCause) =>
                    Labels.For<PovertyCause>().Where(x => x.Value <= PovertyCause.Other).Select(x => x.Label),
                nameof(HouseholdFacts.Class321) => Labels.For<Class321>().Select(x => x.Label),
                nameof(HouseholdFacts.HousingGrade) => Labels.For<HousingGrade>().Select(x => x.Label),
                nameof(MemberFacts.Relationship) => Labels.For<Relationship>().Select(x => x.Label),
                nameof(MemberFacts.Gender) => Labels.For<Gender>().Select(x => x.Label),
                nameof(MemberFacts.EducationLevel) => Labels.For<EducationLevel>().Select(x => x.Label),
                nameof(MemberFacts.SchoolStatus) => Labels.For<SchoolStatus>().Select(x => x.Label),
                nameof(MemberFacts.HealthStatus) => Labels.For<HealthStatus>().Select(x => x.Label),
                nameof(MemberFacts.LaborSkill) => Labels.For<LaborSkill>().Select(x => x.Label),
                nameof(MemberFacts.WorkStatus) => Labels.For<WorkStatus>().Select(x => x.Label),
                nameof(Member.Status) when c.Scope == ColumnScope.Member => Labels.For<MemberStatus>().Select(x => x.Label),
                nameof(MemberFacts.Ethnicity) => Ethnicities.All.Select(e => e.Name),
                _ => null,
            };
            if (choices is null && IsYesNo(c)) choices = yesNo;
            if (choices is not null) yield return (c.Header, choices);
        }
    }

    private static bool IsYesNo(RegistryColumn c)
    {
        var type = c.Scope switch
        {
            ColumnScope.Household => typeof(HouseholdFacts).GetProperty(c.Property)?.PropertyType,
            ColumnScope.Member => typeof(MemberFacts).GetProperty(c.Property)?.PropertyType,
            _ => null,
        };
        return type == typeof(bool) || type == typeof(bool?);
    }

    private static string ColumnLetter(int index)
    {
        var s = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }

    /// <summary>Adds &lt;dataValidations&gt; (type list) to the first worksheet of the workbook.</summary>
    internal static byte[] AddLists(byte[] xlsx)
    {
        var xml = new StringBuilder();
        var count = 0;
        foreach (var (header, choices) in Lists())
        {
            var list = string.Join(",", choices);
            if (list.Length > 255) continue; // Excel's limit for an inline list
            var col = ColumnLetter(RegistryColumns.IndexOf(header));
            xml.Append($"<dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"1\" errorTitle=\"{header}\" error=\"请从下拉列表中选择\" sqref=\"{col}2:{col}{ValidatedRows}\"><formula1>\"{System.Security.SecurityElement.Escape(list)}\"</formula1></dataValidation>");
            count++;
        }
        using var ms = new MemoryStream();
        ms.Write(xlsx);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml") ?? throw new InvalidOperationException("模板工作表缺失");
            string sheet;
            using (var r = new StreamReader(entry.Open())) sheet = r.ReadToEnd();
            var block = $"<x:dataValidations count=\"{count}\">{xml.ToString().Replace("<dataValidation ", "<x:dataValidation ", StringComparison.Ordinal).Replace("</dataValidation>", "</x:dataValidation>", StringComparison.Ordinal).Replace("<formula1>", "<x:formula1>", StringComparison.Ordinal).Replace("</formula1>", "</x:formula1>", StringComparison.Ordinal)}</x:dataValidations>";
            var prefixed = sheet.Contains("<x:worksheet", StringComparison.Ordinal);
            if (!prefixed) block = block.Replace("<x:", "<", StringComparison.Ordinal).Replace("</x:", "</", StringComparison.Ordinal);
            // Schema order: dataValidations come after sheetData/autoFilter/mergeCells and before hyperlinks, pageMargins, drawing...
            var tag = prefixed ? "x:" : "";
            var at = new[] { "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "drawing", "legacyDrawing", "tableParts", "extLst" }
                .Select(n => sheet.IndexOf($"<{tag}{n}", StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(sheet.LastIndexOf($"</{tag}worksheet>", StringComparison.Ordinal)).Min();
            sheet = sheet.Insert(at, block);
            entry.Delete();
            var replaced = zip.CreateEntry("xl/worksheets/sheet1.xml");
            using var w = new StreamWriter(replaced.Open(), new UTF8Encoding(false));
            w.Write(sheet);
        }
        return ms.ToArray();
    }
}
