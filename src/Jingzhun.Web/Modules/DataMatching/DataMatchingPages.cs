using System.Globalization;
using Jingzhun.Web.Modules.DataMatching.MatchRosters;
using Jingzhun.Web.Modules.DataMatching.VerifyDoubts;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Jobs;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.DataMatching;

public static class MatchingFormat
{
    /// <summary>核实率 for display (the ranking compares the exact fractions).</summary>
    public static string Rate(DoubtTally t) => t.Found == 0 ? "—" : (t.VerifiedRate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}

/// <summary>大数据比对: 核实进度 by department and region, the batches, the upload form (county data staff) and the rules in force.</summary>
[Authorize(Permissions.MatchingView)]
public sealed class MatchingIndexModel(ManageRostersHandler rosters, VerifyDoubtsHandler doubts, PolicyStore policies, CurrentUser me, TimeProvider clock)
    : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }
    [BindProperty] public RosterKind? Kind { get; set; }
    [BindProperty] public string? Period { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public DoubtFigures? Figures { get; private set; }
    public PageResult<BatchRow>? Batches { get; private set; }
    public Rules.MatchThresholds Thresholds { get; private set; } = Rules.MatchThresholds.Example;
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public bool CanUpload => me.Has(Permissions.MatchingManage);

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var figures = await doubts.FiguresAsync(Region, ct);
        if (!figures.Succeeded) return NotFound();
        Figures = figures.Value;
        Batches = (await rosters.SearchAsync(new BatchQuery(Region, null, PageNumber, 20), ct)).Value;
        Thresholds = (await policies.InForceAsync<MatchingPolicy>(me.RegionCode ?? "", ChinaTime.Today(clock).Year, ct)).Thresholds;
        Period ??= $"{ChinaTime.Today(clock).Year}年{ChinaTime.Today(clock).Month}月";
        return Page();
    }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken ct)
    {
        if (!CanUpload) return Forbid();
        Errors = ModelState.BindingErrors();
        if (Errors.Count == 0)
        {
            var r = await rosters.UploadAsync(Upload, Kind, Period, null, ct);
            if (r.Succeeded)
            {
                TempData["Message"] = $"已上传 {r.Value!.KindLabel} {r.Value.Period}，正在后台比对";
                return Redirect($"/matching/batches/{r.Value.Id}");
            }
            Errors = FormErrors.FieldErrors(r.Failure!);
            Error = r.Failure!.Message;
        }
        else Error = FormErrors.FixAndRetry;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await LoadAsync(ct);
    }
}

/// <summary>One batch: its counts, the row errors, its 疑点 by status, 撤回 (county data staff); refreshes itself while matching.</summary>
[Authorize(Permissions.MatchingView)]
public sealed class MatchingBatchModel(ManageRostersHandler rosters, Jobs jobs, CurrentUser me) : PageModel
{
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int Version { get; set; }

    public BatchView? View { get; private set; }
    public JobView? Job { get; private set; }
    public string? Error { get; private set; }
    public bool CanWithdraw => me.Has(Permissions.MatchingManage) && View?.Batch.Status == BatchStatus.Done;

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var r = await rosters.GetAsync(id, ct);
        if (!r.Succeeded) return false;
        View = r.Value;
        if (View!.Batch.JobId is { } job) Job = await jobs.GetAsync(job, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostWithdrawAsync(long id, CancellationToken ct)
    {
        if (!me.Has(Permissions.MatchingManage)) return Forbid();
        var r = await rosters.WithdrawAsync(id, new WithdrawRequest(Reason, Version), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = $"已撤回该批部门数据：{r.Value!.Withdrawn} 个待核实疑点一并撤回" +
                (r.Value.KeptVerified > 0 ? $"，已核实的 {r.Value.KeptVerified} 个保留其结果" : "");
            return Redirect($"/matching/batches/{id}");
        }
        if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
        if (!await LoadAsync(id, ct)) return NotFound();
        Response.StatusCode = r.Failure.Kind == FailureKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        Error = r.Failure.Message;
        return Page();
    }
}

/// <summary>疑点清单 with filters; a village user lands on their 待核实 ones.</summary>
[Authorize(Permissions.MatchingView)]
public sealed class MatchingDoubtsModel(VerifyDoubtsHandler doubts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public DoubtStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public RosterKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public DoubtOutcome? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public long? BatchId { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Overdue { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public PageResult<DoubtRow>? Result { get; private set; }
    public string? Error { get; private set; }

    public string QueryString() => QueryStrings.Join(("region", Region), ("status", Status?.ToString()), ("kind", Kind?.ToString()),
        ("outcome", Outcome?.ToString()), ("batchId", BatchId?.ToString(CultureInfo.InvariantCulture)), ("overdue", Overdue == true ? "true" : null));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var errors = ModelState.BindingErrors();
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Error = string.Join("；", errors.SelectMany(e => e.Value));
            return Page();
        }
        var r = await doubts.SearchAsync(new DoubtQuery(Region, Status, Kind, Outcome, BatchId, null, Overdue, PageNumber, 50), ct);
        if (!r.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Error = r.Failure!.Message;
            return Page();
        }
        Result = r.Value;
        return Page();
    }
}

/// <summary>One 疑点 and its verification form (属实 / 不属实, 核实情况, photos): the same handler as the field app's sync.</summary>
[Authorize(Permissions.MatchingView)]
public sealed class MatchingDoubtModel(VerifyDoubtsHandler doubts, FileStore files) : PageModel
{
    [BindProperty] public bool? Confirmed { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public List<IFormFile> Photos { get; set; } = [];

    public DoubtView? View { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public const int MaxPhotos = VerifyDoubtsHandler.MaxPhotos;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var r = await doubts.GetAsync(id, ct);
        if (!r.Succeeded) return NotFound();
        View = r.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        var current = await doubts.GetAsync(id, ct);
        if (!current.Succeeded) return NotFound();
        Errors = ModelState.BindingErrors();
        Failure? failure = null;
        if (Errors.Count == 0)
        {
            var stored = await files.SavePhotosAsync(Photos, MaxPhotos, "核实照片", ct);
            var r = stored.Succeeded ? await doubts.VerifyAsync(id, new VerifyRequest(Confirmed, Note, stored.Value, Version), ct) : stored.Failure!;
            if (r.Succeeded)
            {
                var d = r.Value!.Doubt;
                TempData["Message"] = $"已核实：{d.StatusLabel}" + (d.LeadId is not null ? "，已登记防返贫风险线索" : d.ProblemId is not null ? "，已登记两不愁三保障问题"
                    : d.MemberRemoved ? $"，{d.MemberName} 已办理减员（死亡）" : d.Status == DoubtStatus.Confirmed && d.Outcome == DoubtOutcome.Eligibility
                        ? "，列入资格疑点（属实）清单，由县级研究处理" : "");
                return Redirect($"/matching/doubts/{id}");
            }
            failure = r.Failure;
            if (failure!.Kind == FailureKind.NotFound) return NotFound();
            Errors = FormErrors.FieldErrors(failure);
            Error = failure.Message;
        }
        else Error = FormErrors.FixAndRetry;
        View = (await doubts.GetAsync(id, ct)).Value;
        Response.StatusCode = failure?.Kind switch
        {
            FailureKind.Conflict => StatusCodes.Status409Conflict,
            FailureKind.Forbidden => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status400BadRequest,
        };
        return Page();
    }
}
