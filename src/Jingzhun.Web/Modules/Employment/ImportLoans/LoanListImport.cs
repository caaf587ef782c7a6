using Jingzhun.Web.Modules.Employment.ManageLoans;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Jingzhun.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Employment.ImportLoans;

/// <summary>A row of the bank's list whose borrower is not a registered person of the user's region: reported, never stored.</summary>
public sealed record UnmatchedRow(int Row, string Name, string IdNumberMasked, string Bank, string ContractNumber, decimal Amount);

/// <summary>What a bank list did: rows read, loans registered, loans whose balance fell (a repayment recorded), loans unchanged, rows not matched.</summary>
public sealed record LoanListSummary(int Rows, int Created, int Repaid, int Unchanged, IReadOnlyList<UnmatchedRow> Unmatched);

public sealed record LoanListOutcome(LoanListSummary? Summary, IReadOnlyList<RowError> Errors, IReadOnlyList<UnmatchedRow> Unmatched, string? FileError);

/// <summary>
/// 银行小额信贷月报导入: the bank's monthly list of its 扶贫小额信贷 (Excel or CSV), each row matched to a member by the ID
/// number's keyed hash within the user's region. A contract not yet registered is issued through the same use case as the
/// form (the policy's limits, eligible households only) and, when the bank's balance is below the amount, a repayment of the
/// difference is recorded on the list's date; a registered contract whose balance fell gets that repayment; one whose
/// balance is the same is left as it is. A borrower not found is reported with the ID number masked and nothing of the row
/// is stored. One bad row and nothing is written; every bad row is reported with its row, column and reason.
/// </summary>
public sealed class LoanListImportHandler(AppDbContext db, ManageLoansHandler loans, PersonalDataProtector protector,
    IConfiguration config, PrivateTemp temp, TimeProvider clock)
{
    public const int MaxRows = 5000;
    public const string TemplateName = "银行小额信贷月报导入模板.xlsx";

    public static readonly IReadOnlyList<(string Header, bool Required, string Hint)> Columns =
    [
        ("借款人姓名", true, "与户籍档案一致"),
        ("借款人身份证号", true, "18位；只用于与建档立卡人口比对，未匹配的不保存"),
        ("放贷银行", true, "如：重庆农村商业银行"),
        ("借款合同编号", true, "同一银行的合同编号不重复"),
        ("贷款金额(元)", true, "最多两位小数，不超过防返贫监测标准的额度"),
        ("放款日期", true, "如 2026-03-01"),
        ("到期日期", true, "期限不超过防返贫监测标准"),
        ("年利率(%)", true, "如 3.45"),
        ("贷款余额(元)", true, "截至本月报日期的本金余额；低于系统余额时登记差额为还款"),
        ("贴息金额(元)", false, "区县财政贴息，无则不填"),
        ("贷款用途", false, "可填：" + CodeTable<LoanUse>.Choices + "；不填为其他生产经营"),
    ];

    /// <summary>The template: the columns (an empty first row) and a sheet that explains each.</summary>
    public static Task<IResult> TemplateAsync(CancellationToken ct) => ImportLists.TemplateAsync("小额信贷月报", Columns, TemplateName, ct);

    public async Task<LoanListOutcome> ImportAsync(Stream file, DateOnly? asOf, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var date = asOf ?? today;
        if (date > today) return new(null, [], [], "月报日期不能晚于今天");
        var layout = ImportLists.Layout(Columns);
        var (rows, fileError) = ImportLists.Read(file, layout, MaxRows, config, temp, ct);
        if (fileError is not null) return new(null, [], [], fileError);

        var errors = new List<RowError>();
        var unmatched = new List<UnmatchedRow>();
        int created = 0, repaid = 0, unchanged = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            var rowErrors = new List<RowError>();
            var c = new CellReader(row.Fields, layout.Headers, row.Row, rowErrors);
            try
            {
                var result = await RowAsync(c, date, unmatched, ct);
                if (rowErrors.Count > 0) errors.AddRange(rowErrors);
                else if (result == RowResult.Created) created++;
                else if (result == RowResult.Repaid) repaid++;
                else if (result == RowResult.Unchanged) unchanged++;
            }
            catch (DbUpdateException)
            {
                errors.Add(new RowError(row.Row, Columns[3].Header, "保存时与其他人的修改冲突，未导入任何数据：请稍后重新导入"));
                break;
            }
        }
        if (errors.Count > 0)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new(null, errors, unmatched, null);
        }
        await tx.CommitAsync(ct);
        return new(new LoanListSummary(rows.Count, created, repaid, unchanged, unmatched), [], unmatched, null);
    }

    private enum RowResult { Failed, Created, Repaid, Unchanged, Unmatched }

    private async Task<RowResult> RowAsync(CellReader c, DateOnly asOf, List<UnmatchedRow> unmatched, CancellationToken ct)
    {
        var name = c.Text(0) ?? "";
        var id = IdNumberRule.Normalize(c.Text(1));
        var bank = c.Text(2) ?? "";
        var contract = c.Text(3) ?? "";
        var amount = c.Required(4, c.OptDecimal(4));
        var issued = c.Required(5, c.OptDate(5));
        var due = c.Required(6, c.OptDate(6));
        var rate = c.Required(7, c.OptDecimal(7));
        var balance = c.Required(8, c.OptDecimal(8));
        var subsidy = c.OptDecimal(9) ?? 0m;
        var use = c.Code(10, LoanUse.Other);
        if (!IdNumberRule.TryParse(id, ChinaTime.Today(clock), out _, out var idError)) c.Fail(1, idError ?? "身份证号无效");
        if (balance < 0 || balance > amount) c.Fail(8, "贷款余额应在0至贷款金额之间");
        if (c.HasErrors) return RowResult.Failed;

        // Only registered people of the user's region (the scope filters hold the members to it).
        var hash = protector.HashIdNumber(id);
        var member = await db.Members.AsNoTracking().Where(m => m.IdNumberHash == hash && m.Status == MemberStatus.Active)
            .Select(m => new { m.Id, m.HouseholdId, m.Name }).FirstOrDefaultAsync(ct);
        if (member is null)
        {
            unmatched.Add(new UnmatchedRow(c.Row, name, IdNumberRule.Mask(id), bank, contract, amount));
            return RowResult.Unmatched;
        }
        if (member.Name != name) { c.Fail(0, $"姓名与户籍档案不一致（档案为“{member.Name}”），请核对"); return RowResult.Failed; }

        var existing = await db.Microloans.AsNoTracking().Where(l => l.Bank == bank && l.ContractNumber == contract)
            .Select(l => new { l.Id, l.BorrowerId, l.Amount, l.RepaidPrincipal, l.Version }).FirstOrDefaultAsync(ct);
        if (existing is null)
        {
            var issuedLoan = await loans.IssueAsync(new IssueLoanRequest(member.HouseholdId, member.Id, bank, contract, amount, issued, due, rate,
                subsidy, subsidy > 0 ? SubsidyPayer.County : null, use, null), ct);
            if (Fail(c, issuedLoan.Failure)) return RowResult.Failed;
            var loan = issuedLoan.Value!.Loan;
            if (balance == amount) return RowResult.Created;
            return Fail(c, (await loans.RepayAsync(loan.Id, new RepayLoanRequest(asOf, amount - balance, 0m, loan.Version), ct)).Failure)
                ? RowResult.Failed : RowResult.Created;
        }
        if (existing.BorrowerId != member.Id) { c.Fail(1, $"{bank}的借款合同{contract}已登记在另一名借款人名下，请核对"); return RowResult.Failed; }
        var systemBalance = existing.Amount - existing.RepaidPrincipal;
        if (balance == systemBalance) return RowResult.Unchanged;
        if (balance > systemBalance) { c.Fail(8, $"贷款余额大于系统中的余额（{EmploymentPages.Money(systemBalance)}元），请核对"); return RowResult.Failed; }
        return Fail(c, (await loans.RepayAsync(existing.Id, new RepayLoanRequest(asOf, systemBalance - balance, 0m, existing.Version), ct)).Failure)
            ? RowResult.Failed : RowResult.Repaid;
    }

    /// <summary>A use case's failure as the row's error, in the column of its field.</summary>
    private static bool Fail(CellReader c, Failure? f)
    {
        if (f is null) return false;
        var field = f.Errors?.Keys.FirstOrDefault() ?? "";
        var column = field switch
        {
            "bank" => 2, "contractNumber" => 3, "amount" => 4, "issuedOn" => 5, "dueOn" => 6, "ratePercent" => 7, "subsidyAmount" => 9,
            "principal" or "paidOn" => 8, _ => 1,
        };
        c.Fail(column, f.Errors?.Values.FirstOrDefault()?.FirstOrDefault() ?? f.Message);
        return true;
    }


    /// <summary>The upload as the API takes it: 400 naming each bad row (第N行·列名), or the summary with the unmatched rows.</summary>
    public async Task<Outcome<LoanListSummary>> ImportFileAsync(IFormFile? file, DateOnly? asOf, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return Failure.Invalid("file", "请选择要导入的文件（.xlsx 或 .csv）");
        await using var stream = file.OpenReadStream();
        var outcome = await ImportAsync(stream, asOf, ct);
        if (outcome.Summary is { } summary) return summary;
        if (outcome.FileError is { } message) return Failure.Invalid(message.StartsWith("月报日期", StringComparison.Ordinal) ? "asOf" : "file", message);
        return ImportErrors.AsFailure(outcome.Errors);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/employment/loans/import").WithTags("就业与小额信贷");
        g.MapGet("/template", (CancellationToken ct) => TemplateAsync(ct))
            .RequireAuthorization(Permissions.MonitoringView)
            .ProducesFile().WithName("LoanListTemplate").WithSummary("银行小额信贷月报导入模板");
        g.MapPost("", async ([Microsoft.AspNetCore.Mvc.FromForm] IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] DateOnly? asOf,
                    LoanListImportHandler h, CancellationToken ct) => (await h.ImportFileAsync(file, asOf, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringWork)
            .DisableAntiforgery()
            .WithUploadLimit(UploadLimits.ImportKey, UploadLimits.ImportDefault, "导入文件")
            .WithName("ImportLoanList").WithSummary("导入银行小额信贷月报（multipart：file、asOf 月报日期）：按身份证号匹配本辖区建档立卡人口，新合同登记、余额减少登记还款；未匹配的行只报告不保存；任何一行有误则不写入")
            .Accepts<IFormFile>("multipart/form-data");
    }
}
