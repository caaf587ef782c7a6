using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jingzhun.IntegrationTests.Infrastructure;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// A household without a home point takes the first visit's location (a fix at least as precise as the county's GPS
/// limit) as its home: the field app's warning at the door then has a point to measure from. Later visits never move
/// it, a coarse fix never sets it, and the household's version stays (no open form is made stale); the download
/// carries the point and the county's limit.
/// </summary>
public abstract class HomePointTests(TestApp app) : ApiTests(app)
{
    [DbFact]
    public async Task The_first_precise_visit_location_becomes_the_home_point_of_a_household_without_one()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var userName = $"hpcadre{App.Next()}";
        await Ok(await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName, displayName = "测试帮扶干部", role = "Cadre", regionCode = places.SecondVillage, password = "Jingzhun2026",
        }), HttpStatusCode.Created);
        var cadre = await Ok(await admin.PostAsJsonAsync("/api/v1/cadres", new
        {
            name = NewName(), unit = "区农业农村委", regionCode = places.SecondVillage, activeFrom = "2020-01-01", userName,
        }), HttpStatusCode.Created);
        var h = await RegisterAsync(admin, places.SecondVillage);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        await Ok(await admin.PostAsJsonAsync("/api/v1/pairings/bulk", new
        {
            householdIds = new[] { h.Id }, cadreId = cadre["id"]!.GetValue<long>(), startedOn = today.AddDays(-30).ToString("yyyy-MM-dd"),
        }));
        var phone = await App.LoginAsync(userName);
        async Task<JsonNode> Household() => await GetAsync(admin, $"/api/v1/households/{h.Id}");
        Assert.Null((await Household())["household"]!["latitude"]);
        var version = (await Household())["version"]!.GetValue<int>();

        var limit = (await GetAsync(phone, "/api/v1/sync/households"))["cadre"]!["gpsThresholdMetres"]!.GetValue<int>();
        async Task Visit(double lat, double lon, double accuracy)
        {
            var r = await Ok(await phone.PostAsJsonAsync("/api/v1/sync/visits", new JsonObject
            {
                ["visits"] = new JsonArray(new JsonObject
                {
                    ["clientId"] = Guid.NewGuid().ToString("N"), ["householdId"] = h.Id, ["visitedAt"] = DateTime.UtcNow.AddHours(-1).ToString("O"),
                    ["kind"] = "Monthly", ["latitude"] = lat, ["longitude"] = lon, ["accuracy"] = accuracy, ["notes"] = "入户走访",
                }),
            }));
            Assert.Equal("created", r["results"]![0]!["status"]!.GetValue<string>());
        }

        // A fix coarser than the limit (just above it) sets nothing.
        await Visit(29.70, 106.10, limit + 0.5);
        Assert.Null((await Household())["household"]!["latitude"]);
        // Exactly at the limit it is the home point; the version is unchanged.
        await Visit(29.8123, 106.0456, limit);
        var after = await Household();
        Assert.Equal(29.8123, after["household"]!["latitude"]!.GetValue<double>());
        Assert.Equal(106.0456, after["household"]!["longitude"]!.GetValue<double>());
        Assert.Equal(version, after["version"]!.GetValue<int>());
        // A later visit elsewhere does not move it; the download carries it.
        await Visit(29.90, 106.20, 5);
        var mine = (await GetAsync(phone, "/api/v1/sync/households"))["households"]!.AsArray().Single(x => x!["id"]!.GetValue<long>() == h.Id)!;
        Assert.Equal(29.8123, mine["latitude"]!.GetValue<double>());
        Assert.Equal(106.0456, mine["longitude"]!.GetValue<double>());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteHomePointTests(SqliteApp app) : HomePointTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresHomePointTests(PostgresApp app) : HomePointTests(app);
