using System.ComponentModel.DataAnnotations;

namespace Jingzhun.Web.Modules.DataMatching;

/// <summary>部门数据的种类: which department sends it and what it lists (DOMAIN.md §6).</summary>
public enum RosterKind
{
    [Display(Name = "死亡/户籍注销（公安）")] Death = 1,
    [Display(Name = "服刑人员（司法）")] Prison = 2,
    [Display(Name = "低保/特困/临时救助（民政）")] Assistance = 3,
    [Display(Name = "住院自付费用（医保）")] Medical = 4,
    [Display(Name = "学籍/辍学（教育）")] School = 5,
    [Display(Name = "危房鉴定（住建）")] DangerousHouse = 6,
    [Display(Name = "残疾证（残联）")] Disability = 7,
    [Display(Name = "失业登记（人社）")] Unemployment = 8,
    [Display(Name = "工商登记（市场监管）")] Business = 9,
    [Display(Name = "车辆（公安车管）")] Vehicle = 10,
    [Display(Name = "商品房/商铺（不动产）")] Property = 11,
    [Display(Name = "财政供养人员（组织/人社）")] PublicEmployee = 12,
    [Display(Name = "灾情损失（应急）")] Disaster = 13,
}

/// <summary>What a 疑点 confirmed 属实 becomes, each through the mechanism that already exists for it.</summary>
public enum DoubtOutcome
{
    [Display(Name = "识别/退出资格疑点")] Eligibility = 1,
    [Display(Name = "防返贫风险线索")] RiskLead = 2,
    [Display(Name = "两不愁三保障问题")] Problem = 3,
    [Display(Name = "档案纠错（减员）")] Correction = 4,
}

public enum DoubtStatus
{
    [Display(Name = "待核实")] Pending = 1,
    [Display(Name = "属实")] Confirmed = 2,
    [Display(Name = "不属实")] Rejected = 3,
    [Display(Name = "已撤回")] Withdrawn = 4,
}

public enum BatchStatus
{
    [Display(Name = "比对中")] Matching = 1,
    [Display(Name = "已比对")] Done = 2,
    [Display(Name = "比对失败")] Failed = 3,
    [Display(Name = "已撤回")] Withdrawn = 4,
}
