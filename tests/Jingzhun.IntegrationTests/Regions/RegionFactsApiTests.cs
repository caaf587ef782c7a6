using System.Net;
using System.Net.Http.Json;
using Jingzhun.IntegrationTests.Infrastructure;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// A village's 农村户籍人口 (the denominator of 贫困发生率) is recorded by an administrator of its county, audited, and used
/// at once by the dashboard and the village exit evaluation. Also: the platform's own writes a user makes (photo
/// uploads, background-job requests) reach the audit log like registry writes.
/// </summary>
public abstract class RegionFactsApiTests(TestApp app) : ApiTests(app)
{
    [DbFact]
    public async Task A_county_admin_records_a_village_population_and_incidence_follows()
    {
        var county = await As("tl_admin");
        // The township's last village: no other test gives it a population (the exit tests expect none elsewhere).
        var village = (await GetAsync(county, $"/api/v1/regions/{Township}/children")).AsArray().Last()!["code"]!.GetValue<string>();
        var version = (await GetAsync(county, $"/api/v1/regions/{village}"))["version"]!.GetValue<int>();
        var saved = await Ok(await county.PutAsJsonAsync($"/api/v1/regions/{village}", new { ruralPopulation = 2000, version }));
        Assert.Equal(2000, saved["ruralPopulation"]!.GetValue<int>());

        var dashboard = await GetAsync(county, $"/api/v1/dashboard?region={village}");
        Assert.Equal(2000, dashboard["ruralPopulation"]!.GetValue<int>());
        Assert.NotNull(dashboard["incidence"]);
        var villages = (await GetAsync(county, $"/api/v1/exit/villages?region={village[..9]}")).AsArray();
        var row = villages.Single(v => v!["code"]!.GetValue<string>() == village)!;
        Assert.Contains("÷ 2000人", row["conditions"]!.AsArray().First()!["detail"]!.GetValue<string>());

        var audit = await GetAsync(await As("admin"), $"/api/v1/audit?entityType=Region&q={village}");
        Assert.True(audit["total"]!.GetValue<int>() >= 1);
    }

    [DbFact]
    public async Task Photo_uploads_and_sweep_requests_are_audited_with_who_and_where()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        // The upload checks the content only for the image signature, so the 8-byte PNG signature is enough here.
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]), "file", "证据.png");
        var file = await Ok(await tuqiao.PostAsync("/api/v1/files", form), HttpStatusCode.Created);
        var sweep = await tuqiao.PostAsJsonAsync("/api/v1/monitoring/sweeps", new { region = places.HomeVillage });
        Assert.Equal(HttpStatusCode.Accepted, sweep.StatusCode);

        var admin = await As("admin");
        var uploads = (await GetAsync(admin, "/api/v1/audit?entityType=StoredFile&user=tuqiao&pageSize=200"))["items"]!.AsArray();
        Assert.Contains(uploads, a => a!["entityId"]!.GetValue<string>() == file["id"]!.GetValue<string>()
            && a["regionCode"]!.GetValue<string>() == Township);
        var jobs = (await GetAsync(admin, "/api/v1/audit?entityType=Job&user=tuqiao&pageSize=200"))["items"]!.AsArray();
        Assert.Contains(jobs, a => a!["regionCode"]!.GetValue<string>() == places.HomeVillage && a["action"]!.GetValue<string>() == "Create");
        // The runner's progress updates are not user writes: only the request is recorded.
        Assert.DoesNotContain(jobs, a => a!["action"]!.GetValue<string>() != "Create");
    }

    [DbFact]
    public async Task Population_is_set_only_on_villages_in_scope_by_administrators()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        Assert.Contains("按村登记", await FieldError(await county.PutAsJsonAsync($"/api/v1/regions/{County}101", new { ruralPopulation = 5 }), "ruralPopulation"));
        Assert.Contains("0至20万", await FieldError(await county.PutAsJsonAsync($"/api/v1/regions/{places.HomeVillage}", new { ruralPopulation = -1 }), "ruralPopulation"));
        await Problem(await county.PutAsJsonAsync($"/api/v1/regions/{places.OtherCountyVillage}", new { ruralPopulation = 100 }), HttpStatusCode.NotFound);
        // A county does not set its own assistance flags; the city or province does.
        await Problem(await county.PutAsJsonAsync($"/api/v1/regions/{County}", new { isNationalKeyCounty = true }), HttpStatusCode.Forbidden);
        // Township officers and auditors are not administrators.
        await Problem(await (await As("tuqiao")).PutAsJsonAsync($"/api/v1/regions/{places.HomeVillage}", new { ruralPopulation = 100 }), HttpStatusCode.Forbidden);
        await Problem(await (await As("auditor")).PutAsJsonAsync($"/api/v1/regions/{places.HomeVillage}", new { ruralPopulation = 100 }), HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteRegionFactsApiTests(SqliteApp app) : RegionFactsApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresRegionFactsApiTests(PostgresApp app) : RegionFactsApiTests(app);
