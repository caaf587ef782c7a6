using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.Rules;
using MiniExcelLibs;

namespace Jingzhun.IntegrationTests.Infrastructure;

/// <summary>Helpers shared by the API tests: sign-in, unique people, valid bodies, checked responses.</summary>
public abstract partial class ApiTests(TestApp app)
{
    [System.Text.RegularExpressions.GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex AntiforgeryFieldPattern();

    [System.Text.RegularExpressions.GeneratedRegex("<form\\b[^>]*>.*?</form>", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex FormPattern();

    /// <summary>
    /// The anti-forgery token carried by the page's own form in <paramref name="html"/> (the first form that is not the
    /// layout's sign-out form, or the one whose markup contains <paramref name="formMarker"/>): never another form's, so a
    /// form that lacks its token fails the test instead of borrowing the sign-out form's.
    /// </summary>
    protected static string AntiforgeryToken(string html, string? formMarker = null)
    {
        var form = FormPattern().Matches(html).Select(m => m.Value)
            .FirstOrDefault(f => formMarker is null ? !f.Contains("action=\"/logout\"", StringComparison.Ordinal) : f.Contains(formMarker, StringComparison.Ordinal));
        Assert.False(form is null, "the page has no form" + (formMarker is null ? "" : " with " + formMarker));
        var token = AntiforgeryFieldPattern().Match(form!).Groups[1].Value;
        Assert.False(token.Length == 0, "the page's form carries no anti-forgery token");
        return token;
    }

    /// <summary>A browser-like client signed in through the login form (cookie, with the form's own token).</summary>
    protected async Task<HttpClient> SignInAsync(string user, string password = Jingzhun.Web.Modules.Registry.DemoData.DemoSeeder.DemoPassword)
    {
        var client = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = AntiforgeryToken(await client.GetStringAsync("/login"));
        Assert.False(string.IsNullOrEmpty(token), "the login form carries an antiforgery token");
        var r = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = user, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        return client;
    }

    protected TestApp App { get; } = app;

    // Region nodes used by the tests (found through the API as the system administrator, cached per app).
    protected const string County = "500151";        // 铜梁区, the demo county
    protected const string Township = "500151101";   // 土桥镇: tuqiao; village and cadre sit in its first village
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TestApp, Places> PlacesOf = new();


    protected Task<HttpClient> As(string user) => App.LoginAsync(user);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TestApp, Task<string>> SecondAdminOf = new();

    /// <summary>
    /// A national administrator other than <paramref name="userName"/> (职责分离: who resolved or proposed something does
    /// not verify or approve it): the demo "admin", or a second system administrator created once per app.
    /// </summary>
    protected async Task<HttpClient> AdminOtherThanAsync(string userName) => await As(await AdminNameOtherThanAsync(userName));

    /// <summary>The user name of a national administrator other than <paramref name="userName"/> (see <see cref="AdminOtherThanAsync"/>).</summary>
    protected async Task<string> AdminNameOtherThanAsync(string userName)
    {
        if (userName != "admin") return "admin";
        return await SecondAdminOf.GetValue(App, _ => Task.Run(async () =>
        {
            var admin = await As("admin");
            await Ok(await admin.PostAsJsonAsync("/api/v1/users", new
            {
                userName = "admin2", displayName = "第二系统管理员", role = "SystemAdmin", regionCode = "",
                password = Jingzhun.Web.Modules.Registry.DemoData.DemoSeeder.DemoPassword,
            }), HttpStatusCode.Created);
            return "admin2";
        }));
    }

    // --- unique test data --------------------------------------------------------------------------------

    private const string Digits = "甲乙丙丁戊己庚辛壬癸";

    /// <summary>A person's name unique in this app: "测" + four counter characters (no name contains another).</summary>
    protected string NewName()
    {
        var n = App.Next() % 10000;
        var chars = new char[4];
        for (var i = 3; i >= 0; i--) { chars[i] = Digits[n % 10]; n /= 10; }
        return "测" + new string(chars);
    }

    /// <summary>A valid 18-digit ID number never used before in this app.</summary>
    protected string NewIdNumber(string addressCode = County, Gender gender = Gender.Male)
    {
        var n = App.Next();
        var birth = new DateOnly(1940, 1, 1).AddDays(n * 7 % 25000);
        return IdNumberRule.Compose(addressCode, birth, n % 1000, gender);
    }

    protected static JsonObject Facts(string status = "Exited") => status switch
    {
        "Exited" => new JsonObject
        {
            ["status"] = "Exited", ["attribute"] = "GeneralExited", ["identifiedYear"] = 2014, ["exitYear"] = 2017,
            ["identificationStandard"] = "National", ["mainCause"] = "Illness", ["class321"] = "Watch",
            ["address"] = "测试地址1号", ["phone"] = "13812345678", ["housingGrade"] = "A",
        },
        "Ordinary" => new JsonObject
        {
            ["status"] = "Ordinary", ["mainCause"] = "Disability", ["class321"] = "Push", ["isDibao"] = true,
            ["phone"] = "13912345678",
        },
        _ => new JsonObject { ["status"] = status },
    };

    protected static JsonObject Person(string name, string idNumber, string relationship = "Head") => new()
    {
        ["name"] = name, ["idNumber"] = idNumber, ["relationship"] = relationship, ["ethnicity"] = "01",
        ["educationLevel"] = "JuniorHigh", ["healthStatus"] = "Healthy", ["laborSkill"] = "Ordinary",
        ["workStatus"] = "None", ["hasMedicalInsurance"] = true,
    };

    protected sealed record Registered(long Id, string Number, string HeadName, string HeadId, string Village, JsonNode Body);

    /// <summary>POST /households; asserts 201.</summary>
    protected async Task<Registered> RegisterAsync(HttpClient client, string village, JsonObject? facts = null, string? headName = null,
        string? headId = null)
    {
        headName ??= NewName();
        headId ??= NewIdNumber();
        var r = await client.PostAsJsonAsync("/api/v1/households",
            new { villageCode = village, household = facts ?? Facts(), head = Person(headName, headId) });
        var body = await Ok(r, HttpStatusCode.Created);
        return new Registered(body["id"]!.GetValue<long>(), body["householdNumber"]!.GetValue<string>(), headName, headId, village, body);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TestApp, Task<long>> DemoCadreOf = new();

    /// <summary>
    /// Pairs the demo account <c>cadre</c> (linked once per app to a cadre record of its village) with the households:
    /// a pairing cadre sees and works only the households paired with them.
    /// </summary>
    protected async Task PairWithDemoCadreAsync(params long[] householdIds)
    {
        var admin = await As("tl_admin");
        var cadreId = await DemoCadreOf.GetValue(App, _ => Task.Run(async () =>
        {
            var places = await PlacesAsync();
            var cadre = await Ok(await admin.PostAsJsonAsync("/api/v1/cadres", new
            {
                name = "演示帮扶干部", unit = "区农业农村委", phone = "13800001111", regionCode = places.HomeVillage, activeFrom = "2020-01-01", userName = "cadre",
            }), HttpStatusCode.Created);
            return cadre["id"]!.GetValue<long>();
        }));
        await Ok(await admin.PostAsJsonAsync("/api/v1/pairings/bulk", new { householdIds, cadreId, startedOn = "2020-01-01" }));
    }

    protected Task<Registered> RegisterAsAdminAsync(string village, string? headName = null, string? headId = null) =>
        As("admin").ContinueWith(t => RegisterAsync(t.Result, village, null, headName, headId)).Unwrap();

    // --- responses ---------------------------------------------------------------------------------------

    protected static async Task<JsonNode> Ok(HttpResponseMessage r, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == expected, $"{r.RequestMessage?.Method} {r.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)r.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Asserts a ProblemDetails answer with the status and returns it.</summary>
    protected static async Task<JsonNode> Problem(HttpResponseMessage r, HttpStatusCode expected)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == expected, $"{r.RequestMessage?.Method} {r.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)r.StatusCode} {text}");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var p = JsonNode.Parse(text)!;
        Assert.Equal((int)expected, p["status"]!.GetValue<int>());
        return p;
    }

    /// <summary>
    /// The scenario on one record: <paramref name="read"/> gives its version, <paramref name="write"/> sends a change from a
    /// version as a user. First A then B from the same version (B refused, naming A); then A and B at once from the
    /// version after that (one refused, naming the other). Returns the message of the first refusal.
    /// </summary>
    protected async Task<string> TwoEditorsAsync<TVersion>(string what, string userA, string userB, Func<HttpClient, Task<TVersion>> read,
        Func<HttpClient, TVersion, int, Task<HttpResponseMessage>> write)
    {
        var a = await As(userA);
        var b = await As(userB);
        var version = await read(a);
        var before = DateTime.UtcNow;
        await Ok(await write(a, version, 1));
        var after = DateTime.UtcNow;
        var refused = await write(b, version, 2);
        var message = await StaleEditAsync(refused, what, userA, before, after);
        Assert.NotEqual(version, await read(a));

        version = await read(a);
        before = DateTime.UtcNow;
        var both = await Task.WhenAll(write(a, version, 3), write(b, version, 4));
        after = DateTime.UtcNow;
        var won = Assert.Single(both, r => r.StatusCode == HttpStatusCode.OK);
        var lost = Assert.Single(both, r => r.StatusCode != HttpStatusCode.OK);
        await StaleEditAsync(lost, what, won == both[0] ? userA : userB, before, after);
        return message;
    }

    /// <summary>An account's current concurrency stamp, which an edit of the account sends back.</summary>
    protected static async Task<string> StampOfAsync(HttpClient c, string userId) =>
        (await GetAsync(c, $"/api/v1/users/{userId}"))["concurrencyStamp"]!.GetValue<string>();

    /// <summary>
    /// Asserts the 409 of a stale edit (optimistic concurrency) and returns its message: "<paramref name="what"/>已被
    /// <paramref name="by"/> 于 T 修改…", T the Beijing time of their save, which happened between the two UTC times given.
    /// </summary>
    protected static async Task<string> StaleEditAsync(HttpResponseMessage r, string what, string by, DateTime beforeUtc, DateTime afterUtc)
    {
        var title = (await Problem(r, HttpStatusCode.Conflict))["title"]!.GetValue<string>();
        AssertStaleMessage(title, what, by, beforeUtc, afterUtc);
        return title;
    }

    /// <summary>The stale-edit message inside <paramref name="text"/> (an answer or a page) names who saved and when, in Beijing time.</summary>
    protected static void AssertStaleMessage(string text, string what, string by, DateTime beforeUtc, DateTime afterUtc)
    {
        var m = System.Text.RegularExpressions.Regex.Match(text, System.Text.RegularExpressions.Regex.Escape(what) + @"已被 (\S+) 于 (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) 修改，");
        Assert.True(m.Success, $"no \"{what}已被 … 于 … 修改\" in: {text}");
        Assert.Equal(by, m.Groups[1].Value);
        var at = DateTime.ParseExact(m.Groups[2].Value, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var low = beforeUtc.AddHours(8);
        Assert.InRange(at, new DateTime(low.Year, low.Month, low.Day, low.Hour, low.Minute, 0), afterUtc.AddHours(8));
    }

    /// <summary>The messages of one field of a 400 validation problem (fails when the field has none).</summary>
    protected static async Task<string> FieldError(HttpResponseMessage r, string field)
    {
        var p = await Problem(r, HttpStatusCode.BadRequest);
        var errors = p["errors"]?.AsObject();
        Assert.True(errors is not null && errors.ContainsKey(field), $"no error for '{field}' in {p.ToJsonString()}");
        return string.Join(" ", errors[field]!.AsArray().Select(e => e!.GetValue<string>()));
    }

    /// <summary>
    /// A text field one character over its limit is a 400 naming <paramref name="field"/> ("…不能超过N个字"), and exactly
    /// at its limit it is saved. <paramref name="send"/> sends the text in a request that is valid otherwise.
    /// </summary>
    protected static async Task TextLimitAsync(string field, int limit, Func<string, Task<HttpResponseMessage>> send)
    {
        Assert.Contains($"不能超过{limit}个字", await FieldError(await send(new string('字', limit + 1)), field));
        var at = await send(new string('字', limit));
        Assert.True(at.IsSuccessStatusCode, $"{field} at its limit of {limit}: {(int)at.StatusCode} {await at.Content.ReadAsStringAsync()}");
    }

    /// <summary>A 1×1 PNG built from its chunks (signature, IHDR, IDAT with a stored deflate block, IEND).</summary>
    protected static byte[] TinyPng()
    {
        static byte[] Chunk(string type, byte[] data)
        {
            var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
            var crcInput = typeBytes.Concat(data).ToArray();
            uint crc = 0xFFFFFFFF;
            foreach (var b in crcInput)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
            crc ^= 0xFFFFFFFF;
            return [.. BigEndian((uint)data.Length), .. typeBytes, .. data, .. BigEndian(crc)];
        }
        static byte[] BigEndian(uint v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];
        byte[] ihdr = [.. BigEndian(1), .. BigEndian(1), 8, 2, 0, 0, 0]; // 1×1, 8-bit RGB
        byte[] raw = [0, 0xFF, 0x00, 0x00];                               // filter 0, one red pixel
        uint a = 1, b2 = 0;
        foreach (var x in raw) { a = (a + x) % 65521; b2 = (b2 + a) % 65521; }
        byte[] zlib = [0x78, 0x01, 0x01, (byte)raw.Length, 0, (byte)~raw.Length, 0xFF, .. raw, .. BigEndian((b2 << 16) | a)];
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", zlib), .. Chunk("IEND", [])];
    }

    protected static async Task<JsonNode> GetAsync(HttpClient c, string url) => await Ok(await c.GetAsync(url));

    protected static async Task<string> GetTextAsync(HttpClient c, string url)
    {
        var r = await c.GetAsync(url);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"GET {url}: {(int)r.StatusCode} {text}");
        return text;
    }

    /// <summary>Household ids of the list answer for <paramref name="query"/>.</summary>
    protected static async Task<List<long>> ListIdsAsync(HttpClient c, string query)
    {
        var page = await GetAsync(c, "/api/v1/households?pageSize=200&" + query);
        return page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToList();
    }

    /// <summary>Downloads the export and returns all XML text of the workbook (sheets and shared strings).</summary>
    protected static Task<string> ExportXmlAsync(HttpClient c, string query) => WorkbookXmlAsync(c, "/api/v1/households/export?" + query);

    /// <summary>Downloads the workbook at <paramref name="url"/> (asserting 200 and the .xlsx type) and returns all its XML text.</summary>
    protected static async Task<string> WorkbookXmlAsync(HttpClient c, string url)
    {
        var r = await c.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await r.Content.ReadAsByteArrayAsync()));
        var text = new System.Text.StringBuilder();
        foreach (var e in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(e.Open());
            text.Append(await reader.ReadToEndAsync());
        }
        return text.ToString();
    }

    /// <summary>Downloads the export and reads its rows (header row as keys).</summary>
    protected static async Task<List<IDictionary<string, object>>> ExportRowsAsync(HttpClient c, string query)
    {
        var r = await c.GetAsync("/api/v1/households/export?" + query);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using var stream = new MemoryStream(await r.Content.ReadAsByteArrayAsync());
        return stream.Query(useHeaderRow: true, startCell: "A2").Cast<IDictionary<string, object>>().ToList();
    }

    // --- places ------------------------------------------------------------------------------------------

    protected sealed record Places(string HomeVillage, string SecondVillage, string OtherTownship, string OtherTownshipVillage,
        string OtherCounty, string OtherCountyVillage);

    /// <summary>
    /// HomeVillage: the first village of 土桥镇 (the village and cadre accounts); SecondVillage: another village of
    /// 土桥镇; OtherTownship(Village): another township of 铜梁区; OtherCounty(Village): another county of 重庆.
    /// </summary>
    protected async Task<Places> PlacesAsync()
    {
        if (PlacesOf.TryGetValue(App, out var p)) return p;
        var admin = await As("admin");
        async Task<List<string>> Children(string code) =>
            (await GetAsync(admin, $"/api/v1/regions/{code}/children")).AsArray()
            .Where(x => x!["hasChildren"]!.GetValue<bool>() || x["code"]!.GetValue<string>().Length == 12)
            .Select(x => x!["code"]!.GetValue<string>()).ToList();
        var home = await Children(Township);
        var townships = await Children(County);
        var otherTownship = townships.First(t => t != Township);
        var counties = await Children("5001");
        var otherCounty = counties.First(c => c != County);
        var otherCountyTownship = (await Children(otherCounty)).First();
        p = new Places(home[0], home[1], otherTownship, (await Children(otherTownship))[0], otherCounty,
            (await Children(otherCountyTownship))[0]);
        PlacesOf.AddOrUpdate(App, p);
        return p;
    }
}
