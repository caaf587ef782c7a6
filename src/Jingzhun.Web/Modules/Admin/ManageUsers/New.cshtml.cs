using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Jingzhun.Web.Modules.Admin.ManageUsers;

[Authorize(Policy = Permissions.UsersManage)]
public sealed class NewModel(ManageUsersHandler handler, CurrentUser me) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? RegionCode { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }

    public string? Problem { get; private set; }
    public List<SelectListItem> RoleOptions => UserForms.RolesUpTo(me.Role);

    public void OnGet() => RegionCode = me.RegionCode;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var ok = ModelState.AcceptBinding();
        if (Password != ConfirmPassword) ModelState.AddModelError(nameof(ConfirmPassword), "两次输入的密码不一致");
        if (!ok || Password != ConfirmPassword)
        {
            Problem = FormErrors.FixAndRetry;
            return Page();
        }
        var result = await handler.CreateAsync(new CreateUserRequest(UserName ?? "", DisplayName ?? "", Role ?? "", RegionCode ?? "", Password ?? ""), ct);
        if (!result.Succeeded)
        {
            Problem = ModelState.AddFailure(result.Failure!);
            return Page();
        }
        TempData["Message"] = $"已新增用户 {result.Value!.UserName}（{result.Value.RoleLabel}）";
        return Redirect("/admin/users");
    }
}

internal static class UserForms
{
    /// <summary>Roles an admin may grant: never above their own rank.</summary>
    public static List<SelectListItem> RolesUpTo(string? myRole)
    {
        var rank = Roles.Find(myRole)?.Rank ?? 0;
        return [new SelectListItem("请选择", ""), .. Roles.All.Where(r => r.Rank <= rank).Select(r => new SelectListItem(r.Label, r.Name))];
    }
}
