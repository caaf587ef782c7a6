using MiniExcelLibs;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// Excel import of the project library, 资金下达, 资金支付 and the asset ledger through HTTP: one bad row and nothing is
/// written, every bad row named by row, column and reason; a file imported twice (or an export re-imported) changes
/// nothing; the same rules and scope as the forms (overspending refused, another township's village not reachable);
/// the role that may not import a kind is refused; bad input is a 400.
/// </summary>
public abstract class ProjectsImportApiTests(TestApp app) : ApiTests(app)
{
    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static int Year => ChinaToday.Year;

    private static byte[] Xlsx(params Dictionary<string, object?>[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => (IDictionary<string, object?>)r).ToList());
        return stream.ToArray();
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient c, string kind, byte[] file, string name = "导入.xlsx") =>
        c.PostAsync($"/api/v1/projects/import/{kind}", new MultipartFormDataContent { { new ByteArrayContent(file), "file", name } });

    /// <summary>The 400's row errors: "第N行·列名" → reasons.</summary>
    private static async Task<Dictionary<string, string>> RowErrorsAsync(HttpResponseMessage r)
    {
        var problem = await Problem(r, HttpStatusCode.BadRequest);
        Assert.Contains("未导入任何数据", problem["title"]!.GetValue<string>());
        return problem["errors"]!.AsObject().ToDictionary(e => e.Key, e => string.Join("；", e.Value!.AsArray().Select(m => m!.GetValue<string>())));
    }

    private static async Task<(int Created, int Unchanged)> SummaryAsync(HttpResponseMessage r)
    {
        var s = await Ok(r);
        return (s["created"]!.GetValue<int>(), s["unchanged"]!.GetValue<int>());
    }

    private static Dictionary<string, object?> ProjectRow(string name, string village, decimal central = 200_000m, string category = "产业发展",
        string start = "", string end = "") => new()
    {
        ["项目名称"] = name, ["年度"] = Year, ["所在村代码"] = village, ["项目类别"] = category, ["项目子类"] = "种植业基地",
        ["实施单位"] = "土桥镇人民政府", ["计划开工日期"] = start.Length > 0 ? start : $"{Year}-03-01", ["计划完工日期"] = end.Length > 0 ? end : $"{Year}-11-30",
        ["带动户数"] = 10, ["带动就业人数"] = 5, ["户均增收(元)"] = 1200, ["预算-中央财政衔接资金(元)"] = central, ["预算-区县财政衔接资金(元)"] = null,
        ["受益户编号"] = null, ["联农带农方式"] = null,
    };

    private static async Task<JsonNode?> FindProjectAsync(HttpClient c, string name) =>
        (await GetAsync(c, $"/api/v1/projects?q={Uri.EscapeDataString(name)}"))["items"]!.AsArray().SingleOrDefault();

    [DbFact]
    public async Task The_library_allocations_payments_and_assets_import_all_or_nothing_name_each_bad_row_and_re_import_unchanged()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var tuqiao = await As("tuqiao");
        var proposer = await As("village"); // who proposes does not review: the township reviews what the village imported
        var good = "项目导入" + NewName();
        var second = "项目导入" + NewName();

        // A file with one good row and a bad one: nothing is written, each bad cell named by its row and column.
        var bad = Xlsx(ProjectRow(good, places.HomeVillage),
            ProjectRow(second, places.HomeVillage, category: "养殖", start: $"{Year}-06-01", end: $"{Year}-05-01"),
            ProjectRow("项目导入越权" + NewName(), places.OtherCountyVillage, central: -5));
        var errors = await RowErrorsAsync(await ImportAsync(proposer, "Projects", bad));
        Assert.Contains("养殖", errors["第3行·项目类别"]);
        Assert.True(errors.ContainsKey("第4行·所在村代码") || errors.ContainsKey("第4行·预算-中央财政衔接资金(元)"), string.Join(" | ", errors.Keys));
        Assert.Null(await FindProjectAsync(county, good));

        // The plan dates are checked by the form's rule: a row whose completion is before its start names 计划完工日期.
        errors = await RowErrorsAsync(await ImportAsync(proposer, "Projects", Xlsx(ProjectRow(good, places.HomeVillage, start: $"{Year}-06-01", end: $"{Year}-05-01"))));
        Assert.Contains("计划完工日期不能早于计划开工日期", errors["第2行·计划完工日期"]);
        // A township user does not reach another township's village: the row is refused like the form.
        errors = await RowErrorsAsync(await ImportAsync(tuqiao, "Projects", Xlsx(ProjectRow(good, places.OtherTownshipVillage))));
        Assert.Contains("不在您的管辖范围内", errors["第2行·所在村代码"]);
        Assert.Null(await FindProjectAsync(county, good));

        // Fixed: both rows go in; the same file again changes nothing.
        var file = Xlsx(ProjectRow(good, places.HomeVillage), ProjectRow(second, places.HomeVillage, central: 50_000m));
        Assert.Equal((2, 0), await SummaryAsync(await ImportAsync(proposer, "Projects", file)));
        Assert.Equal((0, 2), await SummaryAsync(await ImportAsync(proposer, "Projects", file)));
        var project = (await FindProjectAsync(county, good))!;
        var id = project["id"]!.GetValue<long>();
        Assert.Equal("Proposed", project["stage"]!.GetValue<string>());
        Assert.Equal(200_000m, project["budget"]!.GetValue<decimal>());

        // 资金下达: a township officer may not import money; the county does, once.
        var document = $"渝财农〔{Year}〕{Random.Shared.Next(1000, 9999)}号-{NewName()}";
        Dictionary<string, object?> Allocation(decimal amount) => new()
        {
            ["资金年度"] = Year, ["资金来源"] = "中央财政衔接资金", ["资金级次"] = "中央", ["下达文号"] = document, ["下达金额(元)"] = amount,
            ["接收区县代码"] = County, ["下达日期"] = $"{Year}-01-15",
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(tuqiao, "Allocations", Xlsx(Allocation(150_000m)))).StatusCode);
        Assert.Equal((1, 0), await SummaryAsync(await ImportAsync(county, "Allocations", Xlsx(Allocation(150_000m)))));
        Assert.Equal((0, 1), await SummaryAsync(await ImportAsync(county, "Allocations", Xlsx(Allocation(150_000m)))));
        errors = await RowErrorsAsync(await ImportAsync(county, "Allocations", Xlsx(Allocation(160_000m))));
        Assert.Contains("与文件不一致", errors["第2行·下达金额(元)"]);
        var allocation = (await GetAsync(county, $"/api/v1/projects/allocations?year={Year}&pageSize=200"))["items"]!.AsArray()
            .Single(a => a!["documentNumber"]!.GetValue<string>() == document)!;
        Assert.Equal(150_000m, allocation["amount"]!.GetValue<decimal>());

        // The project through to 计划下达, the allocation put onto it; then payments by import.
        foreach (var (who, step) in new[] { (tuqiao, "Review"), (county, "Approve"), (county, "IssuePlan") })
        {
            var version = (await GetAsync(who, $"/api/v1/projects/{id}"))["project"]!["version"]!.GetValue<int>();
            await Ok(await who.PostAsJsonAsync($"/api/v1/projects/{id}/steps", new { step, version }));
        }
        // 资金分配 by import: beyond the allocation is refused (nothing written); the same file again changes nothing; a
        // different amount for what is already assigned is a row error, not a second assignment.
        Dictionary<string, object?> Assignment(decimal amount) => new()
        {
            ["项目编号"] = id, ["资金来源"] = "中央财政衔接资金", ["下达文号"] = document, ["分配金额(元)"] = amount,
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(tuqiao, "Assignments", Xlsx(Assignment(120_000m)))).StatusCode);
        errors = await RowErrorsAsync(await ImportAsync(county, "Assignments", Xlsx(Assignment(150_000.01m))));
        Assert.Contains("超过下达金额", errors["第2行·分配金额(元)"]);
        errors = await RowErrorsAsync(await ImportAsync(county, "Assignments", Xlsx(new Dictionary<string, object?>(Assignment(1m)) { ["下达文号"] = "无此文号" })));
        Assert.Contains("请先登记或导入资金下达", errors["第2行·下达文号"]);
        Assert.Equal((1, 0), await SummaryAsync(await ImportAsync(county, "Assignments", Xlsx(Assignment(120_000m)))));
        Assert.Equal((0, 1), await SummaryAsync(await ImportAsync(county, "Assignments", Xlsx(Assignment(120_000m)))));
        errors = await RowErrorsAsync(await ImportAsync(county, "Assignments", Xlsx(Assignment(100_000m))));
        Assert.Contains("与文件不一致", errors["第2行·分配金额(元)"]);
        Assert.Equal(120_000m, (await GetAsync(county, $"/api/v1/projects/allocations?year={Year}&pageSize=200"))["items"]!.AsArray()
            .Single(a => a!["documentNumber"]!.GetValue<string>() == document)!["assigned"]!.GetValue<decimal>());
        // A row already in the system and a new one in one file: one unchanged, one created (each row counted as itself).
        var next = Allocation(10_000m);
        next["下达文号"] = document + "-续";
        Assert.Equal((1, 1), await SummaryAsync(await ImportAsync(county, "Allocations", Xlsx(Allocation(150_000m), next))));
        Dictionary<string, object?> Payment(string voucher, decimal amount) => new()
        {
            ["项目编号"] = id, ["资金来源"] = "中央财政衔接资金", ["下达文号"] = document, ["支付日期"] = ChinaToday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["支付金额(元)"] = amount, ["凭证号"] = voucher, ["收款单位（人）"] = "铜梁区某建设公司",
        };
        // The second payment would go beyond what was put onto the project (120,000): neither is recorded.
        errors = await RowErrorsAsync(await ImportAsync(county, "Payments", Xlsx(Payment("记-001", 100_000m), Payment("记-002", 20_000.01m))));
        Assert.Contains("尚可支付 20,000.00", errors["第3行·支付金额(元)"]);
        Assert.Equal(0m, (await GetAsync(county, $"/api/v1/projects/{id}"))["project"]!["paid"]!.GetValue<decimal>());
        var payments = Xlsx(Payment("记-001", 100_000m), Payment("记-002", 20_000m));
        Assert.Equal((2, 0), await SummaryAsync(await ImportAsync(county, "Payments", payments)));
        Assert.Equal((0, 2), await SummaryAsync(await ImportAsync(county, "Payments", payments)));
        Assert.Equal(120_000m, (await GetAsync(county, $"/api/v1/projects/{id}"))["project"]!["paid"]!.GetValue<decimal>());

        // The asset ledger: a 到户类 asset needs its household (named by its column); an export re-imports unchanged.
        var household = await RegisterAsync(county, places.HomeVillage);
        var asset = "导入资产" + NewName();
        Dictionary<string, object?> Asset(string name, string cls, string owner, string? number) => new()
        {
            ["资产名称"] = name, ["资产类别"] = cls, ["所在村代码"] = places.HomeVillage, ["数量"] = 2, ["单位"] = "头", ["资产价值(元)"] = 6000m,
            ["所有者"] = owner, ["受益户编号"] = number, ["管护责任人"] = "户主", ["登记日期"] = "2020-05-01",
        };
        errors = await RowErrorsAsync(await ImportAsync(tuqiao, "Assets", Xlsx(Asset(asset, "到户类资产", "受益户", null))));
        Assert.Contains("受益户", errors["第2行·受益户编号"]);
        Assert.Equal((1, 0), await SummaryAsync(await ImportAsync(tuqiao, "Assets", Xlsx(Asset(asset, "到户类资产", "受益户", household.Number)))));
        var export = await tuqiao.GetAsync($"/api/v1/assets/export?region={places.HomeVillage}&q={Uri.EscapeDataString(asset)}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var exported = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal((0, 1), await SummaryAsync(await ImportAsync(tuqiao, "Assets", exported)));
        var listed = (await GetAsync(tuqiao, $"/api/v1/assets?q={Uri.EscapeDataString(asset)}"))["items"]!.AsArray();
        Assert.Equal(household.Id, Assert.Single(listed)!["householdId"]!.GetValue<long>());
    }

    [DbFact]
    public async Task Bad_files_and_kinds_are_400s_and_a_template_is_a_workbook_with_the_columns()
    {
        var county = await As("tl_admin");
        Assert.Equal(HttpStatusCode.BadRequest, (await ImportAsync(county, "Nope", Xlsx(new Dictionary<string, object?> { ["x"] = 1 }))).StatusCode);
        Assert.Contains("请选择要导入的文件", await FieldError(await county.PostAsync("/api/v1/projects/import/Projects", new MultipartFormDataContent
        {
            { new StringContent("x"), "other" },
        }), "file"));
        Assert.Contains("缺少必需的列", await FieldError(await ImportAsync(county, "Assets", Xlsx(new Dictionary<string, object?> { ["资产名称"] = "x" })), "file"));
        Assert.Contains("没有数据行", await FieldError(await ImportAsync(county, "Assets", await TemplateAsync(county, "Assets")), "file"));
        Assert.Equal(HttpStatusCode.BadRequest, (await ImportAsync(county, "Projects", "not a workbook\0\0"u8.ToArray(), "x.xlsx")).StatusCode);

        // Wrong types in cells are row errors, not failures: a text year, a word for an amount, a date that is not one.
        var errors = await RowErrorsAsync(await ImportAsync(county, "Allocations", Xlsx(new Dictionary<string, object?>
        {
            ["资金年度"] = "今年", ["资金来源"] = "中央财政衔接资金", ["资金级次"] = "省级", ["下达文号"] = "x", ["下达金额(元)"] = "十万",
            ["接收区县代码"] = County, ["下达日期"] = "2026-02-30",
        })));
        Assert.Contains("整数", errors["第2行·资金年度"]);
        Assert.Contains("中央、市级、区县", errors["第2行·资金级次"]);
        Assert.Contains("数字", errors["第2行·下达金额(元)"]);
        Assert.Contains("不是有效日期", errors["第2行·下达日期"]);

        // The template: the columns on its first sheet (after the title row) and an explanation of each.
        var template = await TemplateAsync(county, "Payments");
        using var stream = new MemoryStream(template);
        var sheets = MiniExcel.GetSheetNames(stream);
        Assert.Equal(["资金支付", "填写说明"], sheets);
        var headers = stream.Query(useHeaderRow: false, sheetName: "资金支付").Cast<IDictionary<string, object>>()
            .SelectMany(r => r.Values).Select(v => v?.ToString()).ToList();
        Assert.Contains("凭证号", headers);
        Assert.Contains("项目编号", headers);
    }

    private static async Task<byte[]> TemplateAsync(HttpClient c, string kind)
    {
        var r = await c.GetAsync($"/api/v1/projects/import/template/{kind}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return await r.Content.ReadAsByteArrayAsync();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteProjectsImportApiTests(SqliteApp app) : ProjectsImportApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresProjectsImportApiTests(PostgresApp app) : ProjectsImportApiTests(app);
