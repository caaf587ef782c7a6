using System.ComponentModel.DataAnnotations;

namespace Jingzhun.Web.Modules.Monitoring;

/// <summary>Where a risk lead came from (DOMAIN.md §4).</summary>
public enum LeadSource
{
    [Display(Name = "农户自主申报")] SelfReport = 1,
    [Display(Name = "基层干部排查")] CadreCheck = 2,
    [Display(Name = "部门筛查预警")] DepartmentScreening = 3,
    [Display(Name = "系统监测预警")] SystemSweep = 4,
}

public enum LeadStatus
{
    [Display(Name = "待核查")] Open = 1,
    [Display(Name = "认定中")] InProcedure = 2,
    [Display(Name = "已纳入监测")] Included = 3,
    [Display(Name = "不纳入监测")] NotIncluded = 4,
}

/// <summary>
/// The stages of a monitoring case: the identification procedure (a typical county's steps), monitoring, and the
/// 风险消除 procedure. A stage names the step that is due next; the terminal stages are NotIncluded and Eliminated.
/// Stages are stored by number: compare them through <see cref="MonitoringCase.ProcedureStages"/> and
/// <see cref="MonitoringCase.MonitoredStages"/>, never by order (承诺授权 was added as 14).
/// </summary>
public enum CaseStage
{
    [Display(Name = "待入户核查")] Visit = 1,
    [Display(Name = "待信息比对")] Comparison = 2,
    [Display(Name = "待民主评议")] Appraisal = 3,
    [Display(Name = "村级公示中")] Publicity = 4,
    [Display(Name = "待乡镇审核")] TownshipReview = 5,
    [Display(Name = "待县级审定")] CountyDecision = 6,
    [Display(Name = "监测帮扶中")] Monitoring = 7,
    [Display(Name = "不纳入监测")] NotIncluded = 8,
    [Display(Name = "风险消除：待民主评议")] EliminationAppraisal = 9,
    [Display(Name = "风险消除：村级公示中")] EliminationPublicity = 10,
    [Display(Name = "风险消除：待乡镇审核")] EliminationTownship = 11,
    [Display(Name = "风险消除：待县级审定")] EliminationCounty = 12,
    [Display(Name = "风险已消除")] Eliminated = 13,
    /// <summary>承诺授权 (after 入户核查, before 信息比对): numbered last so that stored stages keep their numbers; its place in the
    /// order is <see cref="MonitoringCase.ProcedureStages"/>.</summary>
    [Display(Name = "待承诺授权")] Consent = 14,
}

/// <summary>The step a user records; each is allowed from one stage and to some roles.</summary>
public enum CaseStep
{
    [Display(Name = "入户核查")] Visit = 1,
    [Display(Name = "信息比对")] Comparison = 2,
    [Display(Name = "民主评议")] Appraisal = 3,
    [Display(Name = "村级公示")] Publicity = 4,
    [Display(Name = "乡镇审核")] TownshipReview = 5,
    [Display(Name = "县级审定")] CountyDecision = 6,
    [Display(Name = "启动风险消除")] StartElimination = 7,
    [Display(Name = "风险消除民主评议")] EliminationAppraisal = 8,
    [Display(Name = "风险消除公示")] EliminationPublicity = 9,
    [Display(Name = "风险消除乡镇审核")] EliminationTownship = 10,
    [Display(Name = "风险消除县级审定")] EliminationCounty = 11,
    /// <summary>承诺授权: the household signs its commitment and consent to the checking of its data (a date and the scan).</summary>
    [Display(Name = "承诺授权")] Consent = 12,
}

/// <summary>帮扶措施 categories, one per kind of risk (DOMAIN.md §4).</summary>
public enum MeasureCategory
{
    [Display(Name = "产业帮扶")] Industry = 1,
    [Display(Name = "就业帮扶")] Employment = 2,
    [Display(Name = "健康帮扶")] Health = 3,
    [Display(Name = "教育帮扶")] Education = 4,
    [Display(Name = "住房保障")] Housing = 5,
    [Display(Name = "饮水保障")] Water = 6,
    [Display(Name = "金融帮扶")] Finance = 7,
    [Display(Name = "综合保障")] SocialSecurity = 8,
    [Display(Name = "搬迁")] Relocation = 9,
    [Display(Name = "其他")] Other = 10,
}

public enum MeasureStatus
{
    [Display(Name = "计划")] Planned = 1,
    [Display(Name = "实施中")] InProgress = 2,
    [Display(Name = "已落实")] Done = 3,
}
