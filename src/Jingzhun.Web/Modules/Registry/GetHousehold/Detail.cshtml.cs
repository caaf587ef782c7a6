using System.Globalization;
using System.Text.Json;
using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Registry.GetHousehold;

/// <summary>
/// 户详情: the same handler as GET /api/v1/households/{id}, plus its change history. The sections other modules own
/// (两不愁三保障, 防返贫监测, 走访记录) are <see cref="IHouseholdPanel"/>s: the page only frames them and loads each from
/// its module.
/// </summary>
[Authorize(Policy = Permissions.RegistryView)]
public sealed class DetailModel(GetHouseholdHandler handler, IEnumerable<IHouseholdPanel> panels, CurrentUser me, Platform.Data.AppDbContext db,
    TimeProvider clock) : PageModel
{
    public const int HistoryTake = 200;

    public HouseholdView View { get; private set; } = null!;
    public IReadOnlyList<HistoryView> History { get; private set; } = [];
    /// <summary>The other modules' panels this user may see, in page order.</summary>
    public IReadOnlyList<IHouseholdPanel> Panels { get; } =
        panels.Where(p => p.Permission is null || me.Has(p.Permission)).OrderBy(p => p.Order).ToList();
    public bool CanEdit => me.Has(Permissions.RegistryEdit);
    public bool CanReveal => me.Has(Permissions.RegistryRevealId);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var outcome = await handler.HandleAsync(id, ct);
        if (!outcome.Succeeded) return NotFound();
        View = outcome.Value!;
        History = await handler.HistoryAsync(id, HistoryTake, ct);
        People = await AuditText.PeopleAsync(db, History.Select(h => h.UserName), ct);
        return Page();
    }

    /// <summary>Per-capita net income by year, for the chart (embedded as JSON).</summary>
    public string IncomeChartJson => JsonSerializer.Serialize(new
    {
        years = View.Incomes.Select(i => i.Year.ToString(CultureInfo.InvariantCulture)),
        perCapita = View.Incomes.Select(i => i.PerCapitaNetIncome),
        net = View.Incomes.Select(i => i.NetIncome),
    });

    /// <summary>The year a new income record is most likely for: last year (incomes are recorded after the year ends).</summary>
    public int NewIncomeYear
    {
        get
        {
            var lastYear = ChinaTime.Today(clock).Year - 1;
            return View.Incomes.Any(i => i.Year == lastYear) ? lastYear + 1 : lastYear;
        }
    }

    /// <summary>Income lines and totals: from 1万 in 万 (68.07万), below with two decimals; per-capita in yuan below 10万.</summary>
    public static string Money(decimal v) => ChineseNumbers.Money(v);
    public static string PerCapita(decimal v) => ChineseNumbers.PerCapita(v);
    public static string Text(string? s) => string.IsNullOrWhiteSpace(s) ? "—" : s;
    public static string Num<T>(T? v, string unit = "") where T : struct => v is null ? "—" : $"{v}{unit}";

    public static string EntityLabel(string type) => AuditText.EntityLabel(type);

    /// <summary>The authors of the history's rows: name and unit by user name.</summary>
    public IReadOnlyDictionary<string, string> People { get; private set; } = new Dictionary<string, string>();

    public sealed record ChangeLine(string Field, string Old, string New);

    /// <summary>The audit JSON { field: [old, new] } as readable lines with Chinese field names and labels.</summary>
    public static IReadOnlyList<ChangeLine> ChangesOf(string json, string entityType)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return [];
            var lines = new List<ChangeLine>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Array || p.Value.GetArrayLength() != 2) continue;
                if (p.Name is "Version" or "UpdatedAt" or "UpdatedBy") continue; // bookkeeping, not a change anyone made
                var own = entityType is nameof(Household) or nameof(Member) or nameof(HouseholdIncome);
                var (label, type) = own && FieldNames.TryGetValue(p.Name, out var f) ? f
                    : (AuditText.FieldLabel(p.Name) ?? (FieldNames.TryGetValue(p.Name, out var g) ? g.Label : p.Name), AuditText.FieldType(entityType, p.Name));
                if (p.Name == "Status" && entityType == nameof(Member)) (label, type) = ("成员状态", typeof(MemberStatus));
                lines.Add(new ChangeLine(label, Show(p.Value[0], type, entityType, p.Name), Show(p.Value[1], type, entityType, p.Name)));
            }
            return lines;
        }
        catch (JsonException)
        {
            return [new ChangeLine("变更内容", "", json)];
        }
    }

    private static string Show(JsonElement v, Type? enumType, string entityType, string field) => v.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "（空）",
        JsonValueKind.True => "是",
        JsonValueKind.False => "否",
        JsonValueKind.String when enumType is { IsEnum: true } && Enum.TryParse(enumType, v.GetString(), out var e) => Labels.Of((Enum)e!),
        JsonValueKind.String when enumType == typeof(Ethnicities) => Ethnicities.NameOf(v.GetString()) is { Length: > 0 } n ? n : v.GetString()!,
        JsonValueKind.String when AuditText.Value(entityType, field, v.GetString()!) is { } read => read,
        JsonValueKind.String => v.GetString() is { Length: > 0 } s ? s : "（空）",
        _ => v.GetRawText(),
    };

    /// <summary>Property names of the audited entities in Chinese; the type, when set, turns stored enum names into labels.</summary>
    public static readonly IReadOnlyDictionary<string, (string Label, Type? Type)> FieldNames = new Dictionary<string, (string, Type?)>
    {
        ["HouseholdNumber"] = ("户编号", null), ["VillageCode"] = ("所在村代码", null),
        ["Status"] = ("状态", typeof(HouseholdStatus)), ["Attribute"] = ("贫困户属性", typeof(PovertyAttribute)),
        ["IdentifiedYear"] = ("识别年度", null), ["ExitYear"] = ("脱贫年度", null),
        ["IdentificationStandard"] = ("识别标准", typeof(IdentificationStandard)),
        ["MainCause"] = ("主要致贫原因", typeof(PovertyCause)), ["SecondCause"] = ("其他致贫原因一", typeof(PovertyCause)),
        ["ThirdCause"] = ("其他致贫原因二", typeof(PovertyCause)), ["Class321"] = ("321分类", typeof(Class321)),
        ["IsDibao"] = ("低保户", null), ["IsTekun"] = ("特困供养", null), ["IsRelocated"] = ("易地扶贫搬迁", null),
        ["SettlementSite"] = ("安置点", null), ["RelocationKeysReceived"] = ("已领取安置房钥匙", null),
        ["IsMilitaryFamily"] = ("军烈属", null), ["HasDangerousHouseRenovation"] = ("危房改造", null),
        ["Address"] = ("住址", null), ["PhoneMasked"] = ("联系电话", null),
        ["HousingGrade"] = ("住房安全等级", typeof(HousingGrade)), ["FoodSecure"] = ("不愁吃", null), ["ClothingSecure"] = ("不愁穿", null),
        ["WaterLitresPerPersonDay"] = ("水量（升/人·天）", null), ["WaterQualityPassed"] = ("水质达标", null),
        ["WaterPiped"] = ("自来水入户", null), ["WaterFetchMinutes"] = ("取水往返时间（分钟）", null),
        ["WaterHorizontalMetres"] = ("取水水平距离（米）", null), ["WaterVerticalMetres"] = ("取水垂直距离（米）", null),
        ["WaterCutoffDaysPerYear"] = ("年断水天数", null), ["WaterShortArea"] = ("缺水地区", null),
        ["HasElectricity"] = ("通生活用电", null), ["HasHardenedRoad"] = ("通硬化路", null), ["HasBroadband"] = ("通宽带", null),
        ["HasSanitaryToilet"] = ("卫生厕所", null), ["Latitude"] = ("纬度", null), ["Longitude"] = ("经度", null),
        ["HeadName"] = ("户主姓名", null), ["Size"] = ("家庭人口数", null),
        ["LatestIncomeYear"] = ("最新收入年度", null), ["LatestPerCapitaIncome"] = ("最新人均纯收入", null),
        ["Name"] = ("姓名", null), ["IdNumberMasked"] = ("身份证号（脱敏）", null), ["IsLegacyIdNumber"] = ("15位旧证号", null),
        ["Relationship"] = ("与户主关系", typeof(Relationship)), ["Gender"] = ("性别", typeof(Gender)), ["BirthDate"] = ("出生日期", null),
        ["Ethnicity"] = ("民族", typeof(Ethnicities)), ["EducationLevel"] = ("文化程度", typeof(EducationLevel)),
        ["SchoolStatus"] = ("在校生状况", typeof(SchoolStatus)), ["SchoolHealthExemption"] = ("因身体原因免于入学", null), ["HomeSchooling"] = ("送教上门", null), ["HealthStatus"] = ("健康状况", typeof(HealthStatus)),
        ["DisabilityGrade"] = ("残疾等级", null), ["LaborSkill"] = ("劳动技能", typeof(LaborSkill)),
        ["WorkStatus"] = ("务工状况", typeof(WorkStatus)), ["WorkMonths"] = ("务工时间（月）", null),
        ["HasMedicalInsurance"] = ("基本医疗保险", null), ["HasCriticalIllnessInsurance"] = ("大病保险", null),
        ["HasPensionInsurance"] = ("养老保险", null), ["PublicWelfareJobMonths"] = ("公益性岗位（月）", null),
        ["ReceivesDibao"] = ("享受低保", null), ["ReceivesTekun"] = ("特困供养", null),
        ["LeftOn"] = ("减员日期", null), ["LeftNote"] = ("减员说明", null),
        ["Year"] = ("年度", null), ["WageIncome"] = ("工资性收入", null), ["PublicWelfareJobIncome"] = ("其中：公益性岗位收入", null),
        ["ProductionIncome"] = ("生产经营性收入", null), ["ProductionExpense"] = ("生产经营性支出", null),
        ["PropertyIncome"] = ("财产性收入", null), ["AssetDividendIncome"] = ("其中：资产收益分红", null),
        ["TransferIncome"] = ("转移性收入", null), ["PensionIncome"] = ("其中：养老金", null), ["DibaoIncome"] = ("其中：低保金", null),
        ["TekunIncome"] = ("其中：特困供养金", null), ["EcoCompensationIncome"] = ("其中：生态补偿金", null),
        ["FamilyPlanningIncome"] = ("其中：计划生育金", null), ["IndustrySubsidyIncome"] = ("产业奖补", null),
        ["EmploymentSubsidyIncome"] = ("就业奖补", null), ["AllowableOutOfPocket"] = ("合规自付支出", null),
        ["HouseholdSize"] = ("家庭人口数", null), ["NetIncome"] = ("家庭纯收入", null), ["PerCapitaNetIncome"] = ("人均纯收入", null),
    };
}
