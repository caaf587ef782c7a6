using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Partners.Cooperation;

/// <summary>One partnership with its yearly agreements; 登记年度协议 as POST /api/v1/partners/cooperation/partnerships/{id}/agreements.</summary>
[Authorize(Permissions.PartnersView)]
public sealed class DetailModel(ManageCooperationHandler handler, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public DateOnly? SignedOn { get; set; }
    // 修改结对关系
    [BindProperty] public PartnershipKind? Kind { get; set; }
    [BindProperty] public string? PartnerName { get; set; }
    [BindProperty] public string? PartnerRegionCode { get; set; }
    [BindProperty] public int? SinceYear { get; set; }
    [BindProperty] public string? ContactUnit { get; set; }
    [BindProperty] public PartnershipStatus? Status { get; set; }
    [BindProperty] public int Version { get; set; }

    public PartnershipView? Partnership { get; private set; }
    public bool CanEdit => CooperationPages.CanEdit(me);
    public int ThisYear => ChinaTime.Today(clock).Year;
    /// <summary>Which form the errors belong to: "agreement" or "edit".</summary>
    public string? Form { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var r = await handler.GetAsync(id, ct);
        if (!r.Succeeded) return NotFound();
        Partnership = r.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAgreementAsync(long id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var current = await handler.GetAsync(id, ct);
        if (!current.Succeeded) return NotFound();
        Partnership = current.Value;
        Form = "agreement";
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await handler.CreateAgreementAsync(id, new CreateAgreementRequest(Year, Title, SignedOn), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = $"已登记{r.Value!.Year}年协作协议，请设定各项指标的年度目标";
            return Redirect($"/partners/cooperation/agreements/{r.Value.Id}");
        }
        if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
        if (r.Failure.Kind == FailureKind.Forbidden) return Forbid();
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure.Message;
        return Page();
    }

    /// <summary>修改结对关系 (PUT /api/v1/partners/cooperation/partnerships/{id}) on the version read.</summary>
    public async Task<IActionResult> OnPostEditAsync(long id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var current = await handler.GetAsync(id, ct);
        if (!current.Succeeded) return NotFound();
        Partnership = current.Value;
        Form = "edit";
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await handler.EditAsync(id, new EditPartnershipRequest(Kind, PartnerName, PartnerRegionCode, SinceYear, ContactUnit, Status, Version), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = $"已修改结对关系：{r.Value!.Partnership.PartnerName}";
            return Redirect($"/partners/cooperation/{id}");
        }
        if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
        if (r.Failure.Kind == FailureKind.Forbidden) return Forbid();
        if (r.Failure.Kind == FailureKind.Conflict) Response.StatusCode = StatusCodes.Status409Conflict;
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure.Message;
        return Page();
    }
}
