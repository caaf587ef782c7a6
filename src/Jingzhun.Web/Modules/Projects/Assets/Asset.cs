using System.ComponentModel.DataAnnotations;
using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Modules.Projects.Assets;

/// <summary>扶贫项目资产的类别.</summary>
public enum AssetClass
{
    [Display(Name = "经营性资产")] Operating = 1,
    [Display(Name = "公益性资产")] PublicWelfare = 2,
    [Display(Name = "到户类资产")] Household = 3,
}

/// <summary>资产的运营状态; 已处置 only after an approved disposal.</summary>
public enum AssetStatus
{
    [Display(Name = "正常运营")] Operating = 1,
    [Display(Name = "闲置")] Idle = 2,
    [Display(Name = "低效")] Inefficient = 3,
    [Display(Name = "损毁")] Damaged = 4,
    [Display(Name = "已处置")] Disposed = 5,
}

/// <summary>管护记录的类型.</summary>
public enum AssetCareKind
{
    [Display(Name = "巡查")] Inspection = 1,
    [Display(Name = "维修")] Repair = 2,
    [Display(Name = "养护")] Maintenance = 3,
}

/// <summary>收益分配方案的状态: 拟定 → 审批 → 发放.</summary>
public enum DistributionStatus
{
    [Display(Name = "待审批")] Proposed = 1,
    [Display(Name = "已审批")] Approved = 2,
    [Display(Name = "已发放")] Paid = 3,
}

/// <summary>
/// 扶贫项目资产: what a project left (one project → several assets) or an older asset registered by hand. Where it is
/// (a village, or the township/county of a project spanning several), its class, value, owner after 确权, custodian
/// (管护责任人), status and history. A 到户类 asset belongs to one household. Disposal (处置) is asked for and approved
/// by different people, and the record stays.
/// </summary>
[Platform.Data.RegionScoped]
public sealed class ProjectAsset : Platform.Auditing.IAudited, Platform.Data.IVersioned
{
    private ProjectAsset() { }

    public long Id { get; private set; }
    public long? ProjectId { get; private set; }
    public string Name { get; private set; } = "";
    public AssetClass Class { get; private set; }
    public string CountyCode { get; private set; } = "";
    /// <summary>Where the asset is (a village, or the smallest region of its project): its scope.</summary>
    public string RegionCode { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public string Unit { get; private set; } = "";
    /// <summary>Value in yuan (资产原值).</summary>
    public decimal Value { get; private set; }
    public AssetRecipient Owner { get; private set; }
    /// <summary>The household a 到户类 asset was given to.</summary>
    public long? HouseholdId { get; private set; }
    public string Custodian { get; private set; } = "";
    public AssetStatus Status { get; private set; }
    public DateOnly RegisteredOn { get; private set; }
    public string? DisposalReason { get; private set; }
    public string? DisposalRequestedBy { get; private set; }
    public DateTime? DisposalRequestedAt { get; private set; }
    public string? DisposalApprovedBy { get; private set; }
    public DateTime? DisposedAt { get; private set; }

    public int Version { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public List<AssetEvent> Events { get; private set; } = [];
    public List<AssetCare> Cares { get; private set; } = [];

    public bool DisposalPending => DisposalRequestedAt is not null && Status != AssetStatus.Disposed;

    public static ProjectAsset Register(long? projectId, string name, AssetClass cls, string regionCode, decimal quantity, string unit,
        decimal value, AssetRecipient owner, long? householdId, string custodian, DateOnly on, DateTime now, string by, string note)
    {
        var a = new ProjectAsset
        {
            ProjectId = projectId, Name = name.Trim(), Class = cls, CountyCode = regionCode[..6], RegionCode = regionCode, Quantity = quantity,
            Unit = unit.Trim(), Value = value, Owner = owner, HouseholdId = householdId, Custodian = custodian.Trim(),
            Status = AssetStatus.Operating, RegisteredOn = on, Version = 1, UpdatedAt = now, UpdatedBy = by,
        };
        a.Events.Add(AssetEvent.Of(null, AssetStatus.Operating, note, now, by));
        return a;
    }

    public void SetStatus(AssetStatus status, string note, DateTime now, string by)
    {
        if (status == AssetStatus.Disposed || Status == AssetStatus.Disposed)
            throw new InvalidOperationException("处置须经申请和审批");
        var from = Status;
        Status = status;
        Touch(now, by);
        Events.Add(AssetEvent.Of(from, status, note, now, by));
    }

    public void SetCustodian(string custodian, DateTime now, string by)
    {
        var before = Custodian;
        Custodian = custodian.Trim();
        Touch(now, by);
        Events.Add(AssetEvent.Of(Status, Status, $"管护责任人：{(before.Length > 0 ? before : "未明确")} → {Custodian}", now, by));
    }

    public void AddCare(AssetCareKind kind, DateOnly on, string finding, decimal cost, IReadOnlyList<string> photoIds, DateTime now, string by)
    {
        Cares.Add(new AssetCare
        {
            Kind = kind, On = on, Finding = finding.Trim(), Cost = cost, PhotoIds = photoIds.Count == 0 ? null : string.Join(',', photoIds), At = now, By = by,
        });
        Touch(now, by);
    }

    public void RequestDisposal(string reason, DateTime now, string by)
    {
        DisposalReason = reason.Trim();
        DisposalRequestedBy = by;
        DisposalRequestedAt = now;
        Touch(now, by);
        Events.Add(AssetEvent.Of(Status, Status, $"申请处置：{DisposalReason}", now, by));
    }

    public void ApproveDisposal(string note, DateTime now, string by)
    {
        var from = Status;
        Status = AssetStatus.Disposed;
        DisposalApprovedBy = by;
        DisposedAt = now;
        Touch(now, by);
        Events.Add(AssetEvent.Of(from, AssetStatus.Disposed, $"批准处置（{DisposalReason}）" + (note.Length > 0 ? "：" + note : ""), now, by));
    }

    public void RejectDisposal(string note, DateTime now, string by)
    {
        Events.Add(AssetEvent.Of(Status, Status, $"不同意处置（{DisposalReason}）" + (note.Length > 0 ? "：" + note : ""), now, by));
        DisposalReason = null;
        DisposalRequestedBy = null;
        DisposalRequestedAt = null;
        Touch(now, by);
    }

    private void Touch(DateTime now, string by)
    {
        Version++;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() =>
        new(Id.ToString(), HouseholdId, RegionCode, $"资产 {Id} {Name}（{Labels.Of(Class)}，{Labels.Of(Status)}）");
}

/// <summary>One change of an asset's status or custody, with who and when.</summary>
[Platform.Data.PartOf(typeof(ProjectAsset))]
[Platform.Auditing.NotAudited("the asset's own history; the asset's change is audited")]
public sealed class AssetEvent
{
    public long Id { get; private set; }
    public long AssetId { get; private set; }
    public AssetStatus? From { get; private set; }
    public AssetStatus To { get; private set; }
    public string Note { get; private set; } = "";
    public DateTime At { get; private set; }
    public string By { get; private set; } = "";

    public static AssetEvent Of(AssetStatus? from, AssetStatus to, string note, DateTime at, string by) =>
        new() { From = from, To = to, Note = note.Length > 500 ? note[..500] : note, At = at, By = by };
}

/// <summary>管护记录: an inspection, repair or maintenance of an asset, what was found and what it cost.</summary>
[Platform.Data.PartOf(typeof(ProjectAsset))]
[Platform.Auditing.NotAudited("part of the asset, audited with it")]
public sealed class AssetCare
{
    public long Id { get; set; }
    public long AssetId { get; set; }
    public AssetCareKind Kind { get; set; }
    public DateOnly On { get; set; }
    public string Finding { get; set; } = "";
    public decimal Cost { get; set; }
    /// <summary>The photos of the inspection or repair (stored files, comma-separated, at most 9), or null.</summary>
    public string? PhotoIds { get; set; }
    public DateTime At { get; set; }
    public string By { get; set; } = "";

    public IReadOnlyList<string> Photos => PhotoIds is { Length: > 0 } ids ? ids.Split(',') : [];
}

/// <summary>
/// 资产收益 of one 经营性 asset in one year and its 分配方案: to the village collective, to 公益性岗位 wages, and to
/// households (each household's amount). Proposed, approved by someone else, then paid: paying adds each household's
/// dividend to its 财产性收入 (其中：资产收益分红) of that year.
/// </summary>
[Platform.Data.RegionScoped]
public sealed class AssetIncome : Platform.Auditing.IAudited, Platform.Data.IVersioned
{
    private AssetIncome() { }

    public long Id { get; private set; }
    public long AssetId { get; private set; }
    public string RegionCode { get; private set; } = "";
    public int Year { get; private set; }
    public decimal Amount { get; private set; }
    public decimal ToCollective { get; private set; }
    public decimal ToJobs { get; private set; }
    public DistributionStatus Status { get; private set; }
    public string ProposedBy { get; private set; } = "";
    public DateTime ProposedAt { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTime? ApprovedAt { get; private set; }
    public DateOnly? PaidOn { get; private set; }
    public string? PaidBy { get; private set; }

    public int Version { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public List<AssetDividend> Dividends { get; private set; } = [];

    public static AssetIncome Propose(ProjectAsset asset, int year, decimal amount, decimal toCollective, decimal toJobs,
        IEnumerable<(long HouseholdId, decimal Amount)> dividends, DateTime now, string by)
    {
        var i = new AssetIncome
        {
            AssetId = asset.Id, RegionCode = asset.RegionCode, Year = year, Amount = amount, ToCollective = toCollective, ToJobs = toJobs,
            Status = DistributionStatus.Proposed, ProposedBy = by, ProposedAt = now, Version = 1, UpdatedAt = now, UpdatedBy = by,
        };
        i.Dividends.AddRange(dividends.Select(d => new AssetDividend { HouseholdId = d.HouseholdId, Amount = d.Amount }));
        return i;
    }

    public void Approve(DateTime now, string by)
    {
        Status = DistributionStatus.Approved;
        ApprovedBy = by;
        ApprovedAt = now;
        Touch(now, by);
    }

    public void Pay(DateOnly on, DateTime now, string by)
    {
        Status = DistributionStatus.Paid;
        PaidOn = on;
        PaidBy = by;
        Touch(now, by);
    }

    private void Touch(DateTime now, string by)
    {
        Version++;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() =>
        new(Id.ToString(), null, RegionCode, $"资产 {AssetId} {Year}年收益 {Amount:0.00} 元（{Labels.Of(Status)}）");
}

/// <summary>One household's share of an asset's yearly income (分红).</summary>
[Platform.Data.PartOf(typeof(AssetIncome))]
[Platform.Auditing.NotAudited("part of the distribution plan, audited with it")]
public sealed class AssetDividend
{
    public long Id { get; set; }
    public long AssetIncomeId { get; set; }
    public long HouseholdId { get; set; }
    public decimal Amount { get; set; }
    /// <summary>Whether the payment was added to the household's income of the year (false: the year had no income record yet).</summary>
    public bool InIncome { get; set; }
}
