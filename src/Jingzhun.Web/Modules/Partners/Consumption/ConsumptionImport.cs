using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Partners.Consumption;

/// <summary>What a sales file did: rows read, sales recorded, their total.</summary>
public sealed record SalesImportSummary(int Rows, int Recorded, decimal Amount);

public sealed record SalesImportOutcome(SalesImportSummary? Summary, IReadOnlyList<RowError> Errors, string? FileError);

/// <summary>
/// 销售月报导入: the platform's monthly sales list (Excel or CSV), one row per sale, its product found by the 认定证书号 among
/// the products the user sees; each row checked like the form (buyer type and channel by their Chinese labels, amount,
/// date within the certificate's validity). One bad row and nothing is written; every bad row is reported with its row,
/// column and reason.
/// </summary>
public sealed class ConsumptionImportHandler(AppDbContext db, CurrentUser user, IConfiguration config, PrivateTemp temp, TimeProvider clock,
    ManageConsumptionHandler handler)
{
    public const int MaxRows = 5000;
    public const string TemplateName = "消费帮扶销售月报导入模板.xlsx";

    public static readonly IReadOnlyList<(string Header, bool Required, string Hint)> Columns =
    [
        ("产品认定证书号", true, "已认定的帮扶产品的证书号，须为本辖区的产品"),
        ("购买方类型", true, "可填：" + CodeTable<BuyerType>.Choices),
        ("购买方名称", true, "单位或平台名称"),
        ("金额(元)", true, "大于0，最多两位小数"),
        ("销售日期", true, "如 2026-03-01；须在产品认定有效期内，不晚于今天"),
        ("销售渠道", true, "可填：" + CodeTable<SaleChannel>.Choices),
        ("协作关系编号", false, "计入东西部协作或定点帮扶协议的采购，填协作关系编号；否则不填"),
    ];

    public static Task<IResult> TemplateAsync(CancellationToken ct) => ImportLists.TemplateAsync("消费帮扶销售", Columns, TemplateName, ct);

    public async Task<SalesImportOutcome> ImportAsync(Stream file, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var layout = ImportLists.Layout(Columns);
        var (rows, fileError) = ImportLists.Read(file, layout, MaxRows, config, temp, ct);
        if (fileError is not null) return new(null, [], fileError);

        var numbers = rows.Select(r => r.Fields.Length > 0 ? r.Fields[0].Trim() : "").Where(n => n.Length > 0).Distinct().ToArray();
        // Products the user sees (the scope filter holds them to the user's region).
        var products = await db.ConsumptionProducts.AsNoTracking().Where(p => EF.Parameter(numbers).Contains(p.CertificateNumber))
            .ToDictionaryAsync(p => p.CertificateNumber, StringComparer.Ordinal, ct);
        var partnerships = new Dictionary<string, Dictionary<long, PartnershipChoice>>();
        foreach (var county in products.Values.Select(p => p.CountyCode).Distinct())
            partnerships[county] = await handler.PartnershipsOfAsync(county, ct);
        var errors = new List<RowError>();
        var sales = new List<ConsumptionSale>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            var rowErrors = new List<RowError>();
            var c = new CellReader(row.Fields, layout.Headers, row.Row, rowErrors);
            var number = c.Text(0) ?? "";
            var buyerType = c.Code(1, BuyerType.Other, required: true);
            var buyer = c.Text(2) ?? "";
            var amount = c.Required(3, c.OptDecimal(3));
            var soldOn = c.Required(4, c.OptDate(4));
            var channel = c.Code(5, SaleChannel.Other, required: true);
            var partnership = c.OptInt(6);
            if (!products.TryGetValue(number, out var product))
            {
                if (number.Length > 0) c.Fail(0, $"找不到认定证书号为“{number}”的帮扶产品（须为本辖区已认定的产品）");
            }
            else if (!c.HasErrors)
            {
                var facts = new SaleFacts(buyerType, buyer, amount, soldOn, channel, partnership);
                foreach (var (field, message) in ManageConsumptionHandler.CheckSale(product, facts, today, partnerships[product.CountyCode])) c.Fail(ColumnOf(field), message);
                if (!c.HasErrors) sales.Add(ConsumptionSale.Record(product, facts, now, user.UserName));
            }
            errors.AddRange(rowErrors);
        }
        if (errors.Count > 0) return new(null, errors, null);
        db.ConsumptionSales.AddRange(sales);
        await db.SaveChangesAsync(ct);
        return new(new SalesImportSummary(rows.Count, sales.Count, sales.Sum(s => s.Amount)), [], null);
    }

    private static int ColumnOf(string field) => field switch
    {
        "buyerType" => 1, "buyerName" => 2, "amount" => 3, "soldOn" => 4, "channel" => 5, "partnershipId" => 6, _ => 0,
    };

    /// <summary>The upload as the API takes it: 400 naming each bad row (第N行·列名), or the summary.</summary>
    public async Task<Outcome<SalesImportSummary>> ImportFileAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return Failure.Invalid("file", "请选择要导入的文件（.xlsx 或 .csv）");
        await using var stream = file.OpenReadStream();
        var outcome = await ImportAsync(stream, ct);
        if (outcome.Summary is { } summary) return summary;
        if (outcome.FileError is { } message) return Failure.Invalid("file", message);
        return ImportErrors.AsFailure(outcome.Errors);
    }
}
