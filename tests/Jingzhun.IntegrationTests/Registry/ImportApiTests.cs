using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Jingzhun.IntegrationTests.Infrastructure;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.Transfer;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jingzhun.IntegrationTests;

/// <summary>Bulk import and export of the registry through HTTP: template, encodings, row errors, modes, re-import, scope, cancel.</summary>
public abstract class ImportApiTests(TestApp app) : ApiTests(app)
{
    static ImportApiTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly HouseholdFacts Exited = new()
    {
        Status = HouseholdStatus.Exited, Attribute = PovertyAttribute.GeneralExited, IdentifiedYear = 2015, ExitYear = 2018,
        IdentificationStandard = IdentificationStandard.National, MainCause = PovertyCause.Illness, Class321 = Class321.Watch,
        Phone = "13812345678", HousingGrade = HousingGrade.A, FoodSecure = true, ClothingSecure = true,
    };

    private static readonly IncomeLines Income = new() { WageIncome = 20000, ProductionIncome = 5000, ProductionExpense = 1000, TransferIncome = 2000, PensionIncome = 1200 };

    /// <summary>A household number in the village not used by the registration tests (they count up from 0001).</summary>
    private string NewNumber(string village) => HouseholdNumbers.Format(village, 5000 + App.Next() % 4999);

    private RegistryRow Row(string number, string village, Relationship relationship = Relationship.Head, string? name = null, string? id = null,
        HouseholdFacts? facts = null)
    {
        id ??= NewIdNumber();
        Jingzhun.Web.Modules.Registry.Rules.IdNumberRule.TryParse(id, new DateOnly(2026, 1, 1), out var info, out _);
        return new(number, village, facts ?? Exited, new MemberFacts
        {
            Name = name ?? NewName(), IdNumber = id, Relationship = relationship, Ethnicity = "01", Gender = info?.Gender, BirthDate = info?.BirthDate,
            EducationLevel = EducationLevel.JuniorHigh, HasMedicalInsurance = true,
        }, IncomeYear: 2024, Income: Income);
    }

    private List<RegistryRow> Household(string village, int members = 2)
    {
        var number = NewNumber(village);
        var rows = new List<RegistryRow> { Row(number, village) };
        for (var i = 1; i < members; i++) rows.Add(Row(number, village, Relationship.Son));
        return rows;
    }

    private static byte[] Csv(IEnumerable<RegistryRow> rows)
    {
        using var ms = new MemoryStream();
        RegistryWorkbook.WriteCsv(ms, rows);
        return ms.ToArray();
    }

    private static string[] Fields(RegistryRow r) => RegistryRowText.Format(r);

    /// <summary>A CSV from raw fields (UTF-8 with BOM unless an encoding is given).</summary>
    private static byte[] CsvOf(IEnumerable<string[]> rows, Encoding? encoding = null)
    {
        var text = new StringBuilder();
        foreach (var r in rows.Prepend(RegistryColumns.Headers.ToArray()))
            text.Append(string.Join(",", r.Select(f => f.Contains(',') || f.Contains('"') ? "\"" + f.Replace("\"", "\"\"") + "\"" : f))).Append("\r\n");
        return encoding is null ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())] : encoding.GetBytes(text.ToString());
    }

    private static async Task<HttpResponseMessage> PostImportAsync(HttpClient c, byte[] file, string fileName, string region, string mode = "All", bool dryRun = false)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        form.Add(content, "file", fileName);
        form.Add(new StringContent(region), "region");
        form.Add(new StringContent(mode), "mode");
        form.Add(new StringContent(dryRun ? "true" : "false"), "dryRun");
        return await c.PostAsync("/api/v1/registry/import", form);
    }

    /// <summary>Uploads, waits for the job and returns the import's result.</summary>
    private static async Task<JsonNode> ImportAsync(HttpClient c, byte[] file, string region, string mode = "All", bool dryRun = false, string fileName = "registry.csv")
    {
        var started = await Ok(await PostImportAsync(c, file, fileName, region, mode, dryRun), HttpStatusCode.Accepted);
        var job = await WaitAsync(c, started["jobId"]!.GetValue<long>());
        Assert.Equal("Succeeded", job["job"]!["status"]!.GetValue<string>());
        return job["result"]!;
    }

    private static async Task<JsonNode> WaitAsync(HttpClient c, long id)
    {
        for (var i = 0; i < 600; i++)
        {
            var s = await GetAsync(c, $"/api/v1/registry/import/{id}");
            if (s["job"]!["status"]!.GetValue<string>() is not ("Queued" or "Running")) return s;
            await Task.Delay(100);
        }
        Assert.Fail($"import job {id} did not finish");
        return null!;
    }

    private static int Count(JsonNode result, string name) => result["counts"]![name]!.GetValue<int>();

    private static async Task<JsonNode?> FindAsync(HttpClient c, string number)
    {
        var page = await GetAsync(c, "/api/v1/households?pageSize=5&q=" + number);
        var id = page["items"]!.AsArray().FirstOrDefault()?["id"]?.GetValue<long>();
        return id is null ? null : await GetAsync(c, $"/api/v1/households/{id}");
    }

    private static void HasError(JsonNode result, int row, string column, string text)
    {
        var errors = result["errors"]!.AsArray();
        Assert.True(errors.Any(e => e!["row"]!.GetValue<int>() == row && e["column"]!.GetValue<string>() == column && e["message"]!.GetValue<string>().Contains(text)),
            $"no error at row {row} [{column}] containing “{text}” in {errors.ToJsonString()}");
    }

    [DbFact]
    public async Task Template_downloads_with_lists_and_an_example_and_a_filled_template_imports()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var r = await admin.GetAsync("/api/v1/registry/import/template");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var bytes = await r.Content.ReadAsByteArrayAsync();
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes)))
        {
            using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
            var sheet = await reader.ReadToEndAsync();
            Assert.Contains("dataValidation", sheet);
            Assert.Contains("因病,因残", sheet);
        }
        var rows = new MemoryStream(bytes).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(RegistryColumns.Headers, rows[0].Keys.ToArray());

        // The template as downloaded, example rows left in: refused at the example rows, nothing written, no "新增".
        var unchanged = await ImportAsync(admin, bytes, County, fileName: "template.xlsx");
        Assert.False(unchanged["written"]!.GetValue<bool>());
        Assert.Contains(unchanged["errors"]!.AsArray(), e => e!["message"]!.GetValue<string>().Contains("示例行", StringComparison.Ordinal));
        Assert.DoesNotContain("新增", unchanged["summary"]!.GetValue<string>());
        Assert.Contains("没有写入任何数据", unchanged["summary"]!.GetValue<string>());

        // An ID number that Excel turned into a number: the row says how to fix the column.
        var numeric = rows.Select(x => new Dictionary<string, object?>(x)).ToList();
        foreach (var x in numeric) x[RegistryColumns.IdNumber] = 500151196803153000d + numeric.IndexOf(x) * 2000;
        using (var asNumbers = new MemoryStream())
        {
            await asNumbers.SaveAsAsync(numeric);
            var refused = await ImportAsync(admin, asNumbers.ToArray(), County, fileName: "numbers.xlsx");
            Assert.Contains(refused["errors"]!.AsArray(), e => e!["message"]!.GetValue<string>().Contains("设置单元格格式为“文本”", StringComparison.Ordinal));
        }

        // Fill the template as a user would: our own household number, people and village.
        var number = NewNumber(places.SecondVillage);
        var headName = NewName();
        foreach (var (row, i) in rows.Select((x, i) => (x, i)))
        {
            row[RegistryColumns.HouseholdNumber] = number;
            row[RegistryColumns.VillageCode] = places.SecondVillage;
            row[RegistryColumns.Name] = i == 0 ? headName : NewName();
            row[RegistryColumns.IdNumber] = NewIdNumber();
            row["性别"] = "男";
            row["出生日期"] = "";
        }
        using var filled = new MemoryStream();
        await filled.SaveAsAsync(rows);
        var result = await ImportAsync(admin, filled.ToArray(), places.SecondVillage, fileName: "filled.xlsx");
        Assert.True(result["written"]!.GetValue<bool>(), result.ToJsonString());
        Assert.Equal(1, Count(result, "householdsNew"));
        Assert.Equal(2, Count(result, "membersNew"));
        Assert.Equal(1, Count(result, "incomesNew"));

        var h = (await FindAsync(admin, number))!;
        Assert.Equal(headName, h["headName"]!.GetValue<string>());
        Assert.Equal(2, h["size"]!.GetValue<int>());
        Assert.Equal("Illness", h["household"]!["mainCause"]!.GetValue<string>());
        // Derived by the forms' rule: (24000 + 6000 − 1500 + 0 + 3600) / 2.
        Assert.Equal(16050m, h["incomes"]!.AsArray().Single()!["perCapitaNetIncome"]!.GetValue<decimal>());
    }

    /// <summary>
    /// The import does not judge row by row: it announces one region change, on which the guarantees and monitoring
    /// modules queue their sweeps of the region; the imported household is then assessed and screened like any other.
    /// </summary>
    [DbFact]
    public async Task An_import_queues_the_guarantees_and_monitoring_sweeps_that_assess_the_imported_households()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var number = NewNumber(places.SecondVillage);
        // A D-grade house (住房安全 fails) and 1,000 yuan per head (below any monitoring threshold).
        var row = Row(number, places.SecondVillage, facts: Exited with { HousingGrade = HousingGrade.D }) with { Income = new IncomeLines { WageIncome = 1000 } };
        var result = await ImportAsync(admin, Csv([row]), places.SecondVillage);
        Assert.Equal(1, Count(result, "householdsNew"));
        var id = (await FindAsync(admin, number))!["id"]!.GetValue<long>();

        // Polls what only the sweeps make (the panel's GET would assess a household never assessed, so it is read after).
        JsonNode? problem = null;
        List<string> reasons = [];
        for (var i = 0; i < 600 && (problem is null || reasons.Count == 0); i++)
        {
            if (i > 0) await Task.Delay(100);
            problem = (await GetAsync(admin, $"/api/v1/problems?householdId={id}"))["items"]!.AsArray()
                .FirstOrDefault(p => p!["source"]!.GetValue<string>() == "Rule" && p["dimension"]!.GetValue<string>() == "Housing");
            reasons = (await GetAsync(admin, $"/api/v1/monitoring/leads?householdId={id}"))["items"]!.AsArray()
                .Where(l => l!["source"]!.GetValue<string>() == "SystemSweep").Select(l => l!["reason"]!.GetValue<string>()).ToList();
        }
        Assert.True(problem is not null, "the guarantees sweep queued after the import assessed the household");
        var housing = (await GetAsync(admin, $"/api/v1/households/{id}/guarantees"))["dimensions"]!.AsArray()
            .Single(d => d!["dimension"]!.GetValue<string>() == "Housing")!;
        Assert.Equal("Fail", housing["verdict"]!.GetValue<string>());
        Assert.Equal(problem["id"]!.GetValue<long>(), housing["openProblemId"]!.GetValue<long>());
        Assert.True(reasons.Count > 0, "the monitoring sweep queued after the import screened the household");
        Assert.Contains("IncomeBelowThreshold", reasons);
        // Queued after the guarantees sweep, the monitoring sweep read the housing problem it had opened.
        Assert.Contains("GuaranteeProblem", reasons);
    }

    [DbFact]
    public async Task A_GBK_csv_with_labels_and_codes_imports()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var rows = Household(places.SecondVillage).Select(Fields).ToList();
        rows[0][RegistryColumns.IndexOf("主要致贫原因")] = "2"; // the code of 因残
        rows[1][RegistryColumns.IndexOf("与户主关系")] = "之女";
        rows[1][RegistryColumns.IndexOf("主要致贫原因")] = "";   // household columns may be left empty after the first row
        var name = rows[0][RegistryColumns.IndexOf(RegistryColumns.Name)];
        var result = await ImportAsync(admin, CsvOf(rows, Encoding.GetEncoding("GB18030")), places.SecondVillage);
        Assert.Equal(1, Count(result, "householdsNew"));
        var h = (await FindAsync(admin, rows[0][0]))!;
        Assert.Equal(name, h["headName"]!.GetValue<string>());
        Assert.Equal("Disability", h["household"]!["mainCause"]!.GetValue<string>());
        Assert.Contains(h["members"]!.AsArray(), m => m!["facts"]!["relationship"]!.GetValue<string>() == "Daughter");
    }

    [DbFact]
    public async Task Every_kind_of_row_error_is_reported_with_its_row_and_column_and_nothing_is_written()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var v = places.SecondVillage;
        var existing = await RegisterAsync(admin, v);
        var rows = new List<string[]>();
        int Add(IEnumerable<string[]> household) { var at = rows.Count + 2; rows.AddRange(household); return at; }
        string[] F(RegistryRow r) => Fields(r);
        int Col(string h) => RegistryColumns.IndexOf(h);

        var good = Household(v);
        var goodAt = Add(good.Select(F));
        var badId = Household(v).Select(F).ToArray();
        badId[1][Col(RegistryColumns.IdNumber)] = badId[1][Col(RegistryColumns.IdNumber)][..17] + (badId[1][Col(RegistryColumns.IdNumber)][17] == '1' ? "2" : "1");
        var badIdAt = Add(badId);
        var years = Household(v, 1).Select(F).ToArray();
        years[0][Col("识别年度")] = "2019";
        var yearsAt = Add(years);
        var code = Household(v, 1).Select(F).ToArray();
        code[0][Col("主要致贫原因")] = "因懒";
        var codeAt = Add(code);
        var noHead = Household(v).Select(F).ToArray();
        noHead[0][Col("与户主关系")] = "配偶";
        var noHeadAt = Add(noHead);
        var twice = Household(v, 1).Select(F).ToArray();
        twice[0][Col(RegistryColumns.IdNumber)] = good[1].Member.IdNumber;
        twice[0][Col("出生日期")] = twice[0][Col("性别")] = "";
        var twiceAt = Add(twice);
        var inDb = Household(v, 1).Select(F).ToArray();
        inDb[0][Col(RegistryColumns.IdNumber)] = existing.HeadId;
        inDb[0][Col("出生日期")] = inDb[0][Col("性别")] = "";
        var inDbAt = Add(inDb);
        var outside = Household(places.OtherCountyVillage, 1).Select(F).ToArray();
        var outsideAt = Add(outside);
        var differs = Household(v).Select(F).ToArray();
        differs[1][Col("户类型")] = "一般农户";
        var differsAt = Add(differs);
        var date = Household(v, 1).Select(F).ToArray();
        date[0][Col("出生日期")] = "1990-02-31";
        var dateAt = Add(date);
        var income = Household(v, 1).Select(F).ToArray();
        income[0][Col("其中：公益性岗位收入")] = "30000";
        var incomeAt = Add(income);

        var result = await ImportAsync(admin, CsvOf(rows), County);
        Assert.False(result["written"]!.GetValue<bool>());
        HasError(result, badIdAt + 1, RegistryColumns.IdNumber, "校验位");
        HasError(result, yearsAt, "脱贫年度", "脱贫年度");
        HasError(result, codeAt, "主要致贫原因", "因懒");
        HasError(result, noHeadAt, "与户主关系", "户主");
        HasError(result, twiceAt, RegistryColumns.IdNumber, $"第 {goodAt + 1} 行");
        HasError(result, inDbAt, RegistryColumns.IdNumber, existing.Number);
        HasError(result, outsideAt, RegistryColumns.VillageCode, "不在本次导入的地区范围内");
        HasError(result, differsAt + 1, "户类型", "不一致");
        HasError(result, dateAt, "出生日期", "不是有效日期");
        HasError(result, incomeAt, "其中：公益性岗位收入", "不能大于工资性收入");
        // 全部成功才导入: the valid household was not written either.
        Assert.Null(await FindAsync(admin, good[0].HouseholdNumber));

        // The error workbook: the erroneous rows as they were, with their row number and reason.
        var errors = await admin.GetAsync(result["errorWorkbookUrl"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, errors.StatusCode);
        var workbook = await errors.Content.ReadAsByteArrayAsync();
        var sheet = new MemoryStream(workbook).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var codeRow = sheet.Single(x => Convert.ToInt32(x[RegistryColumns.RowNumber]) == codeAt);
        Assert.Equal("因懒", codeRow["主要致贫原因"]);
        Assert.Contains("[主要致贫原因]", (string)codeRow[RegistryColumns.Errors]!);
        // The bad cell is filled red; the row's other cells are not.
        Assert.Equal("FFFFC7CE", ExcelPrintTests.FillOf(workbook, "因懒"));
        Assert.Null(ExcelPrintTests.FillOf(workbook, (string)codeRow[RegistryColumns.Errors]!));

        // 仅导入无误的户: the valid household goes in, the others stay out.
        var partial = await ImportAsync(admin, CsvOf(rows), County, mode: "Valid");
        Assert.True(partial["written"]!.GetValue<bool>());
        Assert.Equal(1, Count(partial, "householdsNew"));
        Assert.NotNull(await FindAsync(admin, good[0].HouseholdNumber));
        Assert.Null(await FindAsync(admin, code[0][0]));
    }

    [DbFact]
    public async Task Into_an_empty_registry_the_import_rebuilds_every_index_it_set_aside()
    {
        // A database of its own: the bulk path (secondary indexes dropped, rows written, indexes built again) only runs
        // when the registry is empty.
        // On PostgreSQL a COPY of 7 households at a time: the file's chunks (100 households) are written on a task of
        // their own while the next ones are read, one batch after another.
        using var fresh = App is PostgresApp ? (TestApp)new PostgresApp() : new SqliteApp();
        fresh.ExtraSettings["Import:CopyBatch"] = "7";
        var admin = await fresh.LoginAsync("admin");
        var village = (await PlacesAsync()).HomeVillage;
        var households = Enumerable.Range(0, 250).Select(i => Household(village, 1 + i % 3)).ToList();
        var result = await ImportAsync(admin, Csv(households.SelectMany(h => h)), village);
        Assert.True(result["written"]!.GetValue<bool>());
        Assert.Equal(250, Count(result, "householdsNew"));
        Assert.Equal(households.Sum(h => h.Count), Count(result, "membersNew"));
        foreach (var h in households.Where((_, i) => i % 50 == 0 || i == 249))
            Assert.Equal(h.Count, (await FindAsync(admin, h[0].HouseholdNumber))!["members"]!.AsArray().Count);

        // Every index the model declares on the three tables is there again.
        using var scope = fresh.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Jingzhun.Web.Platform.Data.AppDbContext>();
        var tables = new[] { typeof(Household), typeof(Jingzhun.Web.Modules.Registry.Member), typeof(HouseholdIncome) }.Select(t => db.Model.FindEntityType(t)!).ToList();
        var expected = tables.SelectMany(t => t.GetIndexes()).Select(i => i.GetDatabaseName()!).ToHashSet();
        var sql = db.Database.IsNpgsql()
            ? "SELECT indexname AS \"Value\" FROM pg_indexes WHERE schemaname = current_schema()"
            : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index'";
        var present = db.Database.SqlQueryRaw<string>(sql).ToHashSet();
        Assert.Empty(expected.Except(present));
        Assert.True(expected.Count >= 10, $"the model declares {expected.Count} indexes on the registry tables");
        // So is every foreign key (PostgreSQL sets them aside too), checked over the rows written.
        if (!db.Database.IsNpgsql()) return;
        var keys = tables.SelectMany(t => t.GetForeignKeys()).Select(k => k.GetConstraintName()!).ToHashSet();
        var validated = db.Database.SqlQueryRaw<string>("SELECT conname AS \"Value\" FROM pg_constraint WHERE contype = 'f' AND convalidated").ToHashSet();
        Assert.Empty(keys.Except(validated));
        Assert.True(keys.Count >= 2, $"the model declares {keys.Count} foreign keys on the registry tables");
    }

    /// <summary>A village without households, away from the ones the other tests fill (the last county of 重庆's city districts).</summary>
    private async Task<string> EmptyVillageAsync(HttpClient admin)
    {
        async Task<List<string>> Children(string code) =>
            (await GetAsync(admin, $"/api/v1/regions/{code}/children")).AsArray().Select(x => x!["code"]!.GetValue<string>()).ToList();
        foreach (var township in (await Children((await Children("5001")).Last())).AsEnumerable().Reverse())
            foreach (var village in (await Children(township)).AsEnumerable().Reverse())
                if ((await GetAsync(admin, $"/api/v1/households?region={village}&pageSize=1"))["total"]!.GetValue<int>() == 0) return village;
        throw new InvalidOperationException("no village without households");
    }

    [DbFact]
    public async Task An_import_into_a_region_without_households_writes_them_new_and_still_refuses_a_person_of_another_region()
    {
        // Into a region with no stored household numbers the import looks none up (every valid household is new), but the
        // rule that a person belongs to one household nationwide still holds.
        var places = await PlacesAsync();
        var admin = await As("admin");
        var elsewhere = await RegisterAsync(admin, places.HomeVillage);
        var village = await EmptyVillageAsync(admin);
        var good = Household(village, 3);
        var twice = Household(village, 1).Select(Fields).ToArray();
        var id = RegistryColumns.IndexOf(RegistryColumns.IdNumber);
        twice[0][id] = elsewhere.HeadId;
        twice[0][RegistryColumns.IndexOf("出生日期")] = twice[0][RegistryColumns.IndexOf("性别")] = "";

        var refused = await ImportAsync(admin, CsvOf(good.Select(Fields).Concat(twice)), village);
        Assert.False(refused["written"]!.GetValue<bool>());
        HasError(refused, 5, RegistryColumns.IdNumber, "其他地区某户");
        Assert.Null(await FindAsync(admin, good[0].HouseholdNumber));

        var written = await ImportAsync(admin, Csv(good), village);
        Assert.True(written["written"]!.GetValue<bool>());
        Assert.Equal(1, Count(written, "householdsNew"));
        Assert.Equal(3, Count(written, "membersNew"));
        var stored = await FindAsync(admin, good[0].HouseholdNumber);
        Assert.Equal(3, stored!["members"]!.AsArray().Count);
        // Now the region has a household: the same file is matched to it and changes nothing.
        var again = await ImportAsync(admin, Csv(good), village);
        Assert.Equal(0, Count(again, "householdsNew"));
        Assert.Equal(1, Count(again, "householdsUnchanged"));
    }

    [DbFact]
    public async Task Re_importing_the_same_file_changes_nothing_and_a_dry_run_shows_a_change_without_writing()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var rows = Household(places.SecondVillage, 3);
        var first = await ImportAsync(admin, Csv(rows), places.SecondVillage);
        Assert.Equal(1, Count(first, "householdsNew"));
        var before = (await FindAsync(admin, rows[0].HouseholdNumber))!;

        var again = await ImportAsync(admin, Csv(rows), places.SecondVillage);
        Assert.Equal(0, Count(again, "householdsNew") + Count(again, "householdsChanged") + Count(again, "membersNew") + Count(again, "membersChanged"));
        Assert.Equal(1, Count(again, "householdsUnchanged"));
        Assert.Equal(3, Count(again, "membersUnchanged"));
        Assert.Equal(1, Count(again, "incomesUnchanged"));
        var after = (await FindAsync(admin, rows[0].HouseholdNumber))!;
        Assert.Equal(before["version"]!.GetValue<int>(), after["version"]!.GetValue<int>());

        var changed = rows.Select(r => r with { Household = r.Household with { HousingGrade = HousingGrade.B } }).ToList();
        var dry = await ImportAsync(admin, Csv(changed), places.SecondVillage, dryRun: true);
        Assert.False(dry["written"]!.GetValue<bool>());
        Assert.Equal(1, Count(dry, "householdsChanged"));
        Assert.Equal("A", (await FindAsync(admin, rows[0].HouseholdNumber))!["household"]!["housingGrade"]!.GetValue<string>());

        var real = await ImportAsync(admin, Csv(changed), places.SecondVillage);
        Assert.Equal(1, Count(real, "householdsChanged"));
        Assert.Equal("B", (await FindAsync(admin, rows[0].HouseholdNumber))!["household"]!["housingGrade"]!.GetValue<string>());
    }

    [DbFact]
    public async Task An_import_outside_the_users_region_is_refused()
    {
        var places = await PlacesAsync();
        var tuqiao = await As("tuqiao");
        var rows = Household(places.OtherTownshipVillage);
        Assert.Contains("管辖范围", await FieldError(await PostImportAsync(tuqiao, Csv(rows), "a.csv", places.OtherTownship), "region"));
        // Rows outside the import's region are errors (and so nothing is written).
        var result = await ImportAsync(tuqiao, Csv(rows), Township);
        Assert.False(result["written"]!.GetValue<bool>());
        HasError(result, 2, RegistryColumns.VillageCode, "不在本次导入的地区范围内");
        Assert.Null(await FindAsync(await As("tl_admin"), rows[0].HouseholdNumber));
        // Without the edit permission there is no import at all.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostImportAsync(await As("auditor"), Csv(rows), "a.csv", County)).StatusCode);
    }

    [DbFact]
    public async Task A_cancelled_import_leaves_no_rows()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        // Enough households that the import is still running (or queued) when the cancel arrives.
        var village = places.OtherTownshipVillage;
        var rows = Enumerable.Range(3000, 6000).SelectMany(i => new[]
        {
            Row(HouseholdNumbers.Format(village, i), village), Row(HouseholdNumbers.Format(village, i), village, Relationship.Spouse),
            Row(HouseholdNumbers.Format(village, i), village, Relationship.Son),
        }).ToList();
        var started = await Ok(await PostImportAsync(admin, Csv(rows), "big.csv", village), HttpStatusCode.Accepted);
        var id = started["jobId"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/v1/jobs/{id}/cancel", null)).StatusCode);
        var done = await WaitAsync(admin, id);
        Assert.Equal("Cancelled", done["job"]!["status"]!.GetValue<string>());
        Assert.Null(await FindAsync(admin, rows[0].HouseholdNumber));
        Assert.Null(await FindAsync(admin, rows[^1].HouseholdNumber));
    }

    [DbFact]
    public async Task An_export_re_imports_to_an_identical_registry()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var village = places.OtherTownshipVillage;
        var rows = Household(village, 3).Concat(Household(village, 1)).ToList();
        rows[1] = rows[1] with { MemberStatus = MemberStatus.MovedOut, LeftOn = new DateOnly(2023, 5, 1), LeftNote = "外出定居" };
        rows = rows.Select((r, i) => r with { Income = Income with { HouseholdSize = i < 3 ? 2 : 1 } }).ToList();
        await ImportAsync(admin, Csv(rows), village);

        async Task<List<string>> ExportLinesAsync()
        {
            var r = await admin.GetAsync($"/api/v1/registry/export?region={village}&format=csv");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var text = Encoding.UTF8.GetString(await r.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
            var numbers = rows.Select(x => x.HouseholdNumber).ToHashSet();
            return text.Split("\r\n").Where(l => l.Length > 16 && numbers.Contains(l[..16])).ToList();
        }
        var exported = await ExportLinesAsync();
        // The same lines as the imported file (full ID numbers and phone included, so that it re-imports).
        var original = Encoding.UTF8.GetString(Csv(rows)).TrimStart('\uFEFF').Split("\r\n").Skip(1).Where(l => l.Length > 0).ToList();
        Assert.Equal(original, exported);

        var bytes = Csv(rows);
        var again = await ImportAsync(admin, bytes, village);
        Assert.Equal(0, Count(again, "householdsNew") + Count(again, "householdsChanged") + Count(again, "membersChanged") + Count(again, "membersNew"));
        Assert.Equal(exported, await ExportLinesAsync());
        // The full export needs the reveal permission.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await As("tuqiao")).GetAsync($"/api/v1/registry/export?region={Township}")).StatusCode);
    }

    /// <summary>A village no other test uses: the last village of the county's second-to-last township.</summary>
    private async Task<string> RoundTripVillageAsync()
    {
        var admin = await As("admin");
        var townships = (await GetAsync(admin, $"/api/v1/regions/{County}/children")).AsArray()
            .Where(x => x!["hasChildren"]!.GetValue<bool>()).Select(x => x!["code"]!.GetValue<string>()).ToList();
        return (await GetAsync(admin, $"/api/v1/regions/{townships[^2]}/children")).AsArray().Select(x => x!["code"]!.GetValue<string>()).Last();
    }

    /// <summary>
    /// A 一般农户 without a 致贫原因 identified as a 边缘易致贫户 (监测户) through the whole procedure, each step dated after
    /// the lead, walked by the county administrator on an app a week ahead.
    /// </summary>
    private async Task<long> MonitoredWithoutCauseAsync(HttpClient admin, string village)
    {
        var facts = Facts("Ordinary");
        facts.Remove("mainCause");
        var h = await RegisterAsync(admin, village, facts);
        await Ok(await admin.PutAsJsonAsync($"/api/v1/households/{h.Id}/incomes/{DateTime.UtcNow.AddHours(8).Year - 1}",
            new { wageIncome = 3000m, householdSize = 1 }));
        var lead = (await GetAsync(admin, $"/api/v1/monitoring/leads?householdId={h.Id}&pageSize=50"))["items"]!.AsArray().First()!;
        var caseId = (await Ok(await admin.PostAsync($"/api/v1/monitoring/leads/{lead["id"]!.GetValue<long>()}/case", null), HttpStatusCode.Created))["id"]!.GetValue<long>();

        await using var later = Later(7);
        var county = later.CreateClient();
        var token = await Ok(await county.PostAsJsonAsync("/api/v1/auth/login", new { username = "tl_admin", password = Jingzhun.Web.Modules.Registry.DemoData.DemoSeeder.DemoPassword }));
        county.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        string D(int days) => day.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        byte[] scan = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];
        var scanId = (await Ok(await county.PostAsync("/api/v1/files", new MultipartFormDataContent { { new ByteArrayContent(scan), "file", "承诺书.jpg" } }),
            HttpStatusCode.Created))["id"]!.GetValue<string>();
        // 职责分离: the county administrator proposes, the system administrator reviews at the township level.
        var reviewer = await LoginAsync(later, "admin");
        var fields = new Dictionary<string, JsonObject>
        {
            ["Visit"] = new() { ["date"] = D(1), ["findings"] = "入户核实：家庭收入低于监测范围" },
            ["Consent"] = new() { ["date"] = D(1), ["scanFileId"] = scanId },
            ["Comparison"] = new() { ["findings"] = "暂无" },
            ["Appraisal"] = new() { ["date"] = D(1), ["participants"] = 12, ["agreed"] = true, ["kind"] = "EdgeProne", ["riskTypes"] = new JsonArray("Illness") },
            ["Publicity"] = new() { ["startDate"] = D(1), ["endDate"] = D(6) },
            ["TownshipReview"] = new() { ["agreed"] = true, ["opinion"] = "经审核符合条件" },
            ["CountyDecision"] = new() { ["agreed"] = true, ["reason"] = "同意" },
        };
        var view = await GetAsync(county, $"/api/v1/monitoring/cases/{caseId}");
        while (view["case"]!["stage"]!.GetValue<string>() != "Monitoring")
        {
            var step = view["case"]!["stage"]!.GetValue<string>();
            var body = fields[step].DeepClone().AsObject();
            body["step"] = step;
            body["version"] = view["case"]!["version"]!.GetValue<int>();
            view = await Ok(await (step == "TownshipReview" ? reviewer : county).PostAsJsonAsync($"/api/v1/monitoring/cases/{caseId}/steps", body));
        }
        var household = (await GetAsync(admin, $"/api/v1/households/{h.Id}"))["household"]!;
        Assert.Equal("Monitored", household["status"]!.GetValue<string>());
        Assert.Null(household["mainCause"]);
        return h.Id;
    }

    [DbFact]
    public async Task A_region_with_a_monitored_household_without_a_cause_and_a_member_who_came_back_re_imports_unchanged()
    {
        var admin = await As("tl_admin");
        var village = await RoundTripVillageAsync();
        var monitored = await MonitoredWithoutCauseAsync(admin, village);

        // A son moves out and comes back: a 迁出 row and an active row of the same person in one household.
        var family = await RegisterAsync(admin, village);
        var son = Person(NewName(), NewIdNumber(), "Son");
        var added = await Ok(await admin.PostAsJsonAsync($"/api/v1/households/{family.Id}/members", new { member = son }), HttpStatusCode.Created);
        await Ok(await admin.PostAsJsonAsync($"/api/v1/members/{added["id"]!.GetValue<long>()}/removal",
            new { reason = "MovedOut", date = "2023-05-01", note = "外出务工落户", version = added["version"]!.GetValue<int>() }));
        await Ok(await admin.PostAsJsonAsync($"/api/v1/households/{family.Id}/members", new { member = son }), HttpStatusCode.Created);
        await Ok(await admin.PutAsJsonAsync($"/api/v1/households/{family.Id}/incomes/2024", new { wageIncome = 24000m, transferIncome = 1800m, householdSize = 2 }));

        // A relocated household (keys received, grade C) with GPS and water facts, whose head died and whose widow became
        // head; a disabled member with a grade and a member with a legacy 15-digit ID number.
        var facts = Facts();
        facts["isRelocated"] = true; facts["settlementSite"] = "龙城安置点"; facts["relocationKeysReceived"] = true; facts["housingGrade"] = "C";
        facts["latitude"] = 29.8123456; facts["longitude"] = 106.0512345; facts["waterLitresPerPersonDay"] = 42.5; facts["waterPiped"] = true;
        facts["waterFetchMinutes"] = 5; facts["waterCutoffDaysPerYear"] = 3; facts["address"] = "巴川街道龙城安置点3栋2单元，“新家”";
        var moved = await RegisterAsync(admin, village, facts);
        var widow = Person(NewName(), NewIdNumber(gender: Jingzhun.Web.Modules.Registry.Gender.Female), "Spouse");
        widow["healthStatus"] = "Disabled"; widow["disabilityGrade"] = 2; widow["laborSkill"] = "Weak";
        var widowId = (await Ok(await admin.PostAsJsonAsync($"/api/v1/households/{moved.Id}/members", new { member = widow }), HttpStatusCode.Created))["id"]!.GetValue<long>();
        var n = App.Next();
        var legacy = Person(NewName(), $"500151{60 + n % 30:00}0{1 + n % 9}1{n % 10}{n % 1000:000}", "Son");
        await Ok(await admin.PostAsJsonAsync($"/api/v1/households/{moved.Id}/members", new { member = legacy }), HttpStatusCode.Created);
        var members = (await GetAsync(admin, $"/api/v1/households/{moved.Id}/members")).AsArray();
        var head = members.Single(m => m!["facts"]!["relationship"]!.GetValue<string>() == "Head")!;
        var widowView = members.Single(m => m!["id"]!.GetValue<long>() == widowId)!;
        var becomes = widow.DeepClone().AsObject();
        becomes["relationship"] = "Head";
        await Ok(await admin.PutAsJsonAsync($"/api/v1/members/{widowId}", new { member = becomes, version = widowView["version"]!.GetValue<int>(), formerHeadRelationship = "Spouse" }));
        var former = (await GetAsync(admin, $"/api/v1/households/{moved.Id}/members")).AsArray().Single(m => m!["id"]!.GetValue<long>() == head["id"]!.GetValue<long>())!;
        await Ok(await admin.PostAsJsonAsync($"/api/v1/members/{former["id"]!.GetValue<long>()}/removal",
            new { reason = "Deceased", date = "2025-02-03", version = former["version"]!.GetValue<int>() }));

        async Task<string> ExportAsync()
        {
            var r = await admin.GetAsync($"/api/v1/registry/export?region={village}&format=csv");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            return Encoding.UTF8.GetString(await r.Content.ReadAsByteArrayAsync());
        }
        async Task<List<string>> StateAsync() =>
        [
            .. await Task.WhenAll(new[] { monitored, family.Id }.Select(async id =>
                (await GetAsync(admin, $"/api/v1/households/{id}")).ToJsonString() + (await GetAsync(admin, $"/api/v1/households/{id}/members")).ToJsonString())),
            (await GetAsync(admin, $"/api/v1/households?region={village}&pageSize=1"))["total"]!.ToJsonString(),
        ];
        var exported = await ExportAsync();
        var lines = exported.Split("\r\n").Where(l => l.Length > 0).ToList();
        Assert.Equal(1 + 1 + 3 + 3, lines.Count);   // header; the monitored head; the family's head and the son's two rows; the relocated three
        var before = await StateAsync();

        var again = await ImportAsync(admin, Encoding.UTF8.GetBytes(exported), village);
        Assert.True(again["written"]!.GetValue<bool>(), again.ToJsonString());
        Assert.Empty(again["errors"]!.AsArray());
        Assert.Equal(0, Count(again, "errorRows"));
        Assert.Equal(3, Count(again, "householdsUnchanged"));
        Assert.Equal(7, Count(again, "membersUnchanged"));
        foreach (var changed in new[] { "householdsNew", "householdsChanged", "membersNew", "membersChanged", "incomesNew", "incomesChanged" })
            Assert.True(Count(again, changed) == 0, $"{changed}: {again.ToJsonString()}");
        Assert.Equal(before, await StateAsync());
        Assert.Equal(exported, await ExportAsync());

        // The workbook export re-imports the same way.
        var xlsx = await admin.GetAsync($"/api/v1/registry/export?region={village}&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var fromXlsx = await ImportAsync(admin, await xlsx.Content.ReadAsByteArrayAsync(), village, fileName: "registry.xlsx");
        Assert.True(fromXlsx["written"]!.GetValue<bool>(), fromXlsx.ToJsonString());
        Assert.Empty(fromXlsx["errors"]!.AsArray());
        Assert.Equal(3, Count(fromXlsx, "householdsUnchanged"));
        Assert.Equal(7, Count(fromXlsx, "membersUnchanged"));
        Assert.Equal(before, await StateAsync());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteImportApiTests(SqliteApp app) : ImportApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresImportApiTests(PostgresApp app) : ImportApiTests(app);
