using System.ComponentModel.DataAnnotations;
using Jingzhun.Web.Modules.Projects.Assets;
using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Modules.Projects.AssetChecks;

/// <summary>What a checker found of one asset on the spot.</summary>
public enum CheckFinding
{
    [Display(Name = "账实相符")] Exists = 1,
    [Display(Name = "资产缺失")] Missing = 2,
    [Display(Name = "闲置")] Idle = 3,
    [Display(Name = "损毁")] Damaged = 4,
}

/// <summary>核查批次的状态: checked line by line, closed once every line is checked.</summary>
public enum AssetCheckStatus
{
    [Display(Name = "核查中")] Open = 1,
    [Display(Name = "已结束")] Closed = 2,
}

/// <summary>整改 of a problem a check found: 待整改 → 已整改 → 已核实 (or back to 待整改 when the verifier returns it).</summary>
public enum RectificationStatus
{
    [Display(Name = "待整改")] Pending = 1,
    [Display(Name = "已整改")] Done = 2,
    [Display(Name = "已核实")] Verified = 3,
}

/// <summary>
/// 资产核查批次 (issue 17): a county or township checks the assets of its region against the ledger. At creation the
/// batch snapshots the region's assets that are not 已处置, one line per asset; each line gets a finding; the batch is
/// closed once every line is checked.
/// </summary>
[Platform.Data.RegionScoped]
public sealed class AssetCheck : Platform.Auditing.IAudited, Platform.Data.IVersioned
{
    private AssetCheck() { }

    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    public int Year { get; private set; }
    public string CountyCode { get; private set; } = "";
    /// <summary>The county or township checked: its scope.</summary>
    public string RegionCode { get; private set; } = "";
    public DateOnly StartOn { get; private set; }
    public DateOnly DueOn { get; private set; }
    public AssetCheckStatus Status { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public string? ClosedBy { get; private set; }
    public DateTime? ClosedAt { get; private set; }

    public int Version { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public List<AssetCheckLine> Lines { get; private set; } = [];

    public static AssetCheck Create(string name, int year, string regionCode, DateOnly startOn, DateOnly dueOn, IEnumerable<ProjectAsset> assets,
        DateTime now, string by)
    {
        var c = new AssetCheck
        {
            Name = name.Trim(), Year = year, CountyCode = regionCode[..6], RegionCode = regionCode, StartOn = startOn, DueOn = dueOn,
            Status = AssetCheckStatus.Open, CreatedBy = by, CreatedAt = now, Version = 1, UpdatedAt = now, UpdatedBy = by,
        };
        c.Lines.AddRange(assets.Select(a => AssetCheckLine.Of(a, now, by)));
        return c;
    }

    public void Close(DateTime now, string by)
    {
        Status = AssetCheckStatus.Closed;
        ClosedBy = by;
        ClosedAt = now;
        Version++;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() =>
        new(Id.ToString(), null, RegionCode, $"资产核查 {Id} {Name}（{Year}年，{Labels.Of(Status)}）");
}

/// <summary>One asset of a batch as the ledger held it at creation, and what the check found.</summary>
[Platform.Data.RegionScoped]
public sealed class AssetCheckLine : Platform.Auditing.IAudited, Platform.Data.IVersioned
{
    private AssetCheckLine() { }

    public long Id { get; private set; }
    public long CheckId { get; private set; }
    public long AssetId { get; private set; }
    /// <summary>The asset's place (a line is seen where its asset is).</summary>
    public string RegionCode { get; private set; } = "";
    public string AssetName { get; private set; } = "";
    public AssetClass AssetClass { get; private set; }
    /// <summary>The asset's status in the ledger when the batch was made.</summary>
    public AssetStatus LedgerStatus { get; private set; }
    public CheckFinding? Finding { get; private set; }
    public DateOnly? CheckedOn { get; private set; }
    public string? Note { get; private set; }
    public string? CheckedBy { get; private set; }
    public DateTime? CheckedAt { get; private set; }
    /// <summary>The photos taken on the spot (stored files, comma-separated, at most 9), or null.</summary>
    public string? PhotoIds { get; private set; }

    public int Version { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public IReadOnlyList<string> Photos => PhotoIds is { Length: > 0 } ids ? ids.Split(',') : [];

    public bool IsProblem => Finding is CheckFinding.Missing or CheckFinding.Idle or CheckFinding.Damaged;

    internal static AssetCheckLine Of(ProjectAsset a, DateTime now, string by) => new()
    {
        AssetId = a.Id, RegionCode = a.RegionCode, AssetName = a.Name, AssetClass = a.Class, LedgerStatus = a.Status, Version = 1,
        UpdatedAt = now, UpdatedBy = by,
    };

    public void Record(CheckFinding finding, DateOnly on, string note, IReadOnlyList<string> photoIds, DateTime now, string by)
    {
        Finding = finding;
        PhotoIds = photoIds.Count == 0 ? null : string.Join(',', photoIds);
        CheckedOn = on;
        Note = note.Trim();
        CheckedBy = by;
        CheckedAt = now;
        Version++;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() =>
        new(Id.ToString(), null, RegionCode, $"资产核查 {CheckId} 资产 {AssetId} {AssetName}（{(Finding is { } f ? Labels.Of(f) : "未核查")}）");
}

/// <summary>
/// 整改 of a problem a check found (资产缺失, 闲置, 损毁): who is responsible (person, unit) and by when; recorded as
/// done with what was done; verified by someone other than who recorded it (职责分离), or returned to 待整改.
/// </summary>
[Platform.Data.RegionScoped]
public sealed class AssetRectification : Platform.Auditing.IAudited, Platform.Data.IVersioned
{
    private AssetRectification() { }

    public long Id { get; private set; }
    public long CheckId { get; private set; }
    public long LineId { get; private set; }
    public long AssetId { get; private set; }
    public string RegionCode { get; private set; } = "";
    public CheckFinding Finding { get; private set; }
    public string Problem { get; private set; } = "";
    public string ResponsiblePerson { get; private set; } = "";
    public string ResponsibleUnit { get; private set; } = "";
    public DateOnly Deadline { get; private set; }
    public RectificationStatus Status { get; private set; }
    public string OpenedBy { get; private set; } = "";
    public DateTime OpenedAt { get; private set; }
    public string? Measure { get; private set; }
    public DateOnly? RectifiedOn { get; private set; }
    public string? RectifiedBy { get; private set; }
    public string? VerifiedBy { get; private set; }
    public DateTime? VerifiedAt { get; private set; }
    public string? ReturnReason { get; private set; }
    /// <summary>What the verification did to the asset's status (restored to 正常运营, or why it was left), or null.</summary>
    public string? AssetOutcome { get; private set; }

    public int Version { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public static AssetRectification Open(AssetCheckLine line, string problem, string person, string unit, DateOnly deadline, DateTime now,
        string by) => new()
    {
        CheckId = line.CheckId, LineId = line.Id, AssetId = line.AssetId, RegionCode = line.RegionCode, Finding = line.Finding!.Value,
        Problem = problem.Trim(), ResponsiblePerson = person.Trim(), ResponsibleUnit = unit.Trim(), Deadline = deadline,
        Status = RectificationStatus.Pending, OpenedBy = by, OpenedAt = now, Version = 1, UpdatedAt = now, UpdatedBy = by,
    };

    public void Rectify(string measure, DateOnly on, DateTime now, string by)
    {
        Status = RectificationStatus.Done;
        Measure = measure.Trim();
        RectifiedOn = on;
        RectifiedBy = by;
        ReturnReason = null;
        Touch(now, by);
    }

    public void Verify(string? assetOutcome, DateTime now, string by)
    {
        Status = RectificationStatus.Verified;
        AssetOutcome = assetOutcome;
        VerifiedBy = by;
        VerifiedAt = now;
        Touch(now, by);
    }

    public void Return(string reason, DateTime now, string by)
    {
        Status = RectificationStatus.Pending;
        ReturnReason = reason.Trim();
        Touch(now, by);
    }

    private void Touch(DateTime now, string by)
    {
        Version++;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() =>
        new(Id.ToString(), null, RegionCode, $"资产整改 {Id} 资产 {AssetId}（{Labels.Of(Finding)}，{Labels.Of(Status)}）");
}
