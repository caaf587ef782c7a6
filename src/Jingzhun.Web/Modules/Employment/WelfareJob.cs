namespace Jingzhun.Web.Modules.Employment;

/// <summary>
/// One 乡村公益性岗位 of a village (保洁员, 护林员, 护路员, 水管员 ...): its monthly pay and who holds it. A village's record, not a
/// household's: a vacant position belongs to no household. One holder at a time (a member of a 脱贫户 or 监测户 of the
/// village); a holder who leaves frees the position. The holders, past and present, are its <see cref="Tenures"/>.
/// </summary>
[Platform.Data.VillageScoped]
public sealed class WelfareJob : Platform.Auditing.IAudited, Platform.Data.IVersioned
{
    private WelfareJob() { }

    public long Id { get; private set; }
    public string VillageCode { get; private set; } = "";
    public string CountyCode { get; private set; } = "";
    public WelfareJobType Type { get; private set; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    /// <summary>月补贴 (yuan per month).</summary>
    public decimal MonthlyPay { get; private set; }
    /// <summary>设岗日期.</summary>
    public DateOnly EstablishedOn { get; private set; }
    /// <summary>The current holder (a member), their household and since when; all null while the position is vacant.</summary>
    public long? HolderId { get; private set; }
    public long? HolderHouseholdId { get; private set; }
    public DateOnly? HeldSince { get; private set; }
    public List<WelfareJobTenure> Tenures { get; private set; } = [];
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public static WelfareJob Create(string villageCode, WelfareJobType type, string name, string? description, decimal monthlyPay, DateOnly establishedOn,
        DateTime now, string by) => new()
    {
        VillageCode = villageCode, CountyCode = villageCode[..6], Type = type, Name = name.Trim(),
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(), MonthlyPay = monthlyPay, EstablishedOn = establishedOn,
        Version = 1, CreatedAt = now, CreatedBy = by, UpdatedAt = now, UpdatedBy = by,
    };

    /// <summary>上岗: the member holds the position from <paramref name="from"/>; a current holder leaves the day before.</summary>
    public void Assign(long memberId, long householdId, DateOnly from, DateTime now, string by)
    {
        if (HolderId is not null) End(from.AddDays(-1), now, by);
        HolderId = memberId;
        HolderHouseholdId = householdId;
        HeldSince = from;
        Tenures.Add(new WelfareJobTenure(memberId, householdId, from));
        Touch(now, by);
    }

    /// <summary>离岗: the holder left on <paramref name="on"/> (their last day); the position is vacant.</summary>
    public void End(DateOnly on, DateTime now, string by)
    {
        if (HolderId is null) throw new InvalidOperationException("该岗位当前无人在岗");
        var current = Tenures.Single(t => t.EndedOn is null);
        current.EndOn(on);
        HolderId = null;
        HolderHouseholdId = null;
        HeldSince = null;
        Touch(now, by);
    }

    /// <summary>A wage paid: the position changes with it, so two payments of the same months at once cannot both be saved.</summary>
    public void RecordPayment(DateTime now, string by) => Touch(now, by);

    private void Touch(DateTime now, string by)
    {
        UpdatedAt = now;
        UpdatedBy = by;
        Version++;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() =>
        new(Id.ToString(), HolderHouseholdId, VillageCode, $"公益性岗位 {Platform.Localization.Labels.Of(Type)} {Name}");
}

/// <summary>One holder's time on a position (上岗 to 离岗).</summary>
[Platform.Data.PartOf(typeof(WelfareJob))]
[Platform.Auditing.NotAudited("part of the audited position: every change of holder changes the position (its holder and version)")]
public sealed class WelfareJobTenure : Platform.Data.IHouseholdOwned
{
    private WelfareJobTenure() { }

    public WelfareJobTenure(long memberId, long householdId, DateOnly startedOn)
    {
        MemberId = memberId; HouseholdId = householdId; StartedOn = startedOn;
    }

    public long Id { get; private set; }
    public long JobId { get; private set; }
    public long MemberId { get; private set; }
    public long HouseholdId { get; private set; }
    public DateOnly StartedOn { get; private set; }
    public DateOnly? EndedOn { get; private set; }

    public void EndOn(DateOnly on) => EndedOn = on;
}

/// <summary>
/// 工资发放: a position's wage for months of a year, paid to its holder then. The amount is also in the holder's household
/// income of that year (公益性岗位收入, part of 工资性收入), recorded by the same payment.
/// </summary>
[Platform.Data.VillageScoped]
public sealed class WelfareJobPayment : Platform.Auditing.IAudited, Platform.Data.IHouseholdOwned
{
    private WelfareJobPayment() { }

    public long Id { get; private set; }
    public long JobId { get; private set; }
    public string VillageCode { get; private set; } = "";
    public string CountyCode { get; private set; } = "";
    public long HouseholdId { get; private set; }
    public long MemberId { get; private set; }
    public int Year { get; private set; }
    public int FromMonth { get; private set; }
    public int ToMonth { get; private set; }
    public decimal Amount { get; private set; }
    public DateOnly PaidOn { get; private set; }
    public DateTime RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";

    public int Months => ToMonth - FromMonth + 1;

    public static WelfareJobPayment Pay(WelfareJob job, int year, int fromMonth, int toMonth, decimal amount, DateOnly paidOn, DateTime now, string by) => new()
    {
        JobId = job.Id, VillageCode = job.VillageCode, CountyCode = job.CountyCode,
        HouseholdId = job.HolderHouseholdId ?? throw new InvalidOperationException("该岗位当前无人在岗"), MemberId = job.HolderId!.Value,
        Year = year, FromMonth = fromMonth, ToMonth = toMonth, Amount = amount, PaidOn = paidOn, RecordedAt = now, RecordedBy = by,
    };

    public Platform.Auditing.AuditFacts DescribeForAudit() =>
        new(Id.ToString(), HouseholdId, VillageCode, $"公益性岗位工资 {Year}年{Rules.WelfareJobRules.MonthsText(FromMonth, ToMonth)}（{Amount:0.##}元）");
}
