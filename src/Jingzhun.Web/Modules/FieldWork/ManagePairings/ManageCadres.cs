using FluentValidation;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry.SearchHouseholds;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Jingzhun.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.ManagePairings;

/// <summary>
/// A cadre's facts as the form and the API send them; <see cref="UserName"/> links a sign-in account. An update sends back
/// the <see cref="Version"/> it read (optimistic concurrency); a new cadre ignores it.
/// </summary>
public sealed record CadreInput(
    [property: Text(50, "姓名", typeof(Cadre), nameof(Cadre.Name))] string Name,
    [property: Text(100, "派出单位", typeof(Cadre), nameof(Cadre.Unit))] string Unit,
    [property: Text(20, "手机号")] string? Phone,
    [property: Text(12, "帮扶地区", typeof(Cadre), nameof(Cadre.RegionCode))] string RegionCode,
    DateOnly ActiveFrom, DateOnly? ActiveTo,
    [property: Text(64, "关联登录账号")] string? UserName,
    int Version = 0);

/// <summary>A cadre as listed; <see cref="Recall"/> describes a 调整召回 ("2026-12-01 调整召回：作风不实"), null when none.</summary>
public sealed record CadreRow(long Id, string Name, string Unit, string? PhoneMasked, string RegionCode, string RegionPath, DateOnly ActiveFrom,
    DateOnly? ActiveTo, bool Active, string? UserName, int Households, int Version, string? Recall = null);

/// <summary>调整召回 a cadre: why (and a note, required for 其他), the day (today when none; not later), the version read.</summary>
public sealed record RecallCadreRequest(CadreRecallReason? Reason,
    [property: Text(200, "说明", typeof(Cadre), nameof(Cadre.RecallNote))] string? Note, DateOnly? Date, int Version);

/// <summary>The recalled cadre and how many households became 未结对 with it.</summary>
public sealed record CadreRecalled(CadreRow Cadre, int Households);

public sealed record CadreQuery(string? Region, string? Q, bool? ActiveOnly, int? Page, int? PageSize);

public sealed class CadreInputValidator : AbstractValidator<CadreInput>
{
    public CadreInputValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("请填写干部姓名");
        RuleFor(c => c.Unit).NotEmpty().WithMessage("请填写派出单位");
        RuleFor(c => c.Phone).Matches(@"^1\d{10}$").When(c => !string.IsNullOrWhiteSpace(c.Phone)).WithMessage("手机号应为11位数字，以1开头");
        RuleFor(c => c.RegionCode).Must(r => r is not null && RegionCodes.IsValid(r) && r.Length >= 9).WithMessage("请选择干部帮扶的乡镇或村");
        RuleFor(c => c.ActiveTo).Must((c, to) => to is null || to >= c.ActiveFrom).WithMessage("结束日期不能早于开始日期");
    }
}

/// <summary>帮扶干部 of the user's region: list, create, edit (phone encrypted, shown masked; an account may be linked).</summary>
public sealed class ManageCadresHandler(AppDbContext db, IValidator<CadreInput> validator, PersonalDataProtector protector, RegionDirectory regions,
    CurrentUser user, TimeProvider clock)
{
    public async Task<Outcome<PageResult<CadreRow>>> SearchAsync(CadreQuery q, CancellationToken ct)
    {
        var query = db.Cadres.AsNoTracking();
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        if (region.Value is { } code) query = query.InRegion(code);
        if (!string.IsNullOrWhiteSpace(q.Q)) query = query.Where(c => c.Name.Contains(q.Q.Trim()) || c.Unit.Contains(q.Q.Trim()));
        var today = ChinaTime.Today(clock);
        if (q.ActiveOnly == true)
            query = query.Where(c => c.ActiveFrom <= today && (c.ActiveTo == null || c.ActiveTo >= today) && (c.RecalledOn == null || c.RecalledOn > today));
        var inForce = db.Set<Pairing>().InForce(today);
        var rows = await query.OrderBy(c => c.RegionCode).ThenBy(c => c.Name).PageAsync(Paging.Of(q.Page, q.PageSize, 50, 500), page =>
            (from c in page
             join u in db.Users on c.UserId equals u.Id into us
             from u in us.DefaultIfEmpty()
             select new
             {
                 c, UserName = u == null ? null : u.UserName,
                 Households = inForce.Count(p => p.CadreId == c.Id),
             }).ToListAsync(ct), ct);
        return rows.Select(r => Row(r.c, r.UserName, r.Households, today));
    }

    public async Task<Outcome<CadreRow>> GetAsync(long id, CancellationToken ct)
    {
        var c = await db.Cadres.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Failure.NotFound("该帮扶干部");
        var userName = c.UserId is null ? null : await db.Users.Where(u => u.Id == c.UserId).Select(u => u.UserName).FirstOrDefaultAsync(ct);
        var today = ChinaTime.Today(clock);
        var households = await db.Pairings.InForce(today).CountAsync(p => p.CadreId == id, ct);
        return Row(c, userName, households, today);
    }

    public async Task<Outcome<CadreRow>> SaveAsync(long? id, CadreInput input, CancellationToken ct)
    {
        if (TextLimits.Check(input) is { } tooLong) return tooLong;
        // The edit form shows the masked phone (139****5678): sent back unchanged it keeps the number and is not checked as one.
        var keepsPhone = id is { } edited && input.Phone is { Length: > 0 } sent && sent.Contains('*', StringComparison.Ordinal)
            && await db.Cadres.AnyAsync(c => c.Id == edited && c.PhoneMasked == sent, ct);
        var result = await validator.ValidateAsync(keepsPhone ? input with { Phone = null } : input, ct);
        if (!result.IsValid) return Failure.Invalid(result);
        var region = input.RegionCode.Trim();
        if (!user.CanSee(region) || regions.Find(region) is null) return Failure.Invalid("regionCode", "所选地区不存在或不在您的管辖范围内");
        string? userId = null;
        if (!string.IsNullOrWhiteSpace(input.UserName))
        {
            var account = await db.Users.Where(u => u.UserName == input.UserName.Trim()).Select(u => new { u.Id, u.RegionCode }).FirstOrDefaultAsync(ct);
            if (account is null || !user.CanSee(account.RegionCode)) return Failure.Invalid("userName", "登录账号不存在或不在您的管辖范围内");
            var taken = await db.Cadres.AcrossScopes("an account links to one cadre record nationwide").AnyAsync(c => c.UserId == account.Id && c.Id != (id ?? 0), ct);
            if (taken) return Failure.Invalid("userName", "该登录账号已关联其他帮扶干部");
            userId = account.Id;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        Cadre cadre;
        var what = "";
        if (id is { } existing)
        {
            var found = await db.Cadres.FirstOrDefaultAsync(c => c.Id == existing, ct);
            if (found is null) return Failure.NotFound("该帮扶干部");
            what = $"帮扶干部 {found.Name}";
            if (Versions.Check(found, input.Version, what) is { } stale) return stale;
            cadre = found;
            // The form shows the masked phone: sent back unchanged, it keeps the stored number.
            var phone = input.Phone == cadre.PhoneMasked ? (cadre.PhoneProtected, cadre.PhoneMasked) : protector.ProtectPhone(input.Phone);
            cadre.Set(input.Name, input.Unit, phone, region, input.ActiveFrom, input.ActiveTo, userId, now, user.UserName);
            // Rotation: the households of a cadre whose service ends are 未结对 after that day.
            foreach (var p in await OpenPairingsAsync(cadre.Id, ct)) p.FollowCadre(cadre.ActiveTo, now);
        }
        else
        {
            cadre = Cadre.Create(input.Name, input.Unit, protector.ProtectPhone(input.Phone), region, input.ActiveFrom, input.ActiveTo, userId, now, user.UserName);
            db.Cadres.Add(cadre);
        }
        if (await db.SaveEditAsync(what, t => db.Cadres.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cadre.Id, t), ct) is { } conflict)
            return conflict;
        return await GetAsync(cadre.Id, ct);
    }

    /// <summary>
    /// 调整召回: the cadre's service ends on the day, with its reason recorded (and audited); every household paired with
    /// them is 未结对 from then on, until a new cadre is paired.
    /// </summary>
    public async Task<Outcome<CadreRecalled>> RecallAsync(long id, RecallCadreRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var cadre = await db.Cadres.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (cadre is null) return Failure.NotFound("该帮扶干部");
        var what = $"帮扶干部 {cadre.Name}";
        if (Versions.Check(cadre, r.Version, what) is { } stale) return stale;
        if (cadre.RecalledOn is { } done) return Failure.Conflict($"{what} 已于 {done:yyyy-MM-dd} 调整召回");
        if (r.Reason is not { } reason || !Enum.IsDefined(reason)) return Failure.Invalid("reason", "请选择召回原因");
        if (reason == CadreRecallReason.Other && string.IsNullOrWhiteSpace(r.Note)) return Failure.Invalid("note", "召回原因为“其他”时，请填写说明");
        var today = ChinaTime.Today(clock);
        var on = r.Date ?? today;
        if (on > today) return Failure.Invalid("date", "召回日期不能晚于今天");
        if (on < cadre.ActiveFrom) return Failure.Invalid("date", $"召回日期不能早于帮扶开始日期（{cadre.ActiveFrom:yyyy-MM-dd}）");
        var now = clock.GetUtcNow().UtcDateTime;
        cadre.Recall(on, reason, r.Note, now, user.UserName);
        var released = await OpenPairingsAsync(cadre.Id, ct);
        foreach (var p in released) p.EndOn(on, now);
        if (await db.SaveEditAsync(what, t => db.Cadres.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, t), ct) is { } conflict)
            return conflict;
        return new CadreRecalled((await GetAsync(id, ct)).Value!, released.Count);
    }

    /// <summary>The cadre's open pairings, wherever the households lie (the cadre is in the user's scope; the rows follow it).</summary>
    private Task<List<Pairing>> OpenPairingsAsync(long cadreId, CancellationToken ct) =>
        db.Pairings.AcrossScopes("a cadre's own pairings follow the cadre's service (rotation, recall)")
            .Where(p => p.CadreId == cadreId && p.EndedOn == null).ToListAsync(ct);

    private CadreRow Row(Cadre c, string? userName, int households, DateOnly today) =>
        new(c.Id, c.Name, c.Unit, c.PhoneMasked, c.RegionCode, regions.ShortPath(c.RegionCode), c.ActiveFrom, c.ActiveTo, c.IsActiveOn(today),
            userName, households, c.Version,
            c.RecalledOn is { } on ? $"{on:yyyy-MM-dd} 调整召回：{Labels.Of(c.RecallReason)}{(c.RecallNote is null ? "" : "，" + c.RecallNote)}" : null);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/cadres").WithTags("驻村帮扶");
        g.MapGet("", async ([AsParameters] CadreQuery q, ManageCadresHandler h, CancellationToken ct) => (await h.SearchAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryView).WithName("SearchCadres").WithSummary("帮扶干部（本辖区）");
        g.MapGet("/{id:long}", async (long id, ManageCadresHandler h, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryView).WithName("GetCadre").WithSummary("帮扶干部");
        g.MapPost("", async (CadreInput input, ManageCadresHandler h, CancellationToken ct) =>
                (await h.SaveAsync(null, input, ct)).ToHttp(c => TypedResults.Created($"/api/v1/cadres/{c.Id}", c)))
            .RequireAuthorization(Permissions.FieldWorkManage).WithName("CreateCadre").WithSummary("新增帮扶干部");
        g.MapPut("/{id:long}", async (long id, CadreInput input, ManageCadresHandler h, CancellationToken ct) =>
                (await h.SaveAsync(id, input, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.FieldWorkManage).WithName("UpdateCadre").WithSummary("修改帮扶干部");
        g.MapPost("/{id:long}/recall", async (long id, RecallCadreRequest r, ManageCadresHandler h, CancellationToken ct) =>
                (await h.RecallAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.FieldWorkManage).WithName("RecallCadre")
            .WithSummary("调整召回帮扶干部（须填写原因；其结对户即为未结对，直至结对新干部）");
    }
}
