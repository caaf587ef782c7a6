using System.ComponentModel.DataAnnotations;
using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Modules.Projects;

/// <summary>The level of government that issues an allocation (资金级次).</summary>
public enum FundLevel
{
    [Display(Name = "中央")] Central = 1,
    [Display(Name = "市级")] City = 2,
    [Display(Name = "区县")] County = 3,
}

/// <summary>
/// 资金下达: an amount of one source and year issued to a county by a document. The county splits it onto projects
/// (<see cref="FundAssignment"/>); what is assigned never exceeds it. Assigning raises its version, so two parallel
/// assignments cannot both pass the check.
/// </summary>
[Platform.Data.RegionScoped(nameof(CountyCode))]
public sealed class FundAllocation : Platform.Auditing.IAudited, Platform.Data.IStamped
{
    public long Id { get; set; }
    public int Year { get; set; }
    public FundSource Source { get; set; }
    public FundLevel Level { get; set; }
    public string DocumentNumber { get; set; } = "";
    public decimal Amount { get; set; }
    public string CountyCode { get; set; } = "";
    public DateOnly IssuedOn { get; set; }
    public int Version { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    public Platform.Auditing.AuditFacts DescribeForAudit() =>
        new(Id.ToString(), null, CountyCode, $"资金下达 {DocumentNumber}（{Labels.Of(Source)} {Amount:0.00} 元）");
}

/// <summary>A part of an allocation put onto a project (资金分配).</summary>
[Platform.Data.RegionScoped]
public sealed class FundAssignment : Platform.Auditing.IAudited
{
    public long Id { get; set; }
    public long AllocationId { get; set; }
    public long ProjectId { get; set; }
    /// <summary>The project's region (its scope).</summary>
    public string RegionCode { get; set; } = "";
    public decimal Amount { get; set; }
    public DateTime At { get; set; }
    public string By { get; set; } = "";

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), null, RegionCode, $"资金分配 项目 {ProjectId}：{Amount:0.00} 元");
}

/// <summary>资金支付: money paid out for a project from one of its allocations.</summary>
[Platform.Data.RegionScoped]
public sealed class FundPayment : Platform.Auditing.IAudited
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public long AllocationId { get; set; }
    public string RegionCode { get; set; } = "";
    public DateOnly PaidOn { get; set; }
    public decimal Amount { get; set; }
    public string VoucherNumber { get; set; } = "";
    public string Payee { get; set; } = "";
    public DateTime At { get; set; }
    public string By { get; set; } = "";

    public Platform.Auditing.AuditFacts DescribeForAudit() =>
        new(Id.ToString(), null, RegionCode, $"资金支付 项目 {ProjectId}：{Amount:0.00} 元（凭证 {VoucherNumber}）");
}
