using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jingzhun.IntegrationTests.Infrastructure;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// 走访需户主签字 (issue 14): where a county's visit standard asks for the household head's signature, the field app's
/// download says so, a visit without it is refused with a Chinese 400 naming 户主签字 (sync, API and the web form), and
/// a visit with it keeps the image apart from the photos: "户主已签字" with the image on the visit's list and detail.
/// The county is another county than the demo county's, and its standard is set back in the end.
/// </summary>
public abstract partial class SignatureTests(TestApp app) : ApiTests(app)
{
    [GeneratedRegex("name=\"ClientId\" value=\"([^\"]+)\"")]
    private static partial Regex ClientIdField();

    private sealed record Setup(string County, long HouseholdId, long CadreId, HttpClient Phone);

    /// <summary>A household of the other county paired with a new cadre who signs in on the phone.</summary>
    private async Task<Setup> SetUpAsync()
    {
        var village = (await PlacesAsync()).OtherCountyVillage;
        var admin = await As("admin");
        var userName = $"sigcadre{App.Next()}";
        await Ok(await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName, displayName = "签字测试干部", role = "Cadre", regionCode = village, password = "Jingzhun2026",
        }), HttpStatusCode.Created);
        var cadre = await Ok(await admin.PostAsJsonAsync("/api/v1/cadres", new
        {
            name = NewName(), unit = "县农业农村委", regionCode = village, activeFrom = "2020-01-01", userName,
        }), HttpStatusCode.Created);
        var h = await RegisterAsync(admin, village);
        await Ok(await admin.PostAsJsonAsync("/api/v1/pairings/bulk", new
        {
            householdIds = new[] { h.Id }, cadreId = cadre["id"]!.GetValue<long>(),
            startedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-30).ToString("yyyy-MM-dd"),
        }));
        return new Setup(village[..6], h.Id, cadre["id"]!.GetValue<long>(), await App.LoginAsync(userName));
    }

    /// <summary>Sets 走访需户主签字 of the county for this year, the other values as the default.</summary>
    private async Task RequireSignatureAsync(string county, bool required)
    {
        var admin = await As("admin");
        var year = DateTime.UtcNow.AddHours(8).Year;
        var rows = (await GetAsync(admin, "/api/v1/fieldwork/policies")).AsArray();
        var row = rows.FirstOrDefault(r => r!["countyCode"]!.GetValue<string>() == county && r["year"]!.GetValue<int>() == year);
        var version = row?["version"]!.GetValue<int>();
        await Ok(await admin.PutAsJsonAsync($"/api/v1/fieldwork/policies/{county}/{year}{(version is { } v ? $"?version={v}" : "")}", new
        {
            festivalDaysBefore = 7, festivalDaysAfter = 7, emergencyDays = 3, pairingGraceDays = 10, gpsThresholdMetres = 1000,
            lateEntryDays = 3, maxVisitsPerDay = 12, townshipSwitchMinutes = 30, signatureRequired = required,
        }));
    }

    private static async Task<string> UploadAsync(HttpClient phone, byte[] bytes, string type, string name)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        var r = await phone.PostAsync("/api/v1/sync/photos", new MultipartFormDataContent
            { { content, "file", name }, { new StringContent(Guid.NewGuid().ToString("N")), "clientId" } });
        return (await Ok(r, HttpStatusCode.Created))["id"]!.GetValue<string>();
    }

    private static JsonObject Visit(long householdId, string? signatureId = null, params string[] photoIds) => new()
    {
        ["clientId"] = Guid.NewGuid().ToString("N"), ["householdId"] = householdId, ["visitedAt"] = DateTime.UtcNow.AddMinutes(-5).ToString("O"),
        ["kind"] = "Monthly", ["notes"] = "入户走访，户主签字确认", ["photoIds"] = new JsonArray([.. photoIds.Select(p => (JsonNode)p)]),
        ["signatureId"] = signatureId,
    };

    private static async Task<JsonNode> SyncAsync(HttpClient phone, JsonObject visit) =>
        (await Ok(await phone.PostAsJsonAsync("/api/v1/sync/visits", new JsonObject { ["visits"] = new JsonArray(visit) })))["results"]![0]!;

    [DbFact]
    public async Task A_county_that_asks_for_the_head_s_signature_refuses_a_visit_without_it_and_keeps_the_signature_with_the_visit()
    {
        var s = await SetUpAsync();
        var admin = await As("admin");
        bool Required(JsonNode download) => download["households"]!.AsArray().Single(x => x!["id"]!.GetValue<long>() == s.HouseholdId)!
            ["signatureRequired"]!.GetValue<bool>();
        Assert.False(Required(await GetAsync(s.Phone, "/api/v1/sync/households")));
        try
        {
            await RequireSignatureAsync(s.County, true);
            Assert.True(Required(await GetAsync(s.Phone, "/api/v1/sync/households")));

            // Without a signature: refused, in the sync batch and by the single-visit API, naming 户主签字.
            var refused = await SyncAsync(s.Phone, Visit(s.HouseholdId));
            Assert.Equal("invalid", refused["status"]!.GetValue<string>());
            Assert.Contains("户主签字", refused["errors"]!["signatureId"]!.GetValue<string>());
            Assert.Contains("户主签字", await FieldError(await s.Phone.PostAsJsonAsync("/api/v1/visits", Visit(s.HouseholdId)), "signatureId"));
            Assert.Equal(0, (await GetAsync(admin, $"/api/v1/visits?householdId={s.HouseholdId}"))["total"]!.GetValue<int>());

            // With the signature (a PNG uploaded like a photo) and one photo: stored, the signature apart from the photos.
            var signature = await UploadAsync(s.Phone, TinyPng(), "image/png", "signature.png");
            var photo = await UploadAsync(s.Phone, TinyPng(), "image/png", "door.png");
            var visit = Visit(s.HouseholdId, signature, photo);
            var created = await SyncAsync(s.Phone, visit);
            Assert.Equal("created", created["status"]!.GetValue<string>());
            var id = created["visitId"]!.GetValue<long>();
            var state = await GetAsync(s.Phone, $"/api/v1/sync/visits/{visit["clientId"]}");
            Assert.Equal(signature, state["signatureId"]!.GetValue<string>());
            Assert.Equal([photo], state["photoIds"]!.AsArray().Select(p => p!.GetValue<string>()));

            var detail = await GetAsync(admin, $"/api/v1/visits/{id}");
            Assert.True(detail["visit"]!["headSigned"]!.GetValue<bool>());
            Assert.Equal(1, detail["visit"]!["photos"]!.GetValue<int>());
            Assert.Equal(photo, Assert.Single(detail["photos"]!.AsArray())!["id"]!.GetValue<string>());
            var url = detail["signature"]!["url"]!.GetValue<string>();
            using (var image = await admin.GetAsync(url))
            {
                Assert.Equal(HttpStatusCode.OK, image.StatusCode);
                Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
            }
            var row = (await GetAsync(admin, $"/api/v1/visits?householdId={s.HouseholdId}"))["items"]![0]!;
            Assert.True(row["headSigned"]!.GetValue<bool>());

            // The pages show it to those who see the visit: the list and the detail with the image.
            var page = await SignInAsync("admin");
            Assert.Contains("户主已签字", await GetTextAsync(page, $"/fieldwork/visits?householdId={s.HouseholdId}"));
            var html = await GetTextAsync(page, $"/fieldwork/visits/{id}");
            Assert.Contains("<dd id=\"visit-signed\">户主已签字</dd>", html);
            Assert.Contains($"<img src=\"{url}\" alt=\"户主签字\"", html);

            // One signature is one visit's.
            Assert.Contains("已用于另一条走访记录", await FieldError(await s.Phone.PostAsJsonAsync("/api/v1/visits", Visit(s.HouseholdId, signature)), "signatureId"));
        }
        finally
        {
            await RequireSignatureAsync(s.County, false);
        }
        // Where the county does not ask for it, a visit needs none.
        Assert.Equal("created", (await SyncAsync(s.Phone, Visit(s.HouseholdId)))["status"]!.GetValue<string>());
    }

    [DbFact]
    public async Task The_web_visit_form_asks_for_the_signature_where_the_county_wants_it_and_takes_the_signed_paper()
    {
        var s = await SetUpAsync();
        var page = await SignInAsync("admin");
        var url = $"/fieldwork/visits/new?household={s.HouseholdId}";
        Assert.DoesNotContain("signature-pad", await GetTextAsync(page, url));
        try
        {
            await RequireSignatureAsync(s.County, true);
            var form = await GetTextAsync(page, url);
            Assert.Contains("<canvas id=\"signature-pad\"", form);
            Assert.Contains("name=\"SignatureFile\"", form);
            MultipartFormDataContent Fields(byte[]? paper)
            {
                var fields = new MultipartFormDataContent
                {
                    { new StringContent(AntiforgeryToken(form, "signature-pad")), "__RequestVerificationToken" },
                    { new StringContent(ClientIdField().Match(form).Groups[1].Value), "ClientId" },
                    { new StringContent("1"), "BaseVersion" }, { new StringContent("Monthly"), "Kind" },
                    { new StringContent(DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-ddTHH:mm")), "VisitedAtLocal" },
                    { new StringContent(s.CadreId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "CadreId" },
                    { new StringContent("入户走访，户主在走访记录上签字"), "Notes" },
                };
                if (paper is not null)
                {
                    var file = new ByteArrayContent(paper);
                    file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
                    fields.Add(file, "SignatureFile", "signed-paper.png");
                }
                return fields;
            }

            // Without it the form comes back with the message at the signature.
            var refused = await page.PostAsync(url, Fields(null));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("本县要求走访须有户主签字", await refused.Content.ReadAsStringAsync());
            Assert.Equal(0, (await GetAsync(await As("admin"), $"/api/v1/visits?householdId={s.HouseholdId}"))["total"]!.GetValue<int>());

            // With a photo of the signed paper it is saved, and the detail says 户主已签字.
            var saved = await page.PostAsync(url, Fields(TinyPng()));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            var detail = await GetTextAsync(page, saved.Headers.Location!.OriginalString);
            Assert.Contains("<dd id=\"visit-signed\">户主已签字</dd>", detail);
            Assert.Contains("alt=\"户主签字\"", detail);
        }
        finally
        {
            await RequireSignatureAsync(s.County, false);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSignatureTests(SqliteApp app) : SignatureTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSignatureTests(PostgresApp app) : SignatureTests(app);
