using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Admin.ManageUsers;

public sealed record UserView(string Id, string UserName, string DisplayName, string Role, string RoleLabel, string RegionCode,
    string RegionName, bool IsLocked, DateTime CreatedAt)
{
    /// <summary>Locked by failed sign-ins until this time (null: not locked, or disabled by an administrator).</summary>
    public DateTime? LockedUntil { get; init; }

    /// <summary>The account's version (Identity's ConcurrencyStamp, renewed by every change): an edit sends back the one it read.</summary>
    public string ConcurrencyStamp { get; init; } = "";
}

public sealed record CreateUserRequest(
    [property: Text(64, "用户名")] string UserName,
    [property: Text(50, "姓名", typeof(AppUser), nameof(AppUser.DisplayName))] string DisplayName,
    [property: Text(30, "角色", typeof(AppUser), nameof(AppUser.Role))] string Role,
    [property: Text(12, "所属地区", typeof(AppUser), nameof(AppUser.RegionCode))] string RegionCode,
    [property: Text(128, "密码")] string Password);

/// <summary>An account's new values and the <see cref="UserView.ConcurrencyStamp"/> the editor read (optimistic concurrency).</summary>
public sealed record UpdateUserRequest(
    [property: Text(50, "姓名", typeof(AppUser), nameof(AppUser.DisplayName))] string DisplayName,
    [property: Text(30, "角色", typeof(AppUser), nameof(AppUser.Role))] string Role,
    [property: Text(12, "所属地区", typeof(AppUser), nameof(AppUser.RegionCode))] string RegionCode, bool Locked,
    [property: Text(128, "新密码")] string? NewPassword,
    [property: Text(64, "版本")] string? ConcurrencyStamp = null);

/// <summary>Admins manage users inside their own subtree, and never grant a role above their own.</summary>
public sealed class ManageUsersHandler(UserManager<AppUser> users, CurrentUser me, RegionDirectory regions, TimeProvider clock)
{
    private IQueryable<AppUser> Visible()
    {
        var scope = me.RegionCode ?? "~";
        return users.Users.Where(u => u.RegionCode.StartsWith(scope));
    }

    public async Task<IReadOnlyList<UserView>> ListAsync(string? q, CancellationToken ct)
    {
        var query = Visible();
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(u => u.UserName!.Contains(q) || u.DisplayName.Contains(q));
        var now = clock.GetUtcNow();
        var list = await query.OrderBy(u => u.RegionCode).ThenBy(u => u.UserName).Take(500).ToListAsync(ct);
        return list.Select(u => View(u, now)).ToList();
    }

    public async Task<Outcome<UserView>> GetAsync(string id, CancellationToken ct) =>
        await Visible().FirstOrDefaultAsync(u => u.Id == id, ct) is { } u ? View(u, clock.GetUtcNow()) : Failure.NotFound("该用户");

    private UserView View(AppUser u, DateTimeOffset now) => new(u.Id, u.UserName!, u.DisplayName, u.Role, Roles.LabelOf(u.Role), u.RegionCode,
        regions.NameOf(u.RegionCode), u.LockoutEnd is { } e && e > now, u.CreatedAt)
    {
        LockedUntil = u.LockoutEnd is { } end && end > now && end.Year < 9999 ? end.UtcDateTime : null,
        ConcurrencyStamp = u.ConcurrencyStamp ?? "",
    };

    private static Failure Stale(AppUser u) => Failure.StaleEdit($"用户 {u.UserName}", u.UpdatedBy, u.UpdatedAt);

    /// <summary>
    /// Lifts a lockout after failed sign-ins (not a disabling: that is the edit form's 停用). The change of the user's
    /// lockout end is written to the audit log like every user change.
    /// </summary>
    public async Task<Outcome<UserView>> UnlockAsync(string id, CancellationToken ct)
    {
        var user = await Visible().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return Failure.NotFound("该用户");
        var now = clock.GetUtcNow();
        if (user.LockoutEnd is { Year: >= 9999 }) return Failure.Invalid("locked", "该账号已被停用，请在编辑页面中启用");
        if (user.LockoutEnd is not { } end || end <= now) return Failure.Invalid("locked", "该账号未被锁定");
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded) return Errors(result);
        return View(user, now);
    }

    private Failure? CheckGrant(string role, string regionCode)
    {
        var mine = Roles.Find(me.Role);
        var wanted = Roles.Find(role);
        if (wanted is null) return Failure.Invalid("role", "请选择有效的角色");
        if (mine is null || wanted.Rank > mine.Rank) return Failure.Invalid("role", $"您不能授予“{wanted.Label}”角色");
        if (regionCode != "" && regions.Find(regionCode) is null) return Failure.Invalid("regionCode", "请选择有效的地区");
        if (!regionCode.StartsWith(me.RegionCode ?? "~", StringComparison.Ordinal))
            return Failure.Invalid("regionCode", "用户所属地区须在您的管辖范围内");
        return null;
    }

    public async Task<Outcome<UserView>> CreateAsync(CreateUserRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        if (string.IsNullOrWhiteSpace(r.DisplayName)) return Failure.Invalid("displayName", "请填写姓名");
        if (CheckGrant(r.Role, r.RegionCode.Trim()) is { } denied) return denied;
        var user = new AppUser
        {
            UserName = r.UserName.Trim(), DisplayName = r.DisplayName.Trim(), Role = r.Role, RegionCode = r.RegionCode.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime, LockoutEnabled = true,
        };
        var result = await users.CreateAsync(user, r.Password);
        if (!result.Succeeded) return Errors(result);
        return View(user, clock.GetUtcNow());
    }

    public async Task<Outcome<UserView>> UpdateAsync(string id, UpdateUserRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var user = await Visible().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return Failure.NotFound("该用户");
        if (string.IsNullOrWhiteSpace(r.DisplayName)) return Failure.Invalid("displayName", "请填写姓名");
        if (user.Id == me.Id && (r.Locked || r.Role != user.Role)) return Failure.Invalid("role", "不能停用自己或修改自己的角色");
        if (CheckGrant(r.Role, r.RegionCode.Trim()) is { } denied) return denied;
        if (user.ConcurrencyStamp != r.ConcurrencyStamp) return Stale(user);
        if (!string.IsNullOrEmpty(r.NewPassword))
        {
            foreach (var v in users.PasswordValidators)
            {
                var check = await v.ValidateAsync(users, user, r.NewPassword);
                if (!check.Succeeded) return Errors(check, "newPassword");
            }
            user.PasswordHash = users.PasswordHasher.HashPassword(user, r.NewPassword);
        }
        user.DisplayName = r.DisplayName.Trim();
        user.Role = r.Role;
        user.RegionCode = r.RegionCode.Trim();
        user.LockoutEnd = r.Locked ? DateTimeOffset.MaxValue : null;
        // A new stamp signs the user out everywhere (role, region or password changed). Identity's store writes the row only
        // where its ConcurrencyStamp is still the one read above: a change saved meanwhile fails it with ConcurrencyFailure.
        var result = await users.UpdateSecurityStampAsync(user);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            return await users.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) is { } now ? Stale(now) : Failure.NotFound("该用户");
        if (!result.Succeeded) return Errors(result);
        return View(user, clock.GetUtcNow());
    }

    private static Failure Errors(IdentityResult result, string field = "password") =>
        new(FailureKind.Invalid, "提交的数据有误", result.Errors
            .GroupBy(e => e.Code.Contains("UserName", StringComparison.Ordinal) ? "userName" : field)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/users").WithTags("用户管理").RequireAuthorization(Permissions.UsersManage);
        g.MapGet("", async (string? q, ManageUsersHandler h, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(q, ct)))
            .WithName("ListUsers").WithSummary("本辖区用户");
        g.MapGet("/{id}", async (string id, ManageUsersHandler h, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(TypedResults.Ok))
            .WithName("GetUser");
        g.MapPost("", async (CreateUserRequest r, ManageUsersHandler h, CancellationToken ct) =>
                (await h.CreateAsync(r, ct)).ToHttp(u => TypedResults.Created($"/api/v1/users/{u.Id}", u)))
            .WithName("CreateUser").WithSummary("新增用户（角色不高于本人，地区在本辖区内）");
        g.MapPut("/{id}", async (string id, UpdateUserRequest r, ManageUsersHandler h, CancellationToken ct) =>
                (await h.UpdateAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .WithName("UpdateUser").WithSummary("修改用户、停用或重置密码");
        g.MapPost("/{id}/unlock", async (string id, ManageUsersHandler h, CancellationToken ct) => (await h.UnlockAsync(id, ct)).ToHttp(TypedResults.Ok))
            .WithName("UnlockUser").WithSummary("解除登录失败造成的账号锁定（记入操作日志）");
    }
}
