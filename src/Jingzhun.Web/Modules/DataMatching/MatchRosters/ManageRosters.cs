using System.Security.Cryptography;
using System.Text.Json;
using Jingzhun.Web.Modules.DataMatching.Rules;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Jobs;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.DataMatching.MatchRosters;

public sealed record BatchQuery(string? Region, RosterKind? Kind, int? Page, int? PageSize);

public sealed record BatchRow(long Id, string RegionCode, string RegionName, RosterKind Kind, string KindLabel, string Department, string Period, string FileName,
    BatchStatus Status, string StatusLabel, int Rows, int Matched, int Unknown, int Invalid, int NewDoubts, int Repeated, DateTime CreatedAt, string CreatedBy,
    long? JobId, int Version);

public sealed record BatchView(BatchRow Batch, IReadOnlyList<string> Errors, string? WithdrawReason, DateTime? WithdrawnAt, string? WithdrawnBy,
    int Pending, int Confirmed, int Rejected, int Withdrawn);

public sealed record WithdrawRequest([property: Text(200, "撤回原因", typeof(RosterBatch), nameof(RosterBatch.WithdrawReason))] string? Reason, int Version);

public sealed record WithdrawResult(BatchView Batch, int Withdrawn, int KeptVerified);

/// <summary>The job's parameters: the batch and where its file waits (in this run's private temp folder, deleted once read).</summary>
public sealed record MatchJobParameters(long BatchId, string Path);

/// <summary>
/// 部门数据: upload (a county user, or a city or province office for its region), the match as a background job, the batches with
/// their counts, and 撤回 a batch (its 待核实 疑点 are withdrawn; verified ones keep what they produced).
/// </summary>
public sealed class ManageRostersHandler(AppDbContext db, Jobs jobs, PrivateTemp temp, RegionDirectory regions, CurrentUser user, TimeProvider clock,
    IConfiguration config)
{
    public const string JobKind = "matching.roster";
    public const string MaxBytesKey = "Matching:MaxBytes";
    public const long MaxBytesDefault = 200 * UploadLimits.Megabyte;
    private long MaxBytes => config.GetValue(MaxBytesKey, MaxBytesDefault);

    public static IReadOnlyList<(string Header, bool Required, string Hint)> TemplateColumns(RosterKind kind)
    {
        var c = MatchRules.Columns[kind];
        var required = MatchRosters.RosterMatcher.Required(kind);
        return [.. MatchRosters.RosterMatcher.Headers(kind).Select(h => (h, required.Contains(h), h switch
        {
            "身份证号码" => "18位（或15位）身份证号码：按身份证号码与建档立卡成员比对；库外人员只计数，不保存其号码",
            "姓名" => "供核对，比对不依赖姓名",
            "备注" => "部门说明，不参与比对",
            _ when h == c.Amount => "元，按原值比较，不四舍五入",
            _ when h == c.Category => c.Categories.Length > 0 ? "可填：" + string.Join("、", c.Categories) : "文字",
            _ when h == c.Date => "如 2026-11-30",
            _ => "",
        }))];
    }

    public static Task<IResult> TemplateAsync(RosterKind kind, CancellationToken ct) =>
        ImportLists.TemplateAsync(MatchRules.Columns[kind].Department + "数据", TemplateColumns(kind), $"部门数据模板_{Labels.Of(kind)}.xlsx", ct);

    private Outcome<string> RegionOf(string? code)
    {
        var c = string.IsNullOrWhiteSpace(code) ? user.RegionCode ?? "" : code.Trim();
        if (regions.Find(c) is not { Level: RegionLevel.Province or RegionLevel.City or RegionLevel.County })
            return Failure.Invalid("region", "比对地区应为区县（或市、省）");
        if (!user.CanSee(c)) return Failure.NotFound("该地区");
        return c;
    }

    public async Task<Outcome<BatchRow>> UploadAsync(IFormFile? file, RosterKind? kind, string? period, string? region, CancellationToken ct)
    {
        if (kind is not { } k || !Enum.IsDefined(k))
            return Failure.Invalid("kind", "请选择部门数据种类：" + string.Join("、", Labels.For<RosterKind>().Select(x => x.Label)));
        if (string.IsNullOrWhiteSpace(period)) return Failure.Invalid("period", "请填写数据期别（如 2026年11月）");
        if (period.Trim().Length > 40) return Failure.Invalid("period", "数据期别不能超过40个字");
        var place = RegionOf(region);
        if (!place.Succeeded) return place.Failure!;
        if (file is null || file.Length == 0) return Failure.Invalid("file", "请选择部门数据文件（Excel .xlsx 或 CSV，UTF-8 或 GBK 编码）");
        if (file.Length > MaxBytes) return Failure.Invalid("file", $"部门数据文件不能超过 {UploadLimits.Describe(MaxBytes)}");
        // The file waits in this run's private folder only until the job has read it; a restart removes it (the upload is then repeated).
        var path = temp.NewPath(".roster");
        string sha;
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            sha = await UploadCopy.CopyWithSha256Async(file, target, ct);
        var batch = RosterBatch.Upload(place.Value!, k, period, StoredFileNames.Normalize(file.FileName, "roster"), sha, clock.GetUtcNow().UtcDateTime,
            user.UserName);
        db.RosterBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        var job = await jobs.EnqueueAsync(JobKind, place.Value!, JsonSerializer.Serialize(new MatchJobParameters(batch.Id, path)), ct);
        // The job may already be running and have moved the batch on: its id is set beside the version, not through it.
        await db.RosterBatches.Where(b => b.Id == batch.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.JobId, job.Id), ct);
        db.Entry(batch).State = EntityState.Detached;
        batch.Queued(job.Id);
        return Row(batch);
    }

    public BatchRow Row(RosterBatch b) => new(b.Id, b.RegionCode, regions.ShortPath(b.RegionCode), b.Kind, Labels.Of(b.Kind), MatchRules.Columns[b.Kind].Department,
        b.Period, b.FileName, b.Status, Labels.Of(b.Status), b.Rows, b.Matched, b.Unknown, b.Invalid, b.NewDoubts, b.Repeated, b.CreatedAt, b.CreatedBy, b.JobId,
        b.Version);

    public async Task<Outcome<PageResult<BatchRow>>> SearchAsync(BatchQuery q, CancellationToken ct)
    {
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        if (q.Kind is { } k && !Enum.IsDefined(k)) return Failure.Invalid("kind", "部门数据种类无效");
        var query = db.RosterBatches.AsNoTracking();
        if (region.Value is { } code) query = query.InRegion(code);
        if (q.Kind is { } kind) query = query.Where(b => b.Kind == kind);
        var page = await query.OrderByDescending(b => b.Id).PageAsync(Paging.Of(q.Page, q.PageSize), ct);
        return page.Select(Row);
    }

    public async Task<Outcome<BatchView>> GetAsync(long id, CancellationToken ct)
    {
        var b = await db.RosterBatches.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (b is null) return Failure.NotFound("该批部门数据");
        // The batch's 疑点 across the villages of its region: counts only, read with the batch that is in scope.
        var counts = await db.Doubts.AcrossScopes("a batch's counts of 疑点 by status, read with the batch the user may see")
            .Where(d => d.BatchId == id).GroupBy(d => d.Status).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var errors = b.Errors is null ? [] : b.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new BatchView(Row(b), errors, b.WithdrawReason, b.WithdrawnAt, b.WithdrawnBy, counts.GetValueOrDefault(DoubtStatus.Pending),
            counts.GetValueOrDefault(DoubtStatus.Confirmed), counts.GetValueOrDefault(DoubtStatus.Rejected), counts.GetValueOrDefault(DoubtStatus.Withdrawn));
    }

    /// <summary>撤回: a batch sent in error (wrong month, wrong file). Its 待核实 疑点 are withdrawn; a later upload raises them again.</summary>
    public async Task<Outcome<WithdrawResult>> WithdrawAsync(long id, WithdrawRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var b = await db.RosterBatches.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (b is null) return Failure.NotFound("该批部门数据");
        if (b.Version != r.Version) return Failure.StaleEdit("该批部门数据", b.UpdatedBy, b.UpdatedAt);
        if (b.Status == BatchStatus.Withdrawn) return Failure.Conflict("该批部门数据已撤回");
        if (b.Status == BatchStatus.Matching) return Failure.Conflict("该批部门数据正在比对，请比对完成后再撤回");
        if (string.IsNullOrWhiteSpace(r.Reason) || r.Reason.Trim().Length < 2) return Failure.Invalid("reason", "请填写撤回原因");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var pending = await db.Doubts.AcrossScopes("withdrawing a batch the user may see withdraws its 疑点 in every village of it")
            .Where(d => d.BatchId == id && d.Status == DoubtStatus.Pending).ToListAsync(ct);
        foreach (var d in pending) d.Withdraw(now, user.UserName);
        b.Withdraw(r.Reason, now, user.UserName);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var view = (await GetAsync(id, ct)).Value!;
        return new WithdrawResult(view, pending.Count, view.Confirmed + view.Rejected);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/matching/batches").WithTags("大数据比对");
        g.MapGet("", async ([AsParameters] BatchQuery q, ManageRostersHandler h, CancellationToken ct) => (await h.SearchAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MatchingView).WithName("SearchRosterBatches").WithSummary("部门数据批次（筛选 region、kind）");
        g.MapGet("/{id:long}", async (long id, ManageRostersHandler h, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MatchingView).WithName("GetRosterBatch").WithSummary("部门数据批次：比对结果和疑点核实进度");
        g.MapPost("", async ([FromForm] IFormFile? file, [FromForm] RosterKind? kind, [FromForm] string? period, [FromForm] string? region,
                    ManageRostersHandler h, CancellationToken ct) =>
                (await h.UploadAsync(file, kind, period, region, ct)).ToHttp(b => TypedResults.Accepted($"/api/v1/matching/batches/{b.Id}", b)))
            .RequireAuthorization(Permissions.MatchingManage)
            .DisableAntiforgery()
            .WithUploadLimit(MaxBytesKey, MaxBytesDefault, "部门数据文件")
            .WithName("UploadRoster").WithSummary("上传部门数据（multipart：file、kind、period、region），后台比对").Accepts<IFormFile>("multipart/form-data");
        g.MapPost("/{id:long}/withdraw", async (long id, WithdrawRequest r, ManageRostersHandler h, CancellationToken ct) =>
                (await h.WithdrawAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MatchingManage).WithName("WithdrawRosterBatch").WithSummary("撤回一批部门数据：其待核实疑点一并撤回");
        api.MapGet("/matching/templates/{kind}", async (string kind, CancellationToken ct) =>
                Labels.TryParse<RosterKind>(kind, out var k) || (Enum.TryParse(kind, true, out k) && Enum.IsDefined(k))
                    ? await TemplateAsync(k, ct) : Failure.Invalid("kind", "部门数据种类无效").ToProblem())
            .RequireAuthorization(Permissions.MatchingManage).ProducesFile().WithTags("大数据比对").WithName("RosterTemplate").WithSummary("部门数据模板（Excel）");
    }
}

/// <summary>The match of one uploaded roster: reads the file once, deletes it, and saves the 疑点 with the batch's counts in one transaction.</summary>
public sealed class MatchRosterJob(AppDbContext db, RosterMatcher matcher, PrivateTemp temp, IConfiguration config, JobLiveProgress live, TimeProvider clock,
    ILogger<MatchRosterJob> log) : IJobHandler
{
    public string Kind => ManageRostersHandler.JobKind;

    public async Task<string> RunAsync(Job job, IJobProgress progress, CancellationToken ct)
    {
        var p = JsonSerializer.Deserialize<MatchJobParameters>(job.Parameters)!;
        var batch = await db.RosterBatches.FirstOrDefaultAsync(b => b.Id == p.BatchId, ct)
            ?? throw new InvalidOperationException("该批部门数据已不存在");
        if (batch.Status != BatchStatus.Matching) return $"该批已{Labels.Of(batch.Status)}";
        if (!File.Exists(p.Path))
        {
            batch.Fail("部门数据文件已不在服务器上（服务重启后未比对的文件会被删除），请重新上传", clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            throw new InvalidOperationException(batch.Errors);
        }
        MatchCounts counts;
        await using (var file = PrivateTemp.OpenForSending(p.Path))
        {
            try
            {
                var length = file.Length;
                var rows = TableFileReader.Read(file, RosterMatcher.LayoutOf(batch.Kind), ct, XlsxLimits.From(config), temp.Folder);
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                counts = await matcher.MatchAsync(batch, rows, n =>
                {
                    var percent = length > 0 ? (int)(1000L * file.Position / length) : 0;
                    live.Report(job.Id, percent, 1000, $"已比对 {n:N0} 行");
                }, ct);
                batch.Finish(counts.Rows, counts.Matched, counts.Unknown, counts.Invalid, counts.NewDoubts, counts.Repeated,
                    counts.Errors.Count == 0 ? null : string.Join('\n', counts.Errors), clock.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (UnreadableFileException e)
            {
                await FailAsync(batch.Id, e.Message, ct);
                throw new InvalidOperationException(e.Message);
            }
            catch (OperationCanceledException)
            {
                await FailAsync(batch.Id, "比对已取消，未生成任何疑点", CancellationToken.None);
                throw;
            }
            catch (Exception e)
            {
                log.LogError(e, "部门数据比对 {Id} 出错", batch.Id);
                await FailAsync(batch.Id, "比对失败：服务器处理该文件时出错，未生成任何疑点。请检查文件后重新上传，或联系系统管理员查看日志", ct);
                throw new InvalidOperationException("比对失败，未生成任何疑点");
            }
        }
        return $"共 {counts.Rows:N0} 行：比中在册成员 {counts.Matched:N0} 人，库外 {counts.Unknown:N0} 人（不保存），号码有误 {counts.Invalid:N0} 行；" +
            $"新疑点 {counts.NewDoubts:N0} 个，此前批次已有 {counts.Repeated:N0} 个";
    }

    private async Task FailAsync(long batchId, string message, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var b = await db.RosterBatches.FirstAsync(x => x.Id == batchId, ct);
        b.Fail(message, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }
}
