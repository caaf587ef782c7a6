using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jingzhun.IntegrationTests.Infrastructure;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.Rules;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// 两不愁三保障 through HTTP: the six-dimension panel, problems opened by the rules and by hand, the lifecycle with its
/// roles, scope, bulk assignment, the sweep job, exports, and bulletins that agree with the problem list.
/// </summary>
public abstract class GuaranteesApiTests(TestApp app) : ApiTests(app)
{
    private static readonly string[] Dimensions = ["Food", "Clothing", "Education", "Medical", "Housing", "Water"];
    private static readonly string[] Measures = ["Found", "Resolved", "Verified", "Outstanding", "Overdue"];

    /// <summary>Today in Beijing time (the system's calendar day).</summary>
    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    // --- data ----------------------------------------------------------------------------------------------

    /// <summary>Facts that pass food, clothing and housing; water left unrecorded (Unknown) unless changed.</summary>
    private static JsonObject GoodFacts(Action<JsonObject>? change = null)
    {
        var f = Facts();
        f["foodSecure"] = true;
        f["clothingSecure"] = true;
        f["housingGrade"] = "A";
        change?.Invoke(f);
        return f;
    }

    /// <summary>A valid, unused ID number of a person <paramref name="age"/> years old today.</summary>
    private string IdNumberAged(int age, Gender gender = Gender.Male)
    {
        var n = App.Next();
        var birth = ChinaToday.AddYears(-age).AddDays(-1 - n % 300);
        return IdNumberRule.Compose(County, birth, n, gender);
    }

    private async Task<Registered> RegisterWithAsync(HttpClient client, string village, JsonObject facts, bool headInsured = true)
    {
        var name = NewName();
        var head = Person(name, NewIdNumber());
        head["hasMedicalInsurance"] = headInsured;
        var r = await client.PostAsJsonAsync("/api/v1/households", new { villageCode = village, household = facts, head });
        var body = await Ok(r, HttpStatusCode.Created);
        return new Registered(body["id"]!.GetValue<long>(), body["householdNumber"]!.GetValue<string>(), name, "", village, body);
    }

    private static async Task<JsonArray> PanelAsync(HttpClient c, long householdId)
    {
        var panel = await GetAsync(c, $"/api/v1/households/{householdId}/guarantees");
        Assert.Equal(householdId, panel["householdId"]!.GetValue<long>());
        return panel["dimensions"]!.AsArray();
    }

    private static JsonNode Dim(JsonArray panel, string dimension) =>
        panel.Single(d => d!["dimension"]!.GetValue<string>() == dimension)!;

    private static async Task<JsonArray> ProblemsOfAsync(HttpClient c, long householdId) =>
        (await GetAsync(c, $"/api/v1/problems?householdId={householdId}&pageSize=200"))["items"]!.AsArray();

    private static async Task<long> OnlyProblemAsync(HttpClient c, long householdId, string dimension)
    {
        var items = (await ProblemsOfAsync(c, householdId)).Where(p => p!["dimension"]!.GetValue<string>() == dimension).ToList();
        return Assert.Single(items)!["id"]!.GetValue<long>();
    }

    private static Task<HttpResponseMessage> StepAsync(HttpClient c, long problemId, string transition, int version,
        Action<JsonObject>? fields = null)
    {
        var body = new JsonObject { ["transition"] = transition, ["version"] = version };
        fields?.Invoke(body);
        return c.PostAsJsonAsync($"/api/v1/problems/{problemId}/transitions", body);
    }

    /// <summary>Applies a step that must succeed; returns the problem view.</summary>
    private static async Task<JsonNode> DoAsync(HttpClient c, long problemId, string transition, int version, Action<JsonObject>? fields = null) =>
        await Ok(await StepAsync(c, problemId, transition, version, fields));

    private static void Assignment(JsonObject b) { b["unit"] = "镇住建办"; b["person"] = "王责任"; }

    private static void Resolution(JsonObject b) { b["measure"] = "已落实整改措施"; b["evidenceText"] = "经入户核实已整改到位"; }

    /// <summary>Walks a Pending problem up to <paramref name="until"/> as <paramref name="c"/> (who must hold all permissions).</summary>
    private static async Task<JsonNode> WalkAsync(HttpClient c, long problemId, string until)
    {
        var view = await GetAsync(c, $"/api/v1/problems/{problemId}");
        foreach (var (step, to, fields) in new (string, string, Action<JsonObject>?)[]
                 {
                     ("Assign", "Assigned", Assignment), ("Start", "InProgress", null), ("Resolve", "Resolved", Resolution), ("Verify", "Verified", null),
                 })
        {
            if (view["problem"]!["status"]!.GetValue<string>() == until) break;
            view = await DoAsync(c, problemId, step, view["problem"]!["version"]!.GetValue<int>(), fields);
            Assert.Equal(to, view["problem"]!["status"]!.GetValue<string>());
        }
        Assert.Equal(until, view["problem"]!["status"]!.GetValue<string>());
        return view;
    }

    /// <summary>A 1×1 PNG built from its chunks (signature, IHDR, IDAT with a stored deflate block, IEND).</summary>
    private static byte[] TinyPng()
    {
        static byte[] Chunk(string type, byte[] data)
        {
            var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
            var crcInput = typeBytes.Concat(data).ToArray();
            uint crc = 0xFFFFFFFF;
            foreach (var b in crcInput)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
            crc ^= 0xFFFFFFFF;
            return [.. BigEndian((uint)data.Length), .. typeBytes, .. data, .. BigEndian(crc)];
        }
        static byte[] BigEndian(uint v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];
        byte[] ihdr = [.. BigEndian(1), .. BigEndian(1), 8, 2, 0, 0, 0]; // 1×1, 8-bit RGB
        byte[] raw = [0, 0xFF, 0x00, 0x00];                               // filter 0, one red pixel
        uint a = 1, b2 = 0;
        foreach (var x in raw) { a = (a + x) % 65521; b2 = (b2 + a) % 65521; }
        byte[] zlib = [0x78, 0x01, 0x01, (byte)raw.Length, 0, (byte)~raw.Length, 0xFF, .. raw, .. BigEndian((b2 << 16) | a)];
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", zlib), .. Chunk("IEND", [])];
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient c, byte[] bytes, string fileName, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var form = new MultipartFormDataContent { { content, "file", fileName } };
        return c.PostAsync("/api/v1/files", form);
    }

    private static async Task<int> TotalAsync(HttpClient c, string query) =>
        (await GetAsync(c, "/api/v1/problems?pageSize=1&" + query))["total"]!.GetValue<int>();

    private static async Task<List<IDictionary<string, object>>> ProblemExportAsync(HttpClient c, string query)
    {
        var r = await c.GetAsync("/api/v1/problems/export?" + query);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await r.Content.ReadAsByteArrayAsync());
        return stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
    }

    private static long ExportId(IDictionary<string, object> row) => Convert.ToInt64(row["问题编号"], CultureInfo.InvariantCulture);

    /// <summary>A village of a township no other test uses: the last (or, with 1, the last but one) township of the other county.</summary>
    private async Task<(string Township, string Village)> QuietPlaceAsync(int fromEnd = 0)
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var townships = (await GetAsync(admin, $"/api/v1/regions/{places.OtherCounty}/children")).AsArray()
            .Where(x => x!["hasChildren"]!.GetValue<bool>()).Select(x => x!["code"]!.GetValue<string>()).ToList();
        var township = townships[^(1 + fromEnd)];
        Assert.NotEqual(places.OtherCountyVillage[..9], township);
        var village = (await GetAsync(admin, $"/api/v1/regions/{township}/children")).AsArray()
            .Select(x => x!["code"]!.GetValue<string>()).First(c => c.Length == 12);
        return (township, village);
    }

    // --- 1. the panel ----------------------------------------------------------------------------------------

    [DbFact]
    public async Task The_panel_judges_six_dimensions_with_reasons_and_a_failure_opens_exactly_one_problem()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var h = await RegisterWithAsync(tuqiao, places.HomeVillage, GoodFacts());

        var panel = await PanelAsync(tuqiao, h.Id);
        Assert.Equal(Dimensions, panel.Select(d => d!["dimension"]!.GetValue<string>()));
        Assert.Equal(["Pass", "Pass", "Pass", "Pass", "Pass", "Unknown"], panel.Select(d => d!["verdict"]!.GetValue<string>()));
        Assert.Equal("无6至15周岁义务教育阶段适龄儿童", Dim(panel, "Education")["reason"]!.GetValue<string>());
        var water = Dim(panel, "Water");
        Assert.Equal("信息缺失", water["verdictLabel"]!.GetValue<string>());
        Assert.Equal("未采集：水量、水质、用水方便程度、供水保证率", water["reason"]!.GetValue<string>());
        Assert.Null(water["openProblemId"]);
        Assert.Empty(await ProblemsOfAsync(tuqiao, h.Id));

        // A 10-year-old out of school: the education dimension fails and names the child.
        var childName = NewName();
        var child = Person(childName, IdNumberAged(10), "Son");
        child["schoolStatus"] = "NotInSchool";
        await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/households/{h.Id}/members", new { member = child }), HttpStatusCode.Created);

        panel = await PanelAsync(tuqiao, h.Id);
        var education = Dim(panel, "Education");
        Assert.Equal("Fail", education["verdict"]!.GetValue<string>());
        Assert.Equal("未达标", education["verdictLabel"]!.GetValue<string>());
        Assert.Equal("义务教育", education["dimensionLabel"]!.GetValue<string>());
        Assert.Equal($"成员 {childName}（10岁）非在校生，且无送教上门或健康原因", education["reason"]!.GetValue<string>());
        Assert.Equal("Unknown", Dim(panel, "Water")["verdict"]!.GetValue<string>());
        Assert.Equal("Pass", Dim(panel, "Medical")["verdict"]!.GetValue<string>());

        var problem = Assert.Single(await ProblemsOfAsync(tuqiao, h.Id))!;
        var problemId = problem["id"]!.GetValue<long>();
        Assert.Equal("Education", problem["dimension"]!.GetValue<string>());
        Assert.Equal("Rule", problem["source"]!.GetValue<string>());
        Assert.Equal("Pending", problem["status"]!.GetValue<string>());
        Assert.Equal(education["reason"]!.GetValue<string>(), problem["description"]!.GetValue<string>());
        Assert.Equal(problemId, education["openProblemId"]!.GetValue<long>());
        Assert.Equal("Pending", education["openProblemStatus"]!.GetValue<string>());

        // Saving the household and the child again judges again, but opens no second problem.
        var detail = await GetAsync(tuqiao, $"/api/v1/households/{h.Id}");
        await Ok(await tuqiao.PutAsJsonAsync($"/api/v1/households/{h.Id}",
            new { household = GoodFacts(), version = detail["version"]!.GetValue<int>() }));
        var childView = detail["members"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == childName)!;
        var childId = childView["id"]!.GetValue<long>();
        var saved = await Ok(await tuqiao.PutAsJsonAsync($"/api/v1/members/{childId}",
            new { member = child, version = childView["version"]!.GetValue<int>() }));
        Assert.Equal(problemId, Assert.Single(await ProblemsOfAsync(tuqiao, h.Id))!["id"]!.GetValue<long>());

        // The child goes to school: the panel passes, the problem stays open until a person resolves it.
        child["schoolStatus"] = "Primary";
        await Ok(await tuqiao.PutAsJsonAsync($"/api/v1/members/{childId}", new { member = child, version = saved["version"]!.GetValue<int>() }));
        panel = await PanelAsync(tuqiao, h.Id);
        education = Dim(panel, "Education");
        Assert.Equal("Pass", education["verdict"]!.GetValue<string>());
        Assert.Equal("义务教育阶段适龄儿童1人均在校", education["reason"]!.GetValue<string>());
        Assert.Equal(problemId, education["openProblemId"]!.GetValue<long>());
        var still = await GetAsync(tuqiao, $"/api/v1/problems/{problemId}");
        Assert.Equal("Pending", still["problem"]!["status"]!.GetValue<string>());
        Assert.Single(await ProblemsOfAsync(tuqiao, h.Id));
    }

    [DbFact]
    public async Task A_dangerous_house_and_an_uninsured_member_open_problems_with_severity_and_named_reasons()
    {
        var places = await PlacesAsync();
        var village = await As("village");
        var h = await RegisterWithAsync(village, places.HomeVillage, GoodFacts(f => f["housingGrade"] = "D"), headInsured: false);

        var panel = await PanelAsync(village, h.Id);
        Assert.Equal("Fail", Dim(panel, "Housing")["verdict"]!.GetValue<string>());
        Assert.Contains("危房", Dim(panel, "Housing")["reason"]!.GetValue<string>());
        Assert.Equal($"成员 {h.HeadName} 未参加城乡居民基本医疗保险", Dim(panel, "Medical")["reason"]!.GetValue<string>());

        var problems = await ProblemsOfAsync(village, h.Id);
        Assert.Equal(["Housing", "Medical"], problems.Select(p => p!["dimension"]!.GetValue<string>()).Order());
        Assert.Equal("Urgent", problems.Single(p => p!["dimension"]!.GetValue<string>() == "Housing")!["severity"]!.GetValue<string>());
        Assert.Equal("Normal", problems.Single(p => p!["dimension"]!.GetValue<string>() == "Medical")!["severity"]!.GetValue<string>());
        Assert.All(problems, p => Assert.Equal(h.Number, p!["householdNumber"]!.GetValue<string>()));
    }

    [DbFact]
    public async Task Texts_of_a_problem_are_saved_up_to_their_column_s_length_and_one_character_more_is_refused_naming_the_field()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        // A pending housing problem of a new household, walked to the state whose step is tested.
        async Task<(long Id, int Version)> ProblemAtAsync(string status)
        {
            var h = await RegisterWithAsync(county, places.SecondVillage, GoodFacts(f => f["housingGrade"] = "D"));
            var id = await OnlyProblemAsync(county, h.Id, "Housing");
            return (id, (await WalkAsync(county, id, status))["problem"]!["version"]!.GetValue<int>());
        }

        await TextLimitAsync("description", 500, async t =>
        {
            var h = await RegisterWithAsync(county, places.SecondVillage, GoodFacts());
            return await county.PostAsJsonAsync("/api/v1/problems", new { householdId = h.Id, dimension = "Food", source = "Visit", severity = "Normal", description = t });
        });
        var p = await ProblemAtAsync("Pending");
        await TextLimitAsync("unit", 100, t => StepAsync(county, p.Id, "Assign", p.Version, b => { b["unit"] = t; b["person"] = "王责任"; }));
        p = await ProblemAtAsync("Pending");
        await TextLimitAsync("person", 50, t => StepAsync(county, p.Id, "Assign", p.Version, b => { b["unit"] = "镇住建办"; b["person"] = t; }));
        p = await ProblemAtAsync("Assigned");
        await TextLimitAsync("note", 500, t => StepAsync(county, p.Id, "Start", p.Version, b => b["note"] = t));
        p = await ProblemAtAsync("InProgress");
        await TextLimitAsync("measure", 1000, t => StepAsync(county, p.Id, "Resolve", p.Version, b => { Resolution(b); b["measure"] = t; }));
        p = await ProblemAtAsync("InProgress");
        await TextLimitAsync("evidenceText", 1000, t => StepAsync(county, p.Id, "Resolve", p.Version, b => { Resolution(b); b["evidenceText"] = t; }));
        p = await ProblemAtAsync("Resolved");
        await TextLimitAsync("reason", 500, t => StepAsync(county, p.Id, "Return", p.Version, b => b["reason"] = t));
        p = await ProblemAtAsync("Pending");
        await TextLimitAsync("unit", 100, t => county.PostAsJsonAsync("/api/v1/problems/bulk-assign", new { ids = new[] { p.Id }, unit = t, person = "王责任" }));
        p = await ProblemAtAsync("Pending");
        await TextLimitAsync("person", 50, t => county.PostAsJsonAsync("/api/v1/problems/bulk-assign", new { ids = new[] { p.Id }, unit = "镇住建办", person = t }));
    }

    // --- 2. the whole lifecycle ------------------------------------------------------------------------------

    [DbFact]
    public async Task A_problem_is_walked_through_every_state_by_the_right_roles_with_history_and_audit()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var village = await As("village");
        var h = await RegisterWithAsync(tuqiao, places.HomeVillage, GoodFacts(f => f["housingGrade"] = "D"));
        var id = await OnlyProblemAsync(tuqiao, h.Id, "Housing");

        var view = await GetAsync(village, $"/api/v1/problems/{id}");
        Assert.Empty(view["nextSteps"]!.AsArray()); // the village cannot assign
        Assert.Equal(["Assign"], (await GetAsync(tuqiao, $"/api/v1/problems/{id}"))["nextSteps"]!.AsArray().Select(s => s!.GetValue<string>()));

        // 交办: the deadline defaults from the policy by severity (housing is urgent: 7 days).
        view = await DoAsync(tuqiao, id, "Assign", 1, b => { b["unit"] = "土桥镇住建办"; b["person"] = "李责任"; });
        var p = view["problem"]!;
        Assert.Equal("Assigned", p["status"]!.GetValue<string>());
        Assert.Equal("Urgent", p["severity"]!.GetValue<string>());
        Assert.Equal("土桥镇住建办", p["assignedUnit"]!.GetValue<string>());
        Assert.Equal("李责任", p["assignedPerson"]!.GetValue<string>());
        Assert.Equal(ChinaToday.AddDays(7).ToString("yyyy-MM-dd"), p["deadline"]!.GetValue<string>());
        Assert.False(p["isOverdue"]!.GetValue<bool>());
        Assert.Equal(2, p["version"]!.GetValue<int>());

        view = await DoAsync(village, id, "Start", 2, b => b["note"] = "已联系施工队");
        Assert.Equal("InProgress", view["problem"]!["status"]!.GetValue<string>());

        // Evidence photo: a real PNG, uploaded by the village.
        var png = TinyPng();
        var photo = await Ok(await UploadAsync(village, png, "现场.png", "image/png"), HttpStatusCode.Created);
        var photoId = photo["id"]!.GetValue<string>();
        view = await DoAsync(village, id, "Resolve", 3, b =>
        {
            b["measure"] = "危房改造完成，已搬入新房";
            b["evidenceText"] = "住房鉴定为A级";
            b["photoIds"] = new JsonArray(photoId);
        });
        Assert.Equal("Resolved", view["problem"]!["status"]!.GetValue<string>());
        Assert.Equal("危房改造完成，已搬入新房", view["measure"]!.GetValue<string>());
        Assert.Equal("住房鉴定为A级", view["evidenceText"]!.GetValue<string>());
        Assert.Equal("village", view["resolvedBy"]!.GetValue<string>());
        Assert.NotNull(view["resolvedAt"]);
        var shown = Assert.Single(view["photos"]!.AsArray())!;
        Assert.Equal(photoId, shown["id"]!.GetValue<string>());
        Assert.Equal("image/png", shown["contentType"]!.GetValue<string>());
        // The township reviewing the case can open the photo.
        var image = await tuqiao.GetAsync(shown["url"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync());

        // 退回: back to 整改中, the resolution time cleared.
        view = await DoAsync(tuqiao, id, "Return", 4, b => b["reason"] = "照片不能反映新房情况");
        Assert.Equal("InProgress", view["problem"]!["status"]!.GetValue<string>());
        Assert.Null(view["resolvedAt"]);
        Assert.Null(view["resolvedBy"]);
        Assert.Equal("照片不能反映新房情况", view["returnReason"]!.GetValue<string>());
        Assert.Equal(1, view["returnCount"]!.GetValue<int>());

        view = await DoAsync(village, id, "Resolve", 5, b => { b["measure"] = "补拍新房照片"; b["evidenceText"] = "附新房内外照片"; b["photoIds"] = new JsonArray(photoId); });
        Assert.Equal("Resolved", view["problem"]!["status"]!.GetValue<string>());
        Assert.NotNull(view["resolvedAt"]);

        view = await DoAsync(tuqiao, id, "Verify", 6);
        Assert.Equal("Verified", view["problem"]!["status"]!.GetValue<string>());
        Assert.Equal("tuqiao", view["verifiedBy"]!.GetValue<string>());
        Assert.NotNull(view["verifiedAt"]);
        Assert.Equal(7, view["problem"]!["version"]!.GetValue<int>());
        Assert.Empty(view["nextSteps"]!.AsArray());

        // Every step is in the history, with who did it.
        var history = view["history"]!.AsArray();
        Assert.Equal(
            [("", "Pending", "系统研判"), ("Pending", "Assigned", "tuqiao"), ("Assigned", "InProgress", "village"), ("InProgress", "Resolved", "village"),
             ("Resolved", "InProgress", "tuqiao"), ("InProgress", "Resolved", "village"), ("Resolved", "Verified", "tuqiao")],
            history.Select(e => (e!["from"]?.GetValue<string>() ?? "", e["to"]!.GetValue<string>(), e["by"]!.GetValue<string>())));
        Assert.Contains("李责任", history[1]!["note"]!.GetValue<string>());
        Assert.Equal("已联系施工队", history[2]!["note"]!.GetValue<string>());
        Assert.Contains("危房改造完成", history[3]!["note"]!.GetValue<string>());
        Assert.Contains("照片不能反映新房情况", history[4]!["note"]!.GetValue<string>());

        // The panel no longer links the verified problem.
        Assert.Null(Dim(await PanelAsync(tuqiao, h.Id), "Housing")["openProblemId"]);

        // Audited: the opening and each of the six steps, by the people who took them.
        var audit = (await GetAsync(await As("tl_admin"), $"/api/v1/audit?householdId={h.Id}&entityType=Problem&pageSize=200"))["items"]!.AsArray()
            .Where(a => a!["entityId"]!.GetValue<string>() == id.ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(7, audit.Count);
        Assert.Single(audit, a => a!["action"]!.GetValue<string>() == "Create");
        Assert.Equal(3, audit.Count(a => a!["userName"]!.GetValue<string>() == "village"));
        Assert.Equal(4, audit.Count(a => a!["userName"]!.GetValue<string>() == "tuqiao"));
        Assert.Contains(audit, a => a!["summary"]!.GetValue<string>().Contains("已核验", StringComparison.Ordinal));
    }

    // --- 3. refusals -------------------------------------------------------------------------------------------

    [DbFact]
    public async Task Illegal_transitions_wrong_roles_stale_versions_and_missing_evidence_are_refused()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var village = await As("village");
        var cadre = await As("cadre");
        var auditor = await As("auditor");
        var h = await RegisterWithAsync(tuqiao, places.HomeVillage, GoodFacts(f => f["housingGrade"] = "C"));
        var id = await OnlyProblemAsync(tuqiao, h.Id, "Housing");
        await PairWithDemoCadreAsync(h.Id);

        // Not from 待交办.
        var p = await Problem(await StepAsync(tuqiao, id, "Verify", 1), HttpStatusCode.Conflict);
        Assert.Contains("待交办", p["title"]!.GetValue<string>());
        await Problem(await StepAsync(tuqiao, id, "Return", 1, b => b["reason"] = "不行"), HttpStatusCode.Conflict);
        await Problem(await StepAsync(village, id, "Start", 1), HttpStatusCode.Conflict);
        await Problem(await StepAsync(village, id, "Resolve", 1, Resolution), HttpStatusCode.Conflict);

        // Wrong roles.
        p = await Problem(await StepAsync(village, id, "Assign", 1, Assignment), HttpStatusCode.Forbidden);
        Assert.Contains("交办", p["title"]!.GetValue<string>());
        await Problem(await StepAsync(cadre, id, "Assign", 1, Assignment), HttpStatusCode.Forbidden);
        foreach (var step in new[] { "Assign", "Start", "Resolve", "Verify", "Return" })
            await Problem(await StepAsync(auditor, id, step, 1, b => { Assignment(b); Resolution(b); b["reason"] = "审计"; }), HttpStatusCode.Forbidden);
        await Problem(await auditor.PostAsJsonAsync("/api/v1/problems",
            new { householdId = h.Id, dimension = "Food", source = "Visit", severity = "Normal", description = "审计人员登记问题" }), HttpStatusCode.Forbidden);
        await Problem(await auditor.PostAsJsonAsync("/api/v1/problems/bulk-assign", new { ids = new[] { id }, unit = "单位", person = "某人" }),
            HttpStatusCode.Forbidden);

        // Stale version; missing or past assignment fields.
        p = await Problem(await StepAsync(tuqiao, id, "Assign", 2, Assignment), HttpStatusCode.Conflict);
        Assert.Contains("刷新", p["title"]!.GetValue<string>());
        await FieldError(await StepAsync(tuqiao, id, "Assign", 1, b => b["person"] = "王责任"), "unit");
        await FieldError(await StepAsync(tuqiao, id, "Assign", 1, b => b["unit"] = "镇住建办"), "person");
        Assert.Contains("早于今天", await FieldError(await StepAsync(tuqiao, id, "Assign", 1, b =>
        {
            Assignment(b);
            b["deadline"] = ChinaToday.AddDays(-1).ToString("yyyy-MM-dd");
        }), "deadline"));

        // Nothing moved.
        var view = await GetAsync(tuqiao, $"/api/v1/problems/{id}");
        Assert.Equal(1, view["problem"]!["version"]!.GetValue<int>());
        Assert.Single(view["history"]!.AsArray());

        // An explicit deadline is kept.
        view = await DoAsync(tuqiao, id, "Assign", 1, b => { Assignment(b); b["deadline"] = ChinaToday.AddDays(3).ToString("yyyy-MM-dd"); });
        Assert.Equal(ChinaToday.AddDays(3).ToString("yyyy-MM-dd"), view["problem"]!["deadline"]!.GetValue<string>());
        await Problem(await StepAsync(tuqiao, id, "Assign", 2, Assignment), HttpStatusCode.Conflict);

        // Start twice: the second is refused, with the current version and with the stale one.
        await DoAsync(cadre, id, "Start", 2);
        await Problem(await StepAsync(village, id, "Start", 3), HttpStatusCode.Conflict);
        await Problem(await StepAsync(village, id, "Start", 2), HttpStatusCode.Conflict);
        await Problem(await StepAsync(tuqiao, id, "Verify", 3), HttpStatusCode.Conflict);

        // A resolution needs a measure and evidence; photos must exist.
        Assert.Contains("整改措施", await FieldError(await StepAsync(village, id, "Resolve", 3, b => b["evidenceText"] = "有照片"), "measure"));
        await FieldError(await StepAsync(village, id, "Resolve", 3, b => { b["measure"] = "   "; b["evidenceText"] = "有照片"; }), "measure");
        Assert.Contains("佐证", await FieldError(await StepAsync(village, id, "Resolve", 3, b => b["measure"] = "已加固"), "evidenceText"));
        await FieldError(await StepAsync(village, id, "Resolve", 3, b => { Resolution(b); b["photoIds"] = new JsonArray("0123456789abcdef0123456789abcdef"); }),
            "photoIds");

        // Only JPEG or PNG content is stored, whatever the name says.
        var text = System.Text.Encoding.UTF8.GetBytes("这不是照片，只是改了扩展名的文本文件");
        Assert.Contains("JPEG", await FieldError(await UploadAsync(village, text, "photo.jpg", "image/jpeg"), "file"));
        await FieldError(await UploadAsync(village, [], "empty.png", "image/png"), "file");

        view = await GetAsync(village, $"/api/v1/problems/{id}");
        Assert.Equal("InProgress", view["problem"]!["status"]!.GetValue<string>());
        Assert.Equal(3, view["problem"]!["version"]!.GetValue<int>());

        // The cadre resolves but may not verify; the village may not verify or return either.
        await DoAsync(cadre, id, "Resolve", 3, Resolution);
        await Problem(await StepAsync(cadre, id, "Verify", 4), HttpStatusCode.Forbidden);
        await Problem(await StepAsync(village, id, "Verify", 4), HttpStatusCode.Forbidden);
        await Problem(await StepAsync(village, id, "Return", 4, b => b["reason"] = "重做"), HttpStatusCode.Forbidden);
        Assert.Contains("退回原因", await FieldError(await StepAsync(tuqiao, id, "Return", 4), "reason"));
        await DoAsync(tuqiao, id, "Verify", 4);

        // Verified is final.
        foreach (var step in new[] { "Assign", "Start", "Resolve", "Verify", "Return" })
            await Problem(await StepAsync(tuqiao, id, step, 5, b => { Assignment(b); Resolution(b); b["reason"] = "再看看"; }), HttpStatusCode.Conflict);
        Assert.Equal(5, (await GetAsync(tuqiao, $"/api/v1/problems/{id}"))["history"]!.AsArray().Count);
    }

    [DbFact]
    public async Task Simultaneous_steps_on_one_problem_and_simultaneous_reports_let_exactly_one_win()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var county = await As("tl_admin");
        var h = await RegisterWithAsync(tuqiao, places.HomeVillage, GoodFacts(f => f["housingGrade"] = "D"));
        var id = await OnlyProblemAsync(tuqiao, h.Id, "Housing");

        var answers = await Task.WhenAll(
            StepAsync(tuqiao, id, "Assign", 1, b => { b["unit"] = "甲单位"; b["person"] = "甲某"; }),
            StepAsync(county, id, "Assign", 1, b => { b["unit"] = "乙单位"; b["person"] = "乙某"; }));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var view = await GetAsync(tuqiao, $"/api/v1/problems/{id}");
        Assert.Equal(2, view["problem"]!["version"]!.GetValue<int>());
        Assert.Equal(2, view["history"]!.AsArray().Count);
        var winner = answers.Single(a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal((await Ok(winner))["problem"]!["assignedPerson"]!.GetValue<string>(), view["problem"]!["assignedPerson"]!.GetValue<string>());

        var reports = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => (i == 0 ? tuqiao : county).PostAsJsonAsync("/api/v1/problems",
            new { householdId = h.Id, dimension = "Water", source = "Complaint", severity = "Normal", description = $"群众反映饮水困难{i}" })));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], reports.Select(a => a.StatusCode).Order());
        Assert.Equal(1, await TotalAsync(tuqiao, $"householdId={h.Id}&dimension=Water"));
    }

    // --- 4. problems opened by hand ----------------------------------------------------------------------------

    [DbFact]
    public async Task A_problem_opened_by_hand_is_one_per_household_and_dimension_and_never_of_source_rule()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var village = await As("village");
        var h = await RegisterWithAsync(tuqiao, places.HomeVillage, GoodFacts());
        Assert.Empty(await ProblemsOfAsync(tuqiao, h.Id));

        object Body(string dimension, string source, string description = "入户走访发现家中存粮不足") =>
            new { householdId = h.Id, dimension, source, severity = "Urgent", description };

        var created = await Ok(await village.PostAsJsonAsync("/api/v1/problems", Body("Food", "Visit")), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<long>();
        Assert.Equal("Visit", created["source"]!.GetValue<string>());
        Assert.Equal("Pending", created["status"]!.GetValue<string>());
        Assert.Equal("Urgent", created["severity"]!.GetValue<string>());
        Assert.Equal("Food", created["dimension"]!.GetValue<string>());
        var view = await GetAsync(tuqiao, $"/api/v1/problems/{id}");
        var opened = Assert.Single(view["history"]!.AsArray())!;
        Assert.Equal("village", opened["by"]!.GetValue<string>());
        Assert.Contains("入户走访", opened["note"]!.GetValue<string>());

        // A second open problem of the same household and dimension is refused and points to the first.
        var conflict = await Problem(await tuqiao.PostAsJsonAsync("/api/v1/problems", Body("Food", "Complaint", "12317热线反映缺粮")), HttpStatusCode.Conflict);
        Assert.Contains(id.ToString(CultureInfo.InvariantCulture), conflict["title"]!.GetValue<string>());
        // Another dimension is fine; the rule source and bad fields are not.
        await Ok(await tuqiao.PostAsJsonAsync("/api/v1/problems", Body("Clothing", "Inspection", "暗访发现冬季被褥不足")), HttpStatusCode.Created);
        await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/problems", Body("Water", "Rule", "系统研判发现饮水问题")), "source");
        await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/problems", Body("Water", "DepartmentData", "短")), "description");
        await Problem(await tuqiao.PostAsJsonAsync("/api/v1/problems", new { householdId = 987654321L, dimension = "Water", source = "Visit", severity = "Normal", description = "不存在的户" }),
            HttpStatusCode.NotFound);
        Assert.Equal(["Clothing", "Food"], (await ProblemsOfAsync(tuqiao, h.Id)).Select(p => p!["dimension"]!.GetValue<string>()).Order());
        Assert.Equal(1, await TotalAsync(tuqiao, $"householdId={h.Id}&source=Visit"));
        Assert.Equal(1, await TotalAsync(tuqiao, $"householdId={h.Id}&source=Inspection"));
        Assert.Equal(0, await TotalAsync(tuqiao, $"householdId={h.Id}&source=Rule"));

        // An open manual housing problem also stops the rules from opening a second one when the data fails.
        await Ok(await tuqiao.PostAsJsonAsync("/api/v1/problems", Body("Housing", "DepartmentData", "住建部门数据显示房屋开裂")), HttpStatusCode.Created);
        var detail = await GetAsync(tuqiao, $"/api/v1/households/{h.Id}");
        await Ok(await tuqiao.PutAsJsonAsync($"/api/v1/households/{h.Id}",
            new { household = GoodFacts(f => f["housingGrade"] = "D"), version = detail["version"]!.GetValue<int>() }));
        Assert.Equal("Fail", Dim(await PanelAsync(tuqiao, h.Id), "Housing")["verdict"]!.GetValue<string>());
        var housing = Assert.Single(await ProblemsOfAsync(tuqiao, h.Id), p => p!["dimension"]!.GetValue<string>() == "Housing")!;
        Assert.Equal("DepartmentData", housing["source"]!.GetValue<string>());

        // A rule problem blocks a manual one of its dimension too; once verified, a new one may be opened.
        var other = await RegisterWithAsync(tuqiao, places.HomeVillage, GoodFacts(), headInsured: false);
        var ruleProblem = await OnlyProblemAsync(tuqiao, other.Id, "Medical");
        conflict = await Problem(await tuqiao.PostAsJsonAsync("/api/v1/problems",
            new { householdId = other.Id, dimension = "Medical", source = "Visit", severity = "Normal", description = "走访发现未参保" }), HttpStatusCode.Conflict);
        Assert.Contains(ruleProblem.ToString(CultureInfo.InvariantCulture), conflict["title"]!.GetValue<string>());
        await WalkAsync(tuqiao, id, "Verified");
        await Ok(await village.PostAsJsonAsync("/api/v1/problems", Body("Food", "Complaint", "群众再次反映缺粮")), HttpStatusCode.Created);
        Assert.Equal(2, await TotalAsync(tuqiao, $"householdId={h.Id}&dimension=Food"));
    }

    // --- 5. scope --------------------------------------------------------------------------------------------------

    [DbFact]
    public async Task A_township_sees_only_its_own_problems_and_bulletin_rows_and_the_county_ranks_its_townships()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var tuqiao = await As("tuqiao");
        var village = await As("village");
        var dangerous = GoodFacts(f => f["housingGrade"] = "D");
        var home = await RegisterWithAsync(admin, places.HomeVillage, dangerous);
        var second = await RegisterWithAsync(admin, places.SecondVillage, dangerous);
        var otherTownship = await RegisterWithAsync(admin, places.OtherTownshipVillage, dangerous);
        var otherCounty = await RegisterWithAsync(admin, places.OtherCountyVillage, dangerous);
        var ids = new List<long>();
        foreach (var h in new[] { home, second, otherTownship, otherCounty }) ids.Add(await OnlyProblemAsync(admin, h.Id, "Housing"));

        // List, detail, transitions.
        Assert.Equal(1, await TotalAsync(tuqiao, $"householdId={home.Id}"));
        Assert.Equal(1, await TotalAsync(tuqiao, $"householdId={second.Id}"));
        // A household outside the scope answers 404 like its detail page (an empty list would tell it exists).
        await Problem(await tuqiao.GetAsync($"/api/v1/problems?householdId={otherTownship.Id}"), HttpStatusCode.NotFound);
        await Problem(await tuqiao.GetAsync($"/api/v1/problems?householdId={otherCounty.Id}"), HttpStatusCode.NotFound);
        Assert.Equal(0, await TotalAsync(tuqiao, $"region={places.OtherTownship}"));
        var all = (await GetAsync(tuqiao, "/api/v1/problems?pageSize=200"))["items"]!.AsArray();
        Assert.NotEmpty(all);
        Assert.All(all, p => Assert.StartsWith(Township, p!["villageCode"]!.GetValue<string>()));
        foreach (var far in ids.Skip(2))
        {
            await Problem(await tuqiao.GetAsync($"/api/v1/problems/{far}"), HttpStatusCode.NotFound);
            await Problem(await StepAsync(tuqiao, far, "Assign", 1, Assignment), HttpStatusCode.NotFound);
        }
        await Problem(await village.GetAsync($"/api/v1/problems/{ids[1]}"), HttpStatusCode.NotFound);
        await Problem(await StepAsync(village, ids[1], "Start", 1), HttpStatusCode.NotFound);
        await Problem(await village.GetAsync($"/api/v1/problems?householdId={second.Id}"), HttpStatusCode.NotFound);
        await Problem(await tuqiao.GetAsync($"/api/v1/households/{otherTownship.Id}/guarantees"), HttpStatusCode.NotFound);
        await Problem(await tuqiao.PostAsJsonAsync("/api/v1/problems",
            new { householdId = otherTownship.Id, dimension = "Food", source = "Visit", severity = "Normal", description = "越权登记的问题" }), HttpStatusCode.NotFound);
        // The refused transition changed nothing.
        Assert.Equal("Pending", (await GetAsync(admin, $"/api/v1/problems/{ids[2]}"))["problem"]!["status"]!.GetValue<string>());

        // Export rows.
        var exported = (await ProblemExportAsync(tuqiao, "")).Select(ExportId).ToHashSet();
        Assert.Contains(ids[0], exported);
        Assert.Contains(ids[1], exported);
        Assert.DoesNotContain(ids[2], exported);
        Assert.DoesNotContain(ids[3], exported);

        // The township's bulletin: its own villages only; other regions are not found.
        var bulletin = await GetAsync(tuqiao, "/api/v1/bulletins");
        Assert.Equal(Township, bulletin["regionCode"]!.GetValue<string>());
        var rows = bulletin["bySubRegion"]!.AsArray();
        Assert.All(rows, r => Assert.StartsWith(Township, r!["key"]!.GetValue<string>()));
        Assert.Contains(rows, r => r!["key"]!.GetValue<string>() == places.HomeVillage);
        Assert.Contains(rows, r => r!["key"]!.GetValue<string>() == places.SecondVillage);
        Assert.True(rows.Single(r => r!["key"]!.GetValue<string>() == places.SecondVillage)!["figures"]!["outstanding"]!.GetValue<int>() >= 1);
        Assert.Equal(await TotalAsync(tuqiao, "measure=Outstanding"), bulletin["totals"]!["outstanding"]!.GetValue<int>());
        await Problem(await tuqiao.GetAsync($"/api/v1/bulletins?region={places.OtherTownship}"), HttpStatusCode.NotFound);
        await Problem(await tuqiao.GetAsync($"/api/v1/bulletins?region={County}"), HttpStatusCode.NotFound);
        await Problem(await tuqiao.GetAsync($"/api/v1/bulletins/export?region={places.OtherCounty}"), HttpStatusCode.NotFound);

        // The county's bulletin ranks its townships, worst first.
        var county = await GetAsync(await As("tl_admin"), $"/api/v1/bulletins?region={County}");
        Assert.Contains("两不愁三保障问题动态清零", county["title"]!.GetValue<string>());
        var townships = county["bySubRegion"]!.AsArray();
        Assert.All(townships, r => Assert.Equal(9, r!["key"]!.GetValue<string>().Length));
        Assert.Equal(Enumerable.Range(1, townships.Count), townships.Select(r => r!["rank"]!.GetValue<int>()));
        for (var i = 1; i < townships.Count; i++)
        {
            var (a, b) = (townships[i - 1]!["figures"]!, townships[i]!["figures"]!);
            var order = b["overdue"]!.GetValue<int>().CompareTo(a["overdue"]!.GetValue<int>());
            if (order == 0) order = b["outstanding"]!.GetValue<int>().CompareTo(a["outstanding"]!.GetValue<int>());
            Assert.True(order <= 0, $"rank {i} before rank {i + 1}: {a.ToJsonString()} / {b.ToJsonString()}");
        }
        int RankOf(string code) => townships.Single(r => r!["key"]!.GetValue<string>() == code)!["rank"]!.GetValue<int>();
        var quiet = townships.Where(r => r!["figures"]!["outstanding"]!.GetValue<int>() == 0).ToList();
        Assert.NotEmpty(quiet);
        Assert.True(RankOf(Township) < quiet.Min(r => r!["rank"]!.GetValue<int>()));
        Assert.True(RankOf(places.OtherTownship) < quiet.Min(r => r!["rank"]!.GetValue<int>()));
        Assert.DoesNotContain(townships, r => r!["key"]!.GetValue<string>().StartsWith(places.OtherCounty, StringComparison.Ordinal));
    }

    // --- 6. bulletin = list --------------------------------------------------------------------------------------

    [DbFact]
    public async Task Bulletin_figures_equal_the_problem_list_for_the_same_region_period_and_measure()
    {
        var (township, village) = await QuietPlaceAsync();
        var admin = await As("admin");
        var a = await RegisterWithAsync(admin, village, GoodFacts(f => f["housingGrade"] = "D"), headInsured: false); // housing + medical
        var b = await RegisterWithAsync(admin, village, GoodFacts(f => f["housingGrade"] = "D"));                     // housing
        var c = await RegisterWithAsync(admin, village, GoodFacts(f => f["foodSecure"] = false));                     // food
        await Ok(await admin.PostAsJsonAsync("/api/v1/problems",
            new { householdId = b.Id, dimension = "Clothing", source = "Visit", severity = "Minor", description = "走访发现缺少冬衣" }), HttpStatusCode.Created);

        await WalkAsync(admin, await OnlyProblemAsync(admin, a.Id, "Housing"), "Verified");
        await WalkAsync(admin, await OnlyProblemAsync(admin, a.Id, "Medical"), "Resolved");
        await DoAsync(admin, await OnlyProblemAsync(admin, b.Id, "Housing"), "Assign", 1,
            f => { Assignment(f); f["deadline"] = ChinaToday.AddDays(20).ToString("yyyy-MM-dd"); });
        var food = await OnlyProblemAsync(admin, c.Id, "Food");
        await WalkAsync(admin, food, "Resolved");
        await DoAsync(admin, food, "Return", 4, f => f["reason"] = "证据不足"); // a returned resolution is not counted as resolved

        var month = ChinaToday.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var todayTime = ChinaToday.ToDateTime(TimeOnly.MinValue);
        var week = $"{ISOWeek.GetYear(todayTime)}-W{ISOWeek.GetWeekOfYear(todayTime):00}";

        var bulletin = await GetAsync(admin, $"/api/v1/bulletins?region={township}&period={month}");
        Assert.Equal(month, bulletin["period"]!.GetValue<string>());
        Assert.False(bulletin["isWeek"]!.GetValue<bool>());
        var totals = bulletin["totals"]!;
        Assert.Equal([5, 2, 1, 4, 0], Measures.Select(m => totals[Camel(m)]!.GetValue<int>()));
        Assert.Equal(20.0, totals["clearingRate"]!.GetValue<double>());
        Assert.Equal(0, bulletin["previousTotals"]!["found"]!.GetValue<int>());
        var housingRow = bulletin["byDimension"]!.AsArray().Single(r => r!["key"]!.GetValue<string>() == "Housing")!["figures"]!;
        Assert.Equal([2, 1, 1, 1, 0], Measures.Select(m => housingRow[Camel(m)]!.GetValue<int>()));

        foreach (var period in new[] { month, week })
        {
            var bl = await GetAsync(admin, $"/api/v1/bulletins?region={township}&period={period}");
            Assert.Equal(period, bl["period"]!.GetValue<string>());
            foreach (var m in Measures)
            {
                var query = $"region={township}&period={period}&measure={m}";
                Assert.Equal(bl["totals"]![Camel(m)]!.GetValue<int>(), await TotalAsync(admin, query));
                foreach (var row in bl["byDimension"]!.AsArray())
                    Assert.Equal(row!["figures"]![Camel(m)]!.GetValue<int>(), await TotalAsync(admin, $"{query}&dimension={row["key"]!.GetValue<string>()}"));
                foreach (var row in bl["bySubRegion"]!.AsArray())
                    Assert.Equal(row!["figures"]![Camel(m)]!.GetValue<int>(),
                        await TotalAsync(admin, $"region={row["key"]!.GetValue<string>()}&period={period}&measure={m}"));
            }
        }
        // Figures are within the period: last year's same month counts nothing.
        var lastYear = ChinaToday.AddYears(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var old = await GetAsync(admin, $"/api/v1/bulletins?region={township}&period={lastYear}");
        Assert.Equal([0, 0, 0, 0, 0], Measures.Select(m => old["totals"]![Camel(m)]!.GetValue<int>()));
        Assert.Equal(0, await TotalAsync(admin, $"region={township}&period={lastYear}&measure=Found"));
    }

    [DbFact]
    public async Task Overdue_problems_count_alike_in_the_list_the_detail_the_export_and_the_bulletin()
    {
        var (township, village) = await QuietPlaceAsync(fromEnd: 1);
        var places = await PlacesAsync();
        var admin = await As("admin");
        var today = ChinaToday.ToString("yyyy-MM-dd");
        var ids = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            var h = await RegisterWithAsync(admin, village, GoodFacts(f => f["housingGrade"] = "D"));
            ids.Add(await OnlyProblemAsync(admin, h.Id, "Housing"));
        }
        // 0: assigned, due today; 1: in progress, due today; 2: due today but resolved; 3: due in 30 days.
        await DoAsync(admin, ids[0], "Assign", 1, f => { Assignment(f); f["deadline"] = today; });
        await DoAsync(admin, ids[1], "Assign", 1, f => { Assignment(f); f["deadline"] = today; });
        await DoAsync(admin, ids[1], "Start", 2);
        await DoAsync(admin, ids[2], "Assign", 1, f => { Assignment(f); f["deadline"] = today; });
        await DoAsync(admin, ids[2], "Start", 2);
        await DoAsync(admin, ids[2], "Resolve", 3, Resolution);
        await DoAsync(admin, ids[3], "Assign", 1, f => { Assignment(f); f["deadline"] = ChinaToday.AddDays(30).ToString("yyyy-MM-dd"); });

        // Today nothing is overdue yet (the deadline day itself is allowed).
        Assert.Equal(0, await TotalAsync(admin, $"region={township}&overdue=true"));
        Assert.Equal(0, (await GetAsync(admin, $"/api/v1/bulletins?region={township}"))["totals"]!["overdue"]!.GetValue<int>());

        // Ten days later.
        await using var later = Later(10);
        using var c = later.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await Ok(await c.PostAsJsonAsync("/api/v1/auth/login",
            new { username = "admin", password = Jingzhun.Web.Modules.Registry.DemoData.DemoSeeder.DemoPassword }));
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());

        var overdue = (await GetAsync(c, $"/api/v1/problems?region={township}&overdue=true&pageSize=200"))["items"]!.AsArray();
        Assert.Equal([ids[0], ids[1]], overdue.Select(p => p!["id"]!.GetValue<long>()).Order());
        Assert.All(overdue, p => Assert.True(p!["isOverdue"]!.GetValue<bool>()));
        Assert.All(overdue, p => Assert.Equal(10, p!["overdueDays"]!.GetValue<int>()));
        var detail = await GetAsync(c, $"/api/v1/problems/{ids[2]}");
        Assert.False(detail["problem"]!["isOverdue"]!.GetValue<bool>());
        var rows = await ProblemExportAsync(c, $"region={township}");
        Assert.Equal([ids[0], ids[1]], rows.Where(r => (string)r["是否逾期"] == "是").Select(ExportId).Order());

        var laterDay = ChinaToday.AddDays(10).ToDateTime(TimeOnly.MinValue);
        var periods = new[] { laterDay.ToString("yyyy-MM", CultureInfo.InvariantCulture), $"{ISOWeek.GetYear(laterDay)}-W{ISOWeek.GetWeekOfYear(laterDay):00}" };
        foreach (var period in periods)
        {
            var bulletin = await GetAsync(c, $"/api/v1/bulletins?region={township}&period={period}");
            Assert.Equal(2, bulletin["totals"]!["overdue"]!.GetValue<int>());
            Assert.Equal(4, bulletin["totals"]!["outstanding"]!.GetValue<int>());
            foreach (var m in Measures)
            {
                Assert.Equal(bulletin["totals"]![Camel(m)]!.GetValue<int>(), await TotalAsync(c, $"region={township}&period={period}&measure={m}"));
                foreach (var row in bulletin["byDimension"]!.AsArray())
                    Assert.Equal(row!["figures"]![Camel(m)]!.GetValue<int>(),
                        await TotalAsync(c, $"region={township}&period={period}&measure={m}&dimension={row["key"]!.GetValue<string>()}"));
            }
        }
        // The township with overdue problems heads its county's ranking.
        var county = await GetAsync(c, $"/api/v1/bulletins?region={places.OtherCounty}&period={periods[0]}");
        var first = county["bySubRegion"]!.AsArray()[0]!;
        Assert.Equal(township, first["key"]!.GetValue<string>());
        Assert.Equal(1, first["rank"]!.GetValue<int>());
        Assert.Equal(2, first["figures"]!["overdue"]!.GetValue<int>());
    }

    private static string Camel(string s) => char.ToLowerInvariant(s[0]) + s[1..];

    // --- 7. bulk assignment -----------------------------------------------------------------------------------------

    [DbFact]
    public async Task Bulk_assignment_assigns_the_pending_problems_and_reports_the_others_as_skipped()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var admin = await As("admin");
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var h = await RegisterWithAsync(tuqiao, places.HomeVillage, GoodFacts(f => f["housingGrade"] = "D"));
            ids.Add(await OnlyProblemAsync(tuqiao, h.Id, "Housing"));
        }
        var far = await RegisterWithAsync(admin, places.OtherTownshipVillage, GoodFacts(f => f["housingGrade"] = "D"));
        var farId = await OnlyProblemAsync(admin, far.Id, "Housing");
        await DoAsync(tuqiao, ids[2], "Assign", 1, Assignment);

        await Problem(await (await As("village")).PostAsJsonAsync("/api/v1/problems/bulk-assign",
            new { ids = ids.Take(2), unit = "村委会", person = "张村长" }), HttpStatusCode.Forbidden);
        await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/problems/bulk-assign", new { ids = Array.Empty<long>(), unit = "镇民政办", person = "赵民政" }), "ids");
        await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/problems/bulk-assign", new { ids, unit = "", person = "赵民政" }), "unit");
        await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/problems/bulk-assign",
            new { ids, unit = "镇民政办", person = "赵民政", deadline = ChinaToday.AddDays(-1).ToString("yyyy-MM-dd") }), "deadline");

        var result = await Ok(await tuqiao.PostAsJsonAsync("/api/v1/problems/bulk-assign",
            new { ids = new[] { ids[0], ids[1], ids[2], farId }, unit = "镇民政办", person = "赵民政" }));
        Assert.Equal(2, result["assigned"]!.GetValue<int>());
        var skipped = result["skipped"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.Equal(2, skipped.Count);
        Assert.Contains(skipped, s => s.Contains(ids[2].ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) && s.Contains("已交办", StringComparison.Ordinal));
        Assert.Contains(skipped, s => s.Contains(farId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) && s.Contains("管辖范围", StringComparison.Ordinal));

        foreach (var id in ids.Take(2))
        {
            var v = await GetAsync(tuqiao, $"/api/v1/problems/{id}");
            Assert.Equal("Assigned", v["problem"]!["status"]!.GetValue<string>());
            Assert.Equal("镇民政办", v["problem"]!["assignedUnit"]!.GetValue<string>());
            Assert.Equal("赵民政", v["problem"]!["assignedPerson"]!.GetValue<string>());
            Assert.Equal(ChinaToday.AddDays(7).ToString("yyyy-MM-dd"), v["problem"]!["deadline"]!.GetValue<string>());
            Assert.Equal("tuqiao", v["history"]!.AsArray().Last()!["by"]!.GetValue<string>());
        }
        // The one already assigned kept its assignment; the one out of scope is untouched.
        Assert.Equal("王责任", (await GetAsync(tuqiao, $"/api/v1/problems/{ids[2]}"))["problem"]!["assignedPerson"]!.GetValue<string>());
        Assert.Equal("Pending", (await GetAsync(admin, $"/api/v1/problems/{farId}"))["problem"]!["status"]!.GetValue<string>());
        // The responsible filter finds them.
        Assert.True(await TotalAsync(tuqiao, "responsible=赵民政&status=Assigned") >= 2);
        await Problem(await tuqiao.GetAsync($"/api/v1/problems?responsible=赵民政&householdId={far.Id}"), HttpStatusCode.NotFound);
    }

    // --- 8. sweep job ------------------------------------------------------------------------------------------------

    [DbFact]
    public async Task A_sweep_re_judges_a_village_as_a_background_job_and_reports_the_count()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var tuqiao = await As("tuqiao");
        // A problem verified while the data still fails: only a sweep (or a change) judges it again.
        var h = await RegisterWithAsync(admin, places.SecondVillage, GoodFacts(f => f["housingGrade"] = "D"));
        await WalkAsync(tuqiao, await OnlyProblemAsync(tuqiao, h.Id, "Housing"), "Verified");
        Assert.Equal(0, await TotalAsync(tuqiao, $"householdId={h.Id}&status=Pending"));

        await Problem(await (await As("village")).PostAsJsonAsync("/api/v1/guarantees/sweeps", new { region = places.HomeVillage }), HttpStatusCode.Forbidden);
        await Problem(await (await As("auditor")).PostAsJsonAsync("/api/v1/guarantees/sweeps", new { region = places.SecondVillage }), HttpStatusCode.Forbidden);
        await Problem(await tuqiao.PostAsJsonAsync("/api/v1/guarantees/sweeps", new { region = places.OtherTownship }), HttpStatusCode.NotFound);
        await FieldError(await tuqiao.PostAsJsonAsync("/api/v1/guarantees/sweeps", new { region = "12345" }), "region");

        var households = (await GetAsync(admin, $"/api/v1/households?pageSize=1&region={places.SecondVillage}"))["total"]!.GetValue<int>();
        var job = await SweepAsync(tuqiao, places.SecondVillage);
        Assert.Equal(households, job["total"]!.GetValue<int>());
        Assert.Equal(households, job["done"]!.GetValue<int>());
        Assert.Equal(100, job["percent"]!.GetValue<int>());
        Assert.Equal($"已研判 {households} 户，新发现问题 1 个", job["message"]!.GetValue<string>());
        var reopened = Assert.Single(await ProblemsOfAsync(tuqiao, h.Id), p => p!["status"]!.GetValue<string>() == "Pending")!;
        Assert.Equal("Rule", reopened["source"]!.GetValue<string>());
        Assert.Equal("Housing", reopened["dimension"]!.GetValue<string>());

        // Running it again is idempotent.
        job = await SweepAsync(tuqiao, places.SecondVillage);
        Assert.Equal($"已研判 {households} 户，新发现问题 0 个", job["message"]!.GetValue<string>());
        Assert.Equal(2, (await ProblemsOfAsync(tuqiao, h.Id)).Count);
    }

    private static Task<JsonNode> SweepAsync(HttpClient c, string region) =>
        SweepAndWaitAsync(c, "/api/v1/guarantees/sweeps", "guarantees.sweep", region);

    // --- 9. exports ---------------------------------------------------------------------------------------------------

    [DbFact]
    public async Task Problem_export_matches_the_list_and_the_bulletin_workbook_has_three_sheets()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var h = await RegisterWithAsync(tuqiao, places.HomeVillage, GoodFacts(f => f["housingGrade"] = "D"), headInsured: false);
        var housing = await OnlyProblemAsync(tuqiao, h.Id, "Housing");
        await DoAsync(tuqiao, housing, "Assign", 1, Assignment);

        foreach (var query in new[] { "", "dimension=Housing", $"householdId={h.Id}", "status=Assigned", $"region={places.HomeVillage}&measure=Found" })
        {
            var rows = await ProblemExportAsync(tuqiao, query);
            Assert.Equal(await TotalAsync(tuqiao, query), rows.Count);
        }
        var mine = await ProblemExportAsync(tuqiao, $"householdId={h.Id}");
        Assert.Equal(2, mine.Count);
        var row = mine.Single(r => ExportId(r) == housing);
        Assert.Equal(h.Number, row["户编号"]);
        Assert.Equal("住房安全", row["维度"]);
        Assert.Equal("已交办", row["状态"]);
        Assert.Equal("系统研判", row["来源"]);
        Assert.Equal("王责任", row["责任人"]);
        Assert.Equal("否", row["是否逾期"]);
        await FieldError(await tuqiao.GetAsync("/api/v1/problems/export?region=abc"), "region");

        var county = await As("tl_admin");
        var bulletin = await GetAsync(county, $"/api/v1/bulletins?region={County}");
        var r = await county.GetAsync($"/api/v1/bulletins/export?region={County}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await r.Content.ReadAsByteArrayAsync());
        Assert.Equal(["总体", "按维度", "按地区"], MiniExcel.GetSheetNames(stream));
        var overall = Assert.Single(stream.Query(useHeaderRow: true, sheetName: "总体").Cast<IDictionary<string, object>>());
        Assert.Equal(bulletin["totals"]!["found"]!.GetValue<int>(), Convert.ToInt32(overall["新发现"], CultureInfo.InvariantCulture));
        Assert.Equal(bulletin["totals"]!["outstanding"]!.GetValue<int>(), Convert.ToInt32(overall["未清零"], CultureInfo.InvariantCulture));
        var byDimension = stream.Query(useHeaderRow: true, sheetName: "按维度").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["不愁吃", "不愁穿", "义务教育", "基本医疗", "住房安全", "饮水安全"], byDimension.Select(d => (string)d["维度"]));
        var byRegion = stream.Query(useHeaderRow: true, sheetName: "按地区").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(bulletin["bySubRegion"]!.AsArray().Select(x => x!["name"]!.GetValue<string>()), byRegion.Select(x => (string)x["地区"]));
        Assert.Equal(Enumerable.Range(1, byRegion.Count), byRegion.Select(x => Convert.ToInt32(x["排名（由差到好）"], CultureInfo.InvariantCulture)));
    }

    // --- 10. bad period ------------------------------------------------------------------------------------------------

    [DbTheory]
    [InlineData("bad")]
    [InlineData("2026-13")]
    [InlineData("2026-W60")]
    [InlineData("2012-01")]
    public async Task A_bad_period_is_refused_with_a_chinese_message(string period)
    {
        var tuqiao = await As("tuqiao");
        Assert.Contains("统计周期", await FieldError(await tuqiao.GetAsync($"/api/v1/bulletins?period={period}"), "period"));
        Assert.Contains("统计周期", await FieldError(await tuqiao.GetAsync($"/api/v1/bulletins/export?period={period}"), "period"));
        Assert.Contains("统计周期", await FieldError(await tuqiao.GetAsync($"/api/v1/problems?measure=Found&period={period}"), "period"));
        await FieldError(await tuqiao.GetAsync($"/api/v1/bulletins?region=12345&period=2026-11"), "region");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteGuaranteesApiTests(SqliteApp app) : GuaranteesApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresGuaranteesApiTests(PostgresApp app) : GuaranteesApiTests(app);
