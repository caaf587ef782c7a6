using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Projects.Assets;

/// <summary>登记存量资产: an asset left by an older project (before the library) registered by the township.</summary>
[Authorize(Permissions.ProjectsImplement)]
public sealed class NewModel(ManageAssetsHandler handler, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public AssetClass? Class { get; set; }
    [BindProperty] public string? VillageCode { get; set; }
    [BindProperty] public decimal? Quantity { get; set; }
    [BindProperty] public string? Unit { get; set; }
    [BindProperty] public decimal? Value { get; set; }
    [BindProperty] public AssetRecipient? Owner { get; set; }
    [BindProperty] public long? HouseholdId { get; set; }
    [BindProperty] public string? Custodian { get; set; }
    [BindProperty] public DateOnly? RegisteredOn { get; set; }

    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public void OnGet()
    {
        Quantity ??= 1;
        RegisteredOn ??= ChinaTime.Today(clock);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await handler.RegisterAsync(new RegisterAssetRequest(Name ?? "", Class ?? 0, VillageCode ?? "", Quantity ?? 0, Unit ?? "", Value ?? 0,
            Owner ?? 0, HouseholdId, string.IsNullOrWhiteSpace(Custodian) ? null : Custodian.Trim(), RegisteredOn ?? default), ct);
        if (r.Succeeded)
        {
            TempData[nameof(DetailModel.Notice)] = "已登记资产";
            return Redirect($"/projects/assets/{r.Value!.Asset.Id}");
        }
        Error = r.Failure!.Message;
        Errors = FormErrors.FieldErrors(r.Failure);
        return Page();
    }
}
