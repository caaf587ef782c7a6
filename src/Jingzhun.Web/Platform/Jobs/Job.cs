using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Platform.Jobs;

public enum JobStatus
{
    [Display(Name = "排队中")] Queued = 1,
    [Display(Name = "运行中")] Running = 2,
    [Display(Name = "已完成")] Succeeded = 3,
    [Display(Name = "失败")] Failed = 4,
    [Display(Name = "已取消")] Cancelled = 5,
}

/// <summary>A unit of background work (sweeps, imports) with progress; kept in the database so it survives restarts.</summary>
[Platform.Data.RegionScoped]
public sealed class Job : Platform.Auditing.IAudited
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public string RegionCode { get; set; } = "";
    /// <summary>Kind-specific parameters (JSON).</summary>
    public string Parameters { get; set; } = "{}";
    public JobStatus Status { get; set; } = JobStatus.Queued;
    public bool CancelRequested { get; set; }
    public int Total { get; set; }
    public int Done { get; set; }
    public string? Message { get; set; }
    public string? Error { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), null, RegionCode, $"后台任务 {Kind}（{RegionCode}）");
}

public sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.ToTable("jobs");
        builder.Property(j => j.Kind).HasMaxLength(40);
        builder.Property(j => j.RegionCode).HasMaxLength(12);
        builder.Property(j => j.Parameters).HasMaxLength(2000);
        builder.Property(j => j.Message).HasMaxLength(1000);
        builder.Property(j => j.Error).HasMaxLength(2000);
        builder.Property(j => j.CreatedBy).HasMaxLength(64);
        builder.HasIndex(j => new { j.Status, j.Id });
    }
}
