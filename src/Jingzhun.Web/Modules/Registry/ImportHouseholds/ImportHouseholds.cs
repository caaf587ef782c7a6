using System.Security.Cryptography;
using System.Text.Json;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry.Transfer;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Protection;
using Jingzhun.Web.Platform.Jobs;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Mvc;
using MiniExcel = MiniExcelLibs.MiniExcel;
using ExcelType = MiniExcelLibs.ExcelType;

namespace Jingzhun.Web.Modules.Registry.ImportHouseholds;

public sealed record ImportParameters(string Folder, string FileName, string Sha256, ImportMode Mode, bool DryRun, string? UserId);

public sealed record ImportStarted(long JobId, string StatusUrl, string ResultUrl);

/// <summary>The import's answer once finished: counts, the first errors, and where the error workbook is.</summary>
public sealed record ImportOutcome(string Summary, bool Written, bool DryRun, ImportMode Mode, string? FileError, ImportCounts Counts,
    IReadOnlyList<RowError> Errors, string? ErrorWorkbookUrl);

public sealed record ImportStatus(JobView Job, ImportOutcome? Result);

/// <summary>
/// Where imports keep their files: the original upload (kept for the record), the result and the error workbooks,
/// in a folder per import under Files:Path/imports, all encrypted at rest (<see cref="KeptFileProtector"/>) and
/// deleted after Import:KeepDays (default 30) by <see cref="ImportFilesCleanup"/> (docs/adr/0003).
/// </summary>
public sealed class ImportFiles(IConfiguration config, IWebHostEnvironment env)
{
    public string Root => Path.Combine(Path.GetFullPath(config["Files:Path"] ?? "data/files", env.ContentRootPath), "imports");

    public int KeepDays => Math.Max(1, config.GetValue("Import:KeepDays", 30));

    public string Folder(string name) => Path.Combine(Root, name);
    public static string Original(string folder) => Path.Combine(folder, "original");
    public static string Result(string folder) => Path.Combine(folder, "result.json");
    /// <summary>The error workbook with the rows as they were (full ID numbers), for users with the reveal permission.</summary>
    public static string Errors(string folder) => Path.Combine(folder, "errors.xlsx");
    /// <summary>The same workbook with ID numbers masked, for everyone else.</summary>
    public static string MaskedErrors(string folder) => Path.Combine(folder, "errors-masked.xlsx");
}

/// <summary>An import that could not run; the message is Chinese and becomes the job's error (状态 失败).</summary>
public sealed class ImportFailedException(string message) : Exception(message);

/// <summary>导入户籍档案: upload → background job → result and error workbook.</summary>
public sealed partial class ImportHouseholdsHandler(Jobs jobs, ImportFiles files, KeptFileProtector kept, RegionDirectory regions, CurrentUser user,
    IConfiguration config)
{
    public const string JobKind = "registry.import";
    private long MaxBytes => config.GetValue(UploadLimits.ImportKey, UploadLimits.ImportDefault);

    public async Task<Outcome<ImportStarted>> StartAsync(IFormFile? file, string? region, ImportMode mode, bool dryRun, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return Failure.Invalid("file", "请选择要导入的文件（Excel .xlsx 或 CSV）");
        if (file.Length > MaxBytes) return Failure.Invalid("file", $"导入文件不能超过 {UploadLimits.Describe(MaxBytes)}");
        var code = string.IsNullOrWhiteSpace(region) ? user.RegionCode ?? "" : region.Trim();
        if (code != "" && (!RegionCodes.IsValid(code) || regions.Find(code) is null)) return Failure.Invalid("region", "区划代码无效");
        if (!user.CanSee(code)) return Failure.Invalid("region", "导入的地区不在您的管辖范围内");
        if (!Enum.IsDefined(mode)) return Failure.Invalid("mode", "导入方式无效");

        var name = $"{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid():N}";
        var folder = files.Folder(name);
        PrivateTemp.CreatePrivate(files.Root);
        PrivateTemp.CreatePrivate(folder);
        string sha;
        await using (var target = kept.Create(ImportFiles.Original(folder))) sha = await UploadCopy.CopyWithSha256Async(file, target, ct);
        var fileName = StoredFileNames.Normalize(file.FileName, "import");
        var parameters = new ImportParameters(name, fileName, sha, mode, dryRun, user.Id);
        var job = await jobs.EnqueueAsync(JobKind, code, JsonSerializer.Serialize(parameters), ct);
        return new ImportStarted(job.Id, $"/api/v1/jobs/{job.Id}", $"/api/v1/registry/import/{job.Id}");
    }

    public async Task<Outcome<ImportStatus>> StatusAsync(long id, CancellationToken ct)
    {
        var job = await jobs.GetAsync(id, ct);
        if (job is null || job.Kind != JobKind) return Failure.NotFound("该导入任务");
        var result = await ReadResultAsync(id, ct);
        if (result is not null && !user.Has(Permissions.RegistryRevealId))
            result = result with { Errors = result.Errors.Select(e => e with { Message = MaskIdNumbers(e.Message) }).ToList() };
        return new ImportStatus(job, result);
    }

    private async Task<ImportOutcome?> ReadResultAsync(long id, CancellationToken ct)
    {
        var folder = await FolderOfAsync(id, ct);
        if (folder is null || !File.Exists(ImportFiles.Result(folder))) return null;
        await using var s = kept.OpenRead(ImportFiles.Result(folder));
        return await JsonSerializer.DeserializeAsync<ImportOutcome>(s, JsonOptions, ct);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![0-9])([0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9Xx])")]
    private static partial System.Text.RegularExpressions.Regex IdNumberPattern();

    /// <summary>Every ID number in a text masked the registry's way (a household number, 16 digits, is not one).</summary>
    public static string MaskIdNumbers(string text) =>
        IdNumberPattern().Replace(text, m => Rules.IdNumberRule.Mask(m.Value.ToUpperInvariant()));

    private async Task<string?> FolderOfAsync(long id, CancellationToken ct)
    {
        var p = await jobs.ParametersAsync(id, JobKind, ct);
        return p is null ? null : files.Folder(JsonSerializer.Deserialize<ImportParameters>(p)!.Folder);
    }

    /// <summary>The error workbook; ID numbers masked unless the user may reveal them.</summary>
    public async Task<IResult> ErrorWorkbookAsync(long id, CancellationToken ct)
    {
        var folder = await FolderOfAsync(id, ct);
        var path = folder is null ? null : user.Has(Permissions.RegistryRevealId) ? ImportFiles.Errors(folder) : ImportFiles.MaskedErrors(folder);
        if (path is null || !File.Exists(path)) return Failure.NotFound("该导入任务的错误清单").ToProblem();
        return TypedResults.Stream(kept.OpenRead(path), ExcelFile.ContentType, $"导入错误清单_{id}.xlsx");
    }

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/registry").WithTags("导入导出");
        g.MapPost("/import", async ([FromForm] IFormFile? file, [FromForm] string? region, [FromForm] ImportMode? mode, [FromForm] bool? dryRun,
                    ImportHouseholdsHandler handler, CancellationToken ct) =>
                (await handler.StartAsync(file, region, mode ?? ImportMode.All, dryRun ?? false, ct))
                .ToHttp(r => TypedResults.Accepted(r.ResultUrl, r)))
            .RequireAuthorization(Permissions.RegistryImport)
            .DisableAntiforgery()
            .WithUploadLimit(UploadLimits.ImportKey, UploadLimits.ImportDefault, "导入文件")
            .WithName("ImportHouseholds").WithSummary("导入户籍档案（multipart：file、region、mode=All|Valid、dryRun），返回后台任务").Accepts<IFormFile>("multipart/form-data");
        g.MapGet("/import/{id:long}", async (long id, ImportHouseholdsHandler handler, CancellationToken ct) =>
                (await handler.StatusAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryImport)
            .WithName("GetImport").WithSummary("导入任务的进度与结果（计数、错误）");
        g.MapGet("/import/{id:long}/errors", async (long id, ImportHouseholdsHandler handler, CancellationToken ct) =>
                await handler.ErrorWorkbookAsync(id, ct))
            .RequireAuthorization(Permissions.RegistryImport)
            .ProducesFile().WithName("GetImportErrors").WithSummary("错误清单（原始行 + 行号 + 错误信息）");
        g.MapGet("/import/template", async (CancellationToken ct) => await RegistryTemplate.ResultAsync(ct))
            .RequireAuthorization(Permissions.RegistryView)
            .ProducesFile().WithName("GetImportTemplate").WithSummary("导入模板（Excel，含代码下拉和示例行）");
    }
}

/// <summary>Runs an import in the background (one transaction; progress in memory, see <see cref="JobLiveProgress"/>).</summary>
public sealed class ImportHouseholdsJob(RegistryImporter importer, ImportFiles files, KeptFileProtector kept, JobLiveProgress live,
    ILogger<ImportHouseholdsJob> log) : IJobHandler
{
    public string Kind => ImportHouseholdsHandler.JobKind;

    public async Task<string> RunAsync(Job job, IJobProgress progress, CancellationToken ct)
    {
        var p = JsonSerializer.Deserialize<ImportParameters>(job.Parameters)!;
        var folder = files.Folder(p.Folder);
        if (!File.Exists(ImportFiles.Original(folder)))
            throw new ImportFailedException("导入文件已不在服务器上（已超过保留期限被删除，或预检已结束），请重新上传");
        ImportResult result;
        try
        {
            // Live first, then the table's flag: a cancel request lands in one or the other.
            live.Report(job.Id, 0, 0, "正在读取文件…");
            await progress.ReportAsync(0, 0, "正在读取文件…", ct);
            await using var stream = kept.OpenRead(ImportFiles.Original(folder));
            result = await importer.RunAsync(stream, new ImportOptions(job.RegionCode, p.Mode, p.DryRun, job.CreatedBy, p.UserId, p.FileName, p.Sha256),
                x =>
                {
                    if (live.CancelRequested(job.Id)) throw new OperationCanceledException("导入已取消");
                    var percent = x.BytesTotal > 0 ? (int)(1000L * x.BytesRead / x.BytesTotal) : 0;
                    live.Report(job.Id, percent, x.BytesTotal > 0 ? 1000 : 0, $"已读取 {x.Read} 行，已校验 {x.Validated} 行，已写入 {x.Written} 行");
                }, ct);
        }
        catch (UnreadableFileException e)
        {
            throw new ImportFailedException(e.Message);
        }
        catch (Exception e) when (e is not (OperationCanceledException or ImportFailedException))
        {
            // Never an English exception text for the user: the details go to the log.
            log.LogError(e, "导入任务 {Id} 出错", job.Id);
            throw new ImportFailedException("导入失败：服务器处理该文件时出错，未写入任何数据。请检查文件后重试，或联系系统管理员查看日志");
        }
        finally
        {
            live.End(job.Id);
            // A dry run keeps nothing of the upload.
            if (p.DryRun) TryDelete(ImportFiles.Original(folder));
        }
        var outcome = new ImportOutcome(result.Summary(), result.Written, result.DryRun, result.Mode, result.FileError, result.Counts,
            result.Errors.Take(500).ToList(), result.ErrorRows.Count > 0 ? $"/api/v1/registry/import/{job.Id}/errors" : null);
        try
        {
            if (result.ErrorRows.Count > 0)
            {
                await WriteErrorWorkbookAsync(ImportFiles.Errors(folder), result, masked: false, ct);
                await WriteErrorWorkbookAsync(ImportFiles.MaskedErrors(folder), result, masked: true, ct);
            }
            await kept.WriteAllBytesAsync(ImportFiles.Result(folder), JsonSerializer.SerializeToUtf8Bytes(outcome, ImportHouseholdsHandler.JsonOptions), ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogError(e, "导入任务 {Id} 的结果无法保存", job.Id);
            throw new ImportFailedException($"{(result.Written ? "数据已导入，但" : "")}导入结果和错误清单无法保存到服务器（磁盘或目录问题），请联系系统管理员查看日志");
        }
        // A file that could not be read is a failed import (状态 失败), with the Chinese reason as the job's error.
        if (result.FileError is not null) throw new ImportFailedException(result.FileError);
        await progress.ReportAsync(result.Counts.Rows, result.Counts.Rows, null, ct);
        return result.Summary().Length > 1000 ? result.Summary()[..1000] : result.Summary();
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private Task WriteErrorWorkbookAsync(string path, ImportResult result, bool masked, CancellationToken ct) =>
        kept.WriteAsync(path, file => WriteErrorWorkbookAsync(file, result, masked, ct));

    /// <summary>The erroneous rows as they were in the file, with their row number and every error of the row (ID numbers masked if asked).</summary>
    public static async Task WriteErrorWorkbookAsync(Stream file, ImportResult result, bool masked, CancellationToken ct)
    {
        var id = RegistryColumns.IndexOf(RegistryColumns.IdNumber);
        var byRow = result.Errors.GroupBy(e => e.Row).ToDictionary(g => g.Key, g => string.Join("；", g.Select(e => $"[{e.Column}] {e.Message}")));
        // The cells named by an error are filled red (columns: 行号, 错误说明, then the file's columns).
        var columns = RegistryWorkbook.AsCells(new string[RegistryColumns.Headers.Length], [new(RegistryColumns.RowNumber, null), new(RegistryColumns.Errors, null)]).Keys.ToList();
        var badColumns = result.Errors.GroupBy(e => e.Row).ToDictionary(g => g.Key, g => g.Select(e => columns.IndexOf(e.Column)).Where(i => i >= 0).ToList());
        var bad = result.ErrorRows.OrderBy(r => r.Row).SelectMany((r, i) => badColumns.GetValueOrDefault(r.Row, []).Select(c => (i, c))).ToHashSet();
        var rows = result.ErrorRows.OrderBy(r => r.Row).Select(r =>
        {
            var fields = r.Fields;
            var errors = byRow.GetValueOrDefault(r.Row, "");
            if (masked)
            {
                fields = (string[])fields.Clone();
                fields[id] = fields[id].Trim() is { Length: > 0 } v ? Rules.IdNumberRule.Mask(v.ToUpperInvariant()) : "";
                errors = ImportHouseholdsHandler.MaskIdNumbers(errors);
            }
            return RegistryWorkbook.AsCells(fields, [new(RegistryColumns.RowNumber, r.Row), new(RegistryColumns.Errors, errors)]);
        });
        using var plain = new MemoryStream();
        await MiniExcel.SaveAsAsync(plain, rows, sheetName: "错误清单", excelType: ExcelType.XLSX, cancellationToken: ct);
        plain.Position = 0;
        // No title row: the corrected list is imported again, its first row being the column names.
        Platform.Excel.ExcelPrint.Apply(plain, file, new Platform.Excel.ExcelPrintLayout(null, bad));
    }
}
