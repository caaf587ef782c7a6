using Jingzhun.Web.Modules.Employment.Rules;
using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Employment.ManageLoans;

/// <summary>
/// Filters of the loan list; <c>dueWithinDays</c> lists loans not repaid that fall due in the next N days, <c>open</c> the loans
/// not repaid (在贷 in the figures: 在贷, 展期, 续贷 and 逾期).
/// </summary>
public sealed record LoanQuery(string? Region, LoanStatus? Status, string? Bank, long? HouseholdId, int? DueWithinDays, bool? Open, int? Page, int? PageSize);

/// <summary>A loan in a list: the borrower's ID number masked; <c>Status</c> is the status today (逾期 derived).</summary>
public sealed record LoanRow(long Id, long HouseholdId, string HouseholdNumber, string HeadName, string VillageCode, string RegionPath,
    long BorrowerId, string BorrowerName, string BorrowerIdNumberMasked, string Bank, string ContractNumber, decimal Amount, decimal Balance,
    DateOnly IssuedOn, DateOnly DueOn, decimal RatePercent, LoanStatus Status, int OverdueDays, int Version);

public sealed record RepaymentRow(long Id, DateOnly PaidOn, decimal Principal, decimal Interest, DateTime RecordedAt, string RecordedBy);

public sealed record LoanView(LoanRow Loan, decimal SubsidyAmount, SubsidyPayer? SubsidyPayer, LoanUse Use, string? UseNote,
    DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, string UpdatedBy, IReadOnlyList<RepaymentRow> Repayments);

/// <summary>发放登记: a loan of a household's member; <c>renewal</c> marks a 续贷 (a new loan replacing a matured one).</summary>
public sealed record IssueLoanRequest(long HouseholdId, long BorrowerId,
    [property: Text(50, "放贷银行", typeof(Microloan), nameof(Microloan.Bank))] string? Bank,
    [property: Text(50, "合同编号", typeof(Microloan), nameof(Microloan.ContractNumber))] string? ContractNumber,
    decimal Amount, DateOnly IssuedOn, DateOnly DueOn, decimal RatePercent, decimal? SubsidyAmount, SubsidyPayer? SubsidyPayer, LoanUse Use,
    [property: Text(200, "用途说明", typeof(Microloan), nameof(Microloan.UseNote))] string? UseNote,
    bool Renewal = false);

/// <summary>还款登记 on the version of the loan read.</summary>
public sealed record RepayLoanRequest(DateOnly PaidOn, decimal Principal, decimal? Interest, int Version);

public sealed class ManageLoansHandler(AppDbContext db, PolicyStore policies, RegionDirectory regions, CurrentUser user, TimeProvider clock)
{
    /// <summary>
    /// The loans with their household and borrower as read: Balance holds the principal repaid and Status the stored status
    /// until <see cref="Complete"/> derives both (money is arithmetic on the client: SQLite keeps it as fen).
    /// </summary>
    public IQueryable<LoanRow> Rows(IQueryable<Microloan> loans) =>
        from l in loans
        join h in db.Households on l.HouseholdId equals h.Id
        join m in db.Members on l.BorrowerId equals m.Id
        select new LoanRow(l.Id, l.HouseholdId, h.HouseholdNumber, h.HeadName, l.VillageCode, "", l.BorrowerId, m.Name, m.IdNumberMasked,
            l.Bank, l.ContractNumber, l.Amount, l.RepaidPrincipal, l.IssuedOn, l.DueOn, l.RatePercent, l.Status, 0, l.Version);

    public async Task<Outcome<PageResult<LoanRow>>> SearchAsync(LoanQuery q, CancellationToken ct)
    {
        var query = db.Microloans.AsNoTracking();
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        if (region.Value is { } code) query = query.InRegion(code);
        if (q.DueWithinDays is < 1 or > 366) return Failure.Invalid("dueWithinDays", "到期天数应在1至366天之间");
        if (q.Status is { } s && !Enum.IsDefined(s)) return Failure.Invalid("status", "贷款状态无效");
        var today = ChinaTime.Today(clock);
        query = q.Status switch
        {
            null => query,
            LoanStatus.Overdue => query.Where(l => l.Status != LoanStatus.Repaid && l.DueOn < today),
            LoanStatus.Repaid => query.Where(l => l.Status == LoanStatus.Repaid),
            { } st => query.Where(l => l.Status == st && l.DueOn >= today),
        };
        if (q.DueWithinDays is { } days)
        {
            var until = today.AddDays(days);
            query = query.Where(l => l.Status != LoanStatus.Repaid && l.DueOn >= today && l.DueOn <= until);
        }
        if (q.Open == true) query = query.Where(l => l.Status != LoanStatus.Repaid);
        if (!string.IsNullOrWhiteSpace(q.Bank)) query = query.Where(l => l.Bank == q.Bank.Trim());
        if (q.HouseholdId is { } hid) query = query.Where(l => l.HouseholdId == hid);
        var ordered = q.DueWithinDays is not null ? query.OrderBy(l => l.DueOn).ThenBy(l => l.Id) : query.OrderByDescending(l => l.IssuedOn).ThenByDescending(l => l.Id);
        var rows = await ordered.PageAsync(Paging.Of(q.Page, q.PageSize), page => Rows(page).ToListAsync(ct), ct);
        return rows.Select(r => Complete(r, today));
    }

    /// <summary>A row of <see cref="Rows"/> as shown: its place, balance, status today and days overdue.</summary>
    public LoanRow Complete(LoanRow r, DateOnly today) => r with
    {
        RegionPath = regions.ShortPath(r.VillageCode),
        Balance = r.Amount - r.Balance,
        Status = LoanRules.StatusOn(r.Status, r.DueOn, today),
        OverdueDays = LoanRules.OverdueDays(r.Status, r.DueOn, today),
    };

    public async Task<Outcome<LoanView>> GetAsync(long id, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var row = await Rows(db.Microloans.AsNoTracking().Where(l => l.Id == id)).FirstOrDefaultAsync(ct);
        if (row is null) return Failure.NotFound("该贷款");
        var l = await db.Microloans.AsNoTracking().Include(x => x.Repayments).FirstAsync(x => x.Id == id, ct);
        return new LoanView(Complete(row, today), l.SubsidyAmount, l.SubsidyPayer, l.Use, l.UseNote, l.CreatedAt, l.CreatedBy, l.UpdatedAt, l.UpdatedBy,
            l.Repayments.OrderBy(r => r.PaidOn).ThenBy(r => r.Id)
                .Select(r => new RepaymentRow(r.Id, r.PaidOn, r.Principal, r.Interest, r.RecordedAt, r.RecordedBy)).ToList());
    }

    public async Task<Outcome<LoanView>> IssueAsync(IssueLoanRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var h = await db.Households.AsNoTracking().Where(x => x.Id == r.HouseholdId)
            .Select(x => new { x.Id, x.VillageCode, x.Status }).FirstOrDefaultAsync(ct);
        if (h is null) return Failure.NotFound("该户");
        if (!LoanRules.IsEligible(h.Status)) return Failure.Invalid("householdId", LoanRules.IneligibleMessage(h.Status));
        var borrower = await db.Members.AsNoTracking().Where(m => m.Id == r.BorrowerId && m.HouseholdId == h.Id)
            .Select(m => new { m.Id, m.Status }).FirstOrDefaultAsync(ct);
        if (borrower is null) return Failure.Invalid("borrowerId", "请选择该户的一名家庭成员作为借款人");
        if (borrower.Status != MemberStatus.Active) return Failure.Invalid("borrowerId", "借款人已不在册，请选择在册的家庭成员");
        var terms = new LoanTerms(r.Bank ?? "", r.ContractNumber ?? "", r.Amount, r.IssuedOn, r.DueOn, r.RatePercent, r.SubsidyAmount ?? 0m, r.SubsidyPayer,
            r.Use, r.UseNote);
        if (r.SubsidyPayer is { } sp && !Enum.IsDefined(sp)) return Failure.Invalid("subsidyPayer", "贴息资金来源无效");
        // The limits of the province and year the loan was issued in (脱贫人口小额信贷: ≤ 50,000 yuan, ≤ 3 years).
        var policy = await policies.InForceAsync<MonitoringPolicy>(h.VillageCode, r.IssuedOn.Year, ct);
        if (LoanRules.Check(terms, policy, ChinaTime.Today(clock)) is { } bad) return Failure.Invalid(bad.Field, bad.Message);
        var contract = terms.ContractNumber.Trim();
        var bank = terms.Bank.Trim();
        if (await db.Microloans.AnyAsync(l => l.Bank == bank && l.ContractNumber == contract, ct))
            return Failure.Invalid("contractNumber", $"{bank}的借款合同{contract}已登记，请勿重复录入");
        var loan = Microloan.Issue(h.Id, h.VillageCode, borrower.Id, terms, r.Renewal, clock.GetUtcNow().UtcDateTime, user.UserName);
        db.Microloans.Add(loan);
        await db.SaveChangesAsync(ct);
        await LoanMeasures.LinkAsync(db, [h.Id], clock.GetUtcNow().UtcDateTime, user.UserName, ct);
        return await GetAsync(loan.Id, ct);
    }

    public async Task<Outcome<LoanView>> RepayAsync(long id, RepayLoanRequest r, CancellationToken ct)
    {
        var loan = await db.Microloans.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (loan is null) return Failure.NotFound("该贷款");
        if (Versions.Check(loan, r.Version, "该贷款") is { } stale) return stale;
        if (loan.Status == LoanStatus.Repaid) return Failure.Invalid("principal", "该贷款已结清");
        var interest = r.Interest ?? 0m;
        if (LoanRules.CheckRepayment(r.PaidOn, r.Principal, interest, loan.Balance, loan.IssuedOn, ChinaTime.Today(clock)) is { } bad)
            return Failure.Invalid(bad.Field, bad.Message);
        loan.Repay(r.PaidOn, r.Principal, interest, clock.GetUtcNow().UtcDateTime, user.UserName);
        if (await db.SaveEditAsync("该贷款", c => db.Microloans.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, c), ct) is { } failed) return failed;
        await LoanMeasures.LinkAsync(db, [loan.HouseholdId], clock.GetUtcNow().UtcDateTime, user.UserName, ct);
        return await GetAsync(id, ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/employment/loans").WithTags("就业与小额信贷");
        g.MapGet("", async ([AsParameters] LoanQuery q, ManageLoansHandler h, CancellationToken ct) => (await h.SearchAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringView).RequireHouseholdInScope()
            .WithName("SearchLoans").WithSummary("小额信贷台账（筛选 region、status、bank、householdId、dueWithinDays；身份证号脱敏）");
        g.MapGet("/{id:long}", async (long id, ManageLoansHandler h, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringView)
            .WithName("GetLoan").WithSummary("一笔小额信贷及其还款记录");
        g.MapPost("", async (IssueLoanRequest r, ManageLoansHandler h, CancellationToken ct) =>
                (await h.IssueAsync(r, ct)).ToHttp(l => TypedResults.Created($"/api/v1/employment/loans/{l.Loan.Id}", l)))
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("IssueLoan").WithSummary("登记小额信贷（仅脱贫户、监测户；额度和期限按防返贫监测标准）");
        g.MapPost("/{id:long}/repayments", async (long id, RepayLoanRequest r, ManageLoansHandler h, CancellationToken ct) =>
                (await h.RepayAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("RepayLoan").WithSummary("登记还款（本金、利息）；余额为零时贷款结清");
    }
}
