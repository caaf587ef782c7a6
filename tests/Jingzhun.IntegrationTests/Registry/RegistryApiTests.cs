using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jingzhun.IntegrationTests.Infrastructure;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.Rules;

namespace Jingzhun.IntegrationTests;

/// <summary>The registry through HTTP: households, members, incomes, search, export, validation, masking.</summary>
public abstract class RegistryApiTests(TestApp app) : ApiTests(app)
{
    private static string Mask(string id) => IdNumberRule.Mask(id);

    [DbFact]
    public async Task Registering_a_household_numbers_it_from_its_village_and_shows_it_masked()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var h = await RegisterAsync(tuqiao, places.SecondVillage);

        Assert.Matches($"^{places.SecondVillage}\\d{{4}}$", h.Number);
        Assert.Empty(h.Body["warnings"]!.AsArray());
        var detail = await GetAsync(tuqiao, $"/api/v1/households/{h.Id}");
        Assert.Equal(h.Number, detail["householdNumber"]!.GetValue<string>());
        Assert.Equal(places.SecondVillage, detail["villageCode"]!.GetValue<string>());
        Assert.Equal(h.HeadName, detail["headName"]!.GetValue<string>());
        Assert.Equal(1, detail["size"]!.GetValue<int>());
        Assert.Equal(1, detail["version"]!.GetValue<int>());
        Assert.Equal("tuqiao", detail["updatedBy"]!.GetValue<string>());
        Assert.Equal("Exited", detail["household"]!["status"]!.GetValue<string>());
        Assert.Equal("Illness", detail["household"]!["mainCause"]!.GetValue<string>());
        Assert.Equal("138****5678", detail["household"]!["phone"]!.GetValue<string>());
        var head = detail["members"]!.AsArray().Single()!;
        Assert.Equal("Head", head["facts"]!["relationship"]!.GetValue<string>());
        Assert.Equal(Mask(h.HeadId), head["idNumberMasked"]!.GetValue<string>());
        Assert.Equal("Male", head["facts"]!["gender"]!.GetValue<string>());

        var second = await RegisterAsync(tuqiao, places.SecondVillage);
        Assert.Equal(long.Parse(h.Number[12..]) + 1, long.Parse(second.Number[12..]));
    }

    [DbFact]
    public async Task Validation_errors_name_the_field_and_say_what_is_wrong()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        Task<HttpResponseMessage> Post(object household, JsonObject head, string? village = null) =>
            tuqiao.PostAsJsonAsync("/api/v1/households", new { villageCode = village ?? places.HomeVillage, household, head });

        // Bad check character.
        var valid = NewIdNumber();
        var badCheck = valid[..17] + (valid[17] == '0' ? '1' : '0');
        Assert.Contains("校验位", await FieldError(await Post(Facts(), Person(NewName(), badCheck)), "head.idNumber"));

        // A date that does not exist (31 February), with a correct check character.
        var first17 = "500151" + "19900231" + "123";
        var badDate = first17 + IdNumberRule.CheckCharacter(first17);
        Assert.Contains("不是有效日期", await FieldError(await Post(Facts(), Person(NewName(), badDate)), "head.idNumber"));

        // Gender that contradicts the number.
        var woman = Person(NewName(), NewIdNumber(gender: Gender.Female));
        woman["gender"] = "Male";
        Assert.Contains("性别与身份证号码不符", await FieldError(await Post(Facts(), woman), "head.gender"));

        // Household facts: exit before identification.
        var facts = Facts();
        facts["identifiedYear"] = 2018;
        facts["exitYear"] = 2016;
        Assert.Contains("脱贫年度", await FieldError(await Post(facts, Person(NewName(), NewIdNumber())), "household.exitYear"));

        // A township is not a village.
        Assert.Contains("村", await FieldError(await Post(Facts(), Person(NewName(), NewIdNumber()), Township), "villageCode"));

        // None of the refused requests left a household behind.
        var name = NewName();
        await Post(facts, Person(name, NewIdNumber()));
        Assert.Empty(await ListIdsAsync(tuqiao, "q=" + name));
    }

    [DbFact]
    public async Task Texts_are_saved_up_to_their_column_s_length_and_one_character_more_is_refused_naming_the_field()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        Task<HttpResponseMessage> Register(JsonObject facts, JsonObject head) =>
            tuqiao.PostAsJsonAsync("/api/v1/households", new { villageCode = places.HomeVillage, household = facts, head });
        JsonObject With(JsonObject o, string key, JsonNode value) { o[key] = value; return o; }

        await TextLimitAsync("household.address", 200, t => Register(With(Facts(), "address", t), Person(NewName(), NewIdNumber())));
        await TextLimitAsync("household.settlementSite", 100, t =>
            Register(With(With(Facts(), "isRelocated", true), "settlementSite", t), Person(NewName(), NewIdNumber())));
        await TextLimitAsync("head.name", 50, t => Register(Facts(), Person(t, NewIdNumber())));

        var h = await RegisterAsync(tuqiao, places.HomeVillage);
        async Task<int> VersionAsync() => (await GetAsync(tuqiao, $"/api/v1/households/{h.Id}"))["version"]!.GetValue<int>();
        await TextLimitAsync("household.address", 200, async t =>
            await tuqiao.PutAsJsonAsync($"/api/v1/households/{h.Id}", new { household = With(Facts(), "address", t), version = await VersionAsync() }));
        await TextLimitAsync("member.name", 50, t =>
            tuqiao.PostAsJsonAsync($"/api/v1/households/{h.Id}/members", new { member = Person(t, NewIdNumber(), "Son") }));

        var sonId = NewIdNumber();
        var son = await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/households/{h.Id}/members", new { member = Person(NewName(), sonId, "Son") }),
            HttpStatusCode.Created);
        var sonMember = $"/api/v1/members/{son["id"]!.GetValue<long>()}";
        async Task<int> SonVersionAsync() => (await GetAsync(tuqiao, $"/api/v1/households/{h.Id}/members")).AsArray()
            .Single(m => m!["id"]!.GetValue<long>() == son["id"]!.GetValue<long>())!["version"]!.GetValue<int>();
        await TextLimitAsync("member.name", 50, async t =>
            await tuqiao.PutAsJsonAsync(sonMember, new { member = Person(t, sonId, "Son"), version = await SonVersionAsync() }));
        await TextLimitAsync("note", 200, async t =>
            await tuqiao.PostAsJsonAsync($"{sonMember}/removal", new { reason = "MovedOut", date = "2024-03-01", note = t, version = await SonVersionAsync() }));
    }

    [DbFact]
    public async Task An_id_number_from_another_province_is_only_a_warning()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var beijing = NewIdNumber("110105", Gender.Female);
        var h = await RegisterAsync(tuqiao, places.HomeVillage, headId: beijing);

        var warning = Assert.Single(h.Body["warnings"]!.AsArray())!.GetValue<string>();
        Assert.Contains("110105", warning);
        Assert.Contains("不属于本省", warning);
        var detail = await GetAsync(tuqiao, $"/api/v1/households/{h.Id}");
        Assert.Equal("Female", detail["members"]![0]!["facts"]!["gender"]!.GetValue<string>());
    }

    [DbFact]
    public async Task A_person_cannot_belong_to_two_households_and_the_other_household_is_named_only_within_scope()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var tuqiao = await As("tuqiao");

        // Outside tuqiao's township: the refusal does not reveal where the person is registered.
        var far = await RegisterAsync(admin, places.OtherCountyVillage);
        var r = await tuqiao.PostAsJsonAsync("/api/v1/households",
            new { villageCode = places.HomeVillage, household = Facts(), head = Person(NewName(), far.HeadId) });
        var hidden = await FieldError(r, "head.idNumber");
        Assert.Contains("其他地区", hidden);
        Assert.DoesNotContain(far.Number, hidden);

        // The system administrator sees everything: the message names the household.
        r = await admin.PostAsJsonAsync("/api/v1/households",
            new { villageCode = places.HomeVillage, household = Facts(), head = Person(NewName(), far.HeadId) });
        Assert.Contains(far.Number, await FieldError(r, "head.idNumber"));

        // Inside the township, adding the head of one household as a member of another names the first.
        var near = await RegisterAsync(tuqiao, places.SecondVillage);
        var other = await RegisterAsync(tuqiao, places.HomeVillage);
        r = await tuqiao.PostAsJsonAsync($"/api/v1/households/{other.Id}/members",
            new { member = Person(NewName(), near.HeadId.ToLowerInvariant(), "Sibling") });
        Assert.Contains(near.Number, await FieldError(r, "member.idNumber"));
    }

    [DbFact]
    public async Task A_household_has_one_head_and_changing_it_says_what_the_former_head_becomes()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var h = await RegisterAsync(tuqiao, places.HomeVillage);
        var spouseName = NewName();
        var spouseIdNumber = NewIdNumber(gender: Gender.Female);
        var spouse = await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/households/{h.Id}/members",
            new { member = Person(spouseName, spouseIdNumber, "Spouse") }), HttpStatusCode.Created);
        var spouseId = spouse["id"]!.GetValue<long>();

        // A second head is refused.
        var r = await tuqiao.PostAsJsonAsync($"/api/v1/households/{h.Id}/members", new { member = Person(NewName(), NewIdNumber(), "Head") });
        Assert.Contains(h.HeadName, await FieldError(r, "member.relationship"));

        // Making the spouse head without saying what the former head becomes is refused.
        var members = await GetAsync(tuqiao, $"/api/v1/households/{h.Id}/members");
        var spouseFacts = members.AsArray().Single(m => m!["id"]!.GetValue<long>() == spouseId)!["facts"]!.AsObject().DeepClone().AsObject();
        Assert.Equal(Mask(spouseIdNumber), spouseFacts["idNumber"]!.GetValue<string>());
        spouseFacts["idNumber"] = spouseIdNumber;
        spouseFacts["relationship"] = "Head";
        r = await tuqiao.PutAsJsonAsync($"/api/v1/members/{spouseId}", new { member = spouseFacts, version = 1 });
        await FieldError(r, "formerHeadRelationship");

        // With it, the head changes and the former head becomes the spouse.
        await Ok(await tuqiao.PutAsJsonAsync($"/api/v1/members/{spouseId}",
            new { member = spouseFacts, version = 1, formerHeadRelationship = "Spouse" }));
        var detail = await GetAsync(tuqiao, $"/api/v1/households/{h.Id}");
        Assert.Equal(spouseName, detail["headName"]!.GetValue<string>());
        var heads = detail["members"]!.AsArray().Where(m => m!["facts"]!["relationship"]!.GetValue<string>() == "Head").ToList();
        Assert.Equal(spouseName, Assert.Single(heads)!["name"]!.GetValue<string>());
        Assert.Equal("Spouse", detail["members"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == h.HeadName)!["facts"]!["relationship"]!.GetValue<string>());
        Assert.Single(await ListIdsAsync(tuqiao, "q=" + spouseName));

        // The head cannot leave while others remain.
        r = await tuqiao.PostAsJsonAsync($"/api/v1/members/{spouseId}/removal", new { reason = "MovedOut", date = "2024-03-01", version = 2 });
        Assert.Contains("户主", await FieldError(r, "reason"));
    }

    [DbFact]
    public async Task A_removed_member_stays_on_the_record_with_the_reason_and_can_join_another_household()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var h = await RegisterAsync(tuqiao, places.HomeVillage);
        var childName = NewName();
        var childId = NewIdNumber(gender: Gender.Female);
        var child = await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/households/{h.Id}/members",
            new { member = Person(childName, childId, "Daughter") }), HttpStatusCode.Created);
        var memberId = child["id"]!.GetValue<long>();
        Assert.Equal(2, (await GetAsync(tuqiao, $"/api/v1/households/{h.Id}"))["size"]!.GetValue<int>());

        // A stale version is refused.
        var r = await tuqiao.PostAsJsonAsync($"/api/v1/members/{memberId}/removal", new { reason = "MarriedOut", date = "2024-10-01", version = 7 });
        Assert.Contains("已被 tuqiao 于", (await Problem(r, HttpStatusCode.Conflict))["title"]!.GetValue<string>());

        await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/members/{memberId}/removal",
            new { reason = "MarriedOut", date = "2024-10-01", note = "嫁到邻村", version = 1 }));
        var members = (await GetAsync(tuqiao, $"/api/v1/households/{h.Id}/members")).AsArray();
        var removed = members.Single(m => m!["id"]!.GetValue<long>() == memberId)!;
        Assert.Equal("MarriedOut", removed["status"]!.GetValue<string>());
        Assert.Equal("2024-10-01", removed["leftOn"]!.GetValue<string>());
        Assert.Equal("嫁到邻村", removed["leftNote"]!.GetValue<string>());
        Assert.Equal(1, (await GetAsync(tuqiao, $"/api/v1/households/{h.Id}"))["size"]!.GetValue<int>());

        // No second removal, no edit of a removed member.
        r = await tuqiao.PostAsJsonAsync($"/api/v1/members/{memberId}/removal", new { reason = "MovedOut", date = "2024-11-01", version = 2 });
        await Problem(r, HttpStatusCode.Conflict);
        r = await tuqiao.PutAsJsonAsync($"/api/v1/members/{memberId}", new { member = Person(childName, childId, "Daughter"), version = 2 });
        await Problem(r, HttpStatusCode.Conflict);

        // She may now be registered in the household she married into.
        var other = await RegisterAsync(tuqiao, places.SecondVillage);
        await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/households/{other.Id}/members",
            new { member = Person(childName, childId, "DaughterInLaw") }), HttpStatusCode.Created);
        // And the history of the first household keeps the removal.
        var history = await GetTextAsync(tuqiao, $"/api/v1/households/{h.Id}/history");
        Assert.Contains("MarriedOut", history);
    }

    [DbFact]
    public async Task Per_capita_income_is_computed_by_the_server()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var h = await RegisterAsync(tuqiao, places.SecondVillage);
        await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/households/{h.Id}/members",
            new { member = Person(NewName(), NewIdNumber(gender: Gender.Female), "Spouse") }), HttpStatusCode.Created);

        var lines = new JsonObject
        {
            ["wageIncome"] = 20000, ["publicWelfareJobIncome"] = 3000, ["productionIncome"] = 10000, ["productionExpense"] = 2000,
            ["propertyIncome"] = 1000, ["assetDividendIncome"] = 500, ["transferIncome"] = 3000, ["pensionIncome"] = 1200,
            ["dibaoIncome"] = 0,
            // Typed-in results must be ignored.
            ["netIncome"] = 1, ["perCapitaNetIncome"] = 999999,
        };
        var saved = await Ok(await tuqiao.PutAsJsonAsync($"/api/v1/households/{h.Id}/incomes/2024", lines));
        Assert.Equal(32000m, saved["netIncome"]!.GetValue<decimal>());
        Assert.Equal(16000m, saved["perCapitaNetIncome"]!.GetValue<decimal>());
        Assert.Equal(2, saved["lines"]!["householdSize"]!.GetValue<int>());

        var read = await GetAsync(tuqiao, $"/api/v1/households/{h.Id}/incomes/2024");
        Assert.Equal(16000m, read["perCapitaNetIncome"]!.GetValue<decimal>());
        Assert.Equal(3000m, read["lines"]!["publicWelfareJobIncome"]!.GetValue<decimal>());

        // A stated household size of 3 divides by 3, rounded to the fen.
        lines["householdSize"] = 3;
        lines["version"] = saved["version"]!.GetValue<int>();   // the version this edit was made on
        saved = await Ok(await tuqiao.PutAsJsonAsync($"/api/v1/households/{h.Id}/incomes/2024", lines));
        Assert.Equal(10666.67m, saved["perCapitaNetIncome"]!.GetValue<decimal>());
        var row = (await GetAsync(tuqiao, "/api/v1/households?q=" + h.HeadName))["items"]![0]!;
        Assert.Equal(2024, row["latestIncomeYear"]!.GetValue<int>());
        Assert.Equal(10666.67m, row["latestPerCapitaIncome"]!.GetValue<decimal>());

        // Sub-line larger than its line; a year outside 2013..this year.
        lines["publicWelfareJobIncome"] = 25000;
        await FieldError(await tuqiao.PutAsJsonAsync($"/api/v1/households/{h.Id}/incomes/2024", lines), "publicWelfareJobIncome");
        lines["publicWelfareJobIncome"] = 0;
        await FieldError(await tuqiao.PutAsJsonAsync($"/api/v1/households/{h.Id}/incomes/2012", lines), "year");
        await Problem(await tuqiao.GetAsync($"/api/v1/households/{h.Id}/incomes/2023"), HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task A_stale_edit_is_refused_with_who_changed_it()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var village = await As("village");
        var h = await RegisterAsync(tuqiao, places.HomeVillage);

        var seen = await GetAsync(village, $"/api/v1/households/{h.Id}");
        var version = seen["version"]!.GetValue<int>();
        var facts = seen["household"]!.AsObject().DeepClone().AsObject();
        facts["address"] = "新地址8号";
        var saved = await Ok(await tuqiao.PutAsJsonAsync($"/api/v1/households/{h.Id}", new { household = facts, version }));
        Assert.Equal(version + 1, saved["version"]!.GetValue<int>());

        facts["address"] = "另一个地址";
        var r = await village.PutAsJsonAsync($"/api/v1/households/{h.Id}", new { household = facts, version });
        var title = (await Problem(r, HttpStatusCode.Conflict))["title"]!.GetValue<string>();
        Assert.Contains("已被 tuqiao 于", title);
        var now = await GetAsync(village, $"/api/v1/households/{h.Id}");
        Assert.Equal("新地址8号", now["household"]!["address"]!.GetValue<string>());
        // The masked phone sent back unchanged keeps the stored phone.
        Assert.Equal("138****5678", now["household"]!["phone"]!.GetValue<string>());

        // Members too.
        var head = now["members"]![0]!;
        var headFacts = head["facts"]!.AsObject().DeepClone().AsObject();
        headFacts["idNumber"] = h.HeadId;
        headFacts["educationLevel"] = "SeniorHigh";
        await Ok(await tuqiao.PutAsJsonAsync($"/api/v1/members/{head["id"]}", new { member = headFacts, version = 1 }));
        r = await village.PutAsJsonAsync($"/api/v1/members/{head["id"]}", new { member = headFacts, version = 1 });
        Assert.Contains("已被 tuqiao 于", (await Problem(r, HttpStatusCode.Conflict))["title"]!.GetValue<string>());
    }

    [DbFact]
    public async Task Search_finds_a_household_by_full_id_number_member_name_and_number()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var h = await RegisterAsync(tuqiao, places.HomeVillage);
        var memberName = NewName();
        var memberId = NewIdNumber(gender: Gender.Female);
        await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/households/{h.Id}/members",
            new { member = Person(memberName, memberId, "Mother") }), HttpStatusCode.Created);
        var decoy = await RegisterAsync(tuqiao, places.HomeVillage);

        Assert.Equal([h.Id], await ListIdsAsync(tuqiao, "q=" + memberId));
        Assert.Equal([h.Id], await ListIdsAsync(tuqiao, "q=" + h.HeadId.ToLowerInvariant()));
        Assert.Equal([h.Id], await ListIdsAsync(tuqiao, "q=" + memberName));
        Assert.Equal([decoy.Id], await ListIdsAsync(tuqiao, "q=" + decoy.Number));
        Assert.Empty(await ListIdsAsync(tuqiao, "q=" + NewIdNumber()));
    }

    [DbFact]
    public async Task The_region_filter_takes_the_whole_subtree()
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var token = NewName();
        var a = await RegisterAsync(admin, places.HomeVillage, headName: token + "甲");
        var b = await RegisterAsync(admin, places.SecondVillage, headName: token + "乙");
        var c = await RegisterAsync(admin, places.OtherTownshipVillage, headName: token + "丙");
        var d = await RegisterAsync(admin, places.OtherCountyVillage, headName: token + "丁");

        async Task<List<long>> In(string region) => (await ListIdsAsync(admin, $"q={token}&region={region}")).Order().ToList();
        Assert.Equal(new[] { a.Id, b.Id, c.Id, d.Id }.Order(), await In(""));
        Assert.Equal(new[] { a.Id }, await In(places.HomeVillage));
        Assert.Equal(new[] { a.Id, b.Id }.Order(), await In(Township));
        Assert.Equal(new[] { a.Id, b.Id, c.Id }.Order(), await In(County));
        Assert.Equal(new[] { a.Id, b.Id, c.Id, d.Id }.Order(), await In("50"));
        Assert.Empty(await In("5001511"));
    }

    [DbFact]
    public async Task The_list_filters_sorts_and_pages()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var token = NewName();
        var exited = await RegisterAsync(tuqiao, places.HomeVillage, headName: token + "甲");
        var monitored = await RegisterAsync(tuqiao, places.HomeVillage, Facts("Ordinary"), headName: token + "乙");
        var withIncome = await RegisterAsync(tuqiao, places.SecondVillage, headName: token + "丙");
        await Ok(await tuqiao.PutAsJsonAsync($"/api/v1/households/{withIncome.Id}/incomes/2024",
            new { wageIncome = 9000, transferIncome = 0 }));

        Assert.Equal([monitored.Id], await ListIdsAsync(tuqiao, $"q={token}&status=Ordinary"));
        Assert.Equal([monitored.Id], await ListIdsAsync(tuqiao, $"q={token}&mainCause=Disability"));
        Assert.Equal([monitored.Id], await ListIdsAsync(tuqiao, $"q={token}&class321=Push"));
        Assert.Equal([monitored.Id], await ListIdsAsync(tuqiao, $"q={token}&flag=Dibao"));
        Assert.Equal([withIncome.Id], await ListIdsAsync(tuqiao, $"q={token}&minIncome=8000"));
        Assert.Empty(await ListIdsAsync(tuqiao, $"q={token}&maxIncome=8000"));
        Assert.Equal([exited.Id, withIncome.Id], (await ListIdsAsync(tuqiao, $"q={token}&status=Exited&attribute=GeneralExited")).Order());
        // Head names sort by code point: 丙 (U+4E19) < 乙 (U+4E59) < 甲 (U+7532).
        Assert.Equal([exited.Id, monitored.Id, withIncome.Id], await ListIdsAsync(tuqiao, $"q={token}&sort=HeadName&desc=true"));
        Assert.Equal([withIncome.Id, monitored.Id, exited.Id], await ListIdsAsync(tuqiao, $"q={token}&sort=HeadName"));

        var page = await GetAsync(tuqiao, $"/api/v1/households?q={token}&sort=HeadName&page=2&pageSize=2");
        Assert.Equal(3, page["total"]!.GetValue<int>());
        Assert.Equal(2, page["page"]!.GetValue<int>());
        Assert.Equal(exited.Id, Assert.Single(page["items"]!.AsArray())!["id"]!.GetValue<long>());
    }

    [DbFact]
    public async Task A_name_search_lists_each_household_once_in_the_order_of_the_name_that_matched_within_the_users_region()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var admin = await As("admin");
        var token = NewName();
        // Code points: 丁 U+4E01 < 丙 U+4E19 < 乙 U+4E59 < 戊 U+620A < 甲 U+7532. Household a matches twice (甲 and 乙): it is
        // listed once, at 乙.
        var a = await RegisterAsync(tuqiao, places.HomeVillage, headName: token + "甲");
        await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/households/{a.Id}/members",
            new { member = Person(token + "乙", NewIdNumber(gender: Gender.Female), "Spouse") }), HttpStatusCode.Created);
        var b = await RegisterAsync(tuqiao, places.SecondVillage, headName: token + "丙");
        var c = await RegisterAsync(tuqiao, places.HomeVillage, headName: token + "丁");
        var elsewhere = await RegisterAsAdminAsync(places.OtherTownshipVillage, headName: token + "戊");
        var otherCounty = await RegisterAsAdminAsync(places.OtherCountyVillage, headName: token + "丙丙");

        // The township sees its own three, each once, in name order; nothing of another township or county.
        Assert.Equal([c.Id, b.Id, a.Id], await ListIdsAsync(tuqiao, "q=" + token));
        Assert.Empty(await ListIdsAsync(tuqiao, $"q={token}&region={places.OtherTownship}"));
        // The province (the name index) and one county (the county-and-name index) give the same order.
        Assert.Equal([c.Id, b.Id, otherCounty.Id, a.Id, elsewhere.Id], await ListIdsAsync(admin, "q=" + token));
        Assert.Equal([c.Id, b.Id, a.Id, elsewhere.Id], await ListIdsAsync(admin, $"q={token}&region={County}"));
        Assert.Equal([c.Id, b.Id, a.Id], await ListIdsAsync(admin, $"q={token}&region={places.HomeVillage[..9]}"));
        // A longer prefix narrows it; the list's other filters still apply.
        Assert.Equal([b.Id, otherCounty.Id], await ListIdsAsync(admin, $"q={token}丙"));
        Assert.Equal([c.Id, a.Id], await ListIdsAsync(admin, $"q={token}&region={places.HomeVillage}"));
        Assert.Empty(await ListIdsAsync(tuqiao, $"q={token}&status=Ordinary"));

        // Pages follow the same order, counted exactly below the cap.
        var second = await GetAsync(tuqiao, $"/api/v1/households?q={token}&page=2&pageSize=2");
        Assert.Equal(3, second["total"]!.GetValue<int>());
        Assert.False(second["capped"]!.GetValue<bool>());
        Assert.Equal(a.Id, Assert.Single(second["items"]!.AsArray())!["id"]!.GetValue<long>());
        // Asked for, the number order lists the same households.
        Assert.Equal(new[] { a.Id, b.Id, c.Id }.Order(), (await ListIdsAsync(tuqiao, $"q={token}&sort=Number")).Order());
        var html = await GetTextAsync(tuqiao, "/households?q=" + Uri.EscapeDataString(token));
        Assert.Contains("共 3 户", html);
        Assert.Contains("按匹配的姓名排列", html);
    }

    [DbFact]
    public async Task Full_id_numbers_and_phones_never_leave_unmasked_except_through_reveal()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var admin = await As("admin");
        var h = await RegisterAsync(tuqiao, places.HomeVillage);
        var memberId = NewIdNumber(gender: Gender.Female);
        var added = await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/households/{h.Id}/members",
            new { member = Person(NewName(), memberId, "Spouse") }), HttpStatusCode.Created);
        var detail = await GetAsync(tuqiao, $"/api/v1/households/{h.Id}");
        var facts = detail["household"]!.AsObject().DeepClone().AsObject();
        facts["address"] = "改过的地址";
        facts["phone"] = "13698765432";
        await Ok(await tuqiao.PutAsJsonAsync($"/api/v1/households/{h.Id}", new { household = facts, version = detail["version"]!.GetValue<int>() }));
        var memberFacts = Person(NewName(), memberId, "Spouse");
        await Ok(await tuqiao.PutAsJsonAsync($"/api/v1/members/{added["id"]}", new { member = memberFacts, version = 1 }));
        await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/members/{added["id"]}/removal", new { reason = "Deceased", date = "2025-01-02", version = 2 }));

        var secrets = new[] { h.HeadId, memberId, "13812345678", "13698765432" };
        var bodies = new Dictionary<string, string>
        {
            ["list by id"] = await GetTextAsync(tuqiao, "/api/v1/households?q=" + h.HeadId),
            ["list by region"] = await GetTextAsync(tuqiao, "/api/v1/households?pageSize=200&region=" + places.HomeVillage),
            ["detail"] = await GetTextAsync(tuqiao, $"/api/v1/households/{h.Id}"),
            ["members"] = await GetTextAsync(tuqiao, $"/api/v1/households/{h.Id}/members"),
            ["history"] = await GetTextAsync(tuqiao, $"/api/v1/households/{h.Id}/history"),
            ["audit"] = await GetTextAsync(admin, $"/api/v1/audit?pageSize=200&householdId={h.Id}"),
            ["export"] = await ExportXmlAsync(tuqiao, "q=" + h.HeadId),
        };
        foreach (var (what, body) in bodies)
            foreach (var secret in secrets)
                Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{what} contains {secret}");
        Assert.Contains(Mask(h.HeadId), bodies["detail"]);
        Assert.Contains(Mask(memberId), bodies["members"]);
        Assert.Contains(Mask(h.HeadId), bodies["export"]);
        Assert.Contains("136****5432", bodies["export"]);
        Assert.Contains(Mask(memberId), bodies["history"]);

        // The holder of the reveal permission gets the full number.
        Assert.Equal(memberId, await RevealAsAdminAsync(added["id"]!.GetValue<long>()));
    }

    [DbFact]
    public async Task Revealing_an_id_number_needs_the_permission_and_is_audited()
    {
        var places = await PlacesAsync();
        var h = await RegisterAsAdminAsync(places.HomeVillage);
        var memberId = (await GetAsync(await As("admin"), $"/api/v1/households/{h.Id}"))["members"]![0]!["id"]!.GetValue<long>();

        foreach (var user in new[] { "auditor", "cadre", "village", "tuqiao" })
            await Problem(await (await As(user)).PostAsync($"/api/v1/members/{memberId}/reveal-id", null), HttpStatusCode.Forbidden);

        var county = await As("tl_admin");
        var revealed = await Ok(await county.PostAsync($"/api/v1/members/{memberId}/reveal-id", null));
        Assert.Equal(h.HeadId, revealed["idNumber"]!.GetValue<string>());
        Assert.Equal(memberId, revealed["memberId"]!.GetValue<long>());

        var audit = await GetAsync(await As("auditor"), $"/api/v1/audit?householdId={h.Id}&action=Reveal");
        var entry = Assert.Single(audit["items"]!.AsArray())!;
        Assert.Equal("tl_admin", entry["userName"]!.GetValue<string>());
        Assert.Equal(memberId.ToString(), entry["entityId"]!.GetValue<string>());
        Assert.Contains(Mask(h.HeadId), entry["summary"]!.GetValue<string>());
        Assert.DoesNotContain(h.HeadId, entry.ToJsonString());
        Assert.Contains("查看", (await GetTextAsync(county, $"/api/v1/households/{h.Id}/history")));
    }

    [DbFact]
    public async Task Every_change_is_audited_with_who_what_and_old_and_new_values()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var h = await RegisterAsync(tuqiao, places.SecondVillage);
        var detail = await GetAsync(tuqiao, $"/api/v1/households/{h.Id}");
        var facts = detail["household"]!.AsObject().DeepClone().AsObject();
        facts["address"] = "审计新地址";
        facts["status"] = "Ordinary";
        facts["attribute"] = null;
        facts["identifiedYear"] = null;
        facts["exitYear"] = null;
        await Ok(await tuqiao.PutAsJsonAsync($"/api/v1/households/{h.Id}", new { household = facts, version = 1 }));
        await Ok(await tuqiao.PutAsJsonAsync($"/api/v1/households/{h.Id}/incomes/2024", new { wageIncome = 5000 }));

        var audit = await GetAsync(await As("tl_admin"), $"/api/v1/audit?householdId={h.Id}&pageSize=50");
        var items = audit["items"]!.AsArray().Select(i => i!).ToList();
        Assert.All(items, i => Assert.Equal("tuqiao", i["userName"]!.GetValue<string>()));
        Assert.All(items, i => Assert.Equal(places.SecondVillage, i["regionCode"]!.GetValue<string>()));
        Assert.Contains(items, i => i["action"]!.GetValue<string>() == "Create" && i["entityType"]!.GetValue<string>() == "Household");
        Assert.Contains(items, i => i["action"]!.GetValue<string>() == "Create" && i["entityType"]!.GetValue<string>() == "Member");
        Assert.Contains(items, i => i["entityType"]!.GetValue<string>() == "HouseholdIncome");
        var change = items.Single(i => i["entityType"]!.GetValue<string>() == "Household" && i["action"]!.GetValue<string>() == "StatusChange");
        var changes = JsonNode.Parse(change["changes"]!.GetValue<string>())!;
        Assert.Equal("测试地址1号", changes["Address"]![0]!.GetValue<string>());
        Assert.Equal("审计新地址", changes["Address"]![1]!.GetValue<string>());
        Assert.Equal("Exited", changes["Status"]![0]!.GetValue<string>());
        Assert.Equal("Ordinary", changes["Status"]![1]!.GetValue<string>());

        // The household's history shows the same.
        var history = (await GetAsync(tuqiao, $"/api/v1/households/{h.Id}/history")).AsArray();
        Assert.Equal(items.Count, history.Count);
        Assert.Contains(history, e => e!["summary"]!.GetValue<string>().Contains(h.Number));
    }

    [DbFact]
    public async Task A_household_becomes_a_monitored_household_only_through_the_monitoring_procedure()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var facts = Facts("Ordinary");
        facts["status"] = "Monitored";
        var refused = await tuqiao.PostAsJsonAsync("/api/v1/households", new { villageCode = places.SecondVillage, household = facts, head = Person(NewName(), NewIdNumber()) });
        Assert.Contains("防返贫监测", await FieldError(refused, "household.status"));

        var h = await RegisterAsync(tuqiao, places.SecondVillage);
        var edit = (await GetAsync(tuqiao, $"/api/v1/households/{h.Id}"))["household"]!.AsObject().DeepClone().AsObject();
        edit["status"] = "Monitored";
        Assert.Contains("不能在此直接修改", await FieldError(await tuqiao.PutAsJsonAsync($"/api/v1/households/{h.Id}", new { household = edit, version = 1 }), "household.status"));
        Assert.Equal("Exited", (await GetAsync(tuqiao, $"/api/v1/households/{h.Id}"))["household"]!["status"]!.GetValue<string>());
    }

    private async Task<string> RevealAsAdminAsync(long memberId) =>
        (await Ok(await (await As("admin")).PostAsync($"/api/v1/members/{memberId}/reveal-id", null)))["idNumber"]!.GetValue<string>();
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteRegistryApiTests(SqliteApp app) : RegistryApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresRegistryApiTests(PostgresApp app) : RegistryApiTests(app);
