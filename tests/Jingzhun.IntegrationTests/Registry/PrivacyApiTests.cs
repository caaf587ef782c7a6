using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jingzhun.IntegrationTests.Infrastructure;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Protection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// Personal data and privilege (issue 19): an ID number cannot be rebuilt from what any answer shows; the audit log
/// and history keep no ID number, phone or health detail in clear; sub-lists of a household outside the scope answer
/// 404; the read-only role can write nothing.
/// </summary>
public abstract partial class PrivacyApiTests(TestApp app) : ApiTests(app)
{

    /// <summary>Any masked 18-digit number in an answer: it must have the new shape (address code, 11 stars, check).</summary>
    [GeneratedRegex(@"[0-9]{6}\*+[0-9X]*")]
    private static partial Regex AnyMask();

    [GeneratedRegex(@"^[0-9]{6}\*{11}[0-9X]$")]
    private static partial Regex NewMask();


    /// <summary>
    /// A new ID number ending in X: its 4-character tail (three sequence digits and X) cannot turn up by chance in a
    /// page full of other numbers, so "the tail is nowhere" is a sharp test.
    /// </summary>
    private string NewIdEndingInX(Gender gender = Gender.Male)
    {
        while (true)
        {
            var id = NewIdNumber(gender: gender);
            if (id[17] == 'X') return id;
        }
    }

    private static void AssertNotRebuildable(string where, string text, params string[] ids)
    {
        foreach (var id in ids)
        {
            Assert.False(text.Contains(id, StringComparison.Ordinal), $"{where}: full ID number {id} shown");
            Assert.False(text.Contains(id[^4..], StringComparison.Ordinal), $"{where}: sequence and check {id[^4..]} of {id} shown");
            Assert.False(text.Contains(id[..6] + "********" + id[^4..], StringComparison.Ordinal), $"{where}: old mask of {id} shown");
        }
        foreach (Match m in AnyMask().Matches(text))
            if (m.Value.Length == 18) Assert.True(NewMask().IsMatch(m.Value), $"{where}: mask {m.Value} is not 6 digits + 11 stars + check");
    }

    // --- 1. masked ID numbers ----------------------------------------------------------------------------------

    [DbFact]
    public async Task No_answer_or_page_lets_an_id_number_be_rebuilt()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var headId = NewIdEndingInX();
        var spouseId = NewIdEndingInX(Gender.Female);
        var h = await RegisterAsync(tuqiao, places.HomeVillage, headId: headId);
        var spouse = Person(NewName(), spouseId, "Spouse");
        spouse["healthStatus"] = "ChronicIllness";
        var added = await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/households/{h.Id}/members", new { member = spouse }), HttpStatusCode.Created);
        var spouseMemberId = added["id"]!.GetValue<long>();
        // A problem and a risk lead on the household, so that their answers (which embed the household) are read too.
        await Ok(await tuqiao.PostAsJsonAsync("/api/v1/problems",
            new { householdId = h.Id, dimension = "Food", source = "Visit", severity = "Urgent", description = "入户走访发现家中存粮不足" }), HttpStatusCode.Created);
        await Ok(await tuqiao.PostAsJsonAsync("/api/v1/monitoring/leads",
            new { householdId = h.Id, source = "CadreCheck", detail = "配偶长期慢性病，医疗支出较大" }), HttpStatusCode.Created);

        var detail = await GetAsync(tuqiao, $"/api/v1/households/{h.Id}");
        foreach (var m in detail["members"]!.AsArray())
        {
            Assert.Matches(NewMask(), m!["idNumberMasked"]!.GetValue<string>());
            Assert.Null(m["facts"]!["birthDate"]?.GetValue<string>());   // age instead
            Assert.True(m["age"]!.GetValue<int>() > 0);
        }
        Assert.Equal(headId[..6] + "***********X", detail["members"]!.AsArray().Single(m => m!["facts"]!["relationship"]!.GetValue<string>() == "Head")!["idNumberMasked"]!.GetValue<string>());

        var admin = await As("tl_admin");
        var api = new (HttpClient Client, string Url)[]
        {
            (tuqiao, $"/api/v1/households/{h.Id}"), (tuqiao, $"/api/v1/households/{h.Id}/members"),
            (tuqiao, $"/api/v1/households/{h.Id}/history"), (tuqiao, "/api/v1/households?q=" + Uri.EscapeDataString(h.HeadName)),
            (tuqiao, "/api/v1/households?q=" + h.Number), (tuqiao, $"/api/v1/problems?householdId={h.Id}"),
            (tuqiao, $"/api/v1/monitoring/leads?householdId={h.Id}"), (tuqiao, $"/api/v1/monitoring/cases?householdId={h.Id}"),
            (tuqiao, $"/api/v1/visits?householdId={h.Id}"), (tuqiao, $"/api/v1/households/{h.Id}/guarantees"),
            (tuqiao, $"/api/v1/households/{h.Id}/pairings"), (admin, $"/api/v1/audit?householdId={h.Id}"),
            (admin, "/api/v1/audit?q=" + Uri.EscapeDataString(h.HeadName)),
        };
        foreach (var (client, url) in api) AssertNotRebuildable(url, await GetTextAsync(client, url), headId, spouseId);
        AssertNotRebuildable("export", await ExportXmlAsync(tuqiao, "q=" + h.Number), headId, spouseId);

        var page = await SignInAsync("tuqiao");
        var adminPage = await SignInAsync("tl_admin");
        var pages = new (HttpClient Client, string Url)[]
        {
            (page, $"/households/{h.Id}"), (page, "/households?q=" + h.Number), (page, $"/members/{spouseMemberId}/edit"),
            (page, $"/members/{spouseMemberId}/remove"),
            (page, $"/problems?HouseholdId={h.Id}"), (adminPage, $"/admin/audit?householdId={h.Id}"),
        };
        foreach (var (client, url) in pages)
        {
            var r = await client.GetAsync(url);
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)r.StatusCode}");
            AssertNotRebuildable(url, await r.Content.ReadAsStringAsync(), headId, spouseId);
        }
        Assert.Contains(headId[..6] + "***********X", await page.GetStringAsync($"/households/{h.Id}"));

        // The audited reveal still gives the whole number to those allowed.
        var revealed = await Ok(await admin.PostAsync($"/api/v1/members/{spouseMemberId}/reveal-id", null));
        Assert.Equal(spouseId, revealed["idNumber"]!.GetValue<string>());
        await Problem(await tuqiao.PostAsync($"/api/v1/members/{spouseMemberId}/reveal-id", null), HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task ID_numbers_and_phones_stored_in_the_earlier_format_still_read_and_new_ones_use_the_data_keys()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var h = await RegisterAsync(admin, places.HomeVillage);
        var memberId = (await GetAsync(admin, $"/api/v1/households/{h.Id}/members")).AsArray().Single()!["id"]!.GetValue<long>();
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Jingzhun.Web.Platform.Data.AppDbContext>();
            var stored = await db.Members.Where(m => m.Id == memberId).Select(m => m.IdNumberCipher).SingleAsync();
            Assert.StartsWith(Jingzhun.Web.Platform.Protection.DataKeyRing.Prefix, stored);
            // A row as the earlier format wrote it: Data Protection per value under the v1 purpose.
            var provider = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>();
            var legacy = provider.CreateProtector("Jingzhun.IdNumber.v1").Protect(h.HeadId);
            var legacyPhone = provider.CreateProtector("Jingzhun.Phone.v1").Protect("13912340000");
            await db.Members.Where(m => m.Id == memberId).ExecuteUpdateAsync(s => s.SetProperty(m => m.IdNumberCipher, legacy));
            await db.Households.Where(x => x.Id == h.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.PhoneProtected, legacyPhone));
        }
        var revealed = await Ok(await admin.PostAsync($"/api/v1/members/{memberId}/reveal-id", null));
        Assert.Equal(h.HeadId, revealed["idNumber"]!.GetValue<string>());
        // The full registry export (reveal permission) decrypts both.
        var full = await GetTextAsync(admin, $"/api/v1/registry/export?region={places.HomeVillage}");
        Assert.Contains(h.HeadId, full);
        Assert.Contains("13912340000", full);
    }

    [DbFact]
    public async Task Masks_stored_the_old_way_are_converted_at_start()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var headId = NewIdEndingInX();
        var h = await RegisterAsync(tuqiao, places.SecondVillage, headId: headId);
        var head = (await GetAsync(tuqiao, $"/api/v1/households/{h.Id}"))["members"]![0]!;
        var oldMask = headId[..6] + "********" + headId[^4..];
        var legacyOld = "110105*****1002";

        // A database written by the previous version: the member row and its audit entry carry the old mask.
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var memberId = head["id"]!.GetValue<long>();
            var summary = "成员 " + h.HeadName + "（" + oldMask + "）";
            var changes = "{\"IdNumberMasked\":[\"" + legacyOld + "\",\"" + oldMask + "\"],\"PhoneMasked\":[null,\"023*****5678\"]}";
            await db.Database.ExecuteSqlAsync($"UPDATE members SET \"IdNumberMasked\" = {oldMask} WHERE \"Id\" = {memberId}");
            await db.Database.ExecuteSqlAsync(
                $"UPDATE audit_entries SET \"Summary\" = {summary}, \"Changes\" = {changes} WHERE \"HouseholdId\" = {h.Id} AND \"EntityType\" = 'Member'");
            Assert.Contains(headId[^4..], await GetTextAsync(tuqiao, $"/api/v1/households/{h.Id}"));

            await IdNumberMaskUpgrade.RunAsync(db, CancellationToken.None);
            await IdNumberMaskUpgrade.RunAsync(db, CancellationToken.None);   // idempotent
        }

        var text = await GetTextAsync(tuqiao, $"/api/v1/households/{h.Id}");
        AssertNotRebuildable("converted detail", text, headId);
        Assert.Contains(headId[..6] + "***********X", text);
        var history = await GetTextAsync(tuqiao, $"/api/v1/households/{h.Id}/history");
        AssertNotRebuildable("converted history", history, headId);
        Assert.Contains(headId[..6] + "***********X", history);
        Assert.Contains("110105*********", history);
        Assert.Contains("023*****5678", history);   // a phone mask that only looks alike is left alone
    }

    [Theory]
    [InlineData("成员 张三（500151********123X）", "成员 张三（500151***********X）")]
    [InlineData("{\"IdNumberMasked\":[\"500151********1236\",\"110105*****1002\"]}", "{\"IdNumberMasked\":[\"500151***********6\",\"110105*********\"]}")]
    [InlineData("500151***********X 138****5678 023*****5678", "500151***********X 138****5678 023*****5678")]
    public void Old_masks_in_audit_texts_are_rewritten_and_nothing_else(string before, string after) =>
        Assert.Equal(after, IdNumberMaskUpgrade.Convert(before));

    // --- 2. audit entries --------------------------------------------------------------------------------------

    [DbFact]
    public async Task Audit_log_and_history_show_no_id_number_phone_or_health_detail()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var admin = await As("tl_admin");
        var headId = NewIdEndingInX();
        var facts = Facts();
        facts["phone"] = "13512340987";
        var h = await RegisterAsync(tuqiao, places.HomeVillage, facts, headId: headId);

        var memberId1 = NewIdEndingInX(Gender.Female);
        var member = Person(NewName(), memberId1, "Spouse");
        member["healthStatus"] = "SeriousIllness";
        var added = await Ok(await tuqiao.PostAsJsonAsync($"/api/v1/households/{h.Id}/members", new { member }), HttpStatusCode.Created);
        var mid = added["id"]!.GetValue<long>();

        // Edit: new phone, the member's ID number corrected, disabled (grade 2).
        var edit = (await GetAsync(tuqiao, $"/api/v1/households/{h.Id}"))["household"]!.AsObject().DeepClone().AsObject();
        edit["phone"] = "13698761234";
        await Ok(await tuqiao.PutAsJsonAsync($"/api/v1/households/{h.Id}", new { household = edit, version = 1 }));
        var memberId2 = NewIdEndingInX(Gender.Female);
        member["idNumber"] = memberId2;
        member["healthStatus"] = "Disabled";
        member["disabilityGrade"] = 2;
        await Ok(await tuqiao.PutAsJsonAsync($"/api/v1/members/{mid}", new { member, version = added["version"]!.GetValue<int>() }));

        var ids = new[] { headId, memberId1, memberId2 };
        var phones = new[] { "13512340987", "13698761234" };
        // Health values as stored (enum names) and as shown (labels).
        var health = new[] { "SeriousIllness", "Disabled", "患有大病", "残疾", "\"DisabilityGrade\":[null,2]" };
        var adminPage = await SignInAsync("tl_admin");
        var sources = new (string Where, string Text, bool HealthShownElsewhere)[]
        {
            ("audit API", await GetTextAsync(admin, $"/api/v1/audit?householdId={h.Id}&pageSize=200"), false),
            ("audit page", await adminPage.GetStringAsync($"/admin/audit?householdId={h.Id}"), false),
            ("history API", await GetTextAsync(tuqiao, $"/api/v1/households/{h.Id}/history"), false),
            // The household page lists the members' health in its member table (registry work needs it); its
            // history section is checked through the history API above.
            ("household page", await (await SignInAsync("tuqiao")).GetStringAsync($"/households/{h.Id}"), true),
        };
        Assert.Contains("健康状况", sources[1].Text);   // the change is listed, its values are not
        foreach (var (where, text, healthElsewhere) in sources)
        {
            AssertNotRebuildable(where, text, ids);
            foreach (var p in phones) Assert.False(text.Contains(p, StringComparison.Ordinal), $"{where}: phone {p} in clear");
            if (healthElsewhere) continue;
            var values = text.Replace("残疾等级", "", StringComparison.Ordinal);   // the field's name may be listed, not its value
            foreach (var word in health) Assert.False(values.Contains(word, StringComparison.Ordinal), $"{where}: health detail '{word}' shown");
        }
    }

    // --- 3. sub-lists of a household outside the scope ---------------------------------------------------------

    [DbFact]
    public async Task Sub_lists_of_another_townships_household_answer_404()
    {
        var places = await PlacesAsync();
        var countyAdmin = await As("tl_admin");
        var theirs = await RegisterAsync(countyAdmin, places.OtherTownshipVillage);
        var tuqiao = await As("tuqiao");
        var year = DateTime.UtcNow.Year - 1;
        var urls = new[]
        {
            $"/api/v1/households/{theirs.Id}", $"/api/v1/households/{theirs.Id}/members", $"/api/v1/households/{theirs.Id}/history",
            $"/api/v1/households/{theirs.Id}/incomes/{year}", $"/api/v1/households/{theirs.Id}/guarantees",
            $"/api/v1/households/{theirs.Id}/pairings", $"/api/v1/fieldwork/emergencies?householdId={theirs.Id}",
            $"/api/v1/visits?householdId={theirs.Id}", $"/api/v1/problems?householdId={theirs.Id}",
            $"/api/v1/problems/export?householdId={theirs.Id}", $"/api/v1/monitoring/leads?householdId={theirs.Id}",
            $"/api/v1/monitoring/cases?householdId={theirs.Id}",
        };
        var wrong = new List<string>();
        foreach (var url in urls)
        {
            var r = await tuqiao.GetAsync(url);
            if (r.StatusCode != HttpStatusCode.NotFound) wrong.Add($"{url}: {(int)r.StatusCode}");
            // The same request by the county sees the household: the 404 is the scope, not a broken route.
            var c = await countyAdmin.GetAsync(url);
            if (c.StatusCode != HttpStatusCode.OK && !url.Contains("/incomes/", StringComparison.Ordinal)) wrong.Add($"{url} as county: {(int)c.StatusCode}");
        }
        // The audit log filtered by a household outside the county admin's... own county is visible; another county's is not.
        var far = await RegisterAsync(await As("admin"), places.OtherCountyVillage);
        var audit = await countyAdmin.GetAsync($"/api/v1/audit?householdId={far.Id}");
        if (audit.StatusCode != HttpStatusCode.NotFound) wrong.Add($"/api/v1/audit?householdId={far.Id}: {(int)audit.StatusCode}");
        Assert.True(wrong.Count == 0, "answers other than 404:\n" + string.Join("\n", wrong));
    }

    // --- 4. the read-only role writes nothing ------------------------------------------------------------------

    [DbFact]
    public async Task The_read_only_role_is_refused_every_write_operation_of_the_openapi_document()
    {
        var places = await PlacesAsync();
        // Real records of the auditor's county, so that a missing permission check cannot hide behind a 404.
        var h = await RegisterAsync(await As("tl_admin"), places.HomeVillage);
        var memberId = (await GetAsync(await As("tl_admin"), $"/api/v1/households/{h.Id}"))["members"]![0]!["id"]!.GetValue<long>();
        var auditor = await As("auditor");
        var doc = await GetAsync(auditor, "/openapi/v1.json");
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["id"] = h.Id.ToString(), ["householdId"] = h.Id.ToString(), ["memberId"] = memberId.ToString(), ["year"] = "2024",
            ["county"] = County, ["province"] = "500000", ["code"] = Township, ["clientId"] = Guid.NewGuid().ToString("N"),
            ["measureId"] = "1", ["itemId"] = "1", ["name"] = "x",
        };
        var tried = 0;
        var notRefused = new List<string>();
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            foreach (var (method, op) in item!.AsObject())
            {
                if (method is "get" or "head" or "options" or "parameters" or "trace") continue;
                // Signing in is open to anyone by design (the walk already holds a token).
                if (path.StartsWith("/api/v1/auth/", StringComparison.Ordinal)) continue;
                // The county's 三率一度 calculator takes its sample figures in a POST body and stores nothing.
                if (path == "/api/v1/exit/county") continue;
                var url = Regex.Replace(path, @"\{([^}:]+)(:[^}]*)?\}", m => values.GetValueOrDefault(m.Groups[1].Value, "1"));
                var query = (op!["parameters"]?.AsArray() ?? [])
                    .Where(p => p!["in"]?.GetValue<string>() == "query" && p["required"]?.GetValue<bool>() == true)
                    .Select(p => p!["name"]!.GetValue<string>())
                    .Select(n => $"{n}={values.GetValueOrDefault(n, "1")}").ToList();
                if (query.Count > 0) url += "?" + string.Join("&", query);
                var content = op["requestBody"]?["content"]?.AsObject();
                HttpContent? body = null;
                if (content?.ContainsKey("multipart/form-data") == true)
                {
                    var form = new MultipartFormDataContent();
                    var jpeg = new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 0xFF, 0xD9]);
                    jpeg.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
                    form.Add(jpeg, "file", "a.jpg");
                    body = form;
                }
                else if (content is not null) body = JsonContent.Create(new JsonObject { ["householdId"] = h.Id });
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url) { Content = body };
                var r = await auditor.SendAsync(request);
                tried++;
                if (r.StatusCode != HttpStatusCode.Forbidden) notRefused.Add($"{method.ToUpperInvariant()} {path}: {(int)r.StatusCode}");
            }
        }
        Assert.True(tried >= 40, $"only {tried} write operations found in the OpenAPI document");
        Assert.True(notRefused.Count == 0, "write operations not refused (403) to the read-only role:\n" + string.Join("\n", notRefused));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqlitePrivacyApiTests(SqliteApp app) : PrivacyApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresPrivacyApiTests(PostgresApp app) : PrivacyApiTests(app);
