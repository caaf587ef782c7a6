using Jingzhun.Web.Modules.Projects.ManageProjects;
using Jingzhun.Web.Modules.Projects.Rules;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Projects.ManageFunds;

public sealed record AllocationQuery(string? Region, int? Year, FundSource? Source, int? Page, int? PageSize);

public sealed record AllocationRow(long Id, int Year, FundSource Source, FundLevel Level, string DocumentNumber, decimal Amount, string CountyCode,
    string CountyName, DateOnly IssuedOn, decimal Assigned, decimal Paid, int Version)
{
    public decimal Unassigned => Amount - Assigned;
}

public sealed record CreateAllocationRequest(int Year, FundSource Source, FundLevel Level,
    [property: Text(60, "文号", typeof(FundAllocation), nameof(FundAllocation.DocumentNumber))] string DocumentNumber,
    decimal Amount,
    [property: Text(6, "接收区县", typeof(FundAllocation), nameof(FundAllocation.CountyCode))] string CountyCode, DateOnly IssuedOn);

public sealed record AssignFundsRequest(long AllocationId, decimal Amount);

public sealed record RecordPaymentRequest(long AllocationId, DateOnly PaidOn, decimal Amount,
    [property: Text(60, "凭证号", typeof(FundPayment), nameof(FundPayment.VoucherNumber))] string VoucherNumber,
    [property: Text(100, "收款单位（人）", typeof(FundPayment), nameof(FundPayment.Payee))] string Payee);

/// <summary>
/// 衔接资金 from allocation to payment: a county records what it was issued (资金下达), splits it onto its projects (never
/// more than was issued, nor more than a project budgeted from that source) and pays (never beyond the project's budget
/// nor what was put onto it from that allocation). Amounts are exact decimals; every limit is compared unrounded.
/// </summary>
public sealed class ManageFundsHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, ManageProjectsHandler projects, TimeProvider clock)
{
    private DateOnly Today => ChinaTime.Today(clock);
    private static string Yuan(decimal v) => v.ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture) + " 元";

    public async Task<Outcome<PageResult<AllocationRow>>> SearchAsync(AllocationQuery q, CancellationToken ct)
    {
        var query = db.FundAllocations.AsNoTracking();
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        if (region.Value is { } code) query = query.InRegion(code[..Math.Min(code.Length, 6)]);
        if (q.Year is { } y) query = query.Where(a => a.Year == y);
        if (q.Source is { } s) query = query.Where(a => a.Source == s);
        var page = await query.OrderByDescending(a => a.Year).ThenByDescending(a => a.IssuedOn).ThenByDescending(a => a.Id)
            .PageAsync(Paging.Of(q.Page, q.PageSize), rows => rows.ToListAsync(ct), ct);
        var rows = await RowsAsync(page.Items, ct);
        return new PageResult<AllocationRow>(rows, page.Page, page.PageSize, page.Total);
    }

    private async Task<List<AllocationRow>> RowsAsync(IReadOnlyList<FundAllocation> items, CancellationToken ct)
    {
        var ids = items.Select(a => a.Id).ToList();
        var assigned = (await db.FundAssignments.AsNoTracking().Where(a => ids.Contains(a.AllocationId)).Select(a => new { a.AllocationId, a.Amount })
            .ToListAsync(ct)).ToLookup(a => a.AllocationId, a => a.Amount);
        var paid = (await db.FundPayments.AsNoTracking().Where(a => ids.Contains(a.AllocationId)).Select(a => new { a.AllocationId, a.Amount })
            .ToListAsync(ct)).ToLookup(a => a.AllocationId, a => a.Amount);
        return items.Select(a => new AllocationRow(a.Id, a.Year, a.Source, a.Level, a.DocumentNumber, a.Amount, a.CountyCode, regions.NameOf(a.CountyCode),
            a.IssuedOn, assigned[a.Id].Sum(), paid[a.Id].Sum(), a.Version)).ToList();
    }

    public async Task<Outcome<AllocationRow>> GetAsync(long id, CancellationToken ct)
    {
        var a = await db.FundAllocations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return a is null ? Failure.NotFound("该笔资金") : (await RowsAsync([a], ct))[0];
    }

    public async Task<Outcome<AllocationRow>> CreateAsync(CreateAllocationRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        if (r.Year < 2021 || r.Year > Today.Year + 1) return Failure.Invalid("year", $"资金年度应在 2021 至 {Today.Year + 1} 年之间");
        if (!Enum.IsDefined(r.Source)) return Failure.Invalid("source", "请选择资金来源");
        if (!Enum.IsDefined(r.Level)) return Failure.Invalid("level", "请选择资金级次");
        if (string.IsNullOrWhiteSpace(r.DocumentNumber)) return Failure.Invalid("documentNumber", "请填写下达文号，如：渝财农〔2025〕12号");
        if (ManageProjectsHandler.CheckMoney(r.Amount, "amount", "下达金额") is { } bad) return bad;
        var county = r.CountyCode?.Trim() ?? "";
        if (!RegionCodes.IsValid(county) || regions.Find(county) is not { Level: RegionLevel.County })
            return Failure.Invalid("countyCode", "请选择接收资金的区县");
        if (!user.CanSee(county)) return Failure.NotFound("该区县");
        if (r.IssuedOn == default || r.IssuedOn > Today) return Failure.Invalid("issuedOn", "下达日期不能晚于今天");
        if (r.IssuedOn.Year < r.Year - 1 || r.IssuedOn.Year > r.Year + 1) return Failure.Invalid("issuedOn", "下达日期应在资金年度前后一年内");
        var now = clock.GetUtcNow().UtcDateTime;
        var a = new FundAllocation
        {
            Year = r.Year, Source = r.Source, Level = r.Level, DocumentNumber = r.DocumentNumber.Trim(), Amount = r.Amount, CountyCode = county,
            IssuedOn = r.IssuedOn, Version = 1, UpdatedAt = now, UpdatedBy = user.UserName,
        };
        db.FundAllocations.Add(a);
        await db.SaveChangesAsync(ct);
        return (await RowsAsync([a], ct))[0];
    }

    /// <summary>资金分配: puts part of an allocation onto a project of its county.</summary>
    public async Task<Outcome<ProjectView>> AssignAsync(long projectId, AssignFundsRequest r, CancellationToken ct)
    {
        var p = await db.Projects.Include(x => x.Budgets).FirstOrDefaultAsync(x => x.Id == projectId, ct);
        if (p is null) return Failure.NotFound("该项目");
        var a = await db.FundAllocations.FirstOrDefaultAsync(x => x.Id == r.AllocationId, ct);
        if (a is null) return Failure.Invalid("allocationId", "该笔资金不存在或不在您的管辖范围内");
        if (a.CountyCode != p.CountyCode) return Failure.Invalid("allocationId", "只能分配本区县收到的资金");
        if (p.Stage is ProjectStage.Proposed or ProjectStage.Reviewed or ProjectStage.Terminated)
            return Failure.Conflict($"项目当前为“{Labels.Of(p.Stage)}”，论证入库后才能分配资金");
        if (ManageProjectsHandler.CheckMoney(r.Amount, "amount", "分配金额") is { } bad) return bad;
        var assigned = await db.FundAssignments.Where(x => x.AllocationId == a.Id).Select(x => x.Amount).ToListAsync(ct);
        if (!ProjectRules.Fits(assigned.Sum(), r.Amount, a.Amount))
            return Failure.Invalid("amount", $"超过下达金额：该笔资金下达 {Yuan(a.Amount)}，已分配 {Yuan(assigned.Sum())}，尚可分配 {Yuan(a.Amount - assigned.Sum())}");
        var budget = p.Budgets.FirstOrDefault(b => b.Source == a.Source);
        if (budget is null) return Failure.Invalid("allocationId", $"项目预算中没有“{Labels.Of(a.Source)}”");
        var toProject = await (from x in db.FundAssignments where x.ProjectId == p.Id
                               join f in db.FundAllocations on x.AllocationId equals f.Id
                               where f.Source == a.Source select x.Amount).ToListAsync(ct);
        if (!ProjectRules.Fits(toProject.Sum(), r.Amount, budget.Amount))
            return Failure.Invalid("amount", $"超过项目“{Labels.Of(a.Source)}”预算：预算 {Yuan(budget.Amount)}，已分配 {Yuan(toProject.Sum())}，尚可分配 {Yuan(budget.Amount - toProject.Sum())}");
        var now = clock.GetUtcNow().UtcDateTime;
        db.FundAssignments.Add(new FundAssignment { AllocationId = a.Id, ProjectId = p.Id, RegionCode = p.RegionCode, Amount = r.Amount, At = now, By = user.UserName });
        // Both versions rise: a parallel assignment of the same allocation or to the same project fails at the write.
        a.Stamp(now, user.UserName);
        p.Touch(now, user.UserName);
        if (await db.SaveEditAsync("该笔资金", t => db.FundAllocations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == a.Id, t), ct) is { } conflict)
            return conflict;
        return await projects.GetAsync(p.Id, ct);
    }

    /// <summary>资金支付: a payment for a project from one of the allocations put onto it.</summary>
    public async Task<Outcome<ProjectView>> PayAsync(long projectId, RecordPaymentRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var p = await db.Projects.Include(x => x.Budgets).FirstOrDefaultAsync(x => x.Id == projectId, ct);
        if (p is null) return Failure.NotFound("该项目");
        if (!Rules.ProjectRules.MayPay(p.Stage))
            return Failure.Conflict($"项目当前为“{Labels.Of(p.Stage)}”，计划下达后才能支付资金");
        var assignedHere = await db.FundAssignments.Where(x => x.ProjectId == p.Id && x.AllocationId == r.AllocationId).Select(x => x.Amount).ToListAsync(ct);
        if (assignedHere.Count == 0) return Failure.Invalid("allocationId", "请选择已分配给本项目的资金");
        var a = await db.FundAllocations.AsNoTracking().FirstAsync(x => x.Id == r.AllocationId, ct);
        if (ManageProjectsHandler.CheckMoney(r.Amount, "amount", "支付金额") is { } bad) return bad;
        if (r.PaidOn == default || r.PaidOn > Today) return Failure.Invalid("paidOn", "支付日期不能晚于今天");
        if (r.PaidOn < a.IssuedOn) return Failure.Invalid("paidOn", $"支付日期不能早于资金下达日期 {a.IssuedOn:yyyy-MM-dd}");
        if (string.IsNullOrWhiteSpace(r.VoucherNumber)) return Failure.Invalid("voucherNumber", "请填写支付凭证号");
        if (string.IsNullOrWhiteSpace(r.Payee)) return Failure.Invalid("payee", "请填写收款单位（人）");
        var paid = await db.FundPayments.Where(x => x.ProjectId == p.Id).Select(x => new { x.AllocationId, x.Amount }).ToListAsync(ct);
        var budget = p.Budgets.Sum(b => b.Amount);
        if (!ProjectRules.Fits(paid.Sum(x => x.Amount), r.Amount, budget))
            return Failure.Invalid("amount", $"超过项目预算：预算 {Yuan(budget)}，已支付 {Yuan(paid.Sum(x => x.Amount))}，尚可支付 {Yuan(budget - paid.Sum(x => x.Amount))}");
        var paidHere = paid.Where(x => x.AllocationId == a.Id).Sum(x => x.Amount);
        if (!ProjectRules.Fits(paidHere, r.Amount, assignedHere.Sum()))
            return Failure.Invalid("amount", $"超过该笔资金分配给本项目的金额：已分配 {Yuan(assignedHere.Sum())}，已支付 {Yuan(paidHere)}，尚可支付 {Yuan(assignedHere.Sum() - paidHere)}");
        var now = clock.GetUtcNow().UtcDateTime;
        db.FundPayments.Add(new FundPayment
        {
            ProjectId = p.Id, AllocationId = a.Id, RegionCode = p.RegionCode, PaidOn = r.PaidOn, Amount = r.Amount,
            VoucherNumber = r.VoucherNumber.Trim(), Payee = r.Payee.Trim(), At = now, By = user.UserName,
        });
        p.Touch(now, user.UserName);
        if (await db.SaveEditAsync("该项目", t => db.Projects.AsNoTracking().FirstOrDefaultAsync(x => x.Id == p.Id, t), ct) is { } conflict)
            return conflict;
        return await projects.GetAsync(p.Id, ct);
    }

    /// <summary>The allocations of a project's county that it may draw on: those with money left and a source it budgets.</summary>
    public async Task<IReadOnlyList<AllocationRow>> ChoicesAsync(long projectId, CancellationToken ct)
    {
        var p = await db.Projects.AsNoTracking().Include(x => x.Budgets).FirstOrDefaultAsync(x => x.Id == projectId, ct);
        if (p is null) return [];
        var sources = p.Budgets.Select(b => b.Source).ToList();
        var items = await db.FundAllocations.AsNoTracking().Where(a => a.CountyCode == p.CountyCode && sources.Contains(a.Source))
            .OrderByDescending(a => a.Year).ThenBy(a => a.Id).Take(200).ToListAsync(ct);
        return await RowsAsync(items, ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/projects").WithTags("衔接资金");
        g.MapGet("/allocations", async ([AsParameters] AllocationQuery q, ManageFundsHandler h, CancellationToken ct) => (await h.SearchAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.FundsView)
            .WithName("SearchFundAllocations").WithSummary("资金下达台账（筛选：region、year、source）");
        g.MapGet("/allocations/{id:long}", async (long id, ManageFundsHandler h, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.FundsView)
            .WithName("GetFundAllocation").WithSummary("一笔下达资金及其分配、支付合计");
        g.MapPost("/allocations", async (CreateAllocationRequest r, ManageFundsHandler h, CancellationToken ct) =>
                (await h.CreateAsync(r, ct)).ToHttp(a => TypedResults.Created($"/api/v1/projects/allocations/{a.Id}", a)))
            .RequireAuthorization(Permissions.FundsManage)
            .WithName("CreateFundAllocation").WithSummary("登记资金下达");
        g.MapPost("/{id:long}/assignments", async (long id, AssignFundsRequest r, ManageFundsHandler h, CancellationToken ct) =>
                (await h.AssignAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.FundsManage)
            .WithName("AssignFunds").WithSummary("将下达资金分配到项目（累计不超过下达金额和项目该来源预算）");
        g.MapPost("/{id:long}/payments", async (long id, RecordPaymentRequest r, ManageFundsHandler h, CancellationToken ct) =>
                (await h.PayAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.FundsManage)
            .WithName("RecordFundPayment").WithSummary("登记资金支付（不超过项目预算和分配到本项目的金额）");
    }
}
