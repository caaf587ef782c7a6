using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Jingzhun.IntegrationTests.Infrastructure;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MiniExcelLibs;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// 驻村帮扶 through HTTP: a visit with photos, a household update and findings; retried and concurrent batches that
/// create nothing twice; a conflict kept and resolved; a cadre's scope (only actively paired households); bulk
/// pairing with rotation history; the all-or-nothing pairing import; EXIF location stripped from served photos.
/// </summary>
public abstract partial class FieldWorkApiTests(TestApp app) : ApiTests(app)
{
    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record CadreAccount(long CadreId, string UserName, HttpClient Client);

    /// <summary>A Cadre-role account and its Cadre record in <paramref name="village"/> (created by the administrator).</summary>
    private async Task<CadreAccount> NewCadreAsync(string village)
    {
        var admin = await As("admin");
        var userName = $"fwcadre{App.Next()}";
        await Ok(await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName, displayName = "测试帮扶干部", role = "Cadre", regionCode = village, password = "Jingzhun2026",
        }), HttpStatusCode.Created);
        var cadre = await Ok(await admin.PostAsJsonAsync("/api/v1/cadres", new
        {
            name = NewName(), unit = "区农业农村委", phone = "13800001111", regionCode = village, activeFrom = "2020-01-01", userName,
        }), HttpStatusCode.Created);
        Assert.Equal("138****1111", cadre["phoneMasked"]!.GetValue<string>());
        return new CadreAccount(cadre["id"]!.GetValue<long>(), userName, await App.LoginAsync(userName));
    }

    private async Task<JsonNode> PairAsync(long cadreId, DateOnly start, params long[] households) =>
        await Ok(await (await As("admin")).PostAsJsonAsync("/api/v1/pairings/bulk", new { householdIds = households, cadreId, startedOn = Day(start) }));

    private static string ClientId() => Guid.NewGuid().ToString("N");

    private static JsonObject VisitBody(string clientId, long householdId, JsonObject? update = null, JsonArray? findings = null,
        JsonArray? photoIds = null) => new()
    {
        ["clientId"] = clientId, ["householdId"] = householdId, ["visitedAt"] = DateTime.UtcNow.AddHours(-2).ToString("O"),
        ["kind"] = "Monthly", ["latitude"] = 29.81, ["longitude"] = 106.05, ["accuracy"] = 15.0, ["notes"] = "入户走访，了解生产生活情况",
        ["photoIds"] = photoIds?.DeepClone() ?? new JsonArray(), ["householdUpdate"] = update?.DeepClone(), ["findings"] = findings?.DeepClone() ?? new JsonArray(),
    };

    private static async Task<JsonNode> SyncAsync(HttpClient c, params JsonObject[] visits)
    {
        var body = await Ok(await c.PostAsJsonAsync("/api/v1/sync/visits", new JsonObject { ["visits"] = new JsonArray(visits.Select(v => (JsonNode)v.DeepClone()).ToArray()) }));
        return body["results"]!.AsArray();
    }

    private static async Task<int> TotalAsync(HttpClient c, string url) => (await GetAsync(c, url))["total"]!.GetValue<int>();

    private static async Task<int> VersionAsync(HttpClient c, long household) => (await GetAsync(c, $"/api/v1/households/{household}"))["version"]!.GetValue<int>();

    // --- photos --------------------------------------------------------------------------------------------

    /// <summary>A real 16×16 JPEG (no metadata).</summary>
    private static readonly byte[] PlainJpeg = Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABwQF/8QAJBAAAQQBBAICAwAAAAAAAAAAAQIDBAYFBwgSExEiABQJMTL/xAAVAQEBAAAAAAAAAAAAAAAAAAAABv/EACMRAAECBQMFAAAAAAAAAAAAAAECEQMEBQYhABIxFRZhgeH/2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPkJWW+ulrsaUVAseUgslSlH9LKuPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx4ks51+MiU/Iaad7UcUo4tILoS4kqcWkezS0hO/HvuRp0rO6hWnWO1UisZVuFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+Vb4N9mKhQMzo5po9XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8AuA8VAe0vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolvw4KOp1KM6iCNvngZHwetf//Z");

    /// <summary>
    /// The JPEG with an EXIF block as a phone writes it: orientation 6, DateTimeOriginal 2026:11:20 10:30:00 (China
    /// time) and GPS 29°49'30"N 106°3'0"E.
    /// </summary>
    private static byte[] JpegWithGps()
    {
        var t = new byte[190];
        "MM\0*"u8.CopyTo(t);
        var s = t.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(s[4..], 8);
        void Entry(int at, ushort tag, ushort type, uint count, uint value)
        {
            BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(at), tag);
            BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(at + 2), type);
            BinaryPrimitives.WriteUInt32BigEndian(t.AsSpan(at + 4), count);
            BinaryPrimitives.WriteUInt32BigEndian(t.AsSpan(at + 8), value);
        }
        BinaryPrimitives.WriteUInt16BigEndian(s[8..], 3);               // IFD0: 3 entries, 8..50
        Entry(10, 0x0112, 3, 1, 6u << 16);                              // Orientation (SHORT, left-justified)
        Entry(22, 0x8769, 4, 1, 50);                                    // Exif IFD
        Entry(34, 0x8825, 4, 1, 88);                                    // GPS IFD
        BinaryPrimitives.WriteUInt16BigEndian(s[50..], 1);              // Exif IFD, 50..68
        Entry(52, 0x9003, 2, 20, 68);                                   // DateTimeOriginal
        "2026:11:20 10:30:00\0"u8.CopyTo(s[68..]);
        BinaryPrimitives.WriteUInt16BigEndian(s[88..], 4);              // GPS IFD, 88..142
        Entry(90, 0x0001, 2, 2, (uint)'N' << 24);
        Entry(102, 0x0002, 5, 3, 142);
        Entry(114, 0x0003, 2, 2, (uint)'E' << 24);
        Entry(126, 0x0004, 5, 3, 166);
        uint[] rationals = [29, 1, 49, 1, 3000, 100, 106, 1, 3, 1, 0, 1];
        for (var i = 0; i < rationals.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(s[(142 + i * 4)..], rationals[i]);
        var app1 = new byte[4 + 6 + t.Length];
        app1[0] = 0xFF; app1[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(app1.AsSpan(2), (ushort)(2 + 6 + t.Length));
        "Exif\0\0"u8.CopyTo(app1.AsSpan(4));
        t.CopyTo(app1, 10);
        return [.. PlainJpeg[..2], .. app1, .. PlainJpeg[2..]];
    }

    private static Task<HttpResponseMessage> UploadPhotoAsync(HttpClient c, byte[] bytes, string clientId, string name = "IMG_0001.jpg")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return c.PostAsync("/api/v1/sync/photos", new MultipartFormDataContent { { content, "file", name }, { new StringContent(clientId), "clientId" } });
    }

    // --- tests ---------------------------------------------------------------------------------------------

    [DbFact]
    public async Task Texts_of_cadres_teams_and_visits_are_saved_up_to_their_column_s_length_and_one_character_more_is_refused_naming_the_field()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        Task<HttpResponseMessage> SaveCadre(HttpMethod method, string url, string name = "测试干部", string unit = "区农业农村委", int version = 0) =>
            admin.SendAsync(new HttpRequestMessage(method, url)
            {
                Content = JsonContent.Create(new { name, unit, regionCode = places.SecondVillage, activeFrom = "2020-01-01", version }),
            });
        await TextLimitAsync("name", 50, t => SaveCadre(HttpMethod.Post, "/api/v1/cadres", name: t));
        await TextLimitAsync("unit", 100, t => SaveCadre(HttpMethod.Post, "/api/v1/cadres", unit: t));
        var cadre = await Ok(await SaveCadre(HttpMethod.Post, "/api/v1/cadres"), HttpStatusCode.Created);
        var cadreId = cadre["id"]!.GetValue<long>();
        // An edit sends the version it read (optimistic concurrency), as the edit page does.
        await TextLimitAsync("name", 50, async t => await SaveCadre(HttpMethod.Put, $"/api/v1/cadres/{cadreId}", name: t,
            version: (await GetAsync(admin, $"/api/v1/cadres/{cadreId}"))["version"]!.GetValue<int>()));
        // A team of the past, so that it does not stand in the way of the village's team in other tests.
        await TextLimitAsync("name", 100, t => admin.PostAsJsonAsync("/api/v1/work-teams", new
        {
            villageCode = places.SecondVillage, name = t, firstSecretaryId = cadreId, startedOn = "2020-01-01", endedOn = "2020-12-31",
        }));

        var account = await NewCadreAsync(places.SecondVillage);
        var h = await RegisterAsync(admin, places.SecondVillage);
        await PairAsync(account.CadreId, ChinaToday.AddDays(-30), h.Id);
        await TextLimitAsync("notes", 2000, t =>
        {
            var body = VisitBody(ClientId(), h.Id);
            body["notes"] = t;
            return account.Client.PostAsJsonAsync("/api/v1/visits", body);
        });
        await TextLimitAsync("findings[0].text", 500, t => account.Client.PostAsJsonAsync("/api/v1/visits",
            VisitBody(ClientId(), h.Id, findings: new JsonArray(new JsonObject { ["type"] = "lead", ["text"] = t }))));
    }

    [DbFact]
    public async Task A_visit_with_a_photo_updates_the_household_and_opens_findings_and_a_retry_creates_nothing()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var cadre = await NewCadreAsync(places.SecondVillage);
        var h = await RegisterAsync(admin, places.SecondVillage);
        var other = await RegisterAsync(admin, places.SecondVillage);
        await PairAsync(cadre.CadreId, ChinaToday.AddDays(-30), h.Id);

        // The download holds the paired household only, with what a visit needs and no ID number.
        var download = await GetAsync(cadre.Client, "/api/v1/sync/households");
        var households = download["households"]!.AsArray();
        Assert.Equal([h.Id], households.Select(x => x!["id"]!.GetValue<long>()));
        var item = households[0]!;
        var version = item["version"]!.GetValue<int>();
        var headId = item["members"]![0]!["id"]!.GetValue<long>();
        Assert.Equal("户主", item["members"]![0]!["relation"]!.GetValue<string>());
        Assert.DoesNotContain(h.HeadId, download.ToJsonString());
        Assert.DoesNotContain("13812345678", download.ToJsonString());

        // The photo: EXIF read at upload, a retried upload returns the same id, the served file has no location.
        var photoClient = ClientId();
        var photo = await Ok(await UploadPhotoAsync(cadre.Client, JpegWithGps(), photoClient), HttpStatusCode.Created);
        Assert.True(photo["hadLocation"]!.GetValue<bool>());
        Assert.Equal(new DateTime(2026, 11, 20, 2, 30, 0, DateTimeKind.Utc), photo["takenAt"]!.GetValue<DateTime>().ToUniversalTime());
        var again = await Ok(await UploadPhotoAsync(cadre.Client, JpegWithGps(), photoClient));
        Assert.Equal(photo["id"]!.GetValue<string>(), again["id"]!.GetValue<string>());
        var served = await cadre.Client.GetByteArrayAsync(photo["url"]!.GetValue<string>());
        var metadata = ImageMetadataReader.ReadMetadata(new MemoryStream(served));
        Assert.Empty(metadata.OfType<GpsDirectory>());
        Assert.Null(metadata.OfType<ExifSubIfdDirectory>().FirstOrDefault()?.GetDescription(ExifDirectoryBase.TagDateTimeOriginal));
        Assert.Equal(6, metadata.OfType<ExifIfd0Directory>().Single().GetInt32(ExifDirectoryBase.TagOrientation));
        Assert.Equal(PlainJpeg.Length + 36, served.Length); // the image itself untouched, plus the orientation-only EXIF block
        var text = Encoding.UTF8.GetBytes("不是照片");
        Assert.Contains("JPEG", await FieldError(await UploadPhotoAsync(cadre.Client, text, ClientId()), "file"));

        var year = ChinaToday.Year - 1;
        var clientId = ClientId();
        var visit = VisitBody(clientId, h.Id, new JsonObject
        {
            ["baseVersion"] = version,
            ["facts"] = new JsonObject { ["waterPiped"] = true, ["hasBroadband"] = true },
            ["members"] = new JsonArray(new JsonObject { ["id"] = headId, ["workStatus"] = "OutOfProvince", ["workMonths"] = 10 }),
            ["income"] = new JsonObject { ["year"] = year, ["lines"] = new JsonObject { ["wageIncome"] = 24000, ["householdSize"] = 2 } },
        }, new JsonArray(
            new JsonObject { ["type"] = "problem", ["dimension"] = "Water", ["text"] = "入户水管冻裂，停水三天" },
            new JsonObject { ["type"] = "lead", ["text"] = "户主务工受伤，收入骤减" }), new JsonArray(photo["id"]!.GetValue<string>()));
        var result = (await SyncAsync(cadre.Client, visit))[0]!;
        Assert.True(result["status"]!.GetValue<string>() == "created", result.ToJsonString());
        Assert.Equal("Applied", result["updateState"]!.GetValue<string>());
        var visitId = result["visitId"]!.GetValue<long>();
        Assert.True(result["householdVersion"]!.GetValue<int>() > version);

        // The registry shows the update, audited under the cadre's name; the findings are open with their sources.
        var household = await GetAsync(admin, $"/api/v1/households/{h.Id}");
        Assert.True(household["household"]!["waterPiped"]!.GetValue<bool>());
        Assert.Equal("OutOfProvince", household["members"]![0]!["facts"]!["workStatus"]!.GetValue<string>());
        var income = await GetAsync(admin, $"/api/v1/households/{h.Id}/incomes/{year}");
        Assert.Equal(12000m, income["perCapitaNetIncome"]!.GetValue<decimal>());
        var history = (await GetAsync(admin, $"/api/v1/households/{h.Id}/history")).AsArray();
        Assert.Contains(history, e => e!["userName"]!.GetValue<string>() == cadre.UserName && e["entityType"]!.GetValue<string>() == "Household");
        Assert.Contains(history, e => e!["userName"]!.GetValue<string>() == cadre.UserName && e["entityType"]!.GetValue<string>() == "Visit");
        var problemId = result["problemIds"]![0]!.GetValue<long>();
        Assert.Equal("Visit", (await GetAsync(admin, $"/api/v1/problems/{problemId}"))["problem"]!["source"]!.GetValue<string>());
        Assert.Equal(1, await TotalAsync(admin, $"/api/v1/monitoring/leads?source=CadreCheck&householdId={h.Id}"));
        var detail = await GetAsync(admin, $"/api/v1/visits/{visitId}");
        Assert.Single(detail["photos"]!.AsArray());
        // The township office sees the visit's photo (it now belongs to the household's village); another township does not.
        Assert.Equal(HttpStatusCode.OK, (await (await As("tuqiao")).GetAsync(photo["url"]!.GetValue<string>())).StatusCode);
        var elsewhere = await NewCadreAsync(places.OtherTownshipVillage);
        await Problem(await elsewhere.Client.GetAsync(photo["url"]!.GetValue<string>()), HttpStatusCode.NotFound);
        Assert.Equal(cadre.CadreId, detail["visit"]!["cadreId"]!.GetValue<long>());

        // A retried batch (the device never saw the answer) creates nothing twice.
        var retried = (await SyncAsync(cadre.Client, visit))[0]!;
        Assert.Equal("duplicate", retried["status"]!.GetValue<string>());
        Assert.Equal(visitId, retried["visitId"]!.GetValue<long>());
        Assert.Equal(1, await TotalAsync(admin, $"/api/v1/visits?householdId={h.Id}"));
        Assert.Equal(1, await TotalAsync(admin, $"/api/v1/monitoring/leads?source=CadreCheck&householdId={h.Id}"));

        // Two copies of a new batch sent at once: one visit, one lead.
        var twice = VisitBody(ClientId(), h.Id, findings: new JsonArray(new JsonObject { ["type"] = "lead", ["text"] = "家中老人住院，需跟进" }));
        var both = await Task.WhenAll(SyncAsync(cadre.Client, twice), SyncAsync(cadre.Client, twice));
        Assert.Equal(["created", "duplicate"], both.Select(r => r[0]!["status"]!.GetValue<string>()).Order());
        Assert.Equal(2, await TotalAsync(admin, $"/api/v1/visits?householdId={h.Id}"));
        Assert.Equal(2, await TotalAsync(admin, $"/api/v1/monitoring/leads?source=CadreCheck&householdId={h.Id}"));

        // The photo cannot be used for a second visit.
        var reused = (await SyncAsync(cadre.Client, VisitBody(ClientId(), h.Id, photoIds: new JsonArray(photo["id"]!.GetValue<string>()))))[0]!;
        Assert.Equal("invalid", reused["status"]!.GetValue<string>());
        Assert.Contains("另一条走访", reused["errors"]!["photoIds"]!.GetValue<string>());
        Assert.Equal(0, await TotalAsync(admin, $"/api/v1/visits?householdId={other.Id}"));
    }

    [DbFact]
    public async Task An_invalid_update_stores_nothing_and_says_why_in_Chinese()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var cadre = await NewCadreAsync(places.SecondVillage);
        var h = await RegisterAsync(admin, places.SecondVillage);
        await PairAsync(cadre.CadreId, ChinaToday.AddDays(-10), h.Id);
        var version = await VersionAsync(admin, h.Id);
        var result = (await SyncAsync(cadre.Client,
            VisitBody(ClientId(), h.Id, new JsonObject { ["baseVersion"] = version, ["facts"] = new JsonObject { ["waterFetchMinutes"] = -5 } },
                new JsonArray(new JsonObject { ["type"] = "lead", ["text"] = "情况待核实" }))))[0]!;
        Assert.Equal("invalid", result["status"]!.GetValue<string>());
        var errors = result["errors"]!.AsObject();
        Assert.Contains(errors, e => e.Key.StartsWith("householdUpdate.facts", StringComparison.Ordinal));
        Assert.Equal(0, await TotalAsync(admin, $"/api/v1/visits?householdId={h.Id}"));
        Assert.Equal(0, await TotalAsync(admin, $"/api/v1/monitoring/leads?householdId={h.Id}"));
        Assert.Equal(version, await VersionAsync(admin, h.Id));

        var bad = (await SyncAsync(cadre.Client, VisitBody("short", h.Id) .Also(v => v["kind"] = "Weekly")))[0]!;
        Assert.Equal("invalid", bad["status"]!.GetValue<string>());
        Assert.Contains("客户端编号", bad["errors"]!["clientId"]!.GetValue<string>());
    }

    [DbFact]
    public async Task A_conflicting_update_keeps_the_visit_reports_both_values_and_is_applied_or_discarded_by_choice()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var cadre = await NewCadreAsync(places.SecondVillage);
        var h = await RegisterAsync(admin, places.SecondVillage);
        await PairAsync(cadre.CadreId, ChinaToday.AddDays(-10), h.Id);
        var cached = await VersionAsync(admin, h.Id);

        // Meanwhile the village office edits the household (water not piped).
        var current = await GetAsync(admin, $"/api/v1/households/{h.Id}");
        var facts = current["household"]!.AsObject();
        facts["waterPiped"] = false;
        await Ok(await admin.PutAsJsonAsync($"/api/v1/households/{h.Id}", new JsonObject { ["household"] = facts.DeepClone(), ["version"] = cached }));
        var server = await VersionAsync(admin, h.Id);

        var update = new JsonObject { ["baseVersion"] = cached, ["facts"] = new JsonObject { ["waterPiped"] = true } };
        var clientId = ClientId();
        var result = (await SyncAsync(cadre.Client, VisitBody(clientId, h.Id, update)))[0]!;
        Assert.Equal("conflict", result["status"]!.GetValue<string>());
        Assert.True(result["visitId"]!.GetValue<long>() > 0);
        Assert.Equal("Conflict", result["updateState"]!.GetValue<string>());
        Assert.Equal(server, result["conflict"]!["serverVersion"]!.GetValue<int>());
        Assert.False(result["conflict"]!["server"]!["facts"]!["waterPiped"]!.GetValue<bool>());
        Assert.True(result["conflict"]!["yours"]!["facts"]!["waterPiped"]!.GetValue<bool>());
        Assert.False((await GetAsync(admin, $"/api/v1/households/{h.Id}"))["household"]!["waterPiped"]!.GetValue<bool>());
        Assert.Equal(1, await TotalAsync(admin, $"/api/v1/visits?householdId={h.Id}"));

        // A retry still reports the open conflict; applying over a stale version is refused with the version to show.
        var retried = (await SyncAsync(cadre.Client, VisitBody(clientId, h.Id, update)))[0]!;
        Assert.Equal("duplicate", retried["status"]!.GetValue<string>());
        Assert.Equal("Conflict", retried["updateState"]!.GetValue<string>());
        var stale = await Problem(await cadre.Client.PostAsJsonAsync($"/api/v1/sync/visits/{clientId}/resolve", new { action = "apply", baseVersion = cached }),
            HttpStatusCode.Conflict);
        Assert.Equal(server, stale["serverVersion"]!.GetValue<int>());
        var applied = await Ok(await cadre.Client.PostAsJsonAsync($"/api/v1/sync/visits/{clientId}/resolve", new { action = "apply", baseVersion = server }));
        Assert.Equal("Applied", applied["updateState"]!.GetValue<string>());
        Assert.True((await GetAsync(admin, $"/api/v1/households/{h.Id}"))["household"]!["waterPiped"]!.GetValue<bool>());
        await Problem(await cadre.Client.PostAsJsonAsync($"/api/v1/sync/visits/{clientId}/resolve", new { action = "discard", baseVersion = server }),
            HttpStatusCode.Conflict);

        // A second stale update is discarded: the household keeps the server's value.
        var second = ClientId();
        var r2 = (await SyncAsync(cadre.Client, VisitBody(second, h.Id,
            new JsonObject { ["baseVersion"] = cached, ["facts"] = new JsonObject { ["waterPiped"] = false } })))[0]!;
        Assert.Equal("conflict", r2["status"]!.GetValue<string>());
        var discarded = await Ok(await cadre.Client.PostAsJsonAsync($"/api/v1/sync/visits/{second}/resolve", new { action = "discard", baseVersion = 0 }));
        Assert.Equal("Discarded", discarded["updateState"]!.GetValue<string>());
        Assert.True((await GetAsync(admin, $"/api/v1/households/{h.Id}"))["household"]!["waterPiped"]!.GetValue<bool>());
    }

    [DbFact]
    public async Task A_cadre_sees_only_actively_paired_households_and_gets_404_elsewhere()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var cadre = await NewCadreAsync(places.SecondVillage);
        var successor = await NewCadreAsync(places.SecondVillage);
        var paired = await RegisterAsync(admin, places.SecondVillage);
        var sameVillage = await RegisterAsync(admin, places.SecondVillage);
        await PairAsync(cadre.CadreId, ChinaToday.AddDays(-20), paired.Id);
        await PairAsync(successor.CadreId, ChinaToday.AddDays(-20), sameVillage.Id);

        var r = await cadre.Client.PostAsJsonAsync("/api/v1/visits", VisitBody(ClientId(), sameVillage.Id));
        await Problem(r, HttpStatusCode.NotFound);
        var batch = (await SyncAsync(cadre.Client, VisitBody(ClientId(), sameVillage.Id)))[0]!;
        Assert.Equal("invalid", batch["status"]!.GetValue<string>());
        Assert.Contains("结对", batch["errors"]!["householdId"]!.GetValue<string>());

        var theirs = ClientId();
        await Ok(await successor.Client.PostAsJsonAsync("/api/v1/visits", VisitBody(theirs, sameVillage.Id)), HttpStatusCode.Created);
        await Problem(await cadre.Client.GetAsync($"/api/v1/sync/visits/{theirs}"), HttpStatusCode.NotFound);
        // Not the cadre's household: 404, as its detail would answer (an empty list would tell that it exists).
        await Problem(await cadre.Client.GetAsync($"/api/v1/visits?householdId={sameVillage.Id}"), HttpStatusCode.NotFound);
        // The village office of another township sees nothing of it either.
        var otherTownship = await NewCadreAsync(places.OtherTownshipVillage);
        await Problem(await otherTownship.Client.GetAsync($"/api/v1/sync/visits/{theirs}"), HttpStatusCode.NotFound);

        // Rotation: the household passes to the successor; the delta tells the first cadre to drop it.
        var since = (await GetAsync(cadre.Client, "/api/v1/sync/households"))["serverTime"]!.GetValue<DateTime>();
        await PairAsync(successor.CadreId, ChinaToday, paired.Id);
        var delta = await GetAsync(cadre.Client, $"/api/v1/sync/households?since={Uri.EscapeDataString(since.ToUniversalTime().ToString("O"))}");
        Assert.Empty(delta["households"]!.AsArray());
        Assert.Equal([paired.Id], delta["removed"]!.AsArray().Select(x => x!.GetValue<long>()));
        await Problem(await cadre.Client.PostAsJsonAsync("/api/v1/visits", VisitBody(ClientId(), paired.Id)), HttpStatusCode.NotFound);
        var theirDelta = await GetAsync(successor.Client, $"/api/v1/sync/households?since={Uri.EscapeDataString(since.ToUniversalTime().ToString("O"))}");
        Assert.Contains(paired.Id, theirDelta["households"]!.AsArray().Select(x => x!["id"]!.GetValue<long>()));

        // An account without a Cadre record cannot sync.
        await Problem(await (await As("village")).GetAsync("/api/v1/sync/households"), HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task Bulk_pairing_rotates_with_history_and_lists_the_unpaired()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var first = await NewCadreAsync(places.OtherTownshipVillage);
        var second = await NewCadreAsync(places.OtherTownshipVillage);
        var hs = new List<Registered>();
        for (var i = 0; i < 4; i++) hs.Add(await RegisterAsync(admin, places.OtherTownshipVillage));
        var start = ChinaToday.AddDays(-100);

        var r1 = await PairAsync(first.CadreId, start, hs[0].Id, hs[1].Id, hs[2].Id);
        Assert.Equal(3, r1["paired"]!.GetValue<int>());
        var rotate = ChinaToday.AddDays(-10);
        var r2 = await PairAsync(second.CadreId, rotate, hs[0].Id, hs[1].Id);
        Assert.Equal(2, r2["rotated"]!.GetValue<int>());
        var r3 = await PairAsync(second.CadreId, rotate, hs[0].Id);
        Assert.Equal(1, r3["unchanged"]!.GetValue<int>());

        var history = (await GetAsync(admin, $"/api/v1/households/{hs[0].Id}/pairings")).AsArray();
        Assert.Equal(2, history.Count);
        Assert.Equal(second.CadreId, history[0]!["cadreId"]!.GetValue<long>());
        Assert.Null(history[0]!["endedOn"]);
        Assert.Equal(first.CadreId, history[1]!["cadreId"]!.GetValue<long>());
        Assert.Equal(Day(rotate.AddDays(-1)), history[1]!["endedOn"]!.GetValue<string>());

        var unpaired = await GetAsync(admin, $"/api/v1/pairings/unpaired?region={places.OtherTownshipVillage}&pageSize=500");
        var ids = unpaired["items"]!.AsArray().Select(x => x!["id"]!.GetValue<long>()).ToList();
        Assert.Contains(hs[3].Id, ids);
        Assert.DoesNotContain(hs[0].Id, ids);
        Assert.DoesNotContain(hs[2].Id, ids);

        // A rotation may not start before the current pairing did; the township next door cannot pair here.
        await FieldError(await admin.PostAsJsonAsync("/api/v1/pairings/bulk", new { householdIds = new[] { hs[2].Id }, cadreId = second.CadreId, startedOn = Day(start.AddDays(-1)) }), "startedOn");
        var tuqiao = await As("tuqiao");
        await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/pairings/bulk", new { householdIds = new[] { hs[3].Id }, cadreId = first.CadreId }), "cadreId");
        await Problem(await first.Client.PostAsJsonAsync("/api/v1/pairings/bulk", new { householdIds = new[] { hs[3].Id }, cadreId = first.CadreId }), HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task A_pairing_import_with_row_errors_writes_nothing_and_names_each_row()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var cadre = await NewCadreAsync(places.OtherTownshipVillage);
        var cadreName = (await GetAsync(admin, $"/api/v1/cadres/{cadre.CadreId}"))["name"]!.GetValue<string>();
        var good = await RegisterAsync(admin, places.OtherTownshipVillage);
        var also = await RegisterAsync(admin, places.OtherTownshipVillage);

        var template = await admin.GetAsync("/api/v1/pairings/template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);

        async Task<HttpResponseMessage> ImportAsync(params object[] rows)
        {
            using var stream = new MemoryStream();
            await stream.SaveAsAsync(rows);
            var content = new ByteArrayContent(stream.ToArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            return await admin.PostAsync("/api/v1/pairings/import", new MultipartFormDataContent { { content, "file", "结对.xlsx" } });
        }
        Dictionary<string, object?> Row(string number, string name, string phone, string start) =>
            new() { ["户编号"] = number, ["干部姓名"] = name, ["干部手机号"] = phone, ["干部编号"] = null, ["开始日期"] = start };

        var r = await ImportAsync(
            Row(good.Number, cadreName, "13800001111", "2026-01-01"),
            Row("500151999999999999", cadreName, "", "2026-01-01"),
            Row(also.Number, "查无此人", "", "2026-01-01"),
            Row(good.Number, cadreName, "", "2026-02-30"));
        var p = await Problem(r, HttpStatusCode.BadRequest);
        var errors = p["errors"]!.AsObject();
        Assert.False(errors.ContainsKey("row2"));
        Assert.Contains("第3行", errors["row3"]![0]!.GetValue<string>());
        Assert.Contains("户编号", errors["row3"]![0]!.GetValue<string>());
        Assert.Contains("找不到帮扶干部", errors["row4"]![0]!.GetValue<string>());
        Assert.Contains("重复", errors["row5"]![0]!.GetValue<string>());
        Assert.Empty((await GetAsync(admin, $"/api/v1/households/{good.Id}/pairings")).AsArray());

        var ok = await Ok(await ImportAsync(Row(good.Number, cadreName, "13800001111", "2026-01-01"), Row(also.Number, cadreName, "", "2026/1/5")));
        Assert.Equal(2, ok["paired"]!.GetValue<int>());
        Assert.Equal("2026-01-05", (await GetAsync(admin, $"/api/v1/households/{also.Id}/pairings"))[0]!["startedOn"]!.GetValue<string>());
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject o, Action<JsonObject> change)
    {
        change(o);
        return o;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteFieldWorkApiTests(SqliteApp app) : FieldWorkApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresFieldWorkApiTests(PostgresApp app) : FieldWorkApiTests(app);
