using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.DemoData;
using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Partners.Consumption;

/// <summary>
/// 消费帮扶 demo for 铜梁区: six recognised products (three of local villages with their supplying households, two of
/// township cooperatives, one of a county company), and the year's sales up to today across every buyer type and channel,
/// 东西部协作 purchases by the Shandong partner among them. Deterministic (a fixed seed), once (nothing when products exist).
/// </summary>
internal sealed class ConsumptionDemoSeed(AppDbContext db, TimeProvider clock, ILogger<ConsumptionDemoSeed> log) : IStartupSeed
{
    private const string Actor = "演示数据";
    public int Order => 470;
    public bool DemoOnly => true;

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        const string county = DemoSeeder.County;
        if (await db.ConsumptionProducts.AnyAsync(ct) || !await db.Households.AnyAsync(h => h.CountyCode == county, ct)) return null;
        var households = await db.Households.AsNoTracking().Where(h => h.CountyCode == county)
            .OrderBy(h => h.Id).Select(h => new { h.Id, h.VillageCode }).Take(600).ToListAsync(ct);
        var villages = households.Select(h => h.VillageCode).Distinct().Order(StringComparer.Ordinal).ToList();
        if (villages.Count == 0) return null;
        db.SuppressAudit = true;
        var rng = new Random(DemoSeeder.Seed + 30);
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        string Village(int i) => villages[i % villages.Count];
        var from = new DateOnly(today.Year - 1, 3, 1);
        (string Place, ProductFacts Facts, int Households)[] products =
        [
            (Village(0), new("铜梁区土桥镇金穗粮油专业合作社", SupplierKind.Cooperative, "土桥富硒大米", ProductCategory.GrainOil, "FP500151" + $"{from.Year}0001", from, from.AddYears(3).AddDays(-1), true), 8),
            (Village(1), new("铜梁区龙灯家庭农场", SupplierKind.FamilyFarm, "铜梁枳壳", ProductCategory.Herbs, "FP500151" + $"{from.Year}0002", from, from.AddYears(3).AddDays(-1), false), 5),
            (Village(2), new("铜梁区巧手竹编专业合作社", SupplierKind.Cooperative, "龙乡竹编提篮", ProductCategory.Handicraft, "FP500151" + $"{from.Year}0003", from, from.AddYears(3).AddDays(-1), true), 6),
            (Village(3)[..9], new("铜梁区安居镇绿源果蔬专业合作社", SupplierKind.Cooperative, "安居脆李", ProductCategory.FruitVeg, "FP500151" + $"{from.Year}0004", from, from.AddYears(3).AddDays(-1), true), 10),
            (Village(4)[..9], new("铜梁区山野菌业有限公司", SupplierKind.Company, "铜梁香菇", ProductCategory.Fungi, "FP500151" + $"{from.Year}0005", from, from.AddYears(3).AddDays(-1), false), 7),
            (county, new("重庆铜梁龙乡食品有限公司", SupplierKind.Company, "铜梁火锅底料", ProductCategory.ProcessedFood, "FP500151" + $"{from.Year}0006", from, from.AddYears(3).AddDays(-1), true), 12),
        ];
        var recognised = new List<ConsumptionProduct>();
        var taken = 0;
        foreach (var (place, facts, count) in products)
        {
            // Households of the product's place (a county product draws from the whole county).
            var linked = households.Skip(taken).Where(h => h.VillageCode.StartsWith(place, StringComparison.Ordinal)).Take(count).Select(h => h.Id).ToList();
            taken += count;
            var linkedVillages = place.Length == 12 ? new[] { place } : [];
            var p = ConsumptionProduct.Recognise(place, facts, linked, linkedVillages, now, Actor);
            db.ConsumptionProducts.Add(p);
            recognised.Add(p);
        }
        await db.SaveChangesAsync(ct);

        (BuyerType Type, string Name, SaleChannel Channel, bool Partner)[] buyers =
        [
            (BuyerType.PublicReserved, "铜梁区机关事务管理局（工会预留份额）", SaleChannel.Platform832, false),
            (BuyerType.PublicReserved, "铜梁区教育委员会食堂", SaleChannel.Platform832, false),
            (BuyerType.EastWest, "山东省德州市庆云县消费帮扶专馆", SaleChannel.Fair, true),
            (BuyerType.EastWest, "山东德州鲁渝协作农产品中心", SaleChannel.Direct, true),
            (BuyerType.Pairing, "定点帮扶单位职工食堂", SaleChannel.PurchaseForDonation, true),
            (BuyerType.Enterprise, "重庆永辉超市铜梁店", SaleChannel.Direct, false),
            (BuyerType.Ecommerce, "铜梁区电商公共服务中心", SaleChannel.Ecommerce, false),
            (BuyerType.Other, "个人团购", SaleChannel.Other, false),
        ];
        var start = new DateOnly(today.Year, 1, 1);
        var days = Math.Max(1, today.DayNumber - start.DayNumber + 1);
        var sales = 0;
        for (var i = 0; i < 120; i++)
        {
            var product = recognised[rng.Next(recognised.Count)];
            var (type, name, channel, _) = buyers[rng.Next(buyers.Length)];
            var amount = Math.Round(2_000m + rng.Next(0, 2_800_000) / 100m, 2);
            var soldOn = start.AddDays(rng.Next(days));
            db.ConsumptionSales.Add(ConsumptionSale.Record(product, new SaleFacts(type, name, amount, soldOn, channel, null), now, Actor));
            sales++;
        }
        await db.SaveChangesAsync(ct);
        db.SuppressAudit = false;
        log.LogInformation("消费帮扶：帮扶产品 {Products} 个，销售记录 {Sales} 条", recognised.Count, sales);
        return null;
    }
}
