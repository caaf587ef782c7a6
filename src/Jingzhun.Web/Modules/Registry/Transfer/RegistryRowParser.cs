using Jingzhun.Web.Platform.Excel;
using System.Collections.Frozen;
using System.Globalization;
using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Modules.Registry.Transfer;

/// <summary>
/// Reads the text of a row (in <see cref="RegistryColumns.All"/> order) into a <see cref="RegistryRow"/>. Only the
/// form of each cell is checked here (a number, a date, a known code); the meaning is checked afterwards by the same
/// validators as the forms.
/// </summary>
public static class RegistryRowParser
{
    /// <summary>Parses the household columns (the first row of a household).</summary>
    public static HouseholdFacts ParseHousehold(string[] f, int row, List<RowError> errors)
    {
        var p = new CellReader(f, RegistryColumns.Headers, row, errors);
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
        var p = new CellReader(f, RegistryColumns.Headers, row, errors);
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
        var p = new CellReader(f, RegistryColumns.Headers, row, errors);
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

    private static string Ethnicity(this CellReader p, int i)
    {
        var s = p.Raw(i);
        if (s.Length == 0) return "01";
        if (Registry.Ethnicities.Parse(s) is { } code) return code;
        p.Fail(i, $"“{s}”不是有效的民族（填写名称如“汉族”或代码如“01”）");
        return "01";
    }
}
