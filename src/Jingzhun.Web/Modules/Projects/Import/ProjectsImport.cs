using System.ComponentModel.DataAnnotations;
using Jingzhun.Web.Modules.Projects.Assets;
using Jingzhun.Web.Modules.Projects.ManageFunds;
using Jingzhun.Web.Modules.Projects.ManageProjects;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Projects.Import;

/// <summary>What an Excel file brings into the project module.</summary>
public enum ImportKind
{
    [Display(Name = "项目库")] Projects = 1,
    [Display(Name = "资金下达")] Allocations = 2,
    [Display(Name = "资金支付")] Payments = 3,
    [Display(Name = "资产台账")] Assets = 4,
    [Display(Name = "资金分配")] Assignments = 5,
}

/// <summary>A column of an import file: its header, whether it must be filled, the request field it feeds and a hint.</summary>
public sealed record ImportColumn(string Header, bool Required, string Field, string Hint);

/// <summary>What an import did: rows read, records created, rows already in the system (left as they are).</summary>
public sealed record ImportSummary(ImportKind Kind, int Rows, int Created, int Unchanged);

/// <summary>The outcome of an import: a summary, or the rows that stop it (nothing is written then).</summary>
public sealed record ImportOutcome(ImportSummary? Summary, IReadOnlyList<RowError> Errors, string? FileError)
{
    public bool Succeeded => Summary is not null;
}

/// <summary>
/// Imports the project library, 资金下达, 资金支付 and the asset ledger from Excel (or CSV). Every row goes through the
/// same use case as the form (<see cref="ManageProjectsHandler.ProposeAsync"/>, <see cref="ManageFundsHandler.CreateAsync"/>,
/// <see cref="ManageFundsHandler.PayAsync"/>, <see cref="ManageAssetsHandler.RegisterAsync"/>), so the same rules, scope,
/// permissions and audit apply, inside one transaction: one bad row and nothing is written, every bad row is reported
/// with its row, column and reason. A row already in the system (same key) is left as it is, so importing a file twice,
/// or re-importing an export, changes nothing.
/// </summary>
public sealed class ProjectsImportHandler(AppDbContext db, CurrentUser user, ManageProjectsHandler projects, ManageFundsHandler funds,
    ManageAssetsHandler assets, IConfiguration config, PrivateTemp temp)
{
    public const int MaxRows = 5000;

    private static readonly char[] ListSeparators = ['、', ',', '，', ';', '；', ' ', '\n'];

    public static IReadOnlyList<ImportColumn> ColumnsOf(ImportKind kind) => kind switch
    {
        ImportKind.Projects =>
        [
            new("项目名称", true, "name", "至少4个字；同一区县同一年度的项目名称不重复"),
            new("年度", true, "year", "2021 起，如 2026"),
            new("所在村代码", true, "villageCodes", "12位村级区划代码；多个村用顿号“、”分隔，须在同一区县"),
            new("项目类别", true, "category", Choices<ProjectCategory>()),
            new("项目子类", true, "subType", "如：种植业基地、产业路"),
            new("实施单位", true, "implementingUnit", "如：土桥镇人民政府"),
            new("计划开工日期", true, "plannedStart", "如 2026-03-01"),
            new("计划完工日期", true, "plannedEnd", "不早于计划开工日期"),
            new("带动户数", false, "targetHouseholds", "绩效目标：受益户数，整数"),
            new("带动就业人数", false, "targetJobs", "绩效目标，整数"),
            new("户均增收(元)", false, "targetIncomePerHousehold", "绩效目标，最多两位小数"),
            .. Enum.GetValues<FundSource>().Select(s => new ImportColumn(BudgetHeader(s), false, "budget", "预算金额（元），至少填写一个资金来源")),
            new("受益户编号", false, "beneficiaries", "16位户编号，多户用顿号“、”分隔；须在项目所在的村"),
            new("联农带农方式", false, "beneficiaries", Choices<BenefitKind>() + "；填写受益户时必填"),
        ],
        ImportKind.Allocations =>
        [
            new("资金年度", true, "year", "2021 起"),
            new("资金来源", true, "source", Choices<FundSource>()),
            new("资金级次", true, "level", Choices<FundLevel>()),
            new("下达文号", true, "documentNumber", "如：渝财农〔2026〕12号"),
            new("下达金额(元)", true, "amount", "最多两位小数"),
            new("接收区县代码", true, "countyCode", "6位区县代码，如 500151"),
            new("下达日期", true, "issuedOn", "如 2026-02-15，不晚于今天"),
        ],
        ImportKind.Payments =>
        [
            new("项目编号", true, "projectId", "系统中的项目编号（项目库导出的第一列）"),
            new("资金来源", true, "allocationId", Choices<FundSource>()),
            new("下达文号", true, "allocationId", "已分配给该项目的下达资金的文号"),
            new("支付日期", true, "paidOn", "不早于资金下达日期，不晚于今天"),
            new("支付金额(元)", true, "amount", "不超过项目预算和分配到本项目的金额"),
            new("凭证号", true, "voucherNumber", "同一项目的凭证号不重复"),
            new("收款单位（人）", true, "payee", ""),
        ],
        ImportKind.Assignments =>
        [
            new("项目编号", true, "projectId", "系统中的项目编号（项目库导出的第一列），项目须已论证入库"),
            new("资金来源", true, "allocationId", Choices<FundSource>()),
            new("下达文号", true, "documentNumber", "本区县已登记的下达资金的文号"),
            new("分配金额(元)", true, "amount", "该笔资金分配给本项目的合计金额；不超过尚未分配的下达金额和项目该来源的预算"),
        ],
        ImportKind.Assets =>
        [
            new("资产名称", true, "name", ""),
            new("资产类别", true, "class", Choices<AssetClass>()),
            new("所在村代码", true, "villageCode", "12位村级区划代码"),
            new("数量", true, "quantity", "大于0"),
            new("单位", true, "unit", "如：座、亩、头、台"),
            new("资产价值(元)", true, "value", "最多两位小数"),
            new("所有者", true, "owner", Choices<AssetRecipient>() + "；到户类资产归受益户"),
            new("受益户编号", false, "householdId", "到户类资产必填：16位户编号"),
            new("管护责任人", false, "custodian", ""),
            new("登记日期", true, "registeredOn", "如 2024-06-30，不晚于今天"),
        ],
        _ => [],
    };

    public static string BudgetHeader(FundSource s) => $"预算-{Labels.Of(s)}(元)";

    private static string Choices<T>() where T : struct, Enum => "可填：" + CodeTable<T>.Choices;

    /// <summary>The kinds in the order the work goes: the library, the money issued, put onto projects, paid, the assets left.</summary>
    public static readonly IReadOnlyList<ImportKind> InOrder =
        [ImportKind.Projects, ImportKind.Allocations, ImportKind.Assignments, ImportKind.Payments, ImportKind.Assets];

    public static string PermissionOf(ImportKind kind) => kind switch
    {
        ImportKind.Projects => Permissions.ProjectsPropose,
        ImportKind.Allocations or ImportKind.Assignments or ImportKind.Payments => Permissions.FundsManage,
        _ => Permissions.ProjectsImplement,
    };

    public static string TemplateName(ImportKind kind) => $"{Labels.Of(kind)}导入模板.xlsx";

    /// <summary>The template: the columns (an empty first row to fill in) and a sheet that explains each column.</summary>
    public static Task<IResult> TemplateAsync(ImportKind kind, CancellationToken ct)
    {
        var columns = ColumnsOf(kind);
        var blank = new Dictionary<string, object?>();
        foreach (var c in columns) blank[c.Header] = null;
        var help = columns.Select(c => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["列名"] = c.Header, ["是否必填"] = c.Required ? "必填" : "选填", ["填写说明"] = c.Hint,
        });
        return ExcelFile.SheetsResultAsync(new Dictionary<string, IEnumerable<IDictionary<string, object?>>>
        {
            [Labels.Of(kind)] = [blank],
            ["填写说明"] = help,
        }, TemplateName(kind), ct);
    }

    public async Task<ImportOutcome> ImportAsync(ImportKind kind, Stream file, CancellationToken ct)
    {
        if (!Enum.IsDefined(kind)) return new(null, [], "请选择导入的内容：项目库、资金下达、资金分配、资金支付或资产台账");
        if (!user.Has(PermissionOf(kind))) return new(null, [], $"您的角色不能导入{Labels.Of(kind)}");
        var columns = ColumnsOf(kind);
        var layout = new TableLayout(columns.Select(c => c.Header).ToList(), columns.Where(c => c.Required).Select(c => c.Header).ToList());
        List<RawRow> rows;
        try
        {
            rows = TableFileReader.Read(file, layout, ct, XlsxLimits.From(config), temp.Folder).Take(MaxRows + 1).ToList();
        }
        catch (UnreadableFileException e)
        {
            return new(null, [], e.Message);
        }
        if (rows.Count == 0) return new(null, [], "文件中没有数据行：请在模板的列名下方逐行填写后导入");
        if (rows.Count > MaxRows) return new(null, [], $"一次最多导入 {MaxRows} 行：请拆分成多个文件导入");

        var errors = new List<RowError>();
        var created = 0;
        var unchanged = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            var rowErrors = new List<RowError>();
            var cells = new CellReader(row.Fields, layout.Headers, row.Row, rowErrors);
            lastUnchanged = false;
            Failure? failure;
            try
            {
                failure = kind switch
                {
                    ImportKind.Projects => await ProjectAsync(cells, layout, ct),
                    ImportKind.Allocations => await AllocationAsync(cells, ct),
                    ImportKind.Payments => await PaymentAsync(cells, ct),
                    ImportKind.Assignments => await AssignmentAsync(cells, ct),
                    _ => await AssetAsync(cells, ct),
                };
            }
            catch (DbUpdateException)
            {
                // The database refused the write (a parallel change): the transaction cannot go on.
                errors.Add(new RowError(row.Row, columns[0].Header, "保存时与其他人的修改冲突，未导入任何数据：请稍后重新导入"));
                break;
            }
            if (failure is not null)
                rowErrors.Add(new RowError(row.Row, ColumnOf(kind, columns, failure), failure.Errors?.Values.FirstOrDefault()?.FirstOrDefault() ?? failure.Message));
            if (rowErrors.Count > 0) errors.AddRange(rowErrors);
            else if (lastUnchanged) unchanged++;
            else created++;
        }
        if (errors.Count > 0)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new(null, errors, null);
        }
        await tx.CommitAsync(ct);
        return new(new ImportSummary(kind, rows.Count, created, unchanged), [], null);
    }

    /// <summary>Set by a row's import when the row was already in the system.</summary>
    private bool lastUnchanged;

    /// <summary>
    /// The column a use case's failure points at: its field's, or for a failure without one (a place out of the user's
    /// region, a role not allowed) the column that names the place.
    /// </summary>
    private static string ColumnOf(ImportKind kind, IReadOnlyList<ImportColumn> columns, Failure f)
    {
        var field = f.Errors?.Keys.FirstOrDefault() ?? kind switch
        {
            ImportKind.Allocations => "countyCode",
            ImportKind.Payments or ImportKind.Assignments => "projectId",
            ImportKind.Assets => "villageCode",
            _ => "villageCodes",
        };
        var root = field.Split('.', '[')[0];
        return columns.FirstOrDefault(c => c.Field == root)?.Header ?? columns[0].Header;
    }

    private async Task<Failure?> ProjectAsync(CellReader c, TableLayout layout, CancellationToken ct)
    {
        var name = c.Text(0)?.Trim() ?? "";
        var year = c.OptInt(1);
        var villages = (c.Text(2) ?? "").Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries);
        if (name.Length > 0 && year is { } y && villages.Length > 0 && villages[0].Length >= 6)
        {
            var county = villages[0][..6];
            if (await db.Projects.AnyAsync(p => p.CountyCode == county && p.Year == y && p.Name == name, ct))
            {
                lastUnchanged = true;
                return null;
            }
        }
        var category = c.Code(3, ProjectCategory.Other, required: true);
        var start = c.Required(6, c.OptDate(6));
        var end = c.Required(7, c.OptDate(7));
        var households = c.OptInt(8) ?? 0;
        var jobs = c.OptInt(9) ?? 0;
        var income = c.OptDecimal(10) ?? 0m;
        var budget = new List<BudgetLine>();
        foreach (var s in Enum.GetValues<FundSource>())
            if (c.OptDecimal(layout.IndexOf(BudgetHeader(s))) is { } amount && amount != 0) budget.Add(new BudgetLine(s, amount));
        var numbers = (c.Text(layout.IndexOf("受益户编号")) ?? "").Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        var benefitColumn = layout.IndexOf("联农带农方式");
        var benefit = c.OptCode<BenefitKind>(benefitColumn);
        var lines = new List<BeneficiaryLine>();
        if (numbers.Count > 0)
        {
            if (benefit is null) c.Fail(benefitColumn, "填写了受益户时，请填写联农带农方式");
            var found = await db.Households.AsNoTracking().Where(h => numbers.Contains(h.HouseholdNumber))
                .Select(h => new { h.Id, h.HouseholdNumber }).ToListAsync(ct);
            if (numbers.Except(found.Select(f => f.HouseholdNumber)).FirstOrDefault() is { } missing)
                c.Fail(layout.IndexOf("受益户编号"), $"户编号 {missing} 不存在或不在您的管辖范围内");
            lines.AddRange(found.Select(f => new BeneficiaryLine(f.Id, benefit ?? BenefitKind.Wages)));
        }
        c.Required(1, year);
        if (c.HasErrors) return null;
        var outcome = await projects.ProposeAsync(new ProposeProjectRequest(name, year!.Value, villages, category, c.Text(4) ?? "", c.Text(5) ?? "",
            start, end, households, jobs, income, budget, lines), ct);
        return outcome.Failure;
    }

    private async Task<Failure?> AllocationAsync(CellReader c, CancellationToken ct)
    {
        var year = c.OptInt(0);
        var source = c.Code(1, FundSource.CentralBridging, required: true);
        var level = c.Code(2, FundLevel.County, required: true);
        var document = c.Text(3)?.Trim() ?? "";
        var amount = c.Required(4, c.OptDecimal(4));
        var county = c.Text(5)?.Trim() ?? "";
        var issued = c.Required(6, c.OptDate(6));
        c.Required(0, year);
        if (c.HasErrors) return null;
        var existing = await db.FundAllocations.AsNoTracking()
            .Where(a => a.CountyCode == county && a.Year == year && a.Source == source && a.DocumentNumber == document)
            .Select(a => new { a.Amount }).FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            if (existing.Amount != amount)
                return Failure.Invalid("amount", $"系统中已有该文号的{Labels.Of(source)}，下达金额为 {ProjectPages.Yuan(existing.Amount)} 元，与文件不一致：请核对，更正请在资金下达台账中办理");
            lastUnchanged = true;
            return null;
        }
        return (await funds.CreateAsync(new CreateAllocationRequest(year!.Value, source, level, document, amount, county, issued), ct)).Failure;
    }

    private async Task<Failure?> PaymentAsync(CellReader c, CancellationToken ct)
    {
        var projectId = c.OptInt(0);
        var source = c.Code(1, FundSource.CentralBridging, required: true);
        var document = c.Text(2)?.Trim() ?? "";
        var paidOn = c.Required(3, c.OptDate(3));
        var amount = c.Required(4, c.OptDecimal(4));
        var voucher = c.Text(5)?.Trim() ?? "";
        var payee = c.Text(6)?.Trim() ?? "";
        c.Required(0, projectId);
        if (c.HasErrors) return null;
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => new { p.Id, p.CountyCode }).FirstOrDefaultAsync(ct);
        if (project is null) return Failure.Invalid("projectId", $"项目编号 {projectId} 不存在或不在您的管辖范围内");
        var paid = await db.FundPayments.AsNoTracking().Where(x => x.ProjectId == project.Id && x.VoucherNumber == voucher)
            .Select(x => new { x.Amount }).FirstOrDefaultAsync(ct);
        if (paid is not null)
        {
            if (paid.Amount != amount)
                return Failure.Invalid("amount", $"该项目已登记凭证号 {voucher} 的支付 {ProjectPages.Yuan(paid.Amount)} 元，与文件不一致：请核对凭证号");
            lastUnchanged = true;
            return null;
        }
        var allocations = await (from x in db.FundAssignments
                                 join a in db.FundAllocations on x.AllocationId equals a.Id
                                 where x.ProjectId == project.Id && a.Source == source && a.DocumentNumber == document
                                 select a.Id).Distinct().ToListAsync(ct);
        if (allocations.Count == 0)
            return Failure.Invalid("allocationId", $"该项目没有分配到文号为“{document}”的{Labels.Of(source)}：请先在项目页面分配资金，或先导入资金分配");
        return (await funds.PayAsync(project.Id, new RecordPaymentRequest(allocations[0], paidOn, amount, voucher, payee), ct)).Failure;
    }

    /// <summary>
    /// 资金分配: a row is what one allocation (its source and 文号) puts onto one project in all. Already so in the system:
    /// unchanged; another amount already put onto the project from that allocation: a row error (the file and the system
    /// disagree); none yet: assigned through <see cref="ManageFundsHandler.AssignAsync"/>, with its limits.
    /// </summary>
    private async Task<Failure?> AssignmentAsync(CellReader c, CancellationToken ct)
    {
        var projectId = c.OptInt(0);
        var source = c.Code(1, FundSource.CentralBridging, required: true);
        var document = c.Text(2)?.Trim() ?? "";
        var amount = c.Required(3, c.OptDecimal(3));
        c.Required(0, projectId);
        if (document.Length == 0) c.Fail(2, "请填写下达文号");
        if (c.HasErrors) return null;
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => new { p.Id, p.CountyCode }).FirstOrDefaultAsync(ct);
        if (project is null) return Failure.Invalid("projectId", $"项目编号 {projectId} 不存在或不在您的管辖范围内");
        var allocations = await db.FundAllocations.AsNoTracking()
            .Where(a => a.CountyCode == project.CountyCode && a.Source == source && a.DocumentNumber == document).Select(a => a.Id).ToListAsync(ct);
        if (allocations.Count == 0)
            return Failure.Invalid("documentNumber", $"本区县没有文号为“{document}”的{Labels.Of(source)}：请先登记或导入资金下达");
        if (allocations.Count > 1)
            return Failure.Invalid("documentNumber", $"文号为“{document}”的{Labels.Of(source)}有{allocations.Count}笔（不同年度）：请在项目页面分配");
        var already = await db.FundAssignments.AsNoTracking().Where(x => x.ProjectId == project.Id && x.AllocationId == allocations[0])
            .Select(x => x.Amount).ToListAsync(ct);
        if (already.Count > 0)
        {
            if (already.Sum() != amount)
                return Failure.Invalid("amount", $"该笔资金已分配给本项目 {ProjectPages.Yuan(already.Sum())} 元，与文件不一致：请核对后在项目页面调整");
            lastUnchanged = true;
            return null;
        }
        return (await funds.AssignAsync(project.Id, new AssignFundsRequest(allocations[0], amount), ct)).Failure;
    }

    private async Task<Failure?> AssetAsync(CellReader c, CancellationToken ct)
    {
        var name = c.Text(0)?.Trim() ?? "";
        var cls = c.Code(1, AssetClass.Operating, required: true);
        var village = c.Text(2)?.Trim() ?? "";
        var quantity = c.Required(3, c.OptDecimal(3));
        var unit = c.Text(4)?.Trim() ?? "";
        var value = c.Required(5, c.OptDecimal(5));
        var owner = c.Code(6, AssetRecipient.VillageCollective, required: true);
        var number = c.Text(7)?.Trim();
        var custodian = c.Text(8)?.Trim();
        var registered = c.Required(9, c.OptDate(9));
        long? householdId = null;
        if (number is { Length: > 0 })
        {
            householdId = await db.Households.AsNoTracking().Where(h => h.HouseholdNumber == number).Select(h => (long?)h.Id).FirstOrDefaultAsync(ct);
            if (householdId is null) c.Fail(7, $"户编号 {number} 不存在或不在您的管辖范围内");
        }
        if (c.HasErrors) return null;
        if (await db.ProjectAssets.AnyAsync(a => a.RegionCode == village && a.Name == name && a.HouseholdId == householdId, ct))
        {
            lastUnchanged = true;
            return null;
        }
        return (await assets.RegisterAsync(new RegisterAssetRequest(name, cls, village, quantity, unit, value, owner, householdId, custodian, registered), ct)).Failure;
    }


    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/projects/import").WithTags("衔接项目");
        g.MapGet("/template/{kind}", (ImportKind kind, CancellationToken ct) => TemplateAsync(kind, ct))
            .RequireAuthorization(Permissions.ProjectsView)
            .ProducesFile().WithName("ProjectImportTemplate").WithSummary("导入模板（kind：Projects 项目库 / Allocations 资金下达 / Assignments 资金分配 / Payments 资金支付 / Assets 资产台账）");
        g.MapPost("/{kind}", async (ImportKind kind, [Microsoft.AspNetCore.Mvc.FromForm] IFormFile? file, ProjectsImportHandler h, CancellationToken ct) =>
                (await h.ImportFileAsync(kind, file, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsView)
            .DisableAntiforgery()
            .WithUploadLimit(UploadLimits.ImportKey, UploadLimits.ImportDefault, "导入文件")
            .WithName("ImportProjectData").WithSummary("导入项目库、资金下达、资金支付或资产台账（multipart：file）；任何一行有误则不写入，返回各行错误（第N行·列名）；已在系统中的行不变")
            .Accepts<IFormFile>("multipart/form-data");
    }

    /// <summary>The upload as the API takes it: the outcome as a 400 naming each bad row (第N行·列名) or the file's problem.</summary>
    public async Task<Outcome<ImportSummary>> ImportFileAsync(ImportKind kind, IFormFile? file, CancellationToken ct)
    {
        if (Enum.IsDefined(kind) && !user.Has(PermissionOf(kind))) return Failure.Forbidden($"您的角色不能导入{Labels.Of(kind)}");
        if (file is null || file.Length == 0) return Failure.Invalid("file", "请选择要导入的文件（.xlsx 或 .csv）");
        await using var stream = file.OpenReadStream();
        var outcome = await ImportAsync(kind, stream, ct);
        if (outcome.Summary is { } summary) return summary;
        if (outcome.FileError is { } message) return Failure.Invalid("file", message);
        return ImportErrors.AsFailure(outcome.Errors);
    }
}
