using System.ComponentModel.DataAnnotations;
using Jingzhun.Web.Modules.Projects.Rules;
using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Modules.Projects;

public enum ProjectCategory
{
    [Display(Name = "产业发展")] Industry = 1,
    [Display(Name = "就业帮扶")] Employment = 2,
    [Display(Name = "乡村建设")] Construction = 3,
    [Display(Name = "公共服务")] PublicService = 4,
    [Display(Name = "易地搬迁后续扶持")] Relocation = 5,
    [Display(Name = "其他")] Other = 9,
}

/// <summary>Where a project stands: 申报 → 审核 → 论证入库 → 计划下达 → 实施 → 竣工 → 验收 → 资产移交 → 绩效评价, or 终止.</summary>
public enum ProjectStage
{
    [Display(Name = "已申报")] Proposed = 1,
    [Display(Name = "已审核")] Reviewed = 2,
    [Display(Name = "已入库")] Approved = 3,
    [Display(Name = "计划已下达")] Planned = 4,
    [Display(Name = "实施中")] Started = 5,
    [Display(Name = "已竣工")] Completed = 6,
    [Display(Name = "已验收")] Accepted = 7,
    [Display(Name = "资产已移交")] HandedOver = 8,
    [Display(Name = "已终止")] Terminated = 9,
    [Display(Name = "已绩效评价")] Evaluated = 10,
}

/// <summary>The step a user asks for; <see cref="ProjectRules.Allowed"/> says from which stages.</summary>
public enum ProjectStep
{
    [Display(Name = "审核")] Review = 1,
    [Display(Name = "论证入库")] Approve = 2,
    [Display(Name = "计划下达")] IssuePlan = 3,
    [Display(Name = "开工")] Start = 4,
    [Display(Name = "报进度")] Progress = 5,
    [Display(Name = "竣工")] Complete = 6,
    [Display(Name = "验收")] Accept = 7,
    [Display(Name = "调整")] Adjust = 8,
    [Display(Name = "终止")] Terminate = 9,
    [Display(Name = "资产移交")] HandOver = 10,
    [Display(Name = "绩效评价")] Evaluate = 11,
}

/// <summary>Who receives the assets a project leaves (资产移交 and 确权).</summary>
public enum AssetRecipient
{
    [Display(Name = "村集体经济组织")] VillageCollective = 1,
    [Display(Name = "乡镇")] Township = 2,
    [Display(Name = "受益户")] Households = 3,
    [Display(Name = "行业主管部门")] Department = 4,
}

/// <summary>The grade of a project's 绩效评价.</summary>
public enum PerformanceGrade
{
    [Display(Name = "优")] Excellent = 1,
    [Display(Name = "良")] Good = 2,
    [Display(Name = "中")] Fair = 3,
    [Display(Name = "差")] Poor = 4,
}

public enum AcceptanceResult
{
    [Display(Name = "合格")] Passed = 1,
    [Display(Name = "整改后合格")] PassedAfterFixes = 2,
    [Display(Name = "不合格")] Failed = 3,
}

/// <summary>联农带农: how a household benefits from a project.</summary>
public enum BenefitKind
{
    [Display(Name = "务工就业")] Wages = 1,
    [Display(Name = "入股分红")] Dividends = 2,
    [Display(Name = "土地流转")] LandRent = 3,
    [Display(Name = "产品收购")] Purchase = 4,
    [Display(Name = "设施受益")] Facilities = 5,
}

/// <summary>衔接资金 sources (资金来源).</summary>
public enum FundSource
{
    [Display(Name = "中央财政衔接资金")] CentralBridging = 1,
    [Display(Name = "市级财政衔接资金")] CityBridging = 2,
    [Display(Name = "区县财政衔接资金")] CountyBridging = 3,
    [Display(Name = "东西部协作财政援助")] EastWest = 4,
    [Display(Name = "中央单位定点帮扶")] CentralUnits = 5,
    [Display(Name = "社会帮扶")] Social = 6,
    [Display(Name = "统筹整合涉农资金")] Integrated = 7,
}

/// <summary>
/// A project of the 衔接项目库 (issue 17): where it is (its villages; scoped by the smallest region holding them all), what it
/// is, its budget by source, its 绩效目标 and the households it brings along (联农带农), and its way through the stages.
/// </summary>
[Platform.Data.RegionScoped]
public sealed class Project : Platform.Auditing.IAudited, Platform.Data.IVersioned
{
    private Project() { }

    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    public int Year { get; private set; }
    public string CountyCode { get; private set; } = "";
    /// <summary>The smallest region holding all its villages (a village, a township or the county): the scope.</summary>
    public string RegionCode { get; private set; } = "";
    /// <summary>The 12-digit codes of its villages, comma-separated.</summary>
    public string VillageCodes { get; private set; } = "";
    public ProjectCategory Category { get; private set; }
    public string SubType { get; private set; } = "";
    public string ImplementingUnit { get; private set; } = "";
    public DateOnly PlannedStart { get; private set; }
    public DateOnly PlannedEnd { get; private set; }
    // 绩效目标
    public int TargetHouseholds { get; private set; }
    public int TargetJobs { get; private set; }
    public decimal TargetIncomePerHousehold { get; private set; }

    public ProjectStage Stage { get; private set; }
    public int Progress { get; private set; }
    public string ProposedBy { get; private set; } = "";
    public DateTime ProposedAt { get; private set; }
    public DateTime? PlanIssuedAt { get; private set; }
    public DateOnly? StartedOn { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public string? CompletedBy { get; private set; }
    public DateTime? AcceptedAt { get; private set; }
    public AcceptanceResult? AcceptanceResult { get; private set; }
    /// <summary>资产移交: when and to whom the project's assets were handed over.</summary>
    public DateTime? HandedOverAt { get; private set; }
    public AssetRecipient? HandedOverTo { get; private set; }
    /// <summary>绩效评价: when and with which grade.</summary>
    public DateTime? EvaluatedAt { get; private set; }
    public PerformanceGrade? Grade { get; private set; }
    public string? TerminationReason { get; private set; }

    public int Version { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public List<ProjectBudget> Budgets { get; private set; } = [];
    public List<ProjectBeneficiary> Beneficiaries { get; private set; } = [];
    public List<ProjectEvent> Events { get; private set; } = [];

    public decimal BudgetTotal => Budgets.Sum(b => b.Amount);
    public IReadOnlyList<string> Villages => VillageCodes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static Project Propose(string name, int year, IReadOnlyList<string> villages, ProjectCategory category, string subType, string unit,
        DateOnly plannedStart, DateOnly plannedEnd, int targetHouseholds, int targetJobs, decimal targetIncome,
        IEnumerable<(FundSource Source, decimal Amount)> budget, IEnumerable<(long HouseholdId, BenefitKind Benefit)> beneficiaries,
        DateTime now, string by)
    {
        var p = new Project
        {
            Name = name.Trim(), Year = year, CountyCode = villages[0][..6], RegionCode = ProjectRules.CommonRegion(villages),
            VillageCodes = string.Join(',', villages), Category = category, SubType = subType.Trim(), ImplementingUnit = unit.Trim(),
            PlannedStart = plannedStart, PlannedEnd = plannedEnd, TargetHouseholds = targetHouseholds, TargetJobs = targetJobs,
            TargetIncomePerHousehold = targetIncome, Stage = ProjectStage.Proposed, ProposedBy = by, ProposedAt = now,
            Version = 1, UpdatedAt = now, UpdatedBy = by,
        };
        p.Budgets.AddRange(budget.Select(b => new ProjectBudget { Source = b.Source, Amount = b.Amount }));
        p.Beneficiaries.AddRange(beneficiaries.Select(b => new ProjectBeneficiary { HouseholdId = b.HouseholdId, Benefit = b.Benefit }));
        p.Events.Add(ProjectEvent.Of(null, ProjectStage.Proposed, "申报", now, by));
        return p;
    }

    public bool CanApply(ProjectStep step) => ProjectRules.CanApply(Stage, step, AcceptanceResult);

    /// <summary>Moves the project one step (the handler has checked <see cref="CanApply"/>, the permission and the duties).</summary>
    public void Apply(ProjectStep step, string note, DateTime now, DateOnly today, string by, int? progress = null,
        AcceptanceResult? result = null, DateOnly? plannedEnd = null, string? reason = null, AssetRecipient? recipient = null,
        PerformanceGrade? grade = null, IReadOnlyList<string>? photoIds = null)
    {
        if (!CanApply(step))
            throw new InvalidOperationException($"项目当前为“{Labels.Of(Stage)}”，不能执行“{Labels.Of(step)}”");
        var from = Stage;
        Stage = ProjectRules.Target(Stage, step);
        switch (step)
        {
            case ProjectStep.IssuePlan: PlanIssuedAt = now; break;
            case ProjectStep.Start: StartedOn = today; break;
            case ProjectStep.Progress: Progress = progress ?? Progress; break;
            case ProjectStep.Complete: Progress = 100; CompletedAt = now; CompletedBy = by; break;
            case ProjectStep.Accept: AcceptedAt = now; AcceptanceResult = result; break;
            case ProjectStep.HandOver: HandedOverAt = now; HandedOverTo = recipient; break;
            case ProjectStep.Evaluate: EvaluatedAt = now; Grade = grade; break;
            case ProjectStep.Adjust: if (plannedEnd is { } end) PlannedEnd = end; break;
            case ProjectStep.Terminate: TerminationReason = reason ?? note; break;
        }
        Version++;
        UpdatedAt = now;
        UpdatedBy = by;
        Events.Add(ProjectEvent.Of(from, Stage, note, now, by, photoIds));
    }

    /// <summary>A payment or an assignment changes what the project may still receive: the version guards it against a parallel one.</summary>
    public void Touch(DateTime now, string by)
    {
        Version++;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), null, RegionCode, $"项目 {Id} {Name}（{Labels.Of(Stage)}）");
}

/// <summary>One line of a project's budget: a fund source and its amount (yuan).</summary>
[Platform.Data.PartOf(typeof(Project))]
[Platform.Auditing.NotAudited("part of the project, audited with it")]
public sealed class ProjectBudget
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public FundSource Source { get; set; }
    public decimal Amount { get; set; }
}

/// <summary>A household the project brings along (联农带农) and how.</summary>
[Platform.Data.PartOf(typeof(Project))]
[Platform.Auditing.NotAudited("part of the project, audited with it")]
public sealed class ProjectBeneficiary
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public long HouseholdId { get; set; }
    public BenefitKind Benefit { get; set; }
}

/// <summary>One step of a project's history: who, when, from and to which stage, and the note (reason, progress, result).</summary>
[Platform.Data.PartOf(typeof(Project))]
[Platform.Auditing.NotAudited("the project's own history; the project's change is audited")]
public sealed class ProjectEvent
{
    public long Id { get; private set; }
    public long ProjectId { get; private set; }
    public ProjectStage? From { get; private set; }
    public ProjectStage To { get; private set; }
    public string Note { get; private set; } = "";
    /// <summary>The photos of the step (开工, 报进度, 竣工: the site as it is; stored files, comma-separated, at most 9), or null.</summary>
    public string? PhotoIds { get; private set; }
    public DateTime At { get; private set; }
    public string By { get; private set; } = "";

    public IReadOnlyList<string> Photos => PhotoIds is { Length: > 0 } ids ? ids.Split(',') : [];

    public static ProjectEvent Of(ProjectStage? from, ProjectStage to, string note, DateTime at, string by, IReadOnlyList<string>? photoIds = null) =>
        new()
        {
            From = from, To = to, Note = note.Length > 500 ? note[..500] : note, At = at, By = by,
            PhotoIds = photoIds is { Count: > 0 } ? string.Join(',', photoIds) : null,
        };
}
