using FluentValidation;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Problems;
using Jingzhun.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry.RegisterHousehold;

public sealed record RegisterHouseholdRequest([property: Text(12, "所在村", typeof(Household), nameof(Household.VillageCode))] string VillageCode, HouseholdFacts Household, MemberFacts Head);

public sealed record RegisteredHousehold(long Id, string HouseholdNumber, IReadOnlyList<string> Warnings);

/// <summary>建档: a new household with its head, numbered from its village.</summary>
public sealed class RegisterHouseholdHandler(AppDbContext db, IValidator<HouseholdFacts> validator, MemberIdentities identities,
    PersonalDataProtector protector, RegionDirectory regions, RegistryChanges changes, CurrentUser user, TimeProvider clock)
{
    public async Task<Outcome<RegisteredHousehold>> HandleAsync(RegisterHouseholdRequest request, CancellationToken ct)
    {
        if (TextLimits.Check(request) is { } tooLong) return tooLong;
        // One pass: the village, the household's facts and the head are all checked, and every error is answered at once.
        var failures = new List<Failure>();
        var village = regions.Find(request.VillageCode?.Trim());
        if (village is null || village.Level != RegionLevel.Village)
            failures.Add(Failure.Invalid("villageCode", "请选择户所在的村（社区）"));
        else if (!user.CanSee(village.Code))
            failures.Add(Failure.Invalid("villageCode", "所选村不在您的管辖范围内"));
        var facts = await validator.ValidateAsync(request.Household, ct);
        if (!facts.IsValid) failures.Add(Failure.Invalid(facts, "household"));
        else if (request.Household.Status == HouseholdStatus.Monitored)
            failures.Add(Failure.Invalid("household.status", "新建户不能直接登记为“监测户”：请先建档，再通过防返贫监测认定程序纳入监测"));
        var head = await identities.CheckAsync(request.Head with { Relationship = Relationship.Head }, village?.Code ?? "000000000000", null, "head", ct);
        if (!head.Succeeded) failures.Add(head.Failure!);
        if (failures.Count > 0) return Merge(failures);
        if (village is null) throw new InvalidOperationException("unreachable: a missing village is a failure");

        var now = clock.GetUtcNow().UtcDateTime;
        for (var attempt = 0; ; attempt++)
        {
            var number = await HouseholdNumbers.NextAsync(db, village.Code, ct);
            var household = Household.Register(number, village.Code, request.Household, protector.ProtectPhone(request.Household.Phone), now, user.UserName);
            var c = head.Value!;
            Member.Create(household, c.Facts, c.Protected, c.Id.Gender, c.Id.BirthDate, now, user.UserName);
            household.RefreshSummary();
            db.Households.Add(household);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e) && attempt < 3)
            {
                // Two registrations in the same village took the same number, or the same person was added at once.
                db.ChangeTracker.Clear();
                var again = await identities.CheckAsync(request.Head with { Relationship = Relationship.Head }, village.Code, null, "head", ct);
                if (!again.Succeeded) return again.Failure!;
                continue;
            }
            // Announced once, after the save and outside the retry: a listener's failure must not register the household again.
            await changes.NotifyAsync(household.Id, ct);
            return new RegisteredHousehold(household.Id, household.HouseholdNumber, c.Warnings);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/households", async (RegisterHouseholdRequest request, RegisterHouseholdHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(request, ct)).ToHttp(r => TypedResults.Created($"/api/v1/households/{r.Id}", r)))
            .RequireAuthorization(Permissions.RegistryCreate)
            .WithName("RegisterHousehold").WithSummary("建档：新增一户及其户主").WithTags("户籍档案");

    /// <summary>Field errors of several checks as one answer (a non-field failure, e.g. a conflict, wins as it is).</summary>
    private static Failure Merge(List<Failure> failures)
    {
        if (failures.FirstOrDefault(f => f.Errors is null or { Count: 0 }) is { } plain) return plain;
        if (failures.Count == 1) return failures[0];
        var errors = new Dictionary<string, string[]>();
        foreach (var f in failures)
            foreach (var (k, v) in f.Errors!)
                errors[k] = errors.TryGetValue(k, out var had) ? [.. had, .. v] : v;
        return failures[0] with { Errors = errors };
    }
}
