using System.Text.Json;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Modules.Admin.SearchAudit;

/// <summary>Renders an audit row's changes ({ field: [old, new] }) as "字段: 旧 → 新" with Chinese names and labels.</summary>
public static class AuditChangeText
{
    public static readonly IReadOnlyList<(string Type, string Label)> EntityTypes =
        [("Household", "户"), ("Member", "成员"), ("HouseholdIncome", "收入"), ("AppUser", "用户"), ("Backup", "数据备份")];

    public static string EntityLabel(string type) => EntityTypes.FirstOrDefault(e => e.Type == type).Label ?? Platform.Auditing.AuditText.EntityLabel(type);

    private static readonly Dictionary<string, string> Names = new()
    {
        ["HouseholdNumber"] = "户编号", ["VillageCode"] = "所在村", ["Status"] = "状态", ["Attribute"] = "贫困户属性",
        ["IdentifiedYear"] = "识别年度", ["ExitYear"] = "脱贫年度", ["IdentificationStandard"] = "识别标准",
        ["MainCause"] = "主要致贫原因", ["SecondCause"] = "其他致贫原因（一）", ["ThirdCause"] = "其他致贫原因（二）",
        ["Class321"] = "321分类", ["IsDibao"] = "低保户", ["IsTekun"] = "特困供养户", ["IsRelocated"] = "易地扶贫搬迁",
        ["SettlementSite"] = "安置点", ["RelocationKeysReceived"] = "已领安置房钥匙", ["IsMilitaryFamily"] = "军烈属",
        ["HasDangerousHouseRenovation"] = "危房改造", ["Address"] = "详细地址", ["PhoneMasked"] = "联系电话",
        ["HousingGrade"] = "住房安全等级", ["FoodSecure"] = "不愁吃", ["ClothingSecure"] = "不愁穿",
        ["WaterLitresPerPersonDay"] = "人均日供水量", ["WaterQualityPassed"] = "水质达标", ["WaterPiped"] = "自来水入户",
        ["WaterFetchMinutes"] = "取水往返时间", ["WaterHorizontalMetres"] = "取水水平距离", ["WaterVerticalMetres"] = "取水垂直距离",
        ["WaterCutoffDaysPerYear"] = "年断水天数", ["WaterShortArea"] = "缺水地区", ["HasElectricity"] = "通生活用电",
        ["HasHardenedRoad"] = "通硬化路", ["HasBroadband"] = "通宽带", ["HasSanitaryToilet"] = "卫生厕所",
        ["Latitude"] = "纬度", ["Longitude"] = "经度", ["HeadName"] = "户主", ["Size"] = "家庭人口数",
        ["LatestIncomeYear"] = "最近收入年度", ["LatestPerCapitaIncome"] = "最近人均纯收入",
        ["Name"] = "姓名", ["IdNumberMasked"] = "证件号码", ["IsLegacyIdNumber"] = "15位旧证件号", ["Relationship"] = "与户主关系",
        ["Gender"] = "性别", ["BirthDate"] = "出生日期", ["Ethnicity"] = "民族", ["EducationLevel"] = "文化程度",
        ["SchoolStatus"] = "在校生状况", ["HealthStatus"] = "健康状况", ["DisabilityGrade"] = "残疾等级", ["LaborSkill"] = "劳动技能",
        ["WorkStatus"] = "务工状况", ["WorkMonths"] = "务工时间（月）", ["HasMedicalInsurance"] = "基本医疗保险",
        ["HasCriticalIllnessInsurance"] = "大病保险", ["HasPensionInsurance"] = "养老保险", ["PublicWelfareJobMonths"] = "公益性岗位（月）",
        ["ReceivesDibao"] = "享受低保", ["ReceivesTekun"] = "享受特困供养", ["LeftOn"] = "减员日期", ["LeftNote"] = "减员备注",
        ["Year"] = "年度", ["WageIncome"] = "工资性收入", ["PublicWelfareJobIncome"] = "公益性岗位收入", ["ProductionIncome"] = "生产经营性收入",
        ["ProductionExpense"] = "生产经营性支出", ["PropertyIncome"] = "财产性收入", ["AssetDividendIncome"] = "资产收益分红",
        ["TransferIncome"] = "转移性收入", ["PensionIncome"] = "养老金", ["DibaoIncome"] = "低保金", ["TekunIncome"] = "特困供养金",
        ["EcoCompensationIncome"] = "生态补偿金", ["FamilyPlanningIncome"] = "计划生育金", ["IndustrySubsidyIncome"] = "产业奖补",
        ["EmploymentSubsidyIncome"] = "就业奖补", ["AllowableOutOfPocket"] = "合规自付支出", ["HouseholdSize"] = "家庭人口数",
        ["NetIncome"] = "家庭纯收入", ["PerCapitaNetIncome"] = "人均纯收入",
        ["UserName"] = "用户名", ["DisplayName"] = "姓名", ["Role"] = "角色", ["RegionCode"] = "所属地区", ["LockoutEnd"] = "停用至",
        ["LockoutEnabled"] = "允许锁定", ["Email"] = "邮箱", ["PhoneNumber"] = "电话", ["EmailConfirmed"] = "邮箱已验证",
        ["PhoneNumberConfirmed"] = "电话已验证", ["TwoFactorEnabled"] = "双因素认证",
    };

    private static readonly Dictionary<string, Type> Enums = new()
    {
        ["Attribute"] = typeof(PovertyAttribute), ["IdentificationStandard"] = typeof(IdentificationStandard),
        ["MainCause"] = typeof(PovertyCause), ["SecondCause"] = typeof(PovertyCause), ["ThirdCause"] = typeof(PovertyCause),
        ["Class321"] = typeof(Class321), ["HousingGrade"] = typeof(HousingGrade), ["Relationship"] = typeof(Relationship),
        ["Gender"] = typeof(Gender), ["EducationLevel"] = typeof(EducationLevel), ["SchoolStatus"] = typeof(SchoolStatus),
        ["HealthStatus"] = typeof(HealthStatus), ["LaborSkill"] = typeof(LaborSkill), ["WorkStatus"] = typeof(WorkStatus),
    };

    public sealed record Line(string Field, string? Old, string New, bool Created);

    /// <param name="created">A new record: list its filled values only (zeros and "否" add nothing to read).</param>
    /// <param name="fieldLabel">The fields' names for a record that declares its own (a policy table); a field it does not name is left out.</param>
    public static IReadOnlyList<Line> Lines(string entityType, string changesJson, bool created = false, Func<string, string?>? fieldLabel = null)
    {
        var lines = new List<Line>();
        if (string.IsNullOrWhiteSpace(changesJson)) return lines;
        try
        {
            using var doc = JsonDocument.Parse(changesJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return lines;
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Array || p.Value.GetArrayLength() != 2) continue;
                var oldV = Value(entityType, p.Name, p.Value[0]);
                var newV = Value(entityType, p.Name, p.Value[1]);
                if (created && IsBlank(p.Value[1])) continue;
                var label = fieldLabel is null ? Names.GetValueOrDefault(p.Name) ?? Platform.Auditing.AuditText.FieldLabel(p.Name) ?? p.Name : fieldLabel(p.Name);
                if (label is null) continue;
                lines.Add(new Line(label, created ? null : oldV, newV, created));
            }
        }
        catch (JsonException)
        {
            lines.Add(new Line("变更", null, changesJson, true));
        }
        return lines;
    }

    private static bool IsBlank(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.False => true,
        JsonValueKind.Number => v.TryGetDecimal(out var d) && d == 0,
        JsonValueKind.String => v.GetString() is null or "",
        _ => false,
    };

    private static string Value(string entityType, string field, JsonElement v)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined: return "（空）";
            case JsonValueKind.True: return "是";
            case JsonValueKind.False: return "否";
            case JsonValueKind.Number: return v.GetRawText();
        }
        var s = v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText();
        if (field == "Status" && entityType is "Member" or "Household")
        {
            var type = entityType == "Member" ? typeof(MemberStatus) : typeof(HouseholdStatus);
            return Enum.TryParse(type, s, out var st) ? Labels.Of((Enum)st!) : s;
        }
        if (Enums.TryGetValue(field, out var t) && Enum.TryParse(t, s, out var e)) return Labels.Of((Enum)e!);
        if (Platform.Auditing.AuditText.Value(entityType, field, s) is { } read) return read;
        if (field == "Ethnicity" && Ethnicities.NameOf(s) is { Length: > 0 } n) return n;
        if (field == "Role") return Roles.LabelOf(s);
        if (field == "LockoutEnd" && DateTimeOffset.TryParse(s, out var d)) return d.Year >= 9999 ? "永久" : ChinaTime.Format(d.UtcDateTime);
        return s.Length == 0 ? "（空）" : s;
    }
}
