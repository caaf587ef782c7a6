using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Partners.Consumption;

/// <summary>导入销售月报: the platform's monthly sales file, as POST /api/v1/partners/consumption/sales/import.</summary>
[Authorize(Permissions.PartnersManage)]
[UploadLimit(UploadLimits.ImportKey, UploadLimits.ImportDefault, "导入文件")]
public sealed class ImportModel(ConsumptionImportHandler handler) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }

    public SalesImportSummary? Summary { get; private set; }
    public IReadOnlyList<RowError> RowErrors { get; private set; } = [];
    public string? Error { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0) Error = FormErrors.FixAndRetry;
        else if (Upload is null || Upload.Length == 0) Errors["upload"] = [Error = "请选择要导入的文件（.xlsx 或 .csv）"];
        else
        {
            await using var stream = Upload.OpenReadStream();
            var outcome = await handler.ImportAsync(stream, ct);
            Summary = outcome.Summary;
            RowErrors = outcome.Errors;
            Error = outcome.FileError ?? (RowErrors.Count > 0 ? ImportErrors.PageMessage(RowErrors) : null);
        }
        return Page();
    }
}
