using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jingzhun.Web.Modules.Partners.Consumption;

/// <summary>帮扶产品认定台账: the same search as GET /api/v1/partners/consumption/products.</summary>
[Authorize(Permissions.PartnersView)]
public sealed class IndexModel(ManageConsumptionHandler handler, CurrentUser me) : ListPageModel<ProductRow>
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public ProductCategory? Category { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Valid { get; set; }
    [BindProperty(SupportsGet = true)] public bool? OnPlatform832 { get; set; }
    [BindProperty(SupportsGet = true)] public string? Text { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public bool CanEdit => me.Has(Permissions.PartnersManage);

    public ProductQuery Query => new(ConsumptionPages.Blank(Region), Category, Valid, OnPlatform832, ConsumptionPages.Blank(Text), PageNumber, 20);
    public string QueryString(int? page = null) => ConsumptionPages.QueryOf(Query, page);

    protected override Task<Outcome<PageResult<ProductRow>>> SearchAsync(CancellationToken ct) => handler.SearchProductsAsync(Query, ct);
}
