using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Modules.Registry.Transfer;

/// <summary>
/// One line of the registry file (导入导出格式): one member, with the household's columns repeated on every member
/// row and one income year of the household (the same on every row of the household; empty when the file carries
/// no income). Import, export, the template and the generator all use this shape. Rows of a household are
/// consecutive; the household's columns are read from its first row.
/// </summary>
public sealed record RegistryRow(
    string HouseholdNumber,
    string VillageCode,
    HouseholdFacts Household,
    MemberFacts Member,
    MemberStatus MemberStatus = MemberStatus.Active,
    DateOnly? LeftOn = null,
    string? LeftNote = null,
    int? IncomeYear = null,
    IncomeLines? Income = null);

public enum ColumnScope { Household, Member, Income }

/// <summary>A column of the file: its Chinese header, which part of the row it belongs to, and the property it fills.</summary>
public sealed record RegistryColumn(string Header, ColumnScope Scope, string Property, string Hint = "");

/// <summary>
/// The columns of the registry file, in order. Coded columns are written as the Chinese label (因病) and read as the
/// label or the code (1); yes/no columns as 是/否 (also 1/0, Y/N, √); dates as 2026-01-31 (also 2026/1/31,
/// 20260131 and Excel date cells). Incomes are for one year per file (收入年度): a county's history is several files,
/// one per year, each upserting its year (export with <c>year=</c>).
/// </summary>
public static class RegistryColumns
{
    public const string HouseholdNumber = "户编号";
    public const string VillageCode = "村代码";
    public const string Name = "姓名";
    public const string IdNumber = "身份证号";
    public const string MemberStatusHeader = "人员状态";
    public const string LeftOn = "减员日期";
    public const string LeftNote = "减员说明";
    public const string IncomeYear = "收入年度";
    /// <summary>Added to the error workbook only.</summary>
    public const string RowNumber = "行号";
    public const string Errors = "错误信息";

    public static readonly IReadOnlyList<RegistryColumn> All =
    [
        new(HouseholdNumber, ColumnScope.Household, nameof(Household.HouseholdNumber), "村代码+4位序号，如 5001511010010001"),
        new(VillageCode, ColumnScope.Household, nameof(Household.VillageCode), "12位行政区划代码"),
        new("户类型", ColumnScope.Household, nameof(HouseholdFacts.Status)),
        new("贫困户属性", ColumnScope.Household, nameof(HouseholdFacts.Attribute)),
        new("识别年度", ColumnScope.Household, nameof(HouseholdFacts.IdentifiedYear)),
        new("脱贫年度", ColumnScope.Household, nameof(HouseholdFacts.ExitYear)),
        new("识别标准", ColumnScope.Household, nameof(HouseholdFacts.IdentificationStandard)),
        new("主要致贫原因", ColumnScope.Household, nameof(HouseholdFacts.MainCause)),
        new("次要致贫原因", ColumnScope.Household, nameof(HouseholdFacts.SecondCause)),
        new("其他致贫原因", ColumnScope.Household, nameof(HouseholdFacts.ThirdCause)),
        new("321分类", ColumnScope.Household, nameof(HouseholdFacts.Class321)),
        new("低保户", ColumnScope.Household, nameof(HouseholdFacts.IsDibao)),
        new("特困供养户", ColumnScope.Household, nameof(HouseholdFacts.IsTekun)),
        new("易地扶贫搬迁户", ColumnScope.Household, nameof(HouseholdFacts.IsRelocated)),
        new("安置点", ColumnScope.Household, nameof(HouseholdFacts.SettlementSite)),
        new("已领安置房钥匙", ColumnScope.Household, nameof(HouseholdFacts.RelocationKeysReceived)),
        new("军烈属", ColumnScope.Household, nameof(HouseholdFacts.IsMilitaryFamily)),
        new("危房改造户", ColumnScope.Household, nameof(HouseholdFacts.HasDangerousHouseRenovation)),
        new("详细地址", ColumnScope.Household, nameof(HouseholdFacts.Address)),
        new("联系电话", ColumnScope.Household, nameof(HouseholdFacts.Phone)),
        new("住房安全等级", ColumnScope.Household, nameof(HouseholdFacts.HousingGrade)),
        new("不愁吃", ColumnScope.Household, nameof(HouseholdFacts.FoodSecure)),
        new("不愁穿", ColumnScope.Household, nameof(HouseholdFacts.ClothingSecure)),
        new("人均日供水量（升）", ColumnScope.Household, nameof(HouseholdFacts.WaterLitresPerPersonDay)),
        new("水质达标", ColumnScope.Household, nameof(HouseholdFacts.WaterQualityPassed)),
        new("自来水入户", ColumnScope.Household, nameof(HouseholdFacts.WaterPiped)),
        new("取水往返时间（分钟）", ColumnScope.Household, nameof(HouseholdFacts.WaterFetchMinutes)),
        new("取水水平距离（米）", ColumnScope.Household, nameof(HouseholdFacts.WaterHorizontalMetres)),
        new("取水垂直距离（米）", ColumnScope.Household, nameof(HouseholdFacts.WaterVerticalMetres)),
        new("年断水天数", ColumnScope.Household, nameof(HouseholdFacts.WaterCutoffDaysPerYear)),
        new("缺水地区", ColumnScope.Household, nameof(HouseholdFacts.WaterShortArea)),
        new("通生活用电", ColumnScope.Household, nameof(HouseholdFacts.HasElectricity)),
        new("通硬化路", ColumnScope.Household, nameof(HouseholdFacts.HasHardenedRoad)),
        new("通宽带", ColumnScope.Household, nameof(HouseholdFacts.HasBroadband)),
        new("卫生厕所", ColumnScope.Household, nameof(HouseholdFacts.HasSanitaryToilet)),
        new("纬度", ColumnScope.Household, nameof(HouseholdFacts.Latitude)),
        new("经度", ColumnScope.Household, nameof(HouseholdFacts.Longitude)),

        new(Name, ColumnScope.Member, nameof(MemberFacts.Name)),
        new(IdNumber, ColumnScope.Member, nameof(MemberFacts.IdNumber), "18位（或旧式15位）"),
        new("与户主关系", ColumnScope.Member, nameof(MemberFacts.Relationship)),
        new("性别", ColumnScope.Member, nameof(MemberFacts.Gender)),
        new("出生日期", ColumnScope.Member, nameof(MemberFacts.BirthDate)),
        new("民族", ColumnScope.Member, nameof(MemberFacts.Ethnicity)),
        new("文化程度", ColumnScope.Member, nameof(MemberFacts.EducationLevel)),
        new("在校生状况", ColumnScope.Member, nameof(MemberFacts.SchoolStatus)),
        new("健康状况", ColumnScope.Member, nameof(MemberFacts.HealthStatus)),
        new("残疾等级", ColumnScope.Member, nameof(MemberFacts.DisabilityGrade)),
        new("劳动技能", ColumnScope.Member, nameof(MemberFacts.LaborSkill)),
        new("务工状况", ColumnScope.Member, nameof(MemberFacts.WorkStatus)),
        new("务工时间（月）", ColumnScope.Member, nameof(MemberFacts.WorkMonths)),
        new("参加基本医疗保险", ColumnScope.Member, nameof(MemberFacts.HasMedicalInsurance)),
        new("参加大病保险", ColumnScope.Member, nameof(MemberFacts.HasCriticalIllnessInsurance)),
        new("参加养老保险", ColumnScope.Member, nameof(MemberFacts.HasPensionInsurance)),
        new("公益性岗位（月）", ColumnScope.Member, nameof(MemberFacts.PublicWelfareJobMonths)),
        new("享受低保", ColumnScope.Member, nameof(MemberFacts.ReceivesDibao)),
        new("享受特困供养", ColumnScope.Member, nameof(MemberFacts.ReceivesTekun)),
        new("因身体原因免于就学", ColumnScope.Member, nameof(MemberFacts.SchoolHealthExemption)),
        new("送教上门", ColumnScope.Member, nameof(MemberFacts.HomeSchooling)),
        new(MemberStatusHeader, ColumnScope.Member, nameof(Registry.Member.Status)),
        new(LeftOn, ColumnScope.Member, nameof(Registry.Member.LeftOn)),
        new(LeftNote, ColumnScope.Member, nameof(Registry.Member.LeftNote)),

        new(IncomeYear, ColumnScope.Income, nameof(HouseholdIncome.Year)),
        new("工资性收入", ColumnScope.Income, nameof(IncomeLines.WageIncome)),
        new("其中：公益性岗位收入", ColumnScope.Income, nameof(IncomeLines.PublicWelfareJobIncome)),
        new("生产经营性收入", ColumnScope.Income, nameof(IncomeLines.ProductionIncome)),
        new("生产经营性支出", ColumnScope.Income, nameof(IncomeLines.ProductionExpense)),
        new("财产性收入", ColumnScope.Income, nameof(IncomeLines.PropertyIncome)),
        new("其中：资产收益分红收入", ColumnScope.Income, nameof(IncomeLines.AssetDividendIncome)),
        new("转移性收入", ColumnScope.Income, nameof(IncomeLines.TransferIncome)),
        new("其中：养老金", ColumnScope.Income, nameof(IncomeLines.PensionIncome)),
        new("其中：低保金", ColumnScope.Income, nameof(IncomeLines.DibaoIncome)),
        new("其中：特困供养金", ColumnScope.Income, nameof(IncomeLines.TekunIncome)),
        new("其中：生态补偿金", ColumnScope.Income, nameof(IncomeLines.EcoCompensationIncome)),
        new("其中：计划生育金", ColumnScope.Income, nameof(IncomeLines.FamilyPlanningIncome)),
        new("其中：产业奖补", ColumnScope.Income, nameof(IncomeLines.IndustrySubsidyIncome)),
        new("其中：就业奖补", ColumnScope.Income, nameof(IncomeLines.EmploymentSubsidyIncome)),
        new("合规自付支出", ColumnScope.Income, nameof(IncomeLines.AllowableOutOfPocket)),
        new("家庭人口数（收入年度）", ColumnScope.Income, nameof(IncomeLines.HouseholdSize), "不填则为在册人数"),
    ];

    public static readonly string[] Headers = All.Select(c => c.Header).ToArray();

    public static int IndexOf(string header) => Array.IndexOf(Headers, header);
}

/// <summary>Turns a row into the text of its columns (the order of <see cref="RegistryColumns.All"/>).</summary>
public static class RegistryRowText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string[] Format(RegistryRow r)
    {
        var h = r.Household;
        var m = r.Member;
        var i = r.IncomeYear is null ? null : r.Income ?? new IncomeLines();
        return
        [
            r.HouseholdNumber, r.VillageCode, Labels.Of(h.Status), Labels.Of(h.Attribute), Int(h.IdentifiedYear), Int(h.ExitYear),
            Labels.Of(h.IdentificationStandard), Labels.Of(h.MainCause), Labels.Of(h.SecondCause), Labels.Of(h.ThirdCause),
            Labels.Of(h.Class321), YesNo(h.IsDibao), YesNo(h.IsTekun), YesNo(h.IsRelocated), h.SettlementSite ?? "",
            YesNo(h.RelocationKeysReceived), YesNo(h.IsMilitaryFamily), YesNo(h.HasDangerousHouseRenovation), h.Address ?? "",
            h.Phone ?? "", Labels.Of(h.HousingGrade), YesNo(h.FoodSecure), YesNo(h.ClothingSecure), Dec(h.WaterLitresPerPersonDay),
            YesNo(h.WaterQualityPassed), YesNo(h.WaterPiped), Int(h.WaterFetchMinutes), Int(h.WaterHorizontalMetres),
            Int(h.WaterVerticalMetres), Int(h.WaterCutoffDaysPerYear), YesNo(h.WaterShortArea), YesNo(h.HasElectricity),
            YesNo(h.HasHardenedRoad), YesNo(h.HasBroadband), YesNo(h.HasSanitaryToilet), Dbl(h.Latitude), Dbl(h.Longitude),

            m.Name, m.IdNumber, Labels.Of(m.Relationship), Labels.Of(m.Gender), m.BirthDate?.ToString("yyyy-MM-dd", Inv) ?? "",
            Ethnicities.NameOf(m.Ethnicity), Labels.Of(m.EducationLevel), Labels.Of(m.SchoolStatus), Labels.Of(m.HealthStatus),
            Int(m.DisabilityGrade), Labels.Of(m.LaborSkill), Labels.Of(m.WorkStatus), Int(m.WorkMonths), YesNo(m.HasMedicalInsurance),
            YesNo(m.HasCriticalIllnessInsurance), YesNo(m.HasPensionInsurance), Int(m.PublicWelfareJobMonths), YesNo(m.ReceivesDibao),
            YesNo(m.ReceivesTekun), YesNo(m.SchoolHealthExemption), YesNo(m.HomeSchooling),
            Labels.Of(r.MemberStatus), r.LeftOn?.ToString("yyyy-MM-dd", Inv) ?? "", r.LeftNote ?? "",

            Int(r.IncomeYear), Dec(i?.WageIncome), Dec(i?.PublicWelfareJobIncome), Dec(i?.ProductionIncome), Dec(i?.ProductionExpense),
            Dec(i?.PropertyIncome), Dec(i?.AssetDividendIncome), Dec(i?.TransferIncome), Dec(i?.PensionIncome), Dec(i?.DibaoIncome),
            Dec(i?.TekunIncome), Dec(i?.EcoCompensationIncome), Dec(i?.FamilyPlanningIncome), Dec(i?.IndustrySubsidyIncome),
            Dec(i?.EmploymentSubsidyIncome), Dec(i?.AllowableOutOfPocket), Int(i?.HouseholdSize),
        ];
    }

    private static string Int(int? v) => v?.ToString(Inv) ?? "";
    private static string Dec(decimal? v) => v?.ToString("0.##", Inv) ?? "";
    private static string Dbl(double? v) => v?.ToString("R", Inv) ?? "";
    private static string YesNo(bool v) => v ? "是" : "否";
    private static string YesNo(bool? v) => v switch { true => "是", false => "否", null => "" };
}

/// <summary>
/// Writes the registry file as CSV: UTF-8 with a BOM (so that Excel in China opens it without garbling), header row
/// of <see cref="RegistryColumns.Headers"/>. Used by the export and by the generator.
/// </summary>
public sealed class RegistryCsvWriter : IDisposable, IAsyncDisposable
{
    private readonly CsvWriter _csv;

    public RegistryCsvWriter(Stream output, bool leaveOpen = false)
    {
        var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen);
        // Cells beginning with = + - @ tab CR get a leading quote (formula injection); the importer takes it off again.
        _csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            InjectionOptions = InjectionOptions.Escape, InjectionCharacters = Platform.Excel.ExcelCells.InjectionCharacters,
        }, leaveOpen: false);
        foreach (var h in RegistryColumns.Headers) _csv.WriteField(h);
        _csv.NextRecord();
    }

    public void Write(RegistryRow row) => WriteFields(RegistryRowText.Format(row));

    public void WriteFields(IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++) _csv.WriteField(fields[i]);
        _csv.NextRecord();
    }

    /// <summary>All rows of one household: its members, each with the household's columns and its income year.</summary>
    public void WriteHousehold(string householdNumber, string villageCode, HouseholdFacts household, IEnumerable<MemberFacts> members,
        int? incomeYear = null, IncomeLines? income = null)
    {
        foreach (var m in members) Write(new RegistryRow(householdNumber, villageCode, household, m, IncomeYear: incomeYear, Income: income));
    }

    /// <summary>A generated household (demo and load profiles) with its latest income year, as the file carries one year.</summary>
    public void WriteGenerated(DemoData.GeneratedHousehold g)
    {
        var (year, lines) = g.Incomes.Count > 0 ? g.Incomes.MaxBy(i => i.Year) : (0, null!);
        WriteHousehold(HouseholdNumbers.Format(g.VillageCode, g.SequenceInVillage), g.VillageCode, g.Facts, g.Members,
            g.Incomes.Count > 0 ? year : null, lines);
    }

    public void Flush() => _csv.Flush();

    public void Dispose() => _csv.Dispose();

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}
