using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Registry.Transfer;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Jobs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Jingzhun.Web.Platform.Forms;

namespace Jingzhun.Web.Modules.Registry.ImportHouseholds;

/// <summary>导入户籍档案: template, upload with mode and 预检, then the job's progress and result.</summary>
[Authorize(Permissions.RegistryImport)]
[UploadLimit(UploadLimits.ImportKey, UploadLimits.ImportDefault, "导入文件")]
public sealed class IndexModel(ImportHouseholdsHandler handler, Jobs jobs, RegionDirectory regions, CurrentUser me) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Region { get; set; }
    [BindProperty] public ImportMode Mode { get; set; } = ImportMode.All;
    [BindProperty] public bool DryRun { get; set; }
    [BindProperty(SupportsGet = true)] public long? Job { get; set; }

    public ImportStatus? Current { get; private set; }
    public IReadOnlyList<JobView> Recent { get; private set; } = [];
    public string? Error { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public bool CanExport => me.Has(Permissions.RegistryExport) && me.Has(Permissions.RegistryRevealId);
    public string UserRegion => me.RegionCode ?? "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0) Error = FormErrors.FixAndRetry;
        else
        {
            var started = await handler.StartAsync(Upload, Region, Mode, DryRun, ct);
            if (started.Succeeded) return Redirect($"/households/import?job={started.Value!.JobId}");
            Error = started.Failure!.Message;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Job is { } id && await handler.StatusAsync(id, ct) is { Succeeded: true } s) Current = s.Value;
        Recent = await jobs.RecentAsync(ImportHouseholdsHandler.JobKind, 10, ct);
    }

    public string RegionName(string code) => regions.NameOf(code);
}
