using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Jingzhun.Web.Modules.Admin.ManageUsers;

[Authorize(Policy = Permissions.UsersManage)]
public sealed class EditModel(ManageUsersHandler handler, CurrentUser me) : PageModel
{
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? RegionCode { get; set; }
    [BindProperty] public bool Locked { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? ConcurrencyStamp { get; set; }

    public UserView? Current { get; private set; }
    public bool IsMe { get; private set; }
    public string? Problem { get; private set; }
    public List<SelectListItem> RoleOptions => UserForms.RolesUpTo(me.Role);

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        var u = await handler.GetAsync(id, ct);
        if (!u.Succeeded) return false;
        Current = u.Value!;
        IsMe = Current.Id == me.Id;
        return true;
    }

    public async Task<IActionResult> OnGetAsync([FromRoute] string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        (DisplayName, Role, RegionCode, Locked, ConcurrencyStamp) = (Current!.DisplayName, Current.Role, Current.RegionCode, Current.IsLocked, Current.ConcurrencyStamp);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ModelState.AcceptBinding())
        {
            Problem = FormErrors.FixAndRetry;
            return Page();
        }
        var request = new UpdateUserRequest(DisplayName ?? "", Role ?? "", RegionCode ?? "", Locked, string.IsNullOrEmpty(NewPassword) ? null : NewPassword,
            ConcurrencyStamp);
        var result = await handler.UpdateAsync(id, request, ct);
        if (!result.Succeeded)
        {
            if (result.Failure!.Kind == FailureKind.NotFound) return NotFound();
            Problem = ModelState.AddFailure(result.Failure);
            return Page();
        }
        TempData["Message"] = $"用户 {result.Value!.UserName} 已保存" + (Locked ? "（已停用）" : "");
        return Redirect("/admin/users");
    }
}
