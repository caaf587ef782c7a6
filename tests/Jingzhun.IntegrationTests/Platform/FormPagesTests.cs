using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jingzhun.IntegrationTests.Infrastructure;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// The web forms as a browser posts them, signed in as the role that uses each, with the form's own anti-forgery token:
/// a value that cannot be read (a number field's "abc", an unknown option, a date that does not exist, a check box's
/// "abc"), an empty required field or a text over its limit re-shows the same form (200) with a Chinese error next to
/// the field and everything else the user typed kept — never a 500, never a bare 400.
/// </summary>
public abstract partial class FormPagesTests(TestApp app) : ApiTests(app)
{
    private const string Unreadable = "abc";

    // --- the walk over every form ------------------------------------------------------------------------------

    /// <summary>Selects whose model is text (the use case names the choice it refuses), not a code the binding reads.</summary>
    private static readonly Regex TextChoices = new(@"^(Role|Kind|ProblemDimension|Items\[\d+\]\.Issue)$");

    [DbFact]
    public async Task Every_form_re_shows_an_unreadable_value_with_a_chinese_error_next_to_its_field_and_keeps_the_rest()
    {
        var f = await FixtureAsync();
        var forms = new (string User, string Url)[]
        {
            ("village", "/households/new"), ("village", $"/households/{f.Household}/edit"), ("village", $"/households/{f.Household}/members/new"),
            ("village", $"/members/{f.Member}/edit"), ("village", $"/members/{f.Member}/remove"), ("village", $"/households/{f.Household}/incomes/2024"),
            ("village", $"/fieldwork/visits/new?household={f.Household}"),
            ("tl_admin", "/admin/users/new"), ("tl_admin", $"/admin/users/{f.User}/edit"),
            ("tl_admin", "/fieldwork/cadres/edit"), ("tl_admin", $"/fieldwork/cadres/edit/{f.Cadre}"), ("tl_admin", "/fieldwork/teams"),
            ("tl_admin", $"/fieldwork/pairing?region={f.Village}"), ("tl_admin", "/fieldwork/logs"), ("tl_admin", "/reports/snapshots"),
            ("tuqiao", $"/fieldwork/meetings?township={f.Village[..9]}"),
            ("tuqiao", $"/monitoring/leads/new?householdId={f.Household}"), ("tuqiao", $"/problems/new?householdId={f.Household}"),
            ("tuqiao", $"/problems/{f.Problem}"), ("tuqiao", "/problems"), ("tuqiao", "/households/import"),
            ("tl_admin", $"/monitoring/cases/{f.AppraisalCase}"), ("tl_admin", $"/monitoring/cases/{f.PublicityCase}"),
            ("tl_admin", $"/monitoring/cases/{f.MonitoredCase}"),
        };
        var failures = new List<string>();
        var posted = 0;
        var clients = new Dictionary<string, HttpClient>();
        foreach (var (user, url) in forms)
        {
            if (!clients.TryGetValue(user, out var client)) clients[user] = client = await SignInAsync(user);
            var page = await client.GetAsync(url);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {url} as {user}: {(int)page.StatusCode}");
            var html = await page.Content.ReadAsStringAsync();
            foreach (var form in Forms(html, url).Where(x => x.Action != "/logout"))
            foreach (var field in form.Fields.Where(x => x.Typed && !x.Hidden).DistinctBy(x => x.Name))
            {
                posted++;
                var label = $"{user} {url} {field.Name}=\"{Unreadable}\"";
                var r = await PostAsync(client, form, form.Values(field.Name, Unreadable));
                var answer = await r.Content.ReadAsStringAsync();
                if (r.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{label}: {(int)r.StatusCode} {Short(answer)}");
                    continue;
                }
                var again = Forms(answer, url).FirstOrDefault(x => x.Action == form.Action && x.Fields.Any(y => y.Name == field.Name));
                if (again is null)
                {
                    failures.Add($"{label}: the form is not shown again");
                    continue;
                }
                if (!TextChoices.IsMatch(field.Name) && ErrorNextTo(answer, again, field.Name) is null)
                    failures.Add($"{label}: no Chinese error next to the field");
                var lost = form.Markers.Where(m => !answer.Contains(m.Value, StringComparison.Ordinal)).Select(m => m.Name).ToList();
                if (lost.Count > 0) failures.Add($"{label}: lost what was typed in {string.Join(", ", lost)}");
            }
            // Hidden fields (versions, steps, record ids) are not typed by anyone: a forged value is refused, never a 500.
            foreach (var form in Forms(html, url).Where(x => x.Action != "/logout"))
            foreach (var field in form.Fields.Where(x => x.Hidden && x.Name is not ("__RequestVerificationToken" or "__Invariant")).DistinctBy(x => x.Name))
            {
                posted++;
                var r = await PostAsync(client, form, form.Values(field.Name, Unreadable));
                if ((int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.BadRequest)
                    failures.Add($"{user} {url} hidden {field.Name}=\"{Unreadable}\": {(int)r.StatusCode} {Short(await r.Content.ReadAsStringAsync())}");
            }
        }
        Assert.True(posted > 120, $"only {posted} fields posted: did the forms render?");
        Assert.True(failures.Count == 0, $"{failures.Count} of {posted} posts:\n" + string.Join("\n", failures));
    }

    // --- the forms the issue names, field by field ---------------------------------------------------------------

    [DbFact]
    public async Task Registering_a_household_with_bad_fields_shows_each_error_at_its_field_and_keeps_the_input()
    {
        var places = await PlacesAsync();
        var page = await SignInAsync("village");
        var form = await FormAsync(page, "/households/new");
        var name = NewName();
        var values = form.With(("VillageCode", places.HomeVillage), ("Household.Status", "Exited"), ("Household.IdentifiedYear", "二〇一四"),
            ("Household.Address", new string('址', 201)), ("Head.Name", name), ("Head.IdNumber", NewIdNumber()));
        var html = await ReshownAsync(page, form, values);
        Assert.Contains("“二〇一四”不是有效的整数", ErrorNextTo(html, form, "Household.IdentifiedYear"));
        // One pass: the other fields' errors are shown with it, not after the number is fixed.
        Assert.Contains("详细地址不能超过200个字", ErrorNextTo(html, form, "Household.Address"));
        Assert.Contains(name, html);
        Assert.Contains(places.HomeVillage, html);

        // The number read, the address is now the use case's to refuse: over its column's 200 characters.
        values = form.With(("VillageCode", places.HomeVillage), ("Household.Address", new string('址', 201)), ("Head.Name", name),
            ("Head.IdNumber", NewIdNumber()));
        html = await ReshownAsync(page, form, values);
        Assert.Contains("详细地址不能超过200个字", ErrorNextTo(html, form, "Household.Address"));
        Assert.Contains(name, html);

        // Nothing required filled in: each required field says so, in Chinese.
        html = await ReshownAsync(page, form, form.With(("VillageCode", ""), ("Head.Name", ""), ("Head.IdNumber", "")));
        Assert.Contains("请选择户所在的村", html);
    }

    [DbFact]
    public async Task Editing_a_household_with_a_bad_number_or_an_unknown_option_keeps_the_input()
    {
        var f = await FixtureAsync();
        var page = await SignInAsync("village");
        // A masked value is never editable text: the stored phone is shown beside an empty field (blank keeps it).
        var editPage = await page.GetStringAsync($"/households/{f.Household}/edit");
        Assert.DoesNotMatch("<input[^>]*value=\"[^\"]*\\*\\*\\*[^\"]*\"", editPage);
        var form = await FormAsync(page, $"/households/{f.Household}/edit");
        var html = await ReshownAsync(page, form, form.With(("Household.WaterFetchMinutes", "半小时"), ("Household.Address", "新村路8号"),
            ("Household.HousingGrade", "E")));
        Assert.Contains("“半小时”不是有效的整数", ErrorNextTo(html, form, "Household.WaterFetchMinutes"));
        Assert.Contains("“E”不是可选的值", ErrorNextTo(html, form, "Household.HousingGrade"));
        Assert.Contains("新村路8号", html);
        Assert.Contains("value=\"半小时\"", html);   // the bad number itself is shown again to be corrected
    }

    [DbFact]
    public async Task Adding_editing_and_removing_a_member_with_bad_fields_shows_the_errors_at_the_fields()
    {
        var f = await FixtureAsync();
        var page = await SignInAsync("village");
        var add = await FormAsync(page, $"/households/{f.Household}/members/new");
        var name = NewName();
        var html = await ReshownAsync(page, add, add.With(("Member.Name", name), ("Member.IdNumber", NewIdNumber()), ("Member.WorkMonths", "六个月"),
            ("Member.HasMedicalInsurance", "是")));
        Assert.Contains("“六个月”不是有效的整数", ErrorNextTo(html, add, "Member.WorkMonths"));
        Assert.Contains("“是”不是有效的选项", ErrorNextTo(html, add, "Member.HasMedicalInsurance"));
        Assert.Contains(name, html);

        var edit = await FormAsync(page, $"/members/{f.Member}/edit");
        html = await ReshownAsync(page, edit, edit.With(("Member.Name", new string('名', 51))));
        Assert.Contains("姓名不能超过50个字", ErrorNextTo(html, edit, "Member.Name"));
        html = await ReshownAsync(page, edit, edit.With(("Member.Name", "")));
        Assert.Contains("请填写姓名", ErrorNextTo(html, edit, "Member.Name"));

        var remove = await FormAsync(page, $"/members/{f.Member}/remove");
        html = await ReshownAsync(page, remove, remove.With(("Reason", "Deceased"), ("Date", "2024-02-30"), ("Note", "因病去世"), ("Confirm", "true")));
        Assert.Contains("“2024-02-30”不是有效的日期", ErrorNextTo(html, remove, "Date"));
        Assert.Contains("因病去世", html);
        html = await ReshownAsync(page, remove, remove.With(("Reason", "Deceased"), ("Note", new string('注', 201)), ("Confirm", "true")));
        Assert.Contains("备注不能超过200个字", ErrorNextTo(html, remove, "Note"));
    }

    [DbFact]
    public async Task Creating_and_editing_a_user_with_missing_or_over_long_fields_keeps_the_input()
    {
        var places = await PlacesAsync();
        var f = await FixtureAsync();
        var page = await SignInAsync("tl_admin");
        var form = await FormAsync(page, "/admin/users/new");
        var userName = $"form{App.Next()}";
        (string, string)[] Filled(string displayName) =>
        [
            ("UserName", userName), ("DisplayName", displayName), ("Role", "VillageOfficer"), ("RegionCode", places.HomeVillage),
            ("Password", "Forms2026xyz"), ("ConfirmPassword", "Forms2026xyz"),
        ];
        var html = await ReshownAsync(page, form, form.With(Filled("")));
        Assert.Contains("请填写姓名", ErrorNextTo(html, form, "DisplayName"));
        Assert.Contains(userName, html);
        html = await ReshownAsync(page, form, form.With(Filled(new string('名', 51))));
        Assert.Contains("姓名不能超过50个字", ErrorNextTo(html, form, "DisplayName"));
        Assert.Contains(userName, html);
        // A megabyte of display name is refused like any other over-long name: the form again, not a 400 or a 500.
        html = await ReshownAsync(page, form, form.With(Filled(new string('名', 350_000))));
        Assert.Contains("姓名不能超过50个字", ErrorNextTo(html, form, "DisplayName"));
        // Exactly at the limit the user is created.
        var saved = await PostAsync(page, form, form.With(Filled(new string('名', 50))));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var edit = await FormAsync(page, $"/admin/users/{f.User}/edit");
        html = await ReshownAsync(page, edit, edit.With(("DisplayName", new string('名', 51)), ("Locked", "停用")));
        Assert.Contains("“停用”不是有效的选项", ErrorNextTo(html, edit, "Locked"));
        Assert.Contains(new string('名', 51), html);
        html = await ReshownAsync(page, edit, edit.With(("DisplayName", new string('名', 51))));
        Assert.Contains("姓名不能超过50个字", ErrorNextTo(html, edit, "DisplayName"));
    }

    [DbFact]
    public async Task A_monitoring_plan_and_measure_with_bad_fields_show_the_errors_at_the_fields_and_keep_the_input()
    {
        var f = await FixtureAsync();
        var page = await SignInAsync("tl_admin");
        var url = $"/monitoring/cases/{f.MonitoredCase}";
        var forms = await FormsAsync(page, url);
        var plan = forms.Single(x => x.Fields.Any(y => y.Name == "PlanForm.Plan"));
        var html = await ReshownAsync(page, plan, plan.With(("PlanForm.ResponsibleCadre", "李帮扶"), ("PlanForm.Plan", new string('计', 2001))));
        Assert.Contains("帮扶计划不能超过2000个字", ErrorNextTo(html, plan, "PlanForm.Plan"));
        Assert.Contains("李帮扶", html);

        var measure = forms.Single(x => x.Fields.Any(y => y.Name == "Measure.Description"));
        html = await ReshownAsync(page, measure, measure.With(("Measure.Category", "Health"), ("Measure.Description", "落实医疗救助"),
            ("Measure.Amount", "三千元"), ("Measure.StartDate", "2024-13-01"), ("Measure.Status", "Finished")));
        Assert.Contains("“三千元”不是有效的数值", ErrorNextTo(html, measure, "Measure.Amount"));
        Assert.Contains("“2024-13-01”不是有效的日期", ErrorNextTo(html, measure, "Measure.StartDate"));
        Assert.Contains("“Finished”不是可选的值", ErrorNextTo(html, measure, "Measure.Status"));
        Assert.Contains("落实医疗救助", html);
        html = await ReshownAsync(page, measure, measure.With(("Measure.Category", "Health"), ("Measure.Description", "落实医疗救助"),
            ("Measure.Status", "Done"), ("Measure.Evidence", new string('证', 1001))));
        Assert.Contains("佐证材料不能超过1000个字", ErrorNextTo(html, measure, "Measure.Evidence"));
        Assert.Contains("落实医疗救助", html);

        // A step's form: a participant count that is not a number, at the field, the rest kept.
        var appraisal = (await FormsAsync(page, $"/monitoring/cases/{f.AppraisalCase}")).Single(x => x.Fields.Any(y => y.Name == "Input.Participants"));
        html = await ReshownAsync(page, appraisal, appraisal.With(("Input.Participants", "十二"), ("Input.Reason", "家庭收入稳定")));
        Assert.Contains("“十二”不是有效的整数", ErrorNextTo(html, appraisal, "Input.Participants"));
        Assert.Contains("家庭收入稳定", html);
    }

    // --- records the forms work on ---------------------------------------------------------------------------------

    private sealed record Fixture(string Village, long Household, long Member, string User, long Cadre, long Problem,
        long AppraisalCase, long PublicityCase, long MonitoredCase);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TestApp, Task<Fixture>> Fixtures = new();

    private Task<Fixture> FixtureAsync() => Fixtures.GetValue(App, _ => Task.Run(CreateFixtureAsync));

    private async Task<Fixture> CreateFixtureAsync()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var village = places.HomeVillage;
        var h = await RegisterAsync(admin, village);
        var member = await Ok(await admin.PostAsJsonAsync($"/api/v1/households/{h.Id}/members", new { member = Person(NewName(), NewIdNumber(), "Son") }),
            HttpStatusCode.Created);
        var user = await Ok(await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName = $"formuser{App.Next()}", displayName = "表单测试", role = "VillageOfficer", regionCode = village, password = "Forms2026xyz",
        }), HttpStatusCode.Created);
        var cadre = await Ok(await admin.PostAsJsonAsync("/api/v1/cadres", new
        {
            name = NewName(), unit = "土桥镇人民政府", regionCode = village, activeFrom = "2024-01-01",
        }), HttpStatusCode.Created);
        var problem = await Ok(await admin.PostAsJsonAsync("/api/v1/problems", new
        {
            householdId = h.Id, dimension = "Food", source = "Visit", severity = "Normal", description = "入户发现家中存粮不足",
        }), HttpStatusCode.Created);
        return new Fixture(village, h.Id, member["id"]!.GetValue<long>(), user["id"]!.GetValue<string>(), cadre["id"]!.GetValue<long>(),
            problem["id"]!.GetValue<long>(), await CaseAsync(admin, village, "Appraisal"), await CaseAsync(admin, village, "Publicity"),
            await CaseAsync(admin, village, "Monitoring"));
    }

    /// <summary>A monitoring case of a new household, recorded through the API up to <paramref name="stage"/>.</summary>
    private async Task<long> CaseAsync(HttpClient county, string village, string stage)
    {
        var h = await RegisterAsync(county, village);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        await Ok(await county.PutAsJsonAsync($"/api/v1/households/{h.Id}/incomes/{today.Year - 1}", new { wageIncome = 5000, householdSize = 1 }));
        var lead = await Ok(await county.PostAsJsonAsync("/api/v1/monitoring/leads",
            new { householdId = h.Id, source = "CadreCheck", detail = "入户走访发现家庭成员患重病" }), HttpStatusCode.Created);
        var id = (await Ok(await county.PostAsync($"/api/v1/monitoring/leads/{lead["id"]}/case", null), HttpStatusCode.Created))["id"]!.GetValue<long>();
        string Day(int days) => today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        byte[] scan = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];
        var scanId = (await Ok(await county.PostAsync("/api/v1/files", new MultipartFormDataContent { { new ByteArrayContent(scan), "file", "承诺书.jpg" } }),
            HttpStatusCode.Created))["id"]!.GetValue<string>();
        var steps = new (string Step, JsonObject Fields)[]
        {
            ("Visit", new() { ["date"] = Day(0), ["findings"] = "入户核实家庭成员患病，医疗支出大" }),
            ("Consent", new() { ["date"] = Day(0), ["scanFileId"] = scanId }),
            ("Comparison", new() { ["findings"] = "暂无" }),
            ("Appraisal", new() { ["date"] = Day(0), ["participants"] = 12, ["agreed"] = true, ["kind"] = "UnstableExited", ["riskTypes"] = new JsonArray("Illness") }),
            // Posted the day of the appraisal for six days: recorded (with what follows) six days on.
            ("Publicity", new() { ["startDate"] = Day(0), ["endDate"] = Day(5) }),
            ("TownshipReview", new() { ["agreed"] = true, ["opinion"] = "经审核符合条件" }),
            ("CountyDecision", new() { ["agreed"] = true, ["reason"] = "同意" }),
        };
        var version = 1;
        await using var ahead = Later(6);
        foreach (var (step, fields) in steps.TakeWhile(s => s.Step != stage))
        {
            fields["step"] = step;
            fields["version"] = version;
            if (step == "Publicity") county = await LoginAsync(ahead, "tl_admin");
            // Who proposed it (评议: admin, 公示: tl_admin) does not review it at the next level: a third administrator does.
            var by = step == "TownshipReview" ? await LoginAsync(ahead, await AdminNameOtherThanAsync("admin")) : county;
            var view = await Ok(await by.PostAsJsonAsync($"/api/v1/monitoring/cases/{id}/steps", fields));
            version = view["case"]!["version"]!.GetValue<int>();
        }
        return id;
    }

    // --- forms as the page renders them ------------------------------------------------------------------------

    /// <summary>One field of a form: where it sits in the page, and whether the binding reads it as a number, date, choice or yes/no.</summary>
    private sealed record Field(string Name, string Type, string? Value, bool Hidden, int Start)
    {
        public bool Typed => Type is "number" or "date" or "datetime-local" or "month" or "checkbox" or "radio" or "select";
    }

    /// <summary>
    /// A form with what a user would post: its hidden values (its own anti-forgery token among them), the shown choices,
    /// and in every text field a marker that must come back when the form is shown again.
    /// </summary>
    private sealed record PageForm(string Action, bool Multipart, List<Field> Fields, List<(string Name, string Value)> Posted,
        List<(string Name, string Value)> Markers)
    {
        /// <summary>The posted values with <paramref name="name"/> (all its inputs: a check box and its hidden "false") replaced.</summary>
        public List<(string, string)> Values(string name, string value) => With((name, value));

        public List<(string, string)> With(params (string Name, string Value)[] changes)
        {
            var names = changes.Select(c => c.Name).ToHashSet();
            return [.. Posted.Where(p => !names.Contains(p.Name)), .. changes.Where(c => c.Value is not null)];
        }
    }

    [GeneratedRegex(@"<form\b(?<a>[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormTag();

    [GeneratedRegex(@"<select\b(?<a>[^>]*)>(?<inner>.*?)</select>|<textarea\b(?<a>[^>]*)>(?<inner>.*?)</textarea>|<input\b(?<a>[^>]*?)/?>",
        RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FieldTag();

    [GeneratedRegex(@"<option\b(?<a>[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex OptionTag();

    [GeneratedRegex(@"(?<k>[\w-]+)\s*=\s*""(?<v>[^""]*)""")]
    private static partial Regex Attribute();

    private static Dictionary<string, string> Attributes(string tag) =>
        Attribute().Matches(tag).GroupBy(m => m.Groups["k"].Value.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups["v"].Value));

    private static List<PageForm> Forms(string html, string pageUrl)
    {
        var forms = new List<PageForm>();
        foreach (Match fm in FormTag().Matches(html))
        {
            var attrs = Attributes(fm.Groups["a"].Value);
            if (!attrs.TryGetValue("method", out var method) || !method.Equals("post", StringComparison.OrdinalIgnoreCase)) continue;
            var fields = new List<Field>();
            var posted = new List<(string, string)>();
            var markers = new List<(string, string)>();
            foreach (Match m in FieldTag().Matches(fm.Groups["body"].Value))
            {
                var a = Attributes(m.Groups["a"].Value);
                if (!a.TryGetValue("name", out var name)) continue;
                var start = fm.Groups["body"].Index + m.Index;
                var tag = m.Value[1..m.Value.IndexOfAny([' ', '>', '/', '\n'])].ToLowerInvariant();
                var type = tag == "input" ? a.GetValueOrDefault("type", "text").ToLowerInvariant() : tag;
                var flag = (string f) => Regex.IsMatch(m.Groups["a"].Value, $@"(^|\s){f}(\s|=|$)", RegexOptions.IgnoreCase);
                switch (type)
                {
                    case "hidden":
                        fields.Add(new(name, type, a.GetValueOrDefault("value", ""), true, start));
                        posted.Add((name, a.GetValueOrDefault("value", "")));
                        break;
                    case "select":
                        var options = OptionTag().Matches(m.Groups["inner"].Value).Select(o => (Attrs: Attributes(o.Value), Selected: Regex.IsMatch(o.Value, @"\sselected\b")))
                            .ToList();
                        var chosen = options.Where(o => o.Selected).Select(o => o.Attrs.GetValueOrDefault("value", "")).ToList();
                        if (chosen.Count == 0 && !flag("multiple") && options.Count > 0) chosen.Add(options[0].Attrs.GetValueOrDefault("value", ""));
                        fields.Add(new(name, type, chosen.FirstOrDefault(), false, start));
                        posted.AddRange(chosen.Select(c => (name, c)));
                        break;
                    case "checkbox" or "radio":
                        fields.Add(new(name, type, a.GetValueOrDefault("value", "on"), false, start));
                        if (flag("checked")) posted.Add((name, a.GetValueOrDefault("value", "on")));
                        break;
                    case "file" or "submit" or "button":
                        break;
                    case "password":
                        // Never shown again (a password is typed anew): posted, not a marker.
                        fields.Add(new(name, type, "Forms2026xyz", false, start));
                        posted.Add((name, "Forms2026xyz"));
                        break;
                    case "number" or "date" or "datetime-local" or "month" or "time":
                        fields.Add(new(name, type, a.GetValueOrDefault("value", ""), false, start));
                        posted.Add((name, a.GetValueOrDefault("value", "")));
                        break;
                    default:
                        // Text: a marker of its own ("留" and two digits), to be found in the page shown again.
                        var marker = "留" + "零一二三四五六七八九"[markers.Count / 10 % 10] + "零一二三四五六七八九"[markers.Count % 10];
                        fields.Add(new(name, type, marker, false, start));
                        posted.Add((name, marker));
                        markers.Add((name, marker));
                        break;
                }
            }
            var action = attrs.TryGetValue("action", out var act) && act.Length > 0 ? act : pageUrl;
            forms.Add(new PageForm(action.Split('#')[0] == "" ? pageUrl : action.Split('#')[0], attrs.GetValueOrDefault("enctype", "").Contains("multipart", StringComparison.Ordinal),
                fields, posted, markers));
        }
        return forms;
    }

    private static async Task<List<PageForm>> FormsAsync(HttpClient client, string url)
    {
        var r = await client.GetAsync(url);
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)r.StatusCode}");
        return Forms(await r.Content.ReadAsStringAsync(), url).Where(f => f.Action != "/logout").ToList();
    }

    private static async Task<PageForm> FormAsync(HttpClient client, string url) => Assert.Single(await FormsAsync(client, url));

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, PageForm form, List<(string Name, string Value)> values)
    {
        HttpContent content = form.Multipart
            ? values.Aggregate(new MultipartFormDataContent(), (c, v) => { c.Add(new StringContent(v.Value), v.Name); return c; })
            : new FormUrlEncodedContent(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)));
        return client.PostAsync(form.Action, content);
    }

    /// <summary>Posts and expects the same page again (200): returns it.</summary>
    private static async Task<string> ReshownAsync(HttpClient client, PageForm form, List<(string Name, string Value)> values)
    {
        var r = await PostAsync(client, form, values);
        var html = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"POST {form.Action}: {(int)r.StatusCode} {Short(html)}");
        return html;
    }

    [GeneratedRegex(@"<(?:span|p|div|td)\b[^>]*\bclass=""[^""]*(?:g-err|field-error|validation-error)[^""]*""[^>]*>(?<m>[^<]*\p{IsCJKUnifiedIdeographs}[^<]*)<")]
    private static partial Regex ErrorElement();

    /// <summary>
    /// The Chinese error shown next to a field: between the field and the next field of another name (an error element
    /// of the page's style: "field-validation-error", "g-err"), or null when there is none.
    /// </summary>
    private static string? ErrorNextTo(string html, PageForm form, string name)
    {
        var shown = Forms(html, form.Action).FirstOrDefault(f => f.Action == form.Action && f.Fields.Any(x => x.Name == name))
            ?? Forms(html, form.Action).FirstOrDefault(f => f.Fields.Any(x => x.Name == name));
        if (shown is null) return null;
        var at = shown.Fields.First(x => x.Name == name).Start;
        var next = shown.Fields.Where(x => x.Start > at && x.Name != name && !x.Hidden).Select(x => x.Start).DefaultIfEmpty(html.Length).Min();
        var m = ErrorElement().Match(html[at..next]);
        return m.Success ? WebUtility.HtmlDecode(m.Groups["m"].Value.Trim()) : null;
    }

    private static string Short(string s, int max = 200) => s.Length <= max ? s : s[..max] + "…";
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteFormPagesTests(SqliteApp app) : FormPagesTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresFormPagesTests(PostgresApp app) : FormPagesTests(app);
