using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Guarantees.ManageProblems;

/// <summary>The fields of every step's form; only those of <see cref="Transition"/> are used.</summary>
public sealed class StepInput
{
    public ProblemTransition Transition { get; set; }
    public int Version { get; set; }
    public string? Unit { get; set; }
    public string? Person { get; set; }
    public DateOnly? Deadline { get; set; }
    public string? Note { get; set; }
    public string? Measure { get; set; }
    public string? EvidenceText { get; set; }
    public string? Reason { get; set; }
    /// <summary>Photos already stored (by an earlier, failed submit, or the evidence of a returned resolution) that are kept.</summary>
    public List<string> SavedPhotoIds { get; set; } = [];
}

[Authorize(Permissions.GuaranteesView)]
public sealed class DetailModel(ManageProblemsHandler handler, FileStore files, TimeProvider clock) : PageModel
{
    public ProblemView View { get; private set; } = null!;
    [BindProperty] public StepInput Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Photos { get; set; } = [];

    /// <summary>The step whose form failed: its fields are shown again with the errors.</summary>
    public ProblemTransition? Failed { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public bool IsConflict { get; private set; }
    [TempData] public string? Notice { get; set; }
    public IReadOnlyList<StoredFileView> SavedPhotos { get; private set; } = [];

    /// <summary>The deadline the handler applies when none is given (today + the policy's days for the severity).</summary>
    public (int Days, DateOnly Date) DefaultDeadline { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        Failed = Input.Transition;
        Errors = ModelState.BindingErrors(nameof(Input));
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return await ReloadAsync(id, ct);
        }
        var photoIds = Input.SavedPhotoIds.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x.Trim()).Distinct().ToList();
        if (Input.Transition == ProblemTransition.Resolve && Photos.Count > 0)
        {
            if (photoIds.Count + Photos.Count > 9)
            {
                Errors["photoIds"] = ["佐证照片最多9张"];
                return await ReloadAsync(id, ct);
            }
            var bad = new List<string>();
            foreach (var f in Photos)
            {
                var saved = await files.SaveAsync(f, ct);
                if (saved.Succeeded) photoIds.Add(saved.Value!.Id);
                else bad.Add($"{f.FileName}：{saved.Failure!.Message}");
            }
            Input.SavedPhotoIds = photoIds;
            if (bad.Count > 0)
            {
                Errors["photoIds"] = [.. bad, "其余照片已保存，请重新选择未通过的照片"];
                return await ReloadAsync(id, ct);
            }
        }
        var r = await handler.TransitionAsync(id, new TransitionRequest(Input.Transition, Input.Version, Input.Unit, Input.Person, Input.Deadline,
            Blank(Input.Note), Input.Measure, Input.EvidenceText, photoIds, Input.Reason), ct);
        if (r.Succeeded)
        {
            Notice = $"已{Labels.Of(Input.Transition)}，问题当前为“{Labels.Of(r.Value!.Problem.Status)}”";
            return Redirect($"/problems/{id}");
        }
        var f2 = r.Failure!;
        if (f2.Kind == FailureKind.NotFound) return NotFound();
        Error = f2.Message;
        IsConflict = f2.Kind == FailureKind.Conflict;
        Errors = FormErrors.FieldErrors(f2);
        return await ReloadAsync(id, ct);
    }

    private async Task<IActionResult> ReloadAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        SavedPhotos = Input.SavedPhotoIds.Count == 0 ? [] : await files.FindAsync(Input.SavedPhotoIds, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var r = await handler.GetAsync(id, ct);
        if (!r.Succeeded) return false;
        View = r.Value!;
        Today = ChinaTime.Today(clock);
        DefaultDeadline = await handler.DefaultDeadlineAsync(View.Problem.VillageCode, View.Problem.Severity, ct);
        return true;
    }

    /// <summary>The value to show in a field: what was typed when this step failed, else nothing.</summary>
    public string? Typed(ProblemTransition step, string? value) => Failed == step ? value : null;

    /// <summary>The photos offered as kept in the resolve form: those of a failed submit, or of the returned resolution.</summary>
    public IReadOnlyList<StoredFileView> KeptPhotos => Failed == ProblemTransition.Resolve ? SavedPhotos : View.Photos;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
