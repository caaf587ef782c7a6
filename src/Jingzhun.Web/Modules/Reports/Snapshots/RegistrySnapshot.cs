using Jingzhun.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Reports.Snapshots;

/// <summary>
/// 年度数据冻结: the registry of a region as it stood when frozen for a year, one compact row per household. One per
/// region and year; the rows never change (a replacement deletes and re-copies them).
/// </summary>
[Platform.Data.RegionScoped]
public sealed class RegistrySnapshot : Platform.Auditing.IAudited
{
    private RegistrySnapshot() { }

    public long Id { get; private set; }
    public string RegionCode { get; private set; } = "";
    public int Year { get; private set; }
    public string Label { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public int Households { get; private set; }
    public int People { get; private set; }
    public int ExitedHouseholds { get; private set; }
    public int NotExitedHouseholds { get; private set; }
    public int MonitoredHouseholds { get; private set; }
    public int OrdinaryHouseholds { get; private set; }

    public List<RegistrySnapshotRow> Rows { get; private set; } = [];

    public static RegistrySnapshot Take(string regionCode, int year, string label, IReadOnlyList<RegistrySnapshotRow> rows, DateTime now, string by)
    {
        var s = new RegistrySnapshot { RegionCode = regionCode, Year = year, Label = label.Trim(), CreatedAt = now, CreatedBy = by };
        s.Rows.AddRange(rows);
        s.Households = rows.Count;
        s.People = rows.Sum(r => r.Size);
        s.ExitedHouseholds = rows.Count(r => r.Status == HouseholdStatus.Exited);
        s.NotExitedHouseholds = rows.Count(r => r.Status == HouseholdStatus.NotExited);
        s.MonitoredHouseholds = rows.Count(r => r.Status == HouseholdStatus.Monitored);
        s.OrdinaryHouseholds = rows.Count(r => r.Status == HouseholdStatus.Ordinary);
        return s;
    }

    public int CountOf(HouseholdStatus status) => status switch
    {
        HouseholdStatus.Exited => ExitedHouseholds,
        HouseholdStatus.NotExited => NotExitedHouseholds,
        HouseholdStatus.Monitored => MonitoredHouseholds,
        _ => OrdinaryHouseholds,
    };

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), null, RegionCode, $"年度数据冻结 {RegionCode} {Year}年（{Households}户）");
}

/// <summary>One household as frozen: enough to list and compare, not a full copy of the record.</summary>
[Platform.Data.VillageScoped]
[Platform.Auditing.NotAudited("rows of a frozen snapshot; the freeze itself is audited once")]
public sealed class RegistrySnapshotRow
{
    private RegistrySnapshotRow() { }

    public long Id { get; private set; }
    public long SnapshotId { get; private set; }
    public long HouseholdId { get; private set; }
    public string HouseholdNumber { get; private set; } = "";
    public string HeadName { get; private set; } = "";
    public string VillageCode { get; private set; } = "";
    public HouseholdStatus Status { get; private set; }
    public PovertyAttribute? Attribute { get; private set; }
    public int Size { get; private set; }
    public int? IncomeYear { get; private set; }
    public decimal? PerCapitaIncome { get; private set; }
    public PovertyCause? MainCause { get; private set; }
    public Class321? Class321 { get; private set; }

    public static RegistrySnapshotRow Of(long householdId, string number, string headName, string village, HouseholdStatus status,
        PovertyAttribute? attribute, int size, int? incomeYear, decimal? perCapita, PovertyCause? cause, Class321? class321) => new()
    {
        HouseholdId = householdId, HouseholdNumber = number, HeadName = headName, VillageCode = village, Status = status, Attribute = attribute,
        Size = size, IncomeYear = incomeYear, PerCapitaIncome = perCapita, MainCause = cause, Class321 = class321,
    };
}

public sealed class RegistrySnapshotConfiguration : IEntityTypeConfiguration<RegistrySnapshot>
{
    public void Configure(EntityTypeBuilder<RegistrySnapshot> b)
    {
        b.ToTable("registry_snapshots");
        b.Property(x => x.RegionCode).HasMaxLength(12);
        b.Property(x => x.Label).HasMaxLength(100);
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.HasIndex(x => new { x.RegionCode, x.Year }).IsUnique();
        b.HasMany(x => x.Rows).WithOne().HasForeignKey(r => r.SnapshotId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RegistrySnapshotRowConfiguration : IEntityTypeConfiguration<RegistrySnapshotRow>
{
    public void Configure(EntityTypeBuilder<RegistrySnapshotRow> b)
    {
        b.ToTable("registry_snapshot_rows");
        b.Property(x => x.HouseholdNumber).HasMaxLength(30);
        b.Property(x => x.HeadName).HasMaxLength(50);
        b.Property(x => x.VillageCode).HasMaxLength(12);
        b.HasIndex(x => new { x.SnapshotId, x.HouseholdId }).IsUnique();
    }
}
