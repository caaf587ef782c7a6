using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Projects.AssetChecks;

/// <summary>The fields of the batch page's forms; each form uses its own.</summary>
public sealed class AssetCheckInput
{
    public int Version { get; set; }
    public long? LineId { get; set; }
    public CheckFinding? Finding { get; set; }
    public DateOnly? CheckedOn { get; set; }
    public string? Note { get; set; }
    public string? ResponsiblePerson { get; set; }
    public string? ResponsibleUnit { get; set; }
    public DateOnly? Deadline { get; set; }
    public long? RectificationId { get; set; }
    public string? Measure { get; set; }
    public DateOnly? RectifiedOn { get; set; }
    public bool? Passed { get; set; }
}

/// <summary>
/// One 核查批次: its progress, its lines (each unchecked one with its finding form), the 整改 items (recorded as done by
/// the township, verified by someone else), the export and the close button once every line is checked.
/// </summary>
[Authorize(Permissions.ProjectsView)]
[Platform.Files.UploadLimit(Platform.Files.UploadLimits.FilesKey, Platform.Files.UploadLimits.FilesDefault * ManageAssetChecksHandler.MaxFindingPhotos, "核查照片")]
public sealed class DetailModel(ManageAssetChecksHandler handler, Platform.Files.FileStore files, TimeProvider clock) : PageModel
{
    public const int LinesPerPage = 50;

    /// <summary>The finding's photos (JPEG/PNG), stored before the finding is saved.</summary>
    [BindProperty] public List<IFormFile> Photos { get; set; } = [];

    public AssetCheckView View { get; private set; } = null!;
    [BindProperty] public AssetCheckInput Input { get; set; } = new();
    [TempData] public string? Notice { get; set; }
    /// <summary>Which lines to list: all, unchecked, problems.</summary>
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }
    /// <summary>Part of an asset's name: a large batch's line found without paging.</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    /// <summary>The form that failed ("finding:{line}", "rectify:{id}", "verify:{id}", "close"): shown again with its errors.</summary>
    public string? Failed { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public DateOnly Today => ChinaTime.Today(clock);

    public IReadOnlyList<AssetCheckLineView> Shown => [.. (Show switch
    {
        "unchecked" => View.Lines.Where(l => l.Finding is null),
        "problems" => View.Lines.Where(l => l.Finding is not null and not CheckFinding.Exists),
        _ => View.Lines,
    }).Where(l => string.IsNullOrWhiteSpace(Q) || l.AssetName.Contains(Q.Trim(), StringComparison.Ordinal))];

    /// <summary>The list's filters as a query string prefix ("show=…&amp;q=…&amp;", or empty).</summary>
    public string ListQuery => string.Concat(Show is "unchecked" or "problems" ? "show=" + Show + "&" : "",
        string.IsNullOrWhiteSpace(Q) ? "" : "q=" + Uri.EscapeDataString(Q.Trim()) + "&");

    public int CurrentPage => Math.Max(1, PageNumber ?? 1);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostFindingAsync(long id, CancellationToken ct) => RunAsync(id, $"finding:{Input.LineId}", async () =>
    {
        var ids = await files.SavePhotosAsync(Photos, ManageAssetChecksHandler.MaxFindingPhotos, "核查照片", ct);
        if (!ids.Succeeded) return ids.Failure!;
        return await handler.RecordFindingAsync(Input.LineId ?? 0, new RecordFindingRequest(Input.Version, Input.Finding ?? 0, Input.CheckedOn ?? default,
            Blank(Input.Note), Blank(Input.ResponsiblePerson), Blank(Input.ResponsibleUnit), Input.Deadline, ids.Value), ct);
    }, v => (Input.Finding is { } f and not CheckFinding.Exists ? $"已登记核查结果：{Labels.Of(f)}，已生成整改事项" : "已登记核查结果：账实相符")
        + (Photos.Count > 0 ? $"（照片{Photos.Count}张）" : ""), ct);

    public Task<IActionResult> OnPostRectifyAsync(long id, CancellationToken ct) => RunAsync(id, $"rectify:{Input.RectificationId}", () =>
        handler.RectifyAsync(Input.RectificationId ?? 0, new RectifyRequest(Input.Version, Blank(Input.Measure), Input.RectifiedOn ?? default), ct),
        _ => "已登记整改完成，待核实", ct);

    public Task<IActionResult> OnPostVerifyAsync(long id, CancellationToken ct) => RunAsync(id, $"verify:{Input.RectificationId}", () =>
        handler.VerifyAsync(Input.RectificationId ?? 0, new VerifyRectificationRequest(Input.Version, Input.Passed, Blank(Input.Note)), ct),
        v => Input.Passed != true ? "已退回重改"
            : v.Rectifications.FirstOrDefault(r => r.Id == Input.RectificationId)?.AssetOutcome is { } outcome ? $"已核实整改；{outcome}" : "已核实整改", ct);

    public Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct) => RunAsync(id, "close", () =>
        handler.CloseAsync(id, new CloseAssetCheckRequest(Input.Version), ct), _ => "核查批次已结束", ct);

    private async Task<IActionResult> RunAsync(long id, string form, Func<Task<Outcome<AssetCheckView>>> act, Func<AssetCheckView, string> notice,
        CancellationToken ct)
    {
        Failed = form;
        Errors = ModelState.BindingErrors(nameof(Input));
        if (Errors.Count > 0) return await ShowAsync(id, null, ct);
        var r = await act();
        if (r.Succeeded)
        {
            Notice = notice(r.Value!);
            return Redirect($"/projects/assets/checks/{id}" + (ListQuery.Length > 0 ? "?" + ListQuery.TrimEnd('&') : ""));
        }
        return await ShowAsync(id, r.Failure, ct);
    }

    private async Task<IActionResult> ShowAsync(long id, Failure? failure, CancellationToken ct)
    {
        Error = failure?.Message ?? FormErrors.FixAndRetry;
        if (failure is not null) Errors = FormErrors.FieldErrors(failure);
        if (!await LoadAsync(id, ct)) return NotFound();
        // The failed line's form stays on the page shown.
        if (Failed?.StartsWith("finding:", StringComparison.Ordinal) == true && Input.LineId is { } line)
        {
            var at = Shown.ToList().FindIndex(l => l.Id == line);
            if (at >= 0) PageNumber = at / LinesPerPage + 1;
        }
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var r = await handler.GetAsync(id, ct);
        if (!r.Succeeded) return false;
        View = r.Value!;
        return true;
    }

    /// <summary>The value to show in a field: what was typed when this form failed, else nothing.</summary>
    public T? Typed<T>(string form, T? value) => Failed == form ? value : default;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
