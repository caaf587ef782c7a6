using Jingzhun.Web.Modules.Projects.ManageFunds;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Projects.ManageProjects;

/// <summary>The fields of every step's form; only those of <see cref="Step"/> are used.</summary>
public sealed class ProjectStepInput
{
    public ProjectStep Step { get; set; }
    public int Version { get; set; }
    public string? Note { get; set; }
    public int? Progress { get; set; }
    public AcceptanceResult? Result { get; set; }
    public DateOnly? PlannedEnd { get; set; }
    public string? Reason { get; set; }
    public AssetRecipient? Recipient { get; set; }
    public PerformanceGrade? Grade { get; set; }
    // 资产移交: the one asset the form names (the API takes several); left blank, or handed to the households (one 到户类
    // asset each), the project's own value makes them.
    public string? AssetName { get; set; }
    public Assets.AssetClass? AssetClass { get; set; }
    public decimal? AssetQuantity { get; set; }
    public string? AssetUnit { get; set; }
    public decimal? AssetValue { get; set; }
    public string? AssetCustodian { get; set; }
}

/// <summary>The money forms: 资金分配 (allocation, amount) and 资金支付 (allocation, day, amount, voucher, payee).</summary>
public sealed class FundsInput
{
    public long? AllocationId { get; set; }
    public decimal? Amount { get; set; }
    public DateOnly? PaidOn { get; set; }
    public string? VoucherNumber { get; set; }
    public string? Payee { get; set; }
}

[Authorize(Permissions.ProjectsView)]
[Platform.Files.UploadLimit(Platform.Files.UploadLimits.FilesKey, Platform.Files.UploadLimits.FilesDefault * ManageProjectsHandler.MaxStepPhotos, "现场照片")]
public sealed class DetailModel(ManageProjectsHandler handler, ManageFundsHandler funds, Platform.Files.FileStore files, CurrentUser me, TimeProvider clock) : PageModel
{
    /// <summary>开工, 报进度, 竣工: the site's photos (JPEG/PNG), stored before the step is saved.</summary>
    [BindProperty] public List<IFormFile> Photos { get; set; } = [];

    public ProjectView View { get; private set; } = null!;
    [BindProperty] public ProjectStepInput Input { get; set; } = new();
    [BindProperty] public FundsInput Money { get; set; } = new();
    [TempData] public string? Notice { get; set; }

    /// <summary>The form that failed ("step:Review", "assign", "pay"): its fields are shown again with the errors.</summary>
    public string? Failed { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public IReadOnlyList<AllocationRow> Allocations { get; private set; } = [];
    public bool CanManageFunds => me.Has(Permissions.FundsManage);
    public DateOnly Today => ChinaTime.Today(clock);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        Failed = "step:" + Input.Step;
        Errors = ModelState.BindingErrors(nameof(Input));
        if (Errors.Count > 0) return await ShowAsync(id, null, ct);
        var stored = await files.SavePhotosAsync(Photos, ManageProjectsHandler.MaxStepPhotos, "现场照片", ct);
        if (!stored.Succeeded) return await ShowAsync(id, stored.Failure, ct);
        var photoIds = stored.Value!;
        var r = await handler.StepAsync(id, new ProjectStepRequest(Input.Step, Input.Version, Blank(Input.Note), Input.Progress, Input.Result,
            Input.PlannedEnd, Blank(Input.Reason), Input.Recipient, Input.Grade, AssetLines(), photoIds), ct);
        if (r.Succeeded)
        {
            Notice = $"已{Labels.Of(Input.Step)}，项目当前为“{Labels.Of(r.Value!.Project.Stage)}”" + (photoIds.Count > 0 ? $"（现场照片{photoIds.Count}张）" : "");
            return Redirect($"/projects/{id}");
        }
        return await ShowAsync(id, r.Failure, ct);
    }

    public async Task<IActionResult> OnPostAssignAsync(long id, CancellationToken ct)
    {
        if (!CanManageFunds) return Forbid();
        Failed = "assign";
        Errors = ModelState.BindingErrors(nameof(Money));
        if (Errors.Count > 0) return await ShowAsync(id, null, ct);
        var r = await funds.AssignAsync(id, new AssignFundsRequest(Money.AllocationId ?? 0, Money.Amount ?? 0), ct);
        if (r.Succeeded)
        {
            Notice = $"已分配资金 {ProjectPages.Yuan(Money.Amount ?? 0)} 元";
            return Redirect($"/projects/{id}");
        }
        return await ShowAsync(id, r.Failure, ct);
    }

    public async Task<IActionResult> OnPostPayAsync(long id, CancellationToken ct)
    {
        if (!CanManageFunds) return Forbid();
        Failed = "pay";
        Errors = ModelState.BindingErrors(nameof(Money));
        if (Errors.Count > 0) return await ShowAsync(id, null, ct);
        var r = await funds.PayAsync(id, new RecordPaymentRequest(Money.AllocationId ?? 0, Money.PaidOn ?? default, Money.Amount ?? 0,
            Money.VoucherNumber ?? "", Money.Payee ?? ""), ct);
        if (r.Succeeded)
        {
            Notice = $"已登记支付 {ProjectPages.Yuan(Money.Amount ?? 0)} 元";
            return Redirect($"/projects/{id}");
        }
        return await ShowAsync(id, r.Failure, ct);
    }

    private async Task<IActionResult> ShowAsync(long id, Failure? failure, CancellationToken ct)
    {
        if (failure is { Kind: FailureKind.NotFound }) return NotFound();
        Error = failure?.Message ?? FormErrors.FixAndRetry;
        if (failure is not null) Errors = FormErrors.FieldErrors(failure);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var r = await handler.GetAsync(id, ct);
        if (!r.Succeeded) return false;
        View = r.Value!;
        if (CanManageFunds) Allocations = await funds.ChoicesAsync(id, ct);
        return true;
    }

    /// <summary>The value to show in a field: what was typed when this form failed, else nothing.</summary>
    public T? Typed<T>(string form, T? value) => Failed == form ? value : default;

    /// <summary>The asset the 资产移交 form names, or none (the project's own value makes one).</summary>
    private IReadOnlyList<Assets.AssetLine>? AssetLines() =>
        Input.Step != ProjectStep.HandOver || Input.Recipient == AssetRecipient.Households || Blank(Input.AssetName) is not { } name ? null
        : [new Assets.AssetLine(name, Input.AssetClass, Input.AssetQuantity, Blank(Input.AssetUnit), Input.AssetValue, null, null, Blank(Input.AssetCustodian))];

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
