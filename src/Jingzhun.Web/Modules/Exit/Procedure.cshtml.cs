using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Exit;

/// <summary>The fields of the next step's form (see <see cref="ExitStepRequest"/>); Agreed picks the stage to move to.</summary>
public sealed class ExitStepInput
{
    public int Version { get; set; }
    public bool? Agreed { get; set; }
    public DateOnly? Date { get; set; }
    public int? Participants { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? Objections { get; set; }
    public string? Reason { get; set; }
}

/// <summary>One household's exit procedure: 民主评议 → 村级公示 → 县级审定; the same handler as /api/v1/exit/procedures.</summary>
[Authorize(Permissions.RegistryView)]
public sealed class ProcedureModel(EvaluateExitHandler handler, CurrentUser me, TimeProvider clock) : PageModel
{
    public ExitProcedureDetail Detail { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    [BindProperty] public ExitStepInput Input { get; set; } = new();

    public bool Failed { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public bool IsConflict { get; private set; }

    /// <summary>The user may record the next step (village steps: monitoring.work; the county decision: monitoring.decide).</summary>
    public bool CanStep => Detail.Procedure.Stage switch
    {
        ExitStage.Appraisal or ExitStage.Publicity => me.Has(Permissions.MonitoringWork),
        ExitStage.CountyDecision => me.Has(Permissions.MonitoringDecide),
        _ => false,
    };

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Failed = true;
        Errors = ModelState.BindingErrors(nameof(Input));
        var stage = Detail.Procedure.Stage;
        ExitStage? to = stage switch
        {
            ExitStage.Appraisal or ExitStage.CountyDecision when Input.Agreed is null => null,
            ExitStage.Appraisal => Input.Agreed == true ? ExitStage.Publicity : ExitStage.Rejected,
            ExitStage.Publicity => ExitStage.CountyDecision,
            ExitStage.CountyDecision => Input.Agreed == true ? ExitStage.Exited : ExitStage.Rejected,
            _ => null,
        };
        if (to is null && stage is ExitStage.Appraisal or ExitStage.CountyDecision) Errors.TryAdd("agreed", ["请选择结果"]);
        if (Errors.Count == 0)
        {
            if (to is null)
            {
                Error = $"当前为“{Labels.Of(stage)}”，退出程序已结束";
                IsConflict = true;
                return Page();
            }
            var r = await handler.StepAsync(id, new ExitStepRequest(to.Value, Input.Version, Input.Date, Input.Participants, Input.StartDate,
                Input.EndDate, Input.Objections, Input.Reason), ct);
            if (r.Succeeded)
            {
                TempData["Message"] = $"已登记，当前为“{Labels.Of(r.Value!.Stage)}”";
                return Redirect($"/exit/procedures/{id}");
            }
            var f = r.Failure!;
            if (f.Kind == FailureKind.NotFound) return NotFound();
            Error = f.Message;
            IsConflict = f.Kind == FailureKind.Conflict;
            if (f.Kind == FailureKind.Forbidden) Response.StatusCode = StatusCodes.Status403Forbidden;
            foreach (var (k, v) in FormErrors.FieldErrors(f)) Errors[k] = v;
            // A conflict shows the latest state (the form keeps what was typed, with the new version).
            if (IsConflict) await LoadAsync(id, ct);
        }
        else Error = FormErrors.FixAndRetry;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        Today = ChinaTime.Today(clock);
        var r = await handler.ProcedureAsync(id, ct);
        if (!r.Succeeded) return false;
        Detail = r.Value!;
        return true;
    }

    public string Err(string field) => Failed ? FormErrors.ErrorOf(Errors, field) : "";
    public string Cls(string field) => Failed && Errors.ContainsKey(field) ? "g-invalid" : "";
}
