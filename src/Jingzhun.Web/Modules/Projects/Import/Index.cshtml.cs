using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Projects.Import;

/// <summary>Excel 导入: the project library, 资金下达, 资金支付 or the asset ledger; a template per kind; all or nothing.</summary>
[Authorize(Permissions.ProjectsView)]
[UploadLimit(UploadLimits.ImportKey, UploadLimits.ImportDefault, "导入文件")]
public sealed class IndexModel(ProjectsImportHandler handler, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public ImportKind? Kind { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public ImportSummary? Summary { get; private set; }
    public IReadOnlyList<RowError> RowErrors { get; private set; } = [];
    public string? Error { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The kinds this user may import (the page offers only those).</summary>
    public IReadOnlyList<ImportKind> Allowed => ProjectsImportHandler.InOrder.Where(k => me.Has(ProjectsImportHandler.PermissionOf(k))).ToList();

    public void OnGet()
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0) Error = FormErrors.FixAndRetry;
        Kind ??= Allowed.FirstOrDefault();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0) Error = FormErrors.FixAndRetry;
        else if (Kind is not { } kind || !Enum.IsDefined(kind)) Errors["kind"] = [Error = "请选择导入的内容"];
        else if (!me.Has(ProjectsImportHandler.PermissionOf(kind))) Error = $"您的角色不能导入{Labels.Of(kind)}";
        else if (Upload is null || Upload.Length == 0) Errors["upload"] = [Error = "请选择要导入的文件（.xlsx 或 .csv）"];
        else
        {
            await using var stream = Upload.OpenReadStream();
            var outcome = await handler.ImportAsync(kind, stream, ct);
            Summary = outcome.Summary;
            RowErrors = outcome.Errors;
            Error = outcome.FileError ?? (RowErrors.Count > 0
                ? ImportErrors.PageMessage(RowErrors)
                : null);
        }
        return Page();
    }
}
