using Jingzhun.Web.Modules.Employment.Rules;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.RecordIncome;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Employment.WelfareJobs;

/// <summary>Filters of the 公益性岗位 list: <c>held</c> true lists the positions with a holder, false the vacant ones.</summary>
public sealed record WelfareJobQuery(string? Region, WelfareJobType? Type, bool? Held, long? HouseholdId, int? Page, int? PageSize);

/// <summary>A position in a list: its holder's ID number masked.</summary>
public sealed record WelfareJobRow(long Id, string VillageCode, string RegionPath, WelfareJobType Type, string Name, decimal MonthlyPay, DateOnly EstablishedOn,
    long? HolderId, string? HolderName, string? HolderIdNumberMasked, long? HouseholdId, string? HouseholdNumber, string? HeadName, DateOnly? HeldSince, int Version);

public sealed record TenureRow(long MemberId, string MemberName, string MemberIdNumberMasked, long HouseholdId, string HouseholdNumber, DateOnly StartedOn, DateOnly? EndedOn);

public sealed record WelfarePaymentRow(long Id, long JobId, WelfareJobType Type, string JobName, int Year, int FromMonth, int ToMonth, int Months, decimal Amount,
    DateOnly PaidOn, long MemberId, string MemberName, long HouseholdId, string HouseholdNumber, DateTime RecordedAt, string RecordedBy);

public sealed record WelfareJobView(WelfareJobRow Job, string? Description, DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, string UpdatedBy,
    IReadOnlyList<TenureRow> Tenures, IReadOnlyList<WelfarePaymentRow> Payments);

/// <summary>设岗: a position of a village.</summary>
public sealed record CreateWelfareJobRequest(
    [property: Text(12, "所在村", typeof(WelfareJob), nameof(WelfareJob.VillageCode))] string? VillageCode,
    WelfareJobType Type,
    [property: Text(50, "岗位名称", typeof(WelfareJob), nameof(WelfareJob.Name))] string? Name,
    [property: Text(200, "岗位说明", typeof(WelfareJob), nameof(WelfareJob.Description))] string? Description,
    decimal MonthlyPay, DateOnly EstablishedOn);

/// <summary>上岗 (or a change of holder) on the version of the position read.</summary>
public sealed record AssignHolderRequest(long MemberId, DateOnly StartedOn, int Version);

/// <summary>离岗: the holder's last day.</summary>
public sealed record EndHolderRequest(DateOnly EndedOn, int Version);

/// <summary>
/// 工资发放 for months <c>fromMonth</c>–<c>toMonth</c> of <c>year</c> (or <c>months</c> months from <c>fromMonth</c>); the amount
/// defaults to the months times the monthly pay.
/// </summary>
public sealed record PayWelfareJobRequest(int Year, int FromMonth, int? ToMonth, int? Months, decimal? Amount, DateOnly PaidOn, int Version);

/// <summary>
/// 公益性岗位 ledger (issue 13): positions per village, their holders (members of the village's 脱贫户 and 监测户, one at a
/// time, a member on one position at most) and the wages paid, each wage recorded in the holder household's income.
/// </summary>
public sealed class ManageWelfareJobsHandler(AppDbContext db, RegionDirectory regions, RecordIncomeHandler incomes, CurrentUser user, TimeProvider clock)
{
    private DateOnly Today => ChinaTime.Today(clock);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private IQueryable<WelfareJobRow> Rows(IQueryable<WelfareJob> jobs) =>
        from j in jobs
        join m in db.Members on j.HolderId equals m.Id into ms
        from m in ms.DefaultIfEmpty()
        join h in db.Households on j.HolderHouseholdId equals h.Id into hs
        from h in hs.DefaultIfEmpty()
        select new WelfareJobRow(j.Id, j.VillageCode, "", j.Type, j.Name, j.MonthlyPay, j.EstablishedOn, j.HolderId,
            m == null ? null : m.Name, m == null ? null : m.IdNumberMasked, j.HolderHouseholdId, h == null ? null : h.HouseholdNumber, h == null ? null : h.HeadName,
            j.HeldSince, j.Version);

    private Outcome<IQueryable<WelfareJob>> Filter(WelfareJobQuery q)
    {
        var query = db.WelfareJobs.AsNoTracking();
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        if (region.Value is { } code) query = query.InRegion(code);
        if (q.Type is { } t && !Enum.IsDefined(t)) return Failure.Invalid("type", "岗位类型无效");
        if (q.Type is { } type) query = query.Where(j => j.Type == type);
        if (q.Held is { } held) query = held ? query.Where(j => j.HolderId != null) : query.Where(j => j.HolderId == null);
        if (q.HouseholdId is { } hid) query = query.Where(j => j.HolderHouseholdId == hid);
        return Outcome<IQueryable<WelfareJob>>.From(query);
    }

    public async Task<Outcome<PageResult<WelfareJobRow>>> SearchAsync(WelfareJobQuery q, CancellationToken ct)
    {
        var filtered = Filter(q);
        if (!filtered.Succeeded) return filtered.Failure!;
        var ordered = filtered.Value!.OrderBy(j => j.VillageCode).ThenBy(j => j.Type).ThenBy(j => j.Id);
        var rows = await ordered.PageAsync(Paging.Of(q.Page, q.PageSize), page => Rows(page).ToListAsync(ct), ct);
        return rows.Select(Complete);
    }

    private WelfareJobRow Complete(WelfareJobRow r) => r with { RegionPath = regions.ShortPath(r.VillageCode) };

    public async Task<Outcome<IResult>> ExportAsync(WelfareJobQuery q, CancellationToken ct)
    {
        var filtered = Filter(q);
        if (!filtered.Succeeded) return filtered.Failure!;
        var jobs = await Rows(filtered.Value!.OrderBy(j => j.VillageCode).ThenBy(j => j.Type).ThenBy(j => j.Id).Take(100_000)).ToListAsync(ct);
        var rows = jobs.Select(Complete).Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["岗位编号"] = r.Id, ["所在地区"] = r.RegionPath, ["所在村代码"] = r.VillageCode, ["岗位类型"] = Labels.Of(r.Type), ["岗位名称"] = r.Name,
            ["月补贴(元)"] = r.MonthlyPay, ["设岗日期"] = r.EstablishedOn.ToString("yyyy-MM-dd"), ["在岗人员"] = r.HolderName ?? "（空岗）",
            ["身份证号"] = r.HolderIdNumberMasked, ["户编号"] = r.HouseholdNumber, ["户主"] = r.HeadName, ["上岗日期"] = r.HeldSince?.ToString("yyyy-MM-dd"),
        }).ToList();
        var name = $"公益性岗位台账_{regions.NameOf(q.Region ?? user.RegionCode ?? "")}_{Today:yyyyMMdd}.xlsx";
        return Outcome<IResult>.From(await ExcelFile.ResultAsync(rows, "公益性岗位", name, ct));
    }

    public async Task<Outcome<WelfareJobView>> GetAsync(long id, CancellationToken ct)
    {
        var row = await Rows(db.WelfareJobs.AsNoTracking().Where(j => j.Id == id)).FirstOrDefaultAsync(ct);
        if (row is null) return Failure.NotFound("该公益性岗位");
        var j = await db.WelfareJobs.AsNoTracking().FirstAsync(x => x.Id == id, ct);
        var tenures = await (
            from t in db.WelfareJobs.AsNoTracking().Where(x => x.Id == id).SelectMany(x => x.Tenures)
            join m in db.Members on t.MemberId equals m.Id
            join h in db.Households on t.HouseholdId equals h.Id
            orderby t.StartedOn descending, t.Id descending
            select new TenureRow(t.MemberId, m.Name, m.IdNumberMasked, t.HouseholdId, h.HouseholdNumber, t.StartedOn, t.EndedOn)).ToListAsync(ct);
        var payments = await PaymentRows(db.WelfareJobPayments.AsNoTracking().Where(p => p.JobId == id)).ToListAsync(ct);
        return new WelfareJobView(Complete(row), j.Description, j.CreatedAt, j.CreatedBy, j.UpdatedAt, j.UpdatedBy, tenures, payments);
    }

    private IQueryable<WelfarePaymentRow> PaymentRows(IQueryable<WelfareJobPayment> payments) =>
        from p in payments
        join j in db.WelfareJobs on p.JobId equals j.Id
        join m in db.Members on p.MemberId equals m.Id
        join h in db.Households on p.HouseholdId equals h.Id
        orderby p.Year descending, p.FromMonth descending, p.Id descending
        select new WelfarePaymentRow(p.Id, p.JobId, j.Type, j.Name, p.Year, p.FromMonth, p.ToMonth, p.ToMonth - p.FromMonth + 1, p.Amount, p.PaidOn,
            p.MemberId, m.Name, p.HouseholdId, h.HouseholdNumber, p.RecordedAt, p.RecordedBy);

    /// <summary>The wages paid to a household's members (the household page's panel).</summary>
    public Task<List<WelfarePaymentRow>> PaymentsOfHouseholdAsync(long householdId, CancellationToken ct) =>
        PaymentRows(db.WelfareJobPayments.AsNoTracking().Where(p => p.HouseholdId == householdId)).Take(100).ToListAsync(ct);

    public async Task<Outcome<WelfareJobView>> CreateAsync(CreateWelfareJobRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var village = r.VillageCode?.Trim() ?? "";
        if (village == "") return Failure.Invalid("villageCode", "请选择岗位所在的村");
        if (!RegionCodes.IsValid(village) || regions.Find(village) is not { Level: RegionLevel.Village })
            return Failure.Invalid("villageCode", $"“{village}”不是村级区划代码");
        if (!user.CanSee(village)) return Failure.NotFound("该村");
        if (WelfareJobRules.CheckPosition(r.Type, r.Name, r.MonthlyPay, r.EstablishedOn, Today) is { } bad) return Failure.Invalid(bad.Field, bad.Message);
        var job = WelfareJob.Create(village, r.Type, r.Name!, r.Description, r.MonthlyPay, r.EstablishedOn, Now, user.UserName);
        db.WelfareJobs.Add(job);
        await db.SaveChangesAsync(ct);
        return await GetAsync(job.Id, ct);
    }

    public async Task<Outcome<WelfareJobView>> AssignAsync(long id, AssignHolderRequest r, CancellationToken ct)
    {
        var job = await db.WelfareJobs.Include(j => j.Tenures).FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null) return Failure.NotFound("该公益性岗位");
        if (Versions.Check(job, r.Version, "该公益性岗位") is { } stale) return stale;
        var m = await db.Members.AsNoTracking().Where(x => x.Id == r.MemberId)
            .Select(x => new { x.Id, x.Name, x.Status, x.HouseholdId, x.Household.VillageCode, HouseholdStatus = x.Household.Status }).FirstOrDefaultAsync(ct);
        if (m is null) return Failure.Invalid("memberId", "请选择在岗人员（本村农户的家庭成员）");
        if (m.VillageCode != job.VillageCode) return Failure.Invalid("memberId", $"在岗人员须为本村（{regions.NameOf(job.VillageCode)}）农户的家庭成员");
        if (m.Status != MemberStatus.Active) return Failure.Invalid("memberId", $"{m.Name}已不在册，请选择在册的家庭成员");
        if (!WelfareJobRules.IsEligible(m.HouseholdStatus)) return Failure.Invalid("memberId", WelfareJobRules.IneligibleMessage(m.HouseholdStatus));
        if (job.HolderId == m.Id) return Failure.Invalid("memberId", $"{m.Name}已在本岗位在岗");
        var other = await db.WelfareJobs.AsNoTracking().Where(j => j.HolderId == m.Id).Select(j => new { j.Type, j.Name }).FirstOrDefaultAsync(ct);
        if (other is not null)
            return Failure.Invalid("memberId", $"{m.Name}已在公益性岗位“{Labels.Of(other.Type)} {other.Name}”在岗，一人只能在一个公益性岗位，请先办理离岗");
        if (WelfareJobRules.CheckStart(r.StartedOn, job.EstablishedOn, job.HeldSince, Today) is { } bad) return Failure.Invalid(bad.Field, bad.Message);
        job.Assign(m.Id, m.HouseholdId, r.StartedOn, Now, user.UserName);
        try
        {
            if (await SaveJobAsync(id, ct) is { } conflict) return conflict;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return Failure.Conflict($"{m.Name}已同时被安排到其他公益性岗位，请刷新后查看");
        }
        return await GetAsync(id, ct);
    }

    public async Task<Outcome<WelfareJobView>> EndAsync(long id, EndHolderRequest r, CancellationToken ct)
    {
        var job = await db.WelfareJobs.Include(j => j.Tenures).FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null) return Failure.NotFound("该公益性岗位");
        if (Versions.Check(job, r.Version, "该公益性岗位") is { } stale) return stale;
        if (job.HeldSince is not { } since) return Failure.Invalid("endedOn", "该岗位当前无人在岗");
        if (WelfareJobRules.CheckEnd(r.EndedOn, since, Today) is { } bad) return Failure.Invalid(bad.Field, bad.Message);
        job.End(r.EndedOn, Now, user.UserName);
        if (await SaveJobAsync(id, ct) is { } conflict) return conflict;
        return await GetAsync(id, ct);
    }

    /// <summary>
    /// 工资发放: the payment, the holder's 公益性岗位 months of this year and the household's income of the year (公益性岗位收入 and
    /// 工资性收入 both rise by the amount, through the registry's own income use case, which creates the year's record if there
    /// is none) are saved in one transaction: an income the registry refuses rolls the payment back.
    /// </summary>
    public async Task<Outcome<WelfareJobView>> PayAsync(long id, PayWelfareJobRequest r, CancellationToken ct)
    {
        var job = await db.WelfareJobs.FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null) return Failure.NotFound("该公益性岗位");
        if (Versions.Check(job, r.Version, "该公益性岗位") is { } stale) return stale;
        if (job.HolderId is not { } memberId || job.HolderHouseholdId is not { } householdId || job.HeldSince is not { } since)
            return Failure.Invalid("fromMonth", "该岗位当前无人在岗，请先安排在岗人员再发放工资");
        if (r.ToMonth is null && r.Months is < 1 or > 12) return Failure.Invalid("months", "发放月数应在1至12个月之间");
        var to = r.ToMonth ?? r.FromMonth + (r.Months ?? 1) - 1;
        var amount = r.Amount ?? (to >= r.FromMonth ? job.MonthlyPay * (to - r.FromMonth + 1) : 0m);
        var paid = await db.WelfareJobPayments.AsNoTracking().Where(p => p.JobId == id && p.Year == r.Year)
            .Select(p => new PaidMonths(p.Year, p.FromMonth, p.ToMonth, p.PaidOn)).ToListAsync(ct);
        if (WelfareJobRules.CheckPayment(r.Year, r.FromMonth, to, amount, r.PaidOn, since, paid, Today) is { } bad)
            return Failure.Invalid(bad.Field, bad.Message);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var payment = WelfareJobPayment.Pay(job, r.Year, r.FromMonth, to, amount, r.PaidOn, Now, user.UserName);
        db.WelfareJobPayments.Add(payment);
        job.RecordPayment(Now, user.UserName);
        if (r.Year == Today.Year)
        {
            var months = await db.WelfareJobPayments.AsNoTracking().Where(p => p.MemberId == memberId && p.Year == r.Year)
                .SumAsync(p => p.ToMonth - p.FromMonth + 1, ct);
            var member = await db.Members.Include(x => x.Household).FirstAsync(x => x.Id == memberId, ct);
            member.RecordPublicWelfareJobMonths(months + payment.Months, Now, user.UserName);
        }
        // The position's version: of two payments of the same months at once, the second is refused here.
        if (await SaveJobAsync(id, ct) is { } conflict) return conflict;
        var record = await db.Incomes.AsNoTracking().FirstOrDefaultAsync(i => i.HouseholdId == householdId && i.Year == r.Year, ct);
        var lines = record is null
            ? new IncomeLines { WageIncome = amount, PublicWelfareJobIncome = amount }
            : record.ToLines() with
            {
                WageIncome = record.WageIncome + amount, PublicWelfareJobIncome = record.PublicWelfareJobIncome + amount, Version = record.Version,
            };
        var saved = await incomes.SaveAsync(householdId, r.Year, lines, ct);
        if (!saved.Succeeded)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return saved.Failure!.Kind == FailureKind.Invalid
                ? Failure.Invalid("amount", $"工资计入该户{r.Year}年收入时未能保存：{saved.Failure.Message}；本次发放未登记")
                : Failure.Conflict($"工资计入该户{r.Year}年收入时未能保存：{saved.Failure.Message}；本次发放未登记，请重试");
        }
        await tx.CommitAsync(ct);
        return await GetAsync(id, ct);
    }

    private Task<Failure?> SaveJobAsync(long id, CancellationToken ct) =>
        db.SaveEditAsync("该公益性岗位", c => db.WelfareJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, c), ct);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/employment/welfare-jobs").WithTags("就业与小额信贷");
        g.MapGet("", async ([AsParameters] WelfareJobQuery q, ManageWelfareJobsHandler h, CancellationToken ct) => (await h.SearchAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringView).RequireHouseholdInScope()
            .WithName("SearchWelfareJobs").WithSummary("公益性岗位台账（筛选 region、type、held、householdId；身份证号脱敏）");
        g.MapGet("/export", async ([AsParameters] WelfareJobQuery q, ManageWelfareJobsHandler h, CancellationToken ct) => (await h.ExportAsync(q, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.MonitoringView).RequireHouseholdInScope()
            .ProducesFile().WithName("ExportWelfareJobs").WithSummary("导出公益性岗位台账（Excel；身份证号脱敏）");
        g.MapGet("/{id:long}", async (long id, ManageWelfareJobsHandler h, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringView)
            .WithName("GetWelfareJob").WithSummary("一个公益性岗位：在岗人员、历任人员和工资发放记录");
        g.MapPost("", async (CreateWelfareJobRequest r, ManageWelfareJobsHandler h, CancellationToken ct) =>
                (await h.CreateAsync(r, ct)).ToHttp(j => TypedResults.Created($"/api/v1/employment/welfare-jobs/{j.Job.Id}", j)))
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("CreateWelfareJob").WithSummary("设立公益性岗位（保洁员、护林员、护路员、水管员等；月补贴）");
        g.MapPost("/{id:long}/holder", async (long id, AssignHolderRequest r, ManageWelfareJobsHandler h, CancellationToken ct) =>
                (await h.AssignAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("AssignWelfareJobHolder").WithSummary("安排或更换在岗人员（本村脱贫户、监测户的在册成员；一人一岗）");
        g.MapPost("/{id:long}/end", async (long id, EndHolderRequest r, ManageWelfareJobsHandler h, CancellationToken ct) =>
                (await h.EndAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("EndWelfareJobHolder").WithSummary("在岗人员离岗（岗位空出）");
        g.MapPost("/{id:long}/payments", async (long id, PayWelfareJobRequest r, ManageWelfareJobsHandler h, CancellationToken ct) =>
                (await h.PayAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringWork)
            .WithName("PayWelfareJob").WithSummary("登记工资发放（年度、月份、金额）；同时计入该户当年公益性岗位收入和工资性收入");
    }
}
