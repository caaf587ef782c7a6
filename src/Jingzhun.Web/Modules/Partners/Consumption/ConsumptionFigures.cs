using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Partners.Consumption;

/// <summary>Sales of one part (a sub-region, a buyer type, a category): amount (yuan, unrounded) and number of sales.</summary>
public sealed record SalesPart(string Key, string Label, decimal Amount, int Sales, decimal? Share);

/// <summary>
/// A sub-region's line: its sales, its target where targets are set (counties; a city or province sums its counties'),
/// the completion rate (unrounded) and whether it reached the target; <c>Drill</c> when it has sub-regions to open.
/// </summary>
public sealed record RegionSales(string Code, string Name, decimal Amount, int Sales, decimal? Target, decimal? Completion, bool? Reached, bool Drill);

/// <summary>
/// 消费帮扶统计 of a region for a year: total sales of recognised products, the target (元, from the 消费帮扶目标 table),
/// completion, the partners' share (东西部协作 + 定点帮扶), the households supplying (distinct households linked to products
/// that sold in the year) and the sales by sub-region, buyer type and product category. Rates are unrounded.
/// </summary>
public sealed record ConsumptionFiguresView(string RegionCode, string RegionName, IReadOnlyList<PlaceLink> Path, int Year, decimal Total, int Sales,
    decimal? Target, decimal? Completion, bool? Reached, decimal PartnerAmount, decimal? PartnerShare, int HouseholdsSupplying, int ProductsSold,
    IReadOnlyList<RegionSales> ByRegion, IReadOnlyList<SalesPart> ByBuyerType, IReadOnlyList<SalesPart> ByCategory);

public sealed record PlaceLink(string Code, string Name);

public sealed class ConsumptionFiguresHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, PolicyStore policies, TimeProvider clock)
{
    public async Task<Outcome<ConsumptionFiguresView>> FiguresAsync(string? region, int? year, CancellationToken ct)
    {
        var asked = regions.Asked(region, user);
        if (!asked.Succeeded) return asked.Failure!;
        var code = asked.Value!;
        var y = year ?? ChinaTime.Today(clock).Year;
        if (y is < 2015 or > 2100) return Failure.Invalid("year", "年度应在2015至2100年之间");
        var (from, to) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
        var query = db.ConsumptionSales.AsNoTracking().Where(s => s.SoldOn >= from && s.SoldOn <= to);
        if (code != "") query = query.InRegion(code);
        var sales = await (from s in query
                           join p in db.ConsumptionProducts on s.ProductId equals p.Id
                           select new { s.RegionCode, s.BuyerType, p.Category, s.Amount, s.ProductId }).ToListAsync(ct);
        var total = sales.Sum(s => s.Amount);
        var partner = sales.Where(s => ConsumptionRules.IsPartner(s.BuyerType)).Sum(s => s.Amount);
        var sold = sales.Select(s => s.ProductId).Distinct().ToArray();
        var households = await db.ConsumptionProducts.AsNoTracking().Where(p => EF.Parameter(sold).Contains(p.Id))
            .SelectMany(p => p.Households).Select(h => h.HouseholdId).Distinct().CountAsync(ct);

        // Targets are set per county: a county's own, the sum of its counties' for a city, province or the country.
        var inForce = await policies.InForceWithinAsync<ConsumptionTargetPolicy>(code, y, ct);
        decimal? TargetOf(string place)
        {
            if (place.Length > 6) return null;
            var counties = place.Length == 6 ? [place] : regions.Descendants(place).Where(r => r.Level == RegionLevel.County).Select(r => r.Code);
            var sum = counties.Sum(c => inForce(c).SalesTargetWan) * 10_000m;
            return sum > 0 ? sum : null;
        }
        (decimal? Completion, bool? Reached) Against(decimal amount, decimal? target) =>
            target is { } t ? (amount / t, amount >= t) : (null, null);

        var children = regions.ChildrenOf(code);
        var digits = children.Count > 0 ? children[0].Code.Length : 0;
        var byChild = sales.GroupBy(s => digits > 0 && s.RegionCode.Length >= digits ? s.RegionCode[..digits] : code)
            .ToDictionary(g => g.Key, g => (Amount: g.Sum(s => s.Amount), Sales: g.Count()));
        var byRegion = new List<RegionSales>();
        foreach (var c in children.Where(c => user.CanSee(c.Code)))
        {
            var (amount, count) = byChild.GetValueOrDefault(c.Code);
            var target = TargetOf(c.Code);
            var (completion, reached) = Against(amount, target);
            byRegion.Add(new RegionSales(c.Code, c.Name, amount, count, target, completion, reached, true));
        }
        // Products of the region itself (a county-level supplier seen from the county): their own line.
        if (children.Count > 0 && byChild.TryGetValue(code, out var own))
            byRegion.Add(new RegionSales(code, $"{regions.NameOf(code)}本级", own.Amount, own.Sales, null, null, null, false));

        var byBuyer = Labels.For<BuyerType>().Select(b =>
        {
            var part = sales.Where(s => s.BuyerType == b.Value).ToList();
            var amount = part.Sum(s => s.Amount);
            return new SalesPart(b.Value.ToString(), b.Label, amount, part.Count, ConsumptionRules.Rate(amount, total));
        }).ToList();
        var byCategory = Labels.For<ProductCategory>().Select(k =>
        {
            var part = sales.Where(s => s.Category == k.Value).ToList();
            var amount = part.Sum(s => s.Amount);
            return new SalesPart(k.Value.ToString(), k.Label, amount, part.Count, ConsumptionRules.Rate(amount, total));
        }).ToList();
        var targetAll = TargetOf(code);
        var (all, reachedAll) = Against(total, targetAll);
        var path = code == "" ? new List<PlaceLink>() : regions.PathOf(code).Where(r => user.CanSee(r.Code)).Select(r => new PlaceLink(r.Code, r.Name)).ToList();
        return new ConsumptionFiguresView(code, regions.NameOf(code), path, y, total, sales.Count, targetAll, all, reachedAll, partner,
            ConsumptionRules.Rate(partner, total), households, sold.Length, byRegion, byBuyer, byCategory);
    }

    public async Task<Outcome<IResult>> ExcelAsync(string? region, int? year, CancellationToken ct)
    {
        var found = await FiguresAsync(region, year, ct);
        if (!found.Succeeded) return found.Failure!;
        var f = found.Value!;
        static string Pct(decimal? v) => v is { } d ? ChineseNumbers.Percent((double)(d * 100m), 2) : "—";
        IDictionary<string, object?> Part(SalesPart p) => new Dictionary<string, object?>
            { ["类别"] = p.Label, ["销售额（元）"] = p.Amount, ["笔数"] = p.Sales, ["占比"] = Pct(p.Share) };
        var sheets = new Dictionary<string, IEnumerable<IDictionary<string, object?>>>
        {
            ["汇总"] =
            [
                new Dictionary<string, object?>
                {
                    ["地区"] = f.RegionName, ["年度"] = f.Year, ["销售额（元）"] = f.Total, ["笔数"] = f.Sales, ["目标（元）"] = f.Target,
                    ["完成率"] = Pct(f.Completion), ["是否完成"] = f.Reached is { } r ? (r ? "已完成" : "未完成") : "未设目标",
                    ["协作方采购（元）"] = f.PartnerAmount, ["协作方占比"] = Pct(f.PartnerShare), ["带动户数"] = f.HouseholdsSupplying, ["有销售的产品数"] = f.ProductsSold,
                },
            ],
            ["按地区"] = f.ByRegion.Select(x => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["地区"] = x.Name, ["区划代码"] = x.Code, ["销售额（元）"] = x.Amount, ["笔数"] = x.Sales, ["目标（元）"] = x.Target, ["完成率"] = Pct(x.Completion),
            }),
            ["按购买方类型"] = f.ByBuyerType.Select(Part),
            ["按产品类别"] = f.ByCategory.Select(Part),
        };
        return Outcome<IResult>.From(await ExcelFile.SheetsResultAsync(sheets, $"{f.RegionName}_{f.Year}年消费帮扶统计.xlsx", ct));
    }
}
