using MiniExcelLibs;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// 银行小额信贷月报导入 through HTTP (issue 13): rows matched by ID number register new loans and record the repayment the
/// bank's balance shows; a person not registered in the region is reported masked and never stored; the same list again
/// changes nothing; a loan over the policy's max, or a name that does not match, stops the whole file.
/// </summary>
public abstract class LoanListImportApiTests(TestApp app) : ApiTests(app)
{
    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static byte[] Xlsx(params Dictionary<string, object?>[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => (IDictionary<string, object?>)r).ToList());
        return stream.ToArray();
    }

    private static Dictionary<string, object?> Row(string name, string id, string contract, decimal amount, decimal balance, DateOnly issued) => new()
    {
        ["借款人姓名"] = name, ["借款人身份证号"] = id, ["放贷银行"] = "重庆农村商业银行", ["借款合同编号"] = contract, ["贷款金额(元)"] = amount,
        ["放款日期"] = Day(issued), ["到期日期"] = Day(issued.AddYears(2)), ["年利率(%)"] = 3.45m, ["贷款余额(元)"] = balance,
        ["贴息金额(元)"] = null, ["贷款用途"] = "养殖业",
    };

    private static Task<HttpResponseMessage> ImportAsync(HttpClient c, byte[] file) =>
        c.PostAsync("/api/v1/employment/loans/import", new MultipartFormDataContent
        {
            { new ByteArrayContent(file), "file", "月报.xlsx" }, { new StringContent(Day(ChinaToday)), "asOf" },
        });

    private static async Task<decimal?> BalanceAsync(HttpClient c, long householdId, string contract) =>
        (await GetAsync(c, $"/api/v1/employment/loans?householdId={householdId}"))["items"]!.AsArray()
            .SingleOrDefault(l => l!["contractNumber"]!.GetValue<string>() == contract)?["balance"]!.GetValue<decimal>();

    [DbFact]
    public async Task The_banks_list_registers_loans_records_repayments_and_reports_unmatched_rows_masked()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var first = await RegisterAsync(county, places.HomeVillage, Facts());
        var second = await RegisterAsync(county, places.SecondVillage, Facts());
        var secondHead = (await GetAsync(county, $"/api/v1/households/{second.Id}"))["members"]![0]!["id"]!.GetValue<long>();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (c1, c2, c3) = ($"YH{tag}1", $"YH{tag}2", $"YH{tag}3");
        await Ok(await county.PostAsJsonAsync("/api/v1/employment/loans", new
        {
            householdId = second.Id, borrowerId = secondHead, bank = "重庆农村商业银行", contractNumber = c2, amount = 30_000m,
            issuedOn = Day(ChinaToday.AddDays(-100)), dueOn = Day(ChinaToday.AddDays(600)), ratePercent = 3.45m, use = "Farming",
        }), HttpStatusCode.Created);
        var stranger = NewIdNumber();

        var file = Xlsx(
            Row(first.HeadName, first.HeadId, c1, 20_000m, 15_000m, ChinaToday.AddDays(-30)),
            Row(second.HeadName, second.HeadId, c2, 30_000m, 25_000m, ChinaToday.AddDays(-100)),
            Row("外县人员", stranger, c3, 10_000m, 10_000m, ChinaToday.AddDays(-10)));
        var response = await ImportAsync(county, file);
        var text = await response.Content.ReadAsStringAsync();
        var summary = await Ok(response);
        Assert.Equal(3, summary["rows"]!.GetValue<int>());
        Assert.Equal(1, summary["created"]!.GetValue<int>());
        Assert.Equal(1, summary["repaid"]!.GetValue<int>());
        var unmatched = Assert.Single(summary["unmatched"]!.AsArray())!;
        Assert.Equal(4, unmatched["row"]!.GetValue<int>());
        Assert.Contains("*", unmatched["idNumberMasked"]!.GetValue<string>());
        Assert.DoesNotContain(stranger, text);
        Assert.Equal(15_000m, await BalanceAsync(county, first.Id, c1));
        Assert.Equal(25_000m, await BalanceAsync(county, second.Id, c2));
        Assert.DoesNotContain((await GetAsync(county, "/api/v1/employment/loans?pageSize=200"))["items"]!.AsArray(),
            l => l!["contractNumber"]!.GetValue<string>() == c3);

        // The same list again: nothing changes.
        var again = await Ok(await ImportAsync(county, file));
        Assert.Equal(0, again["created"]!.GetValue<int>());
        Assert.Equal(0, again["repaid"]!.GetValue<int>());
        Assert.Equal(2, again["unchanged"]!.GetValue<int>());
        Assert.Equal(15_000m, await BalanceAsync(county, first.Id, c1));
    }

    [DbFact]
    public async Task A_loan_over_the_max_or_a_wrong_name_stops_the_whole_list_naming_the_row()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var h = await RegisterAsync(county, places.HomeVillage, Facts());
        var other = await RegisterAsync(county, places.HomeVillage, Facts());
        var tag = Guid.NewGuid().ToString("N")[..8];
        var file = Xlsx(
            Row(h.HeadName, h.HeadId, $"CX{tag}1", 20_000m, 20_000m, ChinaToday.AddDays(-20)),
            Row(other.HeadName, other.HeadId, $"CX{tag}2", 50_000.01m, 50_000.01m, ChinaToday.AddDays(-20)),
            Row("张冒名", h.HeadId, $"CX{tag}3", 10_000m, 10_000m, ChinaToday.AddDays(-20)));
        var problem = await Problem(await ImportAsync(county, file), HttpStatusCode.BadRequest);
        Assert.Contains("未导入任何数据", problem["title"]!.GetValue<string>());
        var errors = problem["errors"]!.AsObject().ToDictionary(e => e.Key, e => string.Join("；", e.Value!.AsArray().Select(m => m!.GetValue<string>())));
        Assert.Contains("5万元", errors["第3行·贷款金额(元)"]);
        Assert.Contains("姓名与户籍档案不一致", errors["第4行·借款人姓名"]);
        Assert.Null(await BalanceAsync(county, h.Id, $"CX{tag}1"));

        Assert.Contains("请选择要导入的文件", await FieldError(await county.PostAsync("/api/v1/employment/loans/import", new MultipartFormDataContent
            { { new StringContent(Day(ChinaToday)), "asOf" } }), "file"));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await As("auditor")).PostAsync("/api/v1/employment/loans/import",
            new MultipartFormDataContent { { new ByteArrayContent(file), "file", "月报.xlsx" } })).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteLoanListImportApiTests(SqliteApp app) : LoanListImportApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresLoanListImportApiTests(PostgresApp app) : LoanListImportApiTests(app);
