namespace Jingzhun.IntegrationTests;

/// <summary>
/// Problems that stay fixed and the separation of duties: a verified rule-found problem is not found again while its
/// facts stay the same; the person who resolved a problem does not verify it (unless the county lets small villages
/// combine roles); a county may require a photo to resolve problems of a dimension.
/// </summary>
public abstract partial class GuaranteesApiTests
{
    /// <summary>Changes a household's facts through the registry API (the registry change re-assesses it).</summary>
    private static async Task SetFactsAsync(HttpClient c, long householdId, Action<JsonObject> change)
    {
        var view = await GetAsync(c, $"/api/v1/households/{householdId}");
        var facts = view["household"]!.AsObject().DeepClone().AsObject();
        change(facts);
        await Ok(await c.PutAsJsonAsync($"/api/v1/households/{householdId}", new { household = facts, version = view["version"]!.GetValue<int>() }));
    }

    /// <summary>Sets the duty rules of a county for this year (the national administrator may set any county).</summary>
    private async Task SetDutiesAsync(string county, int maxHouseholds, string photoDimensions)
    {
        var admin = await As("admin");
        var year = DateTime.UtcNow.AddHours(8).Year;
        var rows = (await GetAsync(admin, "/api/v1/guarantees/duty-policies")).AsArray();
        var row = rows.FirstOrDefault(r => r!["countyCode"]!.GetValue<string>() == county && r["year"]!.GetValue<int>() == year);
        var version = row?["version"]!.GetValue<int>();
        await Ok(await admin.PutAsJsonAsync($"/api/v1/guarantees/duty-policies/{county}/{year}{(version is { } v ? $"?version={v}" : "")}",
            new { combinedDutiesMaxHouseholds = maxHouseholds, photoEvidenceDimensions = photoDimensions }));
    }

    [DbFact]
    public async Task A_verified_rule_problem_is_not_found_again_while_its_facts_stay_the_same_and_is_found_again_when_they_fail_anew()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var tuqiao = await As("tuqiao");
        var h = await RegisterWithAsync(county, places.SecondVillage, GoodFacts(f => f["housingGrade"] = "D"));
        var first = await OnlyProblemAsync(county, h.Id, "Housing");
        await WalkAsync(county, first, "Verified");

        // 重新研判 of the village, and a change to another fact of the household: the verified gap is not opened again.
        await SweepAsync(tuqiao, places.SecondVillage);
        await SetFactsAsync(county, h.Id, f => f["address"] = "重新核实后的住址 8 号");
        var problems = await ProblemsOfAsync(county, h.Id);
        Assert.Equal([first], problems.Select(p => p!["id"]!.GetValue<long>()));
        Assert.Equal("Verified", Assert.Single(problems)!["status"]!.GetValue<string>());
        Assert.Equal("Fail", Dim(await PanelAsync(county, h.Id), "Housing")["verdict"]!.GetValue<string>());

        // Repaired (grade B) and later found dangerous again: a new problem, once.
        await SetFactsAsync(county, h.Id, f => f["housingGrade"] = "B");
        Assert.Equal("Pass", Dim(await PanelAsync(county, h.Id), "Housing")["verdict"]!.GetValue<string>());
        await SetFactsAsync(county, h.Id, f => f["housingGrade"] = "C");
        var again = Assert.Single(await ProblemsOfAsync(county, h.Id), p => p!["status"]!.GetValue<string>() == "Pending")!;
        Assert.Equal("Rule", again["source"]!.GetValue<string>());
        Assert.Contains("C级", again["description"]!.GetValue<string>());
        await SweepAsync(tuqiao, places.SecondVillage);
        Assert.Equal(2, (await ProblemsOfAsync(county, h.Id)).Count);
    }

    [DbFact]
    public async Task The_person_who_resolved_a_problem_neither_verifies_nor_returns_it_unless_the_county_lets_small_villages_combine_roles()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var tuqiao = await As("tuqiao");
        var h = await RegisterWithAsync(admin, places.SecondVillage, GoodFacts(f => f["foodSecure"] = false));
        var id = await OnlyProblemAsync(tuqiao, h.Id, "Food");
        // The township officer holds both duties: assigns, works and resolves it …
        var view = await WalkAsync(tuqiao, id, "Resolved");
        Assert.Equal("tuqiao", view["resolvedBy"]!.GetValue<string>());

        // … but is not offered the verification, and is refused it through the API.
        view = await GetAsync(tuqiao, $"/api/v1/problems/{id}");
        Assert.Empty(view["nextSteps"]!.AsArray());
        Assert.Contains("不同的人", view["dutyNote"]!.GetValue<string>());
        var version = view["problem"]!["version"]!.GetValue<int>();
        Assert.Contains("整改与核验须由不同的人办理", (await Problem(await StepAsync(tuqiao, id, "Verify", version), HttpStatusCode.Forbidden))["title"]!.GetValue<string>());
        await Problem(await StepAsync(tuqiao, id, "Return", version, b => b["reason"] = "自己退回"), HttpStatusCode.Forbidden);

        // Another person verifies it.
        var county = await As("tl_admin");
        Assert.Equal(["Verify", "Return"], (await GetAsync(county, $"/api/v1/problems/{id}"))["nextSteps"]!.AsArray().Select(s => s!.GetValue<string>()));
        view = await DoAsync(county, id, "Verify", version);
        Assert.Equal("tl_admin", view["verifiedBy"]!.GetValue<string>());

        // A county that lets villages up to this one's size combine roles: the resolver verifies their own work.
        var other = await RegisterWithAsync(admin, places.SecondVillage, GoodFacts(f => f["foodSecure"] = false));
        var second = await OnlyProblemAsync(tuqiao, other.Id, "Food");
        await WalkAsync(tuqiao, second, "Resolved");
        var villageHouseholds = (await GetAsync(admin, $"/api/v1/households?pageSize=1&region={places.SecondVillage}"))["total"]!.GetValue<int>();
        Assert.InRange(villageHouseholds, 1, 5000);
        var countyCode = places.SecondVillage[..6];
        try
        {
            await SetDutiesAsync(countyCode, villageHouseholds - 1, "");
            await Problem(await StepAsync(tuqiao, second, "Verify", 4), HttpStatusCode.Forbidden); // one household too many
            await SetDutiesAsync(countyCode, villageHouseholds, "");
            Assert.Contains("Verify", (await GetAsync(tuqiao, $"/api/v1/problems/{second}"))["nextSteps"]!.AsArray().Select(s => s!.GetValue<string>()));
            Assert.Equal("Verified", (await DoAsync(tuqiao, second, "Verify", 4))["problem"]!["status"]!.GetValue<string>());
        }
        finally
        {
            await SetDutiesAsync(countyCode, 0, "");
        }
    }

    [DbFact]
    public async Task A_county_that_asks_for_a_photo_refuses_a_resolution_of_that_dimension_without_one()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var village = places.OtherCountyVillage;
        var h = await RegisterWithAsync(admin, village, GoodFacts(f => { f["housingGrade"] = "D"; f["foodSecure"] = false; }));
        var housing = await OnlyProblemAsync(admin, h.Id, "Housing");
        var food = await OnlyProblemAsync(admin, h.Id, "Food");
        await WalkAsync(admin, housing, "InProgress");
        await WalkAsync(admin, food, "InProgress");
        var county = village[..6];
        try
        {
            await SetDutiesAsync(county, 0, "住房安全");
            Assert.True((await GetAsync(admin, $"/api/v1/problems/{housing}"))["photoRequired"]!.GetValue<bool>());
            Assert.Contains("须上传佐证照片", await FieldError(await StepAsync(admin, housing, "Resolve", 3, Resolution), "photoIds"));
            // Another dimension needs none; with a photo the housing problem is resolved.
            await DoAsync(admin, food, "Resolve", 3, Resolution);
            var photoId = (await Ok(await UploadAsync(admin, TinyPng(), "house.png", "image/png"), HttpStatusCode.Created))["id"]!.GetValue<string>();
            var view = await DoAsync(admin, housing, "Resolve", 3, b => { Resolution(b); b["photoIds"] = new JsonArray(photoId); });
            Assert.Equal("Resolved", view["problem"]!["status"]!.GetValue<string>());

            // The rule names dimensions the county knows.
            var year = DateTime.UtcNow.AddHours(8).Year;
            var rows = (await GetAsync(admin, "/api/v1/guarantees/duty-policies")).AsArray();
            var v = rows.First(r => r!["countyCode"]!.GetValue<string>() == county && r["year"]!.GetValue<int>() == year)!["version"]!.GetValue<int>();
            Assert.Contains("住房安全", await FieldError(await admin.PutAsJsonAsync($"/api/v1/guarantees/duty-policies/{county}/{year}?version={v}",
                new { combinedDutiesMaxHouseholds = 0, photoEvidenceDimensions = "住房" }), "photoEvidenceDimensions"));
        }
        finally
        {
            await SetDutiesAsync(county, 0, "");
        }
    }
}

public abstract partial class GuaranteesApiTests
{
    [DbFact]
    public async Task The_household_history_and_the_audit_log_name_a_problem_s_changes_in_chinese_with_the_person_s_name_and_unit()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var h = await RegisterWithAsync(county, places.SecondVillage, GoodFacts(f => f["foodSecure"] = false));
        var id = await OnlyProblemAsync(county, h.Id, "Food");
        await WalkAsync(county, id, "Assigned");

        var browser = await SignInAsync("tl_admin");
        foreach (var page in new[] { $"/households/{h.Id}", $"/admin/audit?householdId={h.Id}" })
        {
            var html = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync(page));
            Assert.Contains("两不愁三保障问题", html);
            Assert.Contains("已交办", html);
            Assert.Contains("铜梁区乡村振兴局 管理员", html);   // the account's name and unit, not its login
            Assert.DoesNotContain(">tl_admin<", html);
            Assert.DoesNotContain("Assigned", html);
            Assert.DoesNotContain("AssignedUnit", html);
        }
    }
}
