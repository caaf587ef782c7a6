using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Employment.ManageLoans;

/// <summary>One loan with its repayments; 登记还款 as POST /api/v1/employment/loans/{id}/repayments.</summary>
[Authorize(Permissions.MonitoringView)]
public sealed class DetailModel(ManageLoansHandler handler, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty] public DateOnly? PaidOn { get; set; }
    [BindProperty] public decimal? Principal { get; set; }
    [BindProperty] public decimal? Interest { get; set; }
    [BindProperty] public int Version { get; set; }

    public LoanView? Loan { get; private set; }
    public bool CanEdit => me.Has(Permissions.MonitoringWork);
    public DateOnly Today => ChinaTime.Today(clock);
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var r = await handler.GetAsync(id, ct);
        if (!r.Succeeded) return NotFound();
        Loan = r.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostRepayAsync(long id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var current = await handler.GetAsync(id, ct);
        if (!current.Succeeded) return NotFound();
        Loan = current.Value;
        Errors = ModelState.BindingErrors();
        if (Errors.Count == 0 && PaidOn is null) Errors["paidOn"] = ["请填写还款日期"];
        if (Errors.Count == 0 && Principal is null && Interest is null) Errors["principal"] = ["请填写还款本金或利息"];
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await handler.RepayAsync(id, new RepayLoanRequest(PaidOn!.Value, Principal ?? 0m, Interest, Version), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = r.Value!.Loan.Status == LoanStatus.Repaid ? "已登记还款，该贷款已结清" : $"已登记还款，贷款余额 {EmploymentPages.Money(r.Value.Loan.Balance)} 元";
            return Redirect($"/employment/loans/{id}");
        }
        if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
        if (r.Failure.Kind == FailureKind.Conflict) Response.StatusCode = StatusCodes.Status409Conflict;
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure.Message;
        return Page();
    }
}
