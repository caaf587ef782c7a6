using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Exit;

public enum ExitStage
{
    [Display(Name = "待民主评议")] Appraisal = 1,
    [Display(Name = "村级公示中")] Publicity = 2,
    [Display(Name = "待县级审定")] CountyDecision = 3,
    [Display(Name = "已脱贫退出")] Exited = 4,
    [Display(Name = "不予退出")] Rejected = 5,
}

public sealed record ExitStepLog(ExitStage From, ExitStage To, string Summary, DateTime At, string By);

/// <summary>
/// 贫困户退出 procedure of one household for one year: 民主评议 → 村级公示 → 县级审定 (销号), recorded like the monitoring
/// workflow; the household becomes a 脱贫户 of that year when the county agrees.
/// </summary>
[Platform.Data.VillageScoped]
public sealed class HouseholdExit : Platform.Auditing.IAudited, Platform.Data.IHouseholdOwned, Platform.Data.IVersioned
{
    private HouseholdExit() { }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public string VillageCode { get; private set; } = "";
    public int Year { get; private set; }
    public ExitStage Stage { get; private set; }
    public string Log { get; private set; } = "[]";
    public int Version { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public static HouseholdExit Start(long householdId, string villageCode, int year, DateTime now, string by) => new()
    {
        HouseholdId = householdId, VillageCode = villageCode, Year = year, Stage = ExitStage.Appraisal, Version = 1, UpdatedAt = now, UpdatedBy = by,
    };

    public IReadOnlyList<ExitStepLog> Steps() => JsonSerializer.Deserialize<List<ExitStepLog>>(Log) ?? [];

    public void Move(ExitStage to, string summary, DateTime now, string by)
    {
        var allowed = (Stage, to) switch
        {
            (ExitStage.Appraisal, ExitStage.Publicity or ExitStage.Rejected) => true,
            (ExitStage.Publicity, ExitStage.CountyDecision) => true,
            (ExitStage.CountyDecision, ExitStage.Exited or ExitStage.Rejected) => true,
            _ => false,
        };
        if (!allowed) throw new InvalidOperationException($"当前为“{Platform.Localization.Labels.Of(Stage)}”，不能改为“{Platform.Localization.Labels.Of(to)}”");
        var steps = Steps().ToList();
        steps.Add(new ExitStepLog(Stage, to, summary, now, by));
        Log = JsonSerializer.Serialize(steps);
        Stage = to;
        Version++;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), HouseholdId, VillageCode, $"{Year}年脱贫退出（{Platform.Localization.Labels.Of(Stage)}）");
}

public sealed class HouseholdExitConfiguration : IEntityTypeConfiguration<HouseholdExit>
{
    public void Configure(EntityTypeBuilder<HouseholdExit> builder)
    {
        builder.ToTable("household_exits");
        builder.Property(e => e.VillageCode).HasMaxLength(12);
        builder.Property(e => e.Log).HasMaxLength(8000);
        builder.Property(e => e.UpdatedBy).HasMaxLength(64);
        builder.HasOne<Registry.Household>().WithMany().HasForeignKey(e => e.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.HouseholdId, e.Year }).IsUnique();
        builder.HasIndex(e => new { e.VillageCode, e.Stage });
    }
}
