using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Admin.ManageUsers;

[Authorize(Policy = Permissions.UsersManage)]
public sealed class IndexModel(ManageUsersHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public IReadOnlyList<UserView> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Users = await handler.ListAsync(Q?.Trim(), ct);

    public async Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct)
    {
        var r = await handler.UnlockAsync(id, ct);
        TempData["Message"] = r.Succeeded ? $"已解锁用户 {r.Value!.UserName}" : r.Failure!.Message;
        return RedirectToPage(new { Q });
    }
}
