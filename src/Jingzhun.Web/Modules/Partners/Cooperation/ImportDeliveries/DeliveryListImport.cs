using System.Globalization;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Problems;

namespace Jingzhun.Web.Modules.Partners.Cooperation.ImportDeliveries;

/// <summary>What a delivery list did: rows read, deliveries recorded, rows already recorded (the same indicator, figure, date and note).</summary>
public sealed record DeliveryListSummary(int Rows, int Recorded, int AlreadyRecorded);

public sealed record DeliveryListOutcome(DeliveryListSummary? Summary, IReadOnlyList<RowError> Errors, string? FileError);

/// <summary>
/// 到位情况导入: an agreement's deliveries as the county keeps them in Excel (or CSV), one row per delivery, each through the
/// same use case as the agreement page's form (the indicator's unit, the agreement's year, projects of the county). A row
/// already recorded is counted, not recorded twice, so a list imported again changes nothing. One bad row and nothing is
/// written; every bad row is reported with its row, column and reason.
/// </summary>
public sealed class DeliveryListImportHandler(AppDbContext db, ManageCooperationHandler agreements, IConfiguration config, PrivateTemp temp)
{
    public const int MaxRows = 2000;
    public const string TemplateName = "协作协议到位情况导入模板.xlsx";

    public static readonly IReadOnlyList<(string Header, bool Required, string Hint)> Columns =
    [
        ("指标", true, "可填：" + CodeTable<CooperationIndicator>.Choices),
        ("到位数量", true, "资金以万元计（最多两位小数），人数、企业、学校、医院为整数"),
        ("到位日期", true, "协议年度内，不晚于今天，如 2026-05-20"),
        ("文号或说明", false, "200字以内"),
        ("支持项目编号", false, "财政援助资金、社会帮扶资金可填本区县项目的编号，多个用顿号或逗号分隔"),
    ];

    public static Task<IResult> TemplateAsync(CancellationToken ct) => ImportLists.TemplateAsync("到位情况", Columns, TemplateName, ct);

    public async Task<Outcome<DeliveryListOutcome>> ImportAsync(long agreementId, Stream file, CancellationToken ct)
    {
        var current = await agreements.GetAgreementAsync(agreementId, ct);
        if (!current.Succeeded) return current.Failure!;
        var layout = ImportLists.Layout(Columns);
        var (rows, fileError) = ImportLists.Read(file, layout, MaxRows, config, temp, ct);
        if (fileError is not null) return new DeliveryListOutcome(null, [], fileError);

        var known = current.Value!.Deliveries.Select(d => (d.Indicator, d.Amount, d.DeliveredOn, d.Note)).ToHashSet();
        var errors = new List<RowError>();
        int recorded = 0, already = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            var rowErrors = new List<RowError>();
            var c = new CellReader(row.Fields, layout.Headers, row.Row, rowErrors);
            var indicator = c.Code(0, CooperationIndicator.FiscalAid, required: true);
            var amount = c.Required(1, c.OptDecimal(1));
            var on = c.Required(2, c.OptDate(2));
            var note = c.Text(3) ?? "";
            var projects = ProjectIds(c);
            if (!c.HasErrors)
            {
                if (known.Contains((indicator, amount, on, note))) already++;
                else
                {
                    var done = await agreements.RecordDeliveryAsync(agreementId, new RecordDeliveryRequest(indicator, amount, on, note, projects), ct);
                    if (done.Failure is { } f)
                    {
                        if (f.Kind == FailureKind.Forbidden) return f;
                        var field = f.Errors?.Keys.FirstOrDefault() ?? "";
                        c.Fail(field switch { "indicator" => 0, "amount" => 1, "deliveredOn" => 2, "note" => 3, "projectIds" => 4, _ => 0 },
                            f.Errors?.Values.FirstOrDefault()?.FirstOrDefault() ?? f.Message);
                    }
                    else
                    {
                        known.Add((indicator, amount, on, note));
                        recorded++;
                    }
                }
            }
            errors.AddRange(rowErrors);
        }
        if (errors.Count > 0)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new DeliveryListOutcome(null, errors, null);
        }
        await tx.CommitAsync(ct);
        return new DeliveryListOutcome(new DeliveryListSummary(rows.Count, recorded, already), [], null);
    }

    /// <summary>支持项目编号: numbers separated by 、 or commas; a word that is no number is the row's error.</summary>
    private static long[] ProjectIds(CellReader c)
    {
        var ids = new List<long>();
        foreach (var part in (c.Text(4) ?? "").Split(['、', ',', '，', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) ids.Add(id);
            else c.Fail(4, $"“{part}”不是项目编号");
        }
        return [.. ids];
    }

    /// <summary>The upload as the API takes it: 400 naming each bad row (第N行·列名), or the summary.</summary>
    public async Task<Outcome<DeliveryListSummary>> ImportFileAsync(long agreementId, IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return Failure.Invalid("file", "请选择要导入的文件（.xlsx 或 .csv）");
        await using var stream = file.OpenReadStream();
        var outcome = await ImportAsync(agreementId, stream, ct);
        if (!outcome.Succeeded) return outcome.Failure!;
        if (outcome.Value!.Summary is { } summary) return summary;
        if (outcome.Value.FileError is { } message) return Failure.Invalid("file", message);
        return ImportErrors.AsFailure(outcome.Value.Errors);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/partners/cooperation").WithTags("东西部协作与定点帮扶");
        g.MapGet("/deliveries/import/template", (CancellationToken ct) => TemplateAsync(ct))
            .RequireAuthorization(Permissions.PartnersView)
            .ProducesFile().WithName("CooperationDeliveryTemplate").WithSummary("协作协议到位情况导入模板");
        g.MapPost("/agreements/{id:long}/deliveries/import", async (long id, [Microsoft.AspNetCore.Mvc.FromForm] IFormFile? file, DeliveryListImportHandler h,
                CancellationToken ct) => (await h.ImportFileAsync(id, file, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersManage)
            .DisableAntiforgery()
            .WithUploadLimit(UploadLimits.ImportKey, UploadLimits.ImportDefault, "导入文件")
            .WithName("ImportCooperationDeliveries").WithSummary("导入协议的到位情况（multipart：file）：逐行按与页面相同的规则登记；已登记的同一笔不重复登记；任何一行有误则不写入")
            .Accepts<IFormFile>("multipart/form-data");
    }
}
