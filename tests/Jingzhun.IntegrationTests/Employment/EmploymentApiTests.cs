using System.IO.Compression;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// 小额信贷 and 就业 records through HTTP (issue 13): the policy's loan limits at their boundaries, eligible households only,
/// repayments, an overdue loan and a lost job each raising exactly one risk lead (the sweep run again, and on later days),
/// 务工状况 derived from the records, scope (another township's loan is 404), masked ID numbers and bad input (400).
/// </summary>
public abstract class EmploymentApiTests(TestApp app) : ApiTests(app)
{
    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<(Registered H, long HeadId)> HouseholdAsync(HttpClient c, string village, string status = "Exited")
    {
        var h = await RegisterAsync(c, village, Facts(status));
        return (h, (await GetAsync(c, $"/api/v1/households/{h.Id}"))["members"]![0]!["id"]!.GetValue<long>());
    }

    private static JsonObject Loan(long householdId, long borrowerId, decimal amount, DateOnly issued, DateOnly due, string? contract = null) => new()
    {
        ["householdId"] = householdId, ["borrowerId"] = borrowerId, ["bank"] = "重庆农村商业银行",
        ["contractNumber"] = contract ?? "HT" + Guid.NewGuid().ToString("N")[..12], ["amount"] = amount, ["issuedOn"] = Day(issued), ["dueOn"] = Day(due),
        ["ratePercent"] = 3.45m, ["subsidyAmount"] = 1000m, ["subsidyPayer"] = "County", ["use"] = "Livestock",
    };

    private static async Task<JsonNode> IssueAsync(HttpClient c, JsonObject loan) =>
        await Ok(await c.PostAsJsonAsync("/api/v1/employment/loans", loan), HttpStatusCode.Created);

    private static async Task<List<JsonNode>> LeadsAsync(HttpClient c, long householdId, string reason) =>
        (await GetAsync(c, $"/api/v1/monitoring/leads?householdId={householdId}&pageSize=200"))["items"]!.AsArray()
        .Where(l => l!["reason"]?.GetValue<string>() == reason).Select(l => l!).ToList();

    private static Task SweepAsync(HttpClient c, string village) => SweepAndWaitAsync(c, "/api/v1/employment/sweeps", "employment.sweep", village);

    [DbFact]
    public async Task A_loan_over_the_policy_max_is_refused_at_the_exact_boundaries()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var (h, head) = await HouseholdAsync(admin, places.HomeVillage);
        var issued = ChinaToday.AddDays(-10);

        // 50,000 yuan is the max: accepted; a fen more is refused, naming the field and the limit.
        await IssueAsync(admin, Loan(h.Id, head, 50_000m, issued, issued.AddYears(1)));
        var over = await admin.PostAsJsonAsync("/api/v1/employment/loans", Loan(h.Id, head, 50_000.01m, issued, issued.AddYears(1)));
        Assert.Contains("不超过5万元", await FieldError(over, "amount"));

        // Three years to the day is the max term: accepted; a day more is refused.
        await IssueAsync(admin, Loan(h.Id, head, 30_000m, issued, issued.AddYears(3)));
        var longer = await admin.PostAsJsonAsync("/api/v1/employment/loans", Loan(h.Id, head, 30_000m, issued, issued.AddYears(3).AddDays(1)));
        Assert.Contains("期限不超过3年", await FieldError(longer, "dueOn"));
    }

    [DbFact]
    public async Task Only_exited_and_monitored_households_may_borrow()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var (ordinary, head) = await HouseholdAsync(admin, places.HomeVillage, "Ordinary");
        var r = await admin.PostAsJsonAsync("/api/v1/employment/loans", Loan(ordinary.Id, head, 20_000m, ChinaToday.AddDays(-1), ChinaToday.AddYears(1)));
        Assert.Equal("脱贫人口小额信贷仅限脱贫户和监测户，该户为一般农户", await FieldError(r, "householdId"));
        // A borrower from another household is refused too.
        var (exited, _) = await HouseholdAsync(admin, places.HomeVillage);
        var stranger = await admin.PostAsJsonAsync("/api/v1/employment/loans", Loan(exited.Id, head, 20_000m, ChinaToday.AddDays(-1), ChinaToday.AddYears(1)));
        Assert.Contains("家庭成员", await FieldError(stranger, "borrowerId"));
    }

    [DbFact]
    public async Task Repayments_lower_the_balance_and_the_last_one_settles_the_loan()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var (h, head) = await HouseholdAsync(admin, places.HomeVillage);
        var loan = await IssueAsync(admin, Loan(h.Id, head, 20_000m, ChinaToday.AddDays(-100), ChinaToday.AddYears(1)));
        var id = loan["loan"]!["id"]!.GetValue<long>();
        var version = loan["loan"]!["version"]!.GetValue<int>();

        var tooMuch = await admin.PostAsJsonAsync($"/api/v1/employment/loans/{id}/repayments", new { paidOn = Day(ChinaToday), principal = 20_000.01m, version });
        Assert.Contains("不能超过贷款余额20000.00元", await FieldError(tooMuch, "principal"));
        var part = await Ok(await admin.PostAsJsonAsync($"/api/v1/employment/loans/{id}/repayments",
            new { paidOn = Day(ChinaToday), principal = 5_000m, interest = 172.5m, version }));
        Assert.Equal(15_000m, part["loan"]!["balance"]!.GetValue<decimal>());
        // The version read before the first repayment is stale now.
        var stale = await admin.PostAsJsonAsync($"/api/v1/employment/loans/{id}/repayments", new { paidOn = Day(ChinaToday), principal = 1m, version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var done = await Ok(await admin.PostAsJsonAsync($"/api/v1/employment/loans/{id}/repayments",
            new { paidOn = Day(ChinaToday), principal = 15_000m, version = part["loan"]!["version"]!.GetValue<int>() }));
        Assert.Equal("Repaid", done["loan"]!["status"]!.GetValue<string>());
        Assert.Equal(0m, done["loan"]!["balance"]!.GetValue<decimal>());
        Assert.Equal(2, done["repayments"]!.AsArray().Count);
    }

    [DbFact]
    public async Task An_overdue_loan_raises_exactly_one_lead_once_overdue_the_policy_days()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var (h, head) = await HouseholdAsync(admin, places.SecondVillage);
        // Due 29 days ago: overdue, but not yet the 30 days that raise a lead.
        var loan = await IssueAsync(admin, Loan(h.Id, head, 30_000m, ChinaToday.AddDays(-400), ChinaToday.AddDays(-29)));
        Assert.Equal("Overdue", loan["loan"]!["status"]!.GetValue<string>());
        Assert.Equal(29, loan["loan"]!["overdueDays"]!.GetValue<int>());
        await SweepAsync(admin, places.SecondVillage);
        Assert.Empty(await LeadsAsync(admin, h.Id, "LoanOverdue"));

        using var later = Later(1);
        var next = await LoginAsync(later, "admin");
        await SweepAsync(next, places.SecondVillage);
        await SweepAsync(next, places.SecondVillage);
        var lead = Assert.Single(await LeadsAsync(next, h.Id, "LoanOverdue"));
        Assert.Equal("SystemSweep", lead["source"]!.GetValue<string>());
        Assert.Contains("小额信贷逾期30天", lead["detail"]!.GetValue<string>());

        // Closed or not, the loan never raises a second lead.
        using var muchLater = Later(40);
        await SweepAsync(await LoginAsync(muchLater, "admin"), places.SecondVillage);
        Assert.Single(await LeadsAsync(admin, h.Id, "LoanOverdue"));
        var overdue = await GetAsync(admin, $"/api/v1/employment/loans?householdId={h.Id}&status=Overdue");
        Assert.Equal(1, overdue["total"]!.GetValue<int>());
    }

    [DbFact]
    public async Task Employment_records_derive_the_members_work_status_and_months()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var (h, head) = await HouseholdAsync(admin, places.HomeVillage);
        var start = new DateOnly(ChinaToday.Year, 1, 1);
        var member = await Ok(await admin.PostAsJsonAsync("/api/v1/employment/jobs", new
        {
            memberId = head, place = "OutOfProvince", placeName = "浙江省", employer = "宁波纺织厂", sector = "制造业", months = 1, monthlyWage = 4200m,
            channel = "LabourCooperation", startedOn = Day(start),
        }), HttpStatusCode.Created);
        Assert.Equal("OutOfProvince", member["workStatus"]!.GetValue<string>());
        Assert.Equal(1, member["workMonths"]!.GetValue<int>());
        // The registry shows the derived status.
        var household = await GetAsync(admin, $"/api/v1/households/{h.Id}");
        Assert.Equal("OutOfProvince", household["members"]![0]!["facts"]!["workStatus"]!.GetValue<string>());

        // A job outside the county names its province.
        var noProvince = await admin.PostAsJsonAsync("/api/v1/employment/jobs", new
        {
            memberId = head, place = "InProvince", employer = "重庆某厂", months = 1, monthlyWage = 3000m, channel = "Own", startedOn = Day(start),
        });
        Assert.Contains("省", await FieldError(noProvince, "placeName"));

        // The job ends today: the member no longer works from tomorrow.
        var jobId = member["jobs"]![0]!["id"]!.GetValue<long>();
        var ended = await Ok(await admin.PostAsJsonAsync($"/api/v1/employment/jobs/{jobId}/end", new
        {
            endedOn = Day(ChinaToday), months = 1, version = member["jobs"]![0]!["version"]!.GetValue<int>(),
        }));
        Assert.Equal("OutOfProvince", ended["workStatus"]!.GetValue<string>());
        using var later = Later(1);
        var next = await LoginAsync(later, "tl_admin");
        await SweepAsync(next, places.HomeVillage);
        Assert.Equal("None", (await GetAsync(next, $"/api/v1/employment/members/{head}"))["workStatus"]!.GetValue<string>());
    }

    [DbFact]
    public async Task A_cadre_records_and_ends_jobs_of_paired_households_only_and_a_retried_sync_stores_nothing_twice()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var (mine, mineHead) = await HouseholdAsync(admin, places.HomeVillage);
        var (notMine, notMineHead) = await HouseholdAsync(admin, places.HomeVillage);
        await PairWithDemoCadreAsync(mine.Id);
        var cadre = await As("cadre");
        var start = new DateOnly(ChinaToday.Year, 1, 1);
        var clientId = Guid.NewGuid().ToString("N");
        object Job(long member) => new
        {
            memberId = member, place = "OutOfProvince", placeName = "广东省", employer = "东莞电子厂", months = 1, monthlyWage = 4500m,
            channel = "LabourCooperation", startedOn = Day(start), clientId,
        };
        // The phone's answer was lost and it sends the same update again: one record.
        await Ok(await cadre.PostAsJsonAsync("/api/v1/employment/jobs", Job(mineHead)), HttpStatusCode.Created);
        var again = await Ok(await cadre.PostAsJsonAsync("/api/v1/employment/jobs", Job(mineHead)), HttpStatusCode.Created);
        var job = Assert.Single(again["jobs"]!.AsArray())!;
        Assert.Equal("OutOfProvince", again["workStatus"]!.GetValue<string>());
        // An unpaired household of the same village is not the cadre's.
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.PostAsJsonAsync("/api/v1/employment/jobs", Job(notMineHead))).StatusCode);
        await Ok(await admin.PostAsJsonAsync("/api/v1/employment/jobs", Job(notMineHead)), HttpStatusCode.Created);

        // The phone's copy: the cadre's paired households' jobs (other tests pair the same demo cadre with theirs), never an
        // unpaired household's; ID numbers masked.
        var field = await GetAsync(cadre, "/api/v1/employment/sync/jobs");
        var rows = field["jobs"]!.AsArray();
        Assert.DoesNotContain(rows, r => r!["householdId"]!.GetValue<long>() == notMine.Id);
        var paired = (await GetAsync(cadre, "/api/v1/sync/households"))["households"]!.AsArray().Select(x => x!["id"]!.GetValue<long>()).ToHashSet();
        Assert.All(rows, r => Assert.Contains(r!["householdId"]!.GetValue<long>(), paired));
        Assert.Contains(rows, r => r!["id"]!.GetValue<long>() == job["id"]!.GetValue<long>());
        Assert.DoesNotContain(mine.HeadId, field.ToJsonString());

        // 务工结束 sent twice (the second with the version the phone saw): ended once, no conflict.
        var end = new { endedOn = Day(ChinaToday), months = 1, version = job["version"]!.GetValue<int>() };
        var ended = await Ok(await cadre.PostAsJsonAsync($"/api/v1/employment/jobs/{job["id"]}/end", end));
        var retried = await Ok(await cadre.PostAsJsonAsync($"/api/v1/employment/jobs/{job["id"]}/end", end));
        Assert.Equal(ended["jobs"]![0]!["version"]!.GetValue<int>(), retried["jobs"]![0]!["version"]!.GetValue<int>());
        Assert.Equal(Day(ChinaToday), retried["jobs"]![0]!["endedOn"]!.GetValue<string>());
        var other = await cadre.PostAsJsonAsync($"/api/v1/employment/jobs/{job["id"]}/end",
            new { endedOn = Day(ChinaToday), months = 1, version = job["version"]!.GetValue<int>() + 5 });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        // A different end on the version the phone saw is a conflict, not an overwrite.
        var otherDay = await cadre.PostAsJsonAsync($"/api/v1/employment/jobs/{job["id"]}/end",
            new { endedOn = Day(start), months = 1, version = job["version"]!.GetValue<int>() });
        Assert.Equal(HttpStatusCode.Conflict, otherDay.StatusCode);
    }

    [DbFact]
    public async Task A_cadre_s_visit_records_a_lost_job_as_the_one_open_lead_the_sweep_does_not_repeat()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var (h, head) = await HouseholdAsync(admin, places.HomeVillage);
        await PairWithDemoCadreAsync(h.Id);
        var cadre = await As("cadre");
        JsonObject Visit(string reason) => new()
        {
            ["clientId"] = Guid.NewGuid().ToString("N"), ["householdId"] = h.Id, ["visitedAt"] = DateTime.UtcNow.AddHours(-1).ToString("O"), ["kind"] = "Monthly",
            ["notes"] = "入户走访", ["photoIds"] = new JsonArray(),
            ["findings"] = new JsonArray(new JsonObject { ["type"] = "lead", ["text"] = "户主上月从浙江返乡，尚未找到新工作", ["reason"] = reason }),
        };
        async Task<JsonNode> SyncAsync(JsonObject visit) =>
            (await Ok(await cadre.PostAsJsonAsync("/api/v1/sync/visits", new JsonObject { ["visits"] = new JsonArray(visit) })))["results"]![0]!;

        var bad = await SyncAsync(Visit("NoSuchReason"));
        Assert.Equal("invalid", bad["status"]!.GetValue<string>());
        Assert.Contains("风险类型", bad["errors"]!["findings[0].reason"]!.GetValue<string>());
        var first = await SyncAsync(Visit("UnstableEmployment"));
        Assert.Equal("created", first["status"]!.GetValue<string>());
        var lead = Assert.Single(await LeadsAsync(admin, h.Id, "UnstableEmployment"));
        Assert.Equal("CadreCheck", lead["source"]!.GetValue<string>());
        // The next month's visit says it again: the same open lead.
        var again = await SyncAsync(Visit("UnstableEmployment"));
        Assert.Equal(lead["id"]!.GetValue<long>(), again["leadIds"]![0]!.GetValue<long>());

        // The job the visit spoke of ends in the records; 30 days on the sweep finds the lost job and leaves the open lead alone.
        await Ok(await admin.PostAsJsonAsync("/api/v1/employment/jobs", new
        {
            memberId = head, place = "OutOfProvince", placeName = "浙江省", employer = "宁波纺织厂", months = 1, monthlyWage = 4200m, channel = "Own",
            startedOn = Day(new DateOnly(ChinaToday.Year, 1, 1)), endedOn = Day(ChinaToday),
        }), HttpStatusCode.Created);
        using var day30 = Later(30);
        await SweepAsync(await LoginAsync(day30, "admin"), places.HomeVillage);
        Assert.Single(await LeadsAsync(admin, h.Id, "UnstableEmployment"));
    }

    [DbFact]
    public async Task A_lost_job_raises_exactly_one_lead_after_the_policy_days_and_a_new_job_prevents_it()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var (lost, lostHead) = await HouseholdAsync(admin, places.SecondVillage);
        var (found, foundHead) = await HouseholdAsync(admin, places.SecondVillage);
        var start = new DateOnly(ChinaToday.Year, 1, 1);
        foreach (var m in new[] { lostHead, foundHead })
            await Ok(await admin.PostAsJsonAsync("/api/v1/employment/jobs", new
            {
                memberId = m, place = "InCounty", employer = "铜梁区电子厂", months = 1, monthlyWage = 3000m, channel = "Own",
                startedOn = Day(start), endedOn = Day(ChinaToday),
            }), HttpStatusCode.Created);

        using var day29 = Later(29);
        var at29 = await LoginAsync(day29, "admin");
        // The second member found a new job 20 days after the first ended.
        await Ok(await at29.PostAsJsonAsync("/api/v1/employment/jobs", new
        {
            memberId = foundHead, place = "InTownship", employer = "镇帮扶车间", months = 1, monthlyWage = 2500m, channel = "Workshop",
            startedOn = Day(ChinaToday.AddDays(20)),
        }), HttpStatusCode.Created);
        await SweepAsync(at29, places.SecondVillage);
        Assert.Empty(await LeadsAsync(admin, lost.Id, "UnstableEmployment"));

        using var day30 = Later(30);
        var at30 = await LoginAsync(day30, "admin");
        await SweepAsync(at30, places.SecondVillage);
        await SweepAsync(at30, places.SecondVillage);
        var lead = Assert.Single(await LeadsAsync(admin, lost.Id, "UnstableEmployment"));
        Assert.Contains("30天无新的务工记录", lead["detail"]!.GetValue<string>());
        Assert.Empty(await LeadsAsync(admin, found.Id, "UnstableEmployment"));

        using var day60 = Later(60);
        await SweepAsync(await LoginAsync(day60, "admin"), places.SecondVillage);
        Assert.Single(await LeadsAsync(admin, lost.Id, "UnstableEmployment"));
    }

    [DbFact]
    public async Task Another_townships_loan_is_not_found_and_lists_mask_id_numbers()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var (other, otherHead) = await HouseholdAsync(admin, places.OtherTownshipVillage);
        var theirs = await IssueAsync(admin, Loan(other.Id, otherHead, 10_000m, ChinaToday.AddDays(-5), ChinaToday.AddYears(2)));
        var id = theirs["loan"]!["id"]!.GetValue<long>();
        var (mine, mineHead) = await HouseholdAsync(admin, places.HomeVillage);
        await IssueAsync(admin, Loan(mine.Id, mineHead, 10_000m, ChinaToday.AddDays(-5), ChinaToday.AddYears(2)));

        var tuqiao = await As("tuqiao");
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.GetAsync($"/api/v1/employment/loans/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync($"/api/v1/employment/loans/{id}/repayments",
            new { paidOn = Day(ChinaToday), principal = 1m, version = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.GetAsync($"/api/v1/employment/loans?householdId={other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.GetAsync($"/api/v1/employment/loans/stats?region={places.OtherTownship}")).StatusCode);
        var own = await GetAsync(tuqiao, $"/api/v1/employment/loans?householdId={mine.Id}");
        var row = Assert.Single(own["items"]!.AsArray());
        var masked = row!["borrowerIdNumberMasked"]!.GetValue<string>();
        Assert.Contains("***", masked);
        Assert.DoesNotContain(mine.HeadId, own.ToJsonString());
        var all = await GetAsync(tuqiao, "/api/v1/employment/loans?pageSize=200");
        Assert.DoesNotContain(all["items"]!.AsArray(), l => l!["id"]!.GetValue<long>() == id);
    }

    [DbFact]
    public async Task Loan_figures_count_the_overdue_loan_and_the_export_masks_id_numbers()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var before = await GetAsync(admin, $"/api/v1/employment/loans/stats?region={places.HomeVillage}");
        var (h, head) = await HouseholdAsync(admin, places.HomeVillage);
        var contract = "YQ" + Guid.NewGuid().ToString("N")[..10];
        await IssueAsync(admin, Loan(h.Id, head, 12_345.67m, ChinaToday.AddDays(-200), ChinaToday.AddDays(-3), contract));
        var after = await GetAsync(admin, $"/api/v1/employment/loans/stats?region={places.HomeVillage}");
        decimal Dec(JsonNode n, string k) => n["total"]![k]!.GetValue<decimal>();
        int Int(JsonNode n, string k) => n["total"]![k]!.GetValue<int>();
        Assert.Equal(Int(before, "overdueLoans") + 1, Int(after, "overdueLoans"));
        Assert.Equal(Dec(before, "overdueBalance") + 12_345.67m, Dec(after, "overdueBalance"));
        Assert.Equal(Int(before, "eligibleHouseholds") + 1, Int(after, "eligibleHouseholds"));
        Assert.Equal(Int(before, "householdsWithLoan") + 1, Int(after, "householdsWithLoan"));

        var r = await admin.GetAsync($"/api/v1/employment/loans/stats/export?region={places.HomeVillage}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await r.Content.ReadAsByteArrayAsync()));
        var xml = string.Concat(zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)).Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.Contains(contract, xml);
        Assert.Contains(h.HeadId[..6] + "***", xml);
        Assert.DoesNotContain(h.HeadId, xml);
    }

    [DbFact]
    public async Task Bad_input_is_a_400_naming_the_field()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var (h, head) = await HouseholdAsync(admin, places.HomeVillage);
        var loan = Loan(h.Id, head, 10_000m, ChinaToday.AddDays(-1), ChinaToday.AddYears(1));
        loan["amount"] = "abc";
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/v1/employment/loans", loan)).StatusCode);
        var backwards = await admin.PostAsJsonAsync("/api/v1/employment/loans", Loan(h.Id, head, 10_000m, ChinaToday.AddDays(-1), ChinaToday.AddDays(-2)));
        Assert.Contains("晚于放款日期", await FieldError(backwards, "dueOn"));
        var future = await admin.PostAsJsonAsync("/api/v1/employment/loans", Loan(h.Id, head, 10_000m, ChinaToday.AddDays(1), ChinaToday.AddYears(1)));
        Assert.Contains("不能晚于今天", await FieldError(future, "issuedOn"));
        var noBank = Loan(h.Id, head, 10_000m, ChinaToday.AddDays(-1), ChinaToday.AddYears(1));
        noBank["bank"] = " ";
        Assert.Contains("银行", await FieldError(await admin.PostAsJsonAsync("/api/v1/employment/loans", noBank), "bank"));
        await TextLimitAsync("contractNumber", 50, t =>
        {
            var l = Loan(h.Id, head, 10_000m, ChinaToday.AddDays(-1), ChinaToday.AddYears(1), t);
            return admin.PostAsJsonAsync("/api/v1/employment/loans", l);
        });
        Assert.Contains("1至366", await FieldError(await admin.GetAsync("/api/v1/employment/loans?dueWithinDays=0"), "dueWithinDays"));
        var months = await admin.PostAsJsonAsync("/api/v1/employment/jobs", new
        {
            memberId = head, place = "InTownship", employer = "镇帮扶车间", months = 13, monthlyWage = 2500m, channel = "Workshop", startedOn = Day(ChinaToday),
        });
        Assert.Contains("1至12个月", await FieldError(months, "months"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteEmploymentApiTests(SqliteApp app) : EmploymentApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresEmploymentApiTests(PostgresApp app) : EmploymentApiTests(app);
