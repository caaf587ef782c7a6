using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Jingzhun.Web.Modules.Partners.Cooperation;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Partners.Consumption;

/// <summary>A partnership a sale may count for: 东西部协作 or 定点帮扶 of the product's county.</summary>
public sealed record PartnershipChoice(long Id, PartnershipKind Kind, string PartnerName);

public sealed record ProductQuery(string? Region, ProductCategory? Category, bool? Valid, bool? OnPlatform832, string? Text, int? Page, int? PageSize);

/// <summary>A recognised product in a list: its place, validity, 832 listing and how many households and villages supply it.</summary>
public sealed record ProductRow(long Id, string ProductName, string SupplierName, SupplierKind SupplierKind, ProductCategory Category, string CertificateNumber,
    DateOnly ValidFrom, DateOnly ValidTo, bool OnPlatform832, string RegionCode, string RegionPath, int Households, int Villages, int Version);

/// <summary>A supplying household as shown: 户编号 and the head's name (no ID number, no phone).</summary>
public sealed record SupplierHousehold(long Id, string HouseholdNumber, string HeadName, string VillageCode, string RegionPath);

public sealed record SupplierVillage(string Code, string RegionPath);

/// <summary>
/// One product with its supplying households and villages. <c>HouseholdsOutOfScope</c>: linked households the reader's
/// scope does not show (counted, not named).
/// </summary>
public sealed record ProductView(ProductRow Product, IReadOnlyList<SupplierHousehold> Households, int HouseholdsOutOfScope, IReadOnlyList<SupplierVillage> Villages,
    decimal SalesThisYear, int SalesCountThisYear, DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, string UpdatedBy);

/// <summary>认定帮扶产品: the supplier's place (county, or its township or village), the facts, the supplying households and villages.</summary>
public sealed record CreateProductRequest(
    [property: Text(12, "所在地区", typeof(ConsumptionProduct), nameof(ConsumptionProduct.RegionCode))] string? RegionCode,
    [property: Text(100, "供应主体名称", typeof(ConsumptionProduct), nameof(ConsumptionProduct.SupplierName))] string? SupplierName,
    SupplierKind? SupplierKind,
    [property: Text(100, "产品名称", typeof(ConsumptionProduct), nameof(ConsumptionProduct.ProductName))] string? ProductName,
    ProductCategory? Category,
    [property: Text(50, "认定证书号", typeof(ConsumptionProduct), nameof(ConsumptionProduct.CertificateNumber))] string? CertificateNumber,
    DateOnly? ValidFrom, DateOnly? ValidTo, bool OnPlatform832 = false, List<long>? HouseholdIds = null, List<string>? VillageCodes = null);

/// <summary>修改帮扶产品 on the version read (the place stays).</summary>
public sealed record EditProductRequest(
    [property: Text(100, "供应主体名称", typeof(ConsumptionProduct), nameof(ConsumptionProduct.SupplierName))] string? SupplierName,
    SupplierKind? SupplierKind,
    [property: Text(100, "产品名称", typeof(ConsumptionProduct), nameof(ConsumptionProduct.ProductName))] string? ProductName,
    ProductCategory? Category,
    [property: Text(50, "认定证书号", typeof(ConsumptionProduct), nameof(ConsumptionProduct.CertificateNumber))] string? CertificateNumber,
    DateOnly? ValidFrom, DateOnly? ValidTo, bool OnPlatform832, List<long>? HouseholdIds, List<string>? VillageCodes, int Version);

public sealed record SaleQuery(string? Region, int? Year, long? ProductId, BuyerType? BuyerType, SaleChannel? Channel, int? Page, int? PageSize);

public sealed record SaleRow(long Id, long ProductId, string ProductName, string CertificateNumber, ProductCategory Category, BuyerType BuyerType, string BuyerName,
    decimal Amount, DateOnly SoldOn, SaleChannel Channel, long? PartnershipId, string RegionCode, string RegionPath);

/// <summary>登记销售: a purchase of a recognised product.</summary>
public sealed record RecordSaleRequest(long? ProductId, BuyerType? BuyerType,
    [property: Text(100, "购买方名称", typeof(ConsumptionSale), nameof(ConsumptionSale.BuyerName))] string? BuyerName,
    decimal? Amount, DateOnly? SoldOn, SaleChannel? Channel, long? PartnershipId = null);

public sealed class ManageConsumptionHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, TimeProvider clock)
{
    private static readonly ProductFactsValidator ProductValidator = new();
    private static readonly SaleFactsValidator SaleValidator = new();

    private IQueryable<ProductRow> Rows(IQueryable<ConsumptionProduct> products) =>
        products.Select(p => new ProductRow(p.Id, p.ProductName, p.SupplierName, p.SupplierKind, p.Category, p.CertificateNumber, p.ValidFrom, p.ValidTo,
            p.OnPlatform832, p.RegionCode, "", p.Households.Count, p.Villages.Count, p.Version));

    public async Task<Outcome<PageResult<ProductRow>>> SearchProductsAsync(ProductQuery q, CancellationToken ct)
    {
        var query = db.ConsumptionProducts.AsNoTracking();
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        if (region.Value is { } code) query = query.InRegion(code);
        if (q.Category is { } c)
        {
            if (!Enum.IsDefined(c)) return Failure.Invalid("category", $"产品类别无效，可选：{CodeTable<ProductCategory>.Choices}");
            query = query.Where(p => p.Category == c);
        }
        var today = ChinaTime.Today(clock);
        if (q.Valid == true) query = query.Where(p => p.ValidFrom <= today && p.ValidTo >= today);
        if (q.Valid == false) query = query.Where(p => p.ValidTo < today || p.ValidFrom > today);
        if (q.OnPlatform832 is { } on) query = query.Where(p => p.OnPlatform832 == on);
        if (q.Text is { Length: > 0 } t && t.Trim() is { Length: > 0 } text)
            query = query.Where(p => p.ProductName.Contains(text) || p.SupplierName.Contains(text) || p.CertificateNumber.StartsWith(text));
        var page = await query.OrderBy(p => p.RegionCode).ThenBy(p => p.Id).PageAsync(Paging.Of(q.Page, q.PageSize), p => Rows(p).ToListAsync(ct), ct);
        return page with { Items = page.Items.Select(r => r with { RegionPath = regions.ShortPath(r.RegionCode) }).ToList() };
    }

    public async Task<Outcome<ProductView>> GetProductAsync(long id, CancellationToken ct)
    {
        var p = await db.ConsumptionProducts.AsNoTracking().Include(x => x.Households).Include(x => x.Villages).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return Failure.NotFound("该帮扶产品");
        var row = (await Rows(db.ConsumptionProducts.AsNoTracking().Where(x => x.Id == id)).ToListAsync(ct))[0] with { RegionPath = regions.ShortPath(p.RegionCode) };
        var ids = p.Households.Select(h => h.HouseholdId).ToArray();
        // Households are scoped: the reader sees the ones of their region, the others are counted.
        var households = (await db.Households.AsNoTracking().Where(h => EF.Parameter(ids).Contains(h.Id))
                .Select(h => new SupplierHousehold(h.Id, h.HouseholdNumber, h.HeadName, h.VillageCode, "")).ToListAsync(ct))
            .OrderBy(h => h.HouseholdNumber, StringComparer.Ordinal).Select(h => h with { RegionPath = regions.ShortPath(h.VillageCode) }).ToList();
        var villages = p.Villages.Select(v => v.VillageCode).Order(StringComparer.Ordinal).Select(v => new SupplierVillage(v, regions.ShortPath(v))).ToList();
        var year = ChinaTime.Today(clock).Year;
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var amounts = await db.ConsumptionSales.AsNoTracking().Where(s => s.ProductId == id && s.SoldOn >= from && s.SoldOn <= to).Select(s => s.Amount).ToListAsync(ct);
        return new ProductView(row, households, ids.Length - households.Count, villages, amounts.Sum(), amounts.Count, p.CreatedAt, p.CreatedBy, p.UpdatedAt, p.UpdatedBy);
    }

    private static Failure? Missing(SupplierKind? kind, ProductCategory? category, DateOnly? from, DateOnly? to) =>
        kind is null ? Failure.Invalid("supplierKind", "请选择供应主体类型")
        : category is null ? Failure.Invalid("category", "请选择产品类别")
        : from is null ? Failure.Invalid("validFrom", "请填写认定有效期起始日期")
        : to is null ? Failure.Invalid("validTo", "请填写认定有效期截止日期")
        : null;

    /// <summary>The supplying households and villages checked: registered households of the product's county that the user sees; villages of that county the user sees.</summary>
    private async Task<Failure?> CheckLinksAsync(string county, IReadOnlyCollection<long> householdIds, IReadOnlyCollection<string> villageCodes, CancellationToken ct)
    {
        if (householdIds.Count > 2000) return Failure.Invalid("householdIds", "一个产品最多关联2000户");
        if (villageCodes.Count > 500) return Failure.Invalid("villageCodes", "一个产品最多关联500个村");
        var ids = householdIds.Distinct().ToArray();
        var found = await db.Households.AsNoTracking().Where(h => EF.Parameter(ids).Contains(h.Id)).Select(h => new { h.Id, h.CountyCode }).ToListAsync(ct);
        if (found.Count != ids.Length) return Failure.Invalid("householdIds", "所选的户不存在或不在您的管辖范围内");
        if (found.Any(h => h.CountyCode != county)) return Failure.Invalid("householdIds", "联农带农的户须为本区县的建档立卡户");
        foreach (var v in villageCodes)
        {
            if (regions.Find(v) is not { Level: RegionLevel.Village }) return Failure.Invalid("villageCodes", $"“{v}”不是村级区划");
            if (!v.StartsWith(county, StringComparison.Ordinal)) return Failure.Invalid("villageCodes", "联农带农的村须为本区县的村");
            if (!user.CanSee(v)) return Failure.Invalid("villageCodes", "所选的村不在您的管辖范围内");
        }
        return null;
    }

    private async Task<Failure?> CertificateTakenAsync(string number, long? except, CancellationToken ct)
    {
        var taken = await db.ConsumptionProducts.AsNoTracking()
            .AcrossScopes("a certificate number is unique nationwide; only whether it is taken is told")
            .AnyAsync(p => p.CertificateNumber == number && p.Id != (except ?? 0), ct);
        return taken ? Failure.Invalid("certificateNumber", $"认定证书号“{number}”已登记，请核对") : null;
    }

    public async Task<Outcome<ProductView>> CreateProductAsync(CreateProductRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        if (string.IsNullOrWhiteSpace(r.RegionCode)) return Failure.Invalid("regionCode", "请选择供应主体所在的区县（本地主体可选到乡镇或村）");
        var place = r.RegionCode.Trim();
        if (regions.Find(place) is not { Level: RegionLevel.County or RegionLevel.Township or RegionLevel.Village })
            return Failure.Invalid("regionCode", "请选择区县、乡镇或村级区划");
        if (!user.CanSee(place)) return Failure.NotFound("该地区");
        if (Missing(r.SupplierKind, r.Category, r.ValidFrom, r.ValidTo) is { } missing) return missing;
        var facts = new ProductFacts(r.SupplierName ?? "", r.SupplierKind!.Value, r.ProductName ?? "", r.Category!.Value, r.CertificateNumber ?? "",
            r.ValidFrom!.Value, r.ValidTo!.Value, r.OnPlatform832);
        var checkedFacts = ProductValidator.Validate(facts);
        if (!checkedFacts.IsValid) return Failure.Invalid(checkedFacts);
        var households = r.HouseholdIds ?? [];
        var villages = (r.VillageCodes ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct().ToList();
        if (await CheckLinksAsync(place[..6], households, villages, ct) is { } badLink) return badLink;
        if (await CertificateTakenAsync(facts.CertificateNumber.Trim(), null, ct) is { } taken) return taken;
        var p = ConsumptionProduct.Recognise(place, facts, households, villages, clock.GetUtcNow().UtcDateTime, user.UserName);
        db.ConsumptionProducts.Add(p);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return Failure.Invalid("certificateNumber", $"认定证书号“{facts.CertificateNumber.Trim()}”已登记，请核对");
        }
        return await GetProductAsync(p.Id, ct);
    }

    public async Task<Outcome<ProductView>> EditProductAsync(long id, EditProductRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var p = await db.ConsumptionProducts.Include(x => x.Households).Include(x => x.Villages).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return Failure.NotFound("该帮扶产品");
        if (Versions.Check(p, r.Version, "该帮扶产品") is { } stale) return stale;
        if (Missing(r.SupplierKind, r.Category, r.ValidFrom, r.ValidTo) is { } missing) return missing;
        var facts = new ProductFacts(r.SupplierName ?? "", r.SupplierKind!.Value, r.ProductName ?? "", r.Category!.Value, r.CertificateNumber ?? "",
            r.ValidFrom!.Value, r.ValidTo!.Value, r.OnPlatform832);
        var checkedFacts = ProductValidator.Validate(facts);
        if (!checkedFacts.IsValid) return Failure.Invalid(checkedFacts);
        var households = r.HouseholdIds ?? [];
        var villages = (r.VillageCodes ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct().ToList();
        // Links the reader cannot see stay as they are: only the ones in scope are replaced.
        var visible = (await db.Households.AsNoTracking().Where(h => EF.Parameter(p.Households.Select(x => x.HouseholdId).ToArray()).Contains(h.Id))
            .Select(h => h.Id).ToListAsync(ct)).ToHashSet();
        var kept = p.Households.Select(x => x.HouseholdId).Where(x => !visible.Contains(x));
        if (await CheckLinksAsync(p.CountyCode, households, villages, ct) is { } badLink) return badLink;
        if (await CertificateTakenAsync(facts.CertificateNumber.Trim(), id, ct) is { } taken) return taken;
        var keptVillages = p.Villages.Select(v => v.VillageCode).Where(v => !user.CanSee(v));
        p.Edit(facts, households.Concat(kept).ToList(), villages.Concat(keptVillages).ToList(), clock.GetUtcNow().UtcDateTime, user.UserName);
        if (await db.SaveEditAsync("该帮扶产品", c => db.ConsumptionProducts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, c), ct) is { } failed) return failed;
        return await GetProductAsync(id, ct);
    }

    private IQueryable<SaleRow> SaleRows(IQueryable<ConsumptionSale> sales) =>
        from s in sales
        join p in db.ConsumptionProducts on s.ProductId equals p.Id
        select new SaleRow(s.Id, s.ProductId, p.ProductName, p.CertificateNumber, p.Category, s.BuyerType, s.BuyerName, s.Amount, s.SoldOn, s.Channel,
            s.PartnershipId, s.RegionCode, "");

    private Outcome<IQueryable<ConsumptionSale>> Sales(SaleQuery q)
    {
        var query = db.ConsumptionSales.AsNoTracking();
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        if (region.Value is { } code) query = query.InRegion(code);
        if (q.Year is { } y)
        {
            if (y is < 2015 or > 2100) return Failure.Invalid("year", "年度应在2015至2100年之间");
            var (from, to) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
            query = query.Where(s => s.SoldOn >= from && s.SoldOn <= to);
        }
        if (q.ProductId is { } pid) query = query.Where(s => s.ProductId == pid);
        if (q.BuyerType is { } b)
        {
            if (!Enum.IsDefined(b)) return Failure.Invalid("buyerType", $"购买方类型无效，可选：{CodeTable<BuyerType>.Choices}");
            query = query.Where(s => s.BuyerType == b);
        }
        if (q.Channel is { } c)
        {
            if (!Enum.IsDefined(c)) return Failure.Invalid("channel", $"销售渠道无效，可选：{CodeTable<SaleChannel>.Choices}");
            query = query.Where(s => s.Channel == c);
        }
        return Outcome<IQueryable<ConsumptionSale>>.From(query);
    }

    public async Task<Outcome<PageResult<SaleRow>>> SearchSalesAsync(SaleQuery q, CancellationToken ct)
    {
        var sales = Sales(q);
        if (!sales.Succeeded) return sales.Failure!;
        var page = await sales.Value!.OrderByDescending(s => s.SoldOn).ThenByDescending(s => s.Id)
            .PageAsync(Paging.Of(q.Page, q.PageSize), p => SaleRows(p).ToListAsync(ct), ct);
        return page with { Items = page.Items.Select(r => r with { RegionPath = regions.ShortPath(r.RegionCode) }).ToList() };
    }

    public async Task<Outcome<SaleRow>> GetSaleAsync(long id, CancellationToken ct)
    {
        var row = await SaleRows(db.ConsumptionSales.AsNoTracking().Where(s => s.Id == id)).FirstOrDefaultAsync(ct);
        if (row is null) return Failure.NotFound("该销售记录");
        return row with { RegionPath = regions.ShortPath(row.RegionCode) };
    }

    /// <summary>
    /// A sale's facts checked against the product (validity), the rules and, when it names one, the partnership it counts for
    /// (one of the product's county, of the kind its buyer type says); the product is one the reader sees.
    /// </summary>
    public static IReadOnlyList<(string Field, string Message)> CheckSale(ConsumptionProduct product, SaleFacts facts, DateOnly today,
        IReadOnlyDictionary<long, PartnershipChoice> partnerships)
    {
        var errors = SaleValidator.Validate(facts).Errors.Select(e => (Failure.Prefixed("", e.PropertyName), e.ErrorMessage)).ToList();
        if (ConsumptionRules.CheckSaleDate(facts.SoldOn, product.ValidFrom, product.ValidTo, product.ProductName, today) is { } bad) errors.Add(("soldOn", bad));
        if (facts.PartnershipId is { } id)
        {
            if (!partnerships.TryGetValue(id, out var p)) errors.Add(("partnershipId", "所选协作关系不存在或不属于本产品所在区县"));
            else if (ConsumptionRules.BuyerOf(p.Kind) is var expected && facts.BuyerType != expected)
                errors.Add(("buyerType", $"计入{p.PartnerName}（{Labels.Of(p.Kind)}）的采购，购买方类型应为“{Labels.Of(expected)}”"));
        }
        return errors;
    }

    /// <summary>
    /// The partnerships (东西部协作, 定点帮扶) of a county that its sales may name. A county's partnerships are county business
    /// (not visible below it); a township recording a sale of its product reads their names and kinds only, for this choice.
    /// </summary>
    public Task<Dictionary<long, PartnershipChoice>> PartnershipsOfAsync(string county, CancellationToken ct) =>
        db.Partnerships.AsNoTracking().AcrossScopes("a sale of a product the reader sees names a partnership of the product's county: names and kinds only")
            .Where(p => p.CountyCode == county).OrderBy(p => p.Kind).ThenBy(p => p.Id)
            .ToDictionaryAsync(p => p.Id, p => new PartnershipChoice(p.Id, p.Kind, p.PartnerName), ct);

    /// <summary>
    /// The partnerships the sale form offers: those of a county user's county. Partnerships are county business, so a
    /// township or village form lists none (the number is typed) and a province's would be too long to list.
    /// </summary>
    public async Task<IReadOnlyList<PartnershipChoice>> PartnershipChoicesAsync(CancellationToken ct) =>
        user.RegionCode is { Length: 6 } county ? [.. (await PartnershipsOfAsync(county, ct)).Values] : [];

    public async Task<Outcome<SaleRow>> RecordSaleAsync(RecordSaleRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        if (r.ProductId is null) return Failure.Invalid("productId", "请选择帮扶产品");
        if (r.BuyerType is null) return Failure.Invalid("buyerType", "请选择购买方类型");
        if (r.Amount is null) return Failure.Invalid("amount", "请填写金额");
        if (r.SoldOn is null) return Failure.Invalid("soldOn", "请填写销售日期");
        if (r.Channel is null) return Failure.Invalid("channel", "请选择销售渠道");
        var product = await db.ConsumptionProducts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == r.ProductId, ct);
        if (product is null) return Failure.NotFound("该帮扶产品");
        var facts = new SaleFacts(r.BuyerType.Value, r.BuyerName ?? "", r.Amount.Value, r.SoldOn.Value, r.Channel.Value, r.PartnershipId);
        var errors = CheckSale(product, facts, ChinaTime.Today(clock), await PartnershipsOfAsync(product.CountyCode, ct));
        if (errors.Count > 0)
            return new Failure(FailureKind.Invalid, errors[0].Message, errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        var sale = ConsumptionSale.Record(product, facts, clock.GetUtcNow().UtcDateTime, user.UserName);
        db.ConsumptionSales.Add(sale);
        await db.SaveChangesAsync(ct);
        return await GetSaleAsync(sale.Id, ct);
    }

    /// <summary>The products the user sees, for the sale form's choice (name, certificate, validity), newest validity first.</summary>
    public Task<List<ProductRow>> ChoicesAsync(CancellationToken ct) =>
        Rows(db.ConsumptionProducts.AsNoTracking().OrderByDescending(p => p.ValidTo).ThenBy(p => p.Id).Take(500)).ToListAsync(ct);

    /// <summary>The products of a region with their supplying households (户编号 and head's name only) as one workbook.</summary>
    public async Task<Outcome<IResult>> ProductsExcelAsync(ProductQuery q, CancellationToken ct)
    {
        var all = await AllPagesAsync<ProductRow>(p => SearchProductsAsync(q with { Page = p, PageSize = 200 }, ct));
        if (!all.Succeeded) return all.Failure!;
        var ids = all.Value!.Select(p => p.Id).ToArray();
        var names = all.Value!.ToDictionary(p => p.Id, p => p.ProductName);
        var links = await (from p in db.ConsumptionProducts.AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.Id))
                           from x in p.Households
                           join h in db.Households on x.HouseholdId equals h.Id
                           orderby p.Id, h.HouseholdNumber
                           select new { p.Id, h.VillageCode, h.HouseholdNumber, h.HeadName }).ToListAsync(ct);
        var sheets = new Dictionary<string, IEnumerable<IDictionary<string, object?>>>
        {
            ["帮扶产品"] = all.Value!.Select(p => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["地区"] = p.RegionPath, ["产品名称"] = p.ProductName, ["供应主体"] = p.SupplierName, ["主体类型"] = Labels.Of(p.SupplierKind),
                ["产品类别"] = Labels.Of(p.Category), ["认定证书号"] = p.CertificateNumber, ["有效期起"] = p.ValidFrom.ToString("yyyy-MM-dd"),
                ["有效期止"] = p.ValidTo.ToString("yyyy-MM-dd"), ["832平台上架"] = p.OnPlatform832 ? "是" : "否", ["带动户数"] = p.Households, ["带动村数"] = p.Villages,
            }),
            ["联农带农户"] = links.Select(x => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["产品名称"] = names[x.Id], ["户所在地区"] = regions.ShortPath(x.VillageCode), ["户编号"] = x.HouseholdNumber, ["户主姓名"] = x.HeadName,
            }),
        };
        return Outcome<IResult>.From(await ExcelFile.SheetsResultAsync(sheets, $"{PlaceName(q.Region)}_帮扶产品_{ChinaTime.Today(clock):yyyyMMdd}.xlsx", ct));
    }

    public async Task<Outcome<IResult>> SalesExcelAsync(SaleQuery q, CancellationToken ct)
    {
        var all = await AllPagesAsync<SaleRow>(p => SearchSalesAsync(q with { Page = p, PageSize = 200 }, ct));
        if (!all.Succeeded) return all.Failure!;
        var rows = all.Value!.Select(s => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["销售日期"] = s.SoldOn.ToString("yyyy-MM-dd"), ["地区"] = s.RegionPath, ["产品名称"] = s.ProductName, ["认定证书号"] = s.CertificateNumber,
            ["产品类别"] = Labels.Of(s.Category), ["购买方类型"] = Labels.Of(s.BuyerType), ["购买方名称"] = s.BuyerName, ["金额（元）"] = s.Amount,
            ["销售渠道"] = Labels.Of(s.Channel), ["协作关系编号"] = s.PartnershipId,
        });
        return Outcome<IResult>.From(await ExcelFile.SheetsResultAsync(new Dictionary<string, IEnumerable<IDictionary<string, object?>>> { ["消费帮扶销售"] = rows },
            $"{PlaceName(q.Region)}_消费帮扶销售_{ChinaTime.Today(clock):yyyyMMdd}.xlsx", ct));
    }

    private string PlaceName(string? region) => region is { Length: > 0 } r ? regions.NameOf(r.Trim()) : regions.NameOf(user.RegionCode ?? "");

    private static async Task<Outcome<List<T>>> AllPagesAsync<T>(Func<int, Task<Outcome<PageResult<T>>>> page)
    {
        var first = await page(1);
        if (!first.Succeeded) return first.Failure!;
        var all = new List<T>(first.Value!.Items);
        for (var n = 2; all.Count < first.Value.Total; n++) all.AddRange((await page(n)).Value!.Items);
        return all;
    }
}
