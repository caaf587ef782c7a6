using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Partners.Consumption;

/// <summary>认定帮扶产品: the same handler as POST /api/v1/partners/consumption/products.</summary>
[Authorize(Permissions.PartnersManage)]
public sealed class NewProductModel(ManageConsumptionHandler handler, CurrentUser me) : PageModel, IProductForm
{
    [BindProperty] public string? RegionCode { get; set; }
    [BindProperty] public string? SupplierName { get; set; }
    [BindProperty] public SupplierKind? SupplierKind { get; set; }
    [BindProperty] public string? ProductName { get; set; }
    [BindProperty] public ProductCategory? Category { get; set; }
    [BindProperty] public string? CertificateNumber { get; set; }
    [BindProperty] public DateOnly? ValidFrom { get; set; }
    [BindProperty] public DateOnly? ValidTo { get; set; }
    [BindProperty] public bool OnPlatform832 { get; set; }
    [BindProperty] public bool LinkVillage { get; set; } = true;
    [BindProperty] public List<long> HouseholdIds { get; set; } = [];

    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        // No place chosen below the user's own: the user's own region (a county admin's county).
        var place = ConsumptionPages.Blank(RegionCode) ?? me.RegionCode;
        var villages = LinkVillage && place is { Length: 12 } ? new List<string> { place } : [];
        var r = await handler.CreateProductAsync(new CreateProductRequest(place, SupplierName, SupplierKind, ProductName, Category, CertificateNumber,
            ValidFrom, ValidTo, OnPlatform832, HouseholdIds, villages), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = $"已认定帮扶产品 {r.Value!.Product.ProductName}（证书 {r.Value.Product.CertificateNumber}）";
            return Redirect($"/partners/consumption/products/{r.Value.Product.Id}");
        }
        if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure.Message;
        return Page();
    }
}
