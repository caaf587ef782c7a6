using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Partners.Cooperation;

/// <summary>登记结对关系: the same handler as POST /api/v1/partners/cooperation/partnerships.</summary>
[Authorize(Permissions.PartnersManage)]
public sealed class NewModel(ManageCooperationHandler handler, CurrentUser me) : PageModel
{
    [BindProperty] public string? CountyCode { get; set; }
    [BindProperty] public PartnershipKind? Kind { get; set; }
    [BindProperty] public string? PartnerName { get; set; }
    [BindProperty] public string? PartnerRegionCode { get; set; }
    [BindProperty] public int? SinceYear { get; set; }
    [BindProperty] public string? ContactUnit { get; set; }

    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    /// <summary>A county account registers for its own county; above it the county is chosen.</summary>
    public bool ChoosesCounty => me.RegionCode is not { Length: 6 };

    public IActionResult OnGet() => CooperationPages.CanEdit(me) ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await handler.CreateAsync(new CreatePartnershipRequest(CountyCode, Kind, PartnerName, PartnerRegionCode, SinceYear, ContactUnit), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = $"已登记结对关系：{r.Value!.Partnership.PartnerName}，请登记年度协作协议";
            return Redirect($"/partners/cooperation/{r.Value.Partnership.Id}");
        }
        if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
        if (r.Failure.Kind == FailureKind.Forbidden) return Forbid();
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure.Message;
        return Page();
    }
}
