using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Projects.Assets;

/// <summary>The fields of the asset page's forms; each form uses its own.</summary>
public sealed class AssetInput
{
    public int Version { get; set; }
    public AssetStatus? Status { get; set; }
    public string? Custodian { get; set; }
    public string? Note { get; set; }
    public AssetCareKind? Kind { get; set; }
    public DateOnly? On { get; set; }
    public string? Finding { get; set; }
    public decimal? Cost { get; set; }
    public string? Reason { get; set; }
    public bool? Approve { get; set; }
    public int? Year { get; set; }
    public decimal? Amount { get; set; }
    public decimal? ToCollective { get; set; }
    public decimal? ToJobs { get; set; }
    public List<long> HouseholdIds { get; set; } = [];
    public long? IncomeId { get; set; }
    public DateOnly? PaidOn { get; set; }
}

/// <summary>
/// One asset: its facts, 管护 records and history; the township changes its status and custodian, records 管护 and asks
/// for disposal; the county decides the disposal; the yearly income's 分配方案 is proposed (what is left for households
/// shared equally among the chosen ones, to the fen), approved by someone else and paid.
/// </summary>
[Authorize(Permissions.ProjectsView)]
[Platform.Files.UploadLimit(Platform.Files.UploadLimits.FilesKey, Platform.Files.UploadLimits.FilesDefault * ManageAssetsHandler.MaxCarePhotos, "管护照片")]
public sealed class DetailModel(ManageAssetsHandler handler, Platform.Files.FileStore files, TimeProvider clock) : PageModel
{
    /// <summary>The 管护 record's photos (JPEG/PNG), stored before the record is saved.</summary>
    [BindProperty] public List<IFormFile> Photos { get; set; } = [];

    public AssetView View { get; private set; } = null!;
    [BindProperty] public AssetInput Input { get; set; } = new();
    [TempData] public string? Notice { get; set; }

    /// <summary>The form that failed: its fields are shown again with the errors.</summary>
    public string? Failed { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public DateOnly Today => ChinaTime.Today(clock);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostUpdateAsync(long id, CancellationToken ct) => RunAsync(id, "update", () =>
        handler.UpdateAsync(id, new UpdateAssetRequest(Input.Version, Input.Status, Blank(Input.Custodian), Blank(Input.Note)), ct),
        _ => "已保存资产状态与管护责任人", ct);

    public Task<IActionResult> OnPostCareAsync(long id, CancellationToken ct) => RunAsync(id, "care", async () =>
    {
        var ids = await files.SavePhotosAsync(Photos, ManageAssetsHandler.MaxCarePhotos, "管护照片", ct);
        if (!ids.Succeeded) return ids.Failure!;
        return await handler.AddCareAsync(id, new AddCareRequest(Input.Version, Input.Kind ?? 0, Input.On ?? default, Input.Finding ?? "", Input.Cost ?? 0, ids.Value), ct);
    }, v => Photos.Count > 0 ? $"已登记管护记录（照片{Photos.Count}张）" : "已登记管护记录", ct);

    public Task<IActionResult> OnPostDisposalAsync(long id, CancellationToken ct) => RunAsync(id, "disposal", () =>
        handler.RequestDisposalAsync(id, new RequestDisposalRequest(Input.Version, Input.Reason ?? ""), ct),
        _ => "已申请处置，待审批", ct);

    public Task<IActionResult> OnPostDecideAsync(long id, CancellationToken ct) => RunAsync(id, "decide", () =>
        handler.DecideDisposalAsync(id, new DecideDisposalRequest(Input.Version, Input.Approve, Blank(Input.Note)), ct),
        v => v.Asset.Status == AssetStatus.Disposed ? "已批准处置，资产记录保留" : "已退回处置申请", ct);

    public Task<IActionResult> OnPostIncomeAsync(long id, CancellationToken ct)
    {
        var amount = Input.Amount ?? 0;
        var collective = Input.ToCollective ?? 0;
        var jobs = Input.ToJobs ?? 0;
        var households = Input.HouseholdIds.Distinct().ToList();
        // What is left after the collective and the jobs is shared equally to the fen; nothing left, no household gets a share.
        var left = amount - collective - jobs;
        var shares = left > 0 ? AssetRules.EqualShares(left, households.Count) : [];
        var dividends = shares.Select((share, i) => new DividendLine(households[i], share)).ToList();
        return RunAsync(id, "income", () => handler.ProposeIncomeAsync(id, new ProposeIncomeRequest(Input.Year ?? 0, amount, collective, jobs, dividends), ct),
            _ => $"已登记{Input.Year}年收益及分配方案，待审批", ct);
    }

    public Task<IActionResult> OnPostApproveAsync(long id, CancellationToken ct) => RunAsync(id, "approve", async () =>
        await handler.ApproveIncomeAsync(Input.IncomeId ?? 0, new ApproveIncomeRequest(Input.Version), ct), _ => "已审批收益分配方案", ct);

    public async Task<IActionResult> OnPostPayAsync(long id, CancellationToken ct)
    {
        string? message = null;
        return await RunAsync(id, "pay", async () =>
        {
            var r = await handler.PayIncomeAsync(Input.IncomeId ?? 0, new PayIncomeRequest(Input.Version, Input.PaidOn ?? default), ct);
            if (!r.Succeeded) return r.Failure!;
            message = $"已发放收益，{r.Value.InIncome}户分红已计入当年财产性收入"
                + (r.Value.Pending > 0 ? $"；{r.Value.Pending}户尚无该年收入记录，采集收入时请计入资产收益分红" : "");
            return r.Value.View;
        }, _ => message!, ct);
    }

    private async Task<IActionResult> RunAsync(long id, string form, Func<Task<Outcome<AssetView>>> act, Func<AssetView, string> notice,
        CancellationToken ct)
    {
        Failed = form;
        Errors = ModelState.BindingErrors(nameof(Input));
        if (Errors.Count > 0) return await ShowAsync(id, null, ct);
        var r = await act();
        if (r.Succeeded)
        {
            Notice = notice(r.Value!);
            return Redirect($"/projects/assets/{id}");
        }
        return await ShowAsync(id, r.Failure, ct);
    }

    private async Task<IActionResult> ShowAsync(long id, Failure? failure, CancellationToken ct)
    {
        if (failure is { Kind: FailureKind.NotFound } && !await LoadAsync(id, ct)) return NotFound();
        Error = failure?.Message ?? FormErrors.FixAndRetry;
        if (failure is not null) Errors = FormErrors.FieldErrors(failure);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var r = await handler.GetAsync(id, ct);
        if (!r.Succeeded) return false;
        View = r.Value!;
        return true;
    }

    /// <summary>The value to show in a field: what was typed when this form failed, else nothing.</summary>
    public T? Typed<T>(string form, T? value) => Failed == form ? value : default;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
