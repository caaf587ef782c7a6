using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Modules.Registry;

namespace Jingzhun.Web.Modules.DataMatching.Rules;

/// <summary>A roster's columns beyond the ID number and name: which of 金额 / 类别 / 日期 it has, under what header, and the choices of 类别.</summary>
public sealed record RosterColumns(string Department, string? Amount, bool AmountRequired, string? Category, string[] Categories, string? Date,
    string Hint);

/// <summary>One row of a roster after reading: the ID number is gone (only its match is kept).</summary>
public sealed record RosterFacts(decimal? Amount, string? Category, DateOnly? Date);

/// <summary>The registry's facts of the matched member that the rules look at.</summary>
public sealed record MemberFactsForMatch(HouseholdStatus HouseholdStatus, HealthStatus Health, int? DisabilityGrade, bool ReceivesDibao, bool ReceivesTekun,
    DateOnly BirthDate);

/// <summary>The values of the rule set in force (per province and year): thresholds and the verification deadlines.</summary>
public sealed record MatchThresholds(decimal MedicalExited, decimal MedicalOther, decimal EducationCost, decimal VehicleValue, decimal DisasterLoss,
    int EligibilityDays, int RiskDays, int ProblemDays, int CorrectionDays)
{
    /// <summary>DOMAIN.md §6's example county rules; 灾情损失 10,000 yuan and the deadlines are this product's defaults.</summary>
    public static readonly MatchThresholds Example = new(5000m, 20000m, 10000m, 30000m, 10000m, 15, 7, 7, 15);

    public int DaysFor(DoubtOutcome o) => o switch
    {
        DoubtOutcome.Eligibility => EligibilityDays,
        DoubtOutcome.RiskLead => RiskDays,
        DoubtOutcome.Problem => ProblemDays,
        _ => CorrectionDays,
    };
}

/// <summary>A rule that fired: its code (the key of "the same match" across batches), its outcome and what the village is asked to verify.</summary>
public sealed record RuleHit(string Rule, string RuleLabel, DoubtOutcome Outcome, string Detail, Dimension? Dimension = null, RiskReason? Reason = null);

/// <summary>
/// 大数据比对规则 (DOMAIN.md §6): pure. Each roster kind names its department and columns; a matched member's row fires at most one rule.
/// Eligibility 疑点 (错评) concern registered households only (脱贫户, 未脱贫户, 监测户); risk warnings, problems and corrections any
/// household of the registry. Every comparison is on the exact amount (yuan, as given), never a rounded one.
/// </summary>
public static class MatchRules
{
    public static readonly IReadOnlyDictionary<RosterKind, RosterColumns> Columns = new Dictionary<RosterKind, RosterColumns>
    {
        [RosterKind.Death] = new("公安", null, false, "类别", ["死亡", "户籍注销"], "注销日期", "公安部门的死亡和户籍注销人员名单"),
        [RosterKind.Prison] = new("司法", null, false, null, [], "入监日期", "正在服刑人员名单"),
        [RosterKind.Assistance] = new("民政", "救助金额", false, "救助类别", ["低保", "特困", "临时救助"], "救助日期", "民政部门新纳入的低保、特困和临时救助对象"),
        [RosterKind.Medical] = new("医保", "年度累计住院自付金额", true, null, [], "截至日期", "医保部门按人统计的本年度住院个人自付费用（元）"),
        [RosterKind.School] = new("教育", "年度教育自付费用", false, "学籍状态", ["在读", "辍学", "休学"], "登记日期", "教育部门的学籍名单：学籍状态，高中/中职阶段的自付费用"),
        [RosterKind.DangerousHouse] = new("住建", null, false, "鉴定等级", ["A级", "B级", "C级", "D级"], "鉴定日期", "住建部门的农房安全鉴定结果"),
        [RosterKind.Disability] = new("残联", null, false, "残疾等级", ["一级", "二级", "三级", "四级"], "发证日期", "残联新发放残疾证人员"),
        [RosterKind.Unemployment] = new("人社", null, false, null, [], "登记日期", "人社部门的失业登记人员"),
        [RosterKind.Business] = new("市场监管", null, false, "登记类型", ["企业", "个体工商户", "农民专业合作社"], "登记日期", "市场监管部门的工商登记（法定代表人、经营者、股东）"),
        [RosterKind.Vehicle] = new("公安车管", "车辆价值", true, "车辆类型", [], "登记日期", "车管部门登记的机动车及其价值（元）"),
        [RosterKind.Property] = new("不动产", null, false, "房产类型", ["商品房", "商铺"], "登记日期", "不动产登记的城镇商品房、商铺"),
        [RosterKind.PublicEmployee] = new("组织/人社", null, false, "单位", [], "入职日期", "财政供养人员（公务员、事业单位人员）"),
        [RosterKind.Disaster] = new("应急", "损失金额", true, "灾害种类", [], "受灾日期", "应急部门核定的灾情损失（元）"),
    };

    private static readonly HouseholdStatus[] Registered = [HouseholdStatus.Exited, HouseholdStatus.NotExited, HouseholdStatus.Monitored];

    public static bool IsRegistered(HouseholdStatus s) => Array.IndexOf(Registered, s) >= 0;

    /// <summary>脱贫人口 and 监测对象 (and the not yet exited) have the lower 医保 line.</summary>
    private static bool LowerMedicalLine(HouseholdStatus s) => IsRegistered(s);

    private static string Yuan(decimal v) => v.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The rule the row fires for the member, or null. <paramref name="asOf"/> is the batch's day (ages are taken on it).</summary>
    public static RuleHit? Evaluate(RosterKind kind, RosterFacts row, MemberFactsForMatch m, MatchThresholds t, DateOnly asOf)
    {
        var on = row.Date is { } d ? $"（{d:yyyy-MM-dd}）" : "";
        switch (kind)
        {
            case RosterKind.Death:
                return new("death", "死亡/户籍注销待减员", DoubtOutcome.Correction,
                    $"公安部门{row.Category ?? "死亡"}{on}，但仍在册：核实后办理减员");
            case RosterKind.Prison:
                return IsRegistered(m.HouseholdStatus) ? new("prison", "服刑人员在册", DoubtOutcome.Eligibility, $"司法部门服刑人员{on}：核实家庭人口和识别条件") : null;
            case RosterKind.Assistance:
                var category = row.Category ?? "";
                var isNew = category switch { "低保" => !m.ReceivesDibao, "特困" => !m.ReceivesTekun, "临时救助" => true, _ => false };
                return isNew ? new("assistance", "新纳入民政救助", DoubtOutcome.RiskLead,
                    $"民政部门新纳入{category}{on}{(row.Amount is { } a ? $"，金额 {Yuan(a)} 元" : "")}：核实是否存在返贫致贫风险") : null;
            case RosterKind.Medical:
                if (row.Amount is not { } cost) return null;
                var line = LowerMedicalLine(m.HouseholdStatus) ? t.MedicalExited : t.MedicalOther;
                return cost >= line ? new("medical", "住院自付费用较高", DoubtOutcome.RiskLead,
                    $"医保部门本年度住院自付 {Yuan(cost)} 元{on}，达到预警线 {Yuan(line)} 元（{(LowerMedicalLine(m.HouseholdStatus) ? "脱贫人口和监测对象" : "其他农户")}）",
                    Reason: RiskReason.HighOutOfPocket) : null;
            case RosterKind.School:
                if (row.Category == "辍学" && AgeOn(m.BirthDate, asOf) is >= 6 and <= 16)
                    return new("dropout", "义务教育阶段辍学", DoubtOutcome.Problem, $"教育部门学籍状态为辍学{on}：核实义务教育保障", Dimension.Education);
                return row.Amount is { } fee && fee > t.EducationCost
                    ? new("education-cost", "教育自付费用较高", DoubtOutcome.RiskLead, $"教育部门本年度自付教育费用 {Yuan(fee)} 元，超过 {Yuan(t.EducationCost)} 元") : null;
            case RosterKind.DangerousHouse:
                return row.Category is "C级" or "D级" ? new("dangerous-house", "农房鉴定为危房", DoubtOutcome.Problem,
                    $"住建部门鉴定为{row.Category}危房{on}：核实住房安全保障", Dimension.Housing) : null;
            case RosterKind.Disability:
                return m.Health != HealthStatus.Disabled && m.DisabilityGrade is null
                    ? new("disability", "新办残疾证", DoubtOutcome.RiskLead, $"残联新发残疾证{(row.Category is { } g ? $"（{g}）" : "")}{on}，档案未登记残疾：核实是否存在风险") : null;
            case RosterKind.Unemployment:
                return new("unemployment", "失业登记", DoubtOutcome.RiskLead, $"人社部门失业登记{on}：核实家庭收入是否受影响", Reason: RiskReason.UnstableEmployment);
            case RosterKind.Business:
                return IsRegistered(m.HouseholdStatus) ? new("business", "有工商登记", DoubtOutcome.Eligibility, $"市场监管部门登记{row.Category ?? "市场主体"}{on}：核实识别条件") : null;
            case RosterKind.Vehicle:
                if (!IsRegistered(m.HouseholdStatus) || row.Amount is not { } value || value < t.VehicleValue) return null;
                return new("vehicle", "拥有较高价值车辆", DoubtOutcome.Eligibility,
                    $"车管部门登记{row.Category ?? "车辆"}，价值 {Yuan(value)} 元，达到 {Yuan(t.VehicleValue)} 元：核实识别条件");
            case RosterKind.Property:
                return IsRegistered(m.HouseholdStatus) && row.Category is "商品房" or "商铺"
                    ? new("property", "拥有城镇商品房或商铺", DoubtOutcome.Eligibility, $"不动产登记{row.Category}{on}：核实识别条件") : null;
            case RosterKind.PublicEmployee:
                return IsRegistered(m.HouseholdStatus) ? new("public-employee", "财政供养人员", DoubtOutcome.Eligibility,
                    $"财政供养人员{(row.Category is { } unit ? $"（{unit}）" : "")}：核实识别条件") : null;
            case RosterKind.Disaster:
                return row.Amount is { } loss && loss >= t.DisasterLoss ? new("disaster", "灾情损失较大", DoubtOutcome.RiskLead,
                    $"应急部门核定{row.Category ?? "灾害"}损失 {Yuan(loss)} 元{on}，达到 {Yuan(t.DisasterLoss)} 元：核实是否存在返贫致贫风险") : null;
            default:
                return null;
        }
    }

    public static int AgeOn(DateOnly birth, DateOnly day) => day.Year - birth.Year - (day < birth.AddYears(day.Year - birth.Year) ? 1 : 0);

    /// <summary>The rule codes and labels, for the rule-set page and filters.</summary>
    public static readonly IReadOnlyList<(RosterKind Kind, string Rule, string Label, DoubtOutcome Outcome, string Condition)> Catalog =
    [
        (RosterKind.Death, "death", "死亡/户籍注销待减员", DoubtOutcome.Correction, "在册成员出现在死亡或户籍注销名单中"),
        (RosterKind.Prison, "prison", "服刑人员在册", DoubtOutcome.Eligibility, "建档立卡户成员正在服刑"),
        (RosterKind.Assistance, "assistance", "新纳入民政救助", DoubtOutcome.RiskLead, "新纳入低保或特困（档案未登记），或获临时救助"),
        (RosterKind.Medical, "medical", "住院自付费用较高", DoubtOutcome.RiskLead, "本年度住院自付 ≥ 预警线（脱贫人口和监测对象、其他农户分设）"),
        (RosterKind.School, "dropout", "义务教育阶段辍学", DoubtOutcome.Problem, "6至16周岁成员学籍状态为辍学"),
        (RosterKind.School, "education-cost", "教育自付费用较高", DoubtOutcome.RiskLead, "本年度教育自付费用 > 预警线"),
        (RosterKind.DangerousHouse, "dangerous-house", "农房鉴定为危房", DoubtOutcome.Problem, "鉴定等级为C级或D级"),
        (RosterKind.Disability, "disability", "新办残疾证", DoubtOutcome.RiskLead, "新发残疾证，档案未登记残疾"),
        (RosterKind.Unemployment, "unemployment", "失业登记", DoubtOutcome.RiskLead, "成员进行了失业登记"),
        (RosterKind.Business, "business", "有工商登记", DoubtOutcome.Eligibility, "建档立卡户成员有工商登记"),
        (RosterKind.Vehicle, "vehicle", "拥有较高价值车辆", DoubtOutcome.Eligibility, "建档立卡户成员的车辆价值 ≥ 限额"),
        (RosterKind.Property, "property", "拥有城镇商品房或商铺", DoubtOutcome.Eligibility, "建档立卡户成员有商品房或商铺登记"),
        (RosterKind.PublicEmployee, "public-employee", "财政供养人员", DoubtOutcome.Eligibility, "建档立卡户成员为财政供养人员"),
        (RosterKind.Disaster, "disaster", "灾情损失较大", DoubtOutcome.RiskLead, "核定灾情损失 ≥ 预警线"),
    ];
}
