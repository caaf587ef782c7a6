using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Jingzhun.Web.Platform.Forms;

namespace Jingzhun.Web.Modules.Reports.Snapshots;

/// <summary>年度数据冻结: the snapshots of the user's subtree, the freeze form and the choice of two to compare.</summary>
[Authorize(Permissions.RegistryView)]
public sealed class IndexModel(SnapshotsHandler handler, CurrentUser user, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Region { get; set; }
    [BindProperty] public int Year { get; set; }
    [BindProperty] public string? Label { get; set; }
    [BindProperty] public bool Replace { get; set; }

    public IReadOnlyList<SnapshotInfo> Snapshots { get; private set; } = [];
    public string? Error { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Set when the freeze was refused because one exists: the form then offers 确认替换.</summary>
    public bool Exists { get; private set; }
    public bool CanCreate => user.Has(Permissions.RegistrySnapshot);
    public int ThisYear { get; } = Platform.Localization.ChinaTime.Today(clock).Year;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Year = ThisYear - 1;
        Snapshots = await handler.ListAsync(null, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanCreate) return Forbid();
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0) Error = FormErrors.FixAndRetry;
        else
        {
            var r = await handler.CreateAsync(new CreateSnapshotRequest(Region, Year, Label, Replace), ct);
            if (r.Succeeded)
            {
                TempData["Message"] = $"已冻结 {r.Value!.RegionName}{r.Value.Year}年度数据：{r.Value.Households}户{r.Value.People}人（快照 {r.Value.Id}）";
                return Redirect("/reports/snapshots");
            }
            Error = r.Failure!.Message;
            Errors = FormErrors.FieldErrors(r.Failure);
            Exists = r.Failure.Kind == FailureKind.Conflict;
        }
        Snapshots = await handler.ListAsync(null, ct);
        return Page();
    }
}

[Authorize(Permissions.RegistryView)]
public sealed class CompareModel(SnapshotsHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public long From { get; set; }
    [BindProperty(SupportsGet = true)] public long To { get; set; }

    public SnapshotComparison? Comparison { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await handler.CompareAsync(From, To, ct);
        if (r.Succeeded) Comparison = r.Value;
        else
        {
            if (r.Failure!.Kind == FailureKind.NotFound) Response.StatusCode = StatusCodes.Status404NotFound;
            Error = r.Failure.Message;
        }
        return Page();
    }
}
