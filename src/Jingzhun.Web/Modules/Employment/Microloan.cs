using Jingzhun.Web.Modules.Employment.Rules;

namespace Jingzhun.Web.Modules.Employment;

/// <summary>
/// One 扶贫小额信贷 loan of a household (脱贫户 or 监测户): its borrower is a member; amount and term within the province's
/// policy (≤ 50,000 yuan, ≤ 3 years). The balance is the amount less the principal repaid.
/// </summary>
[Platform.Data.VillageScoped]
public sealed class Microloan : Platform.Auditing.IAudited, Platform.Data.IHouseholdOwned, Platform.Data.IVersioned
{
    private Microloan() { }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public string VillageCode { get; private set; } = "";
    public string CountyCode { get; private set; } = "";
    public long BorrowerId { get; private set; }
    public string Bank { get; private set; } = "";
    public string ContractNumber { get; private set; } = "";
    public decimal Amount { get; private set; }
    public DateOnly IssuedOn { get; private set; }
    public DateOnly DueOn { get; private set; }
    /// <summary>Annual rate in percent (3.45 = 3.45%).</summary>
    public decimal RatePercent { get; private set; }
    /// <summary>贴息: the interest subsidy (yuan) and who pays it.</summary>
    public decimal SubsidyAmount { get; private set; }
    public SubsidyPayer? SubsidyPayer { get; private set; }
    public LoanUse Use { get; private set; }
    public string? UseNote { get; private set; }
    /// <summary>Stored status: 在贷, 展期, 续贷 or 已结清 (逾期 is derived).</summary>
    public LoanStatus Status { get; private set; }
    public decimal RepaidPrincipal { get; private set; }
    /// <summary>When the sweep raised this loan's overdue lead: one lead per loan, never a second.</summary>
    public DateTime? OverdueLeadAt { get; private set; }
    public List<LoanRepayment> Repayments { get; private set; } = [];
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public decimal Balance => Amount - RepaidPrincipal;

    public static Microloan Issue(long householdId, string villageCode, long borrowerId, LoanTerms t, bool renewal, DateTime now, string by) => new()
    {
        HouseholdId = householdId, VillageCode = villageCode, CountyCode = villageCode[..6], BorrowerId = borrowerId,
        Bank = t.Bank.Trim(), ContractNumber = t.ContractNumber.Trim(), Amount = t.Amount, IssuedOn = t.IssuedOn, DueOn = t.DueOn,
        RatePercent = t.RatePercent, SubsidyAmount = t.SubsidyAmount, SubsidyPayer = t.SubsidyAmount > 0 ? t.SubsidyPayer : null,
        Use = t.Use, UseNote = string.IsNullOrWhiteSpace(t.UseNote) ? null : t.UseNote.Trim(),
        Status = renewal ? LoanStatus.Renewed : LoanStatus.Active, Version = 1, CreatedAt = now, CreatedBy = by, UpdatedAt = now, UpdatedBy = by,
    };

    /// <summary>还款: principal and interest; the loan is 已结清 when its balance reaches zero.</summary>
    public LoanRepayment Repay(DateOnly paidOn, decimal principal, decimal interest, DateTime now, string by)
    {
        var r = new LoanRepayment(paidOn, principal, interest, now, by);
        Repayments.Add(r);
        RepaidPrincipal += principal;
        if (Balance == 0) Status = LoanStatus.Repaid;
        Touch(now, by);
        return r;
    }

    public void MarkOverdueLead(DateTime now) => OverdueLeadAt = now;

    private void Touch(DateTime now, string by)
    {
        UpdatedAt = now;
        UpdatedBy = by;
        Version++;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), HouseholdId, VillageCode, $"小额信贷 {Bank} {ContractNumber}（{Amount:0.##}元）");
}

/// <summary>One repayment (还款): date, principal, interest.</summary>
[Platform.Data.PartOf(typeof(Microloan))]
[Platform.Auditing.NotAudited("part of the audited loan: each repayment changes the loan (its repaid principal and version)")]
public sealed class LoanRepayment
{
    private LoanRepayment() { }

    public LoanRepayment(DateOnly paidOn, decimal principal, decimal interest, DateTime at, string by)
    {
        PaidOn = paidOn; Principal = principal; Interest = interest; RecordedAt = at; RecordedBy = by;
    }

    public long Id { get; private set; }
    public long LoanId { get; private set; }
    public DateOnly PaidOn { get; private set; }
    public decimal Principal { get; private set; }
    public decimal Interest { get; private set; }
    public DateTime RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";
}

/// <summary>
/// One job of a member in a year (就业帮扶台账): where, employer or sector, months, monthly wage, how it was found, start and
/// end. The member's 务工状况 and months are derived from these records.
/// </summary>
[Platform.Data.VillageScoped]
public sealed class EmploymentRecord : Platform.Auditing.IAudited, Platform.Data.IHouseholdOwned, Platform.Data.IVersioned
{
    private EmploymentRecord() { }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public string VillageCode { get; private set; } = "";
    public string CountyCode { get; private set; } = "";
    public long MemberId { get; private set; }
    public int Year { get; private set; }
    /// <summary>Where: 乡镇内, 乡外县内, 县外省内, 省外 (never 未务工).</summary>
    public Registry.WorkStatus Place { get; private set; }
    /// <summary>The province (or city) of a job outside the county, e.g. 浙江省.</summary>
    public string? PlaceName { get; private set; }
    public string Employer { get; private set; } = "";
    public string? Sector { get; private set; }
    public int Months { get; private set; }
    public decimal MonthlyWage { get; private set; }
    public JobChannel Channel { get; private set; }
    public DateOnly StartedOn { get; private set; }
    public DateOnly? EndedOn { get; private set; }
    /// <summary>When the sweep raised the 因务工就业不稳 lead for this ended job: one lead per lost job.</summary>
    public DateTime? JoblessLeadAt { get; private set; }
    /// <summary>
    /// The id its maker gave this record before the server saw it: the field app's offline id (a sync retried after a lost
    /// answer finds it, never a second one), or the key of the ledger row that keeps it (a 帮扶车间 worker's job).
    /// </summary>
    public string? ClientId { get; private set; }
    public int Version { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public static EmploymentRecord Start(long householdId, string villageCode, long memberId, JobFacts f, DateTime now, string by, string? clientId = null) => new()
    {
        ClientId = clientId,
        HouseholdId = householdId, VillageCode = villageCode, CountyCode = villageCode[..6], MemberId = memberId, Year = f.StartedOn.Year,
        Place = f.Place, PlaceName = string.IsNullOrWhiteSpace(f.PlaceName) ? null : f.PlaceName.Trim(), Employer = f.Employer.Trim(),
        Sector = string.IsNullOrWhiteSpace(f.Sector) ? null : f.Sector.Trim(), Months = f.Months, MonthlyWage = f.MonthlyWage, Channel = f.Channel,
        StartedOn = f.StartedOn, EndedOn = f.EndedOn, Version = 1, UpdatedAt = now, UpdatedBy = by,
    };

    /// <summary>The job ended (离职、返乡): the member is out of work from the next day unless a new record starts.</summary>
    public void End(DateOnly endedOn, int months, DateTime now, string by)
    {
        EndedOn = endedOn;
        Months = months;
        UpdatedAt = now;
        UpdatedBy = by;
        Version++;
    }

    public void MarkJoblessLead(DateTime now) => JoblessLeadAt = now;

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), HouseholdId, VillageCode, $"务工记录 {Year}年 {Employer}");
}
