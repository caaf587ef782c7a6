using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Problems;

namespace Jingzhun.Web.Modules.Monitoring.IdentifyHouseholds;

/// <summary>
/// The form of any step; each step reads the fields it needs: 入户核查 (Date, Findings), 承诺授权 (Date, ScanFileId: the
/// signed commitment and consent, uploaded first through POST /api/v1/files), 信息比对 (Findings: the
/// department comparison result, or "暂无"), 民主评议 (Date, Participants, Agreed, Kind, RiskTypes, Reason),
/// 村级公示 (StartDate, EndDate, Objections, ObjectionHandling), 乡镇审核 (Opinion, Agreed, Reason), 县级审定 (Agreed =
/// 纳入, Kind, RiskTypes, Reason), and the same for the 风险消除 steps.
/// The texts go into the step's JSON record (4,000 characters, CJK escaped as \uXXXX): the limits leave room for each step's fields.
/// </summary>
public sealed record StepRequest(CaseStep Step, int Version, DateOnly? Date = null,
    [property: Text(500, "核查情况")] string? Findings = null, int? Participants = null,
    bool? Agreed = null, MonitoringKind? Kind = null, IReadOnlyList<PovertyCause>? RiskTypes = null,
    [property: Text(500, "理由", typeof(MonitoringCase), nameof(MonitoringCase.NotIncludedReason))] string? Reason = null,
    DateOnly? StartDate = null, DateOnly? EndDate = null,
    [property: Text(300, "异议情况")] string? Objections = null,
    [property: Text(300, "异议处理情况")] string? ObjectionHandling = null,
    [property: Text(500, "审核意见")] string? Opinion = null,
    [property: Text(32, "扫描件")] string? ScanFileId = null);

public static class CaseSteps
{
    /// <summary>Who records each step: the village (field work), the township (review), the county (decision).</summary>
    public static readonly IReadOnlyDictionary<CaseStep, string> PermissionOf = new Dictionary<CaseStep, string>
    {
        [CaseStep.Visit] = Permissions.MonitoringWork,
        [CaseStep.Consent] = Permissions.MonitoringWork,
        [CaseStep.Comparison] = Permissions.MonitoringReview,
        [CaseStep.Appraisal] = Permissions.MonitoringWork,
        [CaseStep.Publicity] = Permissions.MonitoringWork,
        [CaseStep.TownshipReview] = Permissions.MonitoringReview,
        [CaseStep.CountyDecision] = Permissions.MonitoringDecide,
        [CaseStep.StartElimination] = Permissions.MonitoringWork,
        [CaseStep.EliminationAppraisal] = Permissions.MonitoringWork,
        [CaseStep.EliminationPublicity] = Permissions.MonitoringWork,
        [CaseStep.EliminationTownship] = Permissions.MonitoringReview,
        [CaseStep.EliminationCounty] = Permissions.MonitoringDecide,
    };

    /// <summary>
    /// 职责分离: an approval at the next level and the steps below it that propose it. Whoever recorded the proposal
    /// (the latest record of one of those steps) does not approve it, unless the county lets a small village combine roles.
    /// </summary>
    public static readonly IReadOnlyDictionary<CaseStep, CaseStep[]> ProposedBy = new Dictionary<CaseStep, CaseStep[]>
    {
        [CaseStep.TownshipReview] = [CaseStep.Appraisal, CaseStep.Publicity],
        [CaseStep.CountyDecision] = [CaseStep.TownshipReview],
        [CaseStep.EliminationTownship] = [CaseStep.StartElimination, CaseStep.EliminationAppraisal, CaseStep.EliminationPublicity],
        [CaseStep.EliminationCounty] = [CaseStep.EliminationTownship],
    };

    /// <summary>Who proposed what <paramref name="approval"/> approves: the people of the latest record of each proposing step.</summary>
    public static IReadOnlyList<string> Proposers(MonitoringCase c, CaseStep approval) =>
        ProposedBy.TryGetValue(approval, out var steps)
            ? steps.Select(s => c.Steps.Where(r => r.Step == s).OrderBy(r => r.At).ThenBy(r => r.Id).LastOrDefault()?.By)
                .OfType<string>().Distinct().ToList()
            : [];

    public static string SelfApprovalMessage(CaseStep approval) =>
        $"提出与审核须由不同的人办理：您参与了该户本轮的提出环节，不能再登记“{Platform.Localization.Labels.Of(approval)}”，请由上一级其他人员办理";
}
