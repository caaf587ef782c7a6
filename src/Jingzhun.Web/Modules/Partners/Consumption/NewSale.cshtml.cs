using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Partners.Consumption;

/// <summary>登记销售: the same handler as POST /api/v1/partners/consumption/sales.</summary>
[Authorize(Permissions.PartnersManage)]
public sealed class NewSaleModel(ManageConsumptionHandler handler, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? ProductId { get; set; }
    [BindProperty] public BuyerType? BuyerType { get; set; }
    [BindProperty] public string? BuyerName { get; set; }
    [BindProperty] public decimal? Amount { get; set; }
    [BindProperty] public DateOnly? SoldOn { get; set; }
    [BindProperty] public SaleChannel? Channel { get; set; }
    [BindProperty] public long? PartnershipId { get; set; }

    public IReadOnlyList<ProductRow> Products { get; private set; } = [];
    /// <summary>The partnerships of the user's county a sale may count for (empty above county level: the number is typed).</summary>
    public IReadOnlyList<PartnershipChoice> Partnerships { get; private set; } = [];
    public DateOnly Today => ChinaTime.Today(clock);
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Products = await handler.ChoicesAsync(ct);
        Partnerships = await handler.PartnershipChoicesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Products = await handler.ChoicesAsync(ct);
        Partnerships = await handler.PartnershipChoicesAsync(ct);
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await handler.RecordSaleAsync(new RecordSaleRequest(ProductId, BuyerType, BuyerName, Amount, SoldOn, Channel, PartnershipId), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = $"已登记 {r.Value!.ProductName} 的销售 {r.Value.Amount:0.00} 元（{Labels.Of(r.Value.BuyerType)}：{r.Value.BuyerName}）";
            return Redirect($"/partners/consumption/sales?productId={r.Value.ProductId}");
        }
        if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure.Message;
        return Page();
    }
}
