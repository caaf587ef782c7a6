using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Partners.Consumption;

/// <summary>One recognised product with its supplying households and villages, as GET /api/v1/partners/consumption/products/{id}.</summary>
[Authorize(Permissions.PartnersView)]
public sealed class ProductModel(ManageConsumptionHandler handler, CurrentUser me) : PageModel
{
    public ProductView? Product { get; private set; }
    public bool CanEdit => me.Has(Permissions.PartnersManage);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var r = await handler.GetProductAsync(id, ct);
        if (!r.Succeeded) return NotFound();
        Product = r.Value;
        return Page();
    }
}
