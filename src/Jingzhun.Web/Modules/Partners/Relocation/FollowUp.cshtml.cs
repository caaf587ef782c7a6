using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Partners.Relocation;

/// <summary>
/// 搬迁户后续扶持档案 of a household: the checklist, its labour at work, its supports; 修改档案, 登记扶持 and 撤销 (the same
/// handlers as PUT/POST/DELETE /api/v1/partners/relocation/households/{householdId}).
/// </summary>
[Authorize(Permissions.PartnersView)]
public sealed class FollowUpModel(ManageFollowUpHandler handler, ManageSitesHandler sites, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty] public long SiteId { get; set; }
    [BindProperty] public string? OriginVillageCode { get; set; }
    [BindProperty] public int? RelocatedYear { get; set; }
    [BindProperty] public bool PropertyCertificateIssued { get; set; }
    [BindProperty] public bool HukouMoved { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public SupportKind? Kind { get; set; }
    [BindProperty] public int? SupportYear { get; set; }
    [BindProperty] public decimal? Amount { get; set; }
    [BindProperty] public DateOnly? PaidOn { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public long SupportId { get; set; }

    public FollowUpView? Record { get; private set; }
    public IReadOnlyList<SiteRow> Sites { get; private set; } = [];
    public bool CanEdit => me.Has(Permissions.PartnersManage);
    public int ThisYear => ChinaTime.Today(clock).Year;
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    /// <summary>Which form the errors belong to ("record" or "support"), so the other keeps its stored values.</summary>
    public string? FailedForm { get; private set; }

    private async Task<IActionResult?> LoadAsync(long householdId, bool keepForm, CancellationToken ct)
    {
        var r = await handler.GetAsync(householdId, ct);
        if (!r.Succeeded || r.Value is null) return NotFound();
        Record = r.Value;
        if (CanEdit)
            Sites = (await sites.SearchAsync(new SiteQuery(Record.VillageCode[..6], null, null, null, null, 1, 200), ct)).Value?.Items ?? [];
        if (!keepForm)
            (SiteId, OriginVillageCode, RelocatedYear, PropertyCertificateIssued, HukouMoved) =
                (Record.SiteId, Record.OriginVillageCode, Record.RelocatedYear, Record.PropertyCertificateIssued, Record.HukouMoved);
        Version = Record.Version;
        return null;
    }

    public async Task<IActionResult> OnGetAsync(long householdId, CancellationToken ct) => await LoadAsync(householdId, false, ct) ?? Page();

    public async Task<IActionResult> OnPostRecordAsync(long householdId, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var version = Version;
        var errors = ModelState.BindingErrors();
        if (errors.Count == 0)
        {
            var r = await handler.EditAsync(householdId, new EditFollowUpRequest(SiteId, OriginVillageCode, RelocatedYear, PropertyCertificateIssued, HukouMoved, version), ct);
            if (r.Succeeded)
            {
                TempData["Message"] = "已保存后续扶持档案";
                return Redirect($"/partners/relocation/households/{householdId}");
            }
            return await RefusedAsync(householdId, "record", r.Failure!, ct);
        }
        if (await LoadAsync(householdId, true, ct) is { } missing) return missing;
        (Errors, Error, FailedForm) = (errors, FormErrors.FixAndRetry, "record");
        return Page();
    }

    public async Task<IActionResult> OnPostSupportAsync(long householdId, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var version = Version;
        var errors = ModelState.BindingErrors();
        if (errors.Count == 0 && Kind is null) errors["kind"] = ["请选择扶持类型"];
        if (errors.Count == 0 && SupportYear is null) errors["year"] = ["请填写扶持年度"];
        if (errors.Count == 0 && Amount is null) errors["amount"] = ["请填写金额"];
        if (errors.Count == 0)
        {
            var r = await handler.AddSupportAsync(householdId, new AddSupportRequest(Kind!.Value, SupportYear!.Value, Amount!.Value, PaidOn, Note, version), ct);
            if (r.Succeeded)
            {
                TempData["Message"] = $"已登记{Labels.Of(Kind)} {RelocationPages.Money(Amount.Value)} 元";
                return Redirect($"/partners/relocation/households/{householdId}");
            }
            return await RefusedAsync(householdId, "support", r.Failure!, ct);
        }
        if (await LoadAsync(householdId, false, ct) is { } missing) return missing;
        (Errors, Error, FailedForm) = (errors, FormErrors.FixAndRetry, "support");
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(long householdId, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var r = await handler.RemoveSupportAsync(householdId, SupportId, Version, ct);
        if (r.Succeeded)
        {
            TempData["Message"] = "已撤销该笔扶持";
            return Redirect($"/partners/relocation/households/{householdId}");
        }
        return await RefusedAsync(householdId, "support", r.Failure!, ct);
    }

    private async Task<IActionResult> RefusedAsync(long householdId, string form, Failure f, CancellationToken ct)
    {
        if (await LoadAsync(householdId, form == "record", ct) is { } missing) return missing;
        if (f.Kind == FailureKind.Conflict) Response.StatusCode = StatusCodes.Status409Conflict;
        (Errors, Error, FailedForm) = (FormErrors.FieldErrors(f), f.Message, form);
        if (form == "support" && Errors.Remove("year", out var y)) Errors["supportYear"] = y;
        return Page();
    }
}
