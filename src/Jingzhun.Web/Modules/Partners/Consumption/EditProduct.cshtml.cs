using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Partners.Consumption;

/// <summary>修改帮扶产品: the same handler as PUT /api/v1/partners/consumption/products/{id}, on the version read.</summary>
[Authorize(Permissions.PartnersManage)]
public sealed class EditProductModel(ManageConsumptionHandler handler) : PageModel, IProductForm
{
    [BindProperty] public string? SupplierName { get; set; }
    [BindProperty] public SupplierKind? SupplierKind { get; set; }
    [BindProperty] public string? ProductName { get; set; }
    [BindProperty] public ProductCategory? Category { get; set; }
    [BindProperty] public string? CertificateNumber { get; set; }
    [BindProperty] public DateOnly? ValidFrom { get; set; }
    [BindProperty] public DateOnly? ValidTo { get; set; }
    [BindProperty] public bool OnPlatform832 { get; set; }
    [BindProperty] public List<long> HouseholdIds { get; set; } = [];
    [BindProperty] public int Version { get; set; }

    public ProductView? Product { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var r = await handler.GetProductAsync(id, ct);
        if (!r.Succeeded) return NotFound();
        Product = r.Value!;
        var p = Product.Product;
        (SupplierName, SupplierKind, ProductName, Category, CertificateNumber, ValidFrom, ValidTo, OnPlatform832, Version) =
            (p.SupplierName, p.SupplierKind, p.ProductName, p.Category, p.CertificateNumber, p.ValidFrom, p.ValidTo, p.OnPlatform832, p.Version);
        HouseholdIds = Product.Households.Select(h => h.Id).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        var current = await handler.GetProductAsync(id, ct);
        if (!current.Succeeded) return NotFound();
        Product = current.Value!;
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await handler.EditProductAsync(id, new EditProductRequest(SupplierName, SupplierKind, ProductName, Category, CertificateNumber, ValidFrom, ValidTo,
            OnPlatform832, HouseholdIds, Product.Villages.Select(v => v.Code).ToList(), Version), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = $"已修改帮扶产品 {r.Value!.Product.ProductName}";
            return Redirect($"/partners/consumption/products/{id}");
        }
        if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
        if (r.Failure.Kind == FailureKind.Conflict) Response.StatusCode = StatusCodes.Status409Conflict;
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure.Message;
        return Page();
    }
}
