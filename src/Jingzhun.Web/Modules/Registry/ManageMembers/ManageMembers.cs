using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry.ManageMembers;

public sealed record AddMemberRequest(MemberFacts Member);

/// <summary>
/// A member's facts and the version the editor saw. Making a member the head requires saying what the former head
/// becomes (<see cref="FormerHeadRelationship"/>), so that the household always has exactly one head.
/// </summary>
public sealed record UpdateMemberRequest(MemberFacts Member, int Version, Relationship? FormerHeadRelationship = null);

/// <summary>减员: 迁出, 死亡 or 婚出 on a date; the member stays on the record.</summary>
public sealed record RemoveMemberRequest(MemberStatus Reason, DateOnly Date,
    [property: Text(200, "备注", typeof(Member), nameof(Member.LeftNote))] string? Note, int Version);

public sealed record MemberSaved(long Id, int Version, IReadOnlyList<string> Warnings);

public sealed class ManageMembersHandler(AppDbContext db, MemberIdentities identities, RegistryChanges changes, CurrentUser user, TimeProvider clock)
{
    private Task<Household?> LoadAsync(long householdId, CancellationToken ct) =>
        db.Households.Include(h => h.Members).Include(h => h.Incomes).FirstOrDefaultAsync(h => h.Id == householdId, ct);

    public async Task<Outcome<IReadOnlyList<MemberView>>> ListAsync(long householdId, GetHouseholdHandler get, CancellationToken ct)
    {
        var h = await get.HandleAsync(householdId, ct);
        return h.Succeeded ? Outcome<IReadOnlyList<MemberView>>.From(h.Value!.Members) : h.Failure!;
    }

    public async Task<Outcome<MemberSaved>> AddAsync(long householdId, AddMemberRequest request, CancellationToken ct)
    {
        if (TextLimits.Check(request) is { } tooLong) return tooLong;
        var h = await LoadAsync(householdId, ct);
        if (h is null) return Failure.NotFound("该户");
        if (request.Member.Relationship == Relationship.Head && ActiveHead(h) is { } head)
            return Failure.Invalid("member.relationship", $"该户已有户主 {head.Name}，一户只能有一个户主（更换户主请编辑新户主并选择原户主的关系）");
        var checkedMember = await identities.CheckAsync(request.Member, h.VillageCode, null, "member", ct);
        if (!checkedMember.Succeeded) return checkedMember.Failure!;
        var c = checkedMember.Value!;
        var now = clock.GetUtcNow().UtcDateTime;
        var m = Member.Create(h, c.Facts, c.Protected, c.Id.Gender, c.Id.BirthDate, now, user.UserName);
        h.RefreshSummary();
        h.Touch(now, user.UserName);
        if (await SaveAsync(ct) is { } failed) return failed;
        await changes.NotifyAsync(h.Id, ct);
        return new MemberSaved(m.Id, m.Version, c.Warnings);
    }

    public async Task<Outcome<MemberSaved>> UpdateAsync(long memberId, UpdateMemberRequest request, CancellationToken ct)
    {
        if (TextLimits.Check(request) is { } tooLong) return tooLong;
        var householdId = await db.Members.Where(x => x.Id == memberId).Select(x => (long?)x.HouseholdId).FirstOrDefaultAsync(ct);
        var h = householdId is null ? null : await LoadAsync(householdId.Value, ct);
        var m = h?.Members.FirstOrDefault(x => x.Id == memberId);
        if (h is null || m is null) return Failure.NotFound("该成员");
        if (m.Version != request.Version) return Failure.StaleEdit($"成员 {m.Name} 的信息", m.UpdatedBy, m.UpdatedAt);
        if (m.Status != MemberStatus.Active) return Failure.Conflict($"成员 {m.Name} 已{Platform.Localization.Labels.Of(m.Status)}，不能再修改");

        var now = clock.GetUtcNow().UtcDateTime;
        var head = ActiveHead(h);
        var becomesHead = request.Member.Relationship == Relationship.Head && m.Relationship != Relationship.Head;
        if (m.Relationship == Relationship.Head && request.Member.Relationship != Relationship.Head)
            return Failure.Invalid("member.relationship", "户主的关系不能直接修改：请编辑将成为新户主的成员，把其关系设为“户主”");
        if (becomesHead && head is not null)
        {
            if (request.FormerHeadRelationship is not { } former || former == Relationship.Head)
                return Failure.Invalid("formerHeadRelationship", $"该户已有户主 {head.Name}：设为新户主时，请选择原户主与新户主的关系");
        }
        var checkedMember = await identities.CheckAsync(request.Member, h.VillageCode, m.Id, "member", ct);
        if (!checkedMember.Succeeded) return checkedMember.Failure!;
        var c = checkedMember.Value!;
        // Joins the caller's transaction when there is one (a field visit applies several registry changes at once).
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (becomesHead && head is not null)
        {
            head.Update(head.ToFacts("") with { Relationship = request.FormerHeadRelationship!.Value },
                new ProtectedIdNumber(head.IdNumberCipher, head.IdNumberHash, head.IdNumberMasked, head.IsLegacyIdNumber, ""),
                head.Gender, head.BirthDate, now, user.UserName);
            // Two statements: the former head is demoted first so that the one-head index never sees two.
            var failed = await SaveAsync(ct);
            if (failed is not null) return failed;
        }
        m.Update(c.Facts, c.Protected, c.Id.Gender, c.Id.BirthDate, now, user.UserName);
        h.RefreshSummary();
        h.Touch(now, user.UserName);
        if (await SaveAsync(ct) is { } failure) return failure;
        if (tx is not null) await tx.CommitAsync(ct);
        await changes.NotifyAsync(h.Id, ct);
        return new MemberSaved(m.Id, m.Version, c.Warnings);
    }

    public async Task<Outcome<MemberSaved>> RemoveAsync(long memberId, RemoveMemberRequest request, CancellationToken ct)
    {
        if (TextLimits.Check(request) is { } tooLong) return tooLong;
        var householdId = await db.Members.Where(x => x.Id == memberId).Select(x => (long?)x.HouseholdId).FirstOrDefaultAsync(ct);
        var h = householdId is null ? null : await LoadAsync(householdId.Value, ct);
        var m = h?.Members.FirstOrDefault(x => x.Id == memberId);
        if (h is null || m is null) return Failure.NotFound("该成员");
        if (m.Version != request.Version) return Failure.StaleEdit($"成员 {m.Name} 的信息", m.UpdatedBy, m.UpdatedAt);
        if (m.Status != MemberStatus.Active) return Failure.Conflict($"成员 {m.Name} 已{Platform.Localization.Labels.Of(m.Status)}");
        if (request.Reason is not (MemberStatus.MovedOut or MemberStatus.Deceased or MemberStatus.MarriedOut))
            return Failure.Invalid("reason", "请选择减员原因：迁出、死亡或婚出");
        var today = Platform.Localization.ChinaTime.Today(clock);
        if (request.Date > today) return Failure.Invalid("date", "减员日期不能晚于今天");
        if (request.Date < m.BirthDate) return Failure.Invalid("date", "减员日期不能早于出生日期");
        if (m.Relationship == Relationship.Head && h.Members.Any(x => x.Status == MemberStatus.Active && x.Id != m.Id))
            return Failure.Invalid("reason", $"{m.Name} 是户主：请先将另一成员设为户主，再办理减员");
        var now = clock.GetUtcNow().UtcDateTime;
        m.Leave(request.Reason, request.Date, request.Note, now, user.UserName);
        h.RefreshSummary();
        h.Touch(now, user.UserName);
        if (await SaveAsync(ct) is { } failure) return failure;
        await changes.NotifyAsync(h.Id, ct);
        return new MemberSaved(m.Id, m.Version, []);
    }

    private static Member? ActiveHead(Household h) =>
        h.Members.FirstOrDefault(x => x.Status == MemberStatus.Active && x.Relationship == Relationship.Head);

    private async Task<Failure?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException e)
        {
            var entry = e.Entries.FirstOrDefault();
            await (entry?.ReloadAsync(ct) ?? Task.CompletedTask);
            return entry?.Entity switch
            {
                Member m => Failure.StaleEdit($"成员 {m.Name} 的信息", m.UpdatedBy, m.UpdatedAt),
                Household h => Failure.StaleEdit("该户", h.UpdatedBy, h.UpdatedAt),
                _ => Failure.Conflict("数据已被他人修改，请刷新后重试"),
            };
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return Failure.Conflict("保存冲突：同一人员或户主已被他人同时录入，请刷新后核对");
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/households/{id:long}/members", async (long id, ManageMembersHandler handler, GetHouseholdHandler get, CancellationToken ct) =>
                (await handler.ListAsync(id, get, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryView)
            .WithName("ListMembers").WithSummary("户成员（含已减员成员）").WithTags("家庭成员");
        api.MapPost("/households/{id:long}/members", async (long id, AddMemberRequest request, ManageMembersHandler handler, CancellationToken ct) =>
                (await handler.AddAsync(id, request, ct)).ToHttp(r => TypedResults.Created($"/api/v1/members/{r.Id}", r)))
            .RequireAuthorization(Permissions.RegistryEdit)
            .WithName("AddMember").WithSummary("增加成员").WithTags("家庭成员");
        api.MapPut("/members/{id:long}", async (long id, UpdateMemberRequest request, ManageMembersHandler handler, CancellationToken ct) =>
                (await handler.UpdateAsync(id, request, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryEdit)
            .WithName("UpdateMember").WithSummary("修改成员（需提交读取时的 version）").WithTags("家庭成员");
        api.MapPost("/members/{id:long}/removal", async (long id, RemoveMemberRequest request, ManageMembersHandler handler, CancellationToken ct) =>
                (await handler.RemoveAsync(id, request, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryEdit)
            .WithName("RemoveMember").WithSummary("成员减员：迁出、死亡、婚出（保留历史）").WithTags("家庭成员");
    }
}
