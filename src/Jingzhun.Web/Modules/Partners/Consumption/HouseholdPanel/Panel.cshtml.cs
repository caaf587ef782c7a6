using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Partners.Consumption.HouseholdPanel;

/// <summary>A product the household supplies, with the year's sales of it.</summary>
public sealed record HouseholdProductRow(long Id, string ProductName, string SupplierName, ProductCategory Category, DateOnly ValidTo, bool OnPlatform832,
    decimal SalesThisYear);

/// <summary>
/// The household page's 消费帮扶 panel: the recognised products the household supplies (联农带农) and this year's sales of
/// each. Only products in the reader's scope are listed (the products' own filter).
/// </summary>
[Authorize(Policy = Permissions.PartnersView)]
public sealed class ConsumptionPanelModel(AppDbContext db, TimeProvider clock) : HouseholdPanelPageModel(db)
{
    public const string Path = "/households/{id}/panels/consumption";

    private readonly AppDbContext _db = db;

    public IReadOnlyList<HouseholdProductRow> Products { get; private set; } = [];
    public int Year { get; private set; }

    protected override string PartialName => "_ConsumptionPanel";

    protected override async Task LoadAsync(long householdId, CancellationToken ct)
    {
        Year = ChinaTime.Today(clock).Year;
        var (from, to) = (new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31));
        var products = await _db.ConsumptionProducts.AsNoTracking().Where(p => p.Households.Any(h => h.HouseholdId == householdId))
            .OrderBy(p => p.Id).Take(100)
            .Select(p => new { p.Id, p.ProductName, p.SupplierName, p.Category, p.ValidTo, p.OnPlatform832 }).ToListAsync(ct);
        var ids = products.Select(p => p.Id).ToArray();
        var sales = (await _db.ConsumptionSales.AsNoTracking().Where(s => EF.Parameter(ids).Contains(s.ProductId) && s.SoldOn >= from && s.SoldOn <= to)
                .Select(s => new { s.ProductId, s.Amount }).ToListAsync(ct))
            .GroupBy(s => s.ProductId).ToDictionary(g => g.Key, g => g.Sum(s => s.Amount));
        Products = products.Select(p => new HouseholdProductRow(p.Id, p.ProductName, p.SupplierName, p.Category, p.ValidTo, p.OnPlatform832,
            sales.GetValueOrDefault(p.Id))).ToList();
    }
}
