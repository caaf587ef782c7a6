using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jingzhun.IntegrationTests.Infrastructure;
using Jingzhun.Web.Modules.Registry.Rules;
using MiniExcelLibs;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// The report centre and 年度数据冻结 through HTTP: each report's totals equal the filtered lists behind them (for a
/// village nobody else uses, and for a township), the workbook reads back with the same numbers, a freeze → change →
/// freeze → compare shows exactly the change, scope and the one-per-region-and-year rule.
/// </summary>
public abstract class ReportsApiTests(TestApp app) : ApiTests(app)
{
    private static int ThisYear => DateTime.UtcNow.AddHours(8).Year;

    /// <summary>A village of the other township counted from its end: the other tests use the first villages.</summary>
    private async Task<string> FreshVillageAsync(int fromEnd)
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var villages = (await GetAsync(admin, $"/api/v1/regions/{places.OtherTownship}/children")).AsArray()
            .Select(x => x!["code"]!.GetValue<string>()).Where(c => c.Length == 12).ToList();
        return villages[^fromEnd];
    }

    private static async Task<int> ListTotalAsync(HttpClient c, string query) =>
        (await GetAsync(c, "/api/v1/households?pageSize=1&" + query))["total"]!.GetValue<int>();

    private static JsonObject Total(JsonNode report, int table = 0) => report["tables"]![table]!["total"]!.AsObject();

    private static int Int(JsonObject row, string key) => row[key]!.GetValue<int>();

    private static async Task SaveIncomeAsync(HttpClient c, long householdId, int year, decimal perCapita) =>
        await Ok(await c.PutAsJsonAsync($"/api/v1/households/{householdId}/incomes/{year}", new { wageIncome = perCapita, householdSize = 1 }));

    [DbFact]
    public async Task Household_and_cause_reports_equal_the_household_list_counts()
    {
        var admin = await As("tl_admin");
        var village = await FreshVillageAsync(5);
        await RegisterAsync(admin, village);
        await RegisterAsync(admin, village);
        await RegisterAsync(admin, village, Facts("Ordinary"));
        var places = await PlacesAsync();

        foreach (var region in new[] { village, places.OtherTownship })
        {
            var report = await GetAsync(admin, $"/api/v1/reports/households/data?region={region}");
            var total = Total(report);
            Assert.Equal(await ListTotalAsync(admin, $"region={region}"), Int(total, "households"));
            foreach (var status in new[] { "Exited", "NotExited", "Monitored", "Ordinary" })
                Assert.Equal(await ListTotalAsync(admin, $"region={region}&status={status}"), Int(total, $"{status}Households"));
            // The rows (sub-regions) add up to the total.
            Assert.Equal(Int(total, "households"), report["tables"]![0]!["rows"]!.AsArray().Sum(r => r!["households"]!.GetValue<int>()));
            var byAttribute = report["tables"]![1]!["rows"]!.AsArray();
            var generalExited = byAttribute.First(r => r!["key"]!.GetValue<string>() == "GeneralExited")!;
            Assert.Equal(await ListTotalAsync(admin, $"region={region}&attribute=GeneralExited"), generalExited["households"]!.GetValue<int>());

            var causes = Total(await GetAsync(admin, $"/api/v1/reports/causes/data?region={region}"));
            foreach (var cause in new[] { "Illness", "Disability", "LackOfLabour" })
                Assert.Equal(await ListTotalAsync(admin, $"region={region}&mainCause={cause}"), Int(causes, cause));
            Assert.Equal(Int(total, "households"), Int(causes, "households"));
        }
        var v = Total(await GetAsync(admin, $"/api/v1/reports/households/data?region={village}"));
        Assert.Equal(2, Int(v, "ExitedHouseholds"));
        Assert.Equal(1, Int(v, "OrdinaryHouseholds"));
        Assert.Equal(3, Int(v, "people"));
    }

    [DbFact]
    public async Task The_workbook_reads_back_with_the_page_numbers_a_frozen_header_and_number_formats()
    {
        var admin = await As("tl_admin");
        var village = await FreshVillageAsync(1);
        await RegisterAsync(admin, village);
        var data = Total(await GetAsync(admin, $"/api/v1/reports/households/data?region={village}"));

        var r = await admin.GetAsync($"/api/v1/reports/households?region={village}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.Content.Headers.ContentType?.MediaType);
        var bytes = await r.Content.ReadAsByteArrayAsync();
        using (var stream = new MemoryStream(bytes))
        {
            var sheets = MiniExcel.GetSheetNames(stream);
            Assert.Equal(["按地区、户类型", "按贫困户属性"], sheets);
        }
        using (var stream = new MemoryStream(bytes))
        {
            var rows = stream.Query(useHeaderRow: true, sheetName: "按地区、户类型", startCell: "A2").Cast<IDictionary<string, object>>().ToList();
            var total = rows.Single(x => (string)x["地区"] == "合计");
            Assert.Equal(Int(data, "ExitedHouseholds"), Convert.ToInt32(total["脱贫户户数"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Int(data, "households"), Convert.ToInt32(total["合计户数"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Int(data, "people"), Convert.ToInt32(total["合计人数"], System.Globalization.CultureInfo.InvariantCulture));
        }
        using var zip = new ZipArchive(new MemoryStream(bytes));
        string Read(string name) { using var s = new StreamReader(zip.GetEntry(name)!.Open()); return s.ReadToEnd(); }
        Assert.Contains("ySplit=\"2\"", Read("xl/worksheets/sheet1.xml"), StringComparison.Ordinal);
        Assert.Contains("#,##0", Read("xl/styles.xml"), StringComparison.Ordinal);

        // The income workbook carries the money format.
        var income = await admin.GetAsync($"/api/v1/reports/income?region={village}");
        using var incomeZip = new ZipArchive(new MemoryStream(await income.Content.ReadAsByteArrayAsync()));
        using var styles = new StreamReader(incomeZip.GetEntry("xl/styles.xml")!.Open());
        Assert.Contains("#,##0.00", await styles.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task Income_report_averages_per_capita_by_year_with_the_average_annual_growth()
    {
        var admin = await As("tl_admin");
        var village = await FreshVillageAsync(2);
        var lastYear = ThisYear - 1;
        var a = await RegisterAsync(admin, village);
        var b = await RegisterAsync(admin, village);
        await SaveIncomeAsync(admin, a.Id, 2014, 4000m);
        await SaveIncomeAsync(admin, a.Id, lastYear, 8000m);
        await SaveIncomeAsync(admin, b.Id, lastYear, 10000m);

        var report = await GetAsync(admin, $"/api/v1/reports/income/data?region={village}");
        var rows = report["tables"]![0]!["rows"]!.AsArray();
        Assert.Equal(lastYear - 2014 + 1, rows.Count);
        var first = rows.First(r => r!["key"]!.GetValue<int>() == 2014)!;
        var last = rows.First(r => r!["key"]!.GetValue<int>() == lastYear)!;
        Assert.Equal(1, first["households"]!.GetValue<int>());
        Assert.Equal(4000m, first["perCapita"]!.GetValue<decimal>());
        Assert.Equal(2, last["households"]!.GetValue<int>());
        Assert.Equal(9000m, last["perCapita"]!.GetValue<decimal>());
        var expected = Math.Round(IncomeRule.AverageAnnualGrowth(4000m, 9000m, lastYear - 2014), 4);
        Assert.Equal(expected, Total(report)["growth"]!.GetValue<double>(), 4);
    }

    [DbFact]
    public async Task Income_report_starts_at_the_earliest_year_with_data_even_before_2014()
    {
        var admin = await As("tl_admin");
        var village = await FreshVillageAsync(6);
        var h = await RegisterAsync(admin, village);
        // Bazhong's seed: 2,416 yuan (2013) → 10,501 yuan (2020).
        await SaveIncomeAsync(admin, h.Id, 2013, 2416m);
        await SaveIncomeAsync(admin, h.Id, 2020, 10501m);

        var report = await GetAsync(admin, $"/api/v1/reports/income/data?region={village}");
        var rows = report["tables"]![0]!["rows"]!.AsArray();
        Assert.Equal(2013, rows[0]!["key"]!.GetValue<int>());
        Assert.Equal(2416m, rows[0]!["perCapita"]!.GetValue<decimal>());
        Assert.Equal("2013—2020年年均增长", Total(report)["year"]!.GetValue<string>());
        Assert.Equal(0.2336, Total(report)["growth"]!.GetValue<double>(), 4);
    }

    [DbFact]
    public async Task Problem_and_monitoring_reports_equal_their_lists()
    {
        var admin = await As("tl_admin");
        var village = await FreshVillageAsync(1);
        // Facts() leave food and clothing unanswered, so the assessment may open problems: whatever it opens is counted.
        await RegisterAsync(admin, village);
        var problems = Total(await GetAsync(admin, $"/api/v1/reports/problems/data?region={village}"));
        var listed = (await GetAsync(admin, $"/api/v1/problems?region={village}&pageSize=1"))["total"]!.GetValue<int>();
        Assert.Equal(listed, Int(problems, "found"));
        Assert.Equal(Int(problems, "found") - Int(problems, "verified"), Int(problems, "outstanding"));
        var byDimension = Total(await GetAsync(admin, $"/api/v1/reports/problems/data?region={village}"), 1);
        Assert.Equal(listed, Int(byDimension, "found"));
        // A year outside 2014..this year is refused.
        await FieldError(await admin.GetAsync($"/api/v1/reports/problems/data?region={village}&year=2000"), "year");

        var monitoring = Total(await GetAsync(admin, $"/api/v1/reports/monitoring/data?region={County}"));
        var stats = await GetAsync(admin, $"/api/v1/monitoring/stats?region={County}");
        Assert.Equal(stats["monitoredHouseholds"]!.GetValue<int>(), Int(monitoring, "monitored"));
        Assert.Equal(stats["identifiedHouseholds"]!.GetValue<int>(), Int(monitoring, "identified"));
        Assert.Equal(stats["eliminatedHouseholds"]!.GetValue<int>(), Int(monitoring, "eliminated"));
        Assert.Equal(await ListTotalAsync(admin, $"region={County}&status=Monitored"), Int(monitoring, "monitored"));
    }

    [DbFact]
    public async Task Report_catalogue_lists_the_visits_report_and_scope_is_enforced()
    {
        var tuqiao = await As("tuqiao");
        var catalogue = await GetAsync(tuqiao, "/api/v1/reports");
        Assert.Contains(catalogue.AsArray(), r => r!["name"]!.GetValue<string>() == "visits" && r["available"]!.GetValue<bool>());
        Assert.Equal(Township, (await GetAsync(tuqiao, "/api/v1/reports/visits/data"))["regionCode"]!.GetValue<string>());
        await Problem(await tuqiao.GetAsync("/api/v1/reports/nonsense/data"), HttpStatusCode.NotFound);
        var places = await PlacesAsync();
        await Problem(await tuqiao.GetAsync($"/api/v1/reports/households/data?region={places.OtherTownship}"), HttpStatusCode.NotFound);
        await Problem(await tuqiao.GetAsync($"/api/v1/reports/households?region={places.OtherTownship}"), HttpStatusCode.NotFound);
        // Without a region: the user's own township.
        var own = await GetAsync(tuqiao, "/api/v1/reports/households/data");
        Assert.Equal(Township, own["regionCode"]!.GetValue<string>());
        Assert.Equal(await ListTotalAsync(tuqiao, ""), Int(Total(own), "households"));
    }

    [DbFact]
    public async Task Freeze_change_freeze_and_compare_shows_exactly_the_change()
    {
        var admin = await As("tl_admin");
        var village = await FreshVillageAsync(3);
        var lastYear = ThisYear - 1;
        var changed = await RegisterAsync(admin, village);
        var earner = await RegisterAsync(admin, village);
        await SaveIncomeAsync(admin, earner.Id, lastYear - 1, 5000m);

        var first = await Ok(await admin.PostAsJsonAsync("/api/v1/snapshots", new { region = village, year = lastYear, label = "上年冻结" }),
            HttpStatusCode.Created);
        Assert.Equal(2, first["households"]!.GetValue<int>());
        Assert.Equal(2, first["exitedHouseholds"]!.GetValue<int>());

        // 脱贫户 → 一般农户 (through the API), a new year's income, a new household.
        var seen = await GetAsync(admin, $"/api/v1/households/{changed.Id}");
        var facts = Facts("Ordinary");
        await Ok(await admin.PutAsJsonAsync($"/api/v1/households/{changed.Id}", new { household = facts, version = seen["version"]!.GetValue<int>() }));
        await SaveIncomeAsync(admin, earner.Id, lastYear, 7250.5m);
        var added = await RegisterAsync(admin, village);

        var second = await Ok(await admin.PostAsJsonAsync("/api/v1/snapshots", new { region = village, year = ThisYear }), HttpStatusCode.Created);
        Assert.Equal(3, second["households"]!.GetValue<int>());

        var cmp = await GetAsync(admin, $"/api/v1/snapshots/compare?from={first["id"]}&to={second["id"]}");
        var addedRows = cmp["added"]!.AsArray();
        Assert.Equal(added.Id, Assert.Single(addedRows)!["householdId"]!.GetValue<long>());
        Assert.Empty(cmp["removed"]!.AsArray());
        var status = Assert.Single(cmp["statusChanges"]!.AsArray())!;
        Assert.Equal(changed.Id, status["householdId"]!.GetValue<long>());
        Assert.Equal("Exited", status["from"]!.GetValue<string>());
        Assert.Equal("Ordinary", status["to"]!.GetValue<string>());
        var income = Assert.Single(cmp["incomeChanges"]!.AsArray())!;
        Assert.Equal(earner.Id, income["householdId"]!.GetValue<long>());
        Assert.Equal(5000m, income["fromIncome"]!.GetValue<decimal>());
        Assert.Equal(7250.5m, income["toIncome"]!.GetValue<decimal>());
        Assert.Equal(2250.5m, income["difference"]!.GetValue<decimal>());
        var counts = cmp["counts"]!.AsArray();
        JsonNode Count(string s) => counts.First(c => c!["status"]!.GetValue<string>() == s)!;
        Assert.Equal(2, Count("Exited")["before"]!.GetValue<int>());
        Assert.Equal(2, Count("Exited")["after"]!.GetValue<int>());
        Assert.Equal(0, Count("Ordinary")["before"]!.GetValue<int>());
        Assert.Equal(1, Count("Ordinary")["after"]!.GetValue<int>());

        // The snapshot itself did not move with the registry: comparing it with itself shows nothing.
        var same = await GetAsync(admin, $"/api/v1/snapshots/compare?from={first["id"]}&to={first["id"]}");
        Assert.Empty(same["statusChanges"]!.AsArray());
        Assert.Empty(same["incomeChanges"]!.AsArray());
    }

    [DbFact]
    public async Task A_second_freeze_of_the_same_region_and_year_is_refused_unless_replacing()
    {
        var admin = await As("tl_admin");
        var village = await FreshVillageAsync(4);
        await RegisterAsync(admin, village);
        var year = ThisYear - 2;
        var first = await Ok(await admin.PostAsJsonAsync("/api/v1/snapshots", new { region = village, year }), HttpStatusCode.Created);
        var refused = await Problem(await admin.PostAsJsonAsync("/api/v1/snapshots", new { region = village, year }), HttpStatusCode.Conflict);
        Assert.Contains("每个地区每年只保留一份", refused["title"]!.GetValue<string>(), StringComparison.Ordinal);

        await RegisterAsync(admin, village);
        var replaced = await Ok(await admin.PostAsJsonAsync("/api/v1/snapshots", new { region = village, year, replace = true }), HttpStatusCode.Created);
        Assert.NotEqual(first["id"]!.GetValue<long>(), replaced["id"]!.GetValue<long>());
        Assert.Equal(2, replaced["households"]!.GetValue<int>());
        var list = (await GetAsync(admin, $"/api/v1/snapshots?region={village}")).AsArray();
        Assert.Equal(replaced["id"]!.GetValue<long>(), Assert.Single(list, s => s!["year"]!.GetValue<int>() == year)!["id"]!.GetValue<long>());
        // A year outside 2014..this year.
        await FieldError(await admin.PostAsJsonAsync("/api/v1/snapshots", new { region = village, year = ThisYear + 1 }), "year");
    }

    [DbFact]
    public async Task A_township_user_neither_sees_nor_creates_another_townships_snapshot()
    {
        var admin = await As("tl_admin");
        var tuqiao = await As("tuqiao");
        var places = await PlacesAsync();
        var other = await Ok(await admin.PostAsJsonAsync("/api/v1/snapshots", new { region = places.OtherTownship, year = ThisYear - 3 }),
            HttpStatusCode.Created);
        var id = other["id"]!.GetValue<long>();

        Assert.DoesNotContain((await GetAsync(tuqiao, "/api/v1/snapshots")).AsArray(), s => s!["id"]!.GetValue<long>() == id);
        Assert.Contains((await GetAsync(admin, "/api/v1/snapshots")).AsArray(), s => s!["id"]!.GetValue<long>() == id);
        await Problem(await tuqiao.GetAsync($"/api/v1/snapshots/compare?from={id}&to={id}"), HttpStatusCode.NotFound);
        // Freezing needs registry.snapshot (county administrators), whatever the region.
        Assert.Equal(HttpStatusCode.Forbidden,
            (await tuqiao.PostAsJsonAsync("/api/v1/snapshots", new { region = places.OtherTownship, year = ThisYear })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tuqiao.PostAsJsonAsync("/api/v1/snapshots", new { region = Township, year = ThisYear })).StatusCode);
        // A county administrator cannot freeze another county.
        await Problem(await admin.PostAsJsonAsync("/api/v1/snapshots", new { region = places.OtherCounty, year = ThisYear }), HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task Report_and_snapshot_pages_render_for_a_signed_in_user()
    {
        var admin = await As("tl_admin");
        var village = await FreshVillageAsync(1);
        await RegisterAsync(admin, village);
        var list = await GetTextAsync(admin, "/reports");
        Assert.DoesNotContain("待走访模块上线", list, StringComparison.Ordinal);
        foreach (var name in new[] { "households", "causes", "income", "problems", "monitoring", "visits" })
        {
            var page = await GetTextAsync(admin, $"/reports/{name}?region={village}");
            Assert.Contains("合计", page, StringComparison.Ordinal);
            var print = await GetTextAsync(admin, $"/reports/{name}/print?region={village}");
            Assert.Contains("制表日期", print, StringComparison.Ordinal);
        }
        Assert.Contains("年度数据冻结", await GetTextAsync(admin, "/reports/snapshots"), StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteReportsApiTests(SqliteApp app) : ReportsApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresReportsApiTests(PostgresApp app) : ReportsApiTests(app);
