using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Modules.Guarantees.AssessHouseholds;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Guarantees.ManageProblems;

/// <summary>人工登记问题: a problem found on a visit, in department data, by an inspection or a complaint.</summary>
[Authorize(Permissions.GuaranteesReport)]
public sealed class NewModel(ManageProblemsHandler handler, GetHouseholdHandler households, AssessHouseholdsHandler assess) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? HouseholdId { get; set; }
    [BindProperty(SupportsGet = true)] public Dimension? Dimension { get; set; }
    [BindProperty] public ProblemSource? Source { get; set; }
    [BindProperty] public Severity? Severity { get; set; }
    [BindProperty] public string? Description { get; set; }

    public HouseholdView? Household { get; private set; }
    public GuaranteePanel? Panel { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    /// <summary>The open problem that blocks a duplicate registration.</summary>
    public long? ExistingId { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (HouseholdId is null) return Page();
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (HouseholdId is null)
        {
            Errors["householdId"] = ["请先选择要登记问题的户"];
            return Page();
        }
        if (!await LoadAsync(ct)) return NotFound();
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await handler.OpenAsync(new OpenProblemRequest(HouseholdId.Value, Dimension ?? 0, Source ?? 0, Severity ?? 0, Description ?? ""), ct);
        if (r.Succeeded)
        {
            TempData[nameof(DetailModel.Notice)] = "问题已登记，待交办";
            return Redirect($"/problems/{r.Value!.Id}");
        }
        Error = r.Failure!.Message;
        Errors = FormErrors.FieldErrors(r.Failure);
        if (r.Failure.Kind == FailureKind.Conflict && Dimension is { } d)
            ExistingId = Panel?.Dimensions.FirstOrDefault(x => x.Dimension == d)?.OpenProblemId;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var h = await households.HandleAsync(HouseholdId!.Value, ct);
        if (!h.Succeeded) return false;
        Household = h.Value;
        var panel = await assess.PanelAsync(HouseholdId.Value, ct);
        Panel = panel.Succeeded ? panel.Value : null;
        return true;
    }
}
