using System.ComponentModel.DataAnnotations;

namespace Jingzhun.Web.Modules.Registry;

// Code tables of the registry (建档立卡), DOMAIN.md §2. Labels are the Chinese terms of the national system.

public enum HouseholdStatus
{
    [Display(Name = "脱贫户")] Exited = 1,
    [Display(Name = "未脱贫户")] NotExited = 2,
    [Display(Name = "监测户")] Monitored = 3,
    [Display(Name = "一般农户")] Ordinary = 4,
}

public enum PovertyAttribute
{
    [Display(Name = "一般贫困户")] General = 1,
    [Display(Name = "低保贫困户")] Dibao = 2,
    [Display(Name = "特困供养贫困户")] Tekun = 3,
    [Display(Name = "一般脱贫户")] GeneralExited = 4,
    [Display(Name = "低保脱贫户")] DibaoExited = 5,
    [Display(Name = "特困供养脱贫户")] TekunExited = 6,
}

public enum IdentificationStandard
{
    [Display(Name = "国家标准")] National = 1,
    [Display(Name = "省定标准")] Provincial = 2,
    [Display(Name = "市定标准")] Municipal = 3,
}

/// <summary>致贫原因; the last three are risk types used by monitoring only.</summary>
public enum PovertyCause
{
    [Display(Name = "因病")] Illness = 1,
    [Display(Name = "因残")] Disability = 2,
    [Display(Name = "因学")] Schooling = 3,
    [Display(Name = "因灾")] Disaster = 4,
    [Display(Name = "缺土地")] LackOfLand = 5,
    [Display(Name = "缺水")] LackOfWater = 6,
    [Display(Name = "缺技术")] LackOfSkills = 7,
    [Display(Name = "缺劳力")] LackOfLabour = 8,
    [Display(Name = "缺资金")] LackOfCapital = 9,
    [Display(Name = "交通条件落后")] PoorTransport = 10,
    [Display(Name = "自身发展动力不足")] LackOfDrive = 11,
    [Display(Name = "其他")] Other = 12,
    [Display(Name = "因意外事故")] Accident = 13,
    [Display(Name = "因产业项目失败")] IndustryFailure = 14,
    [Display(Name = "因务工就业不稳")] UnstableEmployment = 15,
}

/// <summary>Tongliang's "321" classification (seed 002).</summary>
public enum Class321
{
    [Display(Name = "动态关注")] Watch = 1,
    [Display(Name = "助推攻坚")] Push = 2,
    [Display(Name = "政策兜底")] SafetyNet = 3,
}

/// <summary>住房安全等级: C and D are unsafe unless the household was relocated and received keys.</summary>
public enum HousingGrade
{
    [Display(Name = "A级（安全）")] A = 1,
    [Display(Name = "B级（基本安全）")] B = 2,
    [Display(Name = "C级（局部危险）")] C = 3,
    [Display(Name = "D级（整栋危险）")] D = 4,
}

public enum Relationship
{
    [Display(Name = "户主")] Head = 1,
    [Display(Name = "配偶")] Spouse = 2,
    [Display(Name = "之子")] Son = 3,
    [Display(Name = "之女")] Daughter = 4,
    [Display(Name = "之儿媳")] DaughterInLaw = 5,
    [Display(Name = "之女婿")] SonInLaw = 6,
    [Display(Name = "之孙子")] Grandson = 7,
    [Display(Name = "之孙女")] Granddaughter = 8,
    [Display(Name = "之父")] Father = 9,
    [Display(Name = "之母")] Mother = 10,
    [Display(Name = "之祖父")] Grandfather = 11,
    [Display(Name = "之祖母")] Grandmother = 12,
    [Display(Name = "之兄弟姐妹")] Sibling = 13,
    [Display(Name = "其他")] Other = 14,
}

public enum Gender
{
    [Display(Name = "男")] Male = 1,
    [Display(Name = "女")] Female = 2,
}

public enum EducationLevel
{
    [Display(Name = "学龄前儿童")] Preschool = 1,
    [Display(Name = "文盲或半文盲")] Illiterate = 2,
    [Display(Name = "小学")] Primary = 3,
    [Display(Name = "初中")] JuniorHigh = 4,
    [Display(Name = "高中")] SeniorHigh = 5,
    [Display(Name = "中专/中职")] Vocational = 6,
    [Display(Name = "大专及以上")] College = 7,
}

public enum SchoolStatus
{
    [Display(Name = "非在校生")] NotInSchool = 1,
    [Display(Name = "学前教育")] Preschool = 2,
    [Display(Name = "小学")] Primary = 3,
    [Display(Name = "七-九年级")] Grade7To9 = 4,
    [Display(Name = "高中")] SeniorHigh = 5,
    [Display(Name = "中职")] SecondaryVocational = 6,
    [Display(Name = "高职")] HigherVocational = 7,
    [Display(Name = "大专及以上")] CollegeOrAbove = 8,
}

public enum HealthStatus
{
    [Display(Name = "健康")] Healthy = 1,
    [Display(Name = "长期慢性病")] ChronicIllness = 2,
    [Display(Name = "患有大病")] SeriousIllness = 3,
    [Display(Name = "残疾")] Disabled = 4,
}

public enum LaborSkill
{
    [Display(Name = "普通劳动力")] Ordinary = 1,
    [Display(Name = "技能劳动力")] Skilled = 2,
    [Display(Name = "弱劳动力或半劳动力")] Weak = 3,
    [Display(Name = "丧失劳动力")] Lost = 4,
    [Display(Name = "无劳动力")] None = 5,
}

public enum WorkStatus
{
    [Display(Name = "未务工")] None = 0,
    [Display(Name = "乡镇内务工")] InTownship = 1,
    [Display(Name = "乡外县内务工")] InCounty = 2,
    [Display(Name = "县外省内务工")] InProvince = 3,
    [Display(Name = "省外务工")] OutOfProvince = 4,
}

/// <summary>A member stays on the record after leaving; the reason is kept (迁出, 死亡, 婚出).</summary>
public enum MemberStatus
{
    [Display(Name = "在册")] Active = 0,
    [Display(Name = "迁出")] MovedOut = 1,
    [Display(Name = "死亡")] Deceased = 2,
    [Display(Name = "婚出")] MarriedOut = 3,
}

/// <summary>Sort keys of the household list.</summary>
public enum HouseholdSort
{
    Number = 0,
    HeadName = 1,
    Size = 2,
    Income = 3,
    Updated = 4,
    /// <summary>A name search's order: by the name of the member that matched (the default when searching by name).</summary>
    Name = 5,
}

/// <summary>GB/T 3304 民族 codes.</summary>
public static class Ethnicities
{
    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        ("01", "汉族"), ("02", "蒙古族"), ("03", "回族"), ("04", "藏族"), ("05", "维吾尔族"), ("06", "苗族"),
        ("07", "彝族"), ("08", "壮族"), ("09", "布依族"), ("10", "朝鲜族"), ("11", "满族"), ("12", "侗族"),
        ("13", "瑶族"), ("14", "白族"), ("15", "土家族"), ("16", "哈尼族"), ("17", "哈萨克族"), ("18", "傣族"),
        ("19", "黎族"), ("20", "傈僳族"), ("21", "佤族"), ("22", "畲族"), ("23", "高山族"), ("24", "拉祜族"),
        ("25", "水族"), ("26", "东乡族"), ("27", "纳西族"), ("28", "景颇族"), ("29", "柯尔克孜族"), ("30", "土族"),
        ("31", "达斡尔族"), ("32", "仫佬族"), ("33", "羌族"), ("34", "布朗族"), ("35", "撒拉族"), ("36", "毛南族"),
        ("37", "仡佬族"), ("38", "锡伯族"), ("39", "阿昌族"), ("40", "普米族"), ("41", "塔吉克族"), ("42", "怒族"),
        ("43", "乌孜别克族"), ("44", "俄罗斯族"), ("45", "鄂温克族"), ("46", "德昂族"), ("47", "保安族"), ("48", "裕固族"),
        ("49", "京族"), ("50", "塔塔尔族"), ("51", "独龙族"), ("52", "鄂伦春族"), ("53", "赫哲族"), ("54", "门巴族"),
        ("55", "珞巴族"), ("56", "基诺族"),
    ];

    private static readonly Dictionary<string, string> ByCode = All.ToDictionary(e => e.Code, e => e.Name);
    private static readonly Dictionary<string, string> ByName = All.ToDictionary(e => e.Name, e => e.Code);

    public static bool IsValid(string? code) => code is not null && ByCode.ContainsKey(code);
    public static string NameOf(string? code) => code is not null && ByCode.TryGetValue(code, out var n) ? n : "";

    /// <summary>Accepts the code ("01") or the label ("汉族", "汉").</summary>
    public static string? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        if (ByCode.ContainsKey(value)) return value;
        if (ByName.TryGetValue(value, out var c)) return c;
        return ByName.TryGetValue(value + "族", out c) ? c : null;
    }
}
