using Jingzhun.Web.Modules.Registry;
using FluentValidation;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.FlagEmergency;

public sealed record FlagEmergencyRequest(long HouseholdId, DateOnly? FlaggedOn,
    [property: Text(200, "事由", typeof(EmergencyFlag), nameof(EmergencyFlag.Reason))] string? Reason);

public sealed class FlagEmergencyValidator : AbstractValidator<FlagEmergencyRequest>
{
    public FlagEmergencyValidator()
    {
        RuleFor(r => r.FlaggedOn).NotNull().WithMessage("请填写发生日期");
        RuleFor(r => r.Reason).NotEmpty().WithMessage("请填写事由（如因病住院、受灾、意外事故）");
    }
}

public sealed record EmergencyView(long Id, long HouseholdId, DateOnly FlaggedOn, string Reason, string CreatedBy);

/// <summary>危难时刻: village or township staff flag a household; its cadre then owes a visit within the county's EmergencyDays.</summary>
public sealed class FlagEmergencyHandler(AppDbContext db, IValidator<FlagEmergencyRequest> validator, CurrentUser user, TimeProvider clock)
{
    public async Task<Outcome<EmergencyView>> FlagAsync(FlagEmergencyRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var check = await validator.ValidateAsync(r, ct);
        if (!check.IsValid) return Failure.Invalid(check);
        var today = ChinaTime.Today(clock);
        if (r.FlaggedOn > today || r.FlaggedOn < today.AddDays(-60)) return Failure.Invalid("flaggedOn", "发生日期应在近60天内且不晚于今天");
        var household = await db.Households.AsNoTracking().Where(h => h.Id == r.HouseholdId).Select(h => new { h.Id, h.VillageCode }).FirstOrDefaultAsync(ct);
        if (household is null) return Failure.NotFound("该农户");
        var flag = EmergencyFlag.Raise(household.Id, household.VillageCode, r.FlaggedOn!.Value, r.Reason!, clock.GetUtcNow().UtcDateTime, user.UserName);
        db.EmergencyFlags.Add(flag);
        await db.SaveChangesAsync(ct);
        return View(flag);
    }

    public async Task<Outcome<IReadOnlyList<EmergencyView>>> ListAsync(long householdId, CancellationToken ct)
    {
        if (!await db.Households.AnyAsync(h => h.Id == householdId, ct)) return Failure.NotFound("该农户");
        return (await db.EmergencyFlags.AsNoTracking().Where(f => f.HouseholdId == householdId).OrderByDescending(f => f.FlaggedOn).ToListAsync(ct))
            .Select(View).ToList();
    }

    private static EmergencyView View(EmergencyFlag f) => new(f.Id, f.HouseholdId, f.FlaggedOn, f.Reason, f.CreatedBy);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/fieldwork/emergencies", async (FlagEmergencyRequest r, FlagEmergencyHandler h, CancellationToken ct) =>
                (await h.FlagAsync(r, ct)).ToHttp(v => TypedResults.Created($"/api/v1/fieldwork/emergencies?householdId={v.HouseholdId}", v)))
            .RequireAuthorization(Permissions.FieldWorkFlag)
            .WithName("FlagEmergency").WithSummary("标记危难时刻（帮扶干部须在规定天数内走访）").WithTags("走访");
        api.MapGet("/fieldwork/emergencies", async (long householdId, FlagEmergencyHandler h, CancellationToken ct) =>
                (await h.ListAsync(householdId, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.FieldWorkView)
            .WithName("ListEmergencies").WithSummary("农户的危难时刻记录").WithTags("走访");
    }
}
