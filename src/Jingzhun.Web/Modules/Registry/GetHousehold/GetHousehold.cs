using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry.GetHousehold;

public sealed record MemberView(long Id, string Name, string IdNumberMasked, bool IsLegacyIdNumber, int Age, MemberFacts Facts,
    MemberStatus Status, DateOnly? LeftOn, string? LeftNote, int Version, string UpdatedBy, DateTime UpdatedAt);

public sealed record IncomeView(int Year, IncomeLines Lines, decimal NetIncome, decimal PerCapitaNetIncome, string UpdatedBy, DateTime UpdatedAt,
    int Version = 0);

public sealed record HistoryView(DateTime At, string UserName, AuditAction Action, string EntityType, string Summary, string Changes);

public sealed record HouseholdView(long Id, string HouseholdNumber, string VillageCode, string RegionPath, HouseholdFacts Household,
    string HeadName, int Size, int Version, string UpdatedBy, DateTime UpdatedAt, DateTime CreatedAt,
    IReadOnlyList<MemberView> Members, IReadOnlyList<IncomeView> Incomes);

/// <summary>
/// One household with its members and incomes; personal data masked (phone, ID numbers). Members show their age, not
/// the birth date: the list does not need the date, and the less shown beside a masked number the better.
/// </summary>
public sealed class GetHouseholdHandler(AppDbContext db, RegionDirectory regions, TimeProvider clock)
{
    public async Task<Outcome<HouseholdView>> HandleAsync(long id, CancellationToken ct)
    {
        var h = await db.Households.AsNoTracking().AsSplitQuery()
            .Include(x => x.Members).Include(x => x.Incomes)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (h is null) return Failure.NotFound("该户");
        var today = ChinaTime.Today(clock);
        var members = h.Members
            .OrderBy(m => m.Status).ThenBy(m => m.Relationship).ThenBy(m => m.BirthDate)
            .Select(m => new MemberView(m.Id, m.Name, m.IdNumberMasked, m.IsLegacyIdNumber, m.AgeOn(today),
                m.ToFacts(m.IdNumberMasked) with { BirthDate = null }, m.Status, m.LeftOn, m.LeftNote, m.Version, m.UpdatedBy, m.UpdatedAt))
            .ToList();
        var incomes = h.Incomes.OrderBy(i => i.Year)
            .Select(i => new IncomeView(i.Year, i.ToLines(), i.NetIncome, i.PerCapitaNetIncome, i.UpdatedBy, i.UpdatedAt, i.Version))
            .ToList();
        return new HouseholdView(h.Id, h.HouseholdNumber, h.VillageCode, regions.ShortPath(h.VillageCode), h.ToFacts(h.PhoneMasked),
            h.HeadName, h.Size, h.Version, h.UpdatedBy, h.UpdatedAt, h.CreatedAt, members, incomes);
    }

    /// <summary>The household's change history (its own rows, its members' and its incomes').</summary>
    public async Task<IReadOnlyList<HistoryView>> HistoryAsync(long id, int take, CancellationToken ct) =>
        (await db.AuditEntries.AsNoTracking()
            .Where(a => a.HouseholdId == id)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(take)
            .Select(a => new HistoryView(a.At, a.UserName, a.Action, a.EntityType, a.Summary, a.Changes))
            .ToListAsync(ct))
        .Select(v => v with { Changes = AuditRedaction.Redact(v.Changes) }).ToList();   // health details not shown

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/households/{id:long}", async (long id, GetHouseholdHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryView)
            .WithName("GetHousehold").WithSummary("户详情（含成员与各年收入，证件号与电话脱敏）").WithTags("户籍档案");
        api.MapGet("/households/{id:long}/history", async (long id, GetHouseholdHandler handler, CancellationToken ct) =>
            {
                var h = await handler.HandleAsync(id, ct);
                return h.Succeeded ? Results.Ok(await handler.HistoryAsync(id, 500, ct)) : h.Failure!.ToProblem();
            })
            .RequireAuthorization(Permissions.RegistryView)
            .Produces<IReadOnlyList<HistoryView>>().WithName("GetHouseholdHistory").WithSummary("户变更历史").WithTags("户籍档案");
    }
}
