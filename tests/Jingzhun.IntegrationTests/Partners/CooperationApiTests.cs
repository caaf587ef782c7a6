using MiniExcelLibs;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// 东西部协作 and 定点帮扶 through HTTP (issue 15): an agreement's completion per indicator from its delivery records
/// (hand-computed), 劳务协作 derived from the employment records, the A4 print and the Excel, scope (another county's
/// partnership and, for township and village users, every partnership is absent; their writes are refused), bad input 400.
/// </summary>
public abstract class CooperationApiTests(TestApp app) : ApiTests(app)
{
    private const string Api = "/api/v1/partners/cooperation";
    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static long Id(JsonNode n, string key = "id") => n[key]!.GetValue<long>();

    private static object EastWest(string? county = null, string? name = null) => new
    {
        countyCode = county ?? County, kind = "EastWest", partnerName = name ?? "山东省潍坊市寿光市" + Guid.NewGuid().ToString("N")[..4],
        partnerRegionCode = "370783", sinceYear = 2021, contactUnit = "区乡村振兴局",
    };

    /// <summary>A new partnership (as <paramref name="c"/>) and this year's agreement: (partnership id, agreement).</summary>
    private static async Task<(long Partnership, JsonNode Agreement)> AgreementAsync(HttpClient c, object partnership)
    {
        var p = await Ok(await c.PostAsJsonAsync($"{Api}/partnerships", partnership), HttpStatusCode.Created);
        var pid = Id(p["partnership"]!);
        var a = await Ok(await c.PostAsJsonAsync($"{Api}/partnerships/{pid}/agreements", new { year = ChinaToday.Year, title = "年度协作协议" }), HttpStatusCode.Created);
        return (pid, a);
    }

    private static Task<HttpResponseMessage> TargetsAsync(HttpClient c, JsonNode a, params (string Indicator, decimal? Target)[] targets) =>
        c.PutAsJsonAsync($"{Api}/agreements/{Id(a)}/targets", new
        {
            targets = targets.Select(t => new { indicator = t.Indicator, target = t.Target }).ToArray(), version = a["version"]!.GetValue<int>(),
        });

    private static Task<HttpResponseMessage> DeliverAsync(HttpClient c, long agreement, string indicator, decimal amount, DateOnly? on = null,
        long[]? projectIds = null) =>
        c.PostAsJsonAsync($"{Api}/agreements/{agreement}/deliveries", new { indicator, amount, deliveredOn = Day(on ?? ChinaToday), note = "测试到位", projectIds });

    private static JsonNode Line(JsonNode agreement, string indicator) =>
        agreement["indicators"]!.AsArray().Single(l => l!["indicator"]!.GetValue<string>() == indicator)!;

    [DbFact]
    public async Task Consumption_purchases_come_from_the_sales_that_name_the_partnership()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var (pid, a) = await AgreementAsync(admin, EastWest());
        a = await Ok(await TargetsAsync(admin, a, ("ConsumptionPurchase", 1m)));
        var product = await Ok(await admin.PostAsJsonAsync("/api/v1/partners/consumption/products", new
        {
            regionCode = places.HomeVillage, supplierName = "铜梁区金穗粮油专业合作社", supplierKind = "Cooperative", productName = "富硒大米" + NewName(),
            category = "GrainOil", certificateNumber = "FP" + Guid.NewGuid().ToString("N")[..12], validFrom = Day(ChinaToday.AddYears(-1)),
            validTo = Day(ChinaToday.AddYears(1)),
        }), HttpStatusCode.Created);
        var productId = Id(product["product"]!);
        Task<HttpResponseMessage> Sell(decimal amount, string buyerType, long? partnershipId, DateOnly? on = null) =>
            admin.PostAsJsonAsync("/api/v1/partners/consumption/sales", new
            {
                productId, buyerType, buyerName = "寿光市机关食堂", amount, soldOn = Day(on ?? ChinaToday), channel = "Direct", partnershipId,
            });
        // 6,000 + 3,999.99 yuan this year for the partner: 0.999999 万元, just below the 1 万元 target; then one fen more reaches it.
        await Ok(await Sell(6000m, "EastWest", pid), HttpStatusCode.Created);
        await Ok(await Sell(3999.99m, "EastWest", pid), HttpStatusCode.Created);
        // Not counted: a sale naming no partnership, and one of last year.
        await Ok(await Sell(50_000m, "EastWest", null), HttpStatusCode.Created);
        await Ok(await Sell(50_000m, "EastWest", pid, new DateOnly(ChinaToday.Year - 1, 12, 31)), HttpStatusCode.Created);
        var line = Line(await GetAsync(admin, $"{Api}/agreements/{Id(a)}"), "ConsumptionPurchase");
        Assert.Equal(0.999999m, line["derived"]!.GetValue<decimal>());
        Assert.False(line["completed"]!.GetValue<bool>());
        await Ok(await Sell(0.01m, "EastWest", pid), HttpStatusCode.Created);
        line = Line(await GetAsync(admin, $"{Api}/agreements/{Id(a)}"), "ConsumptionPurchase");
        Assert.Equal(1m, line["derived"]!.GetValue<decimal>());
        Assert.True(line["completed"]!.GetValue<bool>());

        // A sale counts for a partnership of its product's county, with the buyer type of the partnership's kind.
        Assert.Contains("东西部协作", await FieldError(await Sell(10m, "Pairing", pid), "buyerType"));
        var (far, _) = await AgreementAsync(await As("admin"), EastWest(county: places.OtherCounty));
        Assert.Contains("不属于本产品所在区县", await FieldError(await Sell(10m, "EastWest", far), "partnershipId"));
    }

    private static byte[] Xlsx(params Dictionary<string, object?>[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => (IDictionary<string, object?>)r).ToList());
        return stream.ToArray();
    }

    private static Dictionary<string, object?> Delivered(string indicator, object amount, string date, string note = "鲁渝协作资金拨付") => new()
    {
        ["指标"] = indicator, ["到位数量"] = amount, ["到位日期"] = date, ["文号或说明"] = note, ["支持项目编号"] = null,
    };

    [DbFact]
    public async Task A_delivery_list_records_each_delivery_once_and_one_bad_row_stops_the_file()
    {
        var admin = await As("tl_admin");
        var (_, a) = await AgreementAsync(admin, EastWest());
        var id = Id(a);
        await Ok(await TargetsAsync(admin, a, ("FiscalAid", 500m), ("SecondedCadres", 2m)));
        Task<HttpResponseMessage> Import(HttpClient c, byte[] file) =>
            c.PostAsync($"{Api}/agreements/{id}/deliveries/import", new MultipartFormDataContent { { new ByteArrayContent(file), "file", "到位.xlsx" } });
        var today = Day(ChinaToday);
        var bad = await Import(admin, Xlsx(
            Delivered("财政援助资金", 300m, today),
            Delivered("援建大桥", 1m, today),
            Delivered("选派挂职干部", 1.5m, today),
            Delivered("社会帮扶资金", 10m, $"{ChinaToday.Year - 1}-06-01")));
        var errors = (await Problem(bad, HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("第3行·指标", errors);
        Assert.Contains("第4行·到位数量", errors);
        Assert.Contains("第5行·到位日期", errors);
        Assert.Equal(3, errors.Count);
        Assert.Empty((await GetAsync(admin, $"{Api}/agreements/{id}"))["deliveries"]!.AsArray());

        var good = Xlsx(Delivered("财政援助资金", 300m, today), Delivered("财政援助资金", 200m, today, "第二批"), Delivered("选派挂职干部", 2m, today, "挂职"));
        var summary = await Ok(await Import(admin, good));
        Assert.Equal(3, summary["recorded"]!.GetValue<int>());
        var again = await Ok(await Import(admin, good));
        Assert.Equal(0, again["recorded"]!.GetValue<int>());
        Assert.Equal(3, again["alreadyRecorded"]!.GetValue<int>());
        var after = await GetAsync(admin, $"{Api}/agreements/{id}");
        Assert.Equal(2, after["completed"]!.GetValue<int>());
        Assert.Equal(3, after["deliveries"]!.AsArray().Count);
        // A township user may not import into the county's agreement.
        Assert.True((await Import(await As("tuqiao"), good)).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"{Api}/deliveries/import/template")).StatusCode);
    }

    [DbFact]
    public async Task Completion_per_indicator_is_delivered_over_target_compared_exactly()
    {
        var admin = await As("tl_admin");
        var (_, a) = await AgreementAsync(admin, EastWest());
        var id = Id(a);
        a = await Ok(await TargetsAsync(admin, a, ("FiscalAid", 1000m), ("SocialAid", 100m), ("SecondedCadres", 3m), ("PairedSchools", 2m), ("PairedHospitals", null)));
        Assert.Equal(4, a["assessed"]!.GetValue<int>());
        Assert.Equal(0, a["completed"]!.GetValue<int>());

        // 财政援助 600 + 400 = 1000 of 1000: complete at exactly the target.
        await Ok(await DeliverAsync(admin, id, "FiscalAid", 600m), HttpStatusCode.Created);
        await Ok(await DeliverAsync(admin, id, "FiscalAid", 400m), HttpStatusCode.Created);
        // 社会帮扶 99.99 of 100: shows as 100.0% but is not complete (exact comparison).
        await Ok(await DeliverAsync(admin, id, "SocialAid", 99.99m), HttpStatusCode.Created);
        // 挂职干部 2 of 3; 结对学校 3 of 2 (above); 结对医院 1 without a target (not assessed).
        await Ok(await DeliverAsync(admin, id, "SecondedCadres", 2m), HttpStatusCode.Created);
        await Ok(await DeliverAsync(admin, id, "PairedSchools", 3m), HttpStatusCode.Created);
        var v = await Ok(await DeliverAsync(admin, id, "PairedHospitals", 1m), HttpStatusCode.Created);

        var fiscal = Line(v, "FiscalAid");
        Assert.Equal(1000m, fiscal["delivered"]!.GetValue<decimal>());
        Assert.Equal(1m, fiscal["rate"]!.GetValue<decimal>());
        Assert.Equal("100.0%", fiscal["rateText"]!.GetValue<string>());
        Assert.True(fiscal["completed"]!.GetValue<bool>());
        var social = Line(v, "SocialAid");
        Assert.Equal(0.9999m, social["rate"]!.GetValue<decimal>());
        Assert.Equal("100.0%", social["rateText"]!.GetValue<string>());
        Assert.False(social["completed"]!.GetValue<bool>());
        var cadres = Line(v, "SecondedCadres");
        Assert.Equal("66.7%", cadres["rateText"]!.GetValue<string>());
        Assert.False(cadres["completed"]!.GetValue<bool>());
        var schools = Line(v, "PairedSchools");
        Assert.Equal("150.0%", schools["rateText"]!.GetValue<string>());
        Assert.True(schools["completed"]!.GetValue<bool>());
        var hospitals = Line(v, "PairedHospitals");
        Assert.False(hospitals["assessed"]!.GetValue<bool>());
        Assert.Equal("—", hospitals["rateText"]!.GetValue<string>());
        Assert.Equal(4, v["assessed"]!.GetValue<int>());
        Assert.Equal(2, v["completed"]!.GetValue<int>());
        Assert.Equal(6, v["deliveries"]!.AsArray().Count);

        // One more 0.01 completes 社会帮扶.
        v = await Ok(await DeliverAsync(admin, id, "SocialAid", 0.01m), HttpStatusCode.Created);
        Assert.True(Line(v, "SocialAid")["completed"]!.GetValue<bool>());
        Assert.Equal(3, v["completed"]!.GetValue<int>());
        // 撤销 the 0.01 recorded: 社会帮扶 is short again; the removal is in the audit log.
        var cent = v["deliveries"]!.AsArray().First(d => d!["amount"]!.GetValue<decimal>() == 0.01m)!;
        v = await Ok(await admin.DeleteAsync($"{Api}/agreements/{id}/deliveries/{Id(cent)}"));
        Assert.False(Line(v, "SocialAid")["completed"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"{Api}/agreements/{id}/deliveries/{Id(cent)}")).StatusCode);
        v = await Ok(await DeliverAsync(admin, id, "SocialAid", 0.01m), HttpStatusCode.Created);
        Assert.Equal(3, v["completed"]!.GetValue<int>());

        // The partnership lists the agreement with its summary; money may name the county's projects it funded.
        var partnership = await GetAsync(admin, $"{Api}/partnerships/{Id(v["partnership"]!)}");
        var row = Assert.Single(partnership["agreements"]!.AsArray())!;
        Assert.Equal(3, row["completed"]!.GetValue<int>());
        var projects = (await GetAsync(admin, $"/api/v1/projects?region={County}"))["items"]!.AsArray();
        if (projects.Count > 0)
        {
            var project = projects[0]!;
            var funded = await Ok(await DeliverAsync(admin, id, "FiscalAid", 10m, projectIds: [Id(project)]), HttpStatusCode.Created);
            var d = funded["deliveries"]!.AsArray().First(x => x!["projects"]!.AsArray().Count > 0)!;
            Assert.Equal(project["name"]!.GetValue<string>(), d["projects"]![0]!["name"]!.GetValue<string>());
        }
        Assert.Contains("不存在", await FieldError(await DeliverAsync(admin, id, "FiscalAid", 10m, projectIds: [987654321]), "projectIds"));
        Assert.Contains("资金", await FieldError(await DeliverAsync(admin, id, "SecondedCadres", 1m, projectIds: [987654321]), "projectIds"));
    }

    [DbFact]
    public async Task Labour_cooperation_counts_distinct_members_with_labour_cooperation_jobs_in_the_partner_province_and_at_home()
    {
        var admin = await As("tl_admin");
        var places = await PlacesAsync();
        var (_, a) = await AgreementAsync(admin, EastWest());
        var id = Id(a);
        await Ok(await TargetsAsync(admin, a, ("LabourInPartnerProvince", 100000m), ("LabourAtHome", 100000m)));
        var before = await GetAsync(admin, $"{Api}/agreements/{id}");
        var inPartner0 = Line(before, "LabourInPartnerProvince")["derived"]!.GetValue<decimal>();
        var atHome0 = Line(before, "LabourAtHome")["derived"]!.GetValue<decimal>();

        async Task<long> Head()
        {
            var h = await RegisterAsync(admin, places.SecondVillage, Facts());
            return (await GetAsync(admin, $"/api/v1/households/{h.Id}"))["members"]![0]!["id"]!.GetValue<long>();
        }
        Task<HttpResponseMessage> Job(long member, string place, string? placeName, string channel, DateOnly started) =>
            admin.PostAsJsonAsync("/api/v1/employment/jobs", new
            {
                memberId = member, place, placeName, employer = "寿光蔬菜产业园", months = 1, monthlyWage = 4200m, channel, startedOn = Day(started),
            });
        var jan = new DateOnly(ChinaToday.Year, 1, 1);
        // In 山东 through 劳务协作 (two jobs, one person); at home through 劳务协作; in 浙江 through 劳务协作 (neither);
        // in 山东 found on one's own (not 劳务协作).
        var shandong = await Head();
        await Ok(await Job(shandong, "OutOfProvince", "山东省潍坊市", "LabourCooperation", jan), HttpStatusCode.Created);
        await Ok(await Job(shandong, "OutOfProvince", "山东日照", "LabourCooperation", ChinaToday), HttpStatusCode.Created);
        await Ok(await Job(await Head(), "InCounty", null, "LabourCooperation", ChinaToday), HttpStatusCode.Created);
        await Ok(await Job(await Head(), "OutOfProvince", "浙江省", "LabourCooperation", ChinaToday), HttpStatusCode.Created);
        await Ok(await Job(await Head(), "OutOfProvince", "山东省", "Own", ChinaToday), HttpStatusCode.Created);

        var after = await GetAsync(admin, $"{Api}/agreements/{id}");
        Assert.Equal(inPartner0 + 1, Line(after, "LabourInPartnerProvince")["derived"]!.GetValue<decimal>());
        Assert.Equal(atHome0 + 1, Line(after, "LabourAtHome")["derived"]!.GetValue<decimal>());
        Assert.NotNull(Line(after, "LabourAtHome")["derivedRule"]!.GetValue<string>());

        // A manual figure is shown beside the derived one; the derived one counts.
        var v = await Ok(await DeliverAsync(admin, id, "LabourAtHome", 99999m), HttpStatusCode.Created);
        var home = Line(v, "LabourAtHome");
        Assert.Equal(99999m, home["manual"]!.GetValue<decimal>());
        Assert.True(home["derivedCounted"]!.GetValue<bool>());
        Assert.Equal(atHome0 + 1, home["delivered"]!.GetValue<decimal>());

        // A central unit has no province: its 劳务协作 figures are manual only.
        var (_, central) = await AgreementAsync(admin, new
        {
            kind = "CentralUnit", partnerName = "中央单位" + Guid.NewGuid().ToString("N")[..4], sinceYear = 2021, contactUnit = "区乡村振兴局",
        });
        var c = await Ok(await DeliverAsync(admin, Id(central), "LabourAtHome", 5m), HttpStatusCode.Created);
        Assert.Null(Line(c, "LabourAtHome")["derived"]);
        Assert.Equal(5m, Line(c, "LabourAtHome")["delivered"]!.GetValue<decimal>());
    }

    [DbFact]
    public async Task The_agreement_prints_on_A4_and_exports_its_completion_to_Excel()
    {
        var admin = await As("tl_admin");
        var (_, a) = await AgreementAsync(admin, EastWest());
        await Ok(await TargetsAsync(admin, a, ("FiscalAid", 1000m), ("SecondedTechnicians", 10m)));
        await Ok(await DeliverAsync(admin, Id(a), "FiscalAid", 250m), HttpStatusCode.Created);

        var html = await GetTextAsync(admin, $"/partners/cooperation/agreements/{Id(a)}/print");
        Assert.Contains("@page { size: A4", html);
        Assert.Contains("协议完成情况", html);
        Assert.Contains("25.0%", html);
        var page = await GetTextAsync(admin, $"/partners/cooperation/agreements/{Id(a)}");
        Assert.Contains("25.0%", page);

        var xml = await WorkbookXmlAsync(admin, $"{Api}/agreements/{Id(a)}/export");
        Assert.Contains("完成情况", xml);
        Assert.Contains("财政援助资金", xml);
        Assert.Contains("25.0%", xml);
        Assert.Contains("测试到位", xml);
    }

    [DbFact]
    public async Task Another_county_and_township_or_village_users_get_nothing_and_cannot_write()
    {
        var places = await PlacesAsync();
        var national = await As("admin");
        var (theirs, theirAgreement) = await AgreementAsync(national, EastWest(places.OtherCounty, "他县协作方" + NewName()));
        var county = await As("tl_admin");
        var ownName = "本县协作方" + NewName();
        var (ours, ourAgreement) = await AgreementAsync(county, EastWest(name: ownName));

        async Task Nothing(HttpClient c, long partnership, JsonNode agreement, string name, long deliveryId)
        {
            var list = await GetTextAsync(c, $"{Api}/partnerships?pageSize=200");
            Assert.DoesNotContain(name, list);
            Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"{Api}/partnerships/{partnership}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"{Api}/agreements/{Id(agreement)}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"{Api}/agreements/{Id(agreement)}/export")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"/partners/cooperation/agreements/{Id(agreement)}/print")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"/partners/cooperation/agreements/{Id(agreement)}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"/partners/cooperation/{partnership}")).StatusCode);
            Assert.DoesNotContain(name, await GetTextAsync(c, "/partners/cooperation"));
            foreach (var r in new[]
                     {
                         await c.PutAsJsonAsync($"{Api}/partnerships/{partnership}", new { kind = "CentralUnit", partnerName = "改", sinceYear = 2021, contactUnit = "改", status = "Active", version = 1 }),
                         await c.PostAsJsonAsync($"{Api}/partnerships/{partnership}/agreements", new { year = ChinaToday.Year - 1, title = "改" }),
                         await c.PutAsJsonAsync($"{Api}/agreements/{Id(agreement)}/targets", new { targets = new[] { new { indicator = "FiscalAid", target = 1m } }, version = 1 }),
                         await DeliverAsync(c, Id(agreement), "FiscalAid", 1m),
                         await c.DeleteAsync($"{Api}/agreements/{Id(agreement)}/deliveries/{deliveryId}"),
                     })
                Assert.Contains(r.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        }

        // The county's own user does not see another county's partnership.
        var theirDelivery = Id((await Ok(await DeliverAsync(national, Id(theirAgreement), "FiscalAid", 5m), HttpStatusCode.Created))["deliveries"]![0]!);
        await Nothing(county, theirs, theirAgreement, "他县协作方", theirDelivery);
        var ourDelivery = Id((await Ok(await DeliverAsync(county, Id(ourAgreement), "FiscalAid", 5m), HttpStatusCode.Created))["deliveries"]![0]!);
        // A township's and a village's users see no partnership of their county, and may not register one.
        foreach (var user in new[] { "tuqiao", "village" })
        {
            var c = await As(user);
            await Nothing(c, ours, ourAgreement, ownName, ourDelivery);
            Assert.Equal(HttpStatusCode.Forbidden, (await c.PostAsJsonAsync($"{Api}/partnerships", EastWest())).StatusCode);
        }
        // Nothing was changed by the refused writes.
        var mine = await GetAsync(county, $"{Api}/agreements/{Id(ourAgreement)}");
        Assert.Single(mine["deliveries"]!.AsArray());
        Assert.Equal(0, mine["assessed"]!.GetValue<int>());
    }

    [DbFact]
    public async Task Bad_input_is_400_in_Chinese()
    {
        var admin = await As("tl_admin");
        Assert.Contains("区划代码", await FieldError(await admin.PostAsJsonAsync($"{Api}/partnerships",
            new { kind = "EastWest", partnerName = "寿光市", sinceYear = 2021, contactUnit = "区乡村振兴局" }), "partnerRegionCode"));
        Assert.Contains("区划代码", await FieldError(await admin.PostAsJsonAsync($"{Api}/partnerships",
            new { kind = "EastWest", partnerName = "寿光市", partnerRegionCode = "99x", sinceYear = 2021, contactUnit = "区乡村振兴局" }), "partnerRegionCode"));
        Assert.Contains("外省", await FieldError(await admin.PostAsJsonAsync($"{Api}/partnerships",
            new { kind = "EastWest", partnerName = "渝北区", partnerRegionCode = "500112", sinceYear = 2021, contactUnit = "区乡村振兴局" }), "partnerRegionCode"));
        Assert.Contains("结对类型", await FieldError(await admin.PostAsJsonAsync($"{Api}/partnerships",
            new { partnerName = "寿光市", sinceYear = 2021, contactUnit = "区乡村振兴局" }), "kind"));
        await Problem(await admin.PostAsync($"{Api}/partnerships",
            new StringContent("{\"kind\":\"Friendship\",\"partnerName\":\"x\"}", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.Contains("年度", await FieldError(await admin.PostAsJsonAsync($"{Api}/partnerships",
            new { kind = "CentralUnit", partnerName = "某中央单位", sinceYear = 1800, contactUnit = "区乡村振兴局" }), "sinceYear"));
        Assert.Contains("不能超过", await FieldError(await admin.PostAsJsonAsync($"{Api}/partnerships",
            new { kind = "CentralUnit", partnerName = new string('单', 101), sinceYear = 2021, contactUnit = "区乡村振兴局" }), "partnerName"));
        await Problem(await admin.PostAsync($"{Api}/partnerships", new StringContent("", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);

        var (pid, a) = await AgreementAsync(admin, EastWest());
        var id = Id(a);
        // 修改 on the version read: ending the partnership; a stale version is a conflict; a central unit takes no division code.
        var edited = await Ok(await admin.PutAsJsonAsync($"{Api}/partnerships/{pid}", new
        {
            kind = "EastWest", partnerName = "山东省潍坊市寿光市", partnerRegionCode = "370783", sinceYear = 2021, contactUnit = "区乡村振兴局", status = "Ended", version = 1,
        }));
        Assert.Equal("Ended", edited["partnership"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync($"{Api}/partnerships/{pid}", new
        {
            kind = "EastWest", partnerName = "寿光市", partnerRegionCode = "370783", sinceYear = 2021, contactUnit = "区乡村振兴局", status = "Active", version = 1,
        })).StatusCode);
        Assert.Contains("不填", await FieldError(await admin.PutAsJsonAsync($"{Api}/partnerships/{pid}", new
        {
            kind = "CentralUnit", partnerName = "寿光市", partnerRegionCode = "370783", sinceYear = 2021, contactUnit = "区乡村振兴局", status = "Active", version = 2,
        }), "partnerRegionCode"));
        Assert.Contains("已登记", await FieldError(await admin.PostAsJsonAsync($"{Api}/partnerships/{pid}/agreements", new { year = ChinaToday.Year, title = "再来一份" }), "year"));
        Assert.Contains("协议年度", await FieldError(await admin.PostAsJsonAsync($"{Api}/partnerships/{pid}/agreements", new { year = 2000, title = "太早" }), "year"));
        Assert.Contains("整数", await FieldError(await TargetsAsync(admin, a, ("SecondedCadres", 2.5m)), "targets"));
        Assert.Contains("负数", await FieldError(await TargetsAsync(admin, a, ("FiscalAid", -1m)), "targets"));
        Assert.Contains("两位小数", await FieldError(await TargetsAsync(admin, a, ("FiscalAid", 1.234m)), "targets"));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync($"{Api}/agreements/{id}/targets",
            new { targets = Array.Empty<object>(), version = a["version"]!.GetValue<int>() + 5 })).StatusCode);
        Assert.Contains("协议年度", await FieldError(await DeliverAsync(admin, id, "FiscalAid", 1m, new DateOnly(ChinaToday.Year - 1, 6, 1)), "deliveredOn"));
        Assert.Contains("大于0", await FieldError(await DeliverAsync(admin, id, "FiscalAid", 0m), "amount"));
        await FieldError(await admin.PostAsync($"{Api}/agreements/{id}/deliveries",
            new StringContent($"{{\"indicator\":\"FiscalAid\",\"amount\":\"很多\",\"deliveredOn\":\"{Day(ChinaToday)}\"}}", System.Text.Encoding.UTF8, "application/json")), "amount");
        await Problem(await admin.PostAsync($"{Api}/agreements/{id}/deliveries",
            new StringContent($"{{\"indicator\":\"Hugs\",\"amount\":1,\"deliveredOn\":\"{Day(ChinaToday)}\"}}", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.Contains("无效", await FieldError(await admin.GetAsync($"{Api}/partnerships?kind=Friendship"), "kind"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCooperationApiTests(SqliteApp app) : CooperationApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCooperationApiTests(PostgresApp app) : CooperationApiTests(app);

/// <summary>The demo county (Demo:Seed on): a 东西部协作 partner in 山东 and a 定点帮扶 central unit, each with this year's agreement, partly complete.</summary>
public abstract class CooperationDemoTests(TestApp app) : ApiTests(app)
{
    [DbFact]
    public async Task The_demo_county_has_a_Shandong_partner_and_a_central_unit_with_this_years_agreements_partly_complete()
    {
        var admin = await As("tl_admin");
        var rows = (await GetAsync(admin, $"/api/v1/partners/cooperation/partnerships?pageSize=200"))["items"]!.AsArray();
        foreach (var (kind, partner) in new[] { ("EastWest", "山东省潍坊市寿光市"), ("CentralUnit", "中国农业发展银行") })
        {
            var row = rows.First(r => r!["partnerName"]!.GetValue<string>() == partner)!;
            Assert.Equal(kind, row["kind"]!.GetValue<string>());
            var p = await GetAsync(admin, $"/api/v1/partners/cooperation/partnerships/{row["id"]!.GetValue<long>()}");
            var a = p["agreements"]!.AsArray().Single(x => x!["year"]!.GetValue<int>() == DateTime.UtcNow.AddHours(8).Year)!;
            var completed = a["completed"]!.GetValue<int>();
            Assert.InRange(completed, 1, a["assessed"]!.GetValue<int>() - 1);
        }
    }
}

[Collection(DemoSqliteCollection.Name)]
public sealed class SqliteCooperationDemoTests(DemoSqliteApp app) : CooperationDemoTests(app);

[Collection(DemoPostgresCollection.Name)]
public sealed class PostgresCooperationDemoTests(DemoPostgresApp app) : CooperationDemoTests(app);
