using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Admin.ManageBackups;

/// <summary>数据备份: the last backups, the schedule and 立即备份.</summary>
[Authorize(Policy = Permissions.SystemBackup)]
public sealed class IndexModel(ManageBackupsHandler handler) : PageModel
{
    public BackupsView View { get; private set; } = new([], new BackupSchedule(null, 14, "", false, "", null, null));
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => View = await handler.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await handler.CreateNowAsync(ct);
        if (r.Succeeded)
        {
            TempData["Message"] = $"备份完成：{r.Value!.Name}（{r.Value.Size}，{(r.Value.KeyRingIncluded ? "含加密的密钥环" : "不含密钥环")}）";
            return RedirectToPage();
        }
        Error = r.Failure!.Message;
        View = await handler.ListAsync(ct);
        return Page();
    }
}
