using System.ComponentModel.DataAnnotations;

namespace Jingzhun.Web.Modules.Guarantees;

/// <summary>两不愁三保障 and 饮水安全: the six dimensions judged per household (DOMAIN.md §3).</summary>
public enum Dimension
{
    [Display(Name = "不愁吃")] Food = 1,
    [Display(Name = "不愁穿")] Clothing = 2,
    [Display(Name = "义务教育")] Education = 3,
    [Display(Name = "基本医疗")] Medical = 4,
    [Display(Name = "住房安全")] Housing = 5,
    [Display(Name = "饮水安全")] Water = 6,
}

public enum Verdict
{
    [Display(Name = "达标")] Pass = 1,
    [Display(Name = "未达标")] Fail = 2,
    [Display(Name = "信息缺失")] Unknown = 3,
}
