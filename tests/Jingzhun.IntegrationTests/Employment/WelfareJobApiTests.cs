namespace Jingzhun.IntegrationTests;

/// <summary>
/// 公益性岗位 through HTTP (issue 13): positions per village, holders only from the village's 脱贫户 and 监测户 (one position a
/// member), wages recorded in the household's income of the year (公益性岗位收入 and 工资性收入 by exactly the amount), the
/// same months never paid twice, scope (another township's position is 404 from every endpoint), masking and bad input.
/// </summary>
public abstract class WelfareJobApiTests(TestApp app) : ApiTests(app)
{
    private const string Api = "/api/v1/employment/welfare-jobs";
    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static int LastYear => ChinaToday.Year - 1;
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static readonly string Start = Day(new DateOnly(ChinaToday.Year - 1, 1, 1));

    private async Task<(Registered H, long HeadId)> HouseholdAsync(HttpClient c, string village, string status = "Exited")
    {
        var h = await RegisterAsync(c, village, Facts(status));
        return (h, (await GetAsync(c, $"/api/v1/households/{h.Id}"))["members"]![0]!["id"]!.GetValue<long>());
    }

    private static JsonObject Position(string village, decimal pay = 800m, string type = "Cleaner") => new()
    {
        ["villageCode"] = village, ["type"] = type, ["name"] = "村道保洁" + Guid.NewGuid().ToString("N")[..6], ["description"] = "一至三组村道保洁",
        ["monthlyPay"] = pay, ["establishedOn"] = Start,
    };

    private static async Task<JsonNode> CreateAsync(HttpClient c, JsonObject position) =>
        await Ok(await c.PostAsJsonAsync(Api, position), HttpStatusCode.Created);

    private static long IdOf(JsonNode v) => v["job"]!["id"]!.GetValue<long>();
    private static int VersionOf(JsonNode v) => v["job"]!["version"]!.GetValue<int>();

    private static Task<HttpResponseMessage> AssignAsync(HttpClient c, JsonNode job, long memberId, string? startedOn = null) =>
        c.PostAsJsonAsync($"{Api}/{IdOf(job)}/holder", new { memberId, startedOn = startedOn ?? Start, version = VersionOf(job) });

    private static Task<HttpResponseMessage> PayAsync(HttpClient c, JsonNode job, int year, int fromMonth, int toMonth, decimal? amount = null) =>
        c.PostAsJsonAsync($"{Api}/{IdOf(job)}/payments", new { year, fromMonth, toMonth, amount, paidOn = Day(ChinaToday), version = VersionOf(job) });

    /// <summary>A position of the village held by the head of a new 脱贫户 there.</summary>
    private async Task<(JsonNode Job, Registered H, long HeadId)> HeldAsync(HttpClient c, string village, decimal pay = 800m)
    {
        var (h, head) = await HouseholdAsync(c, village);
        var job = await CreateAsync(c, Position(village, pay));
        return (await Ok(await AssignAsync(c, job, head)), h, head);
    }

    private static async Task<(decimal Wage, decimal Welfare)> IncomeAsync(HttpClient c, long householdId, int year)
    {
        var lines = (await GetAsync(c, $"/api/v1/households/{householdId}/incomes/{year}"))["lines"]!;
        return (lines["wageIncome"]!.GetValue<decimal>(), lines["publicWelfareJobIncome"]!.GetValue<decimal>());
    }

    [DbFact]
    public async Task WelfareJob_holders_are_eligible_active_members_of_its_village_on_one_position_at_a_time()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var job = await CreateAsync(admin, Position(places.HomeVillage));
        Assert.Null(job["job"]!["holderId"]);
        Assert.Equal("Cleaner", job["job"]!["type"]!.GetValue<string>());

        var (_, ordinaryHead) = await HouseholdAsync(admin, places.HomeVillage, "Ordinary");
        Assert.Contains("脱贫人口和监测对象", await FieldError(await AssignAsync(admin, job, ordinaryHead), "memberId"));
        var (_, elsewhereHead) = await HouseholdAsync(admin, places.SecondVillage);
        Assert.Contains("须为本村", await FieldError(await AssignAsync(admin, job, elsewhereHead), "memberId"));

        var (h, head) = await HouseholdAsync(admin, places.HomeVillage);
        var held = await Ok(await AssignAsync(admin, job, head));
        Assert.Equal(head, held["job"]!["holderId"]!.GetValue<long>());
        Assert.Equal(h.Id, held["job"]!["householdId"]!.GetValue<long>());
        Assert.Single(held["tenures"]!.AsArray());

        // A member holds one position at most.
        var second = await CreateAsync(admin, Position(places.HomeVillage, 600m, "RoadKeeper"));
        Assert.Contains("一人只能在一个公益性岗位", await FieldError(await AssignAsync(admin, second, head), "memberId"));
        // The version read before the holder was assigned is stale now.
        var (_, other) = await HouseholdAsync(admin, places.HomeVillage);
        Assert.Equal(HttpStatusCode.Conflict, (await AssignAsync(admin, job, other, Day(ChinaToday))).StatusCode);

        // 离岗 frees the position; the member may then take another.
        var ended = await Ok(await admin.PostAsJsonAsync($"{Api}/{IdOf(held)}/end", new { endedOn = Day(ChinaToday), version = VersionOf(held) }));
        Assert.Null(ended["job"]!["holderId"]);
        Assert.Equal(Day(ChinaToday), ended["tenures"]![0]!["endedOn"]!.GetValue<string>());
        await Ok(await AssignAsync(admin, second, head));
        var vacant = await GetAsync(admin, $"{Api}?region={places.HomeVillage}&held=false&pageSize=200");
        Assert.Contains(vacant["items"]!.AsArray(), j => j!["id"]!.GetValue<long>() == IdOf(job));
        Assert.DoesNotContain(vacant["items"]!.AsArray(), j => j!["id"]!.GetValue<long>() == IdOf(second));
    }

    [DbFact]
    public async Task WelfareJob_wages_raise_the_households_welfare_job_and_wage_income_by_exactly_the_amount_and_are_never_paid_twice()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var (job, h, head) = await HeldAsync(admin, places.HomeVillage, 800m);
        await Ok(await admin.PutAsJsonAsync($"/api/v1/households/{h.Id}/incomes/{LastYear}",
            new { wageIncome = 10_000m, publicWelfareJobIncome = 500m, productionIncome = 3_000m }));

        // 1–3月 at the default amount: 3 × 800.
        var paid = await Ok(await PayAsync(admin, job, LastYear, 1, 3));
        var payment = Assert.Single(paid["payments"]!.AsArray())!;
        Assert.Equal(2_400m, payment["amount"]!.GetValue<decimal>());
        Assert.Equal(3, payment["months"]!.GetValue<int>());
        Assert.Equal((12_400m, 2_900m), await IncomeAsync(admin, h.Id, LastYear));

        // Any of those months again is refused, and nothing changes.
        Assert.Contains("请勿重复发放", await FieldError(await PayAsync(admin, paid, LastYear, 3, 4), "fromMonth"));
        Assert.Equal((12_400m, 2_900m), await IncomeAsync(admin, h.Id, LastYear));
        // An edited amount; the next months are fine.
        await Ok(await PayAsync(admin, paid, LastYear, 4, 4, 812.35m));
        Assert.Equal((13_212.35m, 3_712.35m), await IncomeAsync(admin, h.Id, LastYear));

        // This year has no income record yet: the wage makes one of just these lines, and the member's 公益性岗位 months follow.
        var now = await GetAsync(admin, $"{Api}/{IdOf(job)}");
        await Ok(await PayAsync(admin, now, ChinaToday.Year, 1, 1));
        Assert.Equal((800m, 800m), await IncomeAsync(admin, h.Id, ChinaToday.Year));
        var member = (await GetAsync(admin, $"/api/v1/households/{h.Id}"))["members"]!.AsArray().Single(m => m!["id"]!.GetValue<long>() == head)!;
        Assert.Equal(1, member["facts"]!["publicWelfareJobMonths"]!.GetValue<int>());

        // The household panel's query: the household's positions and its wages.
        var mine = await GetAsync(admin, $"{Api}?householdId={h.Id}");
        Assert.Equal(IdOf(job), Assert.Single(mine["items"]!.AsArray())!["id"]!.GetValue<long>());
        var panel = await (await SignInAsync("tl_admin")).GetStringAsync($"/households/{h.Id}/panels/employment");
        Assert.Contains("公益性岗位", panel);
        Assert.Contains("812.35", panel);
    }

    [DbFact]
    public async Task WelfareJob_of_another_township_is_not_found_from_every_endpoint_and_lists_mask_id_numbers()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var (theirs, other, _) = await HeldAsync(admin, places.OtherTownshipVillage);
        var (mine, h, _) = await HeldAsync(admin, places.HomeVillage);
        var id = IdOf(theirs);

        var tuqiao = await As("tuqiao");
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.GetAsync($"{Api}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AssignAsync(tuqiao, theirs, 1)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync($"{Api}/{id}/end", new { endedOn = Day(ChinaToday), version = VersionOf(theirs) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PayAsync(tuqiao, theirs, LastYear, 1, 1)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync(Api, Position(places.OtherTownshipVillage))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.GetAsync($"{Api}?householdId={other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignInAsync("tuqiao")).GetAsync($"/employment/welfare-jobs/{id}")).StatusCode);
        Assert.Equal(0, (await GetAsync(tuqiao, $"{Api}?region={places.OtherTownship}"))["total"]!.GetValue<int>());
        var all = await GetAsync(tuqiao, $"{Api}?pageSize=200");
        Assert.DoesNotContain(all["items"]!.AsArray(), j => j!["id"]!.GetValue<long>() == id);

        // Their own: the holder's ID number masked in the list and the export.
        var own = await GetAsync(tuqiao, $"{Api}?householdId={h.Id}");
        var row = Assert.Single(own["items"]!.AsArray())!;
        Assert.Equal(IdOf(mine), row["id"]!.GetValue<long>());
        Assert.Contains("***", row["holderIdNumberMasked"]!.GetValue<string>());
        Assert.DoesNotContain(h.HeadId, own.ToJsonString());
        var xml = await WorkbookXmlAsync(tuqiao, $"{Api}/export?region={places.HomeVillage}");
        Assert.Contains(h.HeadId[..6] + "***", xml);
        Assert.DoesNotContain(h.HeadId, xml);
        Assert.DoesNotContain(other.HeadName, xml);
    }

    [DbFact]
    public async Task WelfareJob_bad_input_is_a_400_with_a_chinese_message()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        async Task<string> Title(HttpResponseMessage r) => (await Problem(r, HttpStatusCode.BadRequest))["title"]!.GetValue<string>();

        var unknownType = Position(places.HomeVillage);
        unknownType["type"] = "Pilot";
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", await Title(await admin.PostAsJsonAsync(Api, unknownType)));
        var wrongType = Position(places.HomeVillage);
        wrongType["monthlyPay"] = "abc";
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", await Title(await admin.PostAsJsonAsync(Api, wrongType)));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", await Title(await admin.PostAsync(Api, new StringContent("", System.Text.Encoding.UTF8, "application/json"))));
        Assert.Contains("大于0元", await FieldError(await admin.PostAsJsonAsync(Api, Position(places.HomeVillage, 0m)), "monthlyPay"));
        Assert.Contains("不能超过10000元", await FieldError(await admin.PostAsJsonAsync(Api, Position(places.HomeVillage, 10_000.01m)), "monthlyPay"));
        var township = Position(places.HomeVillage);
        township["villageCode"] = Township;
        Assert.Contains("不是村级区划代码", await FieldError(await admin.PostAsJsonAsync(Api, township), "villageCode"));
        await TextLimitAsync("name", 50, t =>
        {
            var p = Position(places.HomeVillage);
            p["name"] = t;
            return admin.PostAsJsonAsync(Api, p);
        });
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", await Title(await admin.GetAsync($"{Api}?type=Pilot")));

        var (job, _, _) = await HeldAsync(admin, places.HomeVillage);
        Assert.Contains("1至12月", await FieldError(await PayAsync(admin, job, LastYear, 1, 13), "toMonth"));
        Assert.Contains("截止月份不能早于起始月份", await FieldError(await PayAsync(admin, job, LastYear, 3, 2), "toMonth"));
        Assert.Contains("发放年度", await FieldError(await PayAsync(admin, job, ChinaToday.Year + 1, 1, 1), "year"));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", await Title(await admin.PostAsJsonAsync($"{Api}/{IdOf(job)}/payments",
            new { year = "去年", fromMonth = 1, paidOn = Day(ChinaToday), version = VersionOf(job) })));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", await Title(await admin.PostAsync($"{Api}/{IdOf(job)}/holder",
            new StringContent("", System.Text.Encoding.UTF8, "application/json"))));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteWelfareJobApiTests(SqliteApp app) : WelfareJobApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresWelfareJobApiTests(PostgresApp app) : WelfareJobApiTests(app);
