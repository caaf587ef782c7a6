using FluentValidation;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry.RecordIncome;

/// <summary>One household-year of income lines (收入信息采集). The per-capita figure is derived, never submitted.</summary>
public sealed class RecordIncomeHandler(AppDbContext db, IValidator<IncomeLines> validator, RegistryChanges changes, CurrentUser user, TimeProvider clock)
{
    public const int FirstYear = 2013;

    public async Task<Outcome<IncomeView>> GetAsync(long householdId, int year, CancellationToken ct)
    {
        if (!await db.Households.AnyAsync(h => h.Id == householdId, ct)) return Failure.NotFound("该户");
        var i = await db.Incomes.AsNoTracking().FirstOrDefaultAsync(x => x.HouseholdId == householdId && x.Year == year, ct);
        if (i is null) return Failure.NotFound($"{year}年收入记录");
        return new IncomeView(i.Year, i.ToLines(), i.NetIncome, i.PerCapitaNetIncome, i.UpdatedBy, i.UpdatedAt, i.Version);
    }

    public async Task<Outcome<IncomeView>> SaveAsync(long householdId, int year, IncomeLines lines, CancellationToken ct)
    {
        var h = await db.Households.Include(x => x.Members).Include(x => x.Incomes).FirstOrDefaultAsync(x => x.Id == householdId, ct);
        if (h is null) return Failure.NotFound("该户");
        var thisYear = ChinaTime.Today(clock).Year;
        if (year < FirstYear || year > thisYear) return Failure.Invalid("year", $"收入年度应在{FirstYear}至{thisYear}年之间");
        var result = await validator.ValidateAsync(lines, ct);
        if (!result.IsValid) return Failure.Invalid(result);
        var size = lines.HouseholdSize ?? h.Members.Count(m => m.Status == MemberStatus.Active);
        if (size < 1) return Failure.Invalid("householdSize", "家庭人口数应至少为1人");
        var now = clock.GetUtcNow().UtcDateTime;
        var income = h.Incomes.FirstOrDefault(i => i.Year == year);
        // Of two editors of the same year, the second is told who saved first instead of silently overwriting.
        if (income is not null && lines.Version != income.Version)
            return Failure.StaleEdit($"{year}年收入", income.UpdatedBy, income.UpdatedAt);
        if (income is null) income = HouseholdIncome.Create(h, year, lines, size, now, user.UserName);
        else income.Set(lines, size, now, user.UserName);
        h.RefreshSummary();
        h.Touch(now, user.UserName);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Incomes.AsNoTracking().FirstOrDefaultAsync(x => x.HouseholdId == householdId && x.Year == year, ct);
            return current is null ? Failure.Conflict($"{year}年收入已被他人同时修改，请刷新后重试")
                : Failure.StaleEdit($"{year}年收入", current.UpdatedBy, current.UpdatedAt);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Two editors created the same new year at once.
            db.ChangeTracker.Clear();
            var current = await db.Incomes.AsNoTracking().FirstAsync(x => x.HouseholdId == householdId && x.Year == year, ct);
            return Failure.StaleEdit($"{year}年收入", current.UpdatedBy, current.UpdatedAt);
        }
        await changes.NotifyAsync(h.Id, ct);
        return new IncomeView(income.Year, income.ToLines(), income.NetIncome, income.PerCapitaNetIncome, income.UpdatedBy, income.UpdatedAt, income.Version);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/households/{id:long}/incomes/{year:int}", async (long id, int year, RecordIncomeHandler handler, CancellationToken ct) =>
                (await handler.GetAsync(id, year, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryView)
            .WithName("GetIncome").WithSummary("某年收入").WithTags("收入");
        api.MapPut("/households/{id:long}/incomes/{year:int}", async (long id, int year, IncomeLines lines, RecordIncomeHandler handler, CancellationToken ct) =>
                (await handler.SaveAsync(id, year, lines, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryEdit)
            .WithName("SaveIncome").WithSummary("录入或修改某年收入（人均纯收入由系统计算）").WithTags("收入");
    }
}
