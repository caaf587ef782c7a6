using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jingzhun.IntegrationTests.Infrastructure;

namespace Jingzhun.IntegrationTests;

/// <summary>Who may do what, where: sign-in, lockout, 401/403, the region scope of every role, users, audit.</summary>
public abstract class AccessApiTests(TestApp app) : ApiTests(app)
{
    [DbFact]
    public async Task Health_check_answers_200_without_signing_in()
    {
        using var anon = App.Anonymous();
        var r = await anon.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("Healthy", await r.Content.ReadAsStringAsync());
    }

    [DbFact]
    public async Task Login_gives_a_bearer_token_and_me_tells_role_region_and_permissions()
    {
        using var anon = App.Anonymous();
        var r = await anon.PostAsJsonAsync("/api/v1/auth/login", new { username = "tuqiao", password = "Jingzhun2026" });
        var token = await Ok(r);
        Assert.False(string.IsNullOrEmpty(token["accessToken"]!.GetValue<string>()));
        Assert.True(token["expiresIn"]!.GetValue<int>() > 0);

        var me = await GetAsync(await As("tuqiao"), "/api/v1/auth/me");
        Assert.Equal("tuqiao", me["userName"]!.GetValue<string>());
        Assert.Equal("TownshipOfficer", me["role"]!.GetValue<string>());
        Assert.Equal(Township, me["regionCode"]!.GetValue<string>());
        var permissions = me["permissions"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Contains("registry.edit", permissions);
        Assert.DoesNotContain("registry.reveal-id", permissions);
        Assert.DoesNotContain("audit.view", permissions);

        var places = await PlacesAsync();
        Assert.Equal(places.HomeVillage, (await GetAsync(await As("village"), "/api/v1/auth/me"))["regionCode"]!.GetValue<string>());
        Assert.Equal("", (await GetAsync(await As("admin"), "/api/v1/auth/me"))["regionCode"]!.GetValue<string>());
    }

    [DbFact]
    public async Task Failures_are_problem_details_401_without_sign_in_and_403_without_permission()
    {
        using var anon = App.Anonymous();
        var wrong = await Problem(await anon.PostAsJsonAsync("/api/v1/auth/login", new { username = "auditor", password = "wrong-password1" }),
            HttpStatusCode.Unauthorized);
        Assert.Equal("用户名或密码错误", wrong["title"]!.GetValue<string>());
        await Problem(await anon.PostAsJsonAsync("/api/v1/auth/login", new { username = "nobody", password = "Jingzhun2026" }), HttpStatusCode.Unauthorized);

        await Problem(await anon.GetAsync("/api/v1/households"), HttpStatusCode.Unauthorized);
        await Problem(await anon.GetAsync("/api/v1/auth/me"), HttpStatusCode.Unauthorized);
        anon.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-token");
        await Problem(await anon.GetAsync("/api/v1/households"), HttpStatusCode.Unauthorized);

        var places = await PlacesAsync();
        await Problem(await (await As("cadre")).GetAsync("/api/v1/households/export"), HttpStatusCode.Forbidden);
        await Problem(await (await As("auditor")).PostAsJsonAsync("/api/v1/households",
            new { villageCode = places.HomeVillage, household = Facts(), head = Person(NewName(), NewIdNumber()) }), HttpStatusCode.Forbidden);
        await Problem(await (await As("tuqiao")).GetAsync("/api/v1/users"), HttpStatusCode.Forbidden);
        await Problem(await (await As("tuqiao")).GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden);
        await Problem(await (await As("village")).GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden);
        // The refused write left nothing behind.
        Assert.Equal(0, (await GetAsync(await As("auditor"), "/api/v1/households?q=" + NewName()))["total"]!.GetValue<int>());
    }

    // Lockout and the throttle that now comes first: SecurityHeadersAndAuthTests (issue 19).

    /// <summary>Which of the four households (home village, second village of 土桥镇, another township, another county) each role sees.</summary>
    public static TheoryData<string, bool[]> Scopes => new()
    {
        { "admin", [true, true, true, true] },
        { "tl_admin", [true, true, true, false] },
        { "auditor", [true, true, true, false] },
        { "tuqiao", [true, true, false, false] },
        { "village", [true, false, false, false] },
        { "cadre", [true, false, false, false] },
    };

    [DbTheory]
    [MemberData(nameof(Scopes))]
    public async Task Each_role_sees_and_changes_only_its_subtree(string user, bool[] sees)
    {
        var places = await PlacesAsync();
        var admin = await As("admin");
        var token = NewName();
        var households = new List<Registered>();
        string[] villages = [places.HomeVillage, places.SecondVillage, places.OtherTownshipVillage, places.OtherCountyVillage];
        for (var i = 0; i < villages.Length; i++)
            households.Add(await RegisterAsync(admin, villages[i], headName: token + "甲乙丙丁"[i]));
        // A pairing cadre sees the households paired with them (here the home village's), not the whole village.
        if (user == "cadre") await PairWithDemoCadreAsync(households[0].Id);
        var me = await As(user);
        var permissions = (await GetAsync(me, "/api/v1/auth/me"))["permissions"]!.AsArray().Select(p => p!.GetValue<string>()).ToHashSet();

        var expected = households.Where((_, i) => sees[i]).Select(h => h.Id).Order().ToList();
        Assert.Equal(expected, (await ListIdsAsync(me, "q=" + token)).Order());
        var expectedInCounty = households.Take(3).Where((_, i) => sees[i]).Select(h => h.Id).Order().ToList();
        Assert.Equal(expectedInCounty, (await ListIdsAsync(me, $"q={token}&region={County}")).Order());
        if (permissions.Contains("registry.export"))
        {
            var rows = await ExportRowsAsync(me, "q=" + token);
            Assert.Equal(households.Where((_, i) => sees[i]).Select(h => h.Number).Order(), rows.Select(r => (string)r["户编号"]).Order());
        }

        for (var i = 0; i < households.Count; i++)
        {
            var h = households[i];
            var memberId = (await GetAsync(admin, $"/api/v1/households/{h.Id}"))["members"]![0]!["id"]!.GetValue<long>();
            var detail = await me.GetAsync($"/api/v1/households/{h.Id}");
            if (sees[i])
            {
                await Ok(detail);
                await Ok(await me.GetAsync($"/api/v1/households/{h.Id}/members"));
                await Ok(await me.GetAsync($"/api/v1/households/{h.Id}/history"));
                continue;
            }
            // Out of scope: as if it did not exist, whatever the call.
            await Problem(detail, HttpStatusCode.NotFound);
            await Problem(await me.GetAsync($"/api/v1/households/{h.Id}/members"), HttpStatusCode.NotFound);
            await Problem(await me.GetAsync($"/api/v1/households/{h.Id}/history"), HttpStatusCode.NotFound);
            await Problem(await me.GetAsync($"/api/v1/households/{h.Id}/incomes/2024"), HttpStatusCode.NotFound);
            if (permissions.Contains("registry.edit"))
            {
                await Problem(await me.PutAsJsonAsync($"/api/v1/households/{h.Id}", new { household = Facts(), version = 1 }), HttpStatusCode.NotFound);
                await Problem(await me.PostAsJsonAsync($"/api/v1/households/{h.Id}/members",
                    new { member = Person(NewName(), NewIdNumber(), "Son") }), HttpStatusCode.NotFound);
                await Problem(await me.PutAsJsonAsync($"/api/v1/households/{h.Id}/incomes/2024", new { wageIncome = 1 }), HttpStatusCode.NotFound);
                await Problem(await me.PutAsJsonAsync($"/api/v1/members/{memberId}", new { member = Person(h.HeadName, h.HeadId), version = 1 }),
                    HttpStatusCode.NotFound);
                await Problem(await me.PostAsJsonAsync($"/api/v1/members/{memberId}/removal", new { reason = "MovedOut", date = "2024-01-01", version = 1 }),
                    HttpStatusCode.NotFound);
                // Registering in a village outside the scope is refused too (a pairing cadre registers no household at all).
                var r = await me.PostAsJsonAsync("/api/v1/households",
                    new { villageCode = h.Village, household = Facts(), head = Person(NewName(), NewIdNumber()) });
                if (permissions.Contains("registry.create")) Assert.Contains("管辖范围", await FieldError(r, "villageCode"));
                else await Problem(r, HttpStatusCode.Forbidden);
            }
            if (permissions.Contains("registry.reveal-id"))
                await Problem(await me.PostAsync($"/api/v1/members/{memberId}/reveal-id", null), HttpStatusCode.NotFound);
        }

        // Nothing out of scope was changed by the refused calls.
        foreach (var h in households)
        {
            var d = await GetAsync(admin, $"/api/v1/households/{h.Id}");
            Assert.Equal(1, d["version"]!.GetValue<int>());
            Assert.Equal(1, d["size"]!.GetValue<int>());
            Assert.Empty(d["incomes"]!.AsArray());
        }
    }

    [DbFact]
    public async Task The_region_picker_shows_the_path_and_the_subtree_only()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var children = (await GetAsync(tuqiao, $"/api/v1/regions/{County}/children")).AsArray();
        Assert.Equal(Township, Assert.Single(children)!["code"]!.GetValue<string>());
        var villages = (await GetAsync(tuqiao, $"/api/v1/regions/{Township}/children")).AsArray();
        Assert.Contains(villages, v => v!["code"]!.GetValue<string>() == places.SecondVillage);
        await Problem(await tuqiao.GetAsync($"/api/v1/regions/{places.OtherTownship}/children"), HttpStatusCode.NotFound);
        await Problem(await tuqiao.GetAsync($"/api/v1/regions/{places.OtherCounty}/children"), HttpStatusCode.NotFound);

        var found = (await GetAsync(tuqiao, "/api/v1/regions/search?q=村")).AsArray();
        Assert.NotEmpty(found);
        Assert.All(found, r => Assert.StartsWith(Township, r!["code"]!.GetValue<string>()));
        var all = (await GetAsync(await As("admin"), "/api/v1/regions/root/children")).AsArray();
        Assert.True(all.Count >= 31, $"provinces: {all.Count}");
    }

    [DbFact]
    public async Task An_admin_manages_users_inside_the_subtree_and_never_grants_a_higher_role()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var users = (await GetAsync(county, "/api/v1/users")).AsArray();
        Assert.All(users, u => Assert.StartsWith(County, u!["regionCode"]!.GetValue<string>()));
        Assert.Contains(users, u => u!["userName"]!.GetValue<string>() == "tuqiao");
        Assert.DoesNotContain(users, u => u!["userName"]!.GetValue<string>() == "admin");

        object NewUser(string role, string region) =>
            new { userName = "u" + App.Next(), displayName = "新用户", role, regionCode = region, password = "Newuser2026" };
        await FieldError(await county.PostAsJsonAsync("/api/v1/users", NewUser("SystemAdmin", County)), "role");
        await FieldError(await county.PostAsJsonAsync("/api/v1/users", NewUser("TownshipOfficer", places.OtherCountyVillage[..9])), "regionCode");
        await FieldError(await county.PostAsJsonAsync("/api/v1/users", NewUser("CountyAdmin", "")), "regionCode");
        await FieldError(await county.PostAsJsonAsync("/api/v1/users", NewUser("Nobody", County)), "role");

        var created = await Ok(await county.PostAsJsonAsync("/api/v1/users", NewUser("TownshipOfficer", places.OtherTownship)), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        Assert.Equal("TownshipOfficer", created["role"]!.GetValue<string>());
        var asNew = await App.LoginAsync(created["userName"]!.GetValue<string>(), "Newuser2026");
        Assert.Equal(places.OtherTownship, (await GetAsync(asNew, "/api/v1/auth/me"))["regionCode"]!.GetValue<string>());

        // Promotion above one's own rank is refused; a move out of the subtree too.
        await FieldError(await county.PutAsJsonAsync($"/api/v1/users/{id}",
            new { displayName = "新用户", role = "SystemAdmin", regionCode = places.OtherTownship, locked = false, concurrencyStamp = await StampOfAsync(county, id) }), "role");
        await FieldError(await county.PutAsJsonAsync($"/api/v1/users/{id}",
            new { displayName = "新用户", role = "TownshipOfficer", regionCode = places.OtherCounty, locked = false, concurrencyStamp = await StampOfAsync(county, id) }), "regionCode");
        // Disabling works and stops the sign-in.
        var disabled = await Ok(await county.PutAsJsonAsync($"/api/v1/users/{id}",
            new { displayName = "停用的用户", role = "TownshipOfficer", regionCode = places.OtherTownship, locked = true, concurrencyStamp = await StampOfAsync(county, id) }));
        Assert.True(disabled["isLocked"]!.GetValue<bool>());
        using var anon = App.Anonymous();
        var p = await Problem(await anon.PostAsJsonAsync("/api/v1/auth/login",
            new { username = created["userName"]!.GetValue<string>(), password = "Newuser2026" }), HttpStatusCode.Unauthorized);
        Assert.Contains("停用", p["title"]!.GetValue<string>());

        // Users above the subtree are invisible.
        var admin = await As("admin");
        var adminId = (await GetAsync(admin, "/api/v1/users?q=admin")).AsArray().Single(u => u!["userName"]!.GetValue<string>() == "admin")!["id"]!.GetValue<string>();
        await Problem(await county.GetAsync($"/api/v1/users/{adminId}"), HttpStatusCode.NotFound);
        await Problem(await county.PutAsJsonAsync($"/api/v1/users/{adminId}",
            new { displayName = "x", role = "Auditor", regionCode = County, locked = true }), HttpStatusCode.NotFound);
        await Ok(await county.GetAsync($"/api/v1/users/{id}"));
        // The change of users is audited.
        var audit = await GetAsync(county, "/api/v1/audit?entityType=AppUser&pageSize=200");
        Assert.Contains(audit["items"]!.AsArray(), a => a!["entityId"]!.GetValue<string>() == id && a["userName"]!.GetValue<string>() == "tl_admin");
    }

    [DbFact]
    public async Task The_audit_log_is_scoped_to_the_reader_s_subtree()
    {
        var places = await PlacesAsync();
        var home = await RegisterAsAdminAsync(places.HomeVillage);
        var far = await RegisterAsAdminAsync(places.OtherCountyVillage);

        var admin = await As("admin");
        Assert.True((await GetAsync(admin, $"/api/v1/audit?householdId={far.Id}"))["total"]!.GetValue<int>() >= 2);
        foreach (var reader in new[] { "tl_admin", "auditor" })
        {
            var c = await As(reader);
            Assert.True((await GetAsync(c, $"/api/v1/audit?householdId={home.Id}"))["total"]!.GetValue<int>() >= 2);
            await Problem(await c.GetAsync($"/api/v1/audit?householdId={far.Id}"), HttpStatusCode.NotFound);
            var page = await GetAsync(c, "/api/v1/audit?pageSize=200");
            Assert.NotEmpty(page["items"]!.AsArray());
            Assert.All(page["items"]!.AsArray(), a => Assert.StartsWith(County, a!["regionCode"]!.GetValue<string>()));
            Assert.DoesNotContain(page["items"]!.AsArray(), a => a!["summary"]!.GetValue<string>().Contains(far.Number));
        }
        // The system administrator sees the other county's entries.
        Assert.Contains((await GetAsync(admin, "/api/v1/audit?pageSize=200&q=" + far.Number))["items"]!.AsArray(),
            a => a!["householdId"]!.GetValue<long>() == far.Id);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteAccessApiTests(SqliteApp app) : AccessApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAccessApiTests(PostgresApp app) : AccessApiTests(app);
