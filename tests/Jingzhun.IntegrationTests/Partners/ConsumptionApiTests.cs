using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jingzhun.IntegrationTests.Infrastructure;
using MiniExcelLibs;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// 消费帮扶 through HTTP (issue 15): recognising a product (validation in Chinese, households of the county, unique
/// certificate), recording sales (an expired certificate takes none dated after it), the monthly sales file (a bad row
/// stops the whole file, each bad row reported), the figures computed from sales against the county's target, scope
/// (a township or village user gets nothing of another township) and bad input answered 400.
/// </summary>
public abstract class ConsumptionApiTests(TestApp app) : ApiTests(app)
{
    private const string Api = "/api/v1/partners/consumption";
    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static long Id(JsonNode n, string key = "id") => n[key]!.GetValue<long>();
    private static string Cert() => "FP" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    private static JsonObject Product(string region, string? cert = null, DateOnly? from = null, DateOnly? to = null, long[]? households = null,
        string[]? villages = null, string category = "GrainOil") => new()
    {
        ["regionCode"] = region, ["supplierName"] = "铜梁区金穗粮油专业合作社", ["supplierKind"] = "Cooperative", ["productName"] = "富硒大米" + Guid.NewGuid().ToString("N")[..4],
        ["category"] = category, ["certificateNumber"] = cert ?? Cert(), ["validFrom"] = Day(from ?? ChinaToday.AddYears(-1)),
        ["validTo"] = Day(to ?? ChinaToday.AddYears(1)), ["onPlatform832"] = true,
        ["householdIds"] = new JsonArray((households ?? []).Select(h => (JsonNode)h).ToArray()),
        ["villageCodes"] = new JsonArray((villages ?? []).Select(v => (JsonNode)v).ToArray()),
    };

    private static async Task<JsonNode> ProductAsync(HttpClient c, JsonObject body) =>
        await Ok(await c.PostAsJsonAsync($"{Api}/products", body), HttpStatusCode.Created);

    private static JsonObject Sale(long productId, decimal amount, DateOnly soldOn, string buyerType = "PublicReserved", string channel = "Platform832") => new()
    {
        ["productId"] = productId, ["buyerType"] = buyerType, ["buyerName"] = "铜梁区机关事务管理局", ["amount"] = amount, ["soldOn"] = Day(soldOn), ["channel"] = channel,
    };

    private static async Task<JsonNode> SaleAsync(HttpClient c, JsonObject body) =>
        await Ok(await c.PostAsJsonAsync($"{Api}/sales", body), HttpStatusCode.Created);

    [DbFact]
    public async Task A_product_is_recognised_with_its_households_and_checked_in_chinese()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var h1 = await RegisterAsync(admin, places.HomeVillage);
        var h2 = await RegisterAsync(admin, places.OtherTownshipVillage);
        var cert = Cert();
        var view = await ProductAsync(admin, Product(places.HomeVillage, cert, households: [h1.Id, h2.Id], villages: [places.HomeVillage]));
        var p = view["product"]!;
        Assert.Equal(cert, p["certificateNumber"]!.GetValue<string>());
        Assert.Equal(2, p["households"]!.GetValue<int>());
        Assert.Equal(1, p["villages"]!.GetValue<int>());
        var households = view["households"]!.AsArray();
        Assert.Contains(households, h => h!["householdNumber"]!.GetValue<string>() == h1.Number && h["headName"]!.GetValue<string>() == h1.HeadName);
        // No ID number anywhere.
        Assert.DoesNotContain(h1.HeadId, view.ToJsonString());
        Assert.DoesNotContain(h2.HeadId, view.ToJsonString());

        // The same certificate again; a validity that ends before it starts; missing and unknown codes; a household of another county.
        Assert.Contains("已登记", await FieldError(await admin.PostAsJsonAsync($"{Api}/products", Product(places.HomeVillage, cert)), "certificateNumber"));
        Assert.Equal("认定有效期截止日期不能早于起始日期", await FieldError(await admin.PostAsJsonAsync($"{Api}/products",
            Product(places.HomeVillage, from: ChinaToday, to: ChinaToday.AddDays(-1))), "validTo"));
        var noKind = Product(places.HomeVillage);
        noKind.Remove("supplierKind");
        Assert.Equal("请选择供应主体类型", await FieldError(await admin.PostAsJsonAsync($"{Api}/products", noKind), "supplierKind"));
        var noName = Product(places.HomeVillage);
        noName["productName"] = " ";
        Assert.Equal("请填写产品名称", await FieldError(await admin.PostAsJsonAsync($"{Api}/products", noName), "productName"));
        var stranger = await RegisterAsync(await As("admin"), places.OtherCountyVillage);
        Assert.Contains("本区县", await FieldError(await (await As("admin")).PostAsJsonAsync($"{Api}/products",
            Product(places.HomeVillage, households: [stranger.Id])), "householdIds"));

        // Edited on the version read: a household unlinked; the same version again is stale.
        var edit = Product(places.HomeVillage, cert, households: [h1.Id]);
        edit.Remove("regionCode");
        edit["version"] = p["version"]!.GetValue<int>();
        var edited = await Ok(await admin.PutAsJsonAsync($"{Api}/products/{Id(p)}", edit));
        Assert.Equal(1, edited["product"]!["households"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync($"{Api}/products/{Id(p)}", edit)).StatusCode);

        // The household page's 消费帮扶 panel lists the product the household supplies.
        var panel = await GetTextAsync(admin, $"/households/{h1.Id}/panels/consumption");
        Assert.Contains(edited["product"]!["productName"]!.GetValue<string>(), panel);

        // Listed with filters; exported with 户编号 and the head's name only.
        var list = await GetAsync(admin, $"{Api}/products?region={places.HomeVillage}&category=GrainOil&valid=true&text={cert}");
        Assert.Equal(Id(p), Id(Assert.Single(list["items"]!.AsArray())!));
        var xml = await WorkbookXmlAsync(admin, $"{Api}/products/export?text={cert}");
        Assert.Contains(cert, xml);
        Assert.Contains(h1.Number, xml);
        Assert.DoesNotContain(h1.HeadId, xml);
        // The auditor views, never writes.
        var auditor = await As("auditor");
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"{Api}/products/{Id(p)}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync($"{Api}/products", Product(places.HomeVillage))).StatusCode);
    }

    [DbFact]
    public async Task Sales_are_recorded_within_the_certificates_validity()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var live = Id((await ProductAsync(admin, Product(places.HomeVillage)))["product"]!);
        var expired = Id((await ProductAsync(admin, Product(places.HomeVillage, from: ChinaToday.AddYears(-2), to: ChinaToday.AddDays(-10))))["product"]!);

        var sale = await SaleAsync(admin, Sale(live, 1234.56m, ChinaToday.AddDays(-1), "EastWest", "Fair"));
        Assert.Equal(1234.56m, sale["amount"]!.GetValue<decimal>());
        Assert.Equal("EastWest", sale["buyerType"]!.GetValue<string>());
        // A sale bought by a partner names the county's partnership (东西部协作 buys as 东西部协作).
        var partnership = (await Ok(await admin.PostAsJsonAsync("/api/v1/partners/cooperation/partnerships", new
        {
            countyCode = County, kind = "EastWest", partnerName = "山东省潍坊市寿光市" + NewName(), partnerRegionCode = "370783", sinceYear = 2021,
            contactUnit = "区乡村振兴局",
        }), HttpStatusCode.Created))["partnership"]!["id"]!.GetValue<long>();
        var withPartner = Sale(live, 100m, ChinaToday, "EastWest");
        withPartner["partnershipId"] = partnership;
        Assert.Equal(partnership, (await SaleAsync(admin, withPartner))["partnershipId"]!.GetValue<long>());
        withPartner["partnershipId"] = partnership + 100_000;
        Assert.Contains("不属于本产品所在区县", await FieldError(await admin.PostAsJsonAsync($"{Api}/sales", withPartner), "partnershipId"));

        // Before the certificate ran out: taken; after it: refused, in Chinese.
        await SaleAsync(admin, Sale(expired, 500m, ChinaToday.AddDays(-11)));
        Assert.Contains("到期，不能登记此后的销售", await FieldError(await admin.PostAsJsonAsync($"{Api}/sales", Sale(expired, 500m, ChinaToday.AddDays(-9))), "soldOn"));
        Assert.Equal("销售日期不能晚于今天", await FieldError(await admin.PostAsJsonAsync($"{Api}/sales", Sale(live, 5m, ChinaToday.AddDays(1))), "soldOn"));
        Assert.Equal("金额应大于0元且不超过1亿元", await FieldError(await admin.PostAsJsonAsync($"{Api}/sales", Sale(live, 0m, ChinaToday)), "amount"));
        Assert.Equal("金额最多两位小数", await FieldError(await admin.PostAsJsonAsync($"{Api}/sales", Sale(live, 1.234m, ChinaToday)), "amount"));

        var list = await GetAsync(admin, $"{Api}/sales?productId={live}&buyerType=EastWest&year={ChinaToday.AddDays(-1).Year}");
        Assert.Equal(ChinaToday.AddDays(-1).Year == ChinaToday.Year ? 2 : 1, list["total"]!.GetValue<int>());
        var xml = await WorkbookXmlAsync(admin, $"{Api}/sales/export?productId={live}");
        Assert.Contains("东西部协作", xml);
    }

    private static byte[] Xlsx(params Dictionary<string, object?>[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => (IDictionary<string, object?>)r).ToList());
        return stream.ToArray();
    }

    private static Dictionary<string, object?> Row(string cert, string buyerType, object amount, string date, string channel = "832平台") => new()
    {
        ["产品认定证书号"] = cert, ["购买方类型"] = buyerType, ["购买方名称"] = "重庆永辉超市铜梁店", ["金额(元)"] = amount, ["销售日期"] = date, ["销售渠道"] = channel,
        ["协作关系编号"] = null,
    };

    private static Task<HttpResponseMessage> ImportAsync(HttpClient c, byte[] file) =>
        c.PostAsync($"{Api}/sales/import", new MultipartFormDataContent { { new ByteArrayContent(file), "file", "销售月报.xlsx" } });

    [DbFact]
    public async Task A_sales_file_with_a_bad_row_writes_nothing_and_names_each_bad_row()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var cert = Cert();
        var product = Id((await ProductAsync(admin, Product(places.HomeVillage, cert)))["product"]!);
        var theirs = Cert();
        await ProductAsync(admin, Product(places.OtherTownshipVillage, theirs));
        var day = Day(ChinaToday.AddDays(-3));

        var bad = Xlsx(
            Row(cert, "社会企业", 1000m, day),
            Row(cert, "外国政府", 1000m, day),
            Row(cert, "东西部协作", "一千", day, "直销"),
            Row("FP-NOPE", "东西部协作", 10m, day),
            Row(cert, "定点帮扶", 10m, Day(ChinaToday.AddYears(2))));
        var problem = await Problem(await ImportAsync(admin, bad), HttpStatusCode.BadRequest);
        Assert.Contains("未导入任何数据", problem["title"]!.GetValue<string>());
        var errors = problem["errors"]!.AsObject().ToDictionary(e => e.Key, e => string.Join("；", e.Value!.AsArray().Select(m => m!.GetValue<string>())));
        Assert.Contains("不是有效的购买方类型", errors["第3行·购买方类型"]);
        Assert.Contains("应为数字", errors["第4行·金额(元)"]);
        Assert.Contains("不是有效的销售渠道", errors["第4行·销售渠道"]);
        Assert.Contains("找不到认定证书号", errors["第5行·产品认定证书号"]);
        Assert.Contains("不能晚于今天", errors["第6行·销售日期"]);
        Assert.False(errors.ContainsKey("第2行·购买方类型"));
        Assert.Equal(0, (await GetAsync(admin, $"{Api}/sales?productId={product}"))["total"]!.GetValue<int>());

        // The township user cannot import onto another township's product.
        var tuqiao = await As("tuqiao");
        var foreign = await Problem(await ImportAsync(tuqiao, Xlsx(Row(theirs, "社会企业", 10m, day))), HttpStatusCode.BadRequest);
        Assert.Contains("找不到认定证书号", foreign["errors"]!.AsObject()["第2行·产品认定证书号"]![0]!.GetValue<string>());

        var good = Xlsx(Row(cert, "社会企业", 1000.5m, day), Row(cert, "东西部协作", 2000m, day, "展销会"));
        var summary = await Ok(await ImportAsync(admin, good));
        Assert.Equal(2, summary["recorded"]!.GetValue<int>());
        Assert.Equal(3000.5m, summary["amount"]!.GetValue<decimal>());
        var sales = await GetAsync(admin, $"{Api}/sales?productId={product}");
        Assert.Equal(2, sales["total"]!.GetValue<int>());

        Assert.Contains("请选择要导入的文件", await FieldError(await admin.PostAsync($"{Api}/sales/import", new MultipartFormDataContent
            { { new StringContent("x"), "other" } }), "file"));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"{Api}/sales/import/template")).StatusCode);
    }

    [DbFact]
    public async Task Figures_sum_the_years_sales_by_region_buyer_type_and_category_against_the_target()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        // 2023: no other test sells in it. The county's target is the seeded 150万元.
        var from = new DateOnly(2023, 1, 1);
        var to = new DateOnly(2025, 12, 31);
        var h1 = await RegisterAsync(admin, places.HomeVillage);
        var h2 = await RegisterAsync(admin, places.HomeVillage);
        var h3 = await RegisterAsync(admin, places.OtherTownshipVillage);
        var h4 = await RegisterAsync(admin, places.OtherTownshipVillage);
        var rice = Id((await ProductAsync(admin, Product(places.HomeVillage, from: from, to: to, households: [h1.Id, h2.Id])))["product"]!);
        var tea = Id((await ProductAsync(admin, Product(places.OtherTownshipVillage, from: from, to: to, households: [h2.Id, h3.Id], category: "Tea")))["product"]!);
        var county = Id((await ProductAsync(admin, Product("500151", from: from, to: to, households: [], category: "ProcessedFood")))["product"]!);
        // Linked but sold nothing in 2023: its household is not counted.
        await ProductAsync(admin, Product(places.OtherTownshipVillage, from: from, to: to, households: [h4.Id]));

        await SaleAsync(admin, Sale(rice, 100_000.10m, new DateOnly(2023, 3, 1), "EastWest"));
        await SaleAsync(admin, Sale(rice, 50_000m, new DateOnly(2023, 6, 1), "PublicReserved"));
        await SaleAsync(admin, Sale(tea, 200_000m, new DateOnly(2023, 7, 1), "Pairing", "PurchaseForDonation"));
        await SaleAsync(admin, Sale(county, 49_999.90m, new DateOnly(2023, 12, 31), "Ecommerce", "Ecommerce"));
        await SaleAsync(admin, Sale(rice, 77m, new DateOnly(2024, 1, 1), "EastWest"));

        var f = await GetAsync(admin, $"{Api}/figures?region=500151&year=2023");
        Assert.Equal(400_000m, f["total"]!.GetValue<decimal>());
        Assert.Equal(4, f["sales"]!.GetValue<int>());
        Assert.Equal(1_500_000m, f["target"]!.GetValue<decimal>());
        Assert.Equal(400_000m / 1_500_000m, f["completion"]!.GetValue<decimal>());
        Assert.False(f["reached"]!.GetValue<bool>());
        Assert.Equal(300_000.10m, f["partnerAmount"]!.GetValue<decimal>());
        Assert.Equal(300_000.10m / 400_000m, f["partnerShare"]!.GetValue<decimal>());
        Assert.Equal(3, f["householdsSupplying"]!.GetValue<int>());
        decimal Amount(string list, string key, string keyName = "key") =>
            f[list]!.AsArray().Single(x => x![keyName]!.GetValue<string>() == key)!["amount"]!.GetValue<decimal>();
        Assert.Equal(150_000.10m, Amount("byRegion", places.HomeVillage[..9], "code"));
        Assert.Equal(200_000m, Amount("byRegion", places.OtherTownship, "code"));
        var own = f["byRegion"]!.AsArray().Single(x => x!["code"]!.GetValue<string>() == "500151")!;
        Assert.Equal(49_999.90m, own["amount"]!.GetValue<decimal>());
        Assert.Equal(100_000.10m, Amount("byBuyerType", "EastWest"));
        Assert.Equal(200_000m, Amount("byBuyerType", "Pairing"));
        Assert.Equal(150_000.10m, Amount("byCategory", "GrainOil"));
        Assert.Equal(200_000m, Amount("byCategory", "Tea"));
        Assert.Equal(49_999.90m, Amount("byCategory", "ProcessedFood"));

        // Drill down to the township: its villages; no target below the county.
        var t = await GetAsync(admin, $"{Api}/figures?region={places.HomeVillage[..9]}&year=2023");
        Assert.Equal(150_000.10m, t["total"]!.GetValue<decimal>());
        Assert.Null(t["target"]);
        Assert.Equal(150_000.10m, t["byRegion"]!.AsArray().Single(x => x!["code"]!.GetValue<string>() == places.HomeVillage)!["amount"]!.GetValue<decimal>());
        Assert.Equal(2, t["householdsSupplying"]!.GetValue<int>());
        var v = await GetAsync(admin, $"{Api}/figures?region={places.HomeVillage}&year=2023");
        Assert.Equal(150_000.10m, v["total"]!.GetValue<decimal>());
        Assert.Empty(v["byRegion"]!.AsArray());

        // A target of 40万 for 2023 is reached exactly (unrounded comparison).
        var policy = await Ok(await admin.PutAsJsonAsync("/api/v1/partners/consumption/targets/500151/2023", new { salesTargetWan = 40m }));
        var reached = await GetAsync(admin, $"{Api}/figures?region=500151&year=2023");
        Assert.True(reached["reached"]!.GetValue<bool>());
        Assert.Equal(1m, reached["completion"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"{Api}/figures/export?region=500151&year=2023")).StatusCode);
        _ = policy;
    }

    [DbFact]
    public async Task A_township_or_village_user_gets_nothing_of_another_township()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var h = await RegisterAsync(admin, places.OtherTownshipVillage);
        var cert = Cert();
        var view = await ProductAsync(admin, Product(places.OtherTownshipVillage, cert, households: [h.Id]));
        var id = Id(view["product"]!);
        var sale = Id(await SaleAsync(admin, Sale(id, 888.88m, ChinaToday)));
        var mine = Id((await ProductAsync(admin, Product(places.SecondVillage)))["product"]!);
        var mySale = Id(await SaleAsync(admin, Sale(mine, 12.34m, ChinaToday)));

        foreach (var (user, other) in new[] { ("tuqiao", places.OtherTownship), ("village", places.OtherTownship) })
        {
            var c = await As(user);
            Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"{Api}/products/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"/households/{h.Id}/panels/consumption")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"{Api}/sales/{sale}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await c.PostAsJsonAsync($"{Api}/sales", Sale(id, 1m, ChinaToday))).StatusCode);
            var edit = Product(places.OtherTownshipVillage, cert);
            edit.Remove("regionCode");
            edit["version"] = 1;
            Assert.Equal(HttpStatusCode.NotFound, (await c.PutAsJsonAsync($"{Api}/products/{id}", edit)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await c.PostAsJsonAsync($"{Api}/products", Product(places.OtherTownshipVillage))).StatusCode);
            var products = await GetAsync(c, $"{Api}/products?pageSize=200");
            Assert.DoesNotContain(products["items"]!.AsArray(), p => Id(p!) == id);
            Assert.Equal(0, (await GetAsync(c, $"{Api}/products?region={other}"))["total"]!.GetValue<int>());
            var sales = await GetAsync(c, $"{Api}/sales?pageSize=200");
            Assert.DoesNotContain(sales["items"]!.AsArray(), s => Id(s!) == sale);
            Assert.Equal(0, (await GetAsync(c, $"{Api}/sales?productId={id}"))["total"]!.GetValue<int>());
            Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"{Api}/figures?region={other}")).StatusCode);
            var figures = await GetAsync(c, $"{Api}/figures");
            Assert.DoesNotContain(cert, figures.ToJsonString());
            foreach (var url in new[] { $"{Api}/products/export", $"{Api}/sales/export", $"{Api}/figures/export" })
                Assert.DoesNotContain(cert, await WorkbookXmlAsync(c, url));
            Assert.DoesNotContain("888.88", await WorkbookXmlAsync(c, $"{Api}/sales/export"));
        }
        // The township user sees its own township's sale.
        Assert.Equal(HttpStatusCode.OK, (await (await As("tuqiao")).GetAsync($"{Api}/sales/{mySale}")).StatusCode);
    }

    [DbFact]
    public async Task Malformed_input_is_a_400_in_chinese()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var id = Id((await ProductAsync(admin, Product(places.HomeVillage)))["product"]!);

        async Task<string> SaleError(Action<JsonObject> change, string field)
        {
            var body = Sale(id, 10m, ChinaToday);
            change(body);
            return await FieldError(await admin.PostAsJsonAsync($"{Api}/sales", body), field);
        }
        Assert.Contains("格式不正确", await SaleError(b => b["buyerType"] = "Government", "buyerType"));
        Assert.Contains("不是可选的代码", await SaleError(b => b["channel"] = 77, "channel"));
        Assert.Contains("格式不正确", await SaleError(b => b["amount"] = "很多", "amount"));
        Assert.Contains("格式不正确", await SaleError(b => b["soldOn"] = "昨天", "soldOn"));
        Assert.Equal("请选择购买方类型", await SaleError(b => b.Remove("buyerType"), "buyerType"));
        Assert.Equal("请选择帮扶产品", await SaleError(b => b.Remove("productId"), "productId"));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"{Api}/sales", new StringContent("", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"{Api}/products", new StringContent("{", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        var badCategory = Product(places.HomeVillage);
        badCategory["category"] = "Gold";
        Assert.Contains("格式不正确", await FieldError(await admin.PostAsJsonAsync($"{Api}/products", badCategory), "category"));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"{Api}/sales?buyerType=Nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"{Api}/figures?year=abc")).StatusCode);
        Assert.Equal("年度应在2015至2100年之间", await FieldError(await admin.GetAsync($"{Api}/figures?year=1999"), "year"));
        Assert.Equal("区划代码无效", await FieldError(await admin.GetAsync($"{Api}/products?region=abc"), "region"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteConsumptionApiTests(SqliteApp app) : ConsumptionApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresConsumptionApiTests(PostgresApp app) : ConsumptionApiTests(app);
