using System.ComponentModel.DataAnnotations;

namespace Jingzhun.Web.Modules.Employment;

/// <summary>
/// 小额信贷 status. 在贷, 展期 and 续贷 are stored; 已结清 is reached by the last repayment; 逾期 is never stored: a loan
/// not repaid after its due date is overdue on the day it is read (<see cref="Rules.LoanRules.StatusOn"/>).
/// </summary>
public enum LoanStatus
{
    [Display(Name = "在贷")] Active = 1,
    [Display(Name = "已结清")] Repaid = 2,
    [Display(Name = "逾期")] Overdue = 3,
    [Display(Name = "展期")] Extended = 4,
    [Display(Name = "续贷")] Renewed = 5,
}

/// <summary>What the loan is for (扶贫小额信贷 goes to production, not consumption).</summary>
public enum LoanUse
{
    [Display(Name = "种植业")] Farming = 1,
    [Display(Name = "养殖业")] Livestock = 2,
    [Display(Name = "加工业")] Processing = 3,
    [Display(Name = "商贸服务")] Trade = 4,
    [Display(Name = "乡村旅游")] Tourism = 5,
    [Display(Name = "入股分红（产业项目）")] Shares = 6,
    [Display(Name = "其他生产经营")] Other = 9,
}

/// <summary>Who pays the 贴息 (interest subsidy).</summary>
public enum SubsidyPayer
{
    [Display(Name = "区县财政")] County = 1,
    [Display(Name = "市级财政")] City = 2,
    [Display(Name = "衔接资金")] TransitionFund = 3,
    [Display(Name = "其他")] Other = 9,
}

/// <summary>How a job was found (就业帮扶 channels).</summary>
public enum JobChannel
{
    [Display(Name = "自主就业")] Own = 1,
    [Display(Name = "劳务协作")] LabourCooperation = 2,
    [Display(Name = "帮扶车间")] Workshop = 3,
    [Display(Name = "公益性岗位")] PublicWelfareJob = 4,
    [Display(Name = "返乡创业")] ReturnStartup = 5,
}

/// <summary>公益性岗位 kinds (乡村公益性岗位: 保洁、护林、护路、水管 ...).</summary>
public enum WelfareJobType
{
    [Display(Name = "保洁员")] Cleaner = 1,
    [Display(Name = "护林员")] ForestRanger = 2,
    [Display(Name = "护路员")] RoadKeeper = 3,
    [Display(Name = "水管员")] WaterKeeper = 4,
    [Display(Name = "治安巡逻")] Patrol = 5,
    [Display(Name = "其他")] Other = 9,
}
