using FluentValidation;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Problems;
using Jingzhun.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry.UpdateHousehold;

/// <summary>The household's facts and the version the editor saw (optimistic concurrency).</summary>
public sealed record UpdateHouseholdRequest(HouseholdFacts Household, int Version);

public sealed class UpdateHouseholdHandler(AppDbContext db, IValidator<HouseholdFacts> validator, PersonalDataProtector protector,
    RegistryChanges changes, CurrentUser user, TimeProvider clock)
{
    public async Task<Outcome<int>> HandleAsync(long id, UpdateHouseholdRequest request, CancellationToken ct)
    {
        if (TextLimits.Check(request) is { } tooLong) return tooLong;
        var household = await db.Households.FirstOrDefaultAsync(h => h.Id == id, ct);
        if (household is null) return Failure.NotFound("该户");
        if (household.Version != request.Version)
            return Failure.StaleEdit("该户", household.UpdatedBy, household.UpdatedAt);
        // The editor sees the masked phone: sent back unchanged, it means "keep the stored number".
        var keepPhone = request.Household.Phone is not null && request.Household.Phone == household.PhoneMasked;
        var facts = keepPhone ? request.Household with { Phone = null } : request.Household;
        var result = await validator.ValidateAsync(facts, ct);
        if (!result.IsValid) return Failure.Invalid(result, "household");
        // 监测户 is decided by the monitoring procedure (纳入监测 / 风险消除), never typed in an edit form.
        if (facts.Status != household.Status && (facts.Status == HouseholdStatus.Monitored || household.Status == HouseholdStatus.Monitored))
            return Failure.Invalid("household.status", "“监测户”由防返贫监测认定程序（县级审定纳入、风险消除）确定，不能在此直接修改户类型");
        var phone = keepPhone ? (household.PhoneProtected, household.PhoneMasked) : protector.ProtectPhone(facts.Phone);
        household.Update(facts, phone, clock.GetUtcNow().UtcDateTime, user.UserName);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Households.AsNoTracking().FirstAsync(h => h.Id == id, ct);
            return Failure.StaleEdit("该户", current.UpdatedBy, current.UpdatedAt);
        }
        await changes.NotifyAsync(household.Id, ct);
        return household.Version;
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/households/{id:long}", async (long id, UpdateHouseholdRequest request, UpdateHouseholdHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, request, ct)).ToHttp(v => TypedResults.Ok(new { id, version = v })))
            .RequireAuthorization(Permissions.RegistryEdit)
            .WithName("UpdateHousehold").WithSummary("修改户信息（需提交读取时的 version）").WithTags("户籍档案");
}
