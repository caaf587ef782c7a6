namespace Jingzhun.IntegrationTests;

/// <summary>
/// The demo county's 公益性岗位: positions in the demo village with holders, one vacant, and last year's wages paid by quarter
/// and found in the holder household's 公益性岗位收入 of that year.
/// </summary>
public abstract class WelfareJobDemoTests(TestApp app) : ApiTests(app)
{
    [DbFact]
    public async Task WelfareJob_demo_positions_have_holders_and_wages_in_their_households_income()
    {
        var village = await As("village");
        var all = await GetAsync(village, "/api/v1/employment/welfare-jobs?pageSize=200");
        var items = all["items"]!.AsArray();
        Assert.Equal(4, items.Count);
        Assert.Single(items, j => j!["holderId"] is null);
        var held = items.First(j => j!["holderId"] is not null)!;
        Assert.Contains("***", held["holderIdNumberMasked"]!.GetValue<string>());

        var job = await GetAsync(village, $"/api/v1/employment/welfare-jobs/{held["id"]}");
        var lastYear = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year - 1;
        var paidLastYear = job["payments"]!.AsArray().Where(p => p!["year"]!.GetValue<int>() == lastYear).ToList();
        Assert.Equal(4, paidLastYear.Count);
        Assert.Equal(12 * held["monthlyPay"]!.GetValue<decimal>(), paidLastYear.Sum(p => p!["amount"]!.GetValue<decimal>()));
        var income = await GetAsync(village, $"/api/v1/households/{held["householdId"]}/incomes/{lastYear}");
        Assert.True(income["lines"]!["publicWelfareJobIncome"]!.GetValue<decimal>() >= 12 * held["monthlyPay"]!.GetValue<decimal>());
    }
}

[Collection(DemoSqliteCollection.Name)]
public sealed class SqliteWelfareJobDemoTests(DemoSqliteApp app) : WelfareJobDemoTests(app);

[Collection(DemoPostgresCollection.Name)]
public sealed class PostgresWelfareJobDemoTests(DemoPostgresApp app) : WelfareJobDemoTests(app);
