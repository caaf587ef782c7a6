using System.Collections.Frozen;
using System.Globalization;
using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Modules.Registry.Transfer;

/// <summary>A problem with one cell (or one row): the row number as in the user's file, the column header, the reason.</summary>
public sealed record RowError(int Row, string Column, string Message);

/// <summary>
/// Reads the text of a row (in <see cref="RegistryColumns.All"/> order) into a <see cref="RegistryRow"/>. Only the
/// form of each cell is checked here (a number, a date, a known code); the meaning is checked afterwards by the same
/// validators as the forms.
/// </summary>
public static class RegistryRowParser
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy-M-d", "yyyy/M/d", "yyyyMMdd", "yyyy.MM.dd", "yyyy.M.d", "yyyy年M月d日", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm"];

    /// <summary>Parses the household columns (the first row of a household).</summary>
    public static HouseholdFacts ParseHousehold(string[] f, int row, List<RowError> errors)
    {
        var p = new Cells(f, row, errors);
        var i = 2;
        return new HouseholdFacts
        {
            Status = p.Code(i++, HouseholdStatus.Exited, required: true),
            Attribute = p.OptCode<PovertyAttribute>(i++),
            IdentifiedYear = p.OptInt(i++),
            ExitYear = p.OptInt(i++),
            IdentificationStandard = p.OptCode<IdentificationStandard>(i++),
            MainCause = p.OptCode<PovertyCause>(i++),
            SecondCause = p.OptCode<PovertyCause>(i++),
            ThirdCause = p.OptCode<PovertyCause>(i++),
            Class321 = p.OptCode<Class321>(i++),
            IsDibao = p.Bool(i++),
            IsTekun = p.Bool(i++),
            IsRelocated = p.Bool(i++),
            SettlementSite = p.Text(i++),
            RelocationKeysReceived = p.Bool(i++),
            IsMilitaryFamily = p.Bool(i++),
            HasDangerousHouseRenovation = p.Bool(i++),
            Address = p.Text(i++),
            Phone = p.Text(i++),
            HousingGrade = p.OptCode<HousingGrade>(i++),
            FoodSecure = p.OptBool(i++),
            ClothingSecure = p.OptBool(i++),
            WaterLitresPerPersonDay = p.OptDecimal(i++),
            WaterQualityPassed = p.OptBool(i++),
            WaterPiped = p.OptBool(i++),
            WaterFetchMinutes = p.OptInt(i++),
            WaterHorizontalMetres = p.OptInt(i++),
            WaterVerticalMetres = p.OptInt(i++),
            WaterCutoffDaysPerYear = p.OptInt(i++),
            WaterShortArea = p.Bool(i++),
            HasElectricity = p.OptBool(i++),
            HasHardenedRoad = p.OptBool(i++),
            HasBroadband = p.OptBool(i++),
            HasSanitaryToilet = p.OptBool(i++),
            Latitude = p.OptDouble(i++),
            Longitude = p.OptDouble(i++),
        };
    }

    public static readonly int FirstMemberColumn = RegistryColumns.IndexOf(RegistryColumns.Name);
    public static readonly int FirstIncomeColumn = RegistryColumns.IndexOf(RegistryColumns.IncomeYear);

    /// <summary>Parses the member columns and the status (在册 / 迁出 / 死亡 / 婚出) of one row.</summary>
    public static (MemberFacts Member, MemberStatus Status, DateOnly? LeftOn, string? LeftNote) ParseMember(string[] f, int row, List<RowError> errors)
    {
        var p = new Cells(f, row, errors);
        var i = FirstMemberColumn;
        var m = new MemberFacts
        {
            Name = p.Text(i++) ?? "",
            IdNumber = p.Text(i++) ?? "",
            Relationship = p.Code(i++, Relationship.Other, required: true),
            Gender = p.OptCode<Gender>(i++),
            BirthDate = p.OptDate(i++),
            Ethnicity = p.Ethnicity(i++),
            EducationLevel = p.OptCode<EducationLevel>(i++),
            SchoolStatus = p.Code(i++, SchoolStatus.NotInSchool),
            HealthStatus = p.Code(i++, HealthStatus.Healthy),
            DisabilityGrade = p.OptInt(i++),
            LaborSkill = p.Code(i++, LaborSkill.Ordinary),
            WorkStatus = p.Code(i++, WorkStatus.None),
            WorkMonths = p.OptInt(i++),
            HasMedicalInsurance = p.Bool(i++),
            HasCriticalIllnessInsurance = p.Bool(i++),
            HasPensionInsurance = p.Bool(i++),
            PublicWelfareJobMonths = p.OptInt(i++),
            ReceivesDibao = p.Bool(i++),
            ReceivesTekun = p.Bool(i++),
            SchoolHealthExemption = p.Bool(i++),
            HomeSchooling = p.Bool(i++),
        };
        var status = p.Code(i++, MemberStatus.Active);
        var leftOn = p.OptDate(i++);
        var note = p.Text(i++);
        if (status != MemberStatus.Active && leftOn is null)
            errors.Add(new RowError(row, RegistryColumns.LeftOn, "已减员（迁出、死亡、婚出）的成员须填写减员日期"));
        return (m, status, status == MemberStatus.Active ? null : leftOn, status == MemberStatus.Active ? null : note);
    }

    /// <summary>The income year and lines of the household (null when 收入年度 is empty).</summary>
    public static (int? Year, IncomeLines? Lines) ParseIncome(string[] f, int row, List<RowError> errors)
    {
        var p = new Cells(f, row, errors);
        var i = FirstIncomeColumn;
        var year = p.OptInt(i++);
        if (year is null)
        {
            for (var k = i; k < RegistryColumns.All.Count; k++)
                if (!string.IsNullOrWhiteSpace(Cell(f, k)))
                {
                    errors.Add(new RowError(row, RegistryColumns.IncomeYear, "填写了收入金额，但未填写收入年度"));
                    break;
                }
            return (null, null);
        }
        return (year, new IncomeLines
        {
            WageIncome = p.Money(i++), PublicWelfareJobIncome = p.Money(i++), ProductionIncome = p.Money(i++),
            ProductionExpense = p.Money(i++), PropertyIncome = p.Money(i++), AssetDividendIncome = p.Money(i++),
            TransferIncome = p.Money(i++), PensionIncome = p.Money(i++), DibaoIncome = p.Money(i++), TekunIncome = p.Money(i++),
            EcoCompensationIncome = p.Money(i++), FamilyPlanningIncome = p.Money(i++), IndustrySubsidyIncome = p.Money(i++),
            EmploymentSubsidyIncome = p.Money(i++), AllowableOutOfPocket = p.Money(i++), HouseholdSize = p.OptInt(i++),
        });
    }

    private static string Cell(string[] f, int i) => i < f.Length ? f[i] : "";

    private readonly struct Cells(string[] f, int row, List<RowError> errors)
    {
        private string Raw(int i) => (i < f.Length ? f[i] : "").Trim();
        private void Fail(int i, string message) => errors.Add(new RowError(row, RegistryColumns.Headers[i], message));
        private static string Name(int i) => RegistryColumns.Headers[i];

        public string? Text(int i) => Raw(i) is { Length: > 0 } s ? s : null;

        public T Code<T>(int i, T fallback, bool required = false) where T : struct, Enum
        {
            var s = Raw(i);
            if (s.Length == 0)
            {
                if (required) Fail(i, $"请填写{Name(i)}");
                return fallback;
            }
            if (CodeTable<T>.TryParse(s, out var v)) return v;
            Fail(i, $"“{s}”不是有效的{Name(i)}（可填：{CodeTable<T>.Choices}）");
            return fallback;
        }

        public T? OptCode<T>(int i) where T : struct, Enum
        {
            var s = Raw(i);
            if (s.Length == 0) return null;
            if (CodeTable<T>.TryParse(s, out var v)) return v;
            Fail(i, $"“{s}”不是有效的{Name(i)}（可填：{CodeTable<T>.Choices}）");
            return null;
        }

        public bool Bool(int i) => OptBool(i) ?? false;

        public bool? OptBool(int i)
        {
            var s = Raw(i);
            switch (s)
            {
                case "": return null;
                case "是" or "1" or "Y" or "y" or "√" or "有" or "true" or "TRUE" or "True": return true;
                case "否" or "0" or "N" or "n" or "×" or "无" or "false" or "FALSE" or "False": return false;
                default:
                    Fail(i, $"{Name(i)}应填“是”或“否”，实际为“{s}”");
                    return null;
            }
        }

        public int? OptInt(int i)
        {
            var s = Raw(i);
            if (s.Length == 0) return null;
            if (int.TryParse(s, NumberStyles.Integer, Inv, out var v)) return v;
            // Excel may hand back 2021 as "2021.0".
            if (decimal.TryParse(s, NumberStyles.Number, Inv, out var d) && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue) return (int)d;
            Fail(i, $"{Name(i)}应为整数，实际为“{s}”");
            return null;
        }

        public decimal? OptDecimal(int i)
        {
            var s = Raw(i);
            if (s.Length == 0) return null;
            if (decimal.TryParse(s.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, Inv, out var v)) return v;
            Fail(i, $"{Name(i)}应为数字，实际为“{s}”");
            return null;
        }

        public decimal Money(int i) => OptDecimal(i) ?? 0m;

        public double? OptDouble(int i)
        {
            var s = Raw(i);
            if (s.Length == 0) return null;
            if (double.TryParse(s, NumberStyles.Float, Inv, out var v)) return v;
            Fail(i, $"{Name(i)}应为数字，实际为“{s}”");
            return null;
        }

        public DateOnly? OptDate(int i)
        {
            var s = Raw(i);
            if (s.Length == 0) return null;
            if (s.Length == 10 && Rules.DigitDates.TryParse(s, out var quick)) return quick;
            if (DateOnly.TryParseExact(s, DateFormats, Inv, DateTimeStyles.None, out var d)) return d;
            if (DateTime.TryParseExact(s, DateFormats, Inv, DateTimeStyles.None, out var dt)) return DateOnly.FromDateTime(dt);
            // An Excel date cell read as its serial number (days since 1899-12-30).
            if (double.TryParse(s, NumberStyles.Float, Inv, out var serial) && serial is > 1 and < 2958466)
                return DateOnly.FromDateTime(DateTime.FromOADate(serial));
            Fail(i, $"{Name(i)}“{s}”不是有效日期（如 2026-01-31）");
            return null;
        }

        public string Ethnicity(int i)
        {
            var s = Raw(i);
            if (s.Length == 0) return "01";
            if (Registry.Ethnicities.Parse(s) is { } code) return code;
            Fail(i, $"“{s}”不是有效的民族（填写名称如“汉族”或代码如“01”）");
            return "01";
        }
    }
}

/// <summary>Label (因病), English name (Illness) or numeric code (1) → value, for a code-table enum.</summary>
public static class CodeTable<T> where T : struct, Enum
{
    private static readonly FrozenDictionary<string, T> Lookup = Build();

    public static readonly string Choices = string.Join("、", Labels.For<T>().Select(x => x.Label));

    private static FrozenDictionary<string, T> Build()
    {
        var d = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var (v, label) in Labels.For<T>())
        {
            d[label] = v;
            d[v.ToString()] = v;
            d[Convert.ToInt32(v, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)] = v;
        }
        return d.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public static bool TryParse(string text, out T value) => Lookup.TryGetValue(text, out value);
}
