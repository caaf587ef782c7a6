using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Employment.ImportLoans;

/// <summary>导入银行月报: the bank's monthly loan list, as POST /api/v1/employment/loans/import.</summary>
[Authorize(Permissions.MonitoringWork)]
[UploadLimit(UploadLimits.ImportKey, UploadLimits.ImportDefault, "导入文件")]
public sealed class IndexModel(LoanListImportHandler handler) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public DateOnly? AsOf { get; set; }

    public LoanListSummary? Summary { get; private set; }
    public IReadOnlyList<RowError> RowErrors { get; private set; } = [];
    public IReadOnlyList<UnmatchedRow> Unmatched { get; private set; } = [];
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
            var outcome = await handler.ImportAsync(stream, AsOf, ct);
            Summary = outcome.Summary;
            RowErrors = outcome.Errors;
            Unmatched = outcome.Unmatched;
            Error = outcome.FileError ?? (RowErrors.Count > 0
                ? ImportErrors.PageMessage(RowErrors)
                : null);
        }
        return Page();
    }
}
