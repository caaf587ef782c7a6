using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Employment.ManageLoans;

/// <summary>登记小额信贷 for one household: the same handler as POST /api/v1/employment/loans.</summary>
[Authorize(Permissions.MonitoringWork)]
public sealed class NewModel(ManageLoansHandler handler, GetHouseholdHandler households) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? HouseholdId { get; set; }
    [BindProperty] public long? BorrowerId { get; set; }
    [BindProperty] public string? Bank { get; set; }
    [BindProperty] public string? ContractNumber { get; set; }
    [BindProperty] public decimal? Amount { get; set; }
    [BindProperty] public DateOnly? IssuedOn { get; set; }
    [BindProperty] public DateOnly? DueOn { get; set; }
    [BindProperty] public decimal? RatePercent { get; set; }
    [BindProperty] public decimal? SubsidyAmount { get; set; }
    [BindProperty] public SubsidyPayer? SubsidyPayer { get; set; }
    [BindProperty] public LoanUse? Use { get; set; }
    [BindProperty] public string? UseNote { get; set; }
    [BindProperty] public bool Renewal { get; set; }

    public HouseholdView? Household { get; private set; }
    public IReadOnlyList<MemberView> Borrowers => Household?.Members.Where(m => m.Status == MemberStatus.Active).ToList() ?? [];
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Household is null)
        {
            Errors["householdId"] = ["请先选择农户"];
            return Page();
        }
        Errors = ModelState.BindingErrors();
        if (Errors.Count == 0)
        {
            if (BorrowerId is null) Errors["borrowerId"] = ["请选择借款人"];
            if (Amount is null) Errors["amount"] = ["请填写贷款金额"];
            if (IssuedOn is null) Errors["issuedOn"] = ["请填写放款日期"];
            if (DueOn is null) Errors["dueOn"] = ["请填写到期日期"];
            if (RatePercent is null) Errors["ratePercent"] = ["请填写年利率"];
            if (Use is null) Errors["use"] = ["请选择贷款用途"];
        }
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await handler.IssueAsync(new IssueLoanRequest(Household.Id, BorrowerId!.Value, Bank, ContractNumber, Amount!.Value, IssuedOn!.Value, DueOn!.Value,
            RatePercent!.Value, SubsidyAmount, SubsidyPayer, Use!.Value, UseNote, Renewal), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = $"已登记 {Household.HeadName} 户的小额信贷（{r.Value!.Loan.Bank}，{EmploymentPages.Money(r.Value.Loan.Amount)}元）";
            return Redirect($"/employment/loans/{r.Value.Loan.Id}");
        }
        if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure.Message;
        return Page();
    }

    /// <returns>false when a household was named but is missing or out of scope (404, as in the API).</returns>
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (HouseholdId is not { } id) return true;
        var r = await households.HandleAsync(id, ct);
        Household = r.Value;
        return r.Succeeded;
    }
}
