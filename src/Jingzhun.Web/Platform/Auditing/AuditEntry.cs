using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Platform.Auditing;

public enum AuditAction
{
    [Display(Name = "新增")] Create = 1,
    [Display(Name = "修改")] Update = 2,
    [Display(Name = "删除")] Delete = 3,
    [Display(Name = "状态变更")] StatusChange = 4,
    [Display(Name = "查看完整证件号")] Reveal = 5,
    [Display(Name = "批量导入")] Import = 6,
    [Display(Name = "批量导出")] Export = 7,
}

/// <summary>One recorded write: who, when, what, old and new values (JSON: { field: [old, new] }).</summary>
[Platform.Data.RegionScoped]
[Platform.Auditing.NotAudited("the audit log itself")]
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";
    public AuditAction Action { get; set; }
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    public long? HouseholdId { get; set; }
    /// <summary>Region of the record (village code for registry rows) so the audit search is scoped too.</summary>
    public string RegionCode { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Changes { get; set; } = "{}";
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.Property(a => a.UserId).HasMaxLength(64);
        b.Property(a => a.UserName).HasMaxLength(64);
        b.Property(a => a.EntityType).HasMaxLength(40);
        b.Property(a => a.EntityId).HasMaxLength(64);
        b.Property(a => a.RegionCode).HasMaxLength(12);
        b.Property(a => a.Summary).HasMaxLength(200);
        b.HasIndex(a => new { a.HouseholdId, a.At });
        b.HasIndex(a => new { a.RegionCode, a.At });
        b.HasIndex(a => a.At);
    }
}

/// <summary>Who is writing: the signed-in user, or "系统" for start-up and background work.</summary>
public interface IAuditActor
{
    string? UserId { get; }
    string UserName { get; }
}

public sealed class SystemActor : IAuditActor
{
    public static readonly SystemActor Instance = new();
    public string? UserId => null;
    public string UserName => "系统";
}
