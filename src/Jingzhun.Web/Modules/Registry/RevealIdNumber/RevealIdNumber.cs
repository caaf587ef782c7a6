using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Problems;
using Jingzhun.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry.RevealIdNumber;

public sealed record RevealedIdNumber(long MemberId, string IdNumber);

/// <summary>Shows one full ID number to a holder of registry.reveal-id; every reveal is audited.</summary>
public sealed class RevealIdNumberHandler(AppDbContext db, PersonalDataProtector protector)
{
    public async Task<Outcome<RevealedIdNumber>> HandleAsync(long memberId, CancellationToken ct)
    {
        var m = await db.Members.AsNoTracking()
            .Where(x => x.Id == memberId)
            .Select(x => new { x.Id, x.Name, x.IdNumberCipher, x.IdNumberMasked, x.HouseholdId, x.Household.VillageCode })
            .FirstOrDefaultAsync(ct);
        if (m is null) return Failure.NotFound("该成员");
        await db.RecordAsync(AuditAction.Reveal, nameof(Member), m.Id.ToString(), m.HouseholdId, m.VillageCode,
            $"查看成员 {m.Name}（{m.IdNumberMasked}）的完整身份证号码", ct);
        return new RevealedIdNumber(m.Id, protector.RevealIdNumber(m.IdNumberCipher));
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/members/{id:long}/reveal-id", async (long id, RevealIdNumberHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryRevealId)
            .WithName("RevealIdNumber").WithSummary("查看完整身份证号码（需权限，留痕）").WithTags("家庭成员");
}
