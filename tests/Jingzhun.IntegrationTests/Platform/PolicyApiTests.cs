using System.Net;
using System.Net.Http.Json;
using Jingzhun.IntegrationTests.Infrastructure;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// The policy tables (两不愁三保障 thresholds, 防返贫监测 standards): readable by their users, set per province and year
/// by a national or province-level administrator only, validated, and audited. Uses Yunnan (53), where no test has
/// households, so that other tests' rules are not affected.
/// </summary>
public abstract class PolicyApiTests(TestApp app) : ApiTests(app)
{
    private static object Monitoring(decimal threshold) => new
    {
        threshold, nearBand = 0.10m, incomeDropTrigger = 0.30m, outOfPocketTriggerExited = 5000m, outOfPocketTriggerOther = 20000m, decisionDays = 15,
        publicityDays = 5, eliminationMinMonths = 6, eliminationMinMeasures = 1, eliminationStableMonths = 6, microloanMaxAmount = 50000m, microloanMaxYears = 3,
    };

    [DbFact]
    public async Task The_national_floor_is_seeded_and_a_province_sets_its_own_range_from_a_year()
    {
        var auditor = await As("auditor");
        var list = (await GetAsync(auditor, "/api/v1/monitoring/policies")).AsArray();
        Assert.Contains(list, p => p!["provinceCode"]!.GetValue<string>() == "" && p["year"]!.GetValue<int>() == 2021
            && p["values"]!["threshold"]!.GetValue<decimal>() == 6000m);

        // Yunnan's ranges the policy texts give (DOMAIN.md §4) are seeded: 8,050 yuan from 2023, 8,700 from 2025.
        Assert.Contains(list, p => p!["provinceCode"]!.GetValue<string>() == "53" && p["year"]!.GetValue<int>() == 2023
            && p["values"]!["threshold"]!.GetValue<decimal>() == 8050m);
        Assert.Contains(list, p => p!["provinceCode"]!.GetValue<string>() == "53" && p["year"]!.GetValue<int>() == 2025
            && p["values"]!["threshold"]!.GetValue<decimal>() == 8700m);

        var admin = await As("admin");
        // A province sets a year of its own (2024 between the seeded rows).
        var saved = await Ok(await admin.PutAsJsonAsync("/api/v1/monitoring/policies/53/2024", Monitoring(8300m)));
        Assert.Equal(8300m, saved["values"]!["threshold"]!.GetValue<decimal>());
        Assert.Contains((await GetAsync(auditor, "/api/v1/monitoring/policies")).AsArray(),
            p => p!["provinceCode"]!.GetValue<string>() == "53" && p["year"]!.GetValue<int>() == 2024);
        // A change is audited (the national administrator sees entries of every region).
        var audit = await GetAsync(admin, "/api/v1/audit?entityType=MonitoringPolicy&pageSize=50");
        Assert.Contains(audit["items"]!.AsArray(), a => a!["summary"]!.GetValue<string>().Contains("53 2024", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task Only_a_national_or_province_level_admin_may_set_the_values_and_they_are_validated()
    {
        var county = await As("tl_admin");
        await Problem(await county.PutAsJsonAsync("/api/v1/monitoring/policies/50/2026", Monitoring(7000m)), HttpStatusCode.Forbidden);
        await Problem(await county.PutAsJsonAsync("/api/v1/guarantees/policies/50/2026", new
        {
            schoolAgeFrom = 6, schoolAgeTo = 15, safeHousingGrades = "A,B", waterLitresPerPersonDay = 35, waterLitresPerPersonDayShortArea = 20,
            waterFetchMinutes = 20, waterHorizontalMetres = 800, waterVerticalMetres = 80, waterCutoffDaysPerYear = 36,
            deadlineDaysUrgent = 7, deadlineDaysNormal = 30, deadlineDaysMinor = 60,
        }), HttpStatusCode.Forbidden);
        var township = await As("tuqiao");
        await Problem(await township.PutAsJsonAsync("/api/v1/monitoring/policies/50/2026", Monitoring(7000m)), HttpStatusCode.Forbidden);

        var admin = await As("admin");
        Assert.Contains("不能低于全国底线", await FieldError(await admin.PutAsJsonAsync("/api/v1/monitoring/policies/53/2024", Monitoring(5000m)), "threshold"));
        Assert.Contains("不少于5天", await FieldError(await admin.PutAsJsonAsync("/api/v1/monitoring/policies/53/2024",
            new { threshold = 8000m, nearBand = 0.1m, incomeDropTrigger = 0.3m, outOfPocketTriggerExited = 1m, outOfPocketTriggerOther = 1m, decisionDays = 15,
                publicityDays = 3, eliminationMinMonths = 6, eliminationMinMeasures = 1, eliminationStableMonths = 6, microloanMaxAmount = 50000m, microloanMaxYears = 3 }), "publicityDays"));
        Assert.Contains("A、B、C、D", await FieldError(await admin.PutAsJsonAsync("/api/v1/guarantees/policies/53/2024", new
        {
            schoolAgeFrom = 6, schoolAgeTo = 15, safeHousingGrades = "A,X", waterLitresPerPersonDay = 35, waterLitresPerPersonDayShortArea = 20,
            waterFetchMinutes = 20, waterHorizontalMetres = 800, waterVerticalMetres = 80, waterCutoffDaysPerYear = 36,
            deadlineDaysUrgent = 7, deadlineDaysNormal = 30, deadlineDaysMinor = 60,
        }), "safeHousingGrades"));
        await Problem(await admin.PutAsJsonAsync("/api/v1/monitoring/policies/5/2024", Monitoring(8000m)), HttpStatusCode.BadRequest);
    }

    [DbFact]
    public async Task Exit_standards_are_seeded_and_set_per_province_by_its_administrator()
    {
        var list = (await GetAsync(await As("auditor"), "/api/v1/exit/standards")).AsArray();
        Assert.Contains(list, s => s!["provinceCode"]!.GetValue<string>() == "" && s["year"]!.GetValue<int>() == 2020
            && s["povertyLine"]!.GetValue<decimal>() == 4000m);
        Assert.Contains(list, s => s!["provinceCode"]!.GetValue<string>() == "50" && s["incidenceMaxPercent"]!.GetValue<decimal>() == 3m);

        var body = new { povertyLine = 4100m, incidenceMaxPercent = 3m, wrongExitMaxPercent = 2m, missedMaxPercent = 2m, recognitionMinPercent = 90m };
        await Problem(await (await As("tl_admin")).PutAsJsonAsync("/api/v1/exit/standards/53/2021", body), HttpStatusCode.Forbidden);
        var admin = await As("admin");
        Assert.Equal(4100m, (await Ok(await admin.PutAsJsonAsync("/api/v1/exit/standards/53/2021", body)))["povertyLine"]!.GetValue<decimal>());
        Assert.Contains("0至100", await FieldError(await admin.PutAsJsonAsync("/api/v1/exit/standards/53/2021", body with { recognitionMinPercent = 120m }), "recognitionMinPercent"));
        var audit = await GetAsync(admin, "/api/v1/audit?entityType=ExitStandard&pageSize=50");
        Assert.Contains(audit["items"]!.AsArray(), a => a!["summary"]!.GetValue<string>().Contains("53 2021", StringComparison.Ordinal));
    }

    /// <summary>The one save mechanism behind the four tables: ranges checked alike, every wrong field named at once, no 500.</summary>
    [DbFact]
    public async Task Every_table_names_each_value_outside_its_range_and_a_missing_value_is_a_400()
    {
        var admin = await As("admin");
        var exit = await Problem(await admin.PutAsJsonAsync("/api/v1/exit/standards/53/2030",
            new { povertyLine = 999.99m, incidenceMaxPercent = 3m, wrongExitMaxPercent = 100.01m, missedMaxPercent = 2m, recognitionMinPercent = 90m }), HttpStatusCode.BadRequest);
        Assert.Equal("扶贫标准（人均纯收入）应在1000至100000元之间", exit["errors"]!["povertyLine"]![0]!.GetValue<string>());
        Assert.Equal("错退率上限应在0至100%之间", exit["errors"]!["wrongExitMaxPercent"]![0]!.GetValue<string>());
        Assert.Null(exit["errors"]!["incidenceMaxPercent"]);
        // The ends of a range are allowed (compared unrounded).
        await Ok(await admin.PutAsJsonAsync("/api/v1/exit/standards/53/2030",
            new { povertyLine = 1000m, incidenceMaxPercent = 0m, wrongExitMaxPercent = 100m, missedMaxPercent = 2m, recognitionMinPercent = 90m }));

        Assert.Equal("义务教育起始年龄应在5至8岁之间", await FieldError(await admin.PutAsJsonAsync("/api/v1/guarantees/policies/53/2030", new
        {
            schoolAgeFrom = 4, schoolAgeTo = 15, safeHousingGrades = "A,B", waterLitresPerPersonDay = 35, waterLitresPerPersonDayShortArea = 20,
            waterFetchMinutes = 20, waterHorizontalMetres = 800, waterVerticalMetres = 80, waterCutoffDaysPerYear = 36,
            deadlineDaysUrgent = 7, deadlineDaysNormal = 30, deadlineDaysMinor = 60,
        }), "schoolAgeFrom"));
        // A value left out of the body is asked for by name, not a server error.
        Assert.Contains("请填写", await FieldError(await admin.PutAsJsonAsync("/api/v1/guarantees/policies/53/2030", new
        {
            schoolAgeFrom = 6, schoolAgeTo = 15, waterLitresPerPersonDay = 35, waterLitresPerPersonDayShortArea = 20,
            waterFetchMinutes = 20, waterHorizontalMetres = 800, waterVerticalMetres = 80, waterCutoffDaysPerYear = 36,
            deadlineDaysUrgent = 7, deadlineDaysNormal = 30, deadlineDaysMinor = 60,
        }), "safeHousingGrades"));
        Assert.Contains("2位数字", await FieldError(await admin.PutAsJsonAsync("/api/v1/exit/standards/5a/2030",
            new { povertyLine = 4000m, incidenceMaxPercent = 3m, wrongExitMaxPercent = 2m, missedMaxPercent = 2m, recognitionMinPercent = 90m }), "province"));
        Assert.Contains("不早于2021年", await FieldError(await admin.PutAsJsonAsync("/api/v1/monitoring/policies/53/2020", Monitoring(8000m)), "year"));

        // The visit standards' default row is seeded like the other tables' national rows.
        Assert.Contains((await GetAsync(await As("auditor"), "/api/v1/fieldwork/policies")).AsArray(),
            p => p!["countyCode"]!.GetValue<string>() == "" && p["values"]!["gpsThresholdMetres"]!.GetValue<int>() == 1000);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqlitePolicyApiTests(SqliteApp app) : PolicyApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresPolicyApiTests(PostgresApp app) : PolicyApiTests(app);
