using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Employment.WelfareJobs;

/// <summary>
/// One position with its holders and wages; 安排在岗人员, 离岗 and 工资发放 as the API's POST holder, end and payments. The holder
/// is chosen in two steps: the household (the household picker, limited to the position's village), then its member.
/// </summary>
[Authorize(Permissions.MonitoringView)]
public sealed class DetailModel(ManageWelfareJobsHandler handler, GetHouseholdHandler households, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? HouseholdId { get; set; }
    [BindProperty] public long? MemberId { get; set; }
    [BindProperty] public DateOnly? StartedOn { get; set; }
    [BindProperty] public DateOnly? EndedOn { get; set; }
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public int? FromMonth { get; set; }
    [BindProperty] public int? ToMonth { get; set; }
    [BindProperty] public decimal? Amount { get; set; }
    [BindProperty] public DateOnly? PaidOn { get; set; }
    [BindProperty] public int Version { get; set; }

    public WelfareJobView? Job { get; private set; }
    public HouseholdView? Household { get; private set; }
    public IReadOnlyList<MemberView> Members => Household?.Members.Where(m => m.Status == MemberStatus.Active).ToList() ?? [];
    public bool CanEdit => me.Has(Permissions.MonitoringWork);
    public DateOnly Today => ChinaTime.Today(clock);
    /// <summary>Which form the errors belong to (assign, end, pay).</summary>
    public string? Form { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAssignAsync(long id, CancellationToken ct) => SubmitAsync(id, "assign", () =>
    {
        if (Household is null) Errors["householdId"] = ["请先选择农户"];
        else if (MemberId is null) Errors["memberId"] = ["请选择在岗人员"];
        if (StartedOn is null) Errors["startedOn"] = ["请填写上岗日期"];
    }, () => handler.AssignAsync(id, new AssignHolderRequest(MemberId!.Value, StartedOn!.Value, Version), ct),
        v => $"{v.Job.HolderName}已于{v.Job.HeldSince:yyyy-MM-dd}在“{v.Job.Name}”上岗", ct);

    public Task<IActionResult> OnPostEndAsync(long id, CancellationToken ct) => SubmitAsync(id, "end", () =>
    {
        if (EndedOn is null) Errors["endedOn"] = ["请填写离岗日期"];
    }, () => handler.EndAsync(id, new EndHolderRequest(EndedOn!.Value, Version), ct), _ => "已办理离岗，该岗位现为空岗", ct);

    public Task<IActionResult> OnPostPayAsync(long id, CancellationToken ct) => SubmitAsync(id, "pay", () =>
    {
        if (Year is null) Errors["year"] = ["请填写发放年度"];
        if (FromMonth is null) Errors["fromMonth"] = ["请选择起始月份"];
        if (PaidOn is null) Errors["paidOn"] = ["请填写发放日期"];
    }, () => handler.PayAsync(id, new PayWelfareJobRequest(Year!.Value, FromMonth!.Value, ToMonth ?? FromMonth, null, Amount, PaidOn!.Value, Version), ct),
        v => v.Payments.FirstOrDefault(p => p.Year == Year && p.FromMonth == FromMonth) is { } p ? $"已登记{p.Year}年{Rules.WelfareJobRules.MonthsText(p.FromMonth, p.ToMonth)}工资 {EmploymentPages.Money(p.Amount)} 元，已计入该户{p.Year}年公益性岗位收入和工资性收入" : "已登记工资发放", ct);

    /// <summary>One of the page's forms: the form's own checks, then the handler; errors are shown next to that form.</summary>
    private async Task<IActionResult> SubmitAsync(long id, string form, Action check, Func<Task<Outcome<WelfareJobView>>> run, Func<WelfareJobView, string> done,
        CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        Form = form;
        Errors = ModelState.BindingErrors();
        if (Errors.Count == 0) check();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await run();
        if (r.Succeeded)
        {
            TempData["Message"] = done(r.Value!);
            return Redirect($"/employment/welfare-jobs/{id}");
        }
        if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
        if (r.Failure.Kind == FailureKind.Conflict) Response.StatusCode = StatusCodes.Status409Conflict;
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure.Message;
        return Page();
    }

    /// <returns>false when the position (or a household named) is missing or out of scope (404, as in the API).</returns>
    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var r = await handler.GetAsync(id, ct);
        if (!r.Succeeded) return false;
        Job = r.Value;
        if (HouseholdId is not { } hid) return true;
        var h = await households.HandleAsync(hid, ct);
        Household = h.Value;
        return h.Succeeded;
    }
}
