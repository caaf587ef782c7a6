namespace Jingzhun.IntegrationTests;

/// <summary>
/// 村集体经济 and 产业基地 through HTTP: a village's organisation and its yearly income by source make its band (exact at
/// the thresholds, 补助收入 not operating, a village without operating income a 空壳村); a paid asset distribution's
/// share to the village collective is the collective's 资产收益; each figure's drill-down lists as many villages as it
/// counts; bad input is a 400; another township's organisation and base are a 404 and absent from lists.
/// </summary>
public abstract class CollectiveApiTests(TestApp app) : ApiTests(app)
{
    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static string Today => ChinaToday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<List<string>> TownshipVillagesAsync() =>
        (await GetAsync(await As("admin"), $"/api/v1/regions/{Township}/children")).AsArray()
        .Select(x => x!["code"]!.GetValue<string>()).Where(c => c.Length == 12).ToList();

    /// <summary>The village's organisation, registered now if it has none yet.</summary>
    private async Task<long> OrganizationAsync(HttpClient c, string village)
    {
        var view = await GetAsync(c, $"/api/v1/collective/villages/{village}");
        if (view["organization"] is JsonObject o) return o["id"]!.GetValue<long>();
        var made = await Ok(await c.PostAsJsonAsync("/api/v1/collective/organizations",
            new { villageCode = village, name = "股份经济合作社" + NewName(), establishedOn = "2015-01-01", members = 800 }), HttpStatusCode.Created);
        return made["organization"]!["id"]!.GetValue<long>();
    }

    private static async Task<JsonNode> IncomeAsync(HttpClient c, long org, int year, string source, decimal amount) =>
        await Ok(await c.PostAsJsonAsync($"/api/v1/collective/organizations/{org}/incomes", new { year, source, amount }));

    private static JsonNode YearOf(JsonNode village, int year) => village["years"]!.AsArray().Single(y => y!["year"]!.GetValue<int>() == year)!;

    [DbFact]
    public async Task Incomes_make_the_bands_exactly_at_the_thresholds_and_every_figure_lists_its_villages()
    {
        var year = ChinaToday.Year - 3;
        var tuqiao = await As("tuqiao");
        var villages = await TownshipVillagesAsync();
        Assert.True(villages.Count >= 6);
        var (atMiddle, belowMiddle, atHigh, belowHigh, shell) = (villages[0], villages[1], villages[2], villages[3], villages[4]);
        // 10万 exactly (经营 60,000 + 租金 40,000); a fen less; 100万 exactly; a fen less with 50万 of 补助 (not operating); 补助 and 其他 only.
        var o1 = await OrganizationAsync(tuqiao, atMiddle);
        await IncomeAsync(tuqiao, o1, year, "Operating", 60_000m);
        await IncomeAsync(tuqiao, o1, year, "Rent", 40_000m);
        await IncomeAsync(tuqiao, await OrganizationAsync(tuqiao, belowMiddle), year, "Services", 99_999.99m);
        await IncomeAsync(tuqiao, await OrganizationAsync(tuqiao, atHigh), year, "Shares", 1_000_000m);
        var o4 = await OrganizationAsync(tuqiao, belowHigh);
        await IncomeAsync(tuqiao, o4, year, "Operating", 999_999.99m);
        await IncomeAsync(tuqiao, o4, year, "Subsidy", 500_000m);
        var o5 = await OrganizationAsync(tuqiao, shell);
        await IncomeAsync(tuqiao, o5, year, "Subsidy", 30_000m);
        var last = await IncomeAsync(tuqiao, o5, year, "Other", 2_000m);
        Assert.Equal(("Shell", 0m, 32_000m), (YearOf(last, year)["band"]!.GetValue<string>(), YearOf(last, year)["operating"]!.GetValue<decimal>(),
            YearOf(last, year)["total"]!.GetValue<decimal>()));
        // Recording the same source again corrects it.
        var corrected = await IncomeAsync(tuqiao, o1, year, "Rent", 40_000m);
        Assert.Equal(100_000m, YearOf(corrected, year)["operating"]!.GetValue<decimal>());

        var summary = await GetAsync(tuqiao, $"/api/v1/collective/summary?region={Township}&year={year}");
        int Figure(string key) => summary["byBand"]!.AsArray().Single(f => f!["key"]!.GetValue<string>() == key)!["villages"]!.GetValue<int>();
        Assert.Equal((100_000m, 1_000_000m), (summary["middleFrom"]!.GetValue<decimal>(), summary["highFrom"]!.GetValue<decimal>()));
        Assert.Equal((villages.Count - 4, 1, 2, 1), (Figure("Shell"), Figure("Low"), Figure("Middle"), Figure("High")));
        Assert.Equal(3, summary["atLeastMiddle"]!["villages"]!.GetValue<int>());
        Assert.Equal(villages.Count, summary["villages"]!["villages"]!.GetValue<int>());

        // Each figure's link lists exactly the villages it counts.
        var figures = summary["byBand"]!.AsArray().Append(summary["atLeastMiddle"]).Append(summary["organized"]).Append(summary["unorganized"])
            .Append(summary["villages"]).ToList();
        foreach (var f in figures)
        {
            var link = f!["link"]!.GetValue<string>();
            Assert.StartsWith("/projects/collective/villages?", link);
            var list = await GetAsync(tuqiao, "/api/v1/collective/villages" + link[link.IndexOf('?')..]);
            Assert.Equal(f["villages"]!.GetValue<int>(), list["items"]!.AsArray().Count);
        }
        string[] Listed(JsonNode list) => [.. list["items"]!.AsArray().Select(i => i!["villageCode"]!.GetValue<string>())];
        Assert.Equal([atMiddle, belowHigh], Listed(await GetAsync(tuqiao, $"/api/v1/collective/villages?region={Township}&year={year}&filter=Middle")));
        Assert.Equal([belowMiddle], Listed(await GetAsync(tuqiao, $"/api/v1/collective/villages?region={Township}&year={year}&filter=Low")));
        Assert.Equal([atHigh], Listed(await GetAsync(tuqiao, $"/api/v1/collective/villages?region={Township}&year={year}&filter=High")));
        Assert.Contains(shell, Listed(await GetAsync(tuqiao, $"/api/v1/collective/villages?region={Township}&year={year}&filter=Shell")));

        // A distribution is at most the year's income; the village shows it.
        Assert.Contains("超过", await FieldError(await tuqiao.PostAsJsonAsync($"/api/v1/collective/organizations/{o1}/distributions",
            new { year, toMembers = 60_000m, households = 120, toWelfare = 20_000m, retained = 20_000.01m }), "toMembers"));
        var shared = await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/collective/organizations/{o1}/distributions",
            new { year, toMembers = 60_000m, households = 120, toWelfare = 20_000m, retained = 20_000m }));
        Assert.Equal(100_000m, YearOf(shared, year)["distribution"]!["amount"]!.GetValue<decimal>());

        // Every write is audited under its Chinese name.
        var audit = (await GetAsync(await As("admin"), $"/api/v1/audit?entityType=CollectiveIncome&pageSize=50&q={Uri.EscapeDataString($"集体经济组织 {o1} {year}年")}"))["items"]!.AsArray();
        Assert.Equal(3, audit.Count);
    }

    [DbFact]
    public async Task Each_county_of_a_city_counts_its_villages_with_its_own_bands()
    {
        // A year no other test records: 铜梁区 keeps the default bands (10万), the city's other county counts from 5万.
        const int year = 2016;
        var admin = await As("admin");
        var places = await PlacesAsync();
        async Task<List<string>> Children(string code) =>
            (await GetAsync(admin, $"/api/v1/regions/{code}/children")).AsArray().Select(x => x!["code"]!.GetValue<string>()).ToList();
        var theirVillage = (await Children((await Children(places.OtherCounty)).Last())).Last(c => c.Length == 12);
        var ourVillage = (await TownshipVillagesAsync()).Last();
        var saved = (await GetAsync(admin, "/api/v1/collective/band-policies")).AsArray()
            .FirstOrDefault(r => r!["countyCode"]!.GetValue<string>() == places.OtherCounty && r["year"]!.GetValue<int>() == year);
        await Ok(await admin.PutAsJsonAsync($"/api/v1/collective/band-policies/{places.OtherCounty}/{year}"
            + (saved is null ? "" : $"?version={saved["version"]!.GetValue<int>()}"), new { middleFrom = 50_000m, highFrom = 500_000m }));
        foreach (var village in new[] { ourVillage, theirVillage })
            await IncomeAsync(admin, await OrganizationAsync(admin, village), year, "Operating", 60_000m);

        var city = County[..4];
        var summary = await GetAsync(admin, $"/api/v1/collective/summary?region={city}&year={year}");
        var figures = summary["byBand"]!.AsArray().Append(summary["atLeastMiddle"]).Append(summary["organized"]).Append(summary["unorganized"])
            .Append(summary["villages"]).ToList();
        var lists = new Dictionary<string, string[]>();
        foreach (var f in figures)
        {
            var link = f!["link"]!.GetValue<string>();
            var items = (await GetAsync(admin, "/api/v1/collective/villages" + link[link.IndexOf('?')..]))["items"]!.AsArray();
            Assert.Equal(f["villages"]!.GetValue<int>(), items.Count);
            lists[f["key"]!.GetValue<string>()] = [.. items.Select(i => i!["villageCode"]!.GetValue<string>())];
        }
        Assert.Contains(theirVillage, lists["Middle"]);
        Assert.Contains(ourVillage, lists["Low"]);
        Assert.DoesNotContain(ourVillage, lists["AtLeastMiddle"]);
        Assert.Equal(lists["All"].Length, lists["Shell"].Length + lists["Low"].Length + lists["Middle"].Length + lists["High"].Length);
        Assert.True(summary["operating"]!.GetValue<decimal>() >= 120_000m);
        // A county's own summary shows its thresholds.
        var theirs = await GetAsync(admin, $"/api/v1/collective/summary?region={places.OtherCounty}&year={year}");
        Assert.Equal((50_000m, 500_000m), (theirs["middleFrom"]!.GetValue<decimal>(), theirs["highFrom"]!.GetValue<decimal>()));
    }

    [DbFact]
    public async Task The_home_card_counts_the_users_villages_and_each_figure_opens_a_list_of_as_many()
    {
        var tuqiao = await As("tuqiao");
        var village = (await TownshipVillagesAsync())[^2];
        await IncomeAsync(tuqiao, await OrganizationAsync(tuqiao, village), ChinaToday.Year - 2, "Operating", 1_000_000m);

        var web = await SignInAsync("tuqiao");
        var html = await GetTextAsync(web, "/");
        Assert.Contains("id=\"collective-summary\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("collective-summary-empty", html, StringComparison.Ordinal);
        var figures = System.Text.RegularExpressions.Regex.Matches(html, "<a href=\"([^\"]+)\" data-figure=\"collective-([A-Za-z-]+)\">([0-9,]+)</a>")
            .ToDictionary(m => m.Groups[2].Value, m => (Link: WebUtility.HtmlDecode(m.Groups[1].Value), Count: int.Parse(m.Groups[3].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)));
        string[] keys = ["All", "Organized", "Unorganized", "Shell", "AtLeastMiddle", "band-Shell", "band-Low", "band-Middle", "band-High"];
        Assert.Equal(keys.Order(), figures.Keys.Order());
        // The card is the township's own summary, and every figure's list (the township's, never another's) has its count.
        var summary = await GetAsync(tuqiao, "/api/v1/collective/summary");
        Assert.Equal(summary["villages"]!["villages"]!.GetValue<int>(), figures["All"].Count);
        Assert.Equal(summary["organized"]!["villages"]!.GetValue<int>(), figures["Organized"].Count);
        Assert.True(figures["Organized"].Count >= 1);
        foreach (var (key, (link, count)) in figures)
        {
            Assert.StartsWith("/projects/collective/villages?", link);
            Assert.Contains($"region={Township}", link, StringComparison.Ordinal);
            var items = (await GetAsync(tuqiao, "/api/v1/collective/villages" + link[link.IndexOf('?')..]))["items"]!.AsArray();
            Assert.True(count == items.Count, $"{key}: the card shows {count}, its list has {items.Count}");
            Assert.All(items, i => Assert.StartsWith(Township, i!["villageCode"]!.GetValue<string>()));
            var page = await GetTextAsync(web, link);
            Assert.Contains($"<span id=\"village-count\">{count}</span>", page, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await web.GetAsync($"/?region={(await PlacesAsync()).OtherTownship}")).StatusCode);
    }

    [DbFact]
    public async Task The_home_card_of_a_place_without_organisations_or_income_says_where_to_register_them()
    {
        var admin = await As("admin");
        var places = await PlacesAsync();
        var townships = (await GetAsync(admin, $"/api/v1/regions/{places.OtherCounty}/children")).AsArray().Select(x => x!["code"]!.GetValue<string>()).ToList();
        var villages = (await GetAsync(admin, $"/api/v1/regions/{townships[townships.Count / 2]}/children")).AsArray()
            .Select(x => x!["code"]!.GetValue<string>()).Where(c => c.Length == 12).ToList();
        string? empty = null;
        foreach (var v in villages)
            if (await GetAsync(admin, $"/api/v1/collective/summary?region={v}") is var s
                && s["organized"]!["villages"]!.GetValue<int>() == 0 && s["total"]!.GetValue<decimal>() == 0)
            {
                empty = v;
                break;
            }
        Assert.NotNull(empty);
        var html = await GetTextAsync(await SignInAsync("admin"), $"/?region={empty}");
        Assert.Contains("id=\"collective-summary-empty\"", html, StringComparison.Ordinal);
        Assert.Contains("尚未登记村集体经济组织和收入", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/projects/collective?region={empty}\"", html, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task An_organisation_is_corrected_with_the_version_read_checked_and_audited()
    {
        var tuqiao = await As("tuqiao");
        var village = (await TownshipVillagesAsync())[^3];
        var id = await OrganizationAsync(tuqiao, village);
        var version = (await GetAsync(tuqiao, $"/api/v1/collective/villages/{village}"))["organization"]!["version"]!.GetValue<int>();
        var name = "股份经济合作社" + NewName();
        object Edit(int v, Action<JsonObject>? change = null)
        {
            var o = new JsonObject { ["version"] = v, ["name"] = name, ["creditCode"] = "91350100m000100y43", ["establishedOn"] = "2015-01-01", ["members"] = 900 };
            change?.Invoke(o);
            return o;
        }
        var edited = (await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/collective/organizations/{id}/update", Edit(version))))["organization"]!;
        Assert.Equal((name, "91350100M000100Y43", 900, version + 1, "tuqiao"), (edited["name"]!.GetValue<string>(), edited["creditCode"]!.GetValue<string>(),
            edited["members"]!.GetValue<int>(), edited["version"]!.GetValue<int>(), edited["updatedBy"]!.GetValue<string>()));
        // The version read before is stale: 409, naming who saved meanwhile.
        var stale = await tuqiao.PostAsJsonAsync($"/api/v1/collective/organizations/{id}/update", Edit(version));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("已被", await stale.Content.ReadAsStringAsync());

        // Bad input is a 400 naming the field, in Chinese.
        var now = version + 1;
        async Task<string> Refused(Action<JsonObject> change, string field) =>
            await FieldError(await tuqiao.PostAsJsonAsync($"/api/v1/collective/organizations/{id}/update", Edit(now, change)), field);
        Assert.Contains("校验码", await Refused(o => o["creditCode"] = "91350100M000100Y44", "creditCode"));
        Assert.Contains("组织名称", await Refused(o => o["name"] = " ", "name"));
        Assert.Contains("不能超过100个字", await Refused(o => o["name"] = new string('社', 101), "name"));
        Assert.Contains("成员人数", await Refused(o => o["members"] = 0, "members"));
        Assert.Contains("成立日期", await Refused(o => o["establishedOn"] = ChinaToday.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "establishedOn"));
        await IncomeAsync(tuqiao, id, 2016, "Rent", 1_000m);
        Assert.Contains("2016年", await Refused(o => o["establishedOn"] = "2019-01-01", "establishedOn"));
        Assert.Equal(HttpStatusCode.BadRequest, (await tuqiao.PostAsync($"/api/v1/collective/organizations/{id}/update",
            new StringContent("{\"version\":\"x\"}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync("/api/v1/collective/organizations/999999999/update", Edit(1))).StatusCode);
        // A village officer reads, does not correct.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await As("village")).PostAsJsonAsync($"/api/v1/collective/organizations/{id}/update", Edit(now))).StatusCode);

        var audit = (await GetAsync(await As("admin"), $"/api/v1/audit?entityType=CollectiveOrganization&pageSize=50&q={Uri.EscapeDataString(name)}"))["items"]!.AsArray();
        Assert.Single(audit);
    }

    [DbFact]
    public async Task A_base_is_corrected_with_the_version_read_and_another_townships_organisation_and_base_are_not_found()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var county = await As("tl_admin");
        JsonObject Base(string region, string village, Action<JsonObject>? change = null)
        {
            var b = new JsonObject
            {
                ["regionCode"] = region, ["name"] = "基地" + NewName(), ["product"] = "柑橘", ["areaMu"] = 50m, ["villageCodes"] = new JsonArray(village),
                ["households"] = 30, ["poorHouseholds"] = 3, ["operators"] = "柑橘专业合作社", ["linkMethod"] = "LandTransfer", ["projectIds"] = new JsonArray(),
            };
            change?.Invoke(b);
            return b;
        }
        var made = await Ok(await tuqiao.PostAsJsonAsync("/api/v1/industry/bases", Base(Township, places.HomeVillage)), HttpStatusCode.Created);
        var id = made["id"]!.GetValue<long>();
        Assert.Equal(1, made["version"]!.GetValue<int>());
        var name = "柑橘基地" + NewName();
        JsonObject Edit(int version, Action<JsonObject>? change = null)
        {
            var b = Base(Township, places.HomeVillage);
            b.Remove("regionCode");
            b["version"] = version;
            b["name"] = name;
            b["areaMu"] = 99.5m;
            b["villageCodes"] = new JsonArray(places.HomeVillage, places.SecondVillage);
            change?.Invoke(b);
            return b;
        }
        var edited = await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/industry/bases/{id}/update", Edit(1)));
        Assert.Equal((name, 99.5m, 2, 2, Township), (edited["name"]!.GetValue<string>(), edited["areaMu"]!.GetValue<decimal>(),
            edited["villageCodes"]!.AsArray().Count, edited["version"]!.GetValue<int>(), edited["regionCode"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Conflict, (await tuqiao.PostAsJsonAsync($"/api/v1/industry/bases/{id}/update", Edit(1))).StatusCode);
        async Task<string> Refused(Action<JsonObject> change, string field) =>
            await FieldError(await tuqiao.PostAsJsonAsync($"/api/v1/industry/bases/{id}/update", Edit(2, change)), field);
        Assert.Contains("不能超过带动户数", await Refused(b => b["poorHouseholds"] = 31, "poorHouseholds"));
        Assert.Contains("不在范围内", await Refused(b => b["villageCodes"] = new JsonArray(places.OtherTownshipVillage), "villageCodes"));
        Assert.Contains("不能超过100个字", await Refused(b => b["name"] = new string('基', 101), "name"));
        Assert.Contains("面积", await Refused(b => b["areaMu"] = -1m, "areaMu"));
        Assert.Contains("项目", await Refused(b => b["projectIds"] = new JsonArray(999_999_999L), "projectIds"));
        Assert.Equal(HttpStatusCode.BadRequest, (await tuqiao.PostAsJsonAsync($"/api/v1/industry/bases/{id}/update", Edit(2, b => b["linkMethod"] = "Magic"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await As("village")).PostAsJsonAsync($"/api/v1/industry/bases/{id}/update", Edit(2))).StatusCode);
        var audit = (await GetAsync(await As("admin"), $"/api/v1/audit?entityType=IndustryBase&pageSize=50&q={Uri.EscapeDataString(name)}"))["items"]!.AsArray();
        Assert.Single(audit);

        // Another township's organisation and base: not found for the township user, through the API and the pages.
        var other = (await GetAsync(await As("admin"), $"/api/v1/regions/{places.OtherTownship}/children")).AsArray()
            .Select(x => x!["code"]!.GetValue<string>()).Where(c => c.Length == 12).Skip(2).First();
        var theirOrg = await OrganizationAsync(county, other);
        var theirBase = (await Ok(await county.PostAsJsonAsync("/api/v1/industry/bases", Base(places.OtherTownship, other)), HttpStatusCode.Created))["id"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync($"/api/v1/collective/organizations/{theirOrg}/update",
            new { version = 1, name = "x", establishedOn = "2015-01-01", members = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync($"/api/v1/industry/bases/{theirBase}/update", Edit(1))).StatusCode);
        var web = await SignInAsync("tuqiao");
        Assert.Equal(HttpStatusCode.NotFound, (await web.GetAsync($"/projects/industry/bases/{theirBase}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.GetAsync($"/projects/collective/village/{other}")).StatusCode);
        var page = await GetTextAsync(web, $"/projects/industry/bases/{id}/edit");
        Assert.Contains(name, page);
        Assert.Contains("name=\"Version\" value=\"2\"", page);
        AntiforgeryToken(page, "产业基地");
        // The county corrects the other township's base.
        Assert.Equal(2, (await Ok(await county.PostAsJsonAsync($"/api/v1/industry/bases/{theirBase}/update", Edit(1, b => b["villageCodes"] = new JsonArray(other)))))["version"]!.GetValue<int>());
    }

    [DbFact]
    public async Task A_paid_asset_distribution_with_a_share_to_the_village_collective_is_the_collectives_asset_income()
    {
        var year = ChinaToday.Year - 4;
        var village = (await TownshipVillagesAsync())[5];
        var tuqiao = await As("tuqiao");
        var county = await As("tl_admin");
        var org = await OrganizationAsync(tuqiao, village);
        await IncomeAsync(tuqiao, org, year, "Operating", 90_000m);
        Assert.Equal("Low", YearOf(await GetAsync(tuqiao, $"/api/v1/collective/villages/{village}"), year)["band"]!.GetValue<string>());

        var asset = await Ok(await tuqiao.PostAsJsonAsync("/api/v1/assets", new
        {
            name = "光伏电站" + NewName(), @class = "Operating", villageCode = village, quantity = 1, unit = "座", value = 300_000m,
            owner = "VillageCollective", registeredOn = "2019-06-30",
        }), HttpStatusCode.Created);
        var assetId = asset["asset"]!["id"]!.GetValue<long>();
        var proposed = await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/assets/{assetId}/incomes",
            new { year, amount = 15_000m, toCollective = 10_000m, toJobs = 5_000m, dividends = Array.Empty<object>() }));
        var incomeId = proposed["incomes"]![0]!["id"]!.GetValue<long>();
        // Proposed or approved is not yet the collective's income: only what is paid.
        Assert.Equal(0m, YearOf(await GetAsync(tuqiao, $"/api/v1/collective/villages/{village}"), year)["incomes"]!.AsArray()
            .Single(i => i!["source"]!.GetValue<string>() == "AssetIncome")!["amount"]!.GetValue<decimal>());
        await Ok(await county.PostAsJsonAsync($"/api/v1/assets/incomes/{incomeId}/approve", new { version = 1 }));
        await Ok(await county.PostAsJsonAsync($"/api/v1/assets/incomes/{incomeId}/pay", new { version = 2, paidOn = Today }));

        var view = YearOf(await GetAsync(tuqiao, $"/api/v1/collective/villages/{village}"), year);
        var assetIncome = view["incomes"]!.AsArray().Single(i => i!["source"]!.GetValue<string>() == "AssetIncome")!;
        Assert.Equal((10_000m, true), (assetIncome["amount"]!.GetValue<decimal>(), assetIncome["computed"]!.GetValue<bool>()));
        Assert.Equal((100_000m, "Middle"), (view["operating"]!.GetValue<decimal>(), view["band"]!.GetValue<string>()));
        var row = (await GetAsync(tuqiao, $"/api/v1/collective/villages?region={village}&year={year}"))["items"]![0]!;
        Assert.Equal((10_000m, 100_000m), (row["assetIncome"]!.GetValue<decimal>(), row["operating"]!.GetValue<decimal>()));
        // 资产收益 is read, never typed.
        Assert.Contains("自动计入", await FieldError(await tuqiao.PostAsJsonAsync($"/api/v1/collective/organizations/{org}/incomes",
            new { year, source = "AssetIncome", amount = 1m }), "source"));
    }

    [DbFact]
    public async Task Another_townships_organisation_and_base_are_not_found_and_bad_input_is_a_400()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var tuqiao = await As("tuqiao");
        var year = ChinaToday.Year - 1;
        // Another village of the other township than the scope walk's.
        var other = (await GetAsync(await As("admin"), $"/api/v1/regions/{places.OtherTownship}/children")).AsArray()
            .Select(x => x!["code"]!.GetValue<string>()).Where(c => c.Length == 12).Skip(1).First();
        var theirs = await OrganizationAsync(county, other);
        await IncomeAsync(county, theirs, year, "Rent", 123_456m);
        var project = await Ok(await county.PostAsJsonAsync("/api/v1/projects", new
        {
            name = "外镇蔬菜基地项目" + NewName(), year = ChinaToday.Year, villageCodes = new[] { other }, category = "Industry",
            subType = "蔬菜大棚", implementingUnit = "外镇合作社", plannedStart = $"{ChinaToday.Year}-03-01", plannedEnd = $"{ChinaToday.Year}-10-31",
            targetHouseholds = 1, targetJobs = 0, targetIncomePerHousehold = 0, budget = new[] { new { source = "CentralBridging", amount = 10_000m } },
        }), HttpStatusCode.Created);
        var projectId = project["project"]!["id"]!.GetValue<long>();
        var industry = await county.PostAsJsonAsync("/api/v1/industry/industries", new { countyCode = County, name = "精品蔬菜" + NewName(), product = "莴笋" });
        var industryId = (await Ok(industry, HttpStatusCode.Created))["id"]!.GetValue<long>();
        var baseName = "外镇基地" + NewName();
        JsonObject Base(Action<JsonObject>? change = null)
        {
            var b = new JsonObject
            {
                ["regionCode"] = places.OtherTownship, ["industryId"] = industryId, ["name"] = baseName, ["product"] = "莴笋", ["areaMu"] = 320.5m,
                ["villageCodes"] = new JsonArray(other), ["households"] = 120, ["poorHouseholds"] = 18,
                ["operators"] = "外镇蔬菜专业合作社", ["linkMethod"] = "Orders", ["projectIds"] = new JsonArray(projectId),
            };
            change?.Invoke(b);
            return b;
        }
        var made = await Ok(await county.PostAsJsonAsync("/api/v1/industry/bases", Base()), HttpStatusCode.Created);
        var baseId = made["id"]!.GetValue<long>();
        Assert.Equal((320.5m, projectId), (made["areaMu"]!.GetValue<decimal>(), made["projects"]![0]!["id"]!.GetValue<long>()));

        // The township user: 404 on the other township's village, organisation and base; absent from its lists.
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.GetAsync($"/api/v1/collective/villages/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync($"/api/v1/collective/organizations/{theirs}/incomes",
            new { year, source = "Rent", amount = 1m })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync($"/api/v1/collective/organizations/{theirs}/distributions",
            new { year, toMembers = 0m, households = 0, toWelfare = 1m, retained = 0m })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.GetAsync($"/api/v1/industry/bases/{baseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.GetAsync($"/api/v1/collective/summary?region={places.OtherTownship}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tuqiao.PostAsJsonAsync("/api/v1/collective/organizations",
            new { villageCode = other, name = "x", establishedOn = "2019-01-01", members = 1 })).StatusCode);
        Assert.DoesNotContain((await GetAsync(tuqiao, "/api/v1/industry"))["bases"]!.AsArray(), b => b!["id"]!.GetValue<long>() == baseId);
        Assert.DoesNotContain((await GetAsync(tuqiao, $"/api/v1/collective/villages?year={year}"))["items"]!.AsArray(),
            v => v!["organizationId"]?.GetValue<long>() == theirs);
        Assert.Contains((await GetAsync(county, $"/api/v1/industry?region={places.OtherTownship}"))["bases"]!.AsArray(), b => b!["id"]!.GetValue<long>() == baseId);
        Assert.Equal(123_456m, (await GetAsync(county, $"/api/v1/collective/villages?region={other}&year={year}"))["items"]![0]!["operating"]!.GetValue<decimal>());
        // A village officer reads but records no base.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await As("village")).PostAsJsonAsync("/api/v1/industry/bases", Base())).StatusCode);

        // Bad input is a 400 with the field named, never a 500.
        Assert.Equal(HttpStatusCode.BadRequest, (await county.GetAsync($"/api/v1/collective/villages?filter=Nope")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.GetAsync($"/api/v1/collective/summary?year=abc")).StatusCode);
        Assert.Contains("年度", await FieldError(await county.GetAsync("/api/v1/collective/summary?year=1990"), "year"));
        Assert.Equal(HttpStatusCode.BadRequest, (await county.PostAsync("/api/v1/collective/organizations", new StringContent("", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.PostAsJsonAsync($"/api/v1/collective/organizations/{theirs}/incomes", new { year, source = "Gold", amount = 1m })).StatusCode);
        Assert.Contains("两位小数", await FieldError(await county.PostAsJsonAsync($"/api/v1/collective/organizations/{theirs}/incomes",
            new { year, source = "Rent", amount = 0.001m }), "amount"));
        Assert.Contains("负数", await FieldError(await county.PostAsJsonAsync($"/api/v1/collective/organizations/{theirs}/incomes",
            new { year, source = "Rent", amount = -1m }), "amount"));
        Assert.Contains("年度", await FieldError(await county.PostAsJsonAsync($"/api/v1/collective/organizations/{theirs}/incomes",
            new { year = 2014, source = "Rent", amount = 1m }), "year"));
        Assert.Contains("校验码", await FieldError(await county.PostAsJsonAsync("/api/v1/collective/organizations",
            new { villageCode = places.HomeVillage, name = "某村股份经济合作社", creditCode = "91350100M000100Y44", establishedOn = "2019-01-01", members = 10 }), "creditCode"));
        Assert.Equal(HttpStatusCode.Conflict, (await county.PostAsJsonAsync("/api/v1/collective/organizations",
            new { villageCode = other, name = "重复", establishedOn = "2019-01-01", members = 10 })).StatusCode);
        Assert.Contains("村", await FieldError(await county.PostAsJsonAsync("/api/v1/collective/organizations",
            new { villageCode = Township, name = "x", establishedOn = "2019-01-01", members = 10 }), "villageCode"));
        Assert.Contains("不能超过100个字", await FieldError(await county.PostAsJsonAsync("/api/v1/industry/bases", Base(b => b["name"] = new string('基', 101))), "name"));
        Assert.Contains("不在范围内", await FieldError(await county.PostAsJsonAsync("/api/v1/industry/bases",
            Base(b => b["villageCodes"] = new JsonArray(places.HomeVillage))), "villageCodes"));
        Assert.Contains("不能超过带动户数", await FieldError(await county.PostAsJsonAsync("/api/v1/industry/bases", Base(b => b["poorHouseholds"] = 121)), "poorHouseholds"));
        Assert.Contains("面积", await FieldError(await county.PostAsJsonAsync("/api/v1/industry/bases", Base(b => b["areaMu"] = 0)), "areaMu"));
        Assert.Contains("项目", await FieldError(await county.PostAsJsonAsync("/api/v1/industry/bases", Base(b => b["projectIds"] = new JsonArray(999_999_999L))), "projectIds"));
        Assert.Equal(HttpStatusCode.BadRequest, (await county.PostAsJsonAsync("/api/v1/industry/bases", Base(b => b["linkMethod"] = "Magic"))).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCollectiveApiTests(SqliteApp app) : CollectiveApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCollectiveApiTests(PostgresApp app) : CollectiveApiTests(app);
