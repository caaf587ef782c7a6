using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry.SearchHouseholds;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Jingzhun.Web.Platform.Forms;

namespace Jingzhun.Web.Modules.FieldWork.ManagePairings;

/// <summary>结对帮扶: bulk pairing (POST /api/v1/pairings/bulk) and the Excel import (POST /api/v1/pairings/import).</summary>
[Authorize(Permissions.FieldWorkManage)]
[Platform.Files.UploadLimit(Platform.Files.UploadLimits.PairingImportKey, Platform.Files.UploadLimits.PairingImportDefault, "结对导入文件")]
public sealed class PairingModel(ManagePairingsHandler pairings, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public bool OnlyUnpaired { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public PageResult<CandidateRow>? Candidates { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public List<string> RowErrors { get; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public DateOnly Today => ChinaTime.Today(clock);

    /// <summary>What the pairing form posted, shown again when it is refused (the start date as typed).</summary>
    public (IReadOnlyCollection<long> HouseholdIds, long? CadreId, string? StartedOn) Posted { get; private set; } = ([], null, null);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostPairAsync(List<long> householdIds, long? cadreId, DateOnly? startedOn, CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0) Error = FormErrors.FixAndRetry;
        else
        {
            var r = await pairings.BulkPairAsync(new BulkPairRequest(householdIds, cadreId ?? 0, startedOn), ct);
            if (r.Succeeded) Message = $"已结对 {r.Value!.Paired} 户（其中轮换 {r.Value.Rotated} 户），{r.Value.Unchanged} 户原已与该干部结对";
            else
            {
                Error = r.Failure!.Message;
                Errors = FormErrors.FieldErrors(r.Failure);
            }
        }
        if (Error is not null) Posted = (householdIds, cadreId, ModelState["startedOn"]?.AttemptedValue);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) Error = "请选择要导入的 Excel 文件";
        else
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            var r = await pairings.ImportAsync(buffer, ct);
            if (r.Succeeded) Message = $"导入完成：结对 {r.Value!.Paired} 户（其中轮换 {r.Value.Rotated} 户），{r.Value.Unchanged} 户无变化";
            else
            {
                Error = r.Failure!.Message;
                RowErrors.AddRange(r.Failure.Errors?.Values.SelectMany(v => v) ?? []);
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        // A village user's region picker has nothing below the village to choose: their list is their village's.
        if (string.IsNullOrWhiteSpace(Region) && me.RegionCode is { } own && RegionCodes.IsValid(own) && RegionCodes.LevelOf(own) == RegionLevel.Village)
            Region = own;
        if (!string.IsNullOrWhiteSpace(Region)) Candidates = await pairings.CandidatesAsync(Region, OnlyUnpaired, PageNumber, ct);
    }
}
