using Jingzhun.Web.Modules.FieldWork.Compliance;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jingzhun.Web.Modules.FieldWork.WorkLogs;

[Authorize(Permissions.FieldWorkView)]
public sealed class IndexModel(WorkLogsHandler handler, FileStore files, CurrentUser user) : ViewPage<WorkLogList>
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public long? CadreId { get; set; }
    [BindProperty(SupportsGet = true)] public long? WorkTeamId { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int Pg { get; set; } = 1;

    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? ProjectName { get; set; }
    [BindProperty] public List<long> HouseholdIds { get; set; } = [];
    [BindProperty] public List<IFormFile> Photos { get; set; } = [];
    public string? Message { get; private set; }
    public string? FormError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => Show(await handler.ListAsync(Region, CadreId, WorkTeamId, Pg, ct));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!user.Has(Permissions.FieldWorkLog)) return Forbid();
        if (!ModelState.AcceptBinding()) return await Again(FormErrors.FixAndRetry, ct);
        var ids = HouseholdIds.Distinct().ToList();
        var photoIds = new List<string>();
        foreach (var f in Photos)
        {
            var saved = await files.SaveAsync(f, ct);
            if (!saved.Succeeded) return await Again($"{f.FileName}：{saved.Failure!.Message}", ct);
            photoIds.Add(saved.Value!.Id);
        }
        var r = await handler.WriteAsync(new WriteWorkLogRequest(Date, Text, ProjectName, CadreId, WorkTeamId, ids, photoIds), ct);
        if (!r.Succeeded) return await Again(ModelState.AddFailure(r.Failure!, "", "cadreId", "workTeamId", "householdIds", "photoIds", "region"), ct);
        TempData["Message"] = "工作日志已保存";
        return Redirect($"/fieldwork/logs?{QueryStrings.Join(("region", Region), ("cadreId", CadreId?.ToString()), ("workTeamId", WorkTeamId?.ToString()))}");
    }

    /// <summary>The messages the handler gave a field (its API name), shown under the field's picker.</summary>
    public string FieldError(string field) => string.Join("；", ModelState.Where(e => e.Key.StartsWith(field, StringComparison.OrdinalIgnoreCase))
        .SelectMany(e => e.Value!.Errors).Select(e => e.ErrorMessage));

    private async Task<IActionResult> Again(string error, CancellationToken ct)
    {
        FormError = error;
        var list = await handler.ListAsync(Region, CadreId, WorkTeamId, Pg, ct);
        return Show(list);
    }
}
