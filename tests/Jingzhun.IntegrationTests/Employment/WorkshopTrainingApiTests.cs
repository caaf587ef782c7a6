namespace Jingzhun.IntegrationTests;

/// <summary>
/// 就业帮扶车间 and 技能培训 through HTTP (issue 13): a worker's job recorded with channel 帮扶车间 deriving the member's
/// 务工状况 (乡镇内 or 乡外县内 by where the workshop stands), ended with the worker; one current workshop per member;
/// scope (another township's workshop or training is 404 or absent); masked ID numbers; bad input (400, in Chinese).
/// </summary>
public abstract class WorkshopTrainingApiTests(TestApp app) : ApiTests(app)
{
    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<(Registered H, long HeadId)> HouseholdAsync(HttpClient c, string village)
    {
        var h = await RegisterAsync(c, village, Facts());
        return (h, (await GetAsync(c, $"/api/v1/households/{h.Id}"))["members"]![0]!["id"]!.GetValue<long>());
    }

    private static async Task<JsonNode> WorkshopAsync(HttpClient c, string village, string? name = null) =>
        await Ok(await c.PostAsJsonAsync("/api/v1/employment/workshops", new
        {
            villageCode = village, name = name ?? "帮扶车间" + Guid.NewGuid().ToString("N")[..6], @operator = "铜梁锦绣服饰有限公司", industry = "纺织服装",
            recognisedOn = Day(ChinaToday.AddYears(-1)),
        }), HttpStatusCode.Created);

    private static Task<HttpResponseMessage> HireAsync(HttpClient c, long workshopId, long memberId, DateOnly? start = null) =>
        c.PostAsJsonAsync($"/api/v1/employment/workshops/{workshopId}/workers", new { memberId, startedOn = Day(start ?? ChinaToday.AddDays(-10)), monthlyWage = 2800m });

    private static object Training(long memberId, string? certificate = null, string? number = null) => new
    {
        memberId, course = "中式烹调师", kind = "Vocational", organiser = "铜梁区职业教育中心", startedOn = Day(ChinaToday.AddDays(-30)),
        endedOn = Day(ChinaToday.AddDays(-2)), hours = 120, certificate, certificateNumber = number,
    };

    private static long Id(JsonNode n, string key = "id") => n[key]!.GetValue<long>();

    [DbFact]
    public async Task A_workshop_worker_gets_one_workshop_job_deriving_the_work_status_and_leaving_ends_it()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var shop = await WorkshopAsync(admin, places.HomeVillage);
        var id = Id(shop["workshop"]!);
        var name = shop["workshop"]!["name"]!.GetValue<string>();
        var (near, nearHead) = await HouseholdAsync(admin, places.SecondVillage);
        var (far, farHead) = await HouseholdAsync(admin, places.OtherTownshipVillage);

        // Same township: 乡镇内务工; another township of the county: 乡外县内务工. One job each, channel 帮扶车间.
        await Ok(await HireAsync(admin, id, nearHead), HttpStatusCode.Created);
        var view = await Ok(await HireAsync(admin, id, farHead), HttpStatusCode.Created);
        Assert.Equal(2, view["workshop"]!["workers"]!.GetValue<int>());
        Assert.Equal(2, view["workshop"]!["exitedWorkers"]!.GetValue<int>());
        foreach (var (member, place) in new[] { (nearHead, "InTownship"), (farHead, "InCounty") })
        {
            var work = await GetAsync(admin, $"/api/v1/employment/members/{member}");
            Assert.Equal(place, work["workStatus"]!.GetValue<string>());
            var job = Assert.Single(work["jobs"]!.AsArray())!;
            Assert.Equal("Workshop", job["channel"]!.GetValue<string>());
            Assert.Equal(name, job["employer"]!.GetValue<string>());
            Assert.Equal(Id(job), Id(view["workers"]!.AsArray().Single(w => Id(w!, "memberId") == member)!, "jobId"));
        }
        // The registry shows the derived status.
        Assert.Equal("InTownship", (await GetAsync(admin, $"/api/v1/households/{near.Id}"))["members"]![0]!["facts"]!["workStatus"]!.GetValue<string>());

        // A member works in one workshop at a time, here or elsewhere.
        Assert.Contains(name, await FieldError(await HireAsync(admin, id, nearHead), "memberId"));
        var other = Id((await WorkshopAsync(admin, places.SecondVillage))["workshop"]!);
        Assert.Contains("在岗务工人员", await FieldError(await HireAsync(admin, other, nearHead), "memberId"));
        // Only registered members of the workshop's county.
        var (_, strangerHead) = await HouseholdAsync(await As("admin"), places.OtherCountyVillage);
        Assert.Contains("本县", await FieldError(await HireAsync(await As("admin"), id, strangerHead), "memberId"));

        // 离岗 on a stale version is a conflict; on the current one it ends the worker's job the same day.
        var worker = view["workers"]!.AsArray().Single(w => Id(w!, "memberId") == nearHead)!;
        var stale = await admin.PostAsJsonAsync($"/api/v1/employment/workshops/workers/{Id(worker)}/end",
            new { endedOn = Day(ChinaToday), version = view["workshop"]!["version"]!.GetValue<int>() - 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var early = await admin.PostAsJsonAsync($"/api/v1/employment/workshops/workers/{Id(worker)}/end",
            new { endedOn = Day(ChinaToday.AddDays(-11)), version = view["workshop"]!["version"]!.GetValue<int>() });
        Assert.Contains("早于入职日期", await FieldError(early, "endedOn"));
        var ended = await Ok(await admin.PostAsJsonAsync($"/api/v1/employment/workshops/workers/{Id(worker)}/end",
            new { endedOn = Day(ChinaToday), version = view["workshop"]!["version"]!.GetValue<int>() }));
        Assert.Equal(1, ended["workshop"]!["workers"]!.GetValue<int>());
        Assert.Equal(Day(ChinaToday), ended["workers"]!.AsArray().Single(w => Id(w!) == Id(worker))!["endedOn"]!.GetValue<string>());
        var jobs = (await GetAsync(admin, $"/api/v1/employment/members/{nearHead}"))["jobs"]!.AsArray();
        Assert.Equal(Day(ChinaToday), Assert.Single(jobs)!["endedOn"]!.GetValue<string>());
        // Sent again (a lost answer): the same end, no conflict.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/employment/workshops/workers/{Id(worker)}/end",
            new { endedOn = Day(ChinaToday), version = view["workshop"]!["version"]!.GetValue<int>() })).StatusCode);
        // Having left, the member may join another workshop.
        await Ok(await HireAsync(admin, other, nearHead), HttpStatusCode.Created);

        // The list counts the current workers; worker lists mask ID numbers.
        var list = await GetAsync(admin, $"/api/v1/employment/workshops?region={places.HomeVillage}&pageSize=200");
        Assert.Equal(1, list["items"]!.AsArray().Single(w => Id(w!) == id)!["workers"]!.GetValue<int>());
        var detail = await GetAsync(admin, $"/api/v1/employment/workshops/{id}");
        Assert.Contains("*", detail["workers"]![0]!["memberIdNumberMasked"]!.GetValue<string>());
        Assert.DoesNotContain(far.HeadId, detail.ToJsonString());
        Assert.DoesNotContain(near.HeadId, detail.ToJsonString());
    }

    [DbFact]
    public async Task A_township_user_gets_nothing_of_another_townships_workshop_or_training()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var shop = await WorkshopAsync(admin, places.OtherTownshipVillage);
        var id = Id(shop["workshop"]!);
        var version = shop["workshop"]!["version"]!.GetValue<int>();
        var (theirs, theirHead) = await HouseholdAsync(admin, places.OtherTownshipVillage);
        var hired = await Ok(await HireAsync(admin, id, theirHead), HttpStatusCode.Created);
        var workerId = Id(hired["workers"]![0]!);
        var training = await Ok(await admin.PostAsJsonAsync("/api/v1/employment/training", Training(theirHead)), HttpStatusCode.Created);
        var (_, mineHead) = await HouseholdAsync(admin, places.HomeVillage);

        var tuqiao = await As("tuqiao");
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.GetAsync($"/api/v1/employment/workshops/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PutAsJsonAsync($"/api/v1/employment/workshops/{id}", new
        {
            name = "改名", @operator = "某公司", industry = "加工", recognisedOn = Day(ChinaToday), status = "Operating", version,
        })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await HireAsync(tuqiao, id, mineHead)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync($"/api/v1/employment/workshops/workers/{workerId}/end",
            new { endedOn = Day(ChinaToday), version = hired["workshop"]!["version"]!.GetValue<int>() })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync("/api/v1/employment/workshops", new
        {
            villageCode = places.OtherTownshipVillage, name = "越权车间", @operator = "某公司", industry = "加工", recognisedOn = Day(ChinaToday),
        })).StatusCode);
        var list = await GetAsync(tuqiao, "/api/v1/employment/workshops?pageSize=200");
        Assert.DoesNotContain(list["items"]!.AsArray(), w => Id(w!) == id);
        Assert.Equal(0, (await GetAsync(tuqiao, $"/api/v1/employment/workshops?region={places.OtherTownship}"))["total"]!.GetValue<int>());

        var tid = Id(training);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.GetAsync($"/api/v1/employment/training/{tid}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PutAsJsonAsync($"/api/v1/employment/training/{tid}", new
        {
            course = "改", kind = "Guidance", organiser = "某机构", startedOn = Day(ChinaToday), endedOn = Day(ChinaToday), version = training["version"]!.GetValue<int>(),
        })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync("/api/v1/employment/training", Training(theirHead))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.GetAsync($"/api/v1/employment/training?householdId={theirs.Id}")).StatusCode);
        var trainings = await GetAsync(tuqiao, "/api/v1/employment/training?pageSize=200");
        Assert.DoesNotContain(trainings["items"]!.AsArray(), t => Id(t!) == tid);
    }

    [DbFact]
    public async Task A_training_with_a_certificate_names_its_number_and_lists_mask_id_numbers()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var (h, head) = await HouseholdAsync(admin, places.HomeVillage);
        var noNumber = await admin.PostAsJsonAsync("/api/v1/employment/training", Training(head, "SkillLevel"));
        Assert.Equal("取得证书的，请填写证书编号", await FieldError(noNumber, "certificateNumber"));
        var saved = await Ok(await admin.PostAsJsonAsync("/api/v1/employment/training", Training(head, "SkillLevel", "S500151202600123")), HttpStatusCode.Created);
        Assert.Equal("SkillLevel", saved["certificate"]!.GetValue<string>());
        await Ok(await admin.PostAsJsonAsync("/api/v1/employment/training", Training(head)), HttpStatusCode.Created);

        var list = await GetAsync(admin, $"/api/v1/employment/training?householdId={h.Id}&year={ChinaToday.AddDays(-30).Year}&kind=Vocational");
        Assert.Equal(2, list["total"]!.GetValue<int>());
        Assert.Contains("*", list["items"]![0]!["memberIdNumberMasked"]!.GetValue<string>());
        Assert.DoesNotContain(h.HeadId, list.ToJsonString());
        var export = await admin.GetAsync($"/api/v1/employment/training/export?householdId={h.Id}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await export.Content.ReadAsByteArrayAsync())))
        {
            var xml = string.Concat(zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)).Select(e => new StreamReader(e.Open()).ReadToEnd()));
            Assert.Contains("S500151202600123", xml);
            Assert.Contains(h.HeadId[..6] + "***", xml);
            Assert.DoesNotContain(h.HeadId, xml);
        }

        // Edited on the version read; the same version again is stale.
        var edit = new
        {
            course = "中式面点师", kind = "Vocational", organiser = "铜梁区职业教育中心", startedOn = Day(ChinaToday.AddDays(-30)), endedOn = Day(ChinaToday.AddDays(-2)),
            certificate = "SkillLevel", certificateNumber = "S500151202600123", version = saved["version"]!.GetValue<int>(),
        };
        Assert.Equal("中式面点师", (await Ok(await admin.PutAsJsonAsync($"/api/v1/employment/training/{Id(saved)}", edit)))["course"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync($"/api/v1/employment/training/{Id(saved)}", edit)).StatusCode);
    }

    [DbFact]
    public async Task Bad_workshop_and_training_input_is_a_400_in_chinese()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var (_, head) = await HouseholdAsync(admin, places.HomeVillage);
        var id = Id((await WorkshopAsync(admin, places.HomeVillage))["workshop"]!);

        async Task<string> TrainingError(Action<JsonObject> change, string field)
        {
            var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Training(head)))!.AsObject();
            change(body);
            return await FieldError(await admin.PostAsJsonAsync("/api/v1/employment/training", body), field);
        }
        Assert.Contains("格式不正确", await TrainingError(b => b["kind"] = "Cooking", "kind"));
        Assert.Contains("不是可选的代码", await TrainingError(b => b["kind"] = 99, "kind"));
        Assert.Contains("请选择培训类型", await TrainingError(b => b.Remove("kind"), "kind"));
        Assert.Contains("格式不正确", await TrainingError(b => b["startedOn"] = "昨天", "startedOn"));
        Assert.Contains("早于开始日期", await TrainingError(b => b["endedOn"] = Day(ChinaToday.AddDays(-31)), "endedOn"));
        Assert.Contains("不是可选的代码", await TrainingError(b => b["certificate"] = 42, "certificate"));
        Assert.Contains("课程名称", await TrainingError(b => b["course"] = " ", "course"));
        await TextLimitAsync("organiser", 100, t =>
        {
            var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Training(head)))!.AsObject();
            body["organiser"] = t;
            return admin.PostAsJsonAsync("/api/v1/employment/training", body);
        });
        var empty = await admin.PostAsync("/api/v1/employment/training", new StringContent("", System.Text.Encoding.UTF8, "application/json"));
        await Problem(empty, HttpStatusCode.BadRequest);

        var badStatus = await admin.PostAsJsonAsync("/api/v1/employment/workshops", new
        {
            villageCode = places.HomeVillage, name = "某车间", @operator = "某公司", industry = "加工", recognisedOn = Day(ChinaToday), status = "Closed",
        });
        Assert.Contains("格式不正确", await FieldError(badStatus, "status"));
        var future = await admin.PostAsJsonAsync("/api/v1/employment/workshops", new
        {
            villageCode = places.HomeVillage, name = "某车间", @operator = "某公司", industry = "加工", recognisedOn = Day(ChinaToday.AddDays(1)),
        });
        Assert.Contains("不能晚于今天", await FieldError(future, "recognisedOn"));
        var township = await admin.PostAsJsonAsync("/api/v1/employment/workshops", new
        {
            villageCode = Township, name = "某车间", @operator = "某公司", industry = "加工", recognisedOn = Day(ChinaToday),
        });
        Assert.Contains("村", await FieldError(township, "villageCode"));
        await TextLimitAsync("name", 100, t => admin.PostAsJsonAsync("/api/v1/employment/workshops", new
        {
            villageCode = places.HomeVillage, name = t, @operator = "某公司", industry = "加工", recognisedOn = Day(ChinaToday),
        }));
        Assert.Contains("无效", await FieldError(await admin.GetAsync("/api/v1/employment/workshops?status=Open"), "status"));
        var wage = await admin.PostAsync($"/api/v1/employment/workshops/{id}/workers",
            new StringContent($"{{\"memberId\":{head},\"startedOn\":\"{Day(ChinaToday)}\",\"monthlyWage\":\"很多\"}}", System.Text.Encoding.UTF8, "application/json"));
        await FieldError(wage, "monthlyWage");
        Assert.Contains("晚于今天", await FieldError(await HireAsync(admin, id, head, ChinaToday.AddDays(1)), "startedOn"));
        var noBody = await admin.PostAsync($"/api/v1/employment/workshops/{id}/workers", new StringContent("", System.Text.Encoding.UTF8, "application/json"));
        await Problem(noBody, HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteWorkshopTrainingApiTests(SqliteApp app) : WorkshopTrainingApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresWorkshopTrainingApiTests(PostgresApp app) : WorkshopTrainingApiTests(app);
