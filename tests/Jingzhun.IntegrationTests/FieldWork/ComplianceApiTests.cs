using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jingzhun.IntegrationTests.Infrastructure;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// 四必见 compliance on a small hand-made village: the cadre's to-do list, coverage by village and cadre, households
/// never visited, authenticity signals (a reused photo, a far GPS point) for the township, 月研判 meeting counts, work
/// logs, emergencies, the county's visit policy, and scope (a township sees only its own).
/// </summary>
public abstract class ComplianceApiTests(TestApp app) : ApiTests(app)
{
    // 铜梁区 is around 29.84N 106.05E; one thousandth of a degree of latitude is about 111 m.
    private const double HomeLat = 29.84, HomeLon = 106.05;

    private sealed record Village(string Township, string Code, HttpClient Cadre, long CadreId, List<Registered> Households);

    /// <summary>
    /// A village of the county's third township (other tests use the first two) with <paramref name="households"/>
    /// households located at home, all paired since 2020 with a new cadre who signs in with their own account.
    /// </summary>
    private async Task<Village> VillageAsync(int index, int households)
    {
        var admin = await As("admin");
        var township = (await GetAsync(admin, $"/api/v1/regions/{County}/children")).AsArray().Select(x => x!["code"]!.GetValue<string>()).ElementAt(2);
        var code = (await GetAsync(admin, $"/api/v1/regions/{township}/children")).AsArray().Select(x => x!["code"]!.GetValue<string>()).ElementAt(index);
        var list = new List<Registered>();
        for (var i = 0; i < households; i++)
            list.Add(await RegisterAsync(admin, code, Facts().Also(f => { f["latitude"] = HomeLat; f["longitude"] = HomeLon; })));
        var userName = $"fwc{App.Next()}";
        await Ok(await admin.PostAsJsonAsync("/api/v1/users", new { userName, displayName = "走访测试干部", role = "Cadre", regionCode = code, password = "Jingzhun2026" }),
            HttpStatusCode.Created);
        var cadre = await Ok(await admin.PostAsJsonAsync("/api/v1/cadres", new
        {
            name = NewName(), unit = "区农业农村委", phone = "13800002222", regionCode = code, activeFrom = "2020-01-01", userName,
        }), HttpStatusCode.Created);
        var cadreId = cadre["id"]!.GetValue<long>();
        await Ok(await admin.PostAsJsonAsync("/api/v1/pairings/bulk", new { householdIds = list.Select(h => h.Id).ToArray(), cadreId, startedOn = "2020-01-01" }));
        return new Village(township, code, await App.LoginAsync(userName), cadreId, list);
    }

    private async Task<HttpClient> TownshipUserAsync(string township)
    {
        var userName = $"fwt{App.Next()}";
        await Ok(await (await As("admin")).PostAsJsonAsync("/api/v1/users",
            new { userName, displayName = "乡镇测试干部", role = "TownshipOfficer", regionCode = township, password = "Jingzhun2026" }), HttpStatusCode.Created);
        return await App.LoginAsync(userName);
    }

    /// <summary>A visit a minute ago (Beijing month = <see cref="ThisMonth"/>), optionally with photos and at a given point.</summary>
    private static async Task<long> VisitAsync(HttpClient cadre, long household, double lat = HomeLat, double lon = HomeLon, params string[] photoIds)
    {
        var body = await Ok(await cadre.PostAsJsonAsync("/api/v1/sync/visits", new
        {
            visits = new[]
            {
                new
                {
                    clientId = Guid.NewGuid().ToString("N"), householdId = household, visitedAt = VisitedAt.ToString("O"), kind = "Monthly",
                    latitude = lat, longitude = lon, accuracy = 10.0, notes = "入户走访", photoIds, findings = Array.Empty<object>(),
                },
            },
        }));
        return body["results"]![0]!["visitId"]!.GetValue<long>();
    }

    private static readonly DateTime VisitedAt = DateTime.UtcNow.AddMinutes(-1);
    private static string ThisMonth => VisitedAt.AddHours(8).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>A 16×16 JPEG with unique trailing bytes, so its content hash is this test's own.</summary>
    private static async Task<string> UploadPhotoAsync(HttpClient cadre, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var r = await cadre.PostAsync("/api/v1/sync/photos", new MultipartFormDataContent
            { { content, "file", "IMG.jpg" }, { new StringContent(Guid.NewGuid().ToString("N")), "clientId" } });
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        return JsonNode.Parse(await r.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
    }

    private static byte[] UniqueJpeg() => [.. Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABwQF/8QAJBAAAQQBBAICAwAAAAAAAAAAAQIDBAYFBwgSExEiABQJMTL/xAAVAQEBAAAAAAAAAAAAAAAAAAAABv/EACMRAAECBQMFAAAAAAAAAAAAAAECEQMEBQYhABIxFRZhgeH/2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPkJWW+ulrsaUVAseUgslSlH9LKuPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx4ks51+MiU/Iaad7UcUo4tILoS4kqcWkezS0hO/HvuRp0rO6hWnWO1UisZVuFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+Vb4N9mKhQMzo5po9XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8AuA8VAe0vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolvw4KOp1KM6iCNvngZHwetf//Z"),
        .. Guid.NewGuid().ToByteArray()];

    [DbFact]
    public async Task To_do_and_coverage_of_a_small_village_count_who_was_seen_this_month()
    {
        var v = await VillageAsync(0, 3);
        await VisitAsync(v.Cadre, v.Households[0].Id);

        var todo = await GetAsync(v.Cadre, $"/api/v1/sync/todo?month={ThisMonth}");
        Assert.Equal(ThisMonth, todo["month"]!.GetValue<string>());
        // This month's round (last month's misses are listed too, as overdue: the households were paired in 2020).
        var round = $"{VisitedAt.AddHours(8).Month}月例行走访";
        var monthly = todo["items"]!.AsArray().Where(i => i!["reason"]!.GetValue<string>() == round).ToList();
        Assert.Equal([v.Households[1].Id, v.Households[2].Id], monthly.Select(i => i!["householdId"]!.GetValue<long>()).Order());
        Assert.All(monthly, i => Assert.Equal("月度", i!["kind"]!.GetValue<string>()));
        Assert.Contains(todo["items"]!.AsArray(), i => i!["householdId"]!.GetValue<long>() == v.Households[0].Id && i["overdue"]!.GetValue<bool>());
        Assert.All(monthly, i => Assert.Equal(v.Households.Single(h => h.Id == i!["householdId"]!.GetValue<long>()).Number, i!["householdNumber"]!.GetValue<string>()));

        var admin = await As("tl_admin");
        var coverage = await GetAsync(admin, $"/api/v1/fieldwork/coverage?region={v.Code}&month={ThisMonth}");
        Assert.Equal((3, 1, 33.3), (coverage["total"]!["paired"]!.GetValue<int>(), coverage["total"]!["visited"]!.GetValue<int>(),
            coverage["total"]!["rate"]!.GetValue<double>()));
        var byCadre = Assert.Single(coverage["byCadre"]!.AsArray());
        Assert.Equal(v.CadreId.ToString(CultureInfo.InvariantCulture), byCadre!["key"]!.GetValue<string>());
        Assert.Equal(3, coverage["households"]!.AsArray().Count);
        Assert.True(coverage["households"]!.AsArray().Single(h => h!["householdId"]!.GetValue<long>() == v.Households[0].Id)!["visitedThisMonth"]!.GetValue<bool>());
        // The township's line for the village carries the same figures (drill-down).
        var township = await GetAsync(admin, $"/api/v1/fieldwork/coverage?region={v.Township}&month={ThisMonth}");
        var line = township["byRegion"]!.AsArray().Single(r => r!["key"]!.GetValue<string>() == v.Code)!;
        Assert.Equal((3, 1), (line["paired"]!.GetValue<int>(), line["visited"]!.GetValue<int>()));

        var never = await GetAsync(admin, $"/api/v1/fieldwork/never-visited?region={v.Code}");
        Assert.Equal([v.Households[1].Id, v.Households[2].Id], never["rows"]!.AsArray().Select(r => r!["householdId"]!.GetValue<long>()).Order());
        Assert.Equal(2, never["paired"]!.GetValue<int>());
        Assert.Contains(v.Households[1].Number, await GetTextAsync(admin, $"/fieldwork/never-visited?region={v.Code}"), StringComparison.Ordinal);

        var excel = await admin.GetAsync($"/api/v1/fieldwork/coverage/export?region={v.Code}&month={ThisMonth}");
        Assert.Equal(HttpStatusCode.OK, excel.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", excel.Content.Headers.ContentType!.MediaType);
        var page = await GetTextAsync(admin, $"/fieldwork/coverage?region={v.Code}&month={ThisMonth}");
        Assert.Contains("33.3%", page, StringComparison.Ordinal);
        Assert.Contains("未完成任务", await GetTextAsync(admin, $"/fieldwork/coverage?region={v.Code}&month={ThisMonth}"), StringComparison.Ordinal);
        Assert.Contains("例行走访", await GetTextAsync(v.Cadre, $"/fieldwork/todo?month={ThisMonth}"), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task An_emergency_flag_puts_the_household_on_the_to_do_list()
    {
        var v = await VillageAsync(1, 1);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var admin = await As("tl_admin");
        Assert.Equal("请填写事由（如因病住院、受灾、意外事故）", await FieldError(await admin.PostAsJsonAsync("/api/v1/fieldwork/emergencies",
            new { householdId = v.Households[0].Id, flaggedOn = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reason = "" }), "reason"));
        await Ok(await admin.PostAsJsonAsync("/api/v1/fieldwork/emergencies",
            new { householdId = v.Households[0].Id, flaggedOn = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reason = "户主突发重病住院" }), HttpStatusCode.Created);
        var items = (await GetAsync(v.Cadre, "/api/v1/sync/todo"))["items"]!.AsArray();
        var emergency = Assert.Single(items, i => i!["kind"]!.GetValue<string>() == "危难");
        Assert.Equal(today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), emergency!["dueBy"]!.GetValue<string>());
        // Outside the user's region the household does not exist.
        await Problem(await (await As("tuqiao")).PostAsJsonAsync("/api/v1/fieldwork/emergencies",
            new { householdId = v.Households[0].Id, flaggedOn = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reason = "测试" }), HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task A_reused_photo_and_a_far_gps_point_are_signalled_to_the_township_only()
    {
        var v = await VillageAsync(2, 3);
        var jpeg = UniqueJpeg();
        var a = await VisitAsync(v.Cadre, v.Households[0].Id, photoIds: await UploadPhotoAsync(v.Cadre, jpeg));
        var b = await VisitAsync(v.Cadre, v.Households[1].Id, photoIds: await UploadPhotoAsync(v.Cadre, jpeg));
        var far = await VisitAsync(v.Cadre, v.Households[2].Id, lat: HomeLat + 0.05);   // ≈ 5.6 km north

        var township = await TownshipUserAsync(v.Township);
        var signals = await GetAsync(township, $"/api/v1/fieldwork/signals?region={v.Code}&month={ThisMonth}");
        var rows = signals["rows"]!.AsArray();
        Assert.Equal([a, b], rows.Where(r => r!["kind"]!.GetValue<string>() == "ReusedPhoto").Select(r => r!["visitId"]!.GetValue<long>()).Order());
        var gps = Assert.Single(rows, r => r!["kind"]!.GetValue<string>() == "FarFromHome");
        Assert.Equal(far, gps!["visitId"]!.GetValue<long>());
        Assert.Contains("公里", gps["detail"]!.GetValue<string>());
        Assert.DoesNotContain(rows, r => r!["visitId"]!.GetValue<long>() == a && r["kind"]!.GetValue<string>() == "FarFromHome");
        Assert.Contains("照片重复使用", await GetTextAsync(township, $"/fieldwork/signals?region={v.Code}&month={ThisMonth}"), StringComparison.Ordinal);

        // A village officer and a cadre do not see signals; another township's officer gets 404 for this village.
        await Problem(await v.Cadre.GetAsync($"/api/v1/fieldwork/signals?region={v.Code}"), HttpStatusCode.Forbidden);
        await Problem(await (await As("tuqiao")).GetAsync($"/api/v1/fieldwork/signals?region={v.Code}"), HttpStatusCode.NotFound);
        await Problem(await (await As("tuqiao")).GetAsync($"/api/v1/fieldwork/coverage?region={v.Code}"), HttpStatusCode.NotFound);
        await Problem(await township.GetAsync($"/api/v1/fieldwork/coverage?region={Township}"), HttpStatusCode.NotFound);
        // Without a region: the user's own township.
        Assert.Equal(v.Township, (await GetAsync(township, "/api/v1/fieldwork/coverage"))["regionCode"]!.GetValue<string>());
        Assert.Equal("月份格式应为 yyyy-MM，如 2026-03", await FieldError(await township.GetAsync("/api/v1/fieldwork/coverage?month=2026-13"), "month"));
    }

    [DbFact]
    public async Task Review_meetings_count_meetings_and_problems_resolved_in_the_township()
    {
        var v = await VillageAsync(3, 1);
        var township = await TownshipUserAsync(v.Township);
        var year = DateTime.UtcNow.AddHours(8).Year;
        var before = await GetAsync(township, $"/api/v1/fieldwork/meetings?year={year}");
        var problem = await Ok(await township.PostAsJsonAsync("/api/v1/problems",
            new { householdId = v.Households[0].Id, dimension = "Housing", source = "Visit", severity = "Normal", description = "屋面渗漏" }), HttpStatusCode.Created);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        Assert.Equal("请至少填写一个研判的问题", await FieldError(await township.PostAsJsonAsync("/api/v1/fieldwork/meetings",
            new { townshipCode = v.Township, heldOn = today, attendees = "镇党委副书记", items = Array.Empty<object>() }), "items"));
        await Ok(await township.PostAsJsonAsync("/api/v1/fieldwork/meetings", new
        {
            townshipCode = v.Township, heldOn = today, attendees = "镇党委副书记、乡村振兴办主任、第一书记",
            items = new object[]
            {
                new { problemId = problem["id"]!.GetValue<long>(), decision = "纳入危房改造", actedBy = "镇建设环保办", resolved = false },
                new { subject = "务工收入下降", decision = "对接公益性岗位", actedBy = "镇社保所", resolved = true },
            },
        }), HttpStatusCode.Created);
        var after = await GetAsync(township, $"/api/v1/fieldwork/meetings?year={year}");
        int Of(JsonNode n, string k) => n[k]!.GetValue<int>();
        Assert.Equal((Of(before, "meetings") + 1, Of(before, "problems") + 2, Of(before, "resolved") + 1),
            (Of(after, "meetings"), Of(after, "problems"), Of(after, "resolved")));
        var meeting = after["rows"]!.AsArray().First()!;
        Assert.Contains("屋面渗漏", meeting["items"]![0]!["subject"]!.GetValue<string>());

        // Marking the open item resolved counts it; the township of another user cannot be used.
        var item = meeting["items"]!.AsArray().Single(i => !i!["resolved"]!.GetValue<bool>())!;
        Assert.Equal(HttpStatusCode.NoContent, (await township.PostAsync($"/api/v1/fieldwork/meetings/{meeting["id"]}/items/{item["id"]}/resolve", null)).StatusCode);
        Assert.Equal(Of(before, "resolved") + 2, Of(await GetAsync(township, $"/api/v1/fieldwork/meetings?year={year}"), "resolved"));
        await Problem(await (await As("tuqiao")).PostAsJsonAsync("/api/v1/fieldwork/meetings", new
        {
            townshipCode = v.Township, heldOn = today, attendees = "某人", items = new object[] { new { subject = "x", decision = "y", actedBy = "z" } },
        }), HttpStatusCode.NotFound);
        Assert.Contains("召开会议", await GetTextAsync(township, "/fieldwork/meetings"), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task Texts_of_flags_logs_and_meetings_are_saved_up_to_their_column_s_length_and_one_character_more_is_refused_naming_the_field()
    {
        var v = await VillageAsync(5, 1);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var admin = await As("tl_admin");
        await TextLimitAsync("reason", 200, t => admin.PostAsJsonAsync("/api/v1/fieldwork/emergencies",
            new { householdId = v.Households[0].Id, flaggedOn = today, reason = t }));
        await TextLimitAsync("text", 4000, t => v.Cadre.PostAsJsonAsync("/api/v1/fieldwork/logs", new { date = today, text = t }));
        await TextLimitAsync("projectName", 100, t => v.Cadre.PostAsJsonAsync("/api/v1/fieldwork/logs", new { date = today, text = "走访", projectName = t }));

        // Meetings of a township no other test counts (the fourth of the county).
        var quiet = (await GetAsync(admin, $"/api/v1/regions/{County}/children")).AsArray().Select(x => x!["code"]!.GetValue<string>()).ElementAt(3);
        var township = await TownshipUserAsync(quiet);
        Task<HttpResponseMessage> Meeting(string attendees = "镇党委副书记", string? summary = null, string subject = "务工收入下降",
            string decision = "对接公益性岗位", string actedBy = "镇社保所") =>
            township.PostAsJsonAsync("/api/v1/fieldwork/meetings", new
            {
                townshipCode = quiet, heldOn = today, attendees, summary, items = new[] { new { subject, decision, actedBy, resolved = false } },
            });
        await TextLimitAsync("attendees", 1000, t => Meeting(attendees: t));
        await TextLimitAsync("summary", 2000, t => Meeting(summary: t));
        await TextLimitAsync("items[0].subject", 500, t => Meeting(subject: t));
        await TextLimitAsync("items[0].decision", 1000, t => Meeting(decision: t));
        await TextLimitAsync("items[0].actedBy", 100, t => Meeting(actedBy: t));
    }

    [DbFact]
    public async Task A_cadre_writes_a_work_log_on_their_households_only()
    {
        var v = await VillageAsync(4, 1);
        var photo = await UploadPhotoAsync(v.Cadre, UniqueJpeg());
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Ok(await v.Cadre.PostAsJsonAsync("/api/v1/fieldwork/logs", new
        {
            date = today, text = "协助申报产业补助", projectName = "村集体花椒基地", householdIds = new[] { v.Households[0].Id }, photoIds = new[] { photo },
        }), HttpStatusCode.Created);
        var logs = await GetAsync(v.Cadre, $"/api/v1/fieldwork/logs?cadreId={v.CadreId}");
        var log = Assert.Single(logs["rows"]!.AsArray());
        Assert.Equal("村集体花椒基地", log!["projectName"]!.GetValue<string>());
        Assert.Equal(v.Households[0].Number, log["households"]![0]!["householdNumber"]!.GetValue<string>());
        Assert.Equal($"/api/v1/files/{photo}", log["photoUrls"]![0]!.GetValue<string>());
        Assert.Contains("村集体花椒基地", await GetTextAsync(v.Cadre, $"/fieldwork/logs?cadreId={v.CadreId}"), StringComparison.Ordinal);
        var other = await RegisterAsAdminAsync((await PlacesAsync()).HomeVillage);
        Assert.Equal("关联的农户不存在或不在您的管辖范围内", await FieldError(await v.Cadre.PostAsJsonAsync("/api/v1/fieldwork/logs", new
        {
            date = today, text = "走访", householdIds = new[] { other.Id },
        }), "householdIds"));
        Assert.Equal("请填写工作内容", await FieldError(await v.Cadre.PostAsJsonAsync("/api/v1/fieldwork/logs", new { date = today, text = "" }), "text"));
    }

    [DbFact]
    public async Task The_county_admin_sets_the_county_visit_policy_and_a_township_cannot()
    {
        var values = new
        {
            festivalDaysBefore = 10, festivalDaysAfter = 5, emergencyDays = 2, pairingGraceDays = 10, gpsThresholdMetres = 800,
            lateEntryDays = 3, maxVisitsPerDay = 12, townshipSwitchMinutes = 30,
        };
        var saved = await Ok(await (await As("tl_admin")).PutAsJsonAsync($"/api/v1/fieldwork/policies/{County}/2100", values));
        Assert.Equal(800, saved["values"]!["gpsThresholdMetres"]!.GetValue<int>());
        await Problem(await (await As("tl_admin")).PutAsJsonAsync("/api/v1/fieldwork/policies/500152/2100", values), HttpStatusCode.Forbidden);
        await Problem(await (await As("tuqiao")).PutAsJsonAsync($"/api/v1/fieldwork/policies/{County}/2100", values), HttpStatusCode.Forbidden);
        Assert.Contains("定位偏离阈值", await FieldError(await (await As("tl_admin")).PutAsJsonAsync($"/api/v1/fieldwork/policies/{County}/2100",
            new { festivalDaysBefore = 10, festivalDaysAfter = 5, emergencyDays = 2, pairingGraceDays = 10, gpsThresholdMetres = 1,
                lateEntryDays = 3, maxVisitsPerDay = 12, townshipSwitchMinutes = 30 }), "gpsThresholdMetres"));
        var audit = await GetAsync(await As("tl_admin"), "/api/v1/audit?entityType=VisitPolicy");
        Assert.Contains(audit["items"]!.AsArray(), e => e!["summary"]!.GetValue<string>() == "走访标准 500151 2100年");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteComplianceApiTests(SqliteApp app) : ComplianceApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresComplianceApiTests(PostgresApp app) : ComplianceApiTests(app);
