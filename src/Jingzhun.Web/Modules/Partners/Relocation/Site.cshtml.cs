using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Partners.Relocation;

/// <summary>
/// One site: its facilities and figures, its relocated households (drill-down to each one's follow-up), 关联搬迁户 and
/// 按安置点名称关联 (POST /api/v1/partners/relocation/sites/{id}/households[/match]).
/// </summary>
[Authorize(Permissions.PartnersView)]
public sealed class SiteModel(ManageSitesHandler handler, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }
    [BindProperty] public long? HouseholdId { get; set; }
    [BindProperty] public string? OriginVillageCode { get; set; }
    [BindProperty] public int? RelocatedYear { get; set; }

    public SiteView? Site { get; private set; }
    public PageResult<SiteHouseholdRow>? Households { get; private set; }
    public bool CanEdit => me.Has(Permissions.PartnersManage);
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var year = ModelState.BindingErrors().ContainsKey("year") ? null : Year;
        var r = await handler.GetAsync(id, year, ct);
        if (!r.Succeeded)
        {
            if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
            Errors = FormErrors.FieldErrors(r.Failure);
            Error = r.Failure.Message;
            r = await handler.GetAsync(id, null, ct);
            if (!r.Succeeded) return NotFound();
        }
        Site = r.Value;
        Households = (await handler.HouseholdsAsync(id, PageNumber, 50, ct)).Value;
        return null;
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0) Error = FormErrors.FixAndRetry;
        return await LoadAsync(id, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostLinkAsync(long id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var errors = ModelState.BindingErrors();
        if (errors.Count == 0 && HouseholdId is null) errors["householdId"] = ["请选择搬迁户"];
        if (errors.Count > 0)
        {
            if (await LoadAsync(id, ct) is { } missing) return missing;
            (Errors, Error) = (errors, FormErrors.FixAndRetry);
            return Page();
        }
        var r = await handler.LinkAsync(id, new LinkHouseholdRequest(HouseholdId!.Value, OriginVillageCode, RelocatedYear), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = "已关联搬迁户";
            return Redirect($"/partners/relocation/sites/{id}");
        }
        return await RefusedAsync(id, r.Failure!, ct);
    }

    public async Task<IActionResult> OnPostMatchAsync(long id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var r = await handler.MatchAsync(id, ct);
        if (r.Succeeded)
        {
            TempData["Message"] = r.Value!.Linked > 0
                ? $"已按名称关联 {r.Value.Linked} 户搬迁户"
                : "没有可关联的搬迁户：户籍档案中“安置点”与本安置点同名的搬迁户都已关联";
            return Redirect($"/partners/relocation/sites/{id}");
        }
        return await RefusedAsync(id, r.Failure!, ct);
    }

    private async Task<IActionResult> RefusedAsync(long id, Failure f, CancellationToken ct)
    {
        // The site gone answers 404 (LoadAsync); a household out of scope is told beside the form.
        if (await LoadAsync(id, ct) is { } missing) return missing;
        if (f.Kind == FailureKind.Conflict) Response.StatusCode = StatusCodes.Status409Conflict;
        Errors = FormErrors.FieldErrors(f);
        Error = f.Message;
        return Page();
    }
}
