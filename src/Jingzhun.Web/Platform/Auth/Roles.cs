namespace Jingzhun.Web.Platform.Auth;

public static class AppClaims
{
    public const string Region = "jz:region";
    public const string Permission = "jz:perm";
    public const string DisplayName = "jz:name";
}

/// <summary>Permissions are the unit of authorization; each is also a policy of the same name.</summary>
public static class Permissions
{
    public const string RegistryView = "registry.view";
    public const string RegistryEdit = "registry.edit";
    /// <summary>新建户: officials of the village and above (a pairing cadre edits their paired households, creates none).</summary>
    public const string RegistryCreate = "registry.create";
    public const string RegistryExport = "registry.export";
    public const string RegistryRevealId = "registry.reveal-id";
    /// <summary>批量导入户籍档案: county and township data staff only (a village officer or cadre edits household by household).</summary>
    public const string RegistryImport = "registry.import";
    public const string UsersManage = "admin.users";
    public const string AuditView = "audit.view";
    // 两不愁三保障 problems: see; report by hand; 交办 (assign); 整改 (start, resolve); 核验 (verify or return).
    public const string GuaranteesView = "guarantees.view";
    public const string GuaranteesReport = "guarantees.report";
    public const string GuaranteesAssign = "guarantees.assign";
    public const string GuaranteesWork = "guarantees.work";
    public const string GuaranteesVerify = "guarantees.verify";
    // 防止返贫动态监测: see; record leads; field steps (核查, 评议, 公示, plans and measures); review (比对, 乡镇审核); decide (县级审定).
    public const string MonitoringView = "monitoring.view";
    public const string MonitoringReport = "monitoring.report";
    public const string MonitoringWork = "monitoring.work";
    public const string MonitoringReview = "monitoring.review";
    public const string MonitoringDecide = "monitoring.decide";
    /// <summary>Region facts: villages' rural population, counties' flags (administrators).</summary>
    public const string RegionsEdit = "regions.edit";
    /// <summary>Policy tables (thresholds per province and year); the handler also requires a province-level region.</summary>
    public const string PolicyEdit = "policy.edit";
    /// <summary>年度数据冻结 (year-end registry snapshot) of the user's region.</summary>
    public const string RegistrySnapshot = "registry.snapshot";
    // 走访 compliance: see to-do lists and coverage; see authenticity signals (township and county); write work logs;
    // record 月研判 meetings (township); flag 危难时刻 households (village and township).
    public const string FieldWorkView = "fieldwork.view";
    public const string FieldWorkSupervise = "fieldwork.supervise";
    public const string FieldWorkLog = "fieldwork.log";
    public const string FieldWorkMeet = "fieldwork.meet";
    public const string FieldWorkFlag = "fieldwork.flag";
    /// <summary>驻村帮扶: cadres, pairings (结对) and work teams of the user's region.</summary>
    public const string FieldWorkManage = "fieldwork.manage";
    /// <summary>数据备份: back up now and see the backups; the national system administrator only.</summary>
    public const string SystemBackup = "system.backup";
    // 衔接项目库: see; 申报 (village, township); 审核 (township); 论证入库, 计划下达, 验收, 调整, 终止 (county); 开工, 进度, 竣工 (township).
    public const string ProjectsView = "projects.view";
    public const string ProjectsPropose = "projects.propose";
    public const string ProjectsReview = "projects.review";
    public const string ProjectsApprove = "projects.approve";
    public const string ProjectsImplement = "projects.implement";
    // 衔接资金: see allocations, payments and 支出进度; record allocations, split them onto projects, record payments (county finance).
    public const string FundsView = "funds.view";
    public const string FundsManage = "funds.manage";
    // 易地搬迁后续扶持, 消费帮扶, 东西部协作 and 定点帮扶: see sites, sales and partnerships; record them (county, township, village;
    // partnerships and agreements are county business, checked by the handlers).
    public const string PartnersView = "partners.view";
    public const string PartnersManage = "partners.manage";
    // 回头看 抽样核查: see campaigns and estimates; run campaigns and draws (county, township); record questionnaires (villages, cadres).
    public const string SamplingView = "sampling.view";
    public const string SamplingManage = "sampling.manage";
    public const string SamplingSurvey = "sampling.survey";
    // 大数据比对: see batches, 疑点 and figures; upload and withdraw department rosters (county data staff); verify 疑点 (villages, townships).
    public const string MatchingView = "matching.view";
    public const string MatchingManage = "matching.manage";
    public const string MatchingVerify = "matching.verify";

    /// <summary>Permissions that let a role write something: uploading a file needs one of them (the auditor holds none).</summary>
    public static readonly string[] Write =
    [
        RegistryEdit, RegistryCreate, RegistryImport, GuaranteesReport, GuaranteesWork, MonitoringReport,
        MonitoringWork, FieldWorkLog, FieldWorkManage, FieldWorkFlag, FieldWorkMeet,
        ProjectsPropose, ProjectsReview, ProjectsApprove, ProjectsImplement, FundsManage, PartnersManage,
        SamplingManage, SamplingSurvey, MatchingManage, MatchingVerify,
    ];

    public static readonly string[] All =
    [
        RegistryView, RegistryEdit, RegistryCreate, RegistryExport, RegistryRevealId, RegistryImport, UsersManage, AuditView,
        GuaranteesView, GuaranteesReport, GuaranteesAssign, GuaranteesWork, GuaranteesVerify, PolicyEdit,
        MonitoringView, MonitoringReport, MonitoringWork, MonitoringReview, MonitoringDecide, RegistrySnapshot, RegionsEdit, FieldWorkManage,
        FieldWorkView, FieldWorkSupervise, FieldWorkLog, FieldWorkMeet, FieldWorkFlag, SystemBackup,
        ProjectsView, ProjectsPropose, ProjectsReview, ProjectsApprove, ProjectsImplement, FundsView, FundsManage,
        PartnersView, PartnersManage, SamplingView, SamplingManage, SamplingSurvey, MatchingView, MatchingManage, MatchingVerify,
    ];
}

public sealed record RoleDefinition(string Name, string Label, int Rank, string[] Permissions);

/// <summary>The six roles of issue 2. Rank orders who may create whom: an admin never grants more than they hold.</summary>
public static class Roles
{
    public const string SystemAdmin = "SystemAdmin";
    public const string CountyAdmin = "CountyAdmin";
    public const string TownshipOfficer = "TownshipOfficer";
    public const string VillageOfficer = "VillageOfficer";
    public const string Cadre = "Cadre";
    public const string Auditor = "Auditor";

    public static readonly IReadOnlyList<RoleDefinition> All =
    [
        new(SystemAdmin, "系统管理员", 100, Permissions.All),
        new(CountyAdmin, "区县管理员", 80, [.. Permissions.All.Where(p => p != Permissions.SystemBackup)]),
        new(TownshipOfficer, "乡镇干部", 60, [Permissions.RegistryView, Permissions.RegistryEdit, Permissions.RegistryCreate, Permissions.RegistryExport, Permissions.RegistryImport,
            Permissions.GuaranteesView, Permissions.GuaranteesReport, Permissions.GuaranteesAssign, Permissions.GuaranteesWork, Permissions.GuaranteesVerify,
            Permissions.MonitoringView, Permissions.MonitoringReport, Permissions.MonitoringWork, Permissions.MonitoringReview, Permissions.FieldWorkManage,
            Permissions.FieldWorkView, Permissions.FieldWorkSupervise, Permissions.FieldWorkLog, Permissions.FieldWorkMeet, Permissions.FieldWorkFlag,
            Permissions.ProjectsView, Permissions.ProjectsPropose, Permissions.ProjectsReview, Permissions.ProjectsImplement, Permissions.FundsView,
            Permissions.PartnersView, Permissions.PartnersManage, Permissions.SamplingView, Permissions.SamplingManage, Permissions.SamplingSurvey,
            Permissions.MatchingView, Permissions.MatchingVerify]),
        new(VillageOfficer, "村干部", 40, [Permissions.RegistryView, Permissions.RegistryEdit, Permissions.RegistryCreate, Permissions.RegistryExport,
            Permissions.GuaranteesView, Permissions.GuaranteesReport, Permissions.GuaranteesWork,
            Permissions.MonitoringView, Permissions.MonitoringReport, Permissions.MonitoringWork, Permissions.FieldWorkManage,
            Permissions.FieldWorkView, Permissions.FieldWorkLog, Permissions.FieldWorkFlag,
            Permissions.ProjectsView, Permissions.ProjectsPropose, Permissions.PartnersView, Permissions.PartnersManage, Permissions.SamplingSurvey,
            Permissions.MatchingView, Permissions.MatchingVerify]),
        new(Cadre, "帮扶干部", 20, [Permissions.RegistryView, Permissions.RegistryEdit,
            Permissions.GuaranteesView, Permissions.GuaranteesReport, Permissions.GuaranteesWork,
            Permissions.MonitoringView, Permissions.MonitoringReport, Permissions.MonitoringWork,
            Permissions.FieldWorkView, Permissions.FieldWorkLog, Permissions.SamplingSurvey]),
        new(Auditor, "只读（审计）", 10, [Permissions.RegistryView, Permissions.RegistryExport, Permissions.AuditView, Permissions.GuaranteesView,
            Permissions.MonitoringView, Permissions.FieldWorkView, Permissions.FieldWorkSupervise, Permissions.ProjectsView, Permissions.FundsView,
            Permissions.PartnersView, Permissions.SamplingView, Permissions.MatchingView]),
    ];

    public static RoleDefinition? Find(string? name) => All.FirstOrDefault(r => r.Name == name);
    public static string LabelOf(string? name) => Find(name)?.Label ?? name ?? "";
}
