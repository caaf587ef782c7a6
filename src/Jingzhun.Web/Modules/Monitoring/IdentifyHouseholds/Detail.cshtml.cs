using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Monitoring.IdentifyHouseholds;

/// <summary>The fields of every step's form; each step reads those it needs (see <see cref="StepRequest"/>).</summary>
public sealed class StepInput
{
    public CaseStep Step { get; set; }
    public int Version { get; set; }
    public DateOnly? Date { get; set; }
    public string? Findings { get; set; }
    public int? Participants { get; set; }
    public bool? Agreed { get; set; }
    public MonitoringKind? Kind { get; set; }
    public List<PovertyCause> RiskTypes { get; set; } = [];
    public string? Reason { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? Objections { get; set; }
    public string? ObjectionHandling { get; set; }
    public string? Opinion { get; set; }
    /// <summary>承诺授权: the scan stored by an earlier, failed submit (kept so it need not be chosen again).</summary>
    public string? ScanFileId { get; set; }
}

public sealed class PlanInput
{
    public string? ResponsibleCadre { get; set; }
    public string? Plan { get; set; }
    public int Version { get; set; }
}

public sealed class MeasureInput
{
    public long? Id { get; set; }
    public MeasureCategory? Category { get; set; }
    public PovertyCause? RiskType { get; set; }
    public string? Description { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public decimal? Amount { get; set; }
    public MeasureStatus? Status { get; set; }
    public string? Evidence { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// One household's monitoring case: the procedure so far, one form per step the user may record next, the plan
/// (一户一策) and the measures. The same handler as the /api/v1/monitoring/cases endpoints.
/// </summary>
[Authorize(Permissions.MonitoringView)]
[Platform.Files.UploadLimit(Platform.Files.UploadLimits.FilesKey, Platform.Files.UploadLimits.FilesDefault, "扫描件")]
public sealed class DetailModel(IdentifyHouseholdsHandler handler, SweepRisks.SweepRisksHandler policies, Platform.Files.FileStore files, CurrentUser me,
    TimeProvider clock) : PageModel
{
    public CaseView View { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    /// <summary>The policy row of the case's province this year: publicity days, decision days, threshold.</summary>
    public MonitoringPolicy Policy { get; private set; } = null!;

    [BindProperty] public StepInput Input { get; set; } = new();
    [BindProperty] public PlanInput PlanForm { get; set; } = new();
    [BindProperty] public MeasureInput Measure { get; set; } = new();
    /// <summary>承诺授权: the scan of the signed commitment and consent (JPEG or PNG), stored before the step is recorded.</summary>
    [BindProperty] public IFormFile? Scan { get; set; }
    /// <summary>?measure=ID opens that measure in the form for editing.</summary>
    [BindProperty(SupportsGet = true, Name = "measure")] public long? EditMeasure { get; set; }

    /// <summary>Which form failed: its fields are shown again, as typed, with the errors.</summary>
    public CaseStep? FailedStep { get; private set; }
    public bool PlanFailed { get; private set; }
    public bool MeasureFailed { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public bool IsConflict { get; private set; }

    public bool CanWork => me.Has(Permissions.MonitoringWork);
    public bool IsMonitored => MonitoringCase.MonitoredStages.Contains(View.Case.Stage);
    public bool CanPlan => CanWork && IsMonitored;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        PlanForm = new PlanInput { ResponsibleCadre = View.Case.ResponsibleCadre, Plan = View.Plan, Version = View.Case.Version };
        if (EditMeasure is { } mid && View.Measures.FirstOrDefault(m => m.Id == mid) is { } m)
            Measure = new MeasureInput
            {
                Id = m.Id, Category = m.Category, RiskType = m.RiskType, Description = m.Description, StartDate = m.StartDate, EndDate = m.EndDate,
                Amount = m.Amount, Status = m.Status, Evidence = m.Evidence, Version = m.Version,
            };
        else
            Measure = new MeasureInput { StartDate = Today, Status = MeasureStatus.InProgress };
        return Page();
    }

    public async Task<IActionResult> OnPostStepAsync(long id, CancellationToken ct)
    {
        FailedStep = Input.Step;
        Errors = ModelState.BindingErrors(nameof(Input));
        if (Errors.Count == 0 && Input.Step == CaseStep.Consent && Scan is { Length: > 0 })
        {
            var saved = await files.SaveAsync(Scan, ct);
            if (saved.Succeeded) Input.ScanFileId = saved.Value!.Id;
            else Errors["scanFileId"] = [saved.Failure!.Message];
        }
        if (Errors.Count == 0)
        {
            var r = await handler.RecordStepAsync(id, new StepRequest(Input.Step, Input.Version, Input.Date, Input.Findings, Input.Participants,
                Input.Agreed, Input.Kind, Input.RiskTypes.Count > 0 ? Input.RiskTypes : null, Input.Reason, Input.StartDate, Input.EndDate,
                Input.Objections, Input.ObjectionHandling, Input.Opinion, Input.ScanFileId), ct);
            if (r.Succeeded)
            {
                TempData["Message"] = $"已登记“{Labels.Of(Input.Step)}”，当前为“{Labels.Of(r.Value!.Case.Stage)}”";
                return Redirect($"/monitoring/cases/{id}");
            }
            if (Fail(r.Failure!)) return NotFound();
        }
        else Error = FormErrors.FixAndRetry;
        return await ReloadAsync(id, keepPlan: false, ct);
    }

    public async Task<IActionResult> OnPostPlanAsync(long id, CancellationToken ct)
    {
        PlanFailed = true;
        Errors = ModelState.BindingErrors(nameof(PlanForm));
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return await ReloadAsync(id, keepPlan: true, ct);
        }
        var r = await handler.SetPlanAsync(id, new PlanRequest(PlanForm.ResponsibleCadre, PlanForm.Plan, PlanForm.Version), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = "已保存帮扶计划";
            return Redirect($"/monitoring/cases/{id}#plan");
        }
        if (Fail(r.Failure!)) return NotFound();
        return await ReloadAsync(id, keepPlan: true, ct);
    }

    public async Task<IActionResult> OnPostMeasureAsync(long id, CancellationToken ct)
    {
        MeasureFailed = true;
        Errors = ModelState.BindingErrors(nameof(Measure));
        if (Measure.Category is null) Errors.TryAdd("category", ["请选择措施类别"]);
        if (Measure.StartDate is null) Errors.TryAdd("startDate", ["请填写开始日期"]);
        if (Measure.Status is null) Errors.TryAdd("status", ["请选择措施状态"]);
        if (Errors.Count == 0)
        {
            var r = await handler.SaveMeasureAsync(id, Measure.Id, new MeasureRequest(Measure.Category!.Value, Measure.RiskType, Measure.Description ?? "",
                Measure.StartDate!.Value, Measure.EndDate, Measure.Amount, Measure.Status!.Value, Measure.Evidence, Measure.Version), ct);
            if (r.Succeeded)
            {
                TempData["Message"] = Measure.Id is null ? "已登记帮扶措施" : "已修改帮扶措施";
                return Redirect($"/monitoring/cases/{id}#measures");
            }
            if (Fail(r.Failure!)) return NotFound();
        }
        else Error = FormErrors.FixAndRetry;
        return await ReloadAsync(id, keepPlan: false, ct);
    }

    /// <returns>true when the case is not found (or out of scope): a 404.</returns>
    private bool Fail(Failure f)
    {
        if (f.Kind == FailureKind.NotFound && f.Message.StartsWith("该监测对象", StringComparison.Ordinal)) return true;
        Error = f.Message;
        IsConflict = f.Kind == FailureKind.Conflict;
        foreach (var (k, v) in FormErrors.FieldErrors(f)) Errors[k] = v;
        return false;
    }

    private async Task<IActionResult> ReloadAsync(long id, bool keepPlan, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!keepPlan) PlanForm = new PlanInput { ResponsibleCadre = View.Case.ResponsibleCadre, Plan = View.Plan, Version = View.Case.Version };
        if (!MeasureFailed) Measure = new MeasureInput { StartDate = Today, Status = MeasureStatus.InProgress };
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        Today = ChinaTime.Today(clock);
        var r = await handler.GetAsync(id, ct);
        if (!r.Succeeded) return false;
        View = r.Value!;
        Policy = await policies.PolicyForAsync(View.Case.VillageCode, Today.Year, ct);
        return true;
    }

    public string Err(string field) => FormErrors.ErrorOf(Errors, field);
    public string Cls(string field) => Errors.ContainsKey(field) ? "g-invalid" : "";
}

/// <summary>
/// One step's form on the case page, as its partial view (<see cref="Partial"/>) reads it: the page's input, shown
/// again as typed with the errors only when this step's form failed.
/// </summary>
public sealed record StepForm(DetailModel Page, CaseStep Step)
{
    public StepInput Input => Page.Input;
    public CaseView View => Page.View;
    public CaseRow Case => Page.View.Case;
    public IReadOnlyList<PovertyCause> CaseRisks => MonitoringPages.RiskTypes(Case.RiskTypes);
    /// <summary>This step's form failed.</summary>
    public bool Mine => Page.FailedStep == Step;
    public bool Elimination => MonitoringCase.IsElimination(Step);

    /// <summary>The partial view of the step's fields (the 风险消除 steps share their identification twin's).</summary>
    public string Partial => Step switch
    {
        CaseStep.Visit => "_VisitStep",
        CaseStep.Consent => "_ConsentStep",
        CaseStep.Comparison => "_ComparisonStep",
        CaseStep.Appraisal or CaseStep.EliminationAppraisal => "_AppraisalStep",
        CaseStep.Publicity or CaseStep.EliminationPublicity => "_PublicityStep",
        CaseStep.TownshipReview or CaseStep.EliminationTownship => "_ReviewStep",
        CaseStep.CountyDecision => "_DecisionStep",
        CaseStep.StartElimination => "_StartEliminationStep",
        _ => "_EliminationDecisionStep",
    };

    /// <summary>A field's value: what was typed when this step failed, else the default.</summary>
    public T? Typed<T>(T? typed, T? otherwise = default) => Mine ? typed : otherwise;
    public string Err(string field) => Mine ? Page.Err(field) : "";
    public string Cls(string field) => Mine ? Page.Cls(field) : "";
    /// <summary>The risk-type boxes: what was typed when this step failed, else the case's.</summary>
    public RiskChoice Risks => new(Mine ? Input.RiskTypes : CaseRisks, Mine && Page.Errors.ContainsKey("riskTypes"));

    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd") ?? "";
}

/// <summary>The risk-type check boxes of a step form (_RiskChecks).</summary>
public sealed record RiskChoice(IReadOnlyCollection<PovertyCause> Selected, bool Invalid);
