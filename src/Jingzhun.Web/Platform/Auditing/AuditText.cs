using System.Reflection;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Platform.Auditing;

/// <summary>
/// What an audit row reads as in Chinese, for every audited record alike (the household page's history and the audit
/// log): the record's name, each field's name, and values of enum and time fields (enum names as their labels, UTC
/// instants in Beijing time). Field types are read from the audited classes themselves, so a module's new record needs
/// no entry here beyond its field names.
/// </summary>
public static class AuditText
{
    private static readonly Dictionary<string, string> Entities = new()
    {
        ["Household"] = "户", ["Member"] = "成员", ["HouseholdIncome"] = "收入", ["AppUser"] = "用户", ["Backup"] = "数据备份",
        ["Problem"] = "两不愁三保障问题", ["MonitoringCase"] = "监测对象", ["RiskLead"] = "风险线索", ["AssistanceMeasure"] = "帮扶措施",
        ["Visit"] = "走访记录", ["VisitPhoto"] = "走访照片", ["Cadre"] = "帮扶干部", ["Pairing"] = "结对帮扶", ["WorkTeam"] = "驻村工作队",
        ["WorkLog"] = "工作日志", ["ReviewMeeting"] = "月研判", ["EmergencyFlag"] = "危难时刻", ["HouseholdExit"] = "退出评估",
        ["RegistrySnapshot"] = "年度数据冻结", ["Region"] = "行政区划", ["StoredFile"] = "上传文件", ["Job"] = "后台任务",
        ["Project"] = "衔接项目", ["FundAllocation"] = "资金下达", ["FundAssignment"] = "资金分配", ["FundPayment"] = "资金支付",
        ["ProjectAsset"] = "项目资产", ["AssetIncome"] = "资产收益分配",
        ["AssetCheck"] = "资产核查批次", ["AssetCheckLine"] = "资产核查结果", ["AssetRectification"] = "资产整改",
        ["CollectiveOrganization"] = "集体经济组织", ["CollectiveIncome"] = "集体经济收入",
        ["CollectiveDistribution"] = "集体收益分配", ["LeadingIndustry"] = "主导产业", ["IndustryBase"] = "产业基地",
    };

    /// <summary>Field names shared by the records beyond the registry's (which their renderers name themselves).</summary>
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["Dimension"] = "维度", ["Source"] = "来源", ["Severity"] = "紧急程度", ["Description"] = "描述", ["FoundAt"] = "发现时间",
        ["FoundBy"] = "发现人", ["AssignedUnit"] = "责任单位", ["AssignedPerson"] = "责任人", ["AssignedAt"] = "交办时间",
        ["Deadline"] = "整改时限", ["Measure"] = "整改措施", ["EvidenceText"] = "佐证说明", ["EvidencePhotoIds"] = "佐证照片",
        ["ResolvedAt"] = "整改完成时间", ["ResolvedBy"] = "整改人", ["VerifiedAt"] = "核验时间", ["VerifiedBy"] = "核验人",
        ["ReturnReason"] = "退回原因", ["ReturnCount"] = "退回次数", ["Stage"] = "阶段", ["Kind"] = "类型", ["ProposedKind"] = "拟认定类型",
        ["RiskTypes"] = "风险类型", ["LeadAt"] = "线索时间", ["DecidedAt"] = "审定时间", ["MonitoredSince"] = "纳入监测日期",
        ["EliminatedAt"] = "风险消除时间", ["NotIncludedReason"] = "不纳入理由", ["Plan"] = "帮扶计划", ["ResponsibleCadre"] = "监测责任人",
        ["StatusBefore"] = "纳入前户类型", ["Reason"] = "原因", ["Detail"] = "详情", ["Category"] = "措施类别", ["RiskType"] = "针对风险",
        ["StartDate"] = "开始日期", ["EndDate"] = "结束日期", ["Amount"] = "金额", ["Evidence"] = "佐证", ["VisitedAt"] = "走访时间",
        ["EnteredAt"] = "录入时间", ["Accuracy"] = "定位精度（米）", ["Notes"] = "走访情况", ["UpdateState"] = "信息更新状态",
        ["Unit"] = "单位", ["Phone"] = "电话", ["PhoneMasked"] = "电话", ["StartedOn"] = "开始日期", ["EndedOn"] = "结束日期",
        ["EndReason"] = "结束原因", ["CadreId"] = "帮扶干部", ["CaseId"] = "监测对象", ["ClientId"] = "客户端编号",
        ["CreatedAt"] = "创建时间", ["CreatedBy"] = "创建人", ["UpdatedAt"] = "修改时间", ["UpdatedBy"] = "修改人", ["Version"] = "版本",
        ["Custodian"] = "管护责任人", ["Owner"] = "所有者", ["Class"] = "资产类别", ["Quantity"] = "数量", ["Value"] = "资产价值",
        ["RegisteredOn"] = "登记日期", ["DisposalReason"] = "处置原因", ["DisposalRequestedBy"] = "处置申请人", ["DisposalRequestedAt"] = "处置申请时间",
        ["DisposalApprovedBy"] = "处置审批人", ["DisposedAt"] = "处置时间", ["ToCollective"] = "分配给村集体", ["ToJobs"] = "用于公益性岗位",
        ["ProposedBy"] = "拟定人", ["ProposedAt"] = "拟定时间", ["ApprovedBy"] = "审批人", ["ApprovedAt"] = "审批时间", ["PaidOn"] = "发放日期",
        ["PaidBy"] = "发放人", ["ProjectId"] = "项目", ["HouseholdId"] = "户",
        ["StartOn"] = "开始日期", ["DueOn"] = "截止日期", ["ClosedBy"] = "结束人", ["ClosedAt"] = "结束时间", ["AssetName"] = "资产名称",
        ["AssetClass"] = "资产类别", ["LedgerStatus"] = "台账状态", ["Finding"] = "核查结果", ["CheckedOn"] = "核查日期", ["CheckedBy"] = "核查人",
        ["CheckedAt"] = "登记时间", ["Problem"] = "问题", ["ResponsiblePerson"] = "整改责任人", ["ResponsibleUnit"] = "整改责任单位",
        ["OpenedBy"] = "发现人", ["OpenedAt"] = "发现时间", ["RectifiedOn"] = "整改日期", ["RectifiedBy"] = "整改人", ["CheckId"] = "核查批次",
        ["LineId"] = "核查结果", ["AssetId"] = "资产",
        ["ActiveFrom"] = "在岗开始", ["ActiveTo"] = "在岗结束", ["Title"] = "职务", ["Content"] = "内容", ["Date"] = "日期",
    };

    /// <summary>The audited classes by name (the audit log stores the class name).</summary>
    private static readonly Lazy<Dictionary<string, Type>> Types = new(() => typeof(AuditText).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IAudited).IsAssignableFrom(t))
        .GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First()));

    public static string EntityLabel(string type) => Entities.GetValueOrDefault(type, type);

    /// <summary>A field's Chinese name, or null when this table does not know it.</summary>
    public static string? FieldLabel(string field) => Fields.GetValueOrDefault(field);

    /// <summary>The type of a field of an audited record (nullable unwrapped), if the record and the field are known.</summary>
    public static Type? FieldType(string entityType, string field)
    {
        var p = Types.Value.GetValueOrDefault(entityType)?.GetProperty(field, BindingFlags.Public | BindingFlags.Instance);
        return p is null ? null : Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
    }

    /// <summary>
    /// A stored text value as it reads: an enum name as its label, an instant in Beijing time; null when the field's type
    /// gives it no other reading.
    /// </summary>
    public static string? Value(string entityType, string field, string raw)
    {
        var type = FieldType(entityType, field);
        if (type is { IsEnum: true } && Enum.TryParse(type, raw, out var e)) return Labels.Of((Enum)e!);
        if (type == typeof(DateTime) && DateTime.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
            return ChinaTime.Format(at);
        return null;
    }

    /// <summary>"姓名（单位）" of the accounts that wrote audit rows, by user name (the account's display name names both).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> PeopleAsync(Data.AppDbContext db, IEnumerable<string> userNames, CancellationToken ct)
    {
        var names = userNames.Where(n => n.Length > 0).Distinct().ToArray();
        if (names.Length == 0) return new Dictionary<string, string>();
        return await db.Users.AsNoTracking().AcrossScopes("display names of the authors of audit rows the reader already sees").Where(u => EF.Parameter(names).Contains(u.UserName!))
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName.Length > 0 ? u.DisplayName : u.UserName!, ct);
    }

    /// <summary>Who did it, as people read it: the account's name and unit, else the stored name (e.g. "系统研判").</summary>
    public static string Person(IReadOnlyDictionary<string, string> people, string userName) => people.GetValueOrDefault(userName, userName);
}
