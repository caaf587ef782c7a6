using MiniExcelLibs;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// 易地搬迁后续扶持 through HTTP (issue 15): a site's figures computed from the registry (people, labour, work status) and
/// from the follow-up records; 大型安置点 from the policy table at its boundary; linking rules; scope (another township's or
/// village's site is 404 or absent, figures of a region outside the scope 404); bad input (400 in Chinese).
/// </summary>
public abstract class RelocationApiTests(TestApp app) : ApiTests(app)
{
    private static int ThisYear => DateTime.UtcNow.AddHours(8).Year;

    private static JsonObject Relocated(string site) => new()
    {
        ["status"] = "Exited", ["attribute"] = "GeneralExited", ["identifiedYear"] = 2014, ["exitYear"] = 2017, ["identificationStandard"] = "National",
        ["mainCause"] = "Illness", ["class321"] = "Watch", ["housingGrade"] = "A", ["isRelocated"] = true, ["settlementSite"] = site,
        ["relocationKeysReceived"] = true,
    };

    /// <summary>A household of <paramref name="village"/> marked 易地扶贫搬迁 to <paramref name="site"/>, its head of the given labour and work.</summary>
    private async Task<Registered> RelocatedAsync(HttpClient c, string village, string site, string labour = "Ordinary", string work = "None")
    {
        var headName = NewName();
        var head = Person(headName, NewIdNumber());
        head["laborSkill"] = labour;
        head["workStatus"] = work;
        if (work != "None") head["workMonths"] = 6;
        var r = await c.PostAsJsonAsync("/api/v1/households", new { villageCode = village, household = Relocated(site), head });
        var body = await Ok(r, HttpStatusCode.Created);
        return new Registered(body["id"]!.GetValue<long>(), body["householdNumber"]!.GetValue<string>(), headName, "", village, body);
    }

    private static async Task<JsonNode> SiteAsync(HttpClient c, string community, string? name = null, string kind = "MarketTown") =>
        await Ok(await c.PostAsJsonAsync("/api/v1/partners/relocation/sites", new
        {
            communityCode = community, name = name ?? "安置点" + Guid.NewGuid().ToString("N")[..8], kind, builtYear = 2018, hasSchool = true, hasClinic = true,
            hasServiceCentre = false, hasWorkshop = true, management = "安置社区居委会",
        }), HttpStatusCode.Created);

    private static long Id(JsonNode n, string key = "id") => n[key]!.GetValue<long>();

    private static async Task<JsonNode> SupportAsync(HttpClient c, long householdId, string kind, int year, decimal amount)
    {
        var version = (await GetAsync(c, $"/api/v1/partners/relocation/households/{householdId}"))["version"]!.GetValue<int>();
        return await Ok(await c.PostAsJsonAsync($"/api/v1/partners/relocation/households/{householdId}/supports",
            new { kind, year, amount, paidOn = $"{year}-03-01", version }));
    }

    [DbFact]
    public async Task A_sites_figures_come_from_the_registry_and_its_households_follow_up_records()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var site = await SiteAsync(admin, places.SecondVillage);
        var id = Id(site["site"]!);
        var name = site["site"]!["name"]!.GetValue<string>();
        // A: a working head and a father who cannot work; B: a head able to work with no job (零就业); C: a head who lost the ability to work.
        var a = await RelocatedAsync(admin, places.HomeVillage, name, work: "InCounty");
        var elder = Person(NewName(), NewIdNumber(), "Father");
        elder["laborSkill"] = "None";
        await Ok(await admin.PostAsJsonAsync($"/api/v1/households/{a.Id}/members", new { member = elder }), HttpStatusCode.Created);
        var b = await RelocatedAsync(admin, places.SecondVillage, name);
        var c = await RelocatedAsync(admin, places.OtherTownshipVillage, name, labour: "Lost");
        // Not tied by name: another site's household, and a household not relocated.
        await RelocatedAsync(admin, places.HomeVillage, name + "别处");
        await RegisterAsync(admin, places.HomeVillage);

        var unlinkedBefore = (await GetAsync(admin, $"/api/v1/partners/relocation/figures?region={County}"))["unlinkedHouseholds"]!.GetValue<int>();
        var matched = await Ok(await admin.PostAsync($"/api/v1/partners/relocation/sites/{id}/households/match", null));
        Assert.Equal(3, matched["linked"]!.GetValue<int>());
        Assert.Equal(unlinkedBefore - 3, (await GetAsync(admin, $"/api/v1/partners/relocation/figures?region={County}"))["unlinkedHouseholds"]!.GetValue<int>());
        // Matching again ties no one twice.
        Assert.Equal(0, (await Ok(await admin.PostAsync($"/api/v1/partners/relocation/sites/{id}/households/match", null)))["linked"]!.GetValue<int>());

        await SupportAsync(admin, a.Id, "IndustryFund", ThisYear, 3000m);
        await SupportAsync(admin, b.Id, "IndustryFund", ThisYear - 1, 2000m);
        await SupportAsync(admin, b.Id, "WaterSubsidy", ThisYear, 120.50m);
        await SupportAsync(admin, c.Id, "PowerSubsidy", ThisYear, 80m);

        var figures = (await GetAsync(admin, $"/api/v1/partners/relocation/sites/{id}"))["site"]!["figures"]!;
        Assert.Equal(3, figures["households"]!.GetValue<int>());
        Assert.Equal(4, figures["people"]!.GetValue<int>());
        Assert.Equal(2, figures["labour"]!.GetValue<int>());
        Assert.Equal(1, figures["employed"]!.GetValue<int>());
        Assert.Equal(0.5m, figures["employmentRate"]!.GetValue<decimal>());
        Assert.Equal(1, figures["zeroEmploymentHouseholds"]!.GetValue<int>());
        Assert.Equal(2, figures["industryHouseholds"]!.GetValue<int>());
        Assert.Equal(3000m, figures["industryFunds"]!.GetValue<decimal>());
        Assert.Equal(200.50m, figures["subsidies"]!.GetValue<decimal>());
        // Last year: only B's industry fund had been received.
        var before = (await GetAsync(admin, $"/api/v1/partners/relocation/sites/{id}?year={ThisYear - 1}"))["site"]!["figures"]!;
        Assert.Equal(1, before["industryHouseholds"]!.GetValue<int>());
        Assert.Equal(2000m, before["industryFunds"]!.GetValue<decimal>());
        Assert.Equal(0m, before["subsidies"]!.GetValue<decimal>());

        // B finds a job: the registry's work status moves the site's figures at once.
        var bHead = (await GetAsync(admin, $"/api/v1/households/{b.Id}"))["members"]![0]!;
        await Ok(await admin.PostAsJsonAsync("/api/v1/employment/jobs", new
        {
            memberId = Id(bHead), place = "InTownship", employer = "安置点帮扶车间", months = 1, monthlyWage = 2600m, channel = "Workshop",
            startedOn = $"{ThisYear}-01-02",
        }), HttpStatusCode.Created);
        figures = (await GetAsync(admin, $"/api/v1/partners/relocation/sites/{id}"))["site"]!["figures"]!;
        Assert.Equal(2, figures["employed"]!.GetValue<int>());
        Assert.Equal(0, figures["zeroEmploymentHouseholds"]!.GetValue<int>());

        // The township's figures are the sum of its sites, and its village's row in the ranking says the same.
        var sites = (await GetAsync(admin, $"/api/v1/partners/relocation/sites?region={Township}&pageSize=200"))["items"]!.AsArray();
        var township = await GetAsync(admin, $"/api/v1/partners/relocation/figures?region={Township}");
        Assert.Equal(sites.Sum(s => s!["figures"]!["people"]!.GetValue<int>()), township["totals"]!["people"]!.GetValue<int>());
        Assert.Equal(sites.Sum(s => s!["figures"]!["employed"]!.GetValue<int>()), township["totals"]!["employed"]!.GetValue<int>());
        var village = township["children"]!.AsArray().Single(x => x!["code"]!.GetValue<string>() == places.SecondVillage)!;
        Assert.Equal(sites.Where(s => s!["communityCode"]!.GetValue<string>() == places.SecondVillage).Sum(s => s!["figures"]!["households"]!.GetValue<int>()),
            village["figures"]!["households"]!.GetValue<int>());

        // The drill-down lists the households; the follow-up record carries the checklist.
        var households = (await GetAsync(admin, $"/api/v1/partners/relocation/sites/{id}/households"))["items"]!.AsArray();
        Assert.Equal(new[] { a.Id, b.Id, c.Id }.Order(), households.Select(h => Id(h!, "householdId")).Order());
        var follow = await GetAsync(admin, $"/api/v1/partners/relocation/households/{c.Id}");
        Assert.Equal(name, follow["siteName"]!.GetValue<string>());
        var work = follow["checklist"]!.AsArray().Single(x => x!["goal"]!.GetValue<string>() == "有就业")!;
        Assert.Equal("NotApplicable", work["state"]!.GetValue<string>());
    }

    /// <summary>Chongqing's 大型安置点 number from this year on (on the version stored, when there is a row).</summary>
    private static async Task SetLargeAsync(HttpClient national, int people)
    {
        var row = (await GetAsync(national, "/api/v1/partners/relocation/policies")).AsArray()
            .FirstOrDefault(p => p!["provinceCode"]!.GetValue<string>() == "50" && p["year"]!.GetValue<int>() == ThisYear);
        var version = row is null ? "" : $"?version={row["version"]}";
        await Ok(await national.PutAsJsonAsync($"/api/v1/partners/relocation/policies/50/{ThisYear}{version}", new { largeSitePeople = people }));
    }

    [DbFact]
    public async Task A_large_site_is_flagged_from_the_policy_at_exactly_its_number_of_people()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var national = await As("admin");
        var site = await SiteAsync(admin, places.SecondVillage);
        var id = Id(site["site"]!);
        var name = site["site"]!["name"]!.GetValue<string>();
        for (var i = 0; i < 3; i++) await RelocatedAsync(admin, places.SecondVillage, name);
        await Ok(await admin.PostAsync($"/api/v1/partners/relocation/sites/{id}/households/match", null));
        try
        {
            foreach (var (threshold, large) in new[] { (2, true), (3, true), (4, false) })
            {
                await SetLargeAsync(national, threshold);
                var s = (await GetAsync(admin, $"/api/v1/partners/relocation/sites/{id}"))["site"]!;
                Assert.Equal(3, s["figures"]!["people"]!.GetValue<int>());
                Assert.True(large == s["isLarge"]!.GetValue<bool>(), $"3 people against {threshold}");
                var listed = (await GetAsync(admin, $"/api/v1/partners/relocation/sites?region={places.SecondVillage}&large={(large ? "true" : "false")}&pageSize=200"))["items"]!;
                Assert.Contains(listed.AsArray(), x => Id(x!) == id);
            }
        }
        finally
        {
            await SetLargeAsync(national, 800);
        }
    }

    [DbFact]
    public async Task Linking_takes_only_relocated_households_of_the_county_once_and_follow_up_edits_are_checked()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var id = Id((await SiteAsync(admin, places.HomeVillage))["site"]!);
        var plain = await RegisterAsync(admin, places.HomeVillage);
        Assert.Contains("不是易地扶贫搬迁户", await FieldError(await admin.PostAsJsonAsync($"/api/v1/partners/relocation/sites/{id}/households",
            new { householdId = plain.Id }), "householdId"));
        var h = await RelocatedAsync(admin, places.HomeVillage, "某安置点");
        Assert.Contains("本区县的村级区划", await FieldError(await admin.PostAsJsonAsync($"/api/v1/partners/relocation/sites/{id}/households",
            new { householdId = h.Id, originVillageCode = places.OtherCountyVillage }), "originVillageCode"));
        Assert.Contains("搬迁年份", await FieldError(await admin.PostAsJsonAsync($"/api/v1/partners/relocation/sites/{id}/households",
            new { householdId = h.Id, relocatedYear = ThisYear + 1 }), "relocatedYear"));
        await Ok(await admin.PostAsJsonAsync($"/api/v1/partners/relocation/sites/{id}/households",
            new { householdId = h.Id, originVillageCode = places.SecondVillage, relocatedYear = 2018 }));
        var other = Id((await SiteAsync(admin, places.SecondVillage))["site"]!);
        await Problem(await admin.PostAsJsonAsync($"/api/v1/partners/relocation/sites/{other}/households", new { householdId = h.Id }), HttpStatusCode.Conflict);
        // A household of another county is never tied to this county's site.
        var far = await RelocatedAsync(await As("admin"), places.OtherCountyVillage, "某安置点");
        Assert.Contains("本区县", await FieldError(await (await As("admin")).PostAsJsonAsync($"/api/v1/partners/relocation/sites/{id}/households",
            new { householdId = far.Id }), "householdId"));
        // The same name twice in a county is refused.
        var taken = (await GetAsync(admin, $"/api/v1/partners/relocation/sites/{id}"))["site"]!["name"]!.GetValue<string>();
        Assert.Contains("已有名为", await FieldError(await admin.PostAsJsonAsync("/api/v1/partners/relocation/sites",
            new { communityCode = places.SecondVillage, name = taken, kind = "Town" }), "name"));

        var record = await GetAsync(admin, $"/api/v1/partners/relocation/households/{h.Id}");
        Assert.Equal(places.SecondVillage, record["originVillageCode"]!.GetValue<string>());
        var version = record["version"]!.GetValue<int>();
        var moved = await Ok(await admin.PutAsJsonAsync($"/api/v1/partners/relocation/households/{h.Id}", new
        {
            siteId = other, originVillageCode = places.SecondVillage, relocatedYear = 2018, propertyCertificateIssued = true, hukouMoved = true, version,
        }));
        Assert.Equal(other, Id(moved, "siteId"));
        Assert.Equal("Met", moved["checklist"]!.AsArray().Single(x => x!["item"]!.GetValue<string>() == "不动产权证已办理")!["state"]!.GetValue<string>());
        // The version read is stale now.
        await Problem(await admin.PutAsJsonAsync($"/api/v1/partners/relocation/households/{h.Id}", new
        {
            siteId = other, originVillageCode = places.SecondVillage, relocatedYear = 2018, propertyCertificateIssued = false, hukouMoved = true, version,
        }), HttpStatusCode.Conflict);

        // Support amounts: above zero, at most 100 万元 (1,000,000.00 is taken, a fen more is not), two decimals, a year not ahead.
        var v = moved["version"]!.GetValue<int>();
        async Task<HttpResponseMessage> Grant(decimal amount, int year) => await admin.PostAsJsonAsync($"/api/v1/partners/relocation/households/{h.Id}/supports",
            new { kind = "IndustryFund", year, amount, version = v });
        Assert.Contains("大于0", await FieldError(await Grant(0m, ThisYear), "amount"));
        Assert.Contains("100万元", await FieldError(await Grant(1_000_000.01m, ThisYear), "amount"));
        Assert.Contains("两位小数", await FieldError(await Grant(10.005m, ThisYear), "amount"));
        Assert.Contains("年度", await FieldError(await Grant(100m, ThisYear + 1), "year"));
        var granted = await Ok(await Grant(1_000_000m, ThisYear));
        var support = granted["supports"]![0]!;
        Assert.Equal(1_000_000m, support["amount"]!.GetValue<decimal>());
        // 撤销 on the current version removes it.
        var removed = await Ok(await admin.DeleteAsync($"/api/v1/partners/relocation/households/{h.Id}/supports/{Id(support)}?version={granted["version"]}"));
        Assert.Empty(removed["supports"]!.AsArray());
    }

    private static byte[] Xlsx(params Dictionary<string, object?>[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => (IDictionary<string, object?>)r).ToList());
        return stream.ToArray();
    }

    private static Dictionary<string, object?> Paid(Registered h, string kind, object? year, object? amount, string? head = null) => new()
    {
        ["户编号"] = h.Number, ["户主姓名"] = head ?? h.HeadName, ["扶持类型"] = kind, ["年度"] = year, ["金额(元)"] = amount,
        ["发放日期"] = $"{ThisYear}-02-10", ["备注"] = "乡镇发放",
    };

    private static Task<HttpResponseMessage> ImportAsync(HttpClient c, byte[] file) =>
        c.PostAsync("/api/v1/partners/relocation/supports/import", new MultipartFormDataContent { { new ByteArrayContent(file), "file", "发放表.xlsx" } });

    [DbFact]
    public async Task A_support_list_records_each_payment_once_and_one_bad_row_stops_the_file()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var site = await SiteAsync(admin, places.HomeVillage);
        var (id, name) = (Id(site["site"]!), site["site"]!["name"]!.GetValue<string>());
        var a = await RelocatedAsync(admin, places.HomeVillage, name);
        var b = await RelocatedAsync(admin, places.SecondVillage, name);
        var unlinked = await RelocatedAsync(admin, places.HomeVillage, name + "未建");
        var far = await RelocatedAsync(admin, places.OtherTownshipVillage, name);
        await Ok(await admin.PostAsync($"/api/v1/partners/relocation/sites/{id}/households/match", null));

        // Bad rows: a wrong head name, a household tied to no site, an unknown kind, a zero amount, a year ahead. Nothing is written.
        var bad = await ImportAsync(admin, Xlsx(
            Paid(a, "水费补贴", ThisYear, 120m),
            Paid(b, "电费补贴", ThisYear, 90m, head: "张冒名"),
            Paid(unlinked, "水费补贴", ThisYear, 100m),
            Paid(a, "燃气补贴", ThisYear, 100m),
            Paid(b, "到户产业发展资金", ThisYear, 0m),
            Paid(b, "取暖补贴", ThisYear + 1, 50m)));
        var errors = (await Problem(bad, HttpStatusCode.BadRequest))["errors"]!.AsObject()
            .ToDictionary(e => e.Key, e => string.Join("；", e.Value!.AsArray().Select(m => m!.GetValue<string>())));
        Assert.Contains("户主姓名与户籍档案不一致", errors["第3行·户主姓名"]);
        Assert.Contains("尚未关联安置点", errors["第4行·户编号"]);
        Assert.Contains("第5行·扶持类型", errors.Keys);
        Assert.Contains("大于0", errors["第6行·金额(元)"]);
        Assert.Contains("扶持年度", errors["第7行·年度"]);
        Assert.Equal(5, errors.Count);
        Assert.Empty((await GetAsync(admin, $"/api/v1/partners/relocation/households/{a.Id}"))["supports"]!.AsArray());

        var good = Xlsx(Paid(a, "水费补贴", ThisYear, 120m), Paid(a, "到户产业发展资金", ThisYear, 3000m), Paid(b, "电费补贴", ThisYear, 90.5m));
        var summary = await Ok(await ImportAsync(admin, good));
        Assert.Equal(3, summary["recorded"]!.GetValue<int>());
        // The same list again records nothing twice.
        summary = await Ok(await ImportAsync(admin, good));
        Assert.Equal(0, summary["recorded"]!.GetValue<int>());
        Assert.Equal(3, summary["alreadyRecorded"]!.GetValue<int>());
        var figures = (await GetAsync(admin, $"/api/v1/partners/relocation/sites/{id}"))["site"]!["figures"]!;
        Assert.Equal(3000m, figures["industryFunds"]!.GetValue<decimal>());
        Assert.Equal(210.5m, figures["subsidies"]!.GetValue<decimal>());
        Assert.Equal(1, figures["industryHouseholds"]!.GetValue<int>());

        // A township's user does not find a household of another township: the row is refused, nothing is touched.
        var other = await ImportAsync(await As("tuqiao"), Xlsx(Paid(far, "水费补贴", ThisYear, 1m)));
        Assert.Contains("不在您的管辖范围内", (await Problem(other, HttpStatusCode.BadRequest))["errors"]!["第2行·户编号"]![0]!.GetValue<string>());
        // The template downloads.
        var template = await admin.GetAsync("/api/v1/partners/relocation/supports/import/template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
    }

    [DbFact]
    public async Task A_township_or_village_user_sees_no_site_of_another_township_or_village()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var theirs = await SiteAsync(admin, places.OtherTownshipVillage);
        var id = Id(theirs["site"]!);
        var name = theirs["site"]!["name"]!.GetValue<string>();
        var h = await RelocatedAsync(admin, places.OtherTownshipVillage, name);
        await Ok(await admin.PostAsync($"/api/v1/partners/relocation/sites/{id}/households/match", null));

        var township = await As("tuqiao");
        await Problem(await township.GetAsync($"/api/v1/partners/relocation/sites/{id}"), HttpStatusCode.NotFound);
        await Problem(await township.GetAsync($"/api/v1/partners/relocation/sites/{id}/households"), HttpStatusCode.NotFound);
        await Problem(await township.GetAsync($"/api/v1/partners/relocation/households/{h.Id}"), HttpStatusCode.NotFound);
        await Problem(await township.GetAsync($"/api/v1/partners/relocation/figures?region={places.OtherTownship}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain(name, await (await township.GetAsync($"/api/v1/partners/relocation/sites?pageSize=200")).Content.ReadAsStringAsync());
        Assert.DoesNotContain(name, await (await township.GetAsync($"/api/v1/partners/relocation/sites/export")).Content.ReadAsStringAsync());
        await Problem(await township.PostAsync($"/api/v1/partners/relocation/sites/{id}/households/match", null), HttpStatusCode.NotFound);
        await Problem(await township.PostAsJsonAsync("/api/v1/partners/relocation/sites",
            new { communityCode = places.OtherTownshipVillage, name = "越权安置点", kind = "Town" }), HttpStatusCode.NotFound);
        // The village user: a site of the second village of the same township is not theirs either.
        var neighbour = Id((await SiteAsync(admin, places.SecondVillage))["site"]!);
        var village = await As("village");
        await Problem(await village.GetAsync($"/api/v1/partners/relocation/sites/{neighbour}"), HttpStatusCode.NotFound);
        var own = Id((await SiteAsync(village, places.HomeVillage))["site"]!);
        await Ok(await village.GetAsync($"/api/v1/partners/relocation/sites/{own}"));
        // A pairing cadre holds no relocation permission; the auditor reads and writes nothing.
        await Problem(await (await As("cadre")).GetAsync("/api/v1/partners/relocation/sites"), HttpStatusCode.Forbidden);
        var auditor = await As("auditor");
        await Ok(await auditor.GetAsync($"/api/v1/partners/relocation/sites/{id}"));
        await Problem(await auditor.PostAsync($"/api/v1/partners/relocation/sites/{id}/households/match", null), HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task Bad_input_is_a_400_in_Chinese()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        await FieldError(await admin.GetAsync("/api/v1/partners/relocation/sites?kind=Moon"), "kind");
        await Problem(await admin.GetAsync("/api/v1/partners/relocation/figures?year=abc"), HttpStatusCode.BadRequest);
        Assert.Contains("年度", await FieldError(await admin.GetAsync($"/api/v1/partners/relocation/figures?year={ThisYear + 1}"), "year"));
        await Problem(await admin.GetAsync("/api/v1/partners/relocation/figures?region=12x"), HttpStatusCode.BadRequest);
        await Problem(await admin.PostAsJsonAsync("/api/v1/partners/relocation/sites",
            new { communityCode = places.HomeVillage, name = "安置点", kind = "Palace" }), HttpStatusCode.BadRequest);
        await Problem(await admin.PostAsync("/api/v1/partners/relocation/sites", new StringContent("", System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        await Problem(await admin.PostAsync("/api/v1/partners/relocation/sites",
            new StringContent("{\"communityCode\":5,\"builtYear\":\"去年\"}", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.Contains("村级", await FieldError(await admin.PostAsJsonAsync("/api/v1/partners/relocation/sites",
            new { communityCode = Township, name = "安置点", kind = "Town" }), "communityCode"));
        Assert.Contains("名称", await FieldError(await admin.PostAsJsonAsync("/api/v1/partners/relocation/sites",
            new { communityCode = places.HomeVillage, name = " ", kind = "Town" }), "name"));
        Assert.Contains("建成年份", await FieldError(await admin.PostAsJsonAsync("/api/v1/partners/relocation/sites",
            new { communityCode = places.HomeVillage, name = "新安置点" + NewName(), kind = "Town", builtYear = 1990 }), "builtYear"));
        await TextLimitAsync("name", 100, name => admin.PostAsJsonAsync("/api/v1/partners/relocation/sites",
            new { communityCode = places.HomeVillage, name, kind = "Town" }));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteRelocationApiTests(SqliteApp app) : RelocationApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresRelocationApiTests(PostgresApp app) : RelocationApiTests(app);
