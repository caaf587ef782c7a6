namespace Jingzhun.IntegrationTests;

/// <summary>
/// The demo county's 消费帮扶: six recognised products tied to demo households (three of them to their villages), and this
/// year's 120 sales up to today across the buyer types, partners' purchases among them, counted by the figures against
/// 铜梁区's seeded target of 150 万元.
/// </summary>
public abstract class ConsumptionDemoTests(TestApp app) : ApiTests(app)
{
    [DbFact]
    public async Task Consumption_demo_products_and_this_years_sales_make_the_county_figures()
    {
        var admin = await As("tl_admin");
        var products = await GetAsync(admin, "/api/v1/partners/consumption/products?pageSize=200");
        Assert.Equal(6, products["total"]!.GetValue<int>());
        Assert.All(products["items"]!.AsArray(), p => Assert.True(p!["households"]!.GetValue<int>() > 0));
        Assert.Equal(3, products["items"]!.AsArray().Count(p => p!["villages"]!.GetValue<int>() == 1));

        var year = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year;
        var sales = await GetAsync(admin, $"/api/v1/partners/consumption/sales?year={year}&pageSize=1");
        Assert.Equal(120, sales["total"]!.GetValue<int>());
        var f = await GetAsync(admin, $"/api/v1/partners/consumption/figures?region=500151&year={year}");
        Assert.Equal(120, f["sales"]!.GetValue<int>());
        Assert.Equal(1_500_000m, f["target"]!.GetValue<decimal>());
        Assert.True(f["partnerAmount"]!.GetValue<decimal>() > 0);
        Assert.True(f["householdsSupplying"]!.GetValue<int>() > 0);
        Assert.True(f["byBuyerType"]!.AsArray().Count(b => b!["amount"]!.GetValue<decimal>() > 0) >= 5);
        Assert.Equal(f["total"]!.GetValue<decimal>(), f["byRegion"]!.AsArray().Sum(r => r!["amount"]!.GetValue<decimal>()));
    }
}

[Collection(DemoSqliteCollection.Name)]
public sealed class SqliteConsumptionDemoTests(DemoSqliteApp app) : ConsumptionDemoTests(app);

[Collection(DemoPostgresCollection.Name)]
public sealed class PostgresConsumptionDemoTests(DemoPostgresApp app) : ConsumptionDemoTests(app);
