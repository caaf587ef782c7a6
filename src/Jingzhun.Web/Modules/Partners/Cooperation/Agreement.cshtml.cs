using System.Globalization;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Partners.Cooperation;

/// <summary>
/// A yearly agreement: completion per indicator, the form to set the year's targets (PUT …/agreements/{id}/targets) and
/// the form to record a delivery (POST …/agreements/{id}/deliveries), and the deliveries.
/// </summary>
[Authorize(Permissions.PartnersView)]
public sealed class AgreementModel(ManageCooperationHandler handler, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty] public Dictionary<CooperationIndicator, decimal?> Targets { get; set; } = [];
    [BindProperty] public int Version { get; set; }
    [BindProperty] public CooperationIndicator? Indicator { get; set; }
    [BindProperty] public decimal? Amount { get; set; }
    [BindProperty] public DateOnly? DeliveredOn { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? ProjectIds { get; set; }

    public AgreementView? Agreement { get; private set; }
    public bool CanEdit => CooperationPages.CanEdit(me);
    public DateOnly Today => ChinaTime.Today(clock);
    /// <summary>Which form the errors belong to: "targets" or "delivery".</summary>
    public string? Form { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var r = await handler.GetAgreementAsync(id, ct);
        if (!r.Succeeded) return NotFound();
        Agreement = r.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostTargetsAsync(long id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var current = await handler.GetAgreementAsync(id, ct);
        if (!current.Succeeded) return NotFound();
        Agreement = current.Value;
        Form = "targets";
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Errors["targets"] = ["目标应填写数字（万元或人数、个数），不考核的指标留空"];
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var items = Targets.Select(t => new TargetItem(t.Key, t.Value)).ToList();
        return await Done(handler.SetTargetsAsync(id, new SetTargetsRequest(items, Version), ct), id, "已保存年度目标");
    }

    public async Task<IActionResult> OnPostDeliveryAsync(long id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var current = await handler.GetAgreementAsync(id, ct);
        if (!current.Succeeded) return NotFound();
        Agreement = current.Value;
        Form = "delivery";
        Errors = ModelState.BindingErrors();
        var projects = new List<long>();
        foreach (var part in (ProjectIds ?? "").Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) projects.Add(pid);
            else Errors["projectIds"] = ["项目编号应为数字，多个用逗号分隔"];
        }
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var label = Indicator is { } i && Enum.IsDefined(i) ? Labels.Of(i) : "";
        return await Done(handler.RecordDeliveryAsync(id, new RecordDeliveryRequest(Indicator, Amount, DeliveredOn, Note, projects), ct), id,
            $"已登记到位情况：{label}");
    }

    [BindProperty] public long DeliveryId { get; set; }

    public async Task<IActionResult> OnPostRemoveDeliveryAsync(long id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var current = await handler.GetAgreementAsync(id, ct);
        if (!current.Succeeded) return NotFound();
        Agreement = current.Value;
        var d = Agreement!.Deliveries.FirstOrDefault(x => x.Id == DeliveryId);
        if (d is null) return NotFound();
        return await Done(handler.RemoveDeliveryAsync(id, DeliveryId, ct), id,
            $"已撤销到位记录：{d.Label} {CooperationIndicators.Of(d.Indicator).Format(d.Amount)}{d.Unit}（{d.DeliveredOn:yyyy-MM-dd}）");
    }

    private async Task<IActionResult> Done(Task<Outcome<AgreementView>> call, long id, string message)
    {
        var r = await call;
        if (r.Succeeded)
        {
            TempData["Message"] = message;
            return Redirect($"/partners/cooperation/agreements/{id}");
        }
        if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
        if (r.Failure.Kind == FailureKind.Forbidden) return Forbid();
        if (r.Failure.Kind == FailureKind.Conflict) Response.StatusCode = StatusCodes.Status409Conflict;
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure.Message;
        return Page();
    }
}
