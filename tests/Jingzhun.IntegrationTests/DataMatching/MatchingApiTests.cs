using Jingzhun.Web.Modules.DataMatching;
using Jingzhun.Web.Modules.DataMatching.MatchRosters;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// 大数据比对 through HTTP (issue 16): rosters matched by the ID number's keyed hash, every rule kind with its boundaries, people
/// who are not in the registry leave no trace in the database, a re-upload raises only new matches, 属实 produces exactly one lead,
/// problem or 减员, a withdrawn batch, scope, separation of duties, and bad input answered 400 in Chinese.
/// </summary>
public abstract class MatchingApiTests(TestApp app) : ApiTests(app)
{
    static MatchingApiTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>A CSV of the kind's template columns; each row gives the columns it fills (the others stay empty).</summary>
    private static MultipartFormDataContent Roster(RosterKind kind, IEnumerable<Dictionary<string, string>> rows, string period = "2026年11月",
        string? region = County)
    {
        var headers = RosterMatcher.Headers(kind);
        var csv = new StringBuilder(string.Join(',', headers)).Append('\n');
        foreach (var r in rows) csv.Append(string.Join(',', headers.Select(h => r.GetValueOrDefault(h, "")))).Append('\n');
        var form = new MultipartFormDataContent
        {
            { new StringContent(kind.ToString()), "kind" },
            { new StringContent(period), "period" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", "roster.csv" },
        };
        if (region is not null) form.Add(new StringContent(region), "region");
        return form;
    }

    private static Dictionary<string, string> Row(string id, params (string Header, string Value)[] cells)
    {
        var d = new Dictionary<string, string> { ["身份证号码"] = id, ["姓名"] = "部门名单" };
        foreach (var (h, v) in cells) d[h] = v;
        return d;
    }

    /// <summary>Uploads, waits for the match and returns the batch.</summary>
    private static async Task<JsonNode> MatchAsync(HttpClient c, RosterKind kind, params Dictionary<string, string>[] rows)
    {
        var queued = await Ok(await c.PostAsync("/api/v1/matching/batches", Roster(kind, rows)), HttpStatusCode.Accepted);
        var job = await WaitForJobAsync(c, queued["jobId"]!.GetValue<long>());
        Assert.Equal("Succeeded", job["status"]!.GetValue<string>());
        return (await GetAsync(c, $"/api/v1/matching/batches/{queued["id"]}"))["batch"]!;
    }

    private static async Task<List<JsonNode>> DoubtsAsync(HttpClient c, string query) =>
        [.. (await GetAsync(c, "/api/v1/matching/doubts?pageSize=200&" + query))["items"]!.AsArray().Select(x => x!)];

    private async Task<Registered> HouseholdAsync(string? village = null, string status = "Exited")
    {
        var places = await PlacesAsync();
        return await RegisterAsync(await As("tl_admin"), village ?? places.HomeVillage, Facts(status));
    }

    [DbFact]
    public async Task Every_rule_kind_fires_at_its_limit_and_not_just_below()
    {
        var admin = await As("tl_admin");
        async Task<(string Id, long Household)> Someone(string status = "Exited")
        {
            var h = await HouseholdAsync(status: status);
            return (h.HeadId, h.Id);
        }
        // Each case: a person, the kind, the row's cells, and the rule expected (null: no 疑点).
        var cases = new List<(RosterKind Kind, string Status, (string, string)[] Cells, string? Rule, string? Outcome)>
        {
            (RosterKind.Death, "Exited", [("类别", "死亡"), ("注销日期", "2026-10-01")], "death", "Correction"),
            (RosterKind.Prison, "Exited", [], "prison", "Eligibility"),
            (RosterKind.Prison, "Ordinary", [], null, null),
            (RosterKind.Assistance, "Exited", [("救助类别", "特困")], "assistance", "RiskLead"),
            (RosterKind.Medical, "Exited", [("年度累计住院自付金额", "4999.99")], null, null),
            (RosterKind.Medical, "Exited", [("年度累计住院自付金额", "5000")], "medical", "RiskLead"),
            (RosterKind.Medical, "Ordinary", [("年度累计住院自付金额", "19999.99")], null, null),
            (RosterKind.Medical, "Ordinary", [("年度累计住院自付金额", "20000.00")], "medical", "RiskLead"),
            (RosterKind.School, "Exited", [("学籍状态", "在读"), ("年度教育自付费用", "10000")], null, null),
            (RosterKind.School, "Exited", [("学籍状态", "在读"), ("年度教育自付费用", "10000.01")], "education-cost", "RiskLead"),
            (RosterKind.DangerousHouse, "Exited", [("鉴定等级", "B级")], null, null),
            (RosterKind.DangerousHouse, "Exited", [("鉴定等级", "C级")], "dangerous-house", "Problem"),
            (RosterKind.Disability, "Exited", [("残疾等级", "二级")], "disability", "RiskLead"),
            (RosterKind.Unemployment, "Ordinary", [], "unemployment", "RiskLead"),
            (RosterKind.Business, "Exited", [("登记类型", "企业")], "business", "Eligibility"),
            (RosterKind.Vehicle, "Exited", [("车辆价值", "29999.99")], null, null),
            (RosterKind.Vehicle, "Exited", [("车辆价值", "30000")], "vehicle", "Eligibility"),
            (RosterKind.Vehicle, "Ordinary", [("车辆价值", "300000")], null, null),
            (RosterKind.Property, "Exited", [("房产类型", "商铺")], "property", "Eligibility"),
            (RosterKind.PublicEmployee, "Exited", [("单位", "某局")], "public-employee", "Eligibility"),
            (RosterKind.Disaster, "Ordinary", [("损失金额", "9999.99")], null, null),
            (RosterKind.Disaster, "Ordinary", [("损失金额", "10000")], "disaster", "RiskLead"),
        };
        foreach (var (kind, status, cells, rule, outcome) in cases)
        {
            var (id, household) = await Someone(status);
            var batch = await MatchAsync(admin, kind, Row(id, cells));
            Assert.Equal(1, batch["matched"]!.GetValue<int>());
            var doubts = await DoubtsAsync(admin, $"householdId={household}");
            if (rule is null)
            {
                Assert.True(doubts.Count == 0, $"{kind} {status} {string.Join(',', cells)}: no 疑点 expected");
                continue;
            }
            var d = Assert.Single(doubts);
            Assert.Equal(rule, d["rule"]!.GetValue<string>());
            Assert.Equal(outcome, d["outcome"]!.GetValue<string>());
            Assert.Equal("Pending", d["status"]!.GetValue<string>());
            Assert.Equal("待核实", d["statusLabel"]!.GetValue<string>());
        }
        // A dropout of compulsory school age is a 义务教育 problem: a child registered in a household.
        var parent = await HouseholdAsync();
        var birth = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddYears(-12);
        var childId = Jingzhun.Web.Modules.Registry.Rules.IdNumberRule.Compose(County, birth, App.Next() % 1000, Jingzhun.Web.Modules.Registry.Gender.Female);
        var member = Person(NewName(), childId, "Daughter");
        member["schoolStatus"] = "Grade7To9";
        await Ok(await admin.PostAsJsonAsync($"/api/v1/households/{parent.Id}/members", new { member }), HttpStatusCode.Created);
        await MatchAsync(admin, RosterKind.School, Row(childId, ("学籍状态", "辍学")));
        var dropout = Assert.Single(await DoubtsAsync(admin, $"householdId={parent.Id}"));
        Assert.Equal("dropout", dropout["rule"]!.GetValue<string>());
        Assert.Equal("Problem", dropout["outcome"]!.GetValue<string>());
    }

    [DbFact]
    public async Task People_not_in_the_registry_are_counted_and_leave_no_trace_in_the_database()
    {
        var admin = await As("tl_admin");
        var known = await HouseholdAsync();
        var outsider = NewIdNumber();
        var outsiderName = "库外" + NewName();
        var bad = outsider[..17] + (outsider[17] == '0' ? '1' : '0');
        var batch = await MatchAsync(admin, RosterKind.Vehicle,
            Row(known.HeadId, ("车辆价值", "50000")),
            new Dictionary<string, string> { ["身份证号码"] = outsider, ["姓名"] = outsiderName, ["车辆价值"] = "66666", ["备注"] = outsiderName },
            Row(bad, ("车辆价值", "1")));
        Assert.Equal(3, batch["rows"]!.GetValue<int>());
        Assert.Equal(1, batch["matched"]!.GetValue<int>());
        Assert.Equal(1, batch["unknown"]!.GetValue<int>());
        Assert.Equal(1, batch["invalid"]!.GetValue<int>());
        Assert.Equal(1, batch["newDoubts"]!.GetValue<int>());
        var view = await GetAsync(admin, $"/api/v1/matching/batches/{batch["id"]}");
        Assert.Contains("第 4 行", view["errors"]!.AsArray().Select(e => e!.GetValue<string>()).Single());

        // Every text cell of every table: the outsider's number (in any form), its keyed hash, its mask and the name are nowhere.
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Jingzhun.Web.Platform.Data.AppDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<Jingzhun.Web.Platform.Protection.PersonalDataProtector>();
        var needles = new[] { outsider, outsider[6..14] + outsider[14..], protector.HashIdNumber(outsider), outsiderName, bad };
        var found = await FindInDatabaseAsync(db, needles);
        Assert.True(found.Count == 0, "found in the database: " + string.Join("; ", found));
        // …and the uploaded file is gone from the server.
        var temp = scope.ServiceProvider.GetRequiredService<Jingzhun.Web.Platform.Files.PrivateTemp>();
        Assert.Empty(Directory.EnumerateFiles(temp.Folder, "*.roster"));
    }

    /// <summary>Table and column of every text cell that contains one of the needles.</summary>
    private static async Task<List<string>> FindInDatabaseAsync(Jingzhun.Web.Platform.Data.AppDbContext db, string[] needles)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        var postgres = db.Database.ProviderName!.Contains("Npgsql", StringComparison.Ordinal);
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = postgres
                ? "select table_name, column_name from information_schema.columns where table_schema = current_schema() and data_type in ('text', 'character varying')"
                : "select m.name, p.name from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table' and p.type like '%TEXT%'";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) columns.Add((r.GetString(0), r.GetString(1)));
        }
        var found = new List<string>();
        foreach (var (table, column) in columns)
            foreach (var needle in needles)
            {
                await using var cmd = connection.CreateCommand();
                cmd.CommandText = $"select count(*) from \"{table}\" where \"{column}\" like '%' || @n || '%'";
                var p = cmd.CreateParameter();
                p.ParameterName = "@n";
                p.Value = needle;
                cmd.Parameters.Add(p);
                if (Convert.ToInt64(await cmd.ExecuteScalarAsync()) > 0) found.Add($"{table}.{column}");
            }
        Assert.True(columns.Count > 50, "the scan should read the whole schema");
        return found;
    }

    [DbFact]
    public async Task A_roster_uploaded_again_raises_only_the_new_matches_and_a_withdrawn_batch_gives_its_matches_back()
    {
        var admin = await As("tl_admin");
        var a = await HouseholdAsync();
        var b = await HouseholdAsync();
        var c = await HouseholdAsync();
        var first = await MatchAsync(admin, RosterKind.Business, Row(a.HeadId, ("登记类型", "企业")), Row(b.HeadId, ("登记类型", "企业")));
        Assert.Equal(2, first["newDoubts"]!.GetValue<int>());
        var second = await MatchAsync(admin, RosterKind.Business, Row(a.HeadId, ("登记类型", "企业")), Row(b.HeadId, ("登记类型", "个体工商户")),
            Row(c.HeadId, ("登记类型", "企业")));
        Assert.Equal(1, second["newDoubts"]!.GetValue<int>());
        Assert.Equal(2, second["repeated"]!.GetValue<int>());
        var ofSecond = await DoubtsAsync(admin, $"batchId={second["id"]}");
        Assert.Equal(c.Id, Assert.Single(ofSecond)["householdId"]!.GetValue<long>());

        // 撤回 the second batch: its pending 疑点 are withdrawn, the first batch's stay; a new upload raises c's again.
        var village = await As("village");
        await Problem(await admin.PostAsJsonAsync($"/api/v1/matching/batches/{second["id"]}/withdraw", new { reason = "", version = second["version"]!.GetValue<int>() }),
            HttpStatusCode.BadRequest);
        var withdrawn = await Ok(await admin.PostAsJsonAsync($"/api/v1/matching/batches/{second["id"]}/withdraw",
            new { reason = "上传了错误月份的数据", version = second["version"]!.GetValue<int>() }));
        Assert.Equal(1, withdrawn["withdrawn"]!.GetValue<int>());
        Assert.Equal("Withdrawn", withdrawn["batch"]!["batch"]!["status"]!.GetValue<string>());
        Assert.Equal("Withdrawn", Assert.Single(await DoubtsAsync(admin, $"batchId={second["id"]}"))["status"]!.GetValue<string>());
        Assert.Equal(2, (await DoubtsAsync(admin, $"batchId={first["id"]}&status=Pending")).Count);
        await Problem(await admin.PostAsJsonAsync($"/api/v1/matching/batches/{second["id"]}/withdraw",
            new { reason = "再次撤回", version = withdrawn["batch"]!["batch"]!["version"]!.GetValue<int>() }), HttpStatusCode.Conflict);
        var withdrawnDoubt = Assert.Single(await DoubtsAsync(admin, $"batchId={second["id"]}"));
        await Problem(await village.PostAsJsonAsync($"/api/v1/matching/doubts/{withdrawnDoubt["id"]}/verify",
            new { confirmed = true, note = "核实属实情况", version = withdrawnDoubt["version"]!.GetValue<int>() }), HttpStatusCode.Forbidden);
        var third = await MatchAsync(admin, RosterKind.Business, Row(c.HeadId, ("登记类型", "企业")));
        Assert.Equal(1, third["newDoubts"]!.GetValue<int>());
        // The withdrawal is audited with its reason.
        var audit = await GetAsync(admin, $"/api/v1/audit?entityType=RosterBatch&q={Uri.EscapeDataString("上传了错误月份的数据")}&pageSize=50");
        Assert.Contains(audit["items"]!.AsArray(), e => e!["entityId"]!.GetValue<string>() == second["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture));
    }

    [DbFact]
    public async Task Confirming_a_doubt_produces_exactly_one_lead_problem_or_removal()
    {
        var admin = await As("tl_admin");
        var village = await As("village");
        var sick = await HouseholdAsync();
        var house = await HouseholdAsync();
        var dead = await HouseholdAsync();
        var spouseId = NewIdNumber(gender: Jingzhun.Web.Modules.Registry.Gender.Female);
        await Ok(await admin.PostAsJsonAsync($"/api/v1/households/{dead.Id}/members", new { member = Person(NewName(), spouseId, "Spouse") }),
            HttpStatusCode.Created);
        await MatchAsync(admin, RosterKind.Medical, Row(sick.HeadId, ("年度累计住院自付金额", "35000")));
        await MatchAsync(admin, RosterKind.DangerousHouse, Row(house.HeadId, ("鉴定等级", "D级")));
        await MatchAsync(admin, RosterKind.Death, Row(spouseId, ("类别", "死亡"), ("注销日期", "2026-09-30")));

        // The uploader does not verify (职责分离); the village does.
        var medical = Assert.Single(await DoubtsAsync(village, $"householdId={sick.Id}"));
        var body = new { confirmed = true, note = "入户核实：住院治疗属实", version = medical["version"]!.GetValue<int>() };
        Assert.Contains("职责分离", (await Problem(await admin.PostAsJsonAsync($"/api/v1/matching/doubts/{medical["id"]}/verify", body),
            HttpStatusCode.Forbidden))["title"]!.GetValue<string>());
        var verified = await Ok(await village.PostAsJsonAsync($"/api/v1/matching/doubts/{medical["id"]}/verify", body));
        Assert.Equal("Confirmed", verified["doubt"]!["status"]!.GetValue<string>());
        var leadId = verified["doubt"]!["leadId"]!.GetValue<long>();
        // The field app syncing the same answer again: the same state, no second lead; the other answer is refused.
        var replay = await Ok(await village.PostAsJsonAsync($"/api/v1/matching/doubts/{medical["id"]}/verify", body));
        Assert.Equal(leadId, replay["doubt"]!["leadId"]!.GetValue<long>());
        await Problem(await village.PostAsJsonAsync($"/api/v1/matching/doubts/{medical["id"]}/verify",
            new { confirmed = false, note = "改为不属实", version = replay["doubt"]!["version"]!.GetValue<int>() }), HttpStatusCode.Conflict);
        var leads = (await GetAsync(admin, $"/api/v1/monitoring/leads?householdId={sick.Id}"))["items"]!.AsArray();
        var lead = Assert.Single(leads)!;
        Assert.Equal("DepartmentScreening", lead["source"]!.GetValue<string>());
        Assert.Equal("HighOutOfPocket", lead["reason"]!.GetValue<string>());
        // The same bill in next month's roster: no new 疑点, so no second lead.
        var again = await MatchAsync(admin, RosterKind.Medical, Row(sick.HeadId, ("年度累计住院自付金额", "41000")));
        Assert.Equal(0, again["newDoubts"]!.GetValue<int>());
        Assert.Single((await GetAsync(admin, $"/api/v1/monitoring/leads?householdId={sick.Id}"))["items"]!.AsArray());

        // 危房 → one 住房安全 problem from 部门数据.
        var housing = Assert.Single(await DoubtsAsync(village, $"householdId={house.Id}"));
        var confirmed = await Ok(await village.PostAsJsonAsync($"/api/v1/matching/doubts/{housing["id"]}/verify",
            new { confirmed = true, note = "房屋墙体开裂，属实", version = housing["version"]!.GetValue<int>() }));
        var problemId = confirmed["doubt"]!["problemId"]!.GetValue<long>();
        var problems = (await GetAsync(admin, $"/api/v1/problems?householdId={house.Id}&pageSize=50"))["items"]!.AsArray();
        var problem = Assert.Single(problems)!;
        Assert.Equal(problemId, problem["id"]!.GetValue<long>());
        Assert.Equal("Housing", problem["dimension"]!.GetValue<string>());
        Assert.Equal("DepartmentData", problem["source"]!.GetValue<string>());

        // 死亡 → 减员 on the roster's date, after confirmation only.
        var death = Assert.Single(await DoubtsAsync(village, $"householdId={dead.Id}"));
        var members = (await GetAsync(admin, $"/api/v1/households/{dead.Id}/members")).AsArray();
        Assert.All(members, m => Assert.Equal("Active", m!["status"]!.GetValue<string>()));
        var removed = await Ok(await village.PostAsJsonAsync($"/api/v1/matching/doubts/{death["id"]}/verify",
            new { confirmed = true, note = "经村委会核实已去世", version = death["version"]!.GetValue<int>() }));
        Assert.True(removed["doubt"]!["memberRemoved"]!.GetValue<bool>());
        var spouse = (await GetAsync(admin, $"/api/v1/households/{dead.Id}/members")).AsArray().Single(m => m!["facts"]!["relationship"]!.GetValue<string>() == "Spouse")!;
        Assert.Equal("Deceased", spouse["status"]!.GetValue<string>());

        // 不属实 produces nothing; the figures count found, verified, confirmed.
        var other = await HouseholdAsync();
        await MatchAsync(admin, RosterKind.Unemployment, Row(other.HeadId));
        var unemployment = Assert.Single(await DoubtsAsync(village, $"householdId={other.Id}"));
        var rejected = await Ok(await village.PostAsJsonAsync($"/api/v1/matching/doubts/{unemployment["id"]}/verify",
            new { confirmed = false, note = "已在县城稳定务工", version = unemployment["version"]!.GetValue<int>() }));
        Assert.Equal("不属实", rejected["doubt"]!["statusLabel"]!.GetValue<string>());
        Assert.Null(rejected["doubt"]!["leadId"]);
        Assert.Empty((await GetAsync(admin, $"/api/v1/monitoring/leads?householdId={other.Id}"))["items"]!.AsArray());
        var figures = await GetAsync(admin, $"/api/v1/matching/doubts/figures?region={Township}");
        Assert.True(figures["total"]!["confirmed"]!.GetValue<int>() >= 3);
        Assert.True(figures["total"]!["verified"]!.GetValue<int>() >= 4);
        Assert.Contains(figures["byDepartment"]!.AsArray(), t => t!["label"]!.GetValue<string>() == "住院自付费用（医保）");
    }

    [DbFact]
    public async Task A_GBK_roster_is_read_and_the_doubts_export_carries_names_and_labels_but_no_id_number()
    {
        var admin = await As("tl_admin");
        var h = await HouseholdAsync();
        // 不动产 as a county office saves it from Excel: GBK (GB18030) text.
        var csv = $"身份证号码,姓名,房产类型,登记日期,备注\n{h.HeadId},{h.HeadName},商铺,2025-06-01,临街门面\n";
        var form = new MultipartFormDataContent
        {
            { new StringContent("Property"), "kind" }, { new StringContent("2026年第三季度"), "period" },
            { new ByteArrayContent(Encoding.GetEncoding("GB18030").GetBytes(csv)), "file", "不动产登记.csv" },
        };
        var queued = await Ok(await admin.PostAsync("/api/v1/matching/batches", form), HttpStatusCode.Accepted);
        await WaitForJobAsync(admin, queued["jobId"]!.GetValue<long>());
        var batch = (await GetAsync(admin, $"/api/v1/matching/batches/{queued["id"]}"))["batch"]!;
        Assert.Equal(1, batch["newDoubts"]!.GetValue<int>());
        var d = Assert.Single(await DoubtsAsync(admin, $"householdId={h.Id}"));
        Assert.Contains("商铺", d["detail"]!.GetValue<string>());
        var xml = await WorkbookXmlAsync(admin, $"/api/v1/matching/doubts/export?batchId={queued["id"]}");
        Assert.Contains(h.HeadName, xml);
        Assert.Contains("拥有城镇商品房或商铺", xml);
        Assert.Contains("识别/退出资格疑点", xml);
        Assert.Contains("待核实", xml);
        Assert.DoesNotContain(h.HeadId, xml);
        Assert.DoesNotContain(h.HeadId[..6] + "*", xml);
    }

    [DbFact]
    public async Task A_township_or_village_user_gets_nothing_of_another_township()
    {
        var admin = await As("tl_admin");
        var places = await PlacesAsync();
        var elsewhere = await HouseholdAsync(places.OtherTownshipVillage);
        var batch = await MatchAsync(admin, RosterKind.Vehicle, Row(elsewhere.HeadId, ("车辆价值", "90000")));
        var doubt = Assert.Single(await DoubtsAsync(admin, $"householdId={elsewhere.Id}"));
        foreach (var user in new[] { "tuqiao", "village" })
        {
            var c = await As(user);
            Assert.DoesNotContain(await DoubtsAsync(c, ""), d => d["id"]!.GetValue<long>() == doubt["id"]!.GetValue<long>());
            await Problem(await c.GetAsync($"/api/v1/matching/doubts/{doubt["id"]}"), HttpStatusCode.NotFound);
            await Problem(await c.PostAsJsonAsync($"/api/v1/matching/doubts/{doubt["id"]}/verify",
                new { confirmed = true, note = "越权核实测试", version = 1 }), HttpStatusCode.NotFound);
            var figures = await GetAsync(c, "/api/v1/matching/doubts/figures");
            Assert.DoesNotContain(figures["byRegion"]!.AsArray(), t => t!["key"]!.GetValue<string>().StartsWith(places.OtherTownship, StringComparison.Ordinal));
        }
        // The county's batch is not a township's to read or withdraw; a township cannot upload.
        var tuqiao = await As("tuqiao");
        await Problem(await tuqiao.GetAsync($"/api/v1/matching/batches/{batch["id"]}"), HttpStatusCode.NotFound);
        Assert.Empty((await GetAsync(tuqiao, "/api/v1/matching/batches"))["items"]!.AsArray());
        await Problem(await tuqiao.PostAsync("/api/v1/matching/batches", Roster(RosterKind.Vehicle, [])), HttpStatusCode.Forbidden);
        var mine = (await GetAsync(await As("village"), "/api/v1/matching/doubts/mine"))["items"]!.AsArray();
        Assert.All(mine, d => Assert.Equal(places.HomeVillage, d!["villageCode"]!.GetValue<string>()));
    }

    [DbFact]
    public async Task Bad_input_is_answered_400_in_chinese()
    {
        var admin = await As("tl_admin");
        var form = new MultipartFormDataContent
        {
            { new StringContent("Spaceship"), "kind" }, { new StringContent("2026年11月"), "period" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("身份证号码\n")), "file", "roster.csv" },
        };
        await Problem(await admin.PostAsync("/api/v1/matching/batches", form), HttpStatusCode.BadRequest);
        var noFile = new MultipartFormDataContent { { new StringContent("Vehicle"), "kind" }, { new StringContent("2026年11月"), "period" } };
        Assert.Contains("请选择", await FieldError(await admin.PostAsync("/api/v1/matching/batches", noFile), "file"));
        Assert.Contains("期别", await FieldError(await admin.PostAsync("/api/v1/matching/batches", Roster(RosterKind.Vehicle, [], period: " ")), "period"));
        Assert.Contains("比对地区", await FieldError(await admin.PostAsync("/api/v1/matching/batches", Roster(RosterKind.Vehicle, [], region: Township)), "region"));
        // A file without the required column fails the batch with a Chinese reason.
        var wrong = new MultipartFormDataContent
        {
            { new StringContent("Vehicle"), "kind" }, { new StringContent("2026年11月"), "period" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("姓名,电话\n张三,1\n")), "file", "wrong.csv" },
        };
        var queued = await Ok(await admin.PostAsync("/api/v1/matching/batches", wrong), HttpStatusCode.Accepted);
        for (var i = 0; i < 100; i++)
        {
            var b = (await GetAsync(admin, $"/api/v1/matching/batches/{queued["id"]}"))["batch"]!;
            if (b["status"]!.GetValue<string>() != "Matching") break;
            await Task.Delay(100);
        }
        var failed = await GetAsync(admin, $"/api/v1/matching/batches/{queued["id"]}");
        Assert.Equal("比对失败", failed["batch"]!["statusLabel"]!.GetValue<string>());
        Assert.Contains("身份证号码", string.Join("", failed["errors"]!.AsArray().Select(e => e!.GetValue<string>())));

        await Problem(await admin.GetAsync("/api/v1/matching/doubts?status=Maybe"), HttpStatusCode.BadRequest);
        await Problem(await admin.GetAsync("/api/v1/matching/batches?kind=Spaceship"), HttpStatusCode.BadRequest);
        await Problem(await admin.GetAsync("/api/v1/matching/templates/Spaceship"), HttpStatusCode.BadRequest);
        var village = await As("village");
        var h = await HouseholdAsync();
        await MatchAsync(admin, RosterKind.Unemployment, Row(h.HeadId));
        var d = Assert.Single(await DoubtsAsync(village, $"householdId={h.Id}"));
        Assert.Contains("核实结果", await FieldError(await village.PostAsJsonAsync($"/api/v1/matching/doubts/{d["id"]}/verify",
            new { note = "没有结果", version = 1 }), "confirmed"));
        Assert.Contains("核实情况", await FieldError(await village.PostAsJsonAsync($"/api/v1/matching/doubts/{d["id"]}/verify",
            new { confirmed = true, note = "短", version = 1 }), "note"));
        await Problem(await village.PostAsync($"/api/v1/matching/doubts/{d["id"]}/verify",
            new StringContent("", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await Problem(await village.PostAsync($"/api/v1/matching/doubts/{d["id"]}/verify",
            new StringContent("{\"confirmed\":\"perhaps\",\"version\":1}", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        // The template of a kind is its columns.
        var template = await admin.GetAsync("/api/v1/matching/templates/Medical");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteMatchingApiTests(SqliteApp app) : MatchingApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresMatchingApiTests(PostgresApp app) : MatchingApiTests(app);
