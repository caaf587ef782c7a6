using Jingzhun.Web.Modules.Sampling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// 回头看 抽样核查 through HTTP (issue 16): a campaign records its seed and frame size before the draw; the draw is stored and
/// reproducible (same seed and frame → same households in the same order); questionnaires give estimates; a finding raises
/// exactly one risk lead; non-response is replaced by the stratum's reserve; scope; bad input is 400 in Chinese.
/// </summary>
public abstract class SamplingApiTests(TestApp app) : ApiTests(app)
{
    private static long Id(JsonNode n) => n["campaign"]!["id"]!.GetValue<long>();

    private static async Task<JsonNode> CampaignAsync(HttpClient c, string region, int seed, string design = "ByVillage", decimal margin = 0.1m,
        string frame = "ExitedAndMonitored") =>
        await Ok(await c.PostAsJsonAsync("/api/v1/sampling/campaigns", new
        {
            region, name = "回头看" + Guid.NewGuid().ToString("N")[..6], purpose = "ExitTruth", frame, design, margin, expectedRate = 0.5m,
            nonResponse = 0m, reserves = 1, seed,
        }), HttpStatusCode.Created);

    /// <summary>A frame to draw from: exited households in the township's two villages (and as many in another township).</summary>
    private async Task<Places> FrameAsync(int perVillage = 8)
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        foreach (var v in new[] { places.HomeVillage, places.SecondVillage, places.OtherTownshipVillage })
            for (var i = 0; i < perVillage; i++) await RegisterAsync(admin, v);
        return places;
    }

    private static async Task<List<JsonNode>> SampleAsync(HttpClient c, long id) =>
        [.. (await GetAsync(c, $"/api/v1/sampling/campaigns/{id}/households")).AsArray().Select(x => x!)];

    /// <summary>A simple-random campaign of the township drawn by tl_admin: its id and its households to visit.</summary>
    private async Task<(HttpClient Admin, long Id, List<JsonNode> Pending)> DrawnAsync(int perVillage, int seed)
    {
        await FrameAsync(perVillage);
        var admin = await As("tl_admin");
        var id = Id(await CampaignAsync(admin, Township, seed, design: "Simple", margin: 0.2m));
        await Ok(await admin.PostAsync($"/api/v1/sampling/campaigns/{id}/draw", null));
        return (admin, id, [.. (await SampleAsync(admin, id)).Where(r => r["status"]!.GetValue<string>() == "Pending")]);
    }

    private static object Survey(int version, string housing = "Yes", bool should = false, int satisfaction = 5, decimal income = 12000m) => new
    {
        incomePerCapita = income, foodClothing = "Yes", education = "Yes", medical = "Yes", housing, water = "Yes", assistanceReceived = true,
        assistanceNote = "产业帮扶", satisfaction, shouldBeRegistered = should, visitedOn = DateTime.UtcNow.AddHours(8).AddDays(-1).ToString("yyyy-MM-dd"),
        visitedBy = "核查组", version,
    };

    [DbFact]
    public async Task The_seed_and_frame_are_recorded_before_the_draw_and_the_same_seed_and_frame_reproduce_the_sample()
    {
        await FrameAsync();
        var admin = await As("tl_admin");
        var created = await CampaignAsync(admin, Township, 4242);
        var id = Id(created);
        Assert.Equal(4242, created["campaign"]!["seed"]!.GetValue<int>());
        Assert.False(created["campaign"]!["drawn"]!.GetValue<bool>());
        var frame = created["campaign"]!["frameSize"]!.GetValue<int>();
        Assert.True(frame > 0);
        Assert.Empty(await SampleAsync(admin, id));
        // n from the formula: n0 = 1.96² × 0.25 / 0.01 = 96.04, n = ⌈96.04 / (1 + 95.04/N)⌉.
        Assert.Equal((int)Math.Ceiling(96.04 / (1 + 95.04 / frame) - 1e-9), created["size"]!["n1"]!.GetValue<int>());

        var drawn = await Ok(await admin.PostAsync($"/api/v1/sampling/campaigns/{id}/draw", null));
        Assert.True(drawn["campaign"]!["drawn"]!.GetValue<bool>());
        Assert.Equal(frame, drawn["campaign"]!["frameSize"]!.GetValue<int>());
        var strata = drawn["strata"]!.AsArray();
        Assert.Equal(drawn["campaign"]!["sampleSize"]!.GetValue<int>(), strata.Sum(s => s!["sample"]!.GetValue<int>()));
        var first = await SampleAsync(admin, id);
        Assert.NotEmpty(first);
        Assert.DoesNotContain(first, r => r["headName"] is null || r["householdNumber"] is null);
        // Drawing again is refused: the sample stays as recorded.
        await Problem(await admin.PostAsync($"/api/v1/sampling/campaigns/{id}/draw", null), HttpStatusCode.Conflict);

        var again = Id(await CampaignAsync(admin, Township, 4242));
        await Ok(await admin.PostAsync($"/api/v1/sampling/campaigns/{again}/draw", null));
        static IEnumerable<string> Key(List<JsonNode> s) => s.Select(r => $"{r["stratum"]}:{r["drawOrder"]}:{r["householdId"]}:{r["status"]}");
        Assert.Equal(Key(first), Key(await SampleAsync(admin, again)));
        var other = Id(await CampaignAsync(admin, Township, 4243));
        await Ok(await admin.PostAsync($"/api/v1/sampling/campaigns/{other}/draw", null));
        Assert.NotEqual(Key(first), Key(await SampleAsync(admin, other)));

        // The draw is audited.
        var name = created["campaign"]!["name"]!.GetValue<string>();
        var audit = await GetAsync(admin, $"/api/v1/audit?entityType=SamplingCampaign&q={Uri.EscapeDataString(name)}&pageSize=50");
        Assert.Contains(audit["items"]!.AsArray(), e => e!["summary"]!.GetValue<string>().Contains("已抽样", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task Questionnaires_give_estimates_and_a_finding_raises_exactly_one_lead()
    {
        var (admin, id, pending) = await DrawnAsync(4, 777);
        Assert.True(pending.Count >= 4);

        // A household whose 住房安全 is 无保障: one lead, none on a second save.
        var finding = pending[0];
        var sid = finding["id"]!.GetValue<long>();
        var hid = finding["householdId"]!.GetValue<long>();
        var saved = await Ok(await admin.PutAsJsonAsync($"/api/v1/sampling/households/{sid}/survey", Survey(finding["version"]!.GetValue<int>(), housing: "No", satisfaction: 3)));
        Assert.NotNull(saved["lead"]);
        var leadId = saved["household"]!["leadId"]!.GetValue<long>();
        Assert.Contains("住房安全", saved["lead"]!["detail"]!.GetValue<string>());
        var resaved = await Ok(await admin.PutAsJsonAsync($"/api/v1/sampling/households/{sid}/survey",
            Survey(saved["household"]!["version"]!.GetValue<int>(), housing: "No", satisfaction: 3)));
        Assert.Null(resaved["lead"]);
        Assert.Equal(leadId, resaved["household"]!["leadId"]!.GetValue<long>());
        var leads = (await GetAsync(admin, $"/api/v1/monitoring/leads?householdId={hid}&pageSize=200"))["items"]!.AsArray();
        Assert.Single(leads, l => l!["detail"]!.GetValue<string>().Contains("回头看", StringComparison.Ordinal));

        // Without a finding, no lead.
        var fine = pending[1];
        var ok = await Ok(await admin.PutAsJsonAsync($"/api/v1/sampling/households/{fine["id"]}/survey", Survey(fine["version"]!.GetValue<int>())));
        Assert.Null(ok["lead"]);
        Assert.Null(ok["household"]!["leadId"]);

        // A stale version with other answers is refused; the same answers again (a retry) are the saved questionnaire.
        await Problem(await admin.PutAsJsonAsync($"/api/v1/sampling/households/{fine["id"]}/survey",
            Survey(fine["version"]!.GetValue<int>(), satisfaction: 4)), HttpStatusCode.Conflict);
        var retried = await Ok(await admin.PutAsJsonAsync($"/api/v1/sampling/households/{fine["id"]}/survey", Survey(fine["version"]!.GetValue<int>())));
        Assert.Equal(ok["household"]!["version"]!.GetValue<int>(), retried["household"]!["version"]!.GetValue<int>());

        // 拒访: the reserve takes its place.
        var refused = pending[2];
        var nr = await Ok(await admin.PostAsJsonAsync($"/api/v1/sampling/households/{refused["id"]}/non-response",
            new { status = "Refused", reason = "户主拒绝接受访问", version = refused["version"]!.GetValue<int>() }));
        Assert.Equal("Refused", nr["status"]!.GetValue<string>());
        var replacement = (await SampleAsync(admin, id)).Single(r => r["replacesId"]?.GetValue<long>() == refused["id"]!.GetValue<long>());
        Assert.Equal("Pending", replacement["status"]!.GetValue<string>());
        Assert.Equal(replacement["id"]!.GetValue<long>(), nr["replacedById"]!.GetValue<long>());
        // The same 拒访 sent again (a retry) changes nothing: no second replacement.
        var nr2 = await Ok(await admin.PostAsJsonAsync($"/api/v1/sampling/households/{refused["id"]}/non-response",
            new { status = "Refused", reason = "户主拒绝接受访问", version = refused["version"]!.GetValue<int>() }));
        Assert.Equal(nr["version"]!.GetValue<int>(), nr2["version"]!.GetValue<int>());
        Assert.Single(await SampleAsync(admin, id), r => r["replacesId"]?.GetValue<long>() == refused["id"]!.GetValue<long>());

        // Estimates: 群众认可度 from the two visited (one satisfied of two: 50%), compared with ≥ 90%.
        var view = await GetAsync(admin, $"/api/v1/sampling/campaigns/{id}");
        var recognition = view["estimates"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "群众认可度")!;
        Assert.Equal(2, recognition["sampled"]!.GetValue<int>());
        Assert.Equal(1, recognition["found"]!.GetValue<int>());
        Assert.Equal(0.5, recognition["rate"]!.GetValue<double>(), 9);
        Assert.False(recognition["meets"]!.GetValue<bool>());
        Assert.Equal(90m, recognition["limitPercent"]!.GetValue<decimal>());
        Assert.Contains("Input.Surveyed=2", view["exitLink"]!.GetValue<string>());
        Assert.Contains("Input.Satisfied=1", view["exitLink"]!.GetValue<string>());

        // The Excel of results.
        var xlsx = await admin.GetAsync($"/api/v1/sampling/campaigns/{id}/export");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
    }

    [DbFact]
    public async Task An_item_found_unsecured_becomes_exactly_one_ledger_problem_even_when_the_questionnaire_is_sent_twice()
    {
        var (admin, _, pending) = await DrawnAsync(4, 4711);
        var first = pending[0];
        var sid = first["id"]!.GetValue<long>();
        var hid = first["householdId"]!.GetValue<long>();
        async Task<List<JsonNode>> LedgerAsync(long household, string dimension) =>
            [.. (await GetAsync(admin, $"/api/v1/problems?householdId={household}&dimension={dimension}&pageSize=200"))["items"]!.AsArray()
                .Select(x => x!).Where(p => p["status"]!.GetValue<string>() != "Verified")];

        // 住房安全 无保障: one problem of the ledger (督查暗访: the county's re-check of its own work), and the lead.
        var body = Survey(first["version"]!.GetValue<int>(), housing: "No", satisfaction: 2);
        var saved = await Ok(await admin.PutAsJsonAsync($"/api/v1/sampling/households/{sid}/survey", body));
        var problem = Assert.Single(saved["problems"]!.AsArray())!;
        Assert.True(problem["opened"]!.GetValue<bool>());
        Assert.Equal("Housing", problem["problem"]!["dimension"]!.GetValue<string>());
        Assert.Equal("Inspection", problem["problem"]!["source"]!.GetValue<string>());
        Assert.Contains($"抽样户 {sid}", problem["problem"]!["description"]!.GetValue<string>());
        Assert.NotNull(saved["lead"]);
        // The sampled household keeps the problem it filed.
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Jingzhun.Web.Platform.Data.AppDbContext>();
            Assert.Equal(problem["problem"]!["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture),
                await db.SampledHouseholds.Where(x => x.Id == sid).Select(x => x.ProblemIds).SingleAsync());
        }

        // Sent again as the phone's retry does (same answers, the version it read): 200, nothing new.
        var again = await Ok(await admin.PutAsJsonAsync($"/api/v1/sampling/households/{sid}/survey", body));
        Assert.Empty(again["problems"]!.AsArray());
        Assert.Null(again["lead"]);
        Assert.Equal(saved["household"]!["version"]!.GetValue<int>(), again["household"]!["version"]!.GetValue<int>());
        // A correction on the current version that keeps 住房安全 无保障 opens nothing either.
        await Ok(await admin.PutAsJsonAsync($"/api/v1/sampling/households/{sid}/survey",
            Survey(saved["household"]!["version"]!.GetValue<int>(), housing: "No", satisfaction: 3)));
        var housing = Assert.Single(await LedgerAsync(hid, "Housing"));
        Assert.Equal(problem["problem"]!["id"]!.GetValue<long>(), housing["id"]!.GetValue<long>());
        Assert.Single((await GetAsync(admin, $"/api/v1/monitoring/leads?householdId={hid}&pageSize=200"))["items"]!.AsArray(),
            l => l!["detail"]!.GetValue<string>().Contains("回头看", StringComparison.Ordinal));

        // A 脱贫户 whose verified income is within the monitoring range (national floor 6,000 yuan + 10%): a lead, no problem.
        var poor = pending[2];
        var low = await Ok(await admin.PutAsJsonAsync($"/api/v1/sampling/households/{poor["id"]}/survey", Survey(poor["version"]!.GetValue<int>(), income: 6000m)));
        Assert.Contains("核实人均纯收入 6000 元", low["lead"]!["detail"]!.GetValue<string>());
        Assert.Empty(low["problems"]!.AsArray());

        // A household whose 住房安全 problem is already open on the ledger: the finding links to it instead of failing.
        var second = pending[1];
        var hid2 = second["householdId"]!.GetValue<long>();
        var existing = await Ok(await admin.PostAsJsonAsync("/api/v1/problems", new
        {
            householdId = hid2, dimension = "Housing", source = "Visit", severity = "Normal", description = "走访发现房屋漏雨",
        }), HttpStatusCode.Created);
        var linked = await Ok(await admin.PutAsJsonAsync($"/api/v1/sampling/households/{second["id"]}/survey",
            Survey(second["version"]!.GetValue<int>(), housing: "No")));
        var link = Assert.Single(linked["problems"]!.AsArray())!;
        Assert.False(link["opened"]!.GetValue<bool>());
        Assert.Equal(existing["id"]!.GetValue<long>(), link["problem"]!["id"]!.GetValue<long>());
        Assert.Single(await LedgerAsync(hid2, "Housing"));
    }

    [DbFact]
    public async Task A_township_sees_nothing_of_another_townships_campaign_and_a_village_only_its_own_sampled_households()
    {
        var places = await FrameAsync(3);
        var admin = await As("tl_admin");
        var foreign = Id(await CampaignAsync(admin, places.OtherTownship, 99, design: "Simple", margin: 0.2m));
        await Ok(await admin.PostAsync($"/api/v1/sampling/campaigns/{foreign}/draw", null));
        var foreignRow = (await SampleAsync(admin, foreign)).First();
        var tuqiao = await As("tuqiao");
        foreach (var url in new[] { $"/api/v1/sampling/campaigns/{foreign}", $"/api/v1/sampling/campaigns/{foreign}/households",
                     $"/api/v1/sampling/campaigns/{foreign}/export", $"/api/v1/sampling/households/{foreignRow["id"]}" })
            await Problem(await tuqiao.GetAsync(url), HttpStatusCode.NotFound);
        await Problem(await tuqiao.PostAsync($"/api/v1/sampling/campaigns/{foreign}/draw", null), HttpStatusCode.NotFound);
        await Problem(await tuqiao.PutAsJsonAsync($"/api/v1/sampling/households/{foreignRow["id"]}/survey", Survey(1)), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await GetAsync(tuqiao, "/api/v1/sampling/campaigns?pageSize=200"))["items"]!.AsArray(),
            c => c!["id"]!.GetValue<long>() == foreign);
        Assert.Empty((await GetAsync(tuqiao, $"/api/v1/sampling/households?campaignId={foreign}"))["items"]!.AsArray());
        // A township cannot run a campaign of another township.
        await Problem(await tuqiao.PostAsJsonAsync("/api/v1/sampling/campaigns", new
        {
            region = places.OtherTownship, name = "越权", purpose = "ExitTruth", frame = "ExitedAndMonitored", design = "Simple", margin = 0.1m,
        }), HttpStatusCode.NotFound);

        // The township's own campaign, by village: the village sees its own sampled households only.
        var own = Id(await CampaignAsync(tuqiao, Township, 5, margin: 0.05m));
        await Ok(await tuqiao.PostAsync($"/api/v1/sampling/campaigns/{own}/draw", null));
        var all = await SampleAsync(tuqiao, own);
        var village = await As("village");
        var mine = (await GetAsync(village, $"/api/v1/sampling/households?campaignId={own}&pageSize=200"))["items"]!.AsArray();
        Assert.All(mine, r => Assert.Equal(places.HomeVillage, r!["villageCode"]!.GetValue<string>()));
        Assert.Equal(all.Count(r => r["villageCode"]!.GetValue<string>() == places.HomeVillage && r["status"]!.GetValue<string>() != "Reserve"), mine.Count);
        await Problem(await village.GetAsync($"/api/v1/sampling/campaigns/{own}"), HttpStatusCode.Forbidden);
        var elsewhere = all.FirstOrDefault(r => r["villageCode"]!.GetValue<string>() != places.HomeVillage);
        if (elsewhere is not null) await Problem(await village.GetAsync($"/api/v1/sampling/households/{elsewhere["id"]}"), HttpStatusCode.NotFound);
        // The village records a questionnaire of its own household.
        if (mine.FirstOrDefault() is { } m)
            await Ok(await village.PutAsJsonAsync($"/api/v1/sampling/households/{m["id"]}/survey", Survey(m["version"]!.GetValue<int>())));
    }

    [DbFact]
    public async Task Bad_input_is_400_in_Chinese()
    {
        await FrameAsync(1);
        var admin = await As("tl_admin");
        await Problem(await admin.PostAsync("/api/v1/sampling/campaigns", new StringContent("", System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        await Problem(await admin.PostAsync("/api/v1/sampling/campaigns",
            new StringContent("{\"region\":\"500151\",\"purpose\":\"Foo\",\"margin\":\"五\"}", System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        object Body(string region = County, decimal margin = 0.05m, string design = "Simple", decimal? rate = null) => new
        {
            region, name = "核查", purpose = "Recognition", frame = "ExitedAndMonitored", design, margin, expectedRate = rate,
        };
        Assert.Contains("目标误差", await FieldError(await admin.PostAsJsonAsync("/api/v1/sampling/campaigns", Body(margin: 0.5m)), "margin"));
        Assert.Contains("预期比例", await FieldError(await admin.PostAsJsonAsync("/api/v1/sampling/campaigns", Body(rate: 1m)), "expectedRate"));
        Assert.Contains("区县或乡镇", await FieldError(await admin.PostAsJsonAsync("/api/v1/sampling/campaigns", Body(region: (await PlacesAsync()).HomeVillage)), "region"));
        Assert.Contains("按乡镇分层", await FieldError(await admin.PostAsJsonAsync("/api/v1/sampling/campaigns", Body(region: Township, design: "ByTownship")), "design"));
        Assert.Contains("目标误差", await FieldError(await admin.GetAsync($"/api/v1/sampling/size?region={County}&margin=0.9"), "margin"));
        await Problem(await admin.GetAsync($"/api/v1/sampling/size?region={County}&margin=abc"), HttpStatusCode.BadRequest);
        await Problem(await admin.GetAsync("/api/v1/sampling/campaigns/abc"), HttpStatusCode.NotFound);
        var id = Id(await CampaignAsync(admin, Township, 31, design: "Simple", margin: 0.2m));
        await Ok(await admin.PostAsync($"/api/v1/sampling/campaigns/{id}/draw", null));
        var s = (await SampleAsync(admin, id)).First(r => r["status"]!.GetValue<string>() == "Pending");
        Assert.Contains("满意度", await FieldError(await admin.PutAsJsonAsync($"/api/v1/sampling/households/{s["id"]}/survey",
            Survey(s["version"]!.GetValue<int>(), satisfaction: 6)), "satisfaction"));
        await Problem(await admin.PutAsync($"/api/v1/sampling/households/{s["id"]}/survey",
            new StringContent("{\"housing\":\"Maybe\",\"version\":1}", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.Contains("原因", await FieldError(await admin.PostAsJsonAsync($"/api/v1/sampling/households/{s["id"]}/non-response",
            new { status = "Refused", reason = "", version = s["version"]!.GetValue<int>() }), "reason"));
        Assert.Contains("无法联系或拒访", await FieldError(await admin.PostAsJsonAsync($"/api/v1/sampling/households/{s["id"]}/non-response",
            new { status = "Visited", reason = "原因", version = s["version"]!.GetValue<int>() }), "status"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSamplingApiTests(SqliteApp app) : SamplingApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSamplingApiTests(PostgresApp app) : SamplingApiTests(app);
