using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jingzhun.Web.Modules.Partners.Consumption;

/// <summary>消费帮扶销售记录: the same search as GET /api/v1/partners/consumption/sales.</summary>
[Authorize(Permissions.PartnersView)]
public sealed class SalesModel(ManageConsumptionHandler handler, CurrentUser me) : ListPageModel<SaleRow>
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public long? ProductId { get; set; }
    [BindProperty(SupportsGet = true)] public BuyerType? BuyerType { get; set; }
    [BindProperty(SupportsGet = true)] public SaleChannel? Channel { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public bool CanEdit => me.Has(Permissions.PartnersManage);

    public SaleQuery Query => new(ConsumptionPages.Blank(Region), Year, ProductId, BuyerType, Channel, PageNumber, 20);
    public string QueryString(int? page = null) => ConsumptionPages.QueryOf(Query, page);

    protected override Task<Outcome<PageResult<SaleRow>>> SearchAsync(CancellationToken ct) => handler.SearchSalesAsync(Query, ct);
}
