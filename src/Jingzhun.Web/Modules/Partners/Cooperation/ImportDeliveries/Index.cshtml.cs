using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Partners.Cooperation.ImportDeliveries;

/// <summary>导入到位情况 of one agreement, as POST /api/v1/partners/cooperation/agreements/{id}/deliveries/import.</summary>
[Authorize(Permissions.PartnersManage)]
[UploadLimit(UploadLimits.ImportKey, UploadLimits.ImportDefault, "导入文件")]
public sealed class IndexModel(DeliveryListImportHandler handler, ManageCooperationHandler agreements) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }

    public AgreementView? Agreement { get; private set; }
    public DeliveryListSummary? Summary { get; private set; }
    public IReadOnlyList<RowError> RowErrors { get; private set; } = [];
    public string? Error { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var a = await agreements.GetAgreementAsync(id, ct);
        if (!a.Succeeded) return NotFound();
        Agreement = a.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        var a = await agreements.GetAgreementAsync(id, ct);
        if (!a.Succeeded) return NotFound();
        Agreement = a.Value;
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0) Error = FormErrors.FixAndRetry;
        else if (Upload is null || Upload.Length == 0) Errors["upload"] = [Error = "请选择要导入的文件（.xlsx 或 .csv）"];
        else
        {
            await using var stream = Upload.OpenReadStream();
            var outcome = await handler.ImportAsync(id, stream, ct);
            if (!outcome.Succeeded)
            {
                if (outcome.Failure!.Kind == FailureKind.Forbidden) return Forbid();
                return NotFound();
            }
            Summary = outcome.Value!.Summary;
            RowErrors = outcome.Value.Errors;
            Error = outcome.Value.FileError ?? (RowErrors.Count > 0 ? ImportErrors.PageMessage(RowErrors) : null);
        }
        return Page();
    }
}
