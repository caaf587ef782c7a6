using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Projects.ManageProjects;

/// <summary>One budget line of the form (source and amount).</summary>
public sealed class BudgetInput
{
    public FundSource? Source { get; set; }
    public decimal? Amount { get; set; }
}

/// <summary>申报项目: a village or township proposes a project of one of its villages, with its budget, targets and households.</summary>
[Authorize(Permissions.ProjectsPropose)]
public sealed class NewModel(ManageProjectsHandler handler, TimeProvider clock) : PageModel
{
    public const int BudgetRows = 3;

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public string? VillageCode { get; set; }
    [BindProperty] public ProjectCategory? Category { get; set; }
    [BindProperty] public string? SubType { get; set; }
    [BindProperty] public string? ImplementingUnit { get; set; }
    [BindProperty] public DateOnly? PlannedStart { get; set; }
    [BindProperty] public DateOnly? PlannedEnd { get; set; }
    [BindProperty] public int? TargetHouseholds { get; set; }
    [BindProperty] public int? TargetJobs { get; set; }
    [BindProperty] public decimal? TargetIncomePerHousehold { get; set; }
    [BindProperty] public List<BudgetInput> Budget { get; set; } = [];
    [BindProperty] public List<long> HouseholdIds { get; set; } = [];
    [BindProperty] public BenefitKind? Benefit { get; set; }

    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public void OnGet() => Year ??= ChinaTime.Today(clock).Year;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        if (HouseholdIds.Count > 0 && Benefit is null)
        {
            Errors["benefit"] = ["请选择受益户的受益方式"];
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var budget = Budget.Where(b => b.Source is not null || b.Amount is not null)
            .Select(b => new BudgetLine(b.Source ?? 0, b.Amount ?? 0)).ToList();
        var r = await handler.ProposeAsync(new ProposeProjectRequest(Name ?? "", Year ?? 0, string.IsNullOrWhiteSpace(VillageCode) ? [] : [VillageCode],
            Category ?? 0, SubType ?? "", ImplementingUnit ?? "", PlannedStart ?? default, PlannedEnd ?? default, TargetHouseholds ?? 0, TargetJobs ?? 0,
            TargetIncomePerHousehold ?? 0, budget, HouseholdIds.Distinct().Select(h => new BeneficiaryLine(h, Benefit ?? 0)).ToList()), ct);
        if (r.Succeeded)
        {
            TempData[nameof(DetailModel.Notice)] = "项目已申报，待乡镇审核";
            return Redirect($"/projects/{r.Value!.Project.Id}");
        }
        Error = r.Failure!.Message;
        Errors = FormErrors.FieldErrors(r.Failure);
        return Page();
    }

    public BudgetInput Line(int i) => i < Budget.Count ? Budget[i] : new BudgetInput();
}
