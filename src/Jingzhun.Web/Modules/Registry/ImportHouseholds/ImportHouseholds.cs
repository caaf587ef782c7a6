using System.Security.Cryptography;
using System.Text.Json;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry.Transfer;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Excel;
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
/// Where imports keep their files: the original upload (kept for the record), the result and the error workbook,
/// in a folder per import under Files:Path/imports.
/// </summary>
public sealed class ImportFiles(IConfiguration config, IWebHostEnvironment env)
{
    public string Root => Path.Combine(Path.GetFullPath(config["Files:Path"] ?? "data/files", env.ContentRootPath), "imports");

    public string Folder(string name) => Path.Combine(Root, name);
    public static string Original(string folder) => Path.Combine(folder, "original");
    public static string Result(string folder) => Path.Combine(folder, "result.json");
    public static string Errors(string folder) => Path.Combine(folder, "errors.xlsx");
}

/// <summary>导入户籍档案: upload → background job → result and error workbook.</summary>
public sealed class ImportHouseholdsHandler(Jobs jobs, ImportFiles files, RegionDirectory regions, CurrentUser user, IConfiguration config)
{
    public const string JobKind = "registry.import";
    private long MaxBytes => config.GetValue("Import:MaxBytes", 2L * 1024 * 1024 * 1024);

    public async Task<Outcome<ImportStarted>> StartAsync(IFormFile? file, string? region, ImportMode mode, bool dryRun, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return Failure.Invalid("file", "请选择要导入的文件（Excel .xlsx 或 CSV）");
        if (file.Length > MaxBytes) return Failure.Invalid("file", $"文件不能超过 {MaxBytes / 1024 / 1024} MB");
        var code = string.IsNullOrWhiteSpace(region) ? user.RegionCode ?? "" : region.Trim();
        if (code != "" && (!RegionCodes.IsValid(code) || regions.Find(code) is null)) return Failure.Invalid("region", "区划代码无效");
        if (!user.CanSee(code)) return Failure.Invalid("region", "导入的地区不在您的管辖范围内");
        if (!Enum.IsDefined(mode)) return Failure.Invalid("mode", "导入方式无效");

        var name = $"{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid():N}";
        var folder = files.Folder(name);
        Directory.CreateDirectory(folder);
        string sha;
        await using (var target = File.Create(ImportFiles.Original(folder)))
        {
            await using var source = file.OpenReadStream();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 16];
            int n;
            while ((n = await source.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, n);
                await target.WriteAsync(buffer.AsMemory(0, n), ct);
            }
            sha = Convert.ToHexString(hash.GetHashAndReset());
        }
        var fileName = Path.GetFileName(file.FileName);
        var parameters = new ImportParameters(name, fileName.Length > 200 ? fileName[..200] : fileName, sha, mode, dryRun, user.Id);
        var job = await jobs.EnqueueAsync(JobKind, code, JsonSerializer.Serialize(parameters), ct);
        return new ImportStarted(job.Id, $"/api/v1/jobs/{job.Id}", $"/api/v1/registry/import/{job.Id}");
    }

    public async Task<Outcome<ImportStatus>> StatusAsync(long id, CancellationToken ct)
    {
        var job = await jobs.GetAsync(id, ct);
        if (job is null || job.Kind != JobKind) return Failure.NotFound("该导入任务");
        return new ImportStatus(job, await ReadResultAsync(id, ct));
    }

    private async Task<ImportOutcome?> ReadResultAsync(long id, CancellationToken ct)
    {
        var folder = await FolderOfAsync(id, ct);
        if (folder is null || !File.Exists(ImportFiles.Result(folder))) return null;
        await using var s = File.OpenRead(ImportFiles.Result(folder));
        return await JsonSerializer.DeserializeAsync<ImportOutcome>(s, JsonOptions, ct);
    }

    private async Task<string?> FolderOfAsync(long id, CancellationToken ct)
    {
        var p = await jobs.ParametersAsync(id, JobKind, ct);
        return p is null ? null : files.Folder(JsonSerializer.Deserialize<ImportParameters>(p)!.Folder);
    }

    public async Task<IResult> ErrorWorkbookAsync(long id, CancellationToken ct)
    {
        var folder = await FolderOfAsync(id, ct);
        if (folder is null || !File.Exists(ImportFiles.Errors(folder))) return Failure.NotFound("该导入任务的错误清单").ToProblem();
        return TypedResults.PhysicalFile(ImportFiles.Errors(folder), ExcelFile.ContentType, $"导入错误清单_{id}.xlsx");
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
            .RequireAuthorization(Permissions.RegistryEdit)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(2L * 1024 * 1024 * 1024), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = 2L * 1024 * 1024 * 1024 })
            .WithName("ImportHouseholds").WithSummary("导入户籍档案（multipart：file、region、mode=All|Valid、dryRun），返回后台任务").Accepts<IFormFile>("multipart/form-data");
        g.MapGet("/import/{id:long}", async (long id, ImportHouseholdsHandler handler, CancellationToken ct) =>
                (await handler.StatusAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryEdit)
            .WithName("GetImport").WithSummary("导入任务的进度与结果（计数、错误）");
        g.MapGet("/import/{id:long}/errors", async (long id, ImportHouseholdsHandler handler, CancellationToken ct) =>
                await handler.ErrorWorkbookAsync(id, ct))
            .RequireAuthorization(Permissions.RegistryEdit)
            .WithName("GetImportErrors").WithSummary("错误清单（原始行 + 行号 + 错误信息）");
        g.MapGet("/import/template", async (CancellationToken ct) => await RegistryTemplate.ResultAsync(ct))
            .RequireAuthorization(Permissions.RegistryView)
            .WithName("GetImportTemplate").WithSummary("导入模板（Excel，含代码下拉和示例行）");
    }
}

/// <summary>Runs an import in the background (one transaction; progress in memory, see <see cref="JobLiveProgress"/>).</summary>
public sealed class ImportHouseholdsJob(RegistryImporter importer, ImportFiles files, JobLiveProgress live) : IJobHandler
{
    public string Kind => ImportHouseholdsHandler.JobKind;

    public async Task<string> RunAsync(Job job, IJobProgress progress, CancellationToken ct)
    {
        var p = JsonSerializer.Deserialize<ImportParameters>(job.Parameters)!;
        var folder = files.Folder(p.Folder);
        ImportResult result;
        try
        {
            // Live first, then the table's flag: a cancel request lands in one or the other.
            live.Report(job.Id, 0, 0, "正在读取文件…");
            await progress.ReportAsync(0, 0, "正在读取文件…", ct);
            await using var stream = File.OpenRead(ImportFiles.Original(folder));
            result = await importer.RunAsync(stream, new ImportOptions(job.RegionCode, p.Mode, p.DryRun, job.CreatedBy, p.UserId, p.FileName, p.Sha256),
                x =>
                {
                    if (live.CancelRequested(job.Id)) throw new OperationCanceledException("导入已取消");
                    var percent = x.BytesTotal > 0 ? (int)(1000L * x.BytesRead / x.BytesTotal) : 0;
                    live.Report(job.Id, percent, x.BytesTotal > 0 ? 1000 : 0, $"已读取 {x.Read} 行，已校验 {x.Validated} 行，已写入 {x.Written} 行");
                }, ct);
        }
        finally
        {
            live.End(job.Id);
        }
        var outcome = new ImportOutcome(result.Summary(), result.Written, result.DryRun, result.Mode, result.FileError, result.Counts,
            result.Errors.Take(500).ToList(), result.ErrorRows.Count > 0 ? $"/api/v1/registry/import/{job.Id}/errors" : null);
        if (result.ErrorRows.Count > 0) await WriteErrorWorkbookAsync(ImportFiles.Errors(folder), result, ct);
        await File.WriteAllTextAsync(ImportFiles.Result(folder), JsonSerializer.Serialize(outcome, ImportHouseholdsHandler.JsonOptions), ct);
        await progress.ReportAsync(result.Counts.Rows, result.Counts.Rows, null, ct);
        return result.Summary().Length > 1000 ? result.Summary()[..1000] : result.Summary();
    }

    /// <summary>The erroneous rows as they were in the file, with their row number and every error of the row.</summary>
    public static async Task WriteErrorWorkbookAsync(string path, ImportResult result, CancellationToken ct)
    {
        var byRow = result.Errors.GroupBy(e => e.Row).ToDictionary(g => g.Key, g => string.Join("；", g.Select(e => $"[{e.Column}] {e.Message}")));
        var rows = result.ErrorRows.OrderBy(r => r.Row).Select(r => RegistryWorkbook.AsCells(r.Fields,
        [
            new(RegistryColumns.RowNumber, r.Row),
            new(RegistryColumns.Errors, byRow.GetValueOrDefault(r.Row, "")),
        ]));
        await using var file = File.Create(path);
        await MiniExcel.SaveAsAsync(file, rows, sheetName: "错误清单", excelType: ExcelType.XLSX, cancellationToken: ct);
    }
}
