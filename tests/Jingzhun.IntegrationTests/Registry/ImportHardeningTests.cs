using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jingzhun.IntegrationTests.Infrastructure;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.ImportHouseholds;
using Jingzhun.Web.Modules.Registry.Transfer;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// Issue 19, file handling: upload limits and who may import; bounded memory and 失败 with a Chinese reason for
/// bombs and malformed files; masked ID numbers in error outputs; kept files encrypted and pruned; exports in the
/// private folder; formula injection; uploaded files served safely and uploads refused to the read-only role.
/// </summary>
public abstract partial class ImportHardeningTests(TestApp app) : ApiTests(app)
{
    private static readonly HouseholdFacts Exited = new()
    {
        Status = HouseholdStatus.Exited, Attribute = PovertyAttribute.GeneralExited, IdentifiedYear = 2015, ExitYear = 2018,
        IdentificationStandard = IdentificationStandard.National, MainCause = PovertyCause.Illness, Class321 = Class321.Watch,
        Phone = "13812345678", HousingGrade = HousingGrade.A, FoodSecure = true, ClothingSecure = true,
    };

    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];

    [GeneratedRegex("[\u4e00-\u9fff]")]
    private static partial Regex Chinese();

    private string NewNumber(string village) => HouseholdNumbers.Format(village, 5000 + App.Next() % 4999);

    private RegistryRow Row(string number, string village, Relationship relationship = Relationship.Head, HouseholdFacts? facts = null)
    {
        var id = NewIdNumber();
        Jingzhun.Web.Modules.Registry.Rules.IdNumberRule.TryParse(id, new DateOnly(2026, 1, 1), out var info, out _);
        return new(number, village, facts ?? Exited, new MemberFacts
        {
            Name = NewName(), IdNumber = id, Relationship = relationship, Ethnicity = "01", Gender = info?.Gender, BirthDate = info?.BirthDate,
            EducationLevel = EducationLevel.JuniorHigh, HasMedicalInsurance = true,
        });
    }

    private static byte[] Csv(IEnumerable<RegistryRow> rows)
    {
        using var ms = new MemoryStream();
        RegistryWorkbook.WriteCsv(ms, rows);
        return ms.ToArray();
    }

    private static MultipartFormDataContent Form(HttpContent file, string fileName, string region, bool dryRun = false)
    {
        var form = new MultipartFormDataContent();
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(region), "region");
        form.Add(new StringContent("All"), "mode");
        form.Add(new StringContent(dryRun ? "true" : "false"), "dryRun");
        return form;
    }

    private static Task<HttpResponseMessage> PostImportAsync(HttpClient c, byte[] file, string fileName, string region, bool dryRun = false) =>
        c.PostAsync("/api/v1/registry/import", Form(new ByteArrayContent(file), fileName, region, dryRun));

    private static async Task<JsonNode> RunImportAsync(HttpClient c, byte[] file, string fileName, string region, bool dryRun = false)
    {
        var started = await Ok(await PostImportAsync(c, file, fileName, region, dryRun), HttpStatusCode.Accepted);
        var id = started["jobId"]!.GetValue<long>();
        for (var i = 0; i < 1200; i++)
        {
            var s = await GetAsync(c, $"/api/v1/registry/import/{id}");
            if (s["job"]!["status"]!.GetValue<string>() is not ("Queued" or "Running")) return s;
            await Task.Delay(100);
        }
        Assert.Fail($"import job {id} did not finish");
        return null!;
    }

    /// <summary>The import ended 失败 with a Chinese reason containing <paramref name="reason"/> and no exception text.</summary>
    private static void FailedWith(JsonNode status, string reason)
    {
        var job = status["job"]!;
        Assert.Equal("Failed", job["status"]!.GetValue<string>());
        Assert.Equal("失败", job["statusLabel"]!.GetValue<string>());
        var error = job["error"]?.GetValue<string>() ?? "";
        Assert.Matches(Chinese(), error);
        Assert.Contains(reason, error);
        Assert.DoesNotContain("Exception", error);
        Assert.DoesNotContain("Central Directory", error);
        Assert.False(status["result"]?["written"]?.GetValue<bool>() ?? false);
    }

    /// <summary>A workbook written by hand: the parts MiniExcel needs, with the sheet and shared strings given.</summary>
    private static byte[] Workbook(Action<Stream> writeSheet, Action<Stream>? writeSharedStrings = null)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Text(string name, string text)
            {
                using var w = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
                w.Write(text);
            }
            Text("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Text("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Text("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Text("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
            using (var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open()) writeSheet(sheet);
            if (writeSharedStrings is not null)
                using (var shared = zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.Optimal).Open()) writeSharedStrings(shared);
        }
        return ms.ToArray();
    }

    private static string HeaderRow() =>
        "<row r=\"1\">" + string.Concat(RegistryColumns.Headers.Select((h, i) => $"<c r=\"{Column(i)}1\" t=\"inlineStr\"><is><t>{h}</t></is></c>")) + "</row>";

    private static string Column(int i) => i < 26 ? ((char)('A' + i)).ToString() : ((char)('A' + i / 26 - 1)).ToString() + (char)('A' + i % 26);

    private static void Write(Stream s, string text) => s.Write(Encoding.UTF8.GetBytes(text));

    private const string SheetOpen = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
    private const string SheetClose = "</sheetData></worksheet>";

    // --- 1. size limits and who may import -------------------------------------------------------------------

    [DbFact]
    public async Task Uploads_over_their_limits_answer_413_with_a_Chinese_message_before_the_body_is_read()
    {
        var admin = await As("tl_admin");
        var big = new byte[50 * 1024 * 1024 + UploadLimits.FormOverhead + 1];
        var r = await PostImportAsync(admin, big, "big.csv", County);
        var p = await Problem(r, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("导入文件不能超过 50 MB", p["detail"]!.GetValue<string>());

        var photo = new ByteArrayContent(new byte[10 * 1024 * 1024 + UploadLimits.FormOverhead + 1]);
        var pf = await Problem(await admin.PostAsync("/api/v1/files", new MultipartFormDataContent { { photo, "file", "a.jpg" } }), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("照片不能超过 10 MB", pf["detail"]!.GetValue<string>());

        var pairing = new ByteArrayContent(new byte[5 * 1024 * 1024 + UploadLimits.FormOverhead + 1]);
        var pp = await Problem(await admin.PostAsync("/api/v1/pairings/import", new MultipartFormDataContent { { pairing, "file", "p.xlsx" } }), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("结对导入文件不能超过 5 MB", pp["detail"]!.GetValue<string>());

        // A photo just over the limit inside the form allowance: the handler's 400, in Chinese.
        var over = new ByteArrayContent([.. Jpeg, .. new byte[10 * 1024 * 1024]]);
        Assert.Contains("不能超过 10 MB", await FieldError(await admin.PostAsync("/api/v1/files", new MultipartFormDataContent { { over, "file", "b.jpg" } }), "file"));
    }

    [DbFact]
    public async Task Only_county_and_township_staff_may_bulk_import_and_only_they_see_the_button()
    {
        var places = await PlacesAsync();
        var number = NewNumber(places.SecondVillage);
        var csv = Csv([Row(number, places.SecondVillage)]);
        foreach (var user in new[] { "village", "cadre", "auditor" })
        {
            var c = await As(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await PostImportAsync(c, csv, "a.csv", places.HomeVillage)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await c.GetAsync("/api/v1/registry/import/1")).StatusCode);
        }
        var tuqiao = await As("tuqiao");
        var done = await RunImportAsync(tuqiao, Csv([Row(NewNumber(places.HomeVillage), places.HomeVillage)]), "t.csv", Township, dryRun: true);
        Assert.Equal("Succeeded", done["job"]!["status"]!.GetValue<string>());

        // The page: refused to the village officer, the button shown to county and township staff only.
        var villagePage = await As("village");
        var page = await villagePage.GetAsync("/households/import");
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("批量导入", await (await villagePage.GetAsync("/households")).Content.ReadAsStringAsync());
        Assert.Contains("/households/import", await (await (await As("tuqiao")).GetAsync("/households")).Content.ReadAsStringAsync());
    }

    [DbFact]
    public async Task The_read_only_auditor_cannot_upload_anywhere()
    {
        var auditor = await As("auditor");
        MultipartFormDataContent Photo() => new() { { new ByteArrayContent(Jpeg), "file", "a.jpg" }, { new StringContent("client-" + App.Next() + "-abcdef"), "clientId" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsync("/api/v1/files", Photo())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsync("/api/v1/sync/photos", Photo())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsync("/api/v1/pairings/import", Photo())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostImportAsync(auditor, [1, 2, 3], "a.csv", County)).StatusCode);
        // Users who write may still upload.
        Assert.Equal(HttpStatusCode.Created, (await (await As("village")).PostAsync("/api/v1/files", Photo())).StatusCode);
    }

    // --- 2. bounded memory and malformed files ---------------------------------------------------------------

    [DbFact]
    public async Task Zip_bombs_end_the_import_as_failed_with_a_Chinese_reason()
    {
        var admin = await As("tl_admin");
        // One 400 MB cell in a file of about 400 KB.
        var hugeCell = Workbook(
            s => Write(s, SheetOpen + HeaderRow() + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row>" + SheetClose),
            s =>
            {
                Write(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"1\"><si><t>");
                var block = Encoding.ASCII.GetBytes(new string('A', 1 << 20));
                for (var i = 0; i < 400; i++) s.Write(block);
                Write(s, "</t></si></sst>");
            });
        Assert.True(hugeCell.Length < 2 * 1024 * 1024);
        FailedWith(await RunImportAsync(admin, hugeCell, "bomb.xlsx", County), "压缩比异常");

        // A long cell that compresses like real text is caught by the cell length limit.
        var random = new Random(19);
        var longText = new string(Enumerable.Range(0, 5000).Select(_ => (char)('a' + random.Next(26))).ToArray());
        var longCell = Workbook(s => Write(s, SheetOpen + HeaderRow() + $"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>{longText}</t></is></c></row>" + SheetClose));
        FailedWith(await RunImportAsync(admin, longCell, "long.xlsx", County), "超过 1000 个字符");

        // 300,000 rows of one household in a file of a few hundred KB: refused at the first hundred, not held.
        var places = await PlacesAsync();
        var number = NewNumber(places.SecondVillage);
        var manyRows = Workbook(s =>
        {
            Write(s, SheetOpen + HeaderRow());
            for (var r = 2; r <= 300_000; r++)
                Write(s, $"<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>{number}</t></is></c><c r=\"B{r}\" t=\"inlineStr\"><is><t>{places.SecondVillage}</t></is></c></row>");
            Write(s, SheetClose);
        });
        Assert.True(manyRows.Length < 10 * 1024 * 1024);
        FailedWith(await RunImportAsync(admin, manyRows, "rows.xlsx", County), "超过 100 行");

        // A sheet claiming rows beyond the limit (a few bytes for row 5,000,000).
        var farRow = Workbook(s => Write(s, SheetOpen + HeaderRow() + "<row r=\"5000000\"><c r=\"A5000000\"><v>1</v></c></row>" + SheetClose));
        FailedWith(await RunImportAsync(admin, farRow, "far.xlsx", County), "行数超过 3000000 行");

        // A CSV with one huge field.
        var csvBomb = Encoding.UTF8.GetBytes(string.Join(",", RegistryColumns.Headers) + "\r\n" + number + "," + new string('9', 8 * 1024 * 1024) + "\r\n");
        FailedWith(await RunImportAsync(admin, csvBomb, "bomb.csv", County), "长度上限");

        // The server stays well within bounds after all of that (a generous bound: the test host runs two apps).
        GC.Collect();
        Assert.True(Environment.WorkingSet < 3L * 1024 * 1024 * 1024, $"working set {Environment.WorkingSet / 1024 / 1024} MiB");
        Assert.Null(await FindAsync(admin, number));
    }

    [DbFact]
    public async Task Malformed_files_end_the_import_as_failed_with_a_Chinese_reason()
    {
        var admin = await As("tl_admin");
        var places = await PlacesAsync();
        using var valid = new MemoryStream();
        await valid.SaveAsAsync(new[] { new Dictionary<string, object?> { [RegistryColumns.HouseholdNumber] = NewNumber(places.SecondVillage) } });
        var truncated = valid.ToArray()[..(int)(valid.Length / 2)];
        FailedWith(await RunImportAsync(admin, truncated, "cut.xlsx", County), "Excel");

        using var zip = new MemoryStream();
        using (var z = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        using (var w = new StreamWriter(z.CreateEntry("readme.txt").Open())) w.Write("hello");
        FailedWith(await RunImportAsync(admin, zip.ToArray(), "nobook.xlsx", County), "没有 Excel 工作簿");

        var garbage = new byte[64 * 1024];
        new Random(7).NextBytes(garbage);
        garbage[10] = 0;
        FailedWith(await RunImportAsync(admin, garbage, "garbage.xlsx", County), "不是 CSV");

        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(Csv([Row(NewNumber(places.SecondVillage), places.SecondVillage)])))).ToArray();
        FailedWith(await RunImportAsync(admin, utf16, "utf16.csv", County), "UTF-16");

        // A zip that is not a workbook but says PK and then garbage.
        FailedWith(await RunImportAsync(admin, [(byte)'P', (byte)'K', 3, 4, .. garbage[..1000]], "pk.xlsx", County), "Excel");
    }

    // --- 3. ID numbers in error outputs ----------------------------------------------------------------------

    [DbFact]
    public async Task Error_outputs_mask_ID_numbers_for_users_without_the_reveal_permission()
    {
        var places = await PlacesAsync();
        var number = NewNumber(places.HomeVillage);
        var head = Row(number, places.HomeVillage) with { Member = Row(number, places.HomeVillage).Member with { Relationship = Relationship.Spouse } };
        var id = head.Member.IdNumber;
        var csv = Csv([head]); // no head of household: a row error on the row carrying the ID number

        var tuqiao = await As("tuqiao");
        var status = await RunImportAsync(tuqiao, csv, "noh.csv", Township);
        Assert.Equal("Succeeded", status["job"]!["status"]!.GetValue<string>());
        Assert.DoesNotContain(id, status.ToJsonString());
        var url = status["result"]!["errorWorkbookUrl"]!.GetValue<string>();
        var masked = new MemoryStream(await (await tuqiao.GetAsync(url)).Content.ReadAsByteArrayAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Single();
        var shown = (string)masked[RegistryColumns.IdNumber]!;
        Assert.NotEqual(id, shown);
        Assert.Contains("*", shown);
        Assert.Equal(id[..6], shown[..6]);
        Assert.Contains("户主", (string)masked[RegistryColumns.Errors]!);
        Assert.Equal(number, masked[RegistryColumns.HouseholdNumber]?.ToString());

        // The county administrator holds the reveal permission: the rows as they were.
        var admin = await As("tl_admin");
        var full = new MemoryStream(await (await admin.GetAsync(url)).Content.ReadAsByteArrayAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Single();
        Assert.Equal(id, full[RegistryColumns.IdNumber]?.ToString());
    }

    // --- 4. kept files --------------------------------------------------------------------------------------

    private async Task<string> FolderOfAsync(long jobId)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var parameters = await db.Jobs.IgnoreQueryFilters().Where(j => j.Id == jobId).Select(j => j.Parameters).SingleAsync();
        return scope.ServiceProvider.GetRequiredService<ImportFiles>().Folder(JsonNode.Parse(parameters)!["Folder"]!.GetValue<string>());
    }

    [DbFact]
    public async Task Kept_import_files_are_encrypted_a_dry_run_keeps_no_upload_and_old_ones_are_deleted_audited()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var rows = new[] { Row(NewNumber(places.SecondVillage), places.SecondVillage) };
        rows = [rows[0], Row(rows[0].HouseholdNumber, places.SecondVillage, Relationship.Head)]; // two heads: an error workbook too
        var csv = Csv(rows);
        var status = await RunImportAsync(admin, csv, "kept.csv", places.SecondVillage);
        var folder = await FolderOfAsync(status["job"]!["id"]!.GetValue<long>());
        var id = Encoding.ASCII.GetBytes(rows[0].Member.IdNumber);
        foreach (var f in new[] { "original", "result.json", "errors.xlsx", "errors-masked.xlsx" })
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, f));
            Assert.Equal("JZE1"u8.ToArray(), bytes[..4]);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(id));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(rows[0].HouseholdNumber)));
        }
        // The key ring opens it: the original is the uploaded file.
        Assert.Equal(csv, await App.Services.GetRequiredService<KeptFileProtector>().ReadAllBytesAsync(Path.Combine(folder, "original"), default));

        var dry = await RunImportAsync(admin, Csv([Row(NewNumber(places.SecondVillage), places.SecondVillage)]), "dry.csv", places.SecondVillage, dryRun: true);
        Assert.Equal("Succeeded", dry["job"]!["status"]!.GetValue<string>());
        Assert.False(File.Exists(Path.Combine(await FolderOfAsync(dry["job"]!["id"]!.GetValue<long>()), "original")));

        // Older than Import:KeepDays (30): deleted by the cleanup, which writes an audit entry.
        var files = App.Services.GetRequiredService<ImportFiles>();
        var old = files.Folder($"20000101000000-{Guid.NewGuid():N}");
        Directory.CreateDirectory(old);
        await File.WriteAllTextAsync(Path.Combine(old, "original"), "x");
        var deleted = await App.Services.GetRequiredService<ImportFilesCleanup>().RunAsync(default);
        Assert.Contains(Path.GetFileName(old), deleted);
        Assert.False(Directory.Exists(old));
        Assert.True(Directory.Exists(folder));
        var audit = await GetAsync(await As("admin"), "/api/v1/audit?entityType=RegistryImportFiles&pageSize=50");
        Assert.Contains(audit["items"]!.AsArray(), a => a!["changes"]!.GetValue<string>().Contains(Path.GetFileName(old)) && a["summary"]!.GetValue<string>().Contains("30 天"));
    }

    // --- 5. exports in the private folder -------------------------------------------------------------------

    [DbFact]
    public async Task Exports_use_the_private_folder_never_the_system_temp_folder_and_leftovers_are_removed()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var temp = App.Services.GetRequiredService<PrivateTemp>();
        var before = Directory.EnumerateFileSystemEntries(Path.GetTempPath(), "jingzhun-*").Where(p => !Directory.Exists(p)).ToHashSet();
        foreach (var url in new[] { $"/api/v1/registry/export?region={places.SecondVillage}&format=csv", $"/api/v1/registry/export?region={places.SecondVillage}&format=xlsx",
                     $"/api/v1/households/export?region={places.SecondVillage}" })
        {
            using var r = await admin.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var during = Directory.EnumerateFileSystemEntries(Path.GetTempPath(), "jingzhun-*").Where(p => !Directory.Exists(p)).ToHashSet();
            Assert.Empty(during.Except(before));
            await r.Content.ReadAsByteArrayAsync();
        }
        var after = Directory.EnumerateFileSystemEntries(Path.GetTempPath(), "jingzhun-*").Where(p => !Directory.Exists(p)).ToHashSet();
        Assert.Empty(after.Except(before));
        Assert.StartsWith(temp.Root, temp.Folder);
        Assert.False(temp.Root.StartsWith(Path.GetTempPath().TrimEnd('/') + "/jingzhun-export", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(temp.Root));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(temp.Folder));
        }
        // Sent files are gone from this run's folder.
        Assert.DoesNotContain(Directory.EnumerateFiles(temp.Folder), f => Path.GetFileName(f) != ".lock");

        // A partial export left by a killed run is removed at start-up; this run's folder stays.
        var dead = Path.Combine(temp.Root, "run-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dead);
        await File.WriteAllTextAsync(Path.Combine(dead, "partial.csv"), "110101199001011234");
        await File.WriteAllTextAsync(Path.Combine(dead, ".lock"), "");
        Assert.True(temp.RemoveLeftovers() >= 1);
        Assert.False(Directory.Exists(dead));
        Assert.True(Directory.Exists(temp.Folder));
    }

    // --- 6. formula injection -------------------------------------------------------------------------------

    [DbFact]
    public async Task Cells_that_could_run_as_formulas_are_neutralised_in_csv_text_in_xlsx_and_re_import_unchanged()
    {
        var places = await PlacesAsync();
        var admin = await As("tl_admin");
        var village = places.OtherTownshipVillage;
        var number = NewNumber(village);
        var rows = new List<RegistryRow> { Row(number, village, facts: Exited with { Address = "=HYPERLINK(\"http://x\",\"点\")" }) };
        rows.Add(Row(number, village, Relationship.Son) with { Household = rows[0].Household });
        var first = await RunImportAsync(admin, Csv(rows), "f.csv", village);
        Assert.Equal(1, first["result"]!["counts"]!["householdsNew"]!.GetValue<int>());

        var csv = Encoding.UTF8.GetString(await (await admin.GetAsync($"/api/v1/registry/export?region={village}&format=csv")).Content.ReadAsByteArrayAsync());
        var line = csv.Split("\r\n").First(l => l.StartsWith(number, StringComparison.Ordinal));
        Assert.Contains("\"'=HYPERLINK(", line);
        Assert.DoesNotContain(",=HYPERLINK", line);
        Assert.DoesNotContain(",\"=HYPERLINK", line);

        // Re-importing the export changes nothing (the importer takes the quote off).
        var again = await RunImportAsync(admin, Encoding.UTF8.GetBytes(csv), "again.csv", village);
        var c = again["result"]!["counts"]!;
        Assert.Equal(0, c["householdsNew"]!.GetValue<int>() + c["householdsChanged"]!.GetValue<int>() + c["membersChanged"]!.GetValue<int>());
        var h = (await FindAsync(admin, number))!;
        Assert.Equal("=HYPERLINK(\"http://x\",\"点\")", h["household"]!["address"]!.GetValue<string>());

        // xlsx: a string cell holding the text, never a formula.
        var xlsx = await (await admin.GetAsync($"/api/v1/registry/export?region={village}&format=xlsx")).Content.ReadAsByteArrayAsync();
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var sheet = await new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEndAsync();
        Assert.Contains("=HYPERLINK(", sheet);
        Assert.DoesNotContain("<x:f>", sheet);
        Assert.DoesNotContain("<f>", sheet);
    }

    private static async Task<JsonNode?> FindAsync(HttpClient c, string number)
    {
        var page = await GetAsync(c, "/api/v1/households?pageSize=5&q=" + number);
        var id = page["items"]!.AsArray().FirstOrDefault()?["id"]?.GetValue<long>();
        return id is null ? null : await GetAsync(c, $"/api/v1/households/{id}");
    }

    // --- 7. uploaded files ----------------------------------------------------------------------------------

    [DbFact]
    public async Task Uploaded_files_get_safe_names_and_are_served_with_nosniff_and_a_content_disposition()
    {
        var village = await As("village");
        async Task<JsonNode> UploadAsync(string name) =>
            await Ok(await village.PostAsync("/api/v1/files", new MultipartFormDataContent { { new ByteArrayContent(Jpeg), "file", name } }), HttpStatusCode.Created);

        var evil = await UploadAsync("..\\..\\windows\\..\u0007evil<script>.jpg");
        var stored = evil["fileName"]!.GetValue<string>();
        Assert.DoesNotContain("..", stored);
        Assert.DoesNotContain("/", stored);
        Assert.DoesNotContain("\\", stored);
        Assert.DoesNotContain("<", stored);
        Assert.DoesNotContain(stored, char.IsControl);
        Assert.EndsWith(".jpg", stored);

        var chinese = await UploadAsync("走访照片 一.jpg");
        Assert.Equal("走访照片 一.jpg", chinese["fileName"]!.GetValue<string>());
        var r = await village.GetAsync(chinese["url"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("image/jpeg", r.Content.Headers.ContentType?.MediaType);
        var disposition = r.Content.Headers.ContentDisposition!;
        Assert.Equal("inline", disposition.DispositionType);
        Assert.Equal("走访照片 一.jpg", disposition.FileNameStar);
        Assert.True(disposition.FileName!.All(ch => ch < 128));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteImportHardeningTests(SqliteApp app) : ImportHardeningTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresImportHardeningTests(PostgresApp app) : ImportHardeningTests(app);
