using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Partners.Relocation.ImportSupports;

/// <summary>What a support list did: rows read, supports recorded, rows already recorded (the same household, kind, year, amount and date).</summary>
public sealed record SupportListSummary(int Rows, int Recorded, int AlreadyRecorded);

public sealed record SupportListOutcome(SupportListSummary? Summary, IReadOnlyList<RowError> Errors, string? FileError);

/// <summary>
/// 后续扶持发放表导入: the township's or county's list of 到户产业发展资金 and 生活补贴 paid to relocated households (Excel or
/// CSV), one row per payment, matched to a household of the user's region by its 户编号 and checked against its head's name;
/// each row goes through the same use case as the page (a household tied to a site, the same limits). A row already
/// recorded is counted, not recorded twice, so a list imported again changes nothing. One bad row and nothing is written;
/// every bad row is reported with its row, column and reason.
/// </summary>
public sealed class SupportListImportHandler(AppDbContext db, ManageFollowUpHandler followUps, IConfiguration config, PrivateTemp temp)
{
    public const int MaxRows = 5000;
    public const string TemplateName = "搬迁户后续扶持发放表导入模板.xlsx";

    public static readonly IReadOnlyList<(string Header, bool Required, string Hint)> Columns =
    [
        ("户编号", true, "户籍档案中的16位户编号"),
        ("户主姓名", true, "与户籍档案一致，用于核对"),
        ("扶持类型", true, "可填：" + CodeTable<SupportKind>.Choices),
        ("年度", true, "如 2026"),
        ("金额(元)", true, "大于0，最多两位小数，不超过100万元"),
        ("发放日期", false, "如 2026-03-01；不早于扶持年度，不晚于今天"),
        ("备注", false, "200字以内"),
    ];

    public static Task<IResult> TemplateAsync(CancellationToken ct) => ImportLists.TemplateAsync("后续扶持发放表", Columns, TemplateName, ct);

    public async Task<SupportListOutcome> ImportAsync(Stream file, CancellationToken ct)
    {
        var layout = ImportLists.Layout(Columns);
        var (rows, fileError) = ImportLists.Read(file, layout, MaxRows, config, temp, ct);
        if (fileError is not null) return new(null, [], fileError);

        var errors = new List<RowError>();
        int recorded = 0, already = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            var rowErrors = new List<RowError>();
            var c = new CellReader(row.Fields, layout.Headers, row.Row, rowErrors);
            try
            {
                var done = await RowAsync(c, ct);
                if (rowErrors.Count > 0) errors.AddRange(rowErrors);
                else if (done) recorded++;
                else already++;
            }
            catch (DbUpdateException)
            {
                errors.Add(new RowError(row.Row, Columns[0].Header, "保存时与其他人的修改冲突，未导入任何数据：请稍后重新导入"));
                break;
            }
        }
        if (errors.Count > 0)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new(null, errors, null);
        }
        await tx.CommitAsync(ct);
        return new(new SupportListSummary(rows.Count, recorded, already), [], null);
    }

    /// <summary>One row: true when recorded, false when the same support was already there.</summary>
    private async Task<bool> RowAsync(CellReader c, CancellationToken ct)
    {
        var number = c.Text(0) ?? "";
        var head = c.Text(1) ?? "";
        var kind = c.Code(2, SupportKind.IndustryFund, required: true);
        var year = c.Required(3, c.OptInt(3));
        var amount = c.Required(4, c.OptDecimal(4));
        var paidOn = c.OptDate(5);
        var note = c.Text(6);
        if (c.HasErrors) return false;
        // The household of the user's region (the scope filters hold the households to it).
        var h = await db.Households.AsNoTracking().Where(x => x.HouseholdNumber == number).Select(x => new { x.Id, x.HeadName }).FirstOrDefaultAsync(ct);
        if (h is null) { c.Fail(0, "找不到该户编号的户，或该户不在您的管辖范围内"); return false; }
        if (h.HeadName != head) { c.Fail(1, $"户主姓名与户籍档案不一致（档案为“{h.HeadName}”），请核对"); return false; }
        var record = await followUps.GetAsync(h.Id, ct);
        if (record.Value is not { } r) { c.Fail(0, $"{h.HeadName}户尚未关联安置点，请先在安置点页面关联"); return false; }
        if (r.Supports.Any(s => s.Kind == kind && s.Year == year && s.Amount == amount && s.PaidOn == paidOn)) return false;
        var added = await followUps.AddSupportAsync(h.Id, new AddSupportRequest(kind, year, amount, paidOn, note, r.Version), ct);
        if (added.Failure is { } f)
        {
            var field = f.Errors?.Keys.FirstOrDefault() ?? "";
            var column = field switch { "kind" => 2, "year" => 3, "amount" => 4, "paidOn" => 5, "note" => 6, _ => 0 };
            c.Fail(column, f.Errors?.Values.FirstOrDefault()?.FirstOrDefault() ?? f.Message);
            return false;
        }
        return true;
    }

    /// <summary>The upload as the API takes it: 400 naming each bad row (第N行·列名), or the summary.</summary>
    public async Task<Outcome<SupportListSummary>> ImportFileAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return Failure.Invalid("file", "请选择要导入的文件（.xlsx 或 .csv）");
        await using var stream = file.OpenReadStream();
        var outcome = await ImportAsync(stream, ct);
        if (outcome.Summary is { } summary) return summary;
        if (outcome.FileError is { } message) return Failure.Invalid("file", message);
        return ImportErrors.AsFailure(outcome.Errors);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/partners/relocation/supports/import").WithTags("易地搬迁后续扶持");
        g.MapGet("/template", (CancellationToken ct) => TemplateAsync(ct))
            .RequireAuthorization(Permissions.PartnersView)
            .ProducesFile().WithName("RelocationSupportTemplate").WithSummary("搬迁户后续扶持发放表导入模板");
        g.MapPost("", async ([Microsoft.AspNetCore.Mvc.FromForm] IFormFile? file, SupportListImportHandler h, CancellationToken ct) =>
                (await h.ImportFileAsync(file, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersManage)
            .DisableAntiforgery()
            .WithUploadLimit(UploadLimits.ImportKey, UploadLimits.ImportDefault, "导入文件")
            .WithName("ImportRelocationSupports").WithSummary("导入后续扶持发放表（multipart：file）：按户编号匹配本辖区已关联安置点的搬迁户，登记到户产业资金和生活补贴；已登记的同一笔不重复登记；任何一行有误则不写入")
            .Accepts<IFormFile>("multipart/form-data");
    }
}
